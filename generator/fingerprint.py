"""What identifies this Polyvox: a digest of every file of the package, code included.

Anything Polyvox caches across builds (fragments, outputs) is keyed by it, so a cache written
by another version, even an unreleased one in a checkout, is never read back as if it were
this version's.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
SUFFIXES = (".py", ".j2", ".html", ".po", ".css", ".txt")
"""The package's files whose bytes change what it makes."""


@cache
def package_fingerprint() -> str:
    """A digest of the package's code, templates and catalogs (the example excluded)."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(PACKAGE.rglob("*")):
        rel = path.relative_to(PACKAGE)
        if path.suffix in SUFFIXES and rel.parts[0] != "example" and "__pycache__" not in rel.parts:
            digest.update(rel.as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
