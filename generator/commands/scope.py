"""What `polyvox check PATH` checks: the project PATH belongs to, and the part of it to report."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from polyvox.content.load import find_content_dir


@dataclass(frozen=True)
class Scope:
    """A project to check whole, and the path (relative to it) whose problems are listed."""

    project: Path
    rel: str | None = None
    """None for the whole project; else a file or folder, e.g. content/contributors."""
    content: Path | None = None
    """The folder to read when it is not project/content (a content folder named otherwise)."""

    @property
    def root(self) -> Path:
        """What to hand the loader: the content folder if named otherwise, else the project."""
        return self.content or self.project

    @property
    def content_rel(self) -> str:
        """The content folder's path relative to the project (content/, unless named otherwise)."""
        if self.content is not None and self.content.is_relative_to(self.project):
            return self.content.relative_to(self.project).as_posix()
        return "content"

    def holds(self, problem_path: str) -> bool:
        """Whether a problem at this project-relative path is one to list."""
        if self.rel is None:
            return True
        return problem_path == self.rel or problem_path.startswith(f"{self.rel}/")


def scope_of(path: Path) -> Scope:
    """The project a path is in, found by walking up to a folder that holds content/.

    A project, or its content/ folder, is checked and reported whole; a file or a folder inside
    content/ is checked with the whole project, and only its problems are listed.
    """
    path = path.resolve()
    for folder in [path, *path.parents]:
        content = folder / "content"
        if content.is_dir() and (path == content or path.is_relative_to(content)):
            inside = path not in (folder, content)
            return Scope(folder, path.relative_to(folder).as_posix() if inside else None)
    project, content = find_content_dir(path if path.is_dir() else path.parent)
    return Scope(project, content=None if content == project / "content" else content)
