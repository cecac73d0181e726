"""Write the generated tree to a folder any mkdocs.yml-reading engine can build (no mkdocs).

What an engine does not make itself is written here: the pages (their HTML ready-made, their
data as front matter), generated and content assets, and every feed, the same bytes the plugin
writes, so a site built by Zensical from the export loses no subscriber.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from polyvox.config import SiteSettings, today_or
from polyvox.content.assets import publishable_assets
from polyvox.content.safety import UnsafeOutput, guarded, page_fault_report, rendered_page_faults
from polyvox.engines.guard import PAGE_END, PAGE_START
from polyvox.engines.page_toc import toc_comment
from polyvox.render.cache import DEFAULT_FOLDER, FragmentCache
from polyvox.render.fragments import Renderer
from polyvox.site.feeds import feed_files
from polyvox.site.pages import GeneratedPage, SiteOptions, SiteTree, default_nav


def site_options(
    settings: SiteSettings, *, drafts: bool = False, feeds: bool = True
) -> SiteOptions:
    """Options for generate_site from mkdocs.yml settings."""
    options = settings.options
    return SiteOptions(
        today=today_or(options),
        language=settings.language,
        drafts=drafts or options.drafts,
        site_name=settings.site_name,
        site_url=settings.site_url,
        tag_feeds=options.feeds.tags,
        feeds=feeds,
        template_dirs=(settings.theme_dir,) if settings.theme_dir else (),
    )


def renderer_for(settings: SiteSettings) -> Renderer:
    """The body renderer of a project's Markdown setup, with the project's fragment cache."""
    project = settings.config_file.resolve().parent
    return Renderer(settings.markdown, FragmentCache(project / DEFAULT_FOLDER))


def page_source(page: GeneratedPage) -> str:
    """A generated page as a Markdown file any engine reads: its metadata as front matter, its
    table of contents (for page_toc), then its HTML, which Python-Markdown passes through."""
    front = yaml.safe_dump(page.meta, allow_unicode=True, sort_keys=False, width=1_000_000)
    html = f'{PAGE_START}\n<div class="pv-page">\n{page.html}\n</div>\n{PAGE_END}'
    return f"---\n{front}---\n\n{toc_comment(page.toc)}\n\n{html}\n"


def exported_files(tree: SiteTree, settings: SiteSettings) -> dict[str, bytes]:
    """Every file of docs/ that Polyvox generates: pages, assets and, with a site_url, feeds
    (each page once the last guards have passed it; UnsafeOutput otherwise)."""
    pages = {p.src_uri: page_source(p).encode("utf-8") for p in guarded_pages(tree)}
    assets = {path: text.encode("utf-8") for path, text in tree.assets.items()}
    feeds = feed_files(tree, settings.options.feeds) if settings.site_url else {}
    return {**pages, **assets, **feeds}


def guarded_pages(tree: SiteTree) -> tuple[GeneratedPage, ...]:
    """The pages an engine will lay out without our plugin, once the build's guards have
    passed them: every member's fragment by the allowlist (named by its file), the HTML around
    them by the page rules; UnsafeOutput otherwise."""
    for body, fragment in tree.assembly.fragments.items() if tree.assembly else ():
        guarded(fragment.html, source=body.source or body.page, output="in the export")
    for page in tree.pages:
        faults = rendered_page_faults(page.chrome)
        if faults:
            raise UnsafeOutput(page_fault_report(page.src_uri, faults))
    return tree.pages


def export_tree(tree: SiteTree, settings: SiteSettings, target: Path) -> int:
    """Write pages, feeds, generated assets and the content assets the plugin would publish (a
    draft's images only with its draft), and an mkdocs.yml into target; count files in docs/."""
    written = exported_files(tree, settings)  # guarded before anything is touched
    docs = target / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    for path, data in written.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_bytes(data)
    options = tree.site.options
    for rel in sorted(
        publishable_assets(tree.site.community, drafts=options.drafts, today=options.today)
    ):
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(settings.docs_dir / rel, docs / rel)
        written[rel] = b""
    (target / "mkdocs.yml").write_text(_exported_config(settings, target), encoding="utf-8")
    return len(written)


def _exported_config(settings: SiteSettings, target: Path) -> str:
    """A self-contained mkdocs.yml: the project's own (what it inherits merged in, tags kept),
    with pages on disk, the theme copied beside them, no polyvox plugin, and relative paths
    only, so the export still builds once moved; mkdocs and Zensical both build it."""
    from polyvox.engines.settings import config_as_written, dump_config

    config = config_as_written(settings.config_file)
    config |= {"docs_dir": "docs", "site_dir": "site", "plugins": ["search"]}
    extensions = config.get("markdown_extensions") or []
    config["markdown_extensions"] = [*extensions, "polyvox.engines.page_toc"]  # pages' own toc
    if config.get("nav") is None:  # a project's own nav stays, as the plugin keeps it
        themes = (settings.theme_dir,) if settings.theme_dir else ()
        config["nav"] = default_nav(settings.language, settings.docs_dir, themes)
    config["not_in_nav"] = "/*"
    if settings.theme_dir and settings.theme_dir.is_dir():
        shutil.copytree(settings.theme_dir, target / "theme", dirs_exist_ok=True)
        theme = config.get("theme") or {}
        config["theme"] = {**(theme if isinstance(theme, dict) else {"name": theme})}
        config["theme"]["custom_dir"] = "theme"
    header = "# Written by `polyvox export`: the generated pages, buildable without the plugin.\n"
    return header + dump_config(config)
