"""Untrusted values and bodies, rendered as the site renders them: nothing active gets through.

Pages are generated as the site ships them (Polyvox renders bodies with Python-Markdown and the
extensions of the example mkdocs.yml, and assembles the HTML itself), then read with lxml.html,
a parser the product's checker does not share. What counts as active is taken from the HTML
specification's content categories, written out below, not from the product's lists;
tests/test_untrusted_browser.py asks a real browser.
"""

from __future__ import annotations

import re
import tempfile
from datetime import date
from pathlib import Path

import lxml.html
import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from polyvox.commands.cli import main
from polyvox.content.load import load_community
from polyvox.content.reader import UNPRINTABLE
from polyvox.content.safety import check_body
from polyvox.content.schema import VISIBLE_PATTERN
from polyvox.render.fragments import Body, MarkdownSetup, Renderer
from polyvox.site.view import SiteOptions
from tests.conftest import REPO, write_tree
from tests.support import made_pages, site_of

SITE_CONFIG = yaml.safe_load((REPO / "mkdocs.yml").read_text())
EXTENSIONS = [
    next(iter(e)) if isinstance(e, dict) else e for e in SITE_CONFIG["markdown_extensions"]
]
EXTENSION_CONFIGS = {
    next(iter(e)): e[next(iter(e))]
    for e in SITE_CONFIG["markdown_extensions"]
    if isinstance(e, dict)
}
EMBEDDED = {"audio", "canvas", "embed", "iframe", "object", "video", "source", "track"}
"""The spec's embedded content that loads or runs another resource (img, svg, math apart)."""
METADATA = {"base", "link", "meta", "noscript", "script", "style", "template", "title"}
"""The spec's metadata content: none of it belongs in a page's body."""
FORMS = {"form", "button", "fieldset", "input", "label", "output", "select", "textarea"}
"""The spec's form-associated elements: they collect or submit what readers type."""
RAW_TEXT = {"script", "style", "textarea", "title", "xmp", "plaintext", "noembed", "noframes"}
"""Raw-text and escapable raw-text elements, where browsers and parsers can read differently."""
OBSOLETE = {"applet", "frame", "frameset", "keygen", "isindex", "marquee", "bgsound", "portal"}
FOREIGN = {
    "math", "foreignobject", "image", "feimage", "animate", "set", "animatemotion",
    "animatetransform", "handler", "listener",
}  # fmt: skip
"""SVG and MathML elements that embed, load, animate attributes or hide HTML in another parser."""
ACTIVE_TAGS = EMBEDDED | METADATA | FORMS | RAW_TEXT | OBSOLETE | FOREIGN | {"dialog"}
URL_ATTRIBUTES = {
    "href", "src", "srcset", "action", "formaction", "poster", "xlink:href", "to", "values",
    "background", "cite", "data", "ping",
}  # fmt: skip
"""Attributes the spec (and SVG's animations) read as URLs."""
LOADED = {"src", "srcset", "poster", "background", "data"}
"""URL attributes whose target the browser fetches as the page loads."""

SITE_RENDERER = Renderer(MarkdownSetup(tuple(EXTENSIONS), EXTENSION_CONFIGS), workers=1)
"""Bodies rendered as the site renders them: Polyvox's own renderer, with the site's setup."""


def site_rendering(body: str, *, written_in: str | None = None) -> str:
    """A piece's body as the site renders it on its issue page (headings under its h3 title,
    links of a file written in another folder rebased)."""
    body = Body(body, "issues/2026-09/", written_in, anchor="piece", under=3)
    return SITE_RENDERER.one(body).html


SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def as_shown(value: str) -> str:
    """A value as a page shows it: whitespace runs folded, control characters dropped."""
    return " ".join(re.sub(r"[\x00-\x1f\x7f-\x9f]", " ", value).split())


def render(page_html: str) -> str:
    """A generated page's HTML as mkdocs ships it: mkdocs converts nothing of ours."""
    return page_html


def active_content(html: str) -> list[str]:
    """What in rendered HTML would run or load something, read by lxml.html."""
    if not html.strip():
        return []
    found = []
    for element in lxml.html.fragments_fromstring(f"<div>{html}</div>")[0].iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag.lower().rpartition(":")[2] in ACTIVE_TAGS:
            found.append(f"<{element.tag}>")
        for name, value in element.attrib.items():
            name = name.lower()
            bare = re.sub(r"[\x00-\x20]", "", value).lower()
            if name.startswith("on") or name == "ping":
                found.append(f"{name} on <{element.tag}>")
            elif name in URL_ATTRIBUTES and bare.startswith(("javascript:", "vbscript:", "data:")):
                found.append(f"{name}={value!r} on <{element.tag}>")
            elif (name in LOADED or element.tag.endswith("use")) and bare.startswith(
                ("http:", "https:", "//")
            ):
                found.append(f"{name}={value!r} on <{element.tag}> calls another site")
            elif name == "style" and re.sub(r"text-align:(left|right|center|justify);?", "", bare):
                found.append(f"style={value!r} on <{element.tag}>")
            elif any(not t.startswith("#") for t in re.findall(r"url\(['\"]?([^'\")]*)", bare)):
                found.append(f"{name}={value!r} on <{element.tag}> calls another address")
    return found


def markup_made(html: str) -> list[str]:
    """The elements a page holds that Markdown makes: links, images, emphasis, code."""
    root = lxml.html.fromstring(f"<div>{html}</div>")
    return sorted(el.tag for el in root.cssselect("a, img, em, strong, code, h1, h2, h3, li"))


def text_of(html: str, selector: str) -> str:
    """The visible text of the first element matching selector, whitespace folded."""
    element = lxml.html.fromstring(html).cssselect(selector)[0]
    for permalink in element.cssselect(".headerlink"):
        permalink.drop_tree()
    return " ".join(element.text_content().split())


def site_pages(values: dict[str, str]) -> dict[str, str]:
    """Generate the minimal site with hostile front-matter values; return {url: HTML}."""
    title, name, summary, pronouns, label = (
        values[k] for k in ("title", "name", "summary", "pronouns", "label")
    )
    files = {
        "content/issues/2026-09/index.md": "---\n"
        + yaml.safe_dump(
            {
                "title": title,
                "number": 1,
                "date": "2026-09-01",
                "editors": ["amara"],
                "summary": summary,
            }
        )
        + "---\nWelcome.\n",
        "content/contributors/amara.md": "---\n"
        + yaml.safe_dump(
            {"name": name, "pronouns": pronouns, "links": {label: "https://example.org/"}}
        )
        + "---\nHost.\n",
        "content/issues/2026-09/hosting.md": "---\n"
        + yaml.safe_dump(
            {
                "title": title,
                "authors": ["amara"],
                "kind": "article",
                "summary": summary,
                "tags": [values["tag"]] if "tag" in values else [],
            }
        )
        + "---\nBody.\n",
    }
    with tempfile.TemporaryDirectory() as folder:
        loaded = load_community(write_tree(Path(folder), files))
    assert loaded.community is not None, [p.as_text() for p in loaded.problems]
    pages = made_pages(site_of(loaded.community, SiteOptions(today=date(2026, 9, 30))))
    return {url: page.html for url, page in pages.items()}


HOSTILE_VALUES = [
    "[x](javascript:alert(1))",
    "![i](data:image/svg+xml,<svg onload=alert(1)>)",
    "<img src=x onerror=alert(1)>",
    "Hi { onclick=alert(1) }",
    "*emphasis* and `code` and __bold__",
    "<https://example.org> \\[not\\] & &amp; &#106;",
    "x\n\n<script>alert(1)</script>\n\n# Heading",
    '!!! danger "x"',
    "C# | tables | ~~~",
]


@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_front_matter_values_are_shown_as_written(value):
    """Titles, names, summaries and tags are text: no link, image, handler or emphasis lives."""
    keys = ("title", "name", "summary", "pronouns", "label", "tag")
    pages = site_pages(dict.fromkeys(keys, value))
    plain = site_pages(dict.fromkeys(keys, "Plain words"))
    shown = as_shown(value)
    for url in ("", "issues/", "issues/2026-09/", "contributors/amara/", "tags/"):
        html = render(pages[url])
        assert active_content(html) == [], url
        assert markup_made(html) == markup_made(render(plain[url])), url
    issue = render(pages["issues/2026-09/"])
    separator = " —" if ":" in shown else ":"  # a title with a colon of its own: no second one
    assert text_of(issue, "h1") == f"Issue 1{separator} {shown}"
    assert text_of(issue, "h3") == shown
    profile = render(pages["contributors/amara/"])
    assert text_of(profile, "h1") == shown
    assert text_of(profile, ".pv-pronouns") == shown
    assert text_of(profile, ".pv-links a") == shown
    assert text_of(issue, ".pv-tags a") == shown
    [tag_page] = [url for url in pages if url.startswith("tags/") and url != "tags/"]
    assert active_content(render(pages[tag_page])) == []
    assert text_of(render(pages[tag_page]), "h1") == f"Tagged “{shown}”"


def test_page_titles_are_escaped_for_the_theme(content_tree):
    """mkdocs shows a page's title as HTML (header, tab title): the title is escaped there too."""
    from tests.test_safety import build_unchecked

    title = "T <img src=x onerror=alert(1)> & [a](javascript:alert(2))"
    root = content_tree(
        {
            "content/issues/2026-09/index.md": f"---\ntitle: '{title}'\nnumber: 1\ndate: 2026-09-01\neditors: [amara]\n---\n"
        }
    )
    built, log = build_unchecked(root)
    assert built, log
    page = lxml.html.parse(str(root / "site/issues/2026-09/index.html")).getroot()
    assert (
        text_of(
            lxml.html.tostring(page, encoding="unicode"),
            "[data-md-component=header-topic] .md-ellipsis",
        )
        == title
    )
    assert page.findtext(".//title").startswith(title)
    assert not page.cssselect("img[onerror], a[href^='javascript']")


PUNCTUATION = st.sampled_from(list("[]()<>!`*_{}#|~&;:\\\"'=/.-+ \n\t"))
FRONT_MATTER_TEXT = (
    st.lists(
        st.one_of(
            PUNCTUATION,
            st.sampled_from(["javascript:", "data:", "<script>", "onerror=", "&#106;", "&lt;"]),
            st.text(min_size=1, max_size=3),
        ),
        min_size=1,
        max_size=25,
    )
    .map("".join)
    .filter(lambda s: re.search(VISIBLE_PATTERN, s) and not s.startswith(("---", "...")))
    .filter(lambda s: not UNPRINTABLE.search(s))  # refused by the check: tests/test_limits.py
)


@settings(SETTINGS, max_examples=60)
@given(
    values=st.fixed_dictionaries(
        {k: FRONT_MATTER_TEXT for k in ("title", "name", "summary", "pronouns", "label")}
    )
)
def test_any_front_matter_value_renders_as_plain_text(values):
    """Whatever a title or name holds, pages show exactly it, and nothing in it is active."""
    pages = site_pages(values)
    issue = render(pages["issues/2026-09/"])
    profile = render(pages["contributors/amara/"])
    assert active_content(issue) == active_content(profile) == []
    assert text_of(issue, "h3") == as_shown(values["title"])
    assert text_of(profile, "h1") == as_shown(values["name"])


BODY_PIECES = st.sampled_from(
    [
        "`", "``", "```", "~~~", "````", "~~~~", "\u2028", "\u2029", "\r", "\x0c", "\x85", "#",
        "\n", "\n\n", "    ", "> ", "- ", "1. ", "# ", "\\", "!", "[", "]",
        "(", ")", "<", ">", "{", "}", ":", '"', "'", "=", "x", " ", "<script>", "</script>",
        "<img src=x onerror=alert(1)>", "<a href=", "javascript:alert(1)", "data:x", "&#106;",
        "<!--", "-->", "<!-->", "<div>", "</div>", "<div markdown>", "{: onclick=x}",
        "{ #id .class }", "[a](", "![i](", "[r]: ", "[r]", "<https://x.org>", "<javascript://x>",
        "<svg>", "<p title=\"", "<noscript>", "`<script>`", "```html\n", "\n```\n", "!!! note\n",
        "\t", "<pre>", "<code>", "</code>", "<!-- answer: amara -->", "<a title=\"x>\" onclick=y>",
        "<img alt=\"a>", " onerror=alert(1) ", "{ href=javascript:x }", "&#x6A;avascript:", "</p>",
        "<svg><set attributeName=onclick to=x>", "[x]: <javascript:y>", "<style>", "<b>", "*", "_",
        "- [r]: ", "\n1. [r]:\n", "> - [r]: ", '<span style="', "position:fixed", "url(//x.org/p)",
        "text-align:left", '<svg><use href="', "//x.org/u#a", "<img src=https://x.org/p.png>",
        '<svg><circle fill="url(', "#g)", "{: style=", "<details open>", "<kbd>", "<abbr title=x>",
        *(f"<{tag}>" for tag in sorted(ACTIVE_TAGS)),
        *(f"<b {name}=x>" for name in ("onclick", "ping", "style", "src", "data", "background")),
    ]
)  # fmt: skip
BODIES = st.lists(BODY_PIECES, min_size=1, max_size=40).map("".join)


@SETTINGS
@given(body=BODIES)
def test_bodies_the_check_accepts_render_without_active_content(body):
    """The check and the renderer agree: a body the check lets through renders nothing active."""
    with tempfile.TemporaryDirectory() as folder:
        content = Path(folder)
        problems, _ = check_body(body, 6, "x.md", folder=content, content_dir=content)
    if not any(p.severity == "error" for p in problems):
        html = site_rendering(body)
        assert active_content(html) == [], html


PROBLEM_LINE = re.compile(
    r"^content/\S+?(:\d+)?: (error|warning): .+$|^polyvox: \d+ files checked, .+\.$"
)


@settings(max_examples=60, deadline=None)
@given(
    data=st.binary(max_size=400) | BODIES.map(str.encode),
    where=st.sampled_from(["contributors/bo.md", "issues/2026-09/hosting.md", "assets/x.svg"]),
)
@example(data=b"](!\n!", where="contributors/bo.md")  # a link's line end, quoted in a message
def test_check_never_shows_a_traceback(data, where):
    """Whatever bytes a file holds, check answers with located lines and exit code 0 or 1."""
    with tempfile.TemporaryDirectory() as folder:
        root = write_tree(Path(folder), {f"content/{where}": data})
        result = CliRunner().invoke(main, ["check", str(root)])
    assert result.exit_code in (0, 1), result.output
    assert isinstance(result.exception, SystemExit | None)
    assert all(PROBLEM_LINE.match(line) for line in result.output.splitlines()), result.output
