"""Which content files are new in the change being checked, asked of git (when there is one).

A file cannot say when it arrived, and a piece added to an issue already published is a
mistake only when it is new; git knows. New means: not committed yet (untracked, added, or
moved there with `git mv`), or, in a GitHub Actions pull request, added or moved since the
branch it will merge into (`origin/$GITHUB_BASE_REF`, which the checkout must have fetched:
`fetch-depth: 0`).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from polyvox.i18n.phrases import Phrase, phrase


def new_content_files(project: Path) -> frozenset[str]:
    """Project-relative paths of the content files new in this change; empty without git."""
    prefix = _git(project, "rev-parse", "--show-prefix")
    if prefix is None:
        return frozenset()
    prefix = prefix.strip()
    status = _git(project, "status", "--porcelain", "--untracked-files=all", "-z", "--", ".")
    paths = list(_arrived(status or ""))
    base = os.environ.get("GITHUB_BASE_REF")
    if base:
        arrived = _git(
            project, "diff", "--name-only", "--find-renames", "--diff-filter=AR",
            f"origin/{base}...HEAD",
        )  # fmt: skip
        paths += (arrived or "").splitlines()
    return frozenset(p.removeprefix(prefix) for p in paths if p.startswith(prefix))


def _arrived(status: str) -> list[str]:
    """The paths `git status --porcelain -z` shows as new: untracked, added, or renamed to
    (a rename's entry is followed by the path it had, which is skipped)."""
    entries, paths, index = status.split("\0"), [], 0
    while index < len(entries):
        entry = entries[index]
        if entry[:1] in ("R", "C") or entry[:2] in ("??", "A ", "AM"):
            paths.append(entry[3:])
        index += 2 if entry[:1] in ("R", "C") else 1
    return paths


def missing_base(project: Path) -> Phrase | None:
    """Why the pull request's new files cannot be found, when its base branch is named but not
    in this clone (a checkout with the default depth fetches the merge commit alone)."""
    base = os.environ.get("GITHUB_BASE_REF")
    if not base or _git(project, "rev-parse", "--show-prefix") is None:
        return None
    if _git(project, "rev-parse", "--verify", "--quiet", f"origin/{base}") is not None:
        return None
    return phrase("base_missing", base=f"origin/{base}")


def _git(project: Path, *args: str) -> str | None:
    """The output of a git command run in project, or None if git or a repository is missing."""
    try:
        done = subprocess.run(
            ["git", "-C", str(project), *args], capture_output=True, text=True, check=False
        )
    except OSError:
        return None
    return done.stdout if done.returncode == 0 else None


def files_on_base(project: Path, folder: str) -> dict[str, str | None] | None:
    """The files under folder (relative to the project) that this change adds or edits, with
    their text on the base it will merge into (None for a file new in this change): the
    branch named by GITHUB_BASE_REF in a pull request, the last commit elsewhere. None when
    git, a repository or the base is missing."""
    base = os.environ.get("GITHUB_BASE_REF")
    base = f"origin/{base}" if base else "HEAD"
    if _git(project, "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}") is None:
        return None
    changed = _git(project, "diff", "--name-only", "--relative", base, "--", folder) or ""
    untracked = _git(project, "ls-files", "--others", "--exclude-standard", "--", folder) or ""
    paths = sorted({p for p in (changed + untracked).splitlines() if p})
    return {path: _git(project, "show", f"{base}:./{path}") for path in paths}
