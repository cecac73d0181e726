"""The markers that make a table of English messages, for Babel to extract (`make messages`)."""

from __future__ import annotations

from dataclasses import dataclass

KEYWORDS = ("M:1c,2", "P:1c,2,3")
"""The markers as Babel keyword specs (context first), as `make messages` passes them."""


@dataclass(frozen=True)
class Message:
    """One English message: its text, and its plural when it has one."""

    text: str
    plural: str | None = None


def M(key: str, text: str) -> tuple[str, Message]:
    """A message without plural forms, for Babel to extract as (msgctxt, msgid)."""
    return key, Message(text)


def P(key: str, one: str, other: str) -> tuple[str, Message]:
    """A message with plural forms, for Babel to extract as (msgctxt, msgid, msgid_plural)."""
    return key, Message(one, other)
