"""Inputs that used to hang or crash a command: each now gets a located message, at once.

What a renderer would take quadratic time or unbounded depth on is refused by `check` (the
build reads content through it); characters no output can carry are refused with their line
and column; a title with line breaks gives the email a one-line subject; the importer answers
broken projects and exports with one line. tests/test_patterns_linear.py shows every pattern
is linear; nothing here measures time.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from polyvox.commands.cli import main
from polyvox.render.fragments import Body, RenderError
from tests.conftest import build_project, copy_settings, write_tree
from tests.test_import_credit import comment, discussion
from tests.test_safety import HEAD, PIECE
from tests.test_untrusted import SITE_RENDERER

DENSE = (
    "this paragraph is too long and too dense with Markdown marks (`, *, _, [, <, &...) for the "
    "site's renderer, whose time grows with the square of a paragraph: split it into shorter "
    "paragraphs, or put code and listings in a fenced code block"
)
NESTED = (
    "this nests lists, quotes or indented blocks {} levels deep; the site's renderer cannot go "
    "past 100: flatten it"
)
CARRY = (
    "which pages, feeds and email cannot carry (it shows as nothing, or stops the build): "
    "delete it; an editor that shows invisible characters will show where"
)

BODIES = [
    pytest.param("Intro.\n\n" + "``a`" * 30_000 + "\n", 8, DENSE, id="the issue's backticks"),
    pytest.param("*a* " * 64_000 + "\n", 6, DENSE, id="dense emphasis"),
    pytest.param("[a](b) &amp; " * 40_000 + "\n", 6, DENSE, id="links and entities"),
    pytest.param("1. " * 500 + "deep\n", 6, NESTED.format(500), id="ordered lists on one line"),
    pytest.param(
        "".join("    " * i + "- item\n" for i in range(130)),
        106,
        NESTED.format(101),
        id="indented lists",
    ),
    pytest.param("> " * 300 + "quoted\n", 6, NESTED.format(300), id="quotes"),
    pytest.param(
        "<div markdown>\n\n" * 150 + "x\n",
        6,
        "this holds 150 HTML blocks with a markdown attribute, which may nest; the site's "
        "renderer cannot go past 100: write most of them as plain Markdown",
        id="markdown in HTML",
    ),
    pytest.param(
        "Text \x0c more\n", 6, f"column 6 holds a control character (U+000C), {CARRY}", id="ff"
    ),
    pytest.param("A\x01B\n", 6, f"column 2 holds a control character (U+0001), {CARRY}", id="soh"),
    pytest.param("Tab\tfine, VT \x0b not\n", 6, f"column 14 holds a control character (U+000B), {CARRY}", id="vt"),
    pytest.param("x \ufffe\n", 6, f"column 3 holds a noncharacter (U+FFFE), {CARRY}", id="U+FFFE"),
    pytest.param("x \U0010ffff\n", 6, f"column 3 holds a noncharacter (U+10FFFF), {CARRY}", id="last"),
]  # fmt: skip


@pytest.mark.parametrize(("body", "line", "message"), BODIES)
def test_check_refuses_what_would_hang_or_stop_the_build(
    content_tree, run_check, body, line, message
):
    """Each body gets one located error from `check`, the build's own reading."""
    code, lines = run_check(content_tree({PIECE: HEAD + body}))
    assert (code, lines[:-1]) == (1, [f"{PIECE}:{line}: error: {message}"])


def test_what_stays_under_the_bounds_is_accepted(content_tree, run_check):
    """A long piece in many short paragraphs, a 90-level list, a big fenced listing: fine."""
    paragraphs = "\n\n".join(
        "Some *text* with `code` and [a link](https://example.org/)." for _ in range(3_000)
    )
    listing = "```\n" + "``a`" * 30_000 + "\n```\n"
    nested = "".join("    " * i + "- item\n" for i in range(90))
    body = f"{paragraphs.replace('[a link]', 'a link')}\n\n{listing}\n{nested}"
    code, lines = run_check(content_tree({PIECE: HEAD + body}))
    assert (code, lines[:-1]) == (0, [])


def test_the_renderer_names_the_file_it_cannot_nest_deep_enough_for():
    """Should the check ever let such nesting through, the build stops with the file's name
    and the fix (one line), not a RecursionError."""
    body = Body("1. " * 600 + "x", "issues/2026-09/", source="content/issues/2026-09/deep.md")
    with pytest.raises(RenderError) as stopped:
        SITE_RENDERER.one(body)
    assert str(stopped.value) == (
        "content/issues/2026-09/deep.md: the site's renderer cannot follow blocks nested this "
        "deep: flatten the lists, quotes or indented blocks"
    )
    after = SITE_RENDERER.one(Body("See `a\r\r<b>x</b>` here.\n\n- a list", "issues/2026-09/"))
    assert after.html == (  # the next body renders as if nothing had happened
        "<p>See `a</p>\n<p><b>x</b>` here.</p>\n<ul>\n<li>a list</li>\n</ul>"
    )


@pytest.mark.parametrize(
    ("title", "message"),
    [
        ('"Ledger \\x01"', f"'title' holds a control character (U+0001), {CARRY}"),
        ('"Ledger \\uFFFE"', f"'title' holds a noncharacter (U+FFFE), {CARRY}"),
        ('"Form\\ffeed"', f"'title' holds a control character (U+000C), {CARRY}"),
    ],
)
def test_a_title_no_output_can_carry_is_refused_by_check_and_named_by_build(
    content_tree, title, message, run_check
):
    """YAML escapes make such characters too: check names the key's line, and the build gives
    the same line instead of stopping on 'All strings must be XML compatible'."""
    root = content_tree({PIECE: f"---\ntitle: {title}\nauthors: [amara]\nkind: article\n---\nx\n"})
    code, lines = run_check(root)
    assert (code, lines[:-1]) == (1, [f"{PIECE}:2: error: {message}"])
    code, output = build_project(copy_settings(root))
    assert code == 1
    assert f"{PIECE}:2: error: {message}" in output
    assert "XML compatible" not in output and "Traceback" not in output


@pytest.mark.parametrize("breaking", ["\\r", "\\n", "\\u2028", "\\r\\n\\u2029"])
def test_a_title_with_line_breaks_gives_the_email_a_one_line_subject(tmp_path, breaking):
    """The subject header cannot hold a line break: the email is written, its subject one
    line, where a traceback ('Header values may not contain linefeed') used to be."""
    issue = (
        f'---\ntitle: "Rendez{breaking}vous"\nnumber: 1\ndate: 2026-09-01\neditors: [amara]\n---\n'
        "Welcome.\n"
    )
    root = copy_settings(write_tree(tmp_path, {"content/issues/2026-09/index.md": issue}))
    result = CliRunner().invoke(
        main, ["email", "-f", str(root / "mkdocs.yml"), "-o", str(tmp_path / "out")]
    )
    assert result.exit_code == 0, result.output
    eml = (tmp_path / "out/2026-09.eml").read_bytes().decode()
    assert [line for line in eml.split("\r\n") if line.startswith("Subject:")] == [
        "Subject: Commons Circle: Rendez vous"
    ]


SESSION = "2026-09-20-live"


def github_export(*comments: tuple[str, str, str]) -> str:
    """A GitHub discussion export holding comments (id, login, body)."""
    return discussion(*(comment(key, login, body) for key, login, body in comments))


def run_import(root: Path, export: Path, *extra: str):
    """Run `polyvox import github` in-process; return click's result."""
    args = ["import", "github", str(export), "--session", SESSION, "--guest", "amara"]
    result = CliRunner().invoke(main, [*args, "--project", str(root), *extra])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def test_a_profile_that_is_not_utf8_stops_the_import_with_its_name(content_tree, tmp_path):
    """One line naming the file, nothing written: no UnicodeDecodeError."""
    root = content_tree({"content/contributors/bo.md": b"---\nname: B\xf6\n---\n"})
    export = tmp_path / "ama.json"
    export.write_text(github_export(("C1", "lina", "Why?")))
    result = run_import(root, export)
    assert result.exit_code == 1
    assert result.output == (
        "Error: content/contributors/bo.md is not UTF-8 text (byte 11): save it with UTF-8 "
        "encoding, then import again ('polyvox check' names it too); nothing was written\n"
    )
    assert not (root / f"content/ama/{SESSION}").exists()


def test_a_folder_named_like_a_profile_is_not_read_as_one(content_tree, tmp_path):
    """contributors/x.md/ is a folder: the import reads profiles, not folders."""
    root = content_tree({"content/contributors/x.md/note.txt": "x"})
    export = tmp_path / "ama.json"
    export.write_text(github_export(("C1", "lina", "Why?")))
    result = run_import(root, export)
    assert result.exit_code == 0, result.output


def test_json_nested_too_deep_gets_one_line(content_tree, tmp_path):
    """A JSON export of a million brackets: one line, not a RecursionError."""
    export = tmp_path / "ama.json"
    export.write_text("[" * 1_000_000 + "]" * 1_000_000)
    result = run_import(content_tree(), export)
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {export}: its JSON nests arrays or objects too deep")
    assert result.output.endswith("; nothing was written\n")


@pytest.mark.parametrize(
    "body",
    [
        "<!--" + " " * 300 + ":" + " " * 300 + "x",
        "<!--" + " " * 50_000 + ":" + " " * 50_000 + "x",
        "``a`" * 30_000,
        "Ask\x0b me\ufffe \x01anything",
    ],
    ids=["the issue's marker line", "its 100 KB form", "backticks", "control characters"],
)
def test_an_imported_comment_that_used_to_hang_or_break_is_imported(
    content_tree, tmp_path, run_check, body
):
    """Written as a question the check accepts; long dense text as code, controls dropped."""
    root = content_tree()
    export = tmp_path / "ama.json"
    export.write_text(github_export(("C1", "lina", body)))
    result = run_import(root, export)
    assert result.exit_code == 0, result.output
    code, lines = run_check(root)
    assert code == 0, lines


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=st.one_of(
        st.binary(max_size=300).map(lambda b: b.decode("latin-1")),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.text(max_size=20),
            lambda inner: (
                st.lists(inner, max_size=4)
                | st.dictionaries(st.text(max_size=8), inner, max_size=4)
            ),
            max_leaves=20,
        ).map(json.dumps),
        st.lists(
            st.tuples(
                st.text(max_size=8),
                st.sampled_from(["lina", "amara", "", "x" * 40]),
                st.text(max_size=80),
            ),
            min_size=1,
            max_size=4,
        ).map(lambda comments: github_export(*comments)),
    )
)
def test_import_never_shows_a_traceback(text, tmp_path_factory):
    """Whatever the export holds, the import writes files that pass or says in one line why
    not (exit 0 or 1), never a traceback."""
    root = write_tree(tmp_path_factory.mktemp("fuzz"), {})
    export = root / "ama.json"
    export.write_text(text, encoding="utf-8", errors="surrogatepass")
    result = run_import(root, export)
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output
