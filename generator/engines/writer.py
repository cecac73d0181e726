"""The one writer: every file Polyvox puts on disk goes through it.

It creates folders once, writes bytes, links a stored output into a site (or copies it where a
link cannot be made), and turns an operating-system error on a path into one message that names
the path and the cause.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
from pathlib import Path

from polyvox.errors import PolyvoxError, path_failure

LINK_REFUSED = (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP)


class WriteError(PolyvoxError):
    """A file or folder could not be written; the message names it and why."""


def os_error(path: Path, exc: OSError, *, temporary: Path | None = None) -> WriteError:
    """An OSError on a path as a one-line WriteError naming the path (the one the system
    names, else the one being written; never the temporary file it was written through) and
    the cause."""
    if exc.filename is None or (temporary is not None and exc.filename == str(temporary)):
        exc.filename, exc.filename2 = str(path), None
    return WriteError(path_failure(exc))


class Writer:
    """Writes files below one folder."""

    def __init__(self, root: Path, *, make_root: bool = True):
        """make_root=False: the root must be there already (a file a person names with -o
        goes into a folder they made; a typo in it is an error, not a new folder)."""
        self.root = Path(root)
        self._folders: set[Path] = set() if make_root else {self.root}
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
            _remove(temporary)
            raise os_error(target, exc, temporary=temporary) from None
        self.written += 1
        return target

    def create(self, rel: str, data: bytes) -> Path:
        """Write a new file at rel, never replacing one: a file already there (even one made a
        moment ago by someone else) is an error naming it. Whole or not at all: the bytes go
        to a temporary file first, which is then linked into place."""
        target = self._target(rel)
        temporary = target.with_name(f".{target.name}.{os.getpid()}.new")
        try:
            temporary.write_bytes(data)
            _link_new(temporary, target, data)
        except OSError as exc:
            raise os_error(target, exc, temporary=temporary) from None
        finally:
            _remove(temporary)
        self.written += 1
        return target

    def text(self, rel: str, text: str) -> Path:
        """Write text as UTF-8 with the line ends it has, replacing what is there."""
        return self.write(rel, text.encode("utf-8"))

    def link(self, rel: str, source: Path) -> Path:
        """Put a stored file at rel: a hard link when the file system allows, else a copy."""
        target = self._target(rel)
        try:
            if target.exists():
                target.unlink()
            os.link(source, target)
        except OSError as exc:
            if exc.errno not in LINK_REFUSED:
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


def _link_new(temporary: Path, target: Path, data: bytes) -> None:
    """Link a written temporary file to a target that must not exist yet (exclusive create
    where the file system has no hard links)."""
    try:
        os.link(temporary, target)
    except OSError as exc:
        if exc.errno in LINK_REFUSED:
            with target.open("xb") as file:
                file.write(data)
            return
        raise


def _remove(temporary: Path) -> None:
    """Remove a temporary file if it is there (its folder may not be a folder at all)."""
    with contextlib.suppress(OSError):
        temporary.unlink()
