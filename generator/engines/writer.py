"""The one writer: every file Polyvox puts on disk goes through it.

It creates folders once, writes bytes, links a stored output into a site (or copies it where a
link cannot be made), and turns an operating-system error on a path into one message that names
the path and the cause.
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

from polyvox.errors import PolyvoxError, path_failure


class WriteError(PolyvoxError):
    """A file or folder could not be written; the message names it and why."""


def os_error(path: Path, exc: OSError) -> WriteError:
    """An OSError on a path as a one-line WriteError naming the path (the one the system
    names, else the one being written) and the cause."""
    if exc.filename is None:
        exc.filename = str(path)
    return WriteError(path_failure(exc))


class Writer:
    """Writes files below one folder."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self._folders: set[Path] = set()
        self.written = 0

    def write(self, rel: str, data: bytes) -> Path:
        """Write bytes to a file below the root, creating its folder. The file is replaced,
        never written in place: it may be a hard link to a stored output, which must keep its
        bytes (and a reader of a live preview never sees half a page)."""
        target = self._target(rel)
        temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        try:
            temporary.write_bytes(data)
            temporary.replace(target)
        except OSError as exc:
            temporary.unlink(missing_ok=True)
            raise os_error(target, exc) from None
        self.written += 1
        return target

    def link(self, rel: str, source: Path) -> Path:
        """Put a stored file at rel: a hard link when the file system allows, else a copy."""
        target = self._target(rel)
        try:
            if target.exists():
                target.unlink()
            os.link(source, target)
        except OSError as exc:
            if exc.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP):
                raise os_error(target, exc) from None
            self.copy(rel, source)
            return target
        self.written += 1
        return target

    def copy(self, rel: str, source: Path) -> Path:
        """Copy a file (a member's image, a theme asset) to rel, replacing what is there (a
        hard link to a stored output keeps its bytes)."""
        target = self._target(rel)
        try:
            if target.is_file():
                target.unlink()
            shutil.copyfile(source, target)
        except OSError as exc:
            raise os_error(target, exc) from None
        self.written += 1
        return target

    def _target(self, rel: str) -> Path:
        """The path of rel below the root, its folder made."""
        target = self.root / rel
        folder = target.parent
        if folder not in self._folders:
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise os_error(folder, exc) from None
            self._folders.add(folder)
        return target
