"""Every string the generator shows, from gettext catalogs, and dates and numbers in that language.

The English text of each message is in messages.py; its translations are gettext catalogs:
the shipped ones in locale/<lang>/LC_MESSAGES/messages.po, and a community's own in
`polyvox/locale/<lang>.po` under its theme's custom_dir, which is read first, so it can add a
language or reword a few strings of a shipped one. Catalogs are compiled from the .po when
loaded (Babel), so a catalog dropped into the theme works without a compile step.
"""

from __future__ import annotations

import gettext
import io
import logging
import re
import unicodedata
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.messages.catalog import Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.numbers import format_decimal, format_percent

from polyvox.errors import PolyvoxError
from polyvox.i18n.messages import MESSAGES

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "messages"
THEME_LOCALE = Path("polyvox", "locale")
"""Where, under a theme folder (mkdocs' custom_dir), a community's own catalogs go."""
LANGUAGES = tuple(
    sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
)
"""The languages Polyvox ships a catalog for."""
FIELD = re.compile(r"{(\w*)[^{}]*}")
PO_LINE = re.compile(
    r'\s*(#.*|((msgctxt|msgid|msgid_plural|msgstr(\[\d+\])?)\s+)?"([^"\\]|\\.)*"\s*)?'
)
"""A line of a .po file: blank, a comment, or an optional keyword and one quoted string."""

# A child of the plugin's logger: mkdocs counts it for --strict, and `polyvox` prints it.
log = logging.getLogger("mkdocs.plugins.polyvox.i18n")


class CatalogError(PolyvoxError):
    """A catalog cannot be used; the message names the file, the line and the fix."""


def shipped_catalog(language: str) -> Path:
    """The path of the catalog Polyvox ships (or would ship) for a language."""
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def catalog_paths(language: str, theme_dirs: Iterable[Path] = ()) -> tuple[str, list[Path]]:
    """The language a catalog exists for (`fr` for `fr-CA` when only `fr` exists) and its
    catalogs, the community's first; an empty list when there is none."""
    dirs = list(theme_dirs)
    for name in _candidates(language):
        found = [d / THEME_LOCALE / f"{name}.po" for d in dirs]
        found = [p for p in [*found, shipped_catalog(name)] if p.is_file()]
        if found:
            return name, found
    return language, []


def _candidates(language: str) -> list[str]:
    """The names a catalog for a language may have, most specific first: pt-BR, pt_BR, pt."""
    underscored = language.replace("-", "_")
    return list(dict.fromkeys([language, underscored, underscored.split("_")[0]]))


def missing_catalog_message(language: str) -> str:
    """What a site whose language has no catalog is told, naming the file that would fix it."""
    return (
        f"theme.language is '{language}' but there is no '{language}' catalog: pages, feeds "
        f"and charts are in English. Add {THEME_LOCALE.as_posix()}/{language}.po to the "
        "theme's custom_dir to translate them (README: 'The UI in your language')."
    )


def _babel_locale(language: str) -> Locale | None:
    """Babel's locale for a language code, or None when Babel does not know it."""
    try:
        return Locale.parse(language.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return None


@lru_cache(maxsize=64)
def _compiled(path: Path, modified: int, language: str) -> bytes:
    """The .po file at path compiled to .mo bytes (cached until the file changes)."""
    data = path.read_bytes()
    _check_lines(path, data.decode("utf-8-sig", errors="replace"))
    try:
        catalog = read_po(io.BytesIO(data), locale=_babel_locale(language), abort_invalid=True)
    except PoFileError as exc:  # Babel counts lines from 0 here, and says "... on <line>"
        reason = str(exc).rsplit(" on ", 1)[0]
        raise CatalogError(f"{path}:{exc.lineno + 1}: not a valid .po file: {reason}") from None
    for message in catalog:
        _check_fields(path, message)
    mo = io.BytesIO()
    write_mo(mo, catalog)
    return mo.getvalue()


def _check_lines(path: Path, text: str) -> None:
    """Refuse a line Babel would misread without a word (`msgstr Ciao` loses a letter each side)."""
    for number, line in enumerate(text.splitlines(), 1):
        if not PO_LINE.fullmatch(line):
            raise CatalogError(
                f"{path}:{number}: expected a keyword and one quoted string, "
                f'e.g. msgstr "...", found: {line.strip()}'
            )


def _check_fields(path: Path, message: Message) -> None:
    """Refuse a translation that names a field ({count}, {site}...) its English text lacks."""
    if not message.id or not message.string or message.fuzzy:
        return
    ids = message.id if isinstance(message.id, tuple) else (message.id,)
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    expected = {name for text in ids for name in FIELD.findall(text)}
    for text in strings:
        unknown = sorted(set(FIELD.findall(text)) - expected)
        if unknown:
            fields = ", ".join("{" + name + "}" for name in sorted(expected)) or "none"
            where = f"msgctxt '{message.context}'" if message.context else f"msgid '{ids[0]}'"
            raise CatalogError(
                f"{path}:{message.lineno}: {where}: the translation uses "
                f"{{{unknown[0]}}}, which the English text does not have (its fields: {fields})"
            )


def _translations(paths: list[Path], language: str) -> gettext.NullTranslations:
    """One gettext translations object reading each catalog in turn, then English."""
    chain: gettext.NullTranslations = gettext.NullTranslations()
    for path in reversed(paths):
        compiled = _compiled(path, path.stat().st_mtime_ns, language)
        found = gettext.GNUTranslations(io.BytesIO(compiled))
        found.add_fallback(chain)
        chain = found
    return chain


def starts_with_vowel(text: str) -> bool:
    """Whether a text starts with a vowel, accents aside ('Élise', 'Aïssatou', 'Inês'): where
    French drops the vowel of 'de' (d'Élise). A consonant-like 'y' and 'h' do not count."""
    first = unicodedata.normalize("NFKD", text.strip()[:1])[:1].lower()
    return first in ("a", "e", "i", "o", "u")


def has_colon(text: str) -> bool:
    """Whether a text has a colon of its own (a title such as 'First issue: the beginnings')."""
    return any(colon in text for colon in (":", "\uff1a"))


VARIANTS = (("vowel", starts_with_vowel), ("colon", has_colon))
"""Message variants a key may have, by what its last field introduces (see messages.py)."""


class Translator:
    """Looks up the strings and formats dates of one language."""

    def __init__(self, language: str, theme_dirs: Iterable[Path] = ()):
        found, paths = catalog_paths(language, theme_dirs)
        self.requested = language
        self.language = found if paths else "en"
        """The language the strings are in: English when the requested one has no catalog."""
        self.missing = None if paths else missing_catalog_message(language)
        """Why the strings are in English though another language was asked for, or None."""
        self.translations = _translations(paths, self.language)
        """The gettext callables, for Jinja's i18n extension and `{% trans %}`."""

    def __call__(self, key: str, /, **values: object) -> str:
        """The string for key in this language, with values filled in."""
        text = self.translations.pgettext(key, MESSAGES[key].text)
        return text.format(**values) if values else text

    def plural(self, key: str, count: int, /, **values: object) -> str:
        """The singular or a plural of key, as the language's plural rule picks for count."""
        message = MESSAGES[key]
        text = self.translations.npgettext(key, message.text, message.plural, count)
        return text.format(count=count, **values)

    def before(self, key: str, text: str, **values: object) -> str:
        """The message for key, with values filled in, in its variant for the text its last
        field introduces: '.vowel' when it starts with a vowel, '.colon' when it has a colon."""
        return self(variant(key, text), **values)

    def credit(self, key: str, names: object, first: str, count: int) -> str:
        """A credit line ('By {names}'): its variant before the first name, and its plural
        form for `count` people when it has one."""
        key = variant(key, first)
        if MESSAGES[key].plural is not None:
            return self.plural(key, count, names=names)
        return self(key, names=names)

    def number(self, value: float) -> str:
        """A number with at most one decimal, written the language's way, e.g. '2.4'."""
        return format_decimal(value, format="0.#", locale=self._locale)

    def tenths(self, value: float) -> str:
        """A number with exactly one decimal, written the language's way, e.g. '0.7' ('0,7')."""
        return format_decimal(value, format="0.0", locale=self._locale)

    def hundredths(self, value: float) -> str:
        """A number with exactly two decimals, written the language's way, e.g. '0.55' ('0,55')."""
        return format_decimal(value, format="0.00", locale=self._locale)

    def grouped(self, value: int) -> str:
        """A whole number with the language's digit grouping, e.g. '12,000' ('12 000' in French)."""
        return format_decimal(value, locale=self._locale)

    def percent(self, share: float) -> str:
        """A share from 0 to 1 as a whole percentage in this language, e.g. '38%'."""
        return format_percent(share, locale=self._locale)

    def date(self, value: date) -> str:
        """A date written out in this language, e.g. '1 September 2026'."""
        return format_date(value, format="long", locale=self._locale)

    def month(self, value: date) -> str:
        """A month and year in this language, e.g. 'September 2026'."""
        return format_date(value, format="MMMM y", locale=self._locale)

    @property
    def _locale(self) -> Locale:
        """Babel's locale for formatting: the strings' language, English when Babel lacks it."""
        return _babel_locale(self.language) or Locale("en")


THEME_TEXTS = ("made_with", "not_found")
"""Messages the theme's own templates show where Material has words in English only: its
footer line and its 404 page. They reach the theme as `extra.polyvox_texts` of the config,
so every page of every engine has them, pages Polyvox did not make included."""


def theme_texts(translator: Translator) -> dict[str, str]:
    """The theme's texts (THEME_TEXTS) in the translator's language, by key."""
    return {key: translator(key) for key in THEME_TEXTS}


def variant(key: str, text: str) -> str:
    """The key of the variant of a message for the text its last field introduces, or the key
    itself when the message has no such variant."""
    for name, applies in VARIANTS:
        if f"{key}.{name}" in MESSAGES and applies(text):
            return f"{key}.{name}"
    return key


def site_translator(language: str, theme_dirs: Iterable[Path] = ()) -> Translator:
    """The translator of one build; says once, through the log, when the language has no
    catalog (so `mkdocs build --strict` stops on it)."""
    translator = Translator(language, theme_dirs)
    if translator.missing:
        log.warning(translator.missing)
    return translator
