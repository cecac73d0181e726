"""Write the site's outputs to a folder any mkdocs.yml-reading engine can build (no mkdocs).

What an engine does not make itself is written here: the pages (their HTML ready-made, their
data as front matter), generated and content assets, and every feed, the same bytes a build
publishes, so a site built by Zensical from the export loses no subscriber.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from polyvox.config import SiteSettings
from polyvox.content.assets import publishable_assets
from polyvox.engines.guard import PAGE_END, PAGE_START
from polyvox.engines.page_toc import toc_comment
from polyvox.engines.writer import Writer, os_error
from polyvox.i18n import Translator, theme_texts
from polyvox.site.assemble import GeneratedPage
from polyvox.site.nav import default_nav
from polyvox.site.outputs import SiteOutputs


def page_source(page: GeneratedPage) -> str:
    """A generated page as a Markdown file any engine reads: its metadata as front matter, its
    table of contents (for page_toc), then its HTML, which Python-Markdown passes through."""
    front = yaml.safe_dump(page.meta, allow_unicode=True, sort_keys=False, width=1_000_000)
    html = f'{PAGE_START}\n<div class="pv-page">\n{page.html}\n</div>\n{PAGE_END}'
    return f"---\n{front}---\n\n{toc_comment(page.toc)}\n\n{html}\n"


def export_outputs(
    outputs: SiteOutputs, settings: SiteSettings, target: Path
) -> tuple[GeneratedPage, ...]:
    """Write pages, feeds, generated assets and the content assets a build publishes (a
    draft's images only with its draft), and an mkdocs.yml, into target; return the pages."""
    pages = tuple(output.make() for output in outputs.pages.values())  # all made (and guarded)
    files = {output.path: output.make() for output in outputs.files()}  # before anything is written
    docs = target / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    writer = Writer(docs)
    for page in pages:
        writer.write(page.src_uri, page_source(page).encode("utf-8"))
    for path, data in files.items():
        writer.write(path, data)
    options = outputs.site.options
    for rel in sorted(
        publishable_assets(outputs.site.community, drafts=options.drafts, today=options.today)
    ):
        writer.copy(rel, settings.docs_dir / rel)
    config = _exported_config(settings, target)
    Writer(target).write("mkdocs.yml", config.encode("utf-8"))
    return pages


def _exported_config(settings: SiteSettings, target: Path) -> str:
    """A self-contained mkdocs.yml: the project's own (what it inherits merged in, tags kept),
    with pages on disk, the theme copied beside them, no polyvox plugin, and relative paths
    only, so the export still builds once moved; mkdocs and Zensical both build it."""
    from polyvox.engines.settings import config_as_written, dump_config

    config = config_as_written(settings.config_file)
    config |= {"docs_dir": "docs", "site_dir": "site", "plugins": ["search"]}
    extensions = config.get("markdown_extensions") or []
    config["markdown_extensions"] = [*extensions, "polyvox.engines.page_toc"]  # pages' own toc
    themes = (settings.theme_dir,) if settings.theme_dir else ()
    if config.get("nav") is None:  # a project's own nav stays, as the plugin keeps it
        config["nav"] = default_nav(settings.language, settings.docs_dir, themes)
    config["not_in_nav"] = "/*"
    extra = config.get("extra") if isinstance(config.get("extra"), dict) else {}
    config["extra"] = {**extra, "polyvox_texts": theme_texts(Translator(settings.language, themes))}
    if settings.theme_dir and settings.theme_dir.is_dir():
        try:
            shutil.copytree(settings.theme_dir, target / "theme", dirs_exist_ok=True)
        except OSError as exc:
            raise os_error(target / "theme", exc) from None
        theme = config.get("theme") or {}
        config["theme"] = {**(theme if isinstance(theme, dict) else {"name": theme})}
        config["theme"]["custom_dir"] = "theme"
    header = "# Written by `polyvox export`: the generated pages, buildable without the plugin.\n"
    return header + dump_config(config)
