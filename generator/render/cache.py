"""The fragment cache on disk: one file per rendered body, checked before it is trusted.

It lives in the project's `.cache/polyvox/` (git-ignored; a CI job may keep it between runs).
An entry is written to a temporary file and renamed into place, so a build that is stopped
never leaves half an entry; an entry whose checksum does not match is ignored and rendered
again.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

DEFAULT_FOLDER = Path(".cache") / "polyvox"
FORMAT = "fragments-1"
"""The layout of the entries; a new layout starts a new folder instead of misreading old ones."""


class FragmentCache:
    """Text entries by key under one folder; an entry is trusted only if its checksum holds."""

    def __init__(self, folder: Path):
        self.folder = Path(folder) / FORMAT

    def get(self, key: str) -> str | None:
        """The entry's text, or None when it is missing or damaged."""
        try:
            data = self._path(key).read_bytes()
        except OSError:
            return None
        checksum, _, text = data.partition(b"\n")
        if checksum.decode("ascii", "replace") != _checksum(key, text):
            return None
        try:
            return text.decode("utf-8")
        except UnicodeDecodeError:
            return None

    def put(self, key: str, text: str) -> None:
        """Store an entry; a cache that cannot be written is only a slower build."""
        data = text.encode("utf-8")
        target = self._path(key)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
            with os.fdopen(handle, "wb") as file:
                file.write(_checksum(key, data).encode("ascii") + b"\n" + data)
            os.replace(temporary, target)
        except OSError:
            return

    def _path(self, key: str) -> Path:
        """Where an entry lives: folders by the key's first two characters."""
        return self.folder / key[:2] / key


def _checksum(key: str, data: bytes) -> str:
    """The checksum that binds an entry's bytes to its key."""
    return hashlib.sha256(key.encode("ascii") + b"\0" + data).hexdigest()
