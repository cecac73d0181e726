"""`polyvox serve`: Polyvox's own preview loop on mkdocs' live-reload server.

The server (mkdocs.livereload, as `mkdocs serve` uses it) serves a folder and reloads the
browser after each rebuild; the rebuild is Polyvox's: a save re-reads the files that changed,
makes again only the outputs whose inputs changed, writes only the files whose bytes changed,
and the browser reloads. A save that breaks a file shows the list of problems on every page
until the next save fixes it. A change to mkdocs.yml or the theme sets everything up again.
"""

from __future__ import annotations

import gc
import logging
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import watchdog.events
import watchdog.observers
from mkdocs.livereload import LiveReloadServer

from polyvox.config import SiteSettings, load_content
from polyvox.content.load import Loaded, LoadMemo
from polyvox.content.problems import Severity
from polyvox.engines.build import SiteBuilder
from polyvox.engines.settings import read_settings, translator_for
from polyvox.engines.writer import Writer
from polyvox.errors import PolyvoxError
from polyvox.i18n import Translator
from polyvox.site.assemble import GeneratedPage, error_page

log = logging.getLogger("mkdocs.plugins.polyvox")


class Preview:
    """The preview's state between saves: settings, what was read, and the site builder."""

    def __init__(self, config_file: Path, root: Path):
        self.config_file = config_file
        self.root = root
        self.settings: SiteSettings | None = None
        self.translator: Translator | None = None
        self.builder: SiteBuilder | None = None
        self.memo = LoadMemo()
        self.changed: set[Path] = set()
        self._lock = threading.Lock()
        self.failed = False
        self.pages_ready: Callable[[], None] | None = None
        """Told when a rebuild's pages are written, before its feeds (the server then lets
        browsers reload at once)."""

    def saw(self, path: str) -> None:
        """Note a path the watcher reported (any thread)."""
        with self._lock:
            self.changed.add(Path(path).resolve())

    def rebuild(self) -> None:
        """Bring the served folder up to date with what changed since the last rebuild."""
        started = time.perf_counter()
        with self._lock:
            changed, self.changed = self.changed, set()
        if self.builder is None or self._touches_setup(changed):
            self._set_up()
        else:
            self.memo.forget(changed)
        loaded = self._load()
        problems = [
            p.as_text(self.translator) for p in loaded.problems if p.severity is Severity.ERROR
        ]
        if problems or loaded.community is None:
            self.failed = True
            self._show_problems(problems)
            return
        self.failed = False
        try:
            built = self.builder.build(loaded, self.root, pages_ready=self.pages_ready)
        except PolyvoxError as exc:
            self.failed = True
            self._show_problems(str(exc).splitlines())
            return
        seconds = time.perf_counter() - started
        took = self.translator.hundredths(seconds)
        log.info(
            self.translator.plural("preview_rebuilt", built.written, made=built.made, seconds=took)
        )
        _set_aside_the_site()

    def _touches_setup(self, changed: set[Path]) -> bool:
        """Whether a change is to mkdocs.yml or the theme (everything is set up again)."""
        theme = self.settings.theme_dir.resolve() if self.settings.theme_dir else None
        config = self.config_file.resolve()
        return any(p == config or (theme and p.is_relative_to(theme)) for p in changed)

    def _set_up(self) -> None:
        """Read the settings and start a builder (drafts shown, the store pruned once)."""
        if self.builder is not None:
            self.builder.close()
        self.settings = read_settings(self.config_file)
        self.translator = translator_for(self.settings)
        self.builder = SiteBuilder(self.settings, drafts=True, prune=True)
        self.builder.prune = False  # later saves do not prune: each is a small build
        self.memo = LoadMemo()

    def _load(self) -> Loaded:
        """Read content/, each file again only if it changed since the last read."""
        settings = self.settings
        return load_content(
            settings.docs_dir,
            settings.options,
            memo=self.memo,
            markdown=settings.markdown,
            renderer=self.builder.renderer,
        )

    def _show_problems(self, problems: list[str]) -> None:
        """Every page the preview served shows the problems until they are fixed."""
        translator = self.translator
        log.error("\n".join([translator("preview_log_errors"), *problems]))
        pages = list(self.builder.on_disk.get("pages", {}))
        layout = self.builder.layout
        writer = Writer(self.root)
        for path in pages or ["index.html"]:
            url = path.removesuffix("index.html")
            page = error_page(url, problems, translator)
            if layout is not None and url in layout.urls:
                writer.write(path, layout.lay_out(page))
            else:  # no layout yet: a page of its own, which says its encoding and language
                writer.write(path, bare_page(page, translator.language).encode("utf-8"))
        self.builder.on_disk["pages"] = dict.fromkeys(pages, "")  # written again once fixed


def bare_page(page: GeneratedPage, language: str) -> str:
    """A page without the site's layout: its HTML in a document that names its encoding (the
    server sends none) and its language."""
    return (
        f'<!doctype html>\n<html lang="{language}">\n<head><meta charset="utf-8">'
        f"<title>{page.title}</title></head>\n<body>\n{page.html}</body>\n</html>\n"
    )


def _set_aside_the_site() -> None:
    """Collect once after a rebuild, then keep what survives out of later collections.

    The preview holds the whole site between saves; left to itself, the collector walks all of
    it about once per save (a third of a second on a large community) while the next save's
    pages wait. Walked here instead, after the browser has its pages, and frozen, the next
    save's collections see only what that save makes. Unfrozen first, so nothing that became
    garbage since the last save is kept forever.
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()


CHANGES = (
    watchdog.events.EVENT_TYPE_CREATED,
    watchdog.events.EVENT_TYPE_DELETED,
    watchdog.events.EVENT_TYPE_MODIFIED,
    watchdog.events.EVENT_TYPE_MOVED,
    watchdog.events.EVENT_TYPE_CLOSED,
)
"""The events that say a file changed (a file read, opened or closed unwritten, is not one)."""


class PreviewServer(LiveReloadServer):
    """mkdocs' live-reload server, told of changes by the system (inotify) as they happen, and
    only of real changes: the preview reads the files it watches, which must not trigger it."""

    def __init__(self, preview: Preview, **kwargs):
        super().__init__(builder=preview.rebuild, **kwargs)
        self.preview = preview
        self.observer = watchdog.observers.Observer()
        preview.pages_ready = self.show_pages

    def show_pages(self) -> None:
        """Let browsers reload now: the pages are written, the feeds follow."""
        with self._epoch_cond:
            self._visible_epoch = self._wanted_epoch
            self._epoch_cond.notify_all()

    def watch(self, path: str, func: None = None, *, recursive: bool = True) -> None:
        """Rebuild when a file below path (or path itself) is created, changed or removed."""
        path = str(Path(path).resolve())
        self._watched_paths[path] = self._watched_paths.get(path, 0) + 1
        handler = watchdog.events.FileSystemEventHandler()
        handler.on_any_event = self._changed
        self._watch_refs[path] = self.observer.schedule(handler, path, recursive=recursive)

    def _changed(self, event: watchdog.events.FileSystemEvent) -> None:
        """Note the paths a change names and ask for a rebuild."""
        if event.is_directory or event.event_type not in CHANGES:
            return
        self.preview.saw(event.src_path)
        if getattr(event, "dest_path", None):
            self.preview.saw(event.dest_path)
        with self._rebuild_cond:
            self._want_rebuild = True
            self._rebuild_cond.notify_all()


def serve_preview(config_file: Path, *, dev_addr: str) -> None:
    """Serve the site with live reload (drafts shown) until interrupted."""
    host, _, port = dev_addr.rpartition(":")
    root = Path(tempfile.mkdtemp(prefix="polyvox-preview-"))
    preview = Preview(config_file, root)
    server = None
    try:
        preview.rebuild()
        server = PreviewServer(preview, host=host, port=int(port), root=str(root))
        settings = preview.settings
        server.watch(str(settings.docs_dir))
        server.watch(str(config_file), recursive=False)
        if settings.theme_dir and settings.theme_dir.is_dir():
            server.watch(str(settings.theme_dir))
        server.serve()
    except KeyboardInterrupt:
        log.info("Shutting down...")
    finally:
        if server is not None:
            server.shutdown()
        if preview.builder is not None:
            preview.builder.close()
        shutil.rmtree(root, ignore_errors=True)
