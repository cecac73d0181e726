"""Write the generated tree to a folder any mkdocs.yml-reading engine can build (no mkdocs).

What an engine does not make itself is written here: the pages (their HTML ready-made, their
data as front matter), generated and content assets, and every feed, the same bytes the plugin
writes, so a site built by Zensical from the export loses no subscriber.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import yaml

from generator.config import SiteSettings, today_or
from generator.engines.guard import PAGE_END, PAGE_START
from generator.engines.page_toc import toc_comment
from generator.render.cache import DEFAULT_FOLDER, FragmentCache
from generator.render.fragments import Renderer
from generator.site.feeds import feed_files
from generator.site.pages import GeneratedPage, SiteOptions, SiteTree, default_nav


def site_options(
    settings: SiteSettings, *, drafts: bool = False, feeds: bool = True, today: date | None = None
) -> SiteOptions:
    """Options for generate_site from mkdocs.yml settings (`today` in place of the option's)."""
    options = settings.options
    return SiteOptions(
        today=today or today_or(options),
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
    """Every file of docs/ that Polyvox generates: pages, assets and, with a site_url, feeds."""
    pages = {p.src_uri: page_source(p).encode("utf-8") for p in tree.pages}
    assets = {path: text.encode("utf-8") for path, text in tree.assets.items()}
    feeds = feed_files(tree, settings.options.feeds) if settings.site_url else {}
    return {**pages, **assets, **feeds}


def export_tree(tree: SiteTree, settings: SiteSettings, target: Path) -> int:
    """Write pages, feeds, generated and content assets, and an mkdocs.yml into target; count
    the files written in docs/."""
    docs = target / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    written = exported_files(tree, settings)
    for path, data in written.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_bytes(data)
    for asset in sorted(settings.docs_dir.rglob("*")):
        rel = asset.relative_to(settings.docs_dir)
        if asset.is_file() and asset.suffix != ".md" and not rel.parts[0].startswith("."):
            (docs / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(asset, docs / rel)
            written[rel.as_posix()] = b""
    (target / "mkdocs.yml").write_text(_exported_config(settings), encoding="utf-8")
    return len(written)


def _exported_config(settings: SiteSettings) -> str:
    """An mkdocs.yml inheriting the project's, with pages on disk and no polyvox plugin (and the
    plugin's navigation, unless the project writes its own)."""
    themes = (settings.theme_dir,) if settings.theme_dir else ()
    nav = default_nav(settings.language, settings.docs_dir, themes)
    theme = {"custom_dir": str(settings.theme_dir.resolve())} if settings.theme_dir else {}
    lines = [
        "# Written by `polyvox export`: the generated pages, buildable without the plugin.",
        f"INHERIT: {json.dumps(str(settings.config_file.resolve()))}",
        "docs_dir: docs",
        "site_dir: site",  # inside the export: Zensical builds nowhere else
        "plugins: [search]",
        "markdown_extensions: [generator.engines.page_toc]",  # each page's own toc
        f"not_in_nav: {json.dumps('/*')}",
    ]
    if settings.nav is None:  # else inherited: Zensical would add an exported nav to it
        lines.append(f"nav: {json.dumps(nav, ensure_ascii=False)}")
    if theme:
        lines.append(f"theme: {json.dumps(theme)}")
    return "\n".join(lines) + "\n"
