"""Deterministic initials avatars, drawn as SVG at build time (nothing is fetched)."""

from __future__ import annotations

import hashlib
import unicodedata
from html import escape

PALETTE = ("#8e3b46", "#2f6690", "#3a7d44", "#7b4b94", "#b5651d", "#1d7874", "#5c5c8a", "#9c6644")


def initials(name: str) -> str:
    """Up to two initials of a name, in any script: the first and last words' first letters.

    A hyphen joins one name ('Hélène Dubois-Martin' gives HD); a single hyphenated name gives
    the initials of its parts ('Jean-Luc' gives JL).
    """
    words = [w for w in unicodedata.normalize("NFC", name).split() if w[:1].isalnum()]
    if len(words) == 1:
        words = [w for w in words[0].split("-") if w[:1].isalnum()]
    if not words:
        return "?"
    letters = words[0][0] + (words[-1][0] if len(words) > 1 else "")
    return letters.upper()


def initials_svg(person_id: str, name: str) -> str:
    """A round SVG badge with the person's initials, its colour fixed by their id."""
    colour = PALETTE[hashlib.sha256(person_id.encode()).digest()[0] % len(PALETTE)]
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" role="img" '
        f'aria-label="{escape(name)}"><circle cx="32" cy="32" r="32" fill="{colour}"/>'
        '<text x="32" y="32" dy=".35em" text-anchor="middle" font-family="sans-serif" '
        f'font-size="26" fill="#fff">{escape(initials(name))}</text></svg>\n'
    )
