"""The last guard on every output that carries members' HTML: site, export, email and feeds.

`polyvox check` refuses hostile bodies first; these tests switch the check off (as a hole in it
would) and show that each output still refuses to carry what the build's fragment guard
refuses, names the file, and writes nothing. tests/test_untrusted_outputs_browser.py shows,
in chromium, that what the outputs do carry is inert.
"""

from __future__ import annotations

from pathlib import Path

import feedparser
import lxml.html
import pytest
from click.testing import CliRunner

from polyvox.commands.cli import main
from polyvox.content import safety
from polyvox.content.safety import UnsafeOutput, guarded
from polyvox.site import outputs
from tests.conftest import build_project, copy_settings, write_tree
from tests.test_safety import HEAD, PIECE, I, build_unchecked

SITE = "https://commons-circle.example.org/"
REPORT_END = (
    "'polyvox check' should have refused it: please report it, with the content file, to the "
    "maintainers."
)


@pytest.mark.parametrize(
    ("html", "found"),
    [
        pytest.param(
            '<p><img src="x" onerror="alert(1)"></p>',
            "attribute 'onerror' on <img> is not allowed",
            id="handler",
        ),
        pytest.param(
            '<p><a href="javascript:alert(1)">x</a></p>',
            "<a href> 'javascript:alert(1)' uses the scheme 'javascript:'",
            id="javascript link",
        ),
        pytest.param(
            '<p><img src="https://evil.example/p.png" alt=""></p>',
            "<img src> 'https://evil.example/p.png' is on another site",
            id="outside image",
        ),
        pytest.param(
            '<p><a href="https://e.example/" style="position:fixed;inset:0">Log in</a></p>',
            "attribute 'style' on <a> is not allowed: 'position:fixed;inset:0' can place",
            id="overlay",
        ),
        pytest.param(
            '<svg><circle r="4" fill="url(https://evil.example/t.svg#g)"/></svg>',
            "attribute 'fill' on <circle> is not allowed: 'url(https://evil.example/t.svg#g)'",
            id="outside paint",
        ),
    ],
)
def test_the_guard_refuses_what_the_build_s_fragment_guard_refuses(html, found):
    """Any output's copy of members' HTML: refused with the source, the output and the line."""
    with pytest.raises(UnsafeOutput) as refused:
        guarded(html, source="content/x.md", output="in the email", own_site=SITE)
    message = str(refused.value)
    assert message.startswith(
        "content/x.md would put active content in the email, so nothing is written:\n"
    )
    assert f"\n  its HTML there, line 1: {found}" in message
    assert message.endswith(REPORT_END)


def test_the_guard_lets_the_site_s_own_absolute_addresses_through():
    """Feeds and email make links absolute: a picture on the site itself stays the site's."""
    html = (
        f'<p><img src="{SITE}assets/photo.png" alt="a photo"> <a href="{SITE}issues/">all</a> '
        '<a href="https://elsewhere.example/">out</a></p>'
    )
    assert guarded(html, source="content/x.md", output="in the email", own_site=SITE) == html
    with pytest.raises(UnsafeOutput):
        guarded(html, source="content/x.md", output="in the email")  # no site: another site's


HOSTILE = "Hello <img src=x onerror=alert(1)> and [a link](javascript:alert(2)).\n"


@pytest.fixture
def unchecked(monkeypatch, tmp_path) -> Path:
    """A project whose piece holds hostile HTML, with `polyvox check` switched off."""
    monkeypatch.setattr(safety, "check_body", lambda *args, **kwargs: ([], []))
    return copy_settings(write_tree(tmp_path / "project", {PIECE: HEAD + HOSTILE}))


def run(project: Path, *args: str):
    """Run a polyvox command on the project in-process; return click's result."""
    result = CliRunner().invoke(main, [*args, "-f", str(project / "mkdocs.yml")])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def test_export_refuses_and_writes_nothing(unchecked, tmp_path):
    """`polyvox export` (whose pages mkdocs or Zensical then build without our plugin) stops
    on the piece, names it, and leaves the target folder as it was."""
    target = tmp_path / "exported"
    result = run(unchecked, "export", str(target))
    assert result.exit_code == 1
    assert f"{PIECE} would put active content in the export, so nothing is written" in result.output
    assert "attribute 'onerror' on <img> is not allowed" in result.output
    assert result.output.rstrip().endswith("polyvox: nothing was exported.")
    assert not target.exists()


def test_email_refuses_and_writes_nothing(unchecked, tmp_path):
    """`polyvox email` stops on the piece (before anything could be sent), names its file."""
    out = tmp_path / "out"
    result = run(unchecked, "email", "-o", str(out))
    assert result.exit_code == 1
    assert f"{PIECE} would put active content in the email, so nothing is written" in result.output
    assert "<a href> 'javascript:alert(2)' uses the scheme 'javascript:'" in result.output
    assert result.output.rstrip().endswith("polyvox: no email was written.")
    assert not out.exists()


def test_the_feeds_guard_stops_the_build_when_the_fragment_guard_is_bypassed(
    unchecked, monkeypatch
):
    """With the build's fragment guard gone too, the feeds still refuse to quote the piece:
    the build fails, and no site is published."""
    monkeypatch.setattr(outputs, "refuse_unsafe_fragments", lambda fragments, output: None)
    code, log = build_project(unchecked)
    assert code == 1
    assert f"{SITE}issues/2026-09/ would put active content in the feeds" in log
    assert not (unchecked / "site").exists()


def test_the_build_s_own_fragment_guard_names_the_file(unchecked):
    """The site's guard, unchanged: the same report, from the first body it refuses."""
    built, log = build_unchecked(unchecked)
    assert not built
    assert f"{PIECE} would put active content on the site" in log


def test_an_rss_description_carries_a_summary_as_text(tmp_path):
    """RSS readers read an item's description as HTML: a summary (written, or the first words
    of a body, code included) that looks like markup reaches them as text, never as an image."""
    markup = "<img src=https://evil.example/t.png onerror=alert(1)>"
    piece = (
        f"---\ntitle: Rotating hosts\nauthors: [amara]\nkind: article\nsummary: '{markup}'\n---\n"
        "Hi.\n"
    )
    reply = (
        "---\ntitle: Rotation is not enough\nauthors: [amara]\nkind: counterpoint\n---\n"
        f"Code first: `{markup}`\n"
    )
    project = copy_settings(write_tree(tmp_path, {PIECE: piece, I + "reply.md": reply}))
    code, output = build_project(project)
    assert code == 0, output
    rss = feedparser.parse((project / "site/contributors/amara/feed.xml").read_bytes())
    described = {entry.title: entry.summary_detail for entry in rss.entries}
    for title, shown in (("Rotating hosts", markup), ("Rotation is not enough", "Code first: ")):
        assert described[title].type == "text/html"
        html = lxml.html.fragment_fromstring(described[title].value, create_parent="p")
        assert html.findall(".//img") == []
        assert html.text_content().startswith(shown)
