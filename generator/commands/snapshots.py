"""content/ as it was at a git commit, for comparing two states of a project (a pull request's
base and head). The one place that asks git for file contents; it reads, never writes, the
repository."""

from __future__ import annotations

import io
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path


class SnapshotError(Exception):
    """A revision git cannot give; the message names it and what to do."""


@dataclass(frozen=True)
class Revisions:
    """The two states to compare: commits, the head None for the working tree."""

    base: str
    head: str | None


def _git(project: Path, *args: str, binary: bool = False) -> str | bytes:
    """The output of a git command in project; a SnapshotError with git's own words if it fails."""
    try:
        done = subprocess.run(["git", "-C", str(project), *args], capture_output=True, check=False)
    except OSError as exc:
        raise SnapshotError(f"git cannot be run ({exc.strerror}): install git") from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise SnapshotError(said[-1] if said else f"git {' '.join(args)} failed")
    return done.stdout if binary else done.stdout.decode("utf-8")


def _commit(project: Path, name: str) -> str:
    """The commit a revision names, or a message saying it is unknown."""
    try:
        return str(_git(project, "rev-parse", "--verify", "--quiet", f"{name}^{{commit}}")).strip()
    except SnapshotError:
        raise SnapshotError(
            f"'{name}' is not a commit of the repository at {project}: give a branch, a tag or "
            "a commit (fetch it first, e.g. git fetch origin main)"
        ) from None


def revisions(project: Path, spec: str) -> Revisions:
    """The base and head of BASE...HEAD (from where HEAD left BASE), BASE..HEAD (the two
    commits), or BASE alone (against the working tree, uncommitted files included)."""
    if "..." in spec:
        left, right = spec.split("...", 1)
        left, right = _commit(project, left or "HEAD"), _commit(project, right or "HEAD")
        return Revisions(str(_git(project, "merge-base", left, right)).strip(), right)
    if ".." in spec:
        left, right = spec.split("..", 1)
        return Revisions(_commit(project, left or "HEAD"), _commit(project, right or "HEAD"))
    return Revisions(_commit(project, spec), None)


def extract(project: Path, commit: str, folder: str, into: Path) -> Path:
    """Write the folder (a path from the project's top) as it is at commit below `into`; the
    folder's copy, empty when the commit does not have it."""
    top = Path(str(_git(project, "rev-parse", "--show-toplevel")).strip())
    inside = (project.resolve() / folder).relative_to(top.resolve()).as_posix()
    target = into / folder
    target.mkdir(parents=True, exist_ok=True)
    listed = str(_git(top, "ls-tree", "--name-only", commit, "--", inside)).strip()
    if not listed:
        return target
    data = _git(top, "archive", "--format=tar", commit, "--", inside, binary=True)
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        prefix = inside + "/"
        members = [m for m in archive.getmembers() if m.name.startswith(prefix)]
        for member in members:
            member.name = member.name.removeprefix(prefix)
        archive.extractall(target, members=[m for m in members if m.name], filter="data")
    return target


def files_below(folder: Path) -> dict[str, bytes]:
    """Every file below a folder, by its path from the folder."""
    if not folder.is_dir():
        return {}
    found = (path for path in folder.rglob("*") if path.is_file())
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in found}
