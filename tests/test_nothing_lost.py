"""Nothing lost: hostile content never replaces a good site, and no command writes into content/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import build_project, copy_project
from tests.support import fetch, previewed
from tests.test_build import snapshot
from tests.test_safety import build_unchecked

HOSTILE_PIECE = (
    "---\ntitle: Innocent\nauthors: [amara-okafor]\nkind: tip\n---\n"
    "Read this. <img src=x onerror=alert(1)>\n"
)


@pytest.fixture
def built(tmp_path: Path, example_site: Path) -> Path:
    """A copy of the example project with its site as the shared build left it."""
    project = copy_project(tmp_path)
    shutil.copytree(example_site, project / "site")
    return project


def test_unchecked_build_of_a_hostile_file_keeps_the_site(built):
    """The plugin alone (plain mkdocs, no check first) refuses a hostile file with its location."""
    (built / "content/issues/2026-10/innocent.md").write_text(HOSTILE_PIECE)
    ok, log = build_unchecked(built)
    assert not ok
    assert (
        "content/issues/2026-10/innocent.md:6: error: attribute 'onerror' on <img> is not "
        "allowed: event handlers run code in readers' browsers; remove it"
    ) in log


def test_a_hostile_body_check_missed_stops_polyvox_build_and_keeps_the_site(built, monkeypatch):
    """Were `check` to miss active content, the last guard (each body's rendered HTML, judged
    where it is rendered) stops `polyvox build`: site/ keeps every byte, no staging is left."""
    from polyvox.content import safety

    monkeypatch.setattr(safety, "check_body", lambda *args, **kwargs: ([], []))
    before = snapshot(built / "site")
    (built / "content/issues/2026-10/innocent.md").write_text(HOSTILE_PIECE)
    code, output = build_project(built)
    assert code == 1
    assert "content/issues/2026-10/innocent.md would put active content on the site" in output
    assert "attribute 'onerror' on <img> is not allowed" in output
    assert snapshot(built / "site") == before
    assert [p.name for p in built.iterdir() if p.name.startswith(".site")] == []


def test_serve_never_writes_into_content(tmp_path):
    """The live preview builds and serves the site without changing a byte of content/."""
    project = copy_project(tmp_path)
    before = snapshot(project / "content")
    with previewed(project / "mkdocs.yml") as (site, _):
        assert "In good faith" in fetch(site + "issues/2026-10/")
    assert snapshot(project / "content") == before
