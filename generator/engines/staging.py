"""A build goes into a staging folder beside site/, which replaces site/ only once it is whole."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def new_staging(site_dir: Path) -> Path:
    """An empty folder beside site_dir (same file system, so the swap is two renames)."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-", dir=site_dir.parent))


def publish(built: Path, site_dir: Path) -> None:
    """Make the built folder readable as a published site and swap it in for site_dir."""
    _publishable(built)
    _swap_in(built, site_dir)


def _publishable(folder: Path) -> None:
    """Give the staging folder the permissions a folder made by hand would have (mkdtemp
    makes it private, and a web server could then not read the published site)."""
    umask = os.umask(0)
    os.umask(umask)
    folder.chmod(0o777 & ~umask)


def _swap_in(staging: Path, site_dir: Path) -> None:
    """Replace site_dir by staging with two renames, so readers never see half a site."""
    retired = staging.with_name(staging.name + "-old")
    if site_dir.exists():
        site_dir.rename(retired)
    staging.rename(site_dir)
    shutil.rmtree(retired, ignore_errors=True)
