"""The mkdocs adapter: reads content/, hands mkdocs the generated pages ready-made. Nothing more.

Polyvox renders every member's body once (polyvox.render, on every core, cached under
`.cache/polyvox/`) and assembles each page as HTML. mkdocs gets a stub per page: nothing to
convert in `on_page_markdown`, the finished HTML in `on_page_content`, the table of contents
set from Polyvox's own headings, and the page's data (JSON-LD, feed links, banners) as its
metadata, so the theme, search and permalinks work as for any page.
"""

from __future__ import annotations

import json
import logging
import shutil
from collections import defaultdict
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from pydantic import ValidationError

from polyvox.config import PolyvoxOptions, load_content, option_errors, today_or
from polyvox.content.assets import publishable_assets
from polyvox.content.load import Loaded
from polyvox.content.problems import Severity
from polyvox.content.reader import DocumentCache, read_document
from polyvox.content.safety import UnsafeOutput, page_fault_report, rendered_page_faults
from polyvox.engines.guard import unsafe_fragment
from polyvox.engines.staging import new_staging, publish
from polyvox.i18n import Translator
from polyvox.render.cache import DEFAULT_FOLDER, FragmentCache
from polyvox.render.fragments import REQUIRED_EXTENSIONS, MarkdownSetup, Renderer
from polyvox.site.feeds import feed_files, write_feeds
from polyvox.site.pages import (
    GeneratedPage,
    SiteOptions,
    SiteTree,
    default_nav,
    error_page,
    generate_site,
    regenerate_site,
)

log = logging.getLogger("mkdocs.plugins.polyvox")


class GeneratedFile(File):
    """A generated file a live-preview rebuild may skip, when it is the same as last time."""

    unchanged = False

    def is_modified(self) -> bool:
        """Whether mkdocs must (re)write the file: always, unless known to be unchanged."""
        return not self.unchanged and super().is_modified()


class LivePreview:
    """What `serve` keeps from one rebuild to the next, so an edit rebuilds only what changed.

    mkdocs serves with dirty rebuilds: pages that are the same as after the last successful
    build are not written again (unless the theme, mkdocs.yml or the navigation changed),
    content files are parsed again only when they change, bodies are rendered again only when
    they change, feeds are written only when their bytes change, and the search index keeps
    the entries of skipped pages.
    """

    def __init__(self) -> None:
        self.documents = DocumentCache()
        self.markdown: dict[str, str] = {}
        self.fingerprint: tuple = ()
        self.pending: tuple[dict[str, str], tuple] = ({}, ())
        self.rebuilt: set[str] = set()
        self.renderer: Renderer | None = None
        """Kept between rebuilds: only the bodies that changed are rendered again."""
        self.tree: SiteTree | None = None
        """The last tree generated: pages whose bodies did not change are reused from it."""
        self.changed: set[str] | None = None
        """The pages the last edit changed (None: all of them)."""
        self.instants: dict = {}
        """Every feed item's update instant, from the last whole feed build."""
        self.items: dict = {}
        """Every feed item built, by (page, anchor), reused while its page is unchanged."""
        self.theme: tuple = ()
        """The theme as it was at the last generation, to know when templates must recompile."""
        self.failed = False
        """Whether the content has errors now: the pages show them, feeds wait."""
        self.written: dict[str, int] = {}
        self.search: dict[str, list[dict]] = {}

    def mark(self, files: list[GeneratedFile], config: MkDocsConfig) -> None:
        """Flag the files whose content is as last time; all are new if the theme changed."""
        fingerprint = (_theme_fingerprint(config), repr(config.nav))
        keep = fingerprint == self.fingerprint
        contents = {f.src_uri: f.content_string for f in files}
        for file in files:
            file.unchanged = keep and self.markdown.get(file.src_uri) == contents[file.src_uri]
        self.pending, self.rebuilt = (contents, fingerprint), set()

    def built(self, site_dir: str) -> None:
        """The build succeeded: remember what it rendered, and complete the search index."""
        self.markdown, self.fingerprint = self.pending
        self._merge_search(Path(site_dir, "search", "search_index.json"))

    def _merge_search(self, index_file: Path) -> None:
        """Material's index of this build holds only the pages rendered now: add the others'."""
        if not index_file.is_file():
            return
        index = json.loads(index_file.read_text(encoding="utf-8"))
        fresh: dict[str, list[dict]] = defaultdict(list)
        for doc in index["docs"]:
            fresh[doc["location"].partition("#")[0]].append(doc)
        pages = [uri.removesuffix("index.md") for uri in self.markdown if uri.endswith(".md")]
        for page in self.rebuilt | set(fresh):
            self.search[page] = fresh.get(page, [])
        index["docs"] = [doc for page in pages for doc in self.search.get(page, [])]
        index_file.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")

    def write_changed(self, site_dir: str, outputs: dict[str, bytes]) -> None:
        """Write the files whose bytes differ from the last ones written."""
        for path, data in outputs.items():
            if self.written.get(path) != hash(data):
                _write(Path(site_dir, path), data)
                self.written[path] = hash(data)


class PolyvoxPlugin(BasePlugin):
    """Generates the newsletter's pages from content/ for mkdocs-material to lay out."""

    options = PolyvoxOptions()
    serving = False
    preview: LivePreview | None = None
    preloaded: Loaded | None = None
    """Content already read and checked by `polyvox build`, so it is not read twice."""
    tree: SiteTree | None = None
    pages: dict[str, GeneratedPage]
    """The generated pages by their src_uri."""
    publishable: frozenset[str] = frozenset()
    """content/'s asset files this build publishes (paths below content/)."""

    def load_config(self, options: dict[str, Any], config_file_path: str | None = None):
        """Validate the plugin's options with PolyvoxOptions, the schema the CLI reads too."""
        try:
            self.options = PolyvoxOptions.model_validate(options)
        except ValidationError as exc:
            return option_errors(exc), []
        return [], []

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Remember whether this is a live preview, which shows drafts and rebuilds little."""
        self.serving = command == "serve"
        self.preview = LivePreview() if self.serving else None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Enable the Markdown extensions members' bodies may use; give the site its small nav."""
        for extension in REQUIRED_EXTENSIONS:
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        if config.nav is None:
            language = config.theme.get("language", "en")
            themes = tuple(map(Path, config.theme.dirs))
            config.nav = default_nav(language, Path(config.docs_dir), themes)
        if self.preview:
            _index_only_rendered_pages(config)
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Replace content/'s Markdown with the generated pages; keep the images it publishes."""
        tree = self.tree = self._generate(config)
        self.pages = {page.src_uri: page for page in tree.pages}
        docs = Path(config.docs_dir).resolve()
        sources = {src: Path(src).resolve() == docs for src in {f.src_dir for f in files}}
        for file in [f for f in files if not f.generated_by and f.src_dir and sources[f.src_dir]]:
            if file.src_uri.endswith(".md") or file.src_uri not in self.publishable:
                files.remove(file)
        nav_pages = {
            entry if isinstance(entry, str) else next(iter(entry.values()))
            for entry in config.nav or []
        }
        generated = [
            GeneratedFile.generated(
                config,
                page.src_uri,
                content=page.stub,
                inclusion=InclusionLevel.INCLUDED
                if page.src_uri in nav_pages
                else InclusionLevel.NOT_IN_NAV,
            )
            for page in tree.pages
        ]
        generated += [
            GeneratedFile.generated(config, src_uri, content=content)
            for src_uri, content in tree.assets.items()
        ]
        if self.preview:
            self.preview.mark(generated, config)
        for file in generated:
            files.append(file)
        return files

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files):
        """Give a generated page its metadata; hand mkdocs nothing to convert."""
        generated = self.pages.get(page.file.src_uri)
        if generated is None:
            return markdown
        page.meta = dict(generated.meta)
        return ""

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files):
        """A generated page's finished HTML and toc, once the last guard has passed it.

        The active-content test is the last guard: `check` and the content read refuse such
        files first, so this only fires if something slipped through them.
        """
        generated = self.pages.get(page.file.src_uri)
        if generated is None:
            return html
        faults = rendered_page_faults(generated.chrome)
        if faults:
            raise PluginError(page_fault_report(page.file.src_uri, faults))
        page.toc = get_toc(generated.toc)
        if self.preview:
            self.preview.rebuilt.add(generated.url)
        return generated.html

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write every feed next to the page it follows (in a preview, the changed ones)."""
        if self.preview:
            self.preview.built(config.site_dir)
            if self.preview.failed:
                return  # the feeds keep what they had until the content is fixed
        if not config.site_url:
            log.warning("no feeds written: feeds need 'site_url' in mkdocs.yml for their links")
            return
        try:
            self._write_feeds(config)
        except UnsafeOutput as exc:  # the last guard, on what the feeds quote
            raise PluginError(str(exc)) from None

    def _write_feeds(self, config: MkDocsConfig) -> None:
        """Write every feed (in a preview, the changed ones)."""
        if self.preview:
            preview = self.preview
            changed = preview.changed
            feeds = feed_files(
                self.tree,
                self.options.feeds,
                changed=changed,
                instants=preview.instants,
                items=preview.items,
            )
            preview.write_changed(config.site_dir, feeds)
            return
        write_feeds(self.tree, self.options.feeds, Path(config.site_dir))

    def _generate(self, config: MkDocsConfig) -> SiteTree:
        """Load and validate content/, report problems as check does, then generate the tree."""
        loaded = self.preloaded or load_content(
            Path(config.docs_dir),
            self.options,
            read=self.preview.documents.read if self.preview else read_document,
        )
        for problem in loaded.problems:
            if problem.severity is Severity.WARNING:
                log.warning(problem.as_text())
        errors = [p.as_text() for p in loaded.problems if p.severity is Severity.ERROR]
        if self.preview:
            self.preview.failed = bool(errors) or loaded.community is None
            if self.preview.failed:
                return self._error_tree(errors, config)
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
        self.publishable = publishable_assets(
            loaded.community, drafts=options.drafts, today=options.today
        )
        if self.preview:
            previous, theme = self.preview.tree, _theme_fingerprint(config)
            tree, self.preview.changed = regenerate_site(
                previous,
                loaded.community,
                options,
                self._renderer(config),
                same_templates=theme == self.preview.theme,
            )
            self.preview.theme = theme
            _guard_fragments(tree, previous.assembly.fragments if previous else {})
            self.preview.tree = tree
            return tree
        tree = generate_site(loaded.community, options, self._renderer(config))
        _guard_fragments(tree)
        return tree

    def _error_tree(self, errors: list[str], config: MkDocsConfig) -> SiteTree:
        """In a live preview, every page known so far shows the problems until they are fixed
        (mkdocs' own error would leave the browser waiting, with no word of what is wrong)."""
        log.error("content has errors:\n" + "\n".join(errors))
        previous = self.preview.tree
        urls = [page.url for page in previous.pages] if previous else [""]
        translator = Translator(config.theme.get("language", "en"), tuple(config.theme.dirs))
        pages = tuple(error_page(url, errors, translator) for url in urls)
        return SiteTree(pages, previous.assets if previous else {})

    def _renderer(self, config: MkDocsConfig) -> Renderer:
        """The body renderer of this site's Markdown setup, cached in the project's .cache/."""
        setup = markdown_setup(config)
        kept = self.preview.renderer if self.preview else None
        if kept is not None and kept.setup == setup:
            return kept
        project = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        renderer = Renderer(setup, FragmentCache(project / DEFAULT_FOLDER))
        if self.preview:
            self.preview.renderer = renderer
        return renderer


def _guard_fragments(tree: SiteTree, passed: dict | None = None) -> None:
    """The last guard on members' HTML: every rendered body, before any page is written
    (in a live preview, every body that was not already passed in the same form)."""
    fault = unsafe_fragment(tree, passed)
    if fault:
        raise PluginError(fault)


def markdown_setup(config: MkDocsConfig) -> MarkdownSetup:
    """The site's Python-Markdown configuration as mkdocs would use it, as plain data."""
    extensions = tuple(
        name if isinstance(name, str) else f"{type(name).__module__}:{type(name).__qualname__}"
        for name in config.markdown_extensions
    )
    configs = {name: dict(options) for name, options in (config.mdx_configs or {}).items()}
    return MarkdownSetup(extensions, configs)


def build_atomically(
    config_file: Path,
    *,
    drafts: bool,
    today: date | None,
    loaded: Loaded | None = None,
    into: Path | None = None,
    extra_files: Callable[[SiteTree], dict[str, bytes]] | None = None,
) -> bool:
    """Build into a temporary folder and swap it into site_dir only if the build succeeded;
    with `into`, build into that staging folder and leave the swap to the caller.

    `extra_files` makes more outputs from the built tree (the email editions), written into
    the same folder before the swap, so they are published, or not, with the site.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    try:
        config = load_config(str(config_file))
    except Abort:
        return False  # mkdocs has logged what is wrong in mkdocs.yml
    site_dir = Path(config.site_dir)
    staging = into or new_staging(site_dir)
    config.site_dir = str(staging)
    plugin = config.plugins["polyvox"]
    plugin.options = plugin.options.model_copy(
        update={"drafts": plugin.options.drafts or drafts, "today": today or plugin.options.today}
    )
    plugin.preloaded = loaded
    try:
        build(config)
        for path, data in (extra_files(plugin.tree) if extra_files else {}).items():
            _write(staging / path, data)
    except Abort:
        shutil.rmtree(staging, ignore_errors=True)
        return False  # mkdocs has logged why
    except UnsafeOutput as exc:  # the last guard, on the email editions
        shutil.rmtree(staging, ignore_errors=True)
        log.error(str(exc))
        return False
    except Exception as exc:  # a theme template that does not parse, a disk that is full...
        shutil.rmtree(staging, ignore_errors=True)
        log.error(f"the build stopped: {type(exc).__name__}: {exc}")
        return False
    if into is None:
        publish(staging, site_dir)
    return True


def serve_preview(config_file: Path, *, dev_addr: str, watch: list[Path]) -> bool:
    """Serve the site with live reload (drafts shown) until interrupted; False if it cannot."""
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import Abort

    logging.getLogger("mkdocs.commands.build").addFilter(_quiet_dirty_warning)
    try:
        serve(
            str(config_file),
            livereload=True,
            build_type="dirty",  # LivePreview marks what changed; mkdocs skips the rest
            watch=[str(p) for p in watch],
            dev_addr=dev_addr,
        )
    except Abort:
        return False  # mkdocs has logged why
    return True


def _quiet_dirty_warning(record: logging.LogRecord) -> bool:
    """Drop mkdocs' warning about dirty builds: the preview knows what each rebuild needs."""
    return not record.getMessage().startswith("A 'dirty' build is being performed")


def _index_only_rendered_pages(config: MkDocsConfig) -> None:
    """Turn off Material search's own dirty-reload merge, which keeps the old entries of only
    one rebuilt page (duplicates pile up, or a rebuilt home page drops everything):
    LivePreview merges the index itself, page by page."""
    for plugin in config.plugins.values():
        if hasattr(plugin, "search_index_prev"):
            plugin.is_dirty = False


def _write(target: Path, data: bytes) -> None:
    """Write bytes to a file, creating its folder."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def _theme_fingerprint(config: MkDocsConfig) -> tuple:
    """Sizes and times of mkdocs.yml and the theme overrides: a change rebuilds every page."""
    watched = [Path(config.config_file_path or "mkdocs.yml")]
    if config.theme.custom_dir:
        watched += sorted(p for p in Path(config.theme.custom_dir).rglob("*") if p.is_file())
    return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in watched if p.exists())
