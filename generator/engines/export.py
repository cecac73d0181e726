"""Write the generated tree to a folder any mkdocs.yml-reading engine can build (no mkdocs)."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from generator.config import SiteSettings, today_or
from generator.render.cache import DEFAULT_FOLDER, FragmentCache
from generator.render.fragments import Renderer
from generator.site.pages import GeneratedPage, SiteOptions, SiteTree, default_nav


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
    """A generated page as a Markdown file any engine reads: its metadata as front matter,
    then its HTML, which Python-Markdown passes through as it is."""
    front = yaml.safe_dump(page.meta, allow_unicode=True, sort_keys=False, width=1_000_000)
    return f'---\n{front}---\n\n<div class="pv-page">\n{page.html}\n</div>\n'


def export_tree(tree: SiteTree, settings: SiteSettings, target: Path) -> int:
    """Write pages, generated and content assets, and an mkdocs.yml into target; count files."""
    docs = target / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    written = {**{p.src_uri: page_source(p) for p in tree.pages}, **tree.assets}
    for src_uri, text in written.items():
        (docs / src_uri).parent.mkdir(parents=True, exist_ok=True)
        (docs / src_uri).write_text(text, encoding="utf-8")
    for asset in sorted(settings.docs_dir.rglob("*")):
        rel = asset.relative_to(settings.docs_dir)
        if asset.is_file() and asset.suffix != ".md" and not rel.parts[0].startswith("."):
            (docs / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(asset, docs / rel)
            written[rel.as_posix()] = ""
    (target / "mkdocs.yml").write_text(_exported_config(settings, target), encoding="utf-8")
    return len(written)


def _exported_config(settings: SiteSettings, target: Path) -> str:
    """A self-contained mkdocs.yml: the project's own (what it inherits merged in, tags kept),
    with pages on disk, the theme copied beside them, no polyvox plugin, and relative paths
    only, so the export still builds once moved."""
    from generator.engines.settings import config_as_written, dump_config

    config = config_as_written(settings.config_file)
    config |= {"docs_dir": "docs", "site_dir": "site", "plugins": ["search"]}
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
