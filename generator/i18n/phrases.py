"""Messages not yet in any language: a catalog key and the values it names.

The content layer finds problems without knowing who will read them. A Phrase keeps what to say
(a key of the message table, and its values) apart from the language it is said in: the command
that prints it, the preview's error page, a GitHub annotation or a pull request's comment puts
it into words with the site's translator, and anything else (a test, a sort) reads its English.
A value may itself be a Phrase (a reason, a hint), put into words in the same language; values
quoted from the member's files (paths, keys, what was found) are shown as written.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from polyvox.i18n.messages import MESSAGES


class Words(Protocol):
    """What puts a phrase into a language: `polyvox.i18n.Translator`."""

    def __call__(self, key: str, **values: object) -> str: ...

    def plural(self, key: str, count: int, **values: object) -> str: ...

    def grouped(self, value: int) -> str: ...

    def percent(self, share: float) -> str: ...


@dataclass(frozen=True)
class Count:
    """A whole number written with the language's digit grouping ('12,000', '12 000')."""

    value: int


@dataclass(frozen=True)
class Share:
    """A share from 0 to 1 written as a whole percentage in the language ('42%', '42 %')."""

    value: float


@dataclass(frozen=True)
class Phrase:
    """A message of the table (messages.py) and its values, in no language yet."""

    key: str
    values: tuple[tuple[str, object], ...] = ()
    count: int | None = None
    """For a message with plural forms: the number that picks one (also its {count})."""
    variant_by: str | None = None
    """The field whose text picks the message's variant (`<key>.vowel` before a vowel, where
    French writes d'Élise), as `polyvox.i18n.variant` picks it; None when it has none."""

    def __post_init__(self) -> None:
        if self.key not in MESSAGES:
            raise KeyError(f"no message '{self.key}' in polyvox.i18n.messages")
        if (self.count is None) != (MESSAGES[self.key].plural is None):
            raise ValueError(f"message '{self.key}': a count goes with plural forms, and only")

    def text(self, t: Words | None = None) -> str:
        """The phrase in t's language, or in English without t."""
        values = {name: shown(value, t) for name, value in self.values}
        key = self._variant(values)
        if t is not None:
            if self.count is not None:
                return t.plural(key, self.count, **values)
            return t(key, **values)
        message = MESSAGES[key]
        text = message.text if message.plural is None or self.count == 1 else message.plural
        if not values and self.count is None:
            return text  # as a translator gives it: a message without fields is not formatted
        return text.format(count=self.count, **values)

    def __str__(self) -> str:
        return self.text()

    def _variant(self, values: dict[str, object]) -> str:
        """The key of the message said: the variant for the text of `variant_by`, if any."""
        if self.variant_by is None:
            return self.key
        from polyvox.i18n import variant  # Babel is loaded when a phrase is said, not read

        return variant(self.key, str(values[self.variant_by]))

    def value(self, name: str) -> object:
        """The value of one field, or None when the phrase has no such field."""
        return dict(self.values).get(name)

    def but(self, **values: object) -> Phrase:
        """The same phrase with some values changed."""
        changed = tuple({**dict(self.values), **values}.items())
        return Phrase(self.key, changed, self.count, self.variant_by)


def phrase(
    key: str, /, *, count: int | None = None, variant_by: str | None = None, **values: object
) -> Phrase:
    """The phrase of a message key with its values (count picks a plural form; the text of the
    field named by variant_by, a variant)."""
    return Phrase(key, tuple(values.items()), count, variant_by)


def shown(value: object, t: Words | None = None) -> object:
    """A value as a phrase shows it: a phrase or a number in t's language (English without t),
    a tuple of them as a list separated by commas; anything else as it is."""
    if isinstance(value, Phrase):
        return value.text(t)
    if isinstance(value, Count):
        return t.grouped(value.value) if t is not None else f"{value.value:,}"
    if isinstance(value, Share):
        return t.percent(value.value) if t is not None else f"{value.value:.0%}"
    if isinstance(value, tuple):
        return ", ".join(str(shown(item, t)) for item in value)
    return value


def say(message: Phrase | str, t: Words | None = None) -> str:
    """A phrase in t's language; a text that is no phrase (quoted from elsewhere) as it is."""
    return message.text(t) if isinstance(message, Phrase) else message
