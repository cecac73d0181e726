"""The mkdocs adapter for plain `mkdocs build` and `mkdocs serve`: the generated pages, handed
to mkdocs ready-made. `polyvox build` and `polyvox serve` do not run mkdocs' page loop at all
(engines/build.py, engines/preview.py); this plugin keeps a project buildable by mkdocs alone.

mkdocs gets a stub per page: nothing to convert in `on_page_markdown`, the finished HTML in
`on_page_content`, the table of contents set from Polyvox's own headings, and the page's data
(JSON-LD, feed links, banners) as its metadata; the feeds and generated assets are written
after the build. Everything comes from the one outputs function (site/outputs.py).
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from pydantic import ValidationError

from polyvox.config import PolyvoxOptions, SettingsError, load_content, option_errors
from polyvox.content.assets import publishable_assets
from polyvox.content.problems import Severity
from polyvox.engines.material import narrow_language_links
from polyvox.engines.settings import read_settings, renderer_for, site_options, translator_for
from polyvox.engines.writer import Writer
from polyvox.errors import PolyvoxError
from polyvox.i18n import Translator, theme_texts
from polyvox.render.fragments import REQUIRED_EXTENSIONS
from polyvox.site.assemble import GeneratedPage
from polyvox.site.file_links import with_index_files
from polyvox.site.nav import default_nav
from polyvox.site.outputs import SiteOutputs, site_outputs

log = logging.getLogger("mkdocs.plugins.polyvox")


class PolyvoxPlugin(BasePlugin):
    """Generates the newsletter's pages from content/ for mkdocs-material to lay out."""

    options = PolyvoxOptions()
    serving = False
    outputs: SiteOutputs | None = None
    pages: dict[str, GeneratedPage]
    """The generated pages by their src_uri."""

    def load_config(self, options: dict[str, Any], config_file_path: str | None = None):
        """Validate the plugin's options with PolyvoxOptions, the schema the CLI reads too."""
        try:
            self.options = PolyvoxOptions.model_validate(options)
        except ValidationError as exc:
            return option_errors(exc), []
        return [], []

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Remember whether this is `mkdocs serve`, which shows drafts."""
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Enable the Markdown extensions members' bodies may use; give the site its small nav."""
        for extension in REQUIRED_EXTENSIONS:
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        language = config.theme.get("language", "en")
        themes = (Path(config.theme.custom_dir),) if config.theme.custom_dir else ()
        self.translator = Translator(language, themes)  # what the plugin logs is said in
        config.extra["polyvox_texts"] = theme_texts(self.translator)
        if config.nav is None:
            config.nav = default_nav(language, Path(config.docs_dir), themes)
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Replace content/'s Markdown with the generated pages; keep the images it publishes."""
        outputs = self.outputs = self._outputs(config)
        try:
            made = [output.make() for output in outputs.pages.values()]
        except PolyvoxError as exc:
            raise PluginError(str(exc)) from None
        self.pages = {page.src_uri: page for page in made}
        options = outputs.site.options
        publishable = publishable_assets(
            outputs.site.community, drafts=options.drafts, today=options.today
        )
        docs = Path(config.docs_dir).resolve()
        for file in [f for f in files if not f.generated_by and f.src_dir]:
            if Path(file.src_dir).resolve() == docs and (
                file.src_uri.endswith(".md") or file.src_uri not in publishable
            ):
                files.remove(file)
        nav_pages = {
            entry if isinstance(entry, str) else next(iter(entry.values()))
            for entry in config.nav or []
        }
        for page in self.pages.values():
            in_nav = page.src_uri in nav_pages
            level = InclusionLevel.INCLUDED if in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, page.src_uri, content=page.stub, inclusion=level))
        return files

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files):
        """Give a generated page its metadata; hand mkdocs nothing to convert."""
        generated = self.pages.get(page.file.src_uri)
        if generated is None:
            return markdown
        page.meta = dict(generated.meta)
        return ""

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files):
        """A generated page's finished HTML (it passed the last guard when it was made)."""
        generated = self.pages.get(page.file.src_uri)
        if generated is None:
            return html
        page.toc = get_toc(generated.toc)
        return generated.html

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """Without directory URLs (a preview opened from files), folder links end in
        index.html, as mkdocs' own links then do."""
        return output if config.use_directory_urls else with_index_files(output)

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write every feed and generated asset next to the page it belongs to, and narrow
        the language selector of Material's bundle to language links."""
        narrow_language_links(Path(config.site_dir))
        if not config.site_url:
            log.warning(self.translator("no_feeds"))
        writer = Writer(Path(config.site_dir))
        try:
            for output in self.outputs.files():
                writer.write(output.path, output.make())
        except PolyvoxError as exc:
            raise PluginError(str(exc)) from None

    def _outputs(self, config: MkDocsConfig) -> SiteOutputs:
        """Load and validate content/, report problems as check does, then every output."""
        try:
            settings = read_settings(Path(config.config_file_path or "mkdocs.yml"))
        except SettingsError as exc:
            raise PluginError(str(exc)) from None
        settings = replace(settings, options=self.options, docs_dir=Path(config.docs_dir))
        loaded = load_content(settings.docs_dir, settings.options, markdown=settings.markdown)
        t = translator_for(settings)
        for problem in loaded.problems:
            if problem.severity is Severity.WARNING:
                log.warning(problem.as_text(t))
        errors = [p.as_text(t) for p in loaded.problems if p.severity is Severity.ERROR]
        if errors or loaded.community is None:
            raise PluginError("\n".join([t("preview_log_errors"), *errors]))
        options = site_options(settings, drafts=self.serving)
        try:
            return site_outputs(
                loaded.community, options, renderer_for(settings), settings.options.feeds
            )
        except PolyvoxError as exc:
            raise PluginError(str(exc)) from None
