"""One slug function for every name derived from text: ids, file names, tags and their URLs.

A slug keeps what tells words apart and drops what does not: case, the accents of Latin
letters ('Hélène' and 'helene' give one slug), spaces and punctuation between words. Symbols
that change a word's meaning are spelled out, so `c`, `c++` and `c#` stay three slugs. Letters
of other scripts are kept as they are (`日本語`), in the Unicode form that has them composed.
"""

from __future__ import annotations

import re
import unicodedata

from anyascii import anyascii

SYMBOL_WORDS = {"+": "plus", "#": "sharp", "&": "and", "@": "at"}
"""Symbols that carry meaning inside a name, and the word each is written as in a slug."""
SYMBOLS = re.compile("[" + re.escape("".join(SYMBOL_WORDS)) + "]")
ASCII_WORD = re.compile(r"[a-z0-9]+")
ID_LENGTH = 60
"""The longest slug made for an id or a file name, cut at a word boundary."""


def fold(text: str) -> str:
    """Text as names are compared and sorted: lowercase, Latin letters without accents.

    'Éthique', 'éthique' and 'ethique' fold alike; 'Straße' folds to 'strasse' and 'Łódź' to
    'lodz'. Marks of other scripts stay (a Devanagari vowel sign or a Japanese voicing mark is
    part of the letter, not an accent), and so does their lowercase ('Этика' -> 'этика').
    """
    folded: list[str] = []
    after_latin = False
    for char in unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).lower()):
        if unicodedata.category(char).startswith("M"):
            if not after_latin:
                folded.append(char)
            continue
        after_latin = _is_latin(char)
        folded.append(anyascii(char).lower() if after_latin and not char.isascii() else char)
    return unicodedata.normalize("NFC", "".join(folded))


def slugify(text: str, *, unicode: bool = False, max_length: int | None = ID_LENGTH) -> str:
    """A slug: folded words joined by '-', meaningful symbols spelled out ('C++' -> 'c-plus-plus').

    By default ASCII only (`[a-z0-9-]`, the id pattern), for ids and file names, cut at a word
    boundary after `max_length` characters; letters no Latin transliteration covers are dropped,
    so a name in another script may give '' (the caller then asks for an id). With `unicode`,
    for tags, letters and digits of every script are kept ('日本語' -> '日本語').
    """
    spelled = SYMBOLS.sub(lambda match: f" {SYMBOL_WORDS[match[0]]} ", fold(text))
    words = _unicode_words(spelled) if unicode else ASCII_WORD.findall(spelled)
    return cut("-".join(words), max_length)


def cut(slug: str, max_length: int | None) -> str:
    """A slug no longer than max_length, cut after a whole word when it has more than one."""
    if max_length is None or len(slug) <= max_length:
        return slug
    head = slug[: max_length + 1]
    return head.rsplit("-", 1)[0] if "-" in head else slug[:max_length]


def _unicode_words(text: str) -> list[str]:
    """Runs of letters, digits and their marks, in any script."""
    words, current = [], ""
    for char in text:
        kind = unicodedata.category(char)[0]
        if kind in "LN" or (kind == "M" and current):
            current += char
        elif current:
            words.append(current)
            current = ""
    return [*words, current] if current else words


def _is_latin(char: str) -> bool:
    """Whether a character is a letter of the Latin script."""
    return unicodedata.name(char, "").startswith("LATIN ")
