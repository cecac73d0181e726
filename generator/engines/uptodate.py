"""Whether a build would change nothing: every input as it was at the last build, and the site
as that build left it.

The inputs are every file below content/ and the theme, mkdocs.yml as read (what it inherits
and the environment it reads included), the options of the command, today's date, and this
Polyvox and the packages that lay pages out. Files are compared by size and modification
time, as make does; anything else (a file touched, a page of site/ edited or removed) makes a
real build, which itself reuses every output whose inputs are unchanged.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from polyvox.config import SiteSettings
from polyvox.engines.writer import WriteError, Writer
from polyvox.fingerprint import package_fingerprint

RECORD = "last-build.json"
PACKAGES = ("mkdocs", "mkdocs-material", "properdocs", "zensical", "jinja2", "markdown")
PACKAGES += ("pymdown-extensions", "pygments", "feedgen", "babel")


@dataclass(frozen=True)
class LastBuild:
    """What the last successful build read and wrote, and what it told the person."""

    inputs: str
    site: str
    report: list[str]


def inputs_stamp(settings: SiteSettings, options: dict) -> str:
    """A digest of everything a build reads, by size and modification time."""
    digest = hashlib.blake2b(digest_size=20)
    described = dataclasses.replace(settings, markdown=None)  # its fingerprint stands for it
    digest.update(
        repr((described, settings.markdown.fingerprint, sorted(options.items()))).encode()
    )
    digest.update(package_fingerprint().encode())
    digest.update(repr([_installed(name) for name in PACKAGES]).encode())
    digest.update(os.environ.get("SOURCE_DATE_EPOCH", "").encode())
    for folder in (settings.docs_dir, settings.theme_dir):
        if folder is not None:
            digest.update(_tree_stamp(folder).encode())
    for path in _config_files(settings.config_file):
        digest.update(_tree_stamp(path).encode())
    return digest.hexdigest()


def site_stamp(site_dir: Path) -> str:
    """A digest of every file of a built site, by size and modification time."""
    return _tree_stamp(site_dir) if site_dir.is_dir() else ""


def unchanged(cache_dir: Path, inputs: str, site_dir: Path) -> LastBuild | None:
    """The last build, if its inputs were these and the site is as it left it."""
    try:
        record = json.loads((cache_dir / RECORD).read_text(encoding="utf-8"))
        last = LastBuild(str(record["inputs"]), str(record["site"]), list(record["report"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if last.inputs != inputs or not last.site or last.site != site_stamp(site_dir):
        return None
    return last


def remember(cache_dir: Path, inputs: str, site_dir: Path, report: list[str]) -> None:
    """Record a successful build (a cache that cannot be written only costs the next build)."""
    record = {"inputs": inputs, "site": site_stamp(site_dir), "report": report}
    with contextlib.suppress(WriteError):
        Writer(cache_dir).text(RECORD, json.dumps(record))


def forget(cache_dir: Path) -> None:
    """Forget the last build (before a build that may fail half-way)."""
    with contextlib.suppress(OSError):
        (cache_dir / RECORD).unlink()


def _tree_stamp(root: Path) -> str:
    """Every file below root (or root itself), with its size and modification time."""
    lines: list[str] = []
    if root.is_file():
        stat = root.stat()
        return f"{root}:{stat.st_size}:{stat.st_mtime_ns}"
    for folder, dirs, names in os.walk(root):
        dirs.sort()
        for name in sorted(names):
            path = os.path.join(folder, name)
            with contextlib.suppress(OSError):
                stat = os.stat(path)
                lines.append(f"{path}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.blake2b("\n".join(lines).encode("utf-8", "surrogatepass")).hexdigest()


def _config_files(config_file: Path) -> list[Path]:
    """mkdocs.yml and the files it INHERITs, each of which may change the site."""
    files, current = [], config_file.resolve()
    while current.is_file() and current not in files:
        files.append(current)
        parent = _inherits(current)
        if parent is None:
            break
        current = (current.parent / parent).resolve()
    return files


def _inherits(config_file: Path) -> str | None:
    """The INHERIT key of a config file, read as text (no YAML needed for one line)."""
    with contextlib.suppress(OSError):
        for line in config_file.read_text(encoding="utf-8").splitlines():
            if line.startswith("INHERIT:"):
                return line.partition(":")[2].strip().strip("'\"") or None
    return None


def _installed(package: str) -> str:
    """A package's installed version, or ''."""
    try:
        return version(package)
    except PackageNotFoundError:
        return ""
