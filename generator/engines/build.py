"""`polyvox build` with any engine: mkdocs (default), ProperDocs or Zensical.

Every engine builds into a staging folder beside site/, and the staging folder replaces site/
only once the build has succeeded and passed the last guard, so a failed build leaves the
previous site as it was. mkdocs and ProperDocs run the polyvox plugin (its guard checks each
page before it is written); Zensical runs no plugin of ours, so it builds what `polyvox export`
writes (pages, assets and feeds, the same bytes as the plugin's), and the guard then reads the
pages Zensical wrote.
"""

from __future__ import annotations

import importlib.util
import logging
import shutil
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from polyvox.config import SiteSettings
from polyvox.content.load import Loaded
from polyvox.content.safety import UnsafeOutput
from polyvox.engines.export import export_tree, renderer_for, site_options
from polyvox.engines.guard import unsafe_fragment, written_page_faults
from polyvox.engines.staging import new_staging, publish
from polyvox.site.pages import SiteTree, generate_site

ExtraFiles = Callable[[SiteTree], dict[str, bytes]]

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
) -> bool:
    """Build the site with an engine and swap it into site_dir; False (site_dir untouched) if
    the build or the last guard failed, after saying why.

    `extra_files` makes more outputs from the site's tree (the email editions), published with
    the site or not at all. `settings` carry `today` already; `today` is for the plugin.
    """
    if engine == "mkdocs":
        from polyvox.engines.mkdocs_plugin import build_atomically

        return build_atomically(
            settings.config_file, drafts=drafts, today=today, loaded=loaded, extra_files=extra_files
        )
    if not installed(engine):
        log.error(f"engine '{engine}' is not installed: {INSTALL[engine]}")
        return False
    site_dir = settings.site_dir or settings.config_file.parent / "site"
    staging = new_staging(site_dir)
    try:
        built = BUILDERS[engine](settings, staging, drafts=drafts, today=today, loaded=loaded)
        if built is not None and extra_files:
            tree = _tree(settings, loaded, drafts=drafts)
            for path, data in extra_files(tree).items():
                (built / path).parent.mkdir(parents=True, exist_ok=True)
                (built / path).write_bytes(data)
        if built is not None:
            publish(built, site_dir)
    except OSError as exc:  # a disk that is full, a folder that cannot be written...
        log.error(f"the build stopped: {type(exc).__name__}: {exc}")
        built = None
    except UnsafeOutput as exc:  # the last guard, on an export or the email editions
        log.error(str(exc))
        built = None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return built is not None


def installed(engine: str) -> bool:
    """Whether an engine's package can be imported here."""
    return importlib.util.find_spec(engine) is not None


def _with_properdocs(
    settings: SiteSettings, staging: Path, *, drafts: bool, today: date | None, loaded: Loaded
) -> Path | None:
    """ProperDocs and the plugin build the project into staging (content is read again there:
    the child process cannot be handed what this one read)."""
    command = ["properdocs", str(settings.config_file.resolve()), str(staging.resolve())]
    command += ["--drafts"] * drafts + (["--today", today.isoformat()] if today else [])
    return staging if _run_child(command) else None


def _with_zensical(
    settings: SiteSettings, staging: Path, *, drafts: bool, today: date | None, loaded: Loaded
) -> Path | None:
    """Export the site into staging, let Zensical build it into staging/site, then check every
    page Zensical wrote."""
    tree = _tree(settings, loaded, drafts=drafts)
    fault = unsafe_fragment(tree)
    if fault:
        log.error(fault)
        return None
    if not settings.site_url:
        log.warning("no feeds written: feeds need 'site_url' in mkdocs.yml for their links")
    export_tree(tree, settings, staging)
    if not _run_child(["zensical", str(staging / "mkdocs.yml")]):
        log.error("Zensical could not build the site")
        return None
    fault = written_page_faults(tree.pages, staging / "site")
    if fault:
        log.error(fault)
        return None
    return staging / "site"


INSTALL = {
    "properdocs": "pip install properdocs==1.6.7 (the release Polyvox is tested with)",
    "zensical": "pip install zensical==0.0.73 (the release Polyvox is tested with)",
}
"""How to install each engine, at the version the suite was green with (pyproject.toml)."""


def _tree(settings: SiteSettings, loaded: Loaded, *, drafts: bool) -> SiteTree:
    """The site's pages and their fragments, as the plugin makes them (bodies come from the
    fragment cache once rendered)."""
    options = site_options(settings, drafts=drafts)
    return generate_site(loaded.community, options, renderer_for(settings))


BUILDERS: dict[str, Callable[..., Path | None]] = {
    "properdocs": _with_properdocs,
    "zensical": _with_zensical,
}
"""How each engine other than mkdocs builds into a staging folder: the folder it built, or None."""


def _run_child(arguments: list[str]) -> bool:
    """Run polyvox.engines.runner in a child process, relaying what it prints; True if the
    build succeeded."""
    command = [sys.executable, "-m", "polyvox.engines.runner", *arguments]
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace"
    ) as child:
        for line in child.stdout:
            sys.stderr.write(line)
    return child.returncode == 0
