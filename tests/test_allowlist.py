"""The allowlist of members' HTML: what a newsletter needs passes, all else is refused, exactly.

Hostile cases are drawn from the HTML specification's own index of elements and attributes,
written out below, not from the product's lists: whatever the allowlist does not name must be
refused, by `check` in the Markdown and by `fragment_faults` in the rendered HTML.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from polyvox.content import allowlist
from polyvox.content.safety import check_body, fragment_faults
from tests.test_untrusted import EXTENSION_CONFIGS, EXTENSIONS


def words(text: str) -> list[str]:
    """The words of a list written out as text."""
    return text.split()


SPEC_ELEMENTS = words("""
a abbr address area article aside audio b base bdi bdo blockquote body br button canvas caption
cite code col colgroup data datalist dd del details dfn dialog div dl dt em embed fieldset
figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input ins
kbd label legend li link main map mark math menu meta meter nav noscript object ol optgroup option
output p picture pre progress q rp rt ruby s samp script search section select slot small source
span strong style sub summary sup svg table tbody td template textarea tfoot th thead time title
tr track u ul var video wbr
acronym applet basefont bgsound big blink center dir font frame frameset image isindex keygen
listing marquee menuitem multicol nextid nobr noembed noframes plaintext rb rtc spacer strike tt
xmp
""")
"""Every element of the WHATWG HTML index, then its obsolete and non-conforming ones."""
SPEC_SVG_MATHML = words("""
animate animateMotion animateTransform discard feImage filter foreignObject image marker mask
mpath pattern script set style switch symbol textPath view
maction annotation annotation-xml math merror mi mn mo ms mtext
""")
"""SVG elements that load, animate or embed, and MathML elements (the SVG 2 and MathML 4 lists)."""
SPEC_ATTRIBUTES = words("""
accesskey action allow alt async autocapitalize autocomplete autofocus autoplay background
blocking charset checked cite color cols colspan content contenteditable controls coords
crossorigin data datetime decoding default defer dirname disabled download draggable enctype
enterkeyhint fetchpriority for form formaction formenctype formmethod formnovalidate formtarget
headers height hidden high href hreflang http-equiv inert inputmode integrity is itemid itemprop
itemref itemscope itemtype kind label list loading loop low max maxlength media method min
minlength multiple muted name nomodule nonce novalidate open optimum pattern ping placeholder
playsinline popover popovertarget popovertargetaction poster preload readonly referrerpolicy rel
required reversed rows rowspan sandbox scope selected shadowrootmode shape size sizes slot span
spellcheck src srcdoc srclang srcset start step style tabindex target type usemap value width
wrap writingsuggestions xmlns data-md-component data-x
onabort onanimationstart onauxclick onbeforeinput onblur oncanplay onclick oncontextmenu oncopy
onerror onfocus onfocusin oninput onkeydown onload onmouseenter onmouseover onpointerdown
onpointerenter onscroll onscrollend onsubmit ontoggle ontransitionend onwheel
""")
"""Attributes of the WHATWG HTML index (content attributes, then event handlers)."""

LEGITIMATE = [
    pytest.param(
        'Write `<iframe>` to embed a page.\n\n<span lang="fr">Bonjour</span>\n',
        id="code span about iframe beside harmless HTML",
    ),
    pytest.param(
        '<span lang="fr">Bonjour</span>, and `<script>` is how pages run code.\n',
        id="code span on the line of raw HTML",
    ),
    pytest.param(
        "<div>\nA block.\n</div>\n\nThen ``<style>`` and `<object data=x>` as code.\n",
        id="code spans after a raw block",
    ),
    pytest.param("```html\n<script>alert(1)</script>\n```\n\n<b>bold</b>\n", id="fenced code"),
    pytest.param('!!! note "Before you come"\n    Bring `<your questions>`.\n', id="admonition"),
    pytest.param("```python\nprint('<iframe>')\n```\n", id="highlighted code"),
    pytest.param("Press <kbd>Ctrl</kbd>+<kbd>C</kbd>.\n", id="kbd"),
    pytest.param("H<sub>2</sub>O and E=mc<sup>2</sup>.\n", id="sub and sup"),
    pytest.param('<abbr title="Ask Me Anything">AMA</abbr>\n', id="abbr with title"),
    pytest.param(
        "<details>\n<summary>The minutes</summary>\nWe agreed.\n</details>\n", id="details"
    ),
    pytest.param('<img src="map.png" alt="The map" width="320" height="200">\n', id="img"),
    pytest.param('<a href="https://example.org/" title="Our host">host</a>\n', id="link"),
    pytest.param(
        '<table>\n<thead><tr><th colspan="2">Vote</th></tr></thead>\n'
        "<tbody><tr><td>Yes</td><td>12</td></tr></tbody>\n</table>\n",
        id="html table",
    ),
    pytest.param("| a | b |\n|:--|--:|\n| 1 | 2 |\n", id="markdown table with alignment"),
    pytest.param("<div markdown>\n**Bold** in a block.\n</div>\n", id="markdown in html"),
    pytest.param(
        '<div markdown="1">\n**Bold**\n</div>\n\nThen `<iframe>` as code.\n',
        id="code span after a markdown block",
    ),
    pytest.param(
        '<svg width="40" height="40" viewBox="0 0 40 40"><defs><circle id="dot" r="4"/></defs>'
        '<use href="#dot" x="20" y="20" fill="#2f6690"/></svg>\n',
        id="inline svg using its own shape",
    ),
    pytest.param(
        '<time datetime="2026-09-01">1 September</time>, <mark>marked</mark>, '
        "<del>old</del> <ins>new</ins>, <q>quoted</q>, <ruby>漢<rt>kan</rt></ruby>\n",
        id="text-level elements",
    ),
    pytest.param("## Agenda { #agenda .tip lang=fr }\n", id="heading attribute list"),
    pytest.param('![The map](map.png){ width="300" }\n', id="image attribute list"),
    pytest.param("Sets {a, b} and {x} in prose, a < b > c.\n", id="braces and comparisons"),
    pytest.param("<https://example.org/x> and <amara@example.org>\n", id="autolinks"),
    pytest.param("[x](<https://example.org/a>) and [y](<../reply.md>)\n", id="angle links"),
    pytest.param("1. [r]:\n\n    <b>bold</b>\n", id="list item that is not a definition"),
]


def check(body: str) -> list[str]:
    """What `check` says about a body (starting on line 6), as file:line: message."""
    with tempfile.TemporaryDirectory() as folder:
        content = Path(folder)
        problems, _ = check_body(body, 6, "x.md", folder=content, content_dir=content)
    return [f"{p.line}: {p.message}" for p in problems]


def rendered(body: str) -> str:
    """The body's HTML as the site renders it."""
    return markdown.markdown(body, extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)


@pytest.mark.parametrize("body", LEGITIMATE)
def test_html_a_newsletter_needs_passes_check_and_the_fragment_guard(body):
    """Legitimate HTML (code about HTML among it) is never refused, in Markdown or rendered."""
    assert check(body) == []
    assert fragment_faults(rendered(body)) == []


AS_CODE = "remove it (to show it as code, put it between ``` fences)"
LOADS = "loads a file from another site for every reader"
OUTSIDE = (
    "is on another site, which every reader's browser would then call: copy the file into "
    "content/ (e.g. content/assets/) and point to it with a relative path"
)
ONLY_TEXT_ALIGN = (
    "only 'text-align: left|right|center|justify' is accepted: remove the rest (the site's "
    "theme styles every element)"
)
REFUSED = [
    pytest.param(
        '<span style="background:url(https://evil.example/x.png)">hi</span>\n',
        [
            "6: attribute 'style' on <span> is not allowed: "
            f"'background:url(https://evil.example/x.png)' {LOADS}; {ONLY_TEXT_ALIGN}"
        ],
        id="style calling another site",
    ),
    pytest.param(
        '<a href="https://evil.example/" style="position:fixed;top:0;left:0;width:100vw;'
        'height:100vh;z-index:9999;background:white">Your session expired: log in again</a>\n',
        [
            "6: attribute 'style' on <a> is not allowed: 'position:fixed;top:0;left:0;"
            "width:100vw;height:100vh;z-inde…' can place the element over the site's own page; "
            + ONLY_TEXT_ALIGN
        ],
        id="full-page overlay",
    ),
    pytest.param(
        '<svg width="10" height="10"><use href="https://evil.example/x.svg#x"></use></svg>\n',
        [f"6: <use href> 'https://evil.example/x.svg#x' {OUTSIDE}"],
        id="svg use of an outside drawing",
    ),
    pytest.param(
        "![pixel](https://evil.example/p.png)\n",
        [f"6: image 'https://evil.example/p.png' {OUTSIDE}"],
        id="outside image",
    ),
    pytest.param(
        "![pixel][p] and ![Q]\n\n[p]: https://evil.example/p.png\n[q]: //evil.example/q.png\n",
        [
            f"8: image definition 'https://evil.example/p.png' {OUTSIDE}",
            f"9: image definition '//evil.example/q.png' {OUTSIDE}",
        ],
        id="outside image by reference",
    ),
    pytest.param(
        "![p](&#47;&#47;evil.example/p.png) <img src='/&#9;/evil.example/q.png' alt=''>\n",
        [
            f"6: <img src> '/\\t/evil.example/q.png' {OUTSIDE}",
            f"6: image '&#47;&#47;evil.example/p.png' {OUTSIDE}",
        ],
        id="outside image written with entities",
    ),
    pytest.param(
        '<svg><circle r="4" fill="url(https://evil.example/#g)"/></svg>\n',
        [
            "6: attribute 'fill' on <circle> is not allowed: 'url(https://evil.example/#g)' "
            f"{LOADS}; use url(#id) of this drawing, or a colour"
        ],
        id="svg paint from another site",
    ),
    pytest.param(
        "<svg><foreignObject><p>x</p></foreignObject></svg>\n",
        [
            "6: <foreignobject> is not allowed: it embeds another page or program in the site; "
            + AS_CODE
        ],
        id="svg foreignObject",
    ),
    pytest.param(
        "<marquee>Breaking</marquee>\n",
        [
            "6: <marquee> is not allowed: it is not among the elements members' HTML may use "
            f"(see 'HTML you may write' in CONTRIBUTING.md); {AS_CODE}"
        ],
        id="element not listed",
    ),
    pytest.param(
        '<span tabindex="1" hidden>x</span>\n',
        [
            "6: attribute 'tabindex' on <span> is not allowed: <span> may carry only class, "
            "dir, id, lang, title, translate (and aria-*); remove it",
            "6: attribute 'hidden' on <span> is not allowed: <span> may carry only class, dir, "
            "id, lang, title, translate (and aria-*); remove it",
        ],
        id="attributes not listed",
    ),
    pytest.param(
        '<p data-md-component="dialog">x</p>\n',
        [
            "6: attribute 'data-md-component' on <p> is not allowed: the site's scripts read "
            "data- attributes; remove it"
        ],
        id="data attribute",
    ),
    pytest.param(
        '<div class="md-overlay">x</div>\n\n<p id="__drawer">y</p>\n',
        [
            "6: attribute 'class' on <div> is not allowed: class 'md-overlay': it belongs to "
            "the site's theme, whose components can be placed over the page; remove it",
            "8: attribute 'id' on <p> is not allowed: id '__drawer': ids starting with '__' "
            "belong to the site's theme; choose another",
        ],
        id="theme class and id",
    ),
    pytest.param(
        'A paragraph.\n{: style="position:absolute;top:0" }\n',
        [
            "7: attribute list '{: style=\"position:absolute;top:0\" }' sets 'style': "
            "'position:absolute;top:0' can place the element over the site's own page; "
            + ONLY_TEXT_ALIGN
        ],
        id="attribute list style",
    ),
    pytest.param(
        "## Title { .md-dialog }\n",
        [
            "6: attribute list '{ .md-dialog }' sets class 'md-dialog': it belongs to the "
            "site's theme, whose components can be placed over the page; remove it"
        ],
        id="attribute list theme class",
    ),
    pytest.param(
        "<div>\n`<script>alert(1)</script>`\n</div>\n",
        [f"7: <script> is not allowed: it runs code in readers' browsers; {AS_CODE}"],
        id="backticks in a raw block are not code",
    ),
    pytest.param(
        '<div>\n\n```{.tip title="a"}\n</div>\n```\n\nWrite `<iframe>`\n\n</div>\n',
        [f"12: <iframe> is not allowed: it embeds another page or program in the site; {AS_CODE}"],
        id="a fence with options does not end a raw block",
    ),
]


@pytest.mark.parametrize(("body", "expected"), REFUSED)
def test_check_refuses_what_the_allowlist_does_not_name(body, expected):
    """Each refusal names the line, what was found and the fix."""
    assert check(body) == expected


FRAGMENTS = [
    pytest.param(
        '<p><span style="background:url(https://evil.example/x.png)">hi</span></p>',
        [
            (
                1,
                "attribute 'style' on <span> is not allowed: "
                f"'background:url(https://evil.example/x.png)' {LOADS}; {ONLY_TEXT_ALIGN}",
            )
        ],
        id="style",
    ),
    pytest.param(
        '<p>a</p>\n<p><img alt="" src="https://evil.example/p.png"></p>',
        [(2, f"<img src> 'https://evil.example/p.png' {OUTSIDE}")],
        id="outside image",
    ),
    pytest.param(
        "<p>x</p>\n<script>alert(1)</script>",
        [(2, f"<script> is not allowed: it runs code in readers' browsers; {AS_CODE}")],
        id="script",
    ),
    pytest.param(
        '<p><a href="javascript:alert(1)">x</a></p>',
        [
            (
                1,
                "<a href> 'javascript:alert(1)' uses the scheme 'javascript:', which is not "
                "allowed: link with https://, http:// or mailto:, or with a path inside the site",
            )
        ],
        id="script link",
    ),
]


@pytest.mark.parametrize(("html", "expected"), FRAGMENTS)
def test_fragment_guard_says_what_it_found(html, expected):
    """The build's guard over a rendered fragment names what it found, on the fragment's line."""
    assert [(f.line, f.message) for f in fragment_faults(html)] == expected


REFUSED_ELEMENTS = sorted(
    {t.lower() for t in SPEC_ELEMENTS + SPEC_SVG_MATHML}
    - allowlist.ALLOWED_ELEMENTS
    - allowlist.IMPLIED
)


def element_message(tag: str, *, in_sentence: bool = False) -> str:
    """The exact refusal of an element, from the reason the guide gives for it; inside a
    sentence, the fix is backticks rather than a fence."""
    reason = allowlist.REASONS.get(tag, allowlist.NOT_LISTED)
    fix = AS_TEXT.format(tag=tag) if in_sentence else AS_CODE
    return f"<{tag}> is not allowed: it {reason}; {fix}"


AS_TEXT = "remove it (to show the tag as text, put it in backticks: `<{tag}>`, or write &lt;{tag}>)"


@settings(max_examples=150, deadline=None)
@given(
    tag=st.sampled_from(REFUSED_ELEMENTS),
    before=st.sampled_from(["", "Text ", "<p>", "<div>", "<b>x</b> ", "<span lang=fr>"]),
)
def test_any_element_outside_the_allowlist_is_refused(tag, before):
    """Every element of the spec the allowlist does not name is refused, in Markdown and HTML."""
    written = f"<{tag}>inside</{tag}>"
    in_sentence = before in ("Text ", "<b>x</b> ")
    assert f"6: {element_message(tag, in_sentence=in_sentence)}" in check(f"{before}{written}\n")
    assert element_message(tag) in [f.message for f in fragment_faults(f"{before}{written}")]


@settings(max_examples=150, deadline=None)
@given(
    tag=st.sampled_from(sorted(allowlist.HTML_ELEMENTS)),
    name=st.sampled_from(SPEC_ATTRIBUTES),
    value=st.sampled_from(["x", "1", "javascript:alert(1)", "position:fixed", ""]),
)
def test_any_attribute_outside_the_allowlist_is_refused(tag, name, value):
    """An attribute the element may not carry is refused, whatever its value."""
    allowed = allowlist.HTML_ELEMENTS[tag] | allowlist.GLOBAL_ATTRIBUTES
    if name in allowed or (name == "style" and not value):
        return  # an empty style sets nothing
    html = f'<div><{tag} {name}="{value}">t</{tag}></div>'
    found = [f.message for f in fragment_faults(html)]
    assert any(m.startswith(f"attribute '{name}' on <{tag}> is not allowed") for m in found), found
    assert any(f"attribute '{name}' on <{tag}> is not allowed" in m for m in check(html + "\n"))


def test_the_guide_lists_exactly_the_allowed_elements():
    """CONTRIBUTING.md's 'HTML you may write' names each allowed element, and no other."""
    from tests.test_contributing import section

    listed = re.findall(r"`<([A-Za-z0-9]+)>`", section("### HTML you may write"))
    assert {t.lower() for t in listed} == allowlist.ALLOWED_ELEMENTS


SVG_HEAD = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">\n'
LOADS_FROM_FILE = f'{LOADS}; point it at a part of this file (href="#id") or embed the picture'
SVG_FILES = [
    pytest.param(
        '<use xlink:href="https://evil.example/x.svg#a"/>\n<image href="//evil.example/p.png"/>\n',
        [
            "2: error: <use href> 'https://evil.example/x.svg#a' is not allowed: it "
            + LOADS_FROM_FILE,
            f"3: error: <image href> '//evil.example/p.png' is not allowed: it {LOADS_FROM_FILE}",
        ],
        id="use and image reaching outside",
    ),
    pytest.param(
        "<style>@import url(https://evil.example/a.css);</style>\n"
        '<rect fill="url(https://evil.example/#g)"/>\n',
        [
            f"2: error: <style> '@import' is not allowed: it {LOADS}; use url(#id) of this "
            "file, or a colour",
            "3: error: attribute 'fill' on <rect> is not allowed: 'url(https://evil.example/#g)' "
            f"{LOADS}; use url(#id) of this file, or a colour",
        ],
        id="styles reaching outside",
    ),
    pytest.param(
        "<foreignObject><p>x</p></foreignObject>\n",
        [
            "2: error: <foreignObject> is not allowed: it embeds another page or program in "
            "the site; remove it"
        ],
        id="foreignObject",
    ),
]


@pytest.mark.parametrize(("inside", "expected"), SVG_FILES)
def test_svg_files_may_not_reach_outside_themselves(content_tree, run_check, inside, expected):
    """An SVG file draws only from itself: no outside <use>, <image>, url() or @import."""
    root = content_tree({"content/assets/logo.svg": SVG_HEAD + inside + "</svg>\n"})
    code, lines = run_check(root)
    assert (code, lines[:-1]) == (1, [f"content/assets/logo.svg:{e}" for e in expected])


def test_svg_files_that_draw_from_themselves_pass(content_tree, run_check):
    """Gradients, local <use> and embedded pictures are a drawing's own parts."""
    drawing = (
        '<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient>'
        '<circle id="a" r="3"/></defs><style>.x { fill: url(#g) }</style>\n'
        '<use href="#a"/><image href="data:image/png;base64,iVBORw0KGgo="/>'
        '<rect class="x" fill="url(#g)" width="4" height="4"/>\n'
    )
    root = content_tree({"content/assets/logo.svg": SVG_HEAD + drawing + "</svg>\n"})
    assert run_check(root) == (0, ["polyvox: 11 files checked, no problems found."])


def test_every_body_of_the_example_community_renders_to_fragments_the_guard_accepts():
    """The fragment guard refuses nothing the example community's members wrote."""
    from polyvox.content.load import load_community
    from tests.conftest import REPO

    community = load_community(REPO).community
    assert community is not None
    bodies = [
        *(person.bio for person in community.contributors.values()),
        *(issue.editorial for issue in community.issues),
        *(piece.body for issue in community.issues for piece in issue.contributions),
        *(session.intro for session in community.sessions),
        *(q.text for session in community.sessions for q in session.questions),
        *(t.body for session in community.sessions for q in session.questions for t in q.turns),
        *(page.body for page in community.pages),
    ]
    assert len(bodies) > 40
    faults = {body[:40]: fragment_faults(rendered(body)) for body in bodies}
    assert {start: found for start, found in faults.items() if found} == {}
