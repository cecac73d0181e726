"""The fragment cache on disk: one SQLite file of entries, each checked before it is trusted.

It lives in the project's `.cache/polyvox/` (git-ignored; a CI job may keep it between runs).
SQLite (in the standard library) stores ten thousand small entries in one transaction, where
a file per entry cost more to write than the bodies cost to render. An entry whose checksum
does not match its key and text is ignored and rendered again; a file that is not a database
at all is set aside and a new one started: a damaged cache is only a slower build.
"""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
from collections.abc import Iterable, Mapping
from pathlib import Path

DEFAULT_FOLDER = Path(".cache") / "polyvox"
FORMAT = "fragments-3.sqlite"
"""The file of the entries; a new layout gets a new name instead of misreading old files."""
BATCH = 500
"""Keys asked for in one query (SQLite's limit on parameters is higher, but not unbounded)."""


class FragmentCache:
    """Text entries by key in one SQLite file; an entry is trusted only if its checksum holds."""

    def __init__(self, folder: Path, *, wait: float = 10.0):
        self.path = Path(folder) / FORMAT
        self.wait = wait
        """Seconds a write waits for another build that holds the file (then it skips)."""

    def get_many(self, keys: Iterable[str]) -> dict[str, str]:
        """The intact entries among these keys."""
        keys, found = list(keys), {}
        if not keys or not self.path.is_file():
            return found
        try:
            with contextlib.closing(sqlite3.connect(self.path)) as db:
                for start in range(0, len(keys), BATCH):
                    batch = keys[start : start + BATCH]
                    marks = ",".join("?" * len(batch))
                    rows = db.execute(
                        f"SELECT key, checksum, text FROM fragments WHERE key IN ({marks})", batch
                    )
                    found |= {
                        key: text for key, checksum, text in rows if _intact(key, checksum, text)
                    }
        except sqlite3.DatabaseError:
            return {}
        return found

    def put_many(self, entries: Mapping[str, str]) -> None:
        """Store entries in one transaction; a cache that cannot be written is only slower."""
        if not entries:
            return
        rows = [(key, _checksum(key, text), text) for key, text in entries.items()]
        try:
            self._write(rows)
        except sqlite3.OperationalError:
            return  # locked by another build (a preview beside a build): the next one writes
        except sqlite3.DatabaseError:
            self._set_aside()
            with contextlib.suppress(sqlite3.Error, OSError):
                self._write(rows)
        except OSError:
            return

    def _write(self, rows: list[tuple[str, str, str]]) -> None:
        """Insert or replace rows, creating the file and its table when needed."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.closing(sqlite3.connect(self.path, timeout=self.wait)) as db, db:
            db.execute(
                "CREATE TABLE IF NOT EXISTS fragments "
                "(key TEXT PRIMARY KEY, checksum TEXT NOT NULL, text TEXT NOT NULL)"
            )
            db.executemany("INSERT OR REPLACE INTO fragments VALUES (?, ?, ?)", rows)

    def _set_aside(self) -> None:
        """Move a file that is not a readable database out of the way."""
        with contextlib.suppress(OSError):
            self.path.replace(self.path.with_suffix(".damaged"))


def _intact(key: object, checksum: object, text: object) -> bool:
    """Whether a row is what was written for its key."""
    return isinstance(text, str) and isinstance(key, str) and checksum == _checksum(key, text)


def _checksum(key: str, text: str) -> str:
    """The checksum that binds an entry's text to its key."""
    data = key.encode("ascii", "replace") + b"\0" + text.encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()
