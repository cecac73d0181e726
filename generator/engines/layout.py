"""Generated pages laid out by the theme, with mkdocs' own page context, one page at a time.

mkdocs builds a site in one loop over every page. Here the loop is Polyvox's: mkdocs' own
configuration, files, navigation and theme environment are set up once, exactly as its build
sets them up, and then any page can be laid out on its own (in any process forked from this
one) with mkdocs' `get_context` and the theme's template, so a build lays out only the pages
whose content changed, on every core. Other plugins a community adds still see each page's
context and output; Material's search plugin does not parse pages again: Polyvox writes the
index from its own text (site/search.py). ProperDocs keeps mkdocs' modules as they are, so
the same code lays out its pages (in a process where ProperDocs stands in for mkdocs).
"""

from __future__ import annotations

import gzip
import hashlib
import io
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from mkdocs import utils
from mkdocs.commands.build import _build_template, get_context
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, get_navigation
from mkdocs.structure.toc import get_toc

from polyvox.site.assemble import GeneratedPage
from polyvox.site.file_links import with_index_files

OURS = "polyvox"
SEARCH = "search"
THEME_PACKAGES = ("mkdocs", "mkdocs-material", "properdocs", "jinja2", "pymdown-extensions")
"""Packages whose version changes how a page is laid out, so they key the layout."""


@dataclass(frozen=True)
class Laid:
    """What the layout of the whole site besides its pages needs to write."""

    files: dict[str, bytes]
    """The theme's templates that are files of their own (404 page, sitemap), by path."""
    static: dict[str, Path]
    """The theme's static files (scripts, styles, fonts, icons), by path."""


class Layout:
    """mkdocs' configuration, files, navigation and theme, set up once for one build."""

    def __init__(self, config: MkDocsConfig):
        self.config = config
        self.files = Files([])
        self.nav: Navigation | None = None
        self.env = None
        self.doc_files: list[File] = []
        self._pages: dict[str, File] = {}

    @classmethod
    def load(cls, config_file: Path, site_dir: Path, *, folders: bool = True) -> Layout:
        """Read mkdocs.yml as mkdocs does, with its plugins' configuration events run; without
        `folders`, pages are files (a preview opened from disk)."""
        config = load_config(str(config_file), site_dir=str(site_dir))
        config.use_directory_urls = config.use_directory_urls and folders
        config.plugins.on_startup(command="build", dirty=False)
        config = config.plugins.on_config(config)
        _run_others(config, "pre_build", None, config=config)
        return cls(config)

    def prepare(self, urls: list[str], nav_titles: dict[str, str]) -> None:
        """Set up the files, navigation and theme for a site of these generated pages."""
        config = self.config
        self.env = config.theme.get_env()
        self.files, self._pages = Files([]), {}
        self.files.add_files_from_theme(self.env, config)
        in_nav = {entry for item in config.nav or [] for entry in _nav_paths(item)}
        for url in urls:
            src_uri = f"{url}index.md"
            inclusion = InclusionLevel.INCLUDED if src_uri in in_nav else InclusionLevel.NOT_IN_NAV
            file = File.generated(config, src_uri, content="", inclusion=inclusion)
            self.files.append(file)
            self._pages[url] = file
        self.files = _run_others(config, "files", self.files, config=config)
        self.nav = get_navigation(self.files, config)
        self.nav = _run_others(config, "nav", self.nav, config=config, files=self.files)
        self.env = _run_others(config, "env", self.env, config=config, files=self.files)
        self.doc_files = self.files.documentation_pages()
        for url, file in self._pages.items():
            page = file.page
            page.markdown = ""
            page.meta = {"title": nav_titles.get(url, "")}

    @property
    def urls(self) -> set[str]:
        """The URLs of the generated pages the layout is set up for."""
        return set(self._pages)

    def page_url(self, url: str) -> str:
        """A generated page's address as mkdocs gives it (a file's, without directory URLs)."""
        return self._pages[url].page.url

    def nav_urls(self) -> list[str]:
        """The generated pages the navigation names, by URL."""
        paths = [path for item in self.config.nav or [] for path in _nav_paths(item)]
        return [path.removesuffix("index.md") for path in paths if path.endswith("index.md")]

    @property
    def fingerprint(self) -> str:
        """What every laid-out page depends on besides its own content: mkdocs.yml as
        configured, the theme's files, the navigation, and the versions laying it out."""
        digest = hashlib.blake2b(digest_size=16)
        configured = {k: v for k, v in self.config.items() if k != "site_dir"}  # staging differs
        digest.update(repr(_stable(configured)).encode())
        for file in sorted(self.files, key=lambda f: f.src_uri):
            if not file.generated_by and file.abs_src_path:
                digest.update(file.src_uri.encode() + _mtime_size(file.abs_src_path))
        for folder in self.config.theme.dirs:
            for path in sorted(Path(folder).rglob("*.html")):
                digest.update(str(path).encode() + _mtime_size(str(path)))
        digest.update(repr([(p.url, p.title) for p in self.nav.pages]).encode())
        digest.update(repr([_installed(name) for name in THEME_PACKAGES]).encode())
        return digest.hexdigest()

    def lay_out(self, generated: GeneratedPage) -> bytes:
        """A page's whole HTML: the generated content inside the theme's own layout."""
        config = self.config
        page = self._pages[generated.url].page
        page.meta, page.content = dict(generated.meta), generated.html
        page.toc = get_toc(generated.toc)
        config._current_page = page
        page.active = True
        try:
            context = get_context(self.nav, self.doc_files, config, page)
            template = self.env.get_template(page.meta.get("template", "main.html"))
            context = _run_others(
                config, "page_context", context, page=page, config=config, nav=self.nav
            )
            output = template.render(context)
            output = _run_others(config, "post_page", output, page=page, config=config)
            if not config.use_directory_urls:
                output = with_index_files(output)
        finally:
            page.active = False
            config._current_page = None
            page.content, page.toc = None, []
            page.meta = {"title": generated.title}
        return output.encode("utf-8", errors="xmlcharrefreplace")

    def theme_files(self) -> Laid:
        """The theme's own files: its static assets, its 404 page and its sitemap."""
        config = self.config
        static = {
            file.dest_uri: Path(file.abs_src_path)
            for file in self.files
            if not file.is_documentation_page() and file.abs_src_path and not file.generated_by
        }
        made = {}
        for name in config.theme.static_templates:
            if self.env.get_or_select_template(name, None) is None:
                continue
            template = self.env.get_template(name)
            output = _build_template(name, template, self.files, config, self.nav)
            if output.strip():
                made[name] = output.encode("utf-8")
                if name == "sitemap.xml":
                    made[f"{name}.gz"] = self._gzipped(name, made[name])
        return Laid(made, static)

    def _gzipped(self, name: str, data: bytes) -> bytes:
        """The sitemap compressed as mkdocs compresses it (dated by the pages, not the clock)."""
        pages = [f.page for f in self.doc_files if f.page is not None]
        timestamp = utils.get_build_timestamp(pages=pages)
        buffer = io.BytesIO()
        with gzip.GzipFile(fileobj=buffer, filename=name, mode="wb", mtime=timestamp) as out:
            out.write(data)
        return buffer.getvalue()

    def search_config(self) -> dict | None:
        """The search settings Material's index starts with, or None without its plugin."""
        plugin = _search_plugin(self.config)
        index = getattr(plugin, "search_index", None)
        if plugin is None or index is None or not plugin.config.enabled:
            return None
        return {key: index.config[key] for key in ("lang", "separator", "pipeline", "fields")}

    def finish(self) -> None:
        """Run the other plugins' last event, once the site is written."""
        _run_others(self.config, "post_build", None, config=self.config)


def _run_others(site_config: MkDocsConfig, event: str, item, **kwargs):
    """Run an mkdocs event for every plugin but Polyvox's (which is what drives the build)
    and, for pages, Material's search (whose index Polyvox writes)."""
    plugins = site_config.plugins
    for method in plugins.events[event]:
        owner = getattr(method, "__self__", None)
        if owner is plugins.get(OURS):
            continue
        if event in ("page_context", "post_build") and owner is _search_plugin(site_config):
            continue
        result = method(item, **kwargs) if item is not None else method(**kwargs)
        if item is not None and result is not None:
            item = result
    return item


def _stable(value: object) -> object:
    """A configuration value as plain data whose repr is the same in every process: objects
    (the theme, plugins, extensions, functions) by their qualified names and their own
    settings, never by their address in memory."""
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, Mapping):
        return tuple(sorted((str(k), _stable(v)) for k, v in value.items()))
    if isinstance(value, list | tuple | set | frozenset):
        items = [_stable(v) for v in value]
        return (
            tuple(sorted(items, key=repr)) if isinstance(value, set | frozenset) else tuple(items)
        )
    kind = value if hasattr(value, "__qualname__") else type(value)
    name = f"{getattr(kind, '__module__', '')}.{getattr(kind, '__qualname__', '')}"
    if hasattr(value, "dirs") and hasattr(value, "static_templates"):  # the theme
        own = {key: value[key] for key in value}
        return name, tuple(value.dirs), _stable(own)
    settings = getattr(value, "config", None)
    if isinstance(settings, Mapping):
        return name, _stable(settings)
    return name


def _search_plugin(site_config: MkDocsConfig):
    """The search plugin, whatever the theme names it (Material's is `material/search`)."""
    for name, plugin in site_config.plugins.items():
        if name.rpartition("/")[2] == SEARCH:
            return plugin
    return None


def _nav_paths(item) -> Iterator[str]:
    """The file paths a mkdocs.yml nav entry names (a page, a titled page, a section)."""
    if isinstance(item, str):
        yield item
    elif isinstance(item, dict):
        for value in item.values():
            yield from _nav_paths(value)
    elif isinstance(item, list):
        for entry in item:
            yield from _nav_paths(entry)


def _mtime_size(path: str) -> bytes:
    """A file's modification time and size, as bytes for a digest."""
    stat = Path(path).stat()
    return f"{stat.st_mtime_ns}:{stat.st_size}".encode()


def _installed(package: str) -> str:
    """A package's installed version, or ''."""
    try:
        return version(package)
    except PackageNotFoundError:
        return ""


PageMaker = Callable[[], GeneratedPage]
