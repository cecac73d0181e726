"""Outputs kept between builds: files by the digest of what they were made from.

`.cache/polyvox/outputs/` holds each output a build made (a laid-out page, a feed, an asset)
once, as a file named by the digest of its bytes, and an index (SQLite) from the digest of an
output's inputs to that file and to what else the output carries (a page's search records).
A build asks the store before making anything; a file whose size or modification time is not
what the index recorded (something changed it) is made again, never trusted. Each build marks
what it used, and what the last few builds did not use is pruned, so the store holds about as
much as a few sites, never more.
"""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from polyvox.engines.writer import Writer

FOLDER = "outputs"
INDEX = "index-1.sqlite"
KEEP_BUILDS = 3
"""Entries used by one of this many latest builds are kept; older ones are pruned."""


@dataclass(frozen=True)
class Stored:
    """An output in the store: its file, and what else it carries (search records)."""

    path: Path
    extra: str


class OutputStore:
    """Made outputs by the digest of their inputs, in a project's `.cache/polyvox/`."""

    def __init__(self, cache_dir: Path):
        self.root = cache_dir / FOLDER
        self.objects = self.root / "objects"
        self._writer = Writer(self.objects)
        self._db: sqlite3.Connection | None = None
        self.build = 0
        self._pending: list[tuple] = []
        self._used: set[str] = set()
        self._seen: dict[str, Stored] = {}
        """Outputs this process found intact or made: a live preview's later saves trust
        them without looking at their files again."""

    def open(self) -> OutputStore:
        """Open the index (creating it), and start a build; a damaged index starts afresh."""
        self.objects.mkdir(parents=True, exist_ok=True)
        try:
            self._db = self._connect()
        except sqlite3.DatabaseError:
            with contextlib.suppress(OSError):
                (self.root / INDEX).unlink()
            self._db = self._connect()
        row = self._db.execute("SELECT MAX(build) FROM outputs").fetchone()
        self.build = (row[0] or 0) + 1
        return self

    def _connect(self) -> sqlite3.Connection:
        """The index, with its table."""
        db = sqlite3.connect(self.root / INDEX, timeout=10)
        db.execute(
            "CREATE TABLE IF NOT EXISTS outputs (key TEXT PRIMARY KEY, object TEXT NOT NULL, "
            "size INTEGER NOT NULL, mtime INTEGER NOT NULL, extra TEXT NOT NULL, "
            "build INTEGER NOT NULL)"
        )
        db.execute("PRAGMA journal_mode=WAL")
        return db

    def find(self, keys: list[str]) -> dict[str, Stored]:
        """The intact outputs among these keys, marked as used by this build."""
        found = {key: self._seen[key] for key in keys if key in self._seen}
        if self._db is None:
            return found
        unknown = [key for key in keys if key not in found]
        for start in range(0, len(unknown), 500):
            batch = unknown[start : start + 500]
            marks = ",".join("?" * len(batch))
            rows = self._db.execute(
                f"SELECT key, object, size, mtime, extra FROM outputs WHERE key IN ({marks})",
                batch,
            )
            for key, name, size, mtime, extra in rows:
                path = self._object(name)
                if _intact(path, size, mtime):
                    found[key] = Stored(path, extra)
        self._used |= found.keys()
        self._seen |= found
        return found

    def put(self, key: str, data: bytes, extra: str = "") -> Path:
        """Keep an output's bytes under the digest of its inputs; return its file."""
        path = self.write_object(data)
        self.adopt(key, path, extra)
        return path

    def write_object(self, data: bytes) -> Path:
        """Write bytes as an object file, named by their digest (any process may call it;
        `adopt` then records it in the index)."""
        name = hashlib.blake2b(data, digest_size=20).hexdigest()
        path = self._object(name)
        if not _holds(path, name, len(data)):
            self._writer.write(path.relative_to(self.objects).as_posix(), data)
        return path

    def adopt(self, key: str, path: Path, extra: str = "") -> None:
        """Record an output whose object file is written, as made for these inputs."""
        stat = path.stat()
        self._pending.append((key, path.name, stat.st_size, stat.st_mtime_ns, extra, self.build))
        self._used.add(key)
        self._seen[key] = Stored(path, extra)

    def commit(self, *, prune: bool = True) -> None:
        """Record this build's outputs and uses, then prune what the last builds left unused
        (a live preview prunes once, at its first build: each save is a build)."""
        if self._db is None:
            return
        with self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO outputs VALUES (?, ?, ?, ?, ?, ?)", self._pending
            )
            used = list(self._used)
            for start in range(0, len(used), 500):
                batch = used[start : start + 500]
                marks = ",".join("?" * len(batch))
                self._db.execute(
                    f"UPDATE outputs SET build = ? WHERE key IN ({marks})", [self.build, *batch]
                )
            if prune:
                self._db.execute(
                    "DELETE FROM outputs WHERE build <= ?", (self.build - KEEP_BUILDS,)
                )
        self._pending, self._used = [], set()
        if prune:
            self._prune_objects()
        self.build += 1

    def _prune_objects(self) -> None:
        """Delete the files no entry names any more."""
        named = {row[0] for row in self._db.execute("SELECT object FROM outputs")}
        for folder in self.objects.iterdir() if self.objects.is_dir() else ():
            for path in folder.iterdir():
                if path.name not in named:
                    with contextlib.suppress(OSError):
                        path.unlink()

    def close(self) -> None:
        """Close the index."""
        if self._db is not None:
            self._db.close()
            self._db = None

    def _object(self, name: str) -> Path:
        """The file of an object, in a folder named by its first two characters."""
        return self.objects / name[:2] / name


def _holds(path: Path, name: str, size: int) -> bool:
    """Whether an object file exists and holds the bytes its name is the digest of (a file
    changed in place through a hard link is written again)."""
    try:
        if path.stat().st_size != size:
            return False
        return hashlib.blake2b(path.read_bytes(), digest_size=20).hexdigest() == name
    except OSError:
        return False


def _intact(path: Path, size: int, mtime: int) -> bool:
    """Whether a stored file is as it was put (a hard link from a site may have been edited)."""
    try:
        stat = path.stat()
    except OSError:
        return False
    return stat.st_size == size and stat.st_mtime_ns == mtime
