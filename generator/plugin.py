"""The mkdocs adapter: reads content/, adds the generated pages as virtual files. Nothing more."""

from __future__ import annotations

import logging
import shutil
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from pydantic import ValidationError

from generator.config import PolyvoxOptions, option_errors, today_or
from generator.feeds import feed_files, feed_pages
from generator.load import Loaded, load_community
from generator.pages import SiteOptions, SiteTree, default_nav, generate_site
from generator.problems import Severity

log = logging.getLogger("mkdocs.plugins.polyvox")
REQUIRED_EXTENSIONS = ("toc", "attr_list", "md_in_html", "admonition")
"""Markdown extensions the generated pages are written for (anchors, sections, tips)."""


class PolyvoxPlugin(BasePlugin):
    """Generates the newsletter's pages from content/ for mkdocs-material to render."""

    options = PolyvoxOptions()
    serving = False
    preloaded: Loaded | None = None
    """Content already read and checked by `polyvox build`, so it is not read twice."""
    tree: SiteTree | None = None
    quoted: set[str]
    """URLs of the pages feeds quote (issues and sessions)."""
    rendered: dict[str, str]
    """Their rendered HTML, collected as mkdocs renders them."""

    def load_config(self, options: dict[str, Any], config_file_path: str | None = None):
        """Validate the plugin's options with PolyvoxOptions, the schema the CLI reads too."""
        try:
            self.options = PolyvoxOptions.model_validate(options)
        except ValidationError as exc:
            return option_errors(exc), []
        return [], []

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Remember whether this is a live preview, which shows drafts."""
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Enable the Markdown extensions our pages use; give the site its small navigation."""
        for extension in REQUIRED_EXTENSIONS:
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        if config.nav is None:
            config.nav = default_nav(config.theme.get("language", "en"), Path(config.docs_dir))
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Replace content/'s Markdown with the generated pages; keep its images as they are."""
        tree = self.tree = self._generate(config)
        self.rendered, self.quoted = {}, feed_pages(tree.site)
        for file in [f for f in files if f.src_uri.endswith(".md") and not f.generated_by]:
            files.remove(file)
        nav_pages = {
            entry if isinstance(entry, str) else next(iter(entry.values()))
            for entry in config.nav or []
        }
        for page in tree.pages:
            inclusion = (
                InclusionLevel.INCLUDED if page.src_uri in nav_pages else InclusionLevel.NOT_IN_NAV
            )
            files.append(
                File.generated(config, page.src_uri, content=page.markdown, inclusion=inclusion)
            )
        for src_uri, content in tree.assets.items():
            files.append(File.generated(config, src_uri, content=content))
        return files

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files):
        """Keep the rendered HTML of issue and session pages, which the feeds quote."""
        url = page.file.src_uri.removesuffix("index.md")
        if url in self.quoted:
            self.rendered[url] = html
        return html

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write every feed next to the page it follows."""
        if not config.site_url:
            log.warning("no feeds written: feeds need 'site_url' in mkdocs.yml for their links")
            return
        for path, data in feed_files(self.tree.site, self.rendered, self.options.feeds).items():
            target = Path(config.site_dir, path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)

    def _generate(self, config: MkDocsConfig) -> SiteTree:
        """Load and validate content/, report problems as check does, then generate the tree."""
        loaded = self.preloaded or load_community(
            Path(config.docs_dir),
            max_bytes=self.options.max_file_size,
            voice_rules=self.options.voice_rules,
        )
        for problem in loaded.problems:
            if problem.severity is Severity.WARNING:
                log.warning(problem.as_text())
        errors = [p.as_text() for p in loaded.problems if p.severity is Severity.ERROR]
        if errors or loaded.community is None:
            raise PluginError("content has errors:\n" + "\n".join(errors))
        options = SiteOptions(
            today=today_or(self.options),
            language=config.theme.get("language", "en"),
            drafts=self.options.drafts or self.serving,
            site_name=config.site_name,
            site_url=config.site_url or "",
            tag_feeds=self.options.feeds.tags,
            template_dirs=tuple(Path(d) for d in config.theme.dirs),
        )
        return generate_site(loaded.community, options)


def build_atomically(
    config_file: Path, *, drafts: bool, today: date | None, loaded: Loaded | None = None
) -> bool:
    """Build into a temporary folder and swap it into site_dir only if the build succeeded."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    try:
        config = load_config(str(config_file))
    except Abort:
        return False  # mkdocs has logged what is wrong in mkdocs.yml
    site_dir = Path(config.site_dir)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-", dir=site_dir.parent))
    config.site_dir = str(staging)
    plugin = config.plugins["polyvox"]
    plugin.options = plugin.options.model_copy(
        update={"drafts": plugin.options.drafts or drafts, "today": today or plugin.options.today}
    )
    plugin.preloaded = loaded
    try:
        build(config)
    except Abort:
        shutil.rmtree(staging, ignore_errors=True)
        return False
    _swap_in(staging, site_dir)
    return True


def serve_preview(config_file: Path, *, dev_addr: str, watch: list[Path]) -> bool:
    """Serve the site with live reload (drafts shown) until interrupted; False if it cannot."""
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import Abort

    try:
        serve(str(config_file), livereload=True, watch=[str(p) for p in watch], dev_addr=dev_addr)
    except Abort:
        return False  # mkdocs has logged why
    return True


def _swap_in(staging: Path, site_dir: Path) -> None:
    """Replace site_dir by staging with two renames, so readers never see half a site."""
    retired = staging.with_name(staging.name + "-old")
    if site_dir.exists():
        site_dir.rename(retired)
    staging.rename(site_dir)
    shutil.rmtree(retired, ignore_errors=True)
