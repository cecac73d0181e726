"""One reading of a body: the check, the renderer, the turn splitter and the link rewriting
split lines and find code the same way, so none of them can see a body the others do not.

Every case is judged on the site's own rendering (Polyvox's renderer with the example's
Markdown setup) and read back with lxml.html; tests/test_untrusted_outputs_browser.py asks
chromium about the same cases in every output.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import lxml.html
import pytest

from polyvox.content.load import load_community
from polyvox.content.safety import check_body
from polyvox.site.view import SiteOptions
from tests.conftest import write_tree
from tests.support import made_pages, site_of
from tests.test_untrusted import active_content, site_rendering

SEPARATORS = {
    "line separator": "\u2028",
    "paragraph separator": "\u2029",
    "next line": "\x85",
    "form feed": "\x0c",
    "vertical tab": "\x0b",
    "file separator": "\x1c",
    "group separator": "\x1d",
    "record separator": "\x1e",
    "carriage return": "\r",
    "CR LF": "\r\n",
}
"""Everything at which str.splitlines() cuts a line; only the last two end one for Markdown."""
LIVE = "<img src=x onerror=alert(1)>"


def accepted(body: str) -> bool:
    """Whether `check` lets a piece with this body through (no error)."""
    with tempfile.TemporaryDirectory() as folder:
        content = Path(folder)
        problems, _ = check_body(body, 6, "x.md", folder=content, content_dir=content)
    return not any(p.severity == "error" for p in problems)


def code_text(html: str) -> str:
    """The text of every <code> of a fragment, joined."""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    return "".join(code.text_content() for code in root.iter("code"))


def headings(html: str) -> list[tuple[str, str]]:
    """(tag, text) of each heading of a fragment, permalinks left out."""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    for permalink in root.find_class("headerlink"):
        permalink.drop_tree()
    return [(h.tag, h.text_content()) for h in root.iter("h1", "h2", "h3", "h4", "h5", "h6")]


@pytest.mark.parametrize("separator", SEPARATORS.values(), ids=SEPARATORS.keys())
def test_a_separator_inside_a_code_span_is_read_alike(separator):
    """A code span holding markup between doubled separators, in a piece with a heading: the
    renderer shows it as code wherever the check reads it as code, and wherever the renderer
    would end lines there (CR), the check sees the markup live and refuses the piece."""
    body = f"# Heading\n\nSee `a{separator * 2}{LIVE}{separator * 2}b` here.\n"
    html = site_rendering(body)
    if accepted(body):
        assert active_content(html) == [], html
        assert LIVE in code_text(html)
        assert headings(html) == [("h4", "Heading")]
    else:
        assert separator in ("\r", "\r\n")
        assert active_content(html) != []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            "````\n```\n# Not a heading\n````\n\n# After\n",
            [("h4", "After")],
            id="four backticks around three",
        ),
        pytest.param(
            "~~~~\n```\n~~~~\n# Real heading\n",
            [("h4", "Real heading")],
            id="tildes around backticks",
        ),
        pytest.param("```\n~~~\n# Code\n~~~\n```\n# Text\n", [("h4", "Text")], id="tildes inside"),
        pytest.param("#Squeezed\n\nUnderlined\n===\n", [("h4", "Squeezed"), ("h4", "Underlined")]),
        pytest.param(
            "> # Quoted\n\n- ## Listed\n", [("h4", "Quoted"), ("h5", "Listed")], id="nested"
        ),
        pytest.param("###### Deepest\n", [("h4", "Deepest")], id="h6 alone sits under the piece"),
        pytest.param("Text\u2028# Not a line of its own\n", [], id="line separator before a hash"),
    ],
)
def test_headings_move_down_exactly_where_the_renderer_makes_them(body, expected):
    """Every heading Python-Markdown makes is placed under the piece's h3, and nothing in code
    is: the renderer does not read the body's lines a second time to find headings."""
    html = site_rendering(body)
    assert headings(html) == expected
    assert active_content(html) == []


def test_a_fence_and_its_closing_are_found_the_same_way_in_code_and_in_headings():
    """'# Not a heading' inside a four-backtick fence stays as written, in code."""
    html = site_rendering("````\n```\n# Not a heading\n````\n")
    assert code_text(html) == "```\n# Not a heading\n"


QUESTION_HEAD = "---\nasked_by: tomas\n---\n"
SESSION = "content/ama/2026-09-10-voices/"


def question_page(body: str) -> tuple[list[str], str]:
    """Load and render a question with this body: the check's errors, and the session page."""
    with tempfile.TemporaryDirectory() as folder:
        root = write_tree(Path(folder), {f"{SESSION}questions/first.md": QUESTION_HEAD + body})
        loaded = load_community(root)
    errors = [p.as_text() for p in loaded.problems if p.severity == "error"]
    if loaded.community is None:
        return errors, ""
    pages = made_pages(site_of(loaded.community, SiteOptions(today=date(2026, 9, 30))))
    return errors, pages["ama/2026-09-10-voices/"].html


def first_question(html: str):
    """The section of the session page that shows the question file first.md."""
    root = lxml.html.fromstring(html)
    [section] = [
        s for s in root.find_class("pv-qa") if s.get_element_by_id("first", None) is not None
    ]
    return section


def test_a_marker_inside_fenced_code_is_code_not_a_turn():
    """A fenced example of the marker syntax stays in the question as code: no turn opens in
    the middle of the fence (which would leave markup after it live in the answer)."""
    body = f"How?\n\n```\n<!-- answer: amara -->\n{LIVE}\n```\n"
    errors, html = question_page(body)
    assert errors == []
    assert active_content(html) == []
    section = first_question(html)
    assert f"<!-- answer: amara -->\n{LIVE}" in code_text(
        lxml.html.tostring(section, encoding="unicode")
    )
    assert section.find_class("pv-turn-by") == []


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x0c", "\x1e"])
def test_a_marker_between_separators_opens_no_turn(separator):
    """A marker held between separators inside a line is not a line of its own: the question
    keeps it as text, and nobody is credited with an answer."""
    body = f"How? `x{separator}<!-- answer: amara -->{separator}{LIVE}` done\n"
    errors, html = question_page(body)
    if errors:
        assert all("character" in error for error in errors), errors  # refused: a control
        return
    assert active_content(html) == []
    section = first_question(html)
    assert section.find_class("pv-turn-by") == []
    assert LIVE in "".join(code.text_content() for code in section.iter("code"))


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("../javascript:alert(1)", "./javascript:alert(1)"),
        ("../JavaScript:alert(1)", "./JavaScript:alert(1)"),
        ("../https://evil.example/p.png", "./https:/evil.example/p.png"),
        ("x/../../data:text/html,x", "./data:text/html,x"),
        ("../\\evil.example/p.png", "./\\evil.example/p.png"),
        ("../pic.png", "pic.png"),
    ],
)
def test_a_link_rebased_for_a_question_is_checked_after_the_rewrite(url, shown, monkeypatch):
    """A question's links are rewritten one folder up for the session page; a rewrite that
    would make an address with a scheme or a host of what was a path keeps it a path (check
    refuses a link to no file, or to a picture that does not exist, first: the rewrite is
    judged here with that rule set aside, as if check had missed it)."""
    from polyvox.content import targets

    monkeypatch.setattr(targets, "link_problems", lambda site, links: ([], []))
    body = f'Why?\n\n[a link]({url}) and ![a picture]({url}) and <img src="{url}" alt="">\n'
    errors, html = question_page(body)
    assert errors == []
    assert active_content(html) == []
    section = first_question(html)
    [text] = section.find_class("pv-question")
    bylines = set(text.cssselect(".pv-asker a, .pv-turn-by a"))  # links to people's profiles
    [href] = [a.get("href") for a in text.iter("a") if a not in bylines]
    assert href in (shown, f"{shown}/")  # a link to a path in the site may end as a folder
    assert [img.get("src") for img in text.iter("img") if img.get("class") != "pv-avatar"] == [
        shown,
        shown,
    ]
