"""`polyvox build` with any engine: mkdocs (default), ProperDocs or Zensical.

Polyvox computes every output itself (site/outputs.py) and keeps what it made in the project's
store (.cache/polyvox/outputs/), keyed by the digests of its inputs. With mkdocs and ProperDocs,
the theme lays out only the pages the store lacks, in worker processes, with mkdocs' own page
context (engines/layout.py); Zensical runs no plugin of ours, so it builds what `polyvox export`
writes, and the guard then reads the pages it wrote. Every engine builds into a staging folder
beside site/, which replaces site/ only once the build has succeeded, so a failed build leaves
the previous site as it was.
"""

from __future__ import annotations

import importlib.util
import logging
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import jinja2
from mkdocs.utils import CountHandler

from polyvox.config import SiteSettings
from polyvox.content.assets import publishable_assets
from polyvox.content.load import Loaded
from polyvox.content.problems import Severity
from polyvox.engines.guard import written_page_faults
from polyvox.engines.layout import Layout
from polyvox.engines.make import Job, make_missing, page_keys
from polyvox.engines.material import narrowed_bundle
from polyvox.engines.settings import cache_dir, renderer_for, site_options, translator_for
from polyvox.engines.staging import new_staging, publish
from polyvox.engines.store import OutputStore, Stored
from polyvox.engines.writer import Writer
from polyvox.errors import PolyvoxError, path_failure, template_fault
from polyvox.site.outputs import SiteOutputs, site_outputs
from polyvox.site.records import Identities
from polyvox.site.search import index_json

ExtraFiles = Callable[[SiteOutputs], dict[str, bytes]]

log = logging.getLogger("mkdocs.plugins.polyvox")
"""The plugin's logger: a build's messages read the same whatever the engine."""


def build_site(
    settings: SiteSettings,
    *,
    engine: str,
    drafts: bool,
    today: date | None,
    loaded: Loaded,
    extra_files: ExtraFiles | None = None,
    directory_urls: bool = True,
) -> bool:
    """Build the site with an engine and swap it into site_dir; False (site_dir untouched) if
    the build or the last guard failed, after saying why.

    `extra_files` makes more outputs from the site's outputs (the email editions), published
    with the site or not at all. `settings` carry `today` already. Without `directory_urls`
    (mkdocs only), pages link to each other's index.html files.
    """
    t = translator_for(settings)
    if not directory_urls and engine != "mkdocs":
        log.error(t("build_mkdocs_only", engine=engine))
        return False
    if engine != "mkdocs" and not installed(engine):
        log.error(t("build_not_installed", engine=engine, install=INSTALL[engine]))
        return False
    site_dir = settings.site_dir or settings.config_file.parent / "site"
    staging = new_staging(site_dir)
    try:
        if engine == "mkdocs":
            built = _with_mkdocs(
                settings, staging, drafts=drafts, loaded=loaded, folders=directory_urls
            )
        else:
            built = BUILDERS[engine](settings, staging, drafts=drafts, today=today, loaded=loaded)
        if built is not None and extra_files:
            outputs = _outputs(settings, loaded, drafts=drafts)
            writer = Writer(built)
            for path, data in extra_files(outputs).items():
                writer.write(path, data)
        if built is not None:
            publish(built, site_dir)
    except PolyvoxError as exc:
        log.error(t("build_stopped", fault=exc))
        built = None
    except jinja2.TemplateError as exc:  # the theme's, read while the layout is set up
        fault = template_fault(exc, str(settings.config_file.parent.resolve()))
        log.error(t("build_stopped", fault=fault))
        built = None
    except OSError as exc:  # a staging folder that cannot be made or swapped in...
        log.error(t("build_stopped", fault=path_failure(exc)))
        built = None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return built is not None


def installed(engine: str) -> bool:
    """Whether an engine's package can be imported here."""
    return importlib.util.find_spec(engine) is not None


def lay_out_site(
    settings: SiteSettings, loaded: Loaded, staging: Path, *, drafts: bool, folders: bool = True
) -> int:
    """Build the site into staging: outputs the store holds are reused, the others made (pages
    laid out by the theme) on every core; return how many pages the site has.

    With mkdocs.yml's `strict: true`, a warning (the content's, or one logged while building)
    stops the build, as it stops mkdocs'.
    """
    counter = CountHandler()
    counter.setLevel(logging.WARNING)
    logging.getLogger("mkdocs").addHandler(counter)
    builder = SiteBuilder(settings, drafts=drafts, folders=folders)
    try:
        pages = builder.build(loaded, staging).pages
        warnings = sum(count for _, count in counter.get_counts())
        warnings += sum(1 for p in loaded.problems if p.severity is Severity.WARNING)
        if warnings and builder.layout.config.strict:
            raise PolyvoxError(
                f"strict: true in mkdocs.yml, and the build had {warnings} "
                f"warning{'s' * (warnings != 1)}: nothing was published"
            )
        return pages
    finally:
        logging.getLogger("mkdocs").removeHandler(counter)
        builder.close()


@dataclass(frozen=True)
class Built:
    """What one build or rebuild did."""

    pages: int
    made: int
    """Outputs made (not found in the store)."""
    written: int
    """Files written (a live preview writes only the files that changed)."""


class SiteBuilder:
    """Lays a site out into a folder, reusing what the store holds; a live preview keeps one
    between edits, with its renderer, templates, digests and the files it wrote."""

    def __init__(
        self, settings: SiteSettings, *, drafts: bool, prune: bool = True, folders: bool = True
    ):
        self.settings = settings
        self.drafts = drafts
        self.folders = folders
        """Whether pages are folders (`use_directory_urls`); a preview opened from files
        links to index.html files instead."""
        self.prune = prune
        self.renderer = renderer_for(settings)
        self.ids = Identities()
        self.env = None
        self.layout: Layout | None = None
        self.store = OutputStore(cache_dir(settings)).open()
        self.on_disk: dict[str, dict[str, str]] = {}
        """Each output file written in the target folder ('pages' or 'files'), by path, with
        the key of the output it holds."""
        self._prepared: tuple = ()
        self.last: Built | None = None
        """What the last build did."""
        self.themed = False
        """Whether the theme's static files are in the target folder."""
        self.feed_items: dict = {}
        """Feed items made by the last build in this process, by their inputs."""

    def outputs(self, loaded: Loaded) -> SiteOutputs:
        """Every output of the site, with the renderer, templates and digests kept."""
        options = site_options(self.settings, drafts=self.drafts)
        feeds = self.settings.options.feeds
        outputs = site_outputs(
            loaded.community,
            options,
            self.renderer,
            feeds,
            env=self.env,
            ids=self.ids,
            feed_items=self.feed_items,
        )
        self.env = outputs.assembly.env
        return outputs

    def build(
        self, loaded: Loaded, target: Path, pages_ready: Callable[[], None] | None = None
    ) -> Built:
        """Write the site into target: make what the store lacks, write what changed. The
        pages come first (with the search index and the theme's files), then the feeds and
        assets; `pages_ready` is told in between (a live preview shows the pages at once)."""
        outputs = self.outputs(loaded)
        layout = self._layout(outputs, target)
        root = str(self.settings.config_file.parent.resolve())
        writer = Writer(target)
        keys = page_keys(outputs, layout.fingerprint)
        pages = {f"{url}index.html": key for url, key in keys.items()}
        job = Job(outputs, layout, self.store, keys, {}, root)
        found, made = self._make(job, keys, pages=True)
        changed = self._write_outputs(writer, target, pages, found, kind="pages")
        if changed or not self.themed:
            self._write_theme(writer, layout)
            self._write_search(writer, layout, [found[key].extra for key in keys.values()])
        if pages_ready is not None:
            pages_ready()
        files = {out.path: out.inputs for out in outputs.files()}
        job = Job(outputs, layout, self.store, keys, files, root)
        found, made_files = self._make(job, files, pages=False)
        self._write_outputs(writer, target, files, found, kind="files")
        self._write_assets(writer, outputs)
        self.store.commit(prune=self.prune)
        self.feed_items = outputs.feed_items()
        self.last = Built(len(keys), made + made_files, writer.written)
        return self.last

    def _make(self, job: Job, keys: dict[str, str], *, pages: bool) -> tuple[dict, int]:
        """The stored outputs for these keys, and how many had to be made."""
        found = self.store.find(list(keys.values()))
        missing = [name for name, key in keys.items() if key not in found]
        made = make_missing(job, missing, []) if pages else make_missing(job, [], missing)
        for output in made:
            self.store.adopt(output.key, Path(output.path), output.extra)
            found[output.key] = Stored(Path(output.path), output.extra)
        return found, len(made)

    def _layout(self, outputs: SiteOutputs, target: Path) -> Layout:
        """The theme's layout, set up again only when the pages or the navigation changed."""
        if self.layout is None:
            self.layout = Layout.load(self.settings.config_file, target, folders=self.folders)
        urls = list(outputs.pages)
        prepared = (urls, outputs.titles(self.layout.nav_urls()))
        if prepared != self._prepared:
            self.layout.prepare(*prepared)
            self._prepared = prepared
        return self.layout

    def _write_outputs(
        self,
        writer: Writer,
        target: Path,
        wanted: dict[str, str],
        found: dict[str, Stored],
        *,
        kind: str,
    ) -> int:
        """Link each output of a kind whose file changed into the target; remove the files
        of that kind's outputs gone since the last build."""
        changed = 0
        written = self.on_disk.setdefault(kind, {})
        for path, key in wanted.items():
            if written.get(path) != key:
                writer.link(path, found[key].path)
                changed += 1
        for path in written.keys() - wanted.keys():
            (target / path).unlink(missing_ok=True)
            changed += 1
        self.on_disk[kind] = dict(wanted)
        return changed

    def _write_theme(self, writer: Writer, layout: Layout) -> None:
        """The theme's static files (once; Material's bundle with its language selector
        narrowed: engines/material.py), its 404 page and its sitemap."""
        theme = layout.theme_files()
        if not self.themed:
            for path, source in theme.static.items():
                narrowed = narrowed_bundle(path, source)
                if narrowed is None:
                    writer.copy(path, source)
                else:
                    writer.write(path, narrowed)
            self.themed = True
        for path, data in theme.files.items():
            writer.write(path, data)

    def _write_search(self, writer: Writer, layout: Layout, records: list[str]) -> None:
        """The search index, from every page's records (when the site has Material's search)."""
        search = layout.search_config()
        if search is not None:
            writer.write("search/search_index.json", index_json(search, records).encode("utf-8"))

    def _write_assets(self, writer: Writer, outputs: SiteOutputs) -> None:
        """Members' images that the site publishes (a draft's only with its draft)."""
        options = outputs.site.options
        community = outputs.site.community
        for rel in sorted(
            publishable_assets(community, drafts=options.drafts, today=options.today)
        ):
            source = self.settings.docs_dir / rel
            target = writer.root / rel
            if not target.exists() or target.stat().st_mtime_ns < source.stat().st_mtime_ns:
                writer.copy(rel, source)

    def finish(self) -> None:
        """Run the other plugins' last event."""
        if self.layout is not None:
            self.layout.finish()

    def close(self) -> None:
        """Close the store."""
        self.finish()
        self.store.close()


def _with_mkdocs(
    settings: SiteSettings, staging: Path, *, drafts: bool, loaded: Loaded, folders: bool = True
) -> Path | None:
    """mkdocs' theme lays out the pages, in this process and its workers."""
    if not settings.site_url:
        log.warning(translator_for(settings)("no_feeds"))
    lay_out_site(settings, loaded, staging, drafts=drafts, folders=folders)
    return staging


def _with_properdocs(
    settings: SiteSettings, staging: Path, *, drafts: bool, today: date | None, loaded: Loaded
) -> Path | None:
    """ProperDocs' theme lays out the pages, in a child process where ProperDocs stands in for
    mkdocs (content is read again there: the child cannot be handed what this one read)."""
    command = ["properdocs", str(settings.config_file.resolve()), str(staging.resolve())]
    command += ["--drafts"] * drafts + (["--today", today.isoformat()] if today else [])
    t = translator_for(settings)
    printed = {p.as_text(t) for p in loaded.problems}  # `polyvox build` has shown them
    return staging if _run_child(command, printed=printed) else None


def _with_zensical(
    settings: SiteSettings, staging: Path, *, drafts: bool, today: date | None, loaded: Loaded
) -> Path | None:
    """Export the site into staging, let Zensical build it into staging/site, then check every
    page Zensical wrote."""
    from polyvox.engines.export import export_outputs

    outputs = _outputs(settings, loaded, drafts=drafts)
    if not settings.site_url:
        log.warning(translator_for(settings)("no_feeds"))
    pages = export_outputs(outputs, settings, staging)
    if not _run_child(["zensical", str(staging / "mkdocs.yml")]):
        log.error(translator_for(settings)("zensical_failed"))
        return None
    fault = written_page_faults(pages, staging / "site")
    if fault:
        log.error(fault)
        return None
    return staging / "site"


INSTALL = {
    "properdocs": "pip install properdocs==1.6.7 (the release Polyvox is tested with)",
    "zensical": "pip install zensical==0.0.73 (the release Polyvox is tested with)",
}
"""How to install each engine, at the version the suite was green with (pyproject.toml)."""


def _outputs(settings: SiteSettings, loaded: Loaded, *, drafts: bool) -> SiteOutputs:
    """Every output of the site (bodies come from the fragment cache once rendered)."""
    options = site_options(settings, drafts=drafts)
    return site_outputs(loaded.community, options, renderer_for(settings), settings.options.feeds)


BUILDERS: dict[str, Callable[..., Path | None]] = {
    "properdocs": _with_properdocs,
    "zensical": _with_zensical,
}
"""How each engine other than mkdocs builds into a staging folder: the folder it built, or
None."""


def _run_child(arguments: list[str], *, printed: set[str] | None = None) -> bool:
    """Run polyvox.engines.runner in a child process, relaying what it prints but the messages
    already `printed`; True if the build succeeded."""
    command = [sys.executable, "-m", "polyvox.engines.runner", *arguments]
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace"
    ) as child:
        for line in child.stdout:
            if line.rstrip("\n").partition(" -  ")[2] not in (printed or ()):
                sys.stderr.write(line)
    return child.returncode == 0
