"""Render once: every body converted once, on every core, cached on disk, never trusted blindly."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from generator.render import fragments
from generator.render.cache import FragmentCache
from generator.render.fragments import Body, MarkdownSetup, Renderer
from tests.conftest import build_project, copy_project

SETUP = MarkdownSetup(
    ("toc", "attr_list", "md_in_html", "admonition", "tables", "pymdownx.superfences"),
    {"toc": {"permalink": True}},
)


def site_bytes(site: Path) -> dict[str, bytes]:
    """Every file of a built site by its path."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def cache_entries(project: Path) -> list[Path]:
    """The fragment cache's entry files of a project."""
    return sorted(p for p in (project / ".cache/polyvox").rglob("*") if p.is_file())


def test_a_body_is_rendered_as_the_site_configures_markdown():
    """Headings move under the page's own, get the item's anchor as prefix and a permalink;
    a link to a content file by its path leads where that file is published."""
    body = Body("# Context\n\nSee `<b>` and [the notes](notes.md).\n", "issues/2026-09/", None, "x")
    fragment = Renderer(SETUP).one(body)
    assert fragment.html == (
        '<h3 id="x-context">Context<a class="headerlink" href="#x-context" '
        'title="Permanent link">&para;</a></h3>\n'
        '<p>See <code>&lt;b&gt;</code> and <a href="./#notes">the notes</a>.</p>'
    )
    assert fragment.headings == ((3, "x-context", "Context"),)


def test_relative_links_are_rebased_to_the_page_that_shows_the_body():
    """A question's file sits in questions/: its image still finds the file from the page."""
    body = Body("![map](../../../assets/map.png)", "ama/s/", "ama/s/questions/", "q")
    [image] = lxml.html.fromstring(Renderer(SETUP).one(body).html).iter("img")
    assert image.get("src") == "../../assets/map.png"


def test_each_distinct_body_is_converted_once(tmp_path):
    """The same body asked for twice, and again by a second build, is converted once."""
    cache = FragmentCache(tmp_path)
    bodies = [Body(f"Piece {n} *here*", "issues/2026-09/", anchor=f"p{n}") for n in range(3)]
    first = Renderer(SETUP, cache)
    rendered = first.render([*bodies, *bodies])
    assert first.rendered == 3 and len(rendered) == 3
    second = Renderer(SETUP, cache)
    assert second.render(bodies) == rendered
    assert second.rendered == 0


def test_the_pool_renders_what_one_process_renders(monkeypatch):
    """Many bodies go to worker processes; the fragments are the ones a single process makes."""
    bodies = [
        Body(
            f"## Part {n}\n\n- item *{n}*\n\n```python\nx = {n}\n```\n", "issues/x/", anchor=str(n)
        )
        for n in range(fragments.POOL_THRESHOLD + 10)
    ]
    pools = []
    real_pool = fragments.ProcessPoolExecutor
    monkeypatch.setattr(
        fragments, "ProcessPoolExecutor", lambda *a, **k: pools.append(a) or real_pool(*a, **k)
    )
    parallel = Renderer(SETUP, workers=2).render(bodies)
    assert len(pools) == 1  # the pool ran
    serial = Renderer(SETUP, workers=1).render(bodies)
    assert len(pools) == 1  # and one process rendered the second set
    assert parallel == serial


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[:-5],  # cut short
        lambda data: data.replace(b"<p>", b"<p onclick=x>"),  # edited after it was written
        lambda data: b"not a cache entry",
        lambda data: b"",
    ],
    ids=["truncated", "tampered", "garbage", "empty"],
)
def test_a_damaged_cache_entry_is_rendered_again(tmp_path, damage):
    """An entry that is not what was written is never used: the body is rendered again."""
    body = Body("Hello *you*", "issues/2026-09/", anchor="a")
    expected = Renderer(SETUP, FragmentCache(tmp_path)).one(body)
    [entry] = [p for p in tmp_path.rglob("*") if p.is_file()]
    entry.write_bytes(damage(entry.read_bytes()))
    again = Renderer(SETUP, FragmentCache(tmp_path))
    assert again.one(body) == expected
    assert again.rendered == 1


def test_a_new_setup_renders_again():
    """Changing the Markdown configuration changes every key: nothing old is reused."""
    plain = MarkdownSetup(("toc",), {})
    assert plain.fingerprint != SETUP.fingerprint
    assert "headerlink" not in Renderer(plain).one(Body("# A", "x/")).html


def test_a_cached_build_gives_the_same_bytes_as_a_cold_one(tmp_path):
    """Build cold (no cache), then again from the cache: every file of the site is the same."""
    project = copy_project(tmp_path)
    code, output = build_project(project)
    assert code == 0, output
    cold = site_bytes(project / "site")
    entries = cache_entries(project)
    assert len(cold) > 100 and len(entries) > 50
    code, output = build_project(project)
    assert code == 0, output
    assert site_bytes(project / "site") == cold
    assert cache_entries(project) == entries  # nothing new was rendered


def test_a_build_with_a_corrupt_cache_entry_publishes_the_same_site(tmp_path):
    """A damaged entry is noticed and rendered again: the site is what a cold build makes."""
    project = copy_project(tmp_path)
    code, output = build_project(project)
    assert code == 0, output
    cold = site_bytes(project / "site")
    for entry in cache_entries(project):
        entry.write_bytes(entry.read_bytes().replace(b"<p>", b"<p>TAMPERED "))
    code, output = build_project(project)
    assert code == 0, output
    assert site_bytes(project / "site") == cold
