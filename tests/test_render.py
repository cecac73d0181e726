"""Render once: every body converted once, on every core, cached on disk, never trusted blindly."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import lxml.html
import pytest

from polyvox.render import fragments
from polyvox.render.cache import FORMAT, FragmentCache
from polyvox.render.fragments import Body, MarkdownSetup, Renderer
from tests.conftest import build_project, copy_project

SETUP = MarkdownSetup(
    ("toc", "attr_list", "md_in_html", "admonition", "tables", "pymdownx.superfences"),
    {"toc": {"permalink": True}},
)


def site_bytes(site: Path) -> dict[str, bytes]:
    """Every file of a built site by its path."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def cache_file(folder: Path) -> Path:
    """The fragment cache's file in a project's cache folder."""
    database = folder / FORMAT
    assert database.is_file(), sorted(p.name for p in folder.iterdir())
    return database


def cache_entries(project: Path) -> list[tuple[str, str]]:
    """The fragment cache's entries of a project, as (key, checksum) rows."""
    with sqlite3.connect(cache_file(project / ".cache/polyvox")) as db:
        return sorted(db.execute("SELECT key, checksum FROM fragments"))


def tamper(database: Path, statement: str) -> None:
    """Change every row of a cache's table with one SQL statement."""
    with sqlite3.connect(database) as db:
        db.execute(statement)


def test_a_body_is_rendered_as_the_site_configures_markdown():
    """Headings move under the page's own, get the item's anchor as prefix and a permalink;
    a link to a content file by its path leads where that file is published."""
    text = "# Context\n\nSee `<b>` and [the notes](notes.md).\n"
    fragment = Renderer(SETUP).one(Body(text, "issues/2026-09/", None, "x", under=3))
    assert fragment.html == (
        '<h4 id="x-context">Context<a class="headerlink" href="#x-context" '
        'title="Permanent link">&para;</a></h4>\n'
        '<p>See <code>&lt;b&gt;</code> and <a href="./#notes">the notes</a>.</p>'
    )
    assert fragment.headings == ((4, "x-context", "Context"),)


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
        lambda db: tamper(db, "UPDATE fragments SET text = substr(text, 1, 10)"),  # cut short
        lambda db: tamper(db, "UPDATE fragments SET text = replace(text, '<p>', '<p onclick=x>')"),
        lambda db: tamper(db, "UPDATE fragments SET checksum = 'x'"),
        lambda db: tamper(db, "UPDATE fragments SET text = '[1, 2]', checksum = 'y'"),
        lambda db: db.write_bytes(b"not a database at all"),
        lambda db: db.write_bytes(b""),
    ],
    ids=["truncated", "tampered", "checksum", "not a fragment", "garbage file", "empty file"],
)
def test_a_damaged_cache_entry_is_rendered_again(tmp_path, damage):
    """An entry that is not what was written is never used: the body is rendered again."""
    body = Body("Hello *you*", "issues/2026-09/", anchor="a")
    expected = Renderer(SETUP, FragmentCache(tmp_path)).one(body)
    damage(cache_file(tmp_path))
    again = Renderer(SETUP, FragmentCache(tmp_path))
    assert again.one(body) == expected
    assert again.rendered == 1
    third = Renderer(SETUP, FragmentCache(tmp_path))  # the entry written again is whole
    assert third.one(body) == expected and third.rendered == 0


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
    tamper(
        cache_file(project / ".cache/polyvox"),
        "UPDATE fragments SET text = replace(text, '<p>', '<p>TAMPERED ')",
    )
    code, output = build_project(project)
    assert code == 0, output
    assert site_bytes(project / "site") == cold


def test_a_cache_locked_by_another_build_is_kept_and_only_not_written(tmp_path):
    """A preview beside a build: a write that finds the cache locked is skipped; the cache and
    its entries stay as they were (it is not set aside as if it were damaged)."""
    body = Body("Hello *you*", "issues/2026-09/", anchor="a")
    Renderer(SETUP, FragmentCache(tmp_path)).one(body)
    database = cache_file(tmp_path)
    with sqlite3.connect(database) as lock:
        lock.execute("BEGIN EXCLUSIVE")
        cache = FragmentCache(tmp_path, wait=0.1)
        cache.put_many({"k" * 32: "x"})  # waits, then gives up without harm
        lock.rollback()
    assert cache_file(tmp_path) == database
    again = Renderer(SETUP, FragmentCache(tmp_path))
    assert again.one(body).html == "<p>Hello <em>you</em></p>" and again.rendered == 0


def test_an_option_written_as_a_python_name_is_the_one_bodies_render_with(tmp_path):
    """mkdocs.yml's `!!python/name:` options (a slug function, a custom fence) are read as
    mkdocs reads them: every body is rendered by Polyvox, so none falls back to a default."""
    from polyvox.engines.settings import read_settings

    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: x\ndocs_dir: content\nplugins: [polyvox]\nmarkdown_extensions:\n"
        "  - toc:\n      slugify: !!python/name:markdown.extensions.toc.slugify_unicode\n",
        encoding="utf-8",
    )
    setup = read_settings(config).markdown
    body = Body("## Ça va, Þórr\n\nText.\n", "issues/2026-09/", anchor="p", under=3)
    fragment = Renderer(setup).one(body)
    assert fragment.headings == ((4, "p-ça-va-þórr", "Ça va, Þórr"),)
