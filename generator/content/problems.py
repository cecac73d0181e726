"""Problems found in content: where, how bad, what to do, and how to print them.

A problem's message is a Phrase (polyvox.i18n.phrases): the check says what is wrong in no
language, and whoever prints it says it in the site's; `message` is its English, which orders
problems and which the tests read.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from polyvox.i18n.phrases import Phrase, Words, phrase


class Severity(StrEnum):
    """How bad a problem is: errors fail the check, warnings only with --strict."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One located finding in one content file."""

    path: str
    line: int | None
    severity: Severity
    message: str
    """What is wrong and how to fix it, in English."""
    phrase: Phrase = field(compare=False, repr=False)
    """The same, in no language yet: `text` says it in one."""

    def text(self, t: Words | None = None) -> str:
        """The message in t's language (English without t)."""
        return self.phrase.text(t) if t is not None else self.message

    def as_text(self, t: Words | None = None) -> str:
        """Render as `path:line: severity: message`, the form editors and compilers use (the
        severity a word they read, in every language): one line, whatever a quoted value holds
        (a line end shows as '\\n')."""
        where = f"{self.path}:{self.line}" if self.line else self.path
        return _one_line(f"{where}: {self.severity}: {self.text(t)}")

    def as_github(self, t: Words | None = None) -> str:
        """Render as a GitHub Actions workflow annotation, escaped as the runner reads it."""
        line = f",line={self.line}" if self.line else ""
        file = _escaped(self.path, PROPERTY_ESCAPES)
        return f"::{self.severity} file={file}{line}::{_escaped(self.text(t), DATA_ESCAPES)}"


LINE_BREAKING = re.compile("[\x00-\x08\x0a-\x1f\x7f\x85\u2028\u2029]")
"""Characters that would break a problem's line (or hide in it): shown escaped."""


def _one_line(text: str) -> str:
    """Text with every character that breaks a line, or hides, written as its escape."""
    return LINE_BREAKING.sub(lambda m: m[0].encode("unicode_escape").decode(), text)


DATA_ESCAPES = {"%": "%25", "\r": "%0D", "\n": "%0A"}
"""What a workflow command's message escapes (GitHub's toolkit, escapeData)."""
PROPERTY_ESCAPES = {**DATA_ESCAPES, ":": "%3A", ",": "%2C"}
"""What a workflow command's property escapes too: ':' and ',' would end it (escapeProperty)."""


def _escaped(text: str, escapes: dict[str, str]) -> str:
    """text with each character that escapes names replaced by its escape, in one pass."""
    return "".join(escapes.get(char, char) for char in text)


def error(path: str, line: int | None, message: Phrase) -> Problem:
    """Build an error problem."""
    return Problem(path, line, Severity.ERROR, message.text(), message)


def warning(path: str, line: int | None, message: Phrase) -> Problem:
    """Build a warning problem."""
    return Problem(path, line, Severity.WARNING, message.text(), message)


def suggest(word: str, options: Iterable[str], *, cutoff: float = 0.6) -> str | None:
    """The option a member most likely meant: a longer id it starts, or the closest spelling."""
    options = list(options)
    longer = sorted(o for o in options if o.startswith(f"{word}-"))
    if word and longer:
        return longer[0]
    close = difflib.get_close_matches(word, options, 1, cutoff)
    return close[0] if close else None


def summary_line(problems: list[Problem], files_read: int, t: Words | None = None) -> str:
    """One line that says how the check went."""
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    warnings = len(problems) - errors
    checked = phrase("summary_checked", count=files_read)
    if not problems:
        return f"polyvox: {phrase('summary_clean', checked=checked).text(t)}"
    found = phrase(
        "summary_found",
        checked=checked,
        errors=phrase("summary_errors", count=errors),
        warnings=phrase("summary_warnings", count=warnings),
    )
    return f"polyvox: {found.text(t)}"
