"""Split a question file's body into the question and its marker-opened turns."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from polyvox.content.links import fenced_lines, markdown_lines
from polyvox.content.model import Turn, TurnKind
from polyvox.content.problems import Problem, error, suggest
from polyvox.content.schema import ID_PATTERN
from polyvox.content.slugs import slugify
from polyvox.i18n.phrases import phrase

MARKER_LINE = re.compile(r"\s*<!--(?P<inner>[^>]*)-->\s*")
"""A line that is one comment and nothing else (matched whole). Linear: the comment's text
cannot hold '>', so no two parts of the pattern can match the same characters."""
MARKER_WORDS = tuple(kind.value for kind in TurnKind)


@dataclass
class _Part:
    """The question, or a turn, as the lines of the body that hold it."""

    first: int
    """The file line of its first line (the marker's next line, for a turn)."""
    kind: TurnKind | None = None
    person: str = ""
    marker: int = 0
    lines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """Its text as the site renders it: surrounding blank space removed."""
        return "\n".join(self.lines).strip()

    @property
    def text_line(self) -> int:
        """The file line on which its text starts."""
        joined = "\n".join(self.lines)
        return self.first + joined[: len(joined) - len(joined.lstrip())].count("\n")


def split_turns(body: str, body_line: int, rel: str) -> tuple[str, list[Turn], list[Problem]]:
    """Return the question text, its turns and any problems with markers or empty parts."""
    problems: list[Problem] = []
    question, *turns = _parts(body, body_line, rel, problems)
    if not question.text:
        problems.append(error(rel, body_line, phrase("turn_question_empty")))
    for turn in turns:
        if not turn.text:
            empty = f"turn_{turn.kind.name.lower()}_empty"
            problems.append(error(rel, turn.marker, phrase(empty, person=turn.person)))
    return question.text, [Turn(t.kind, t.person, t.text, t.marker) for t in turns], problems


def rendered_parts(body: str, body_line: int) -> list[tuple[str, int]]:
    """The texts the site renders from a question file's body, each apart (the question, then
    each turn), with the file line each starts on: what the check must read as the renderer
    does, since a code block cannot run from one part into the next."""
    return [(part.text, part.text_line) for part in _parts(body, body_line, "", [])]


def _parts(body: str, body_line: int, rel: str, problems: list[Problem]) -> list[_Part]:
    """The question and each turn, split at the marker lines outside fenced code."""
    parts = [_Part(body_line)]
    in_code = fenced_lines(body)
    for offset, line in enumerate(markdown_lines(body)):
        number = body_line + offset
        opened = None if offset in in_code else _parse_marker(line, number, rel, problems)
        if opened:
            parts.append(_Part(number + 1, *opened, marker=number))
        else:
            parts[-1].lines.append(line)
    return parts


def _parse_marker(
    line: str, number: int, rel: str, problems: list[Problem]
) -> tuple[TurnKind, str] | None:
    """Recognise a marker line; report one that looks like a marker but is wrong."""
    match = MARKER_LINE.fullmatch(line)
    if not match:
        return None
    word, colon, person = match["inner"].partition(":")
    word, person = word.strip().lower(), person.strip() if colon else None
    if word not in MARKER_WORDS:
        if person is None and not suggest(word, MARKER_WORDS, cutoff=0.7):
            return None  # an ordinary HTML comment
        close = suggest(word, MARKER_WORDS)
        if close:
            problems.append(
                error(rel, number, phrase("marker_unknown_meant", word=word, meant=close))
            )
        else:
            problems.append(error(rel, number, phrase("marker_unknown", word=word)))
        return None
    if not person:
        problems.append(error(rel, number, phrase("marker_nobody", word=word)))
        return None
    if not re.match(ID_PATTERN, person):
        meant = slugify(person)
        example = phrase("did_you_mean", meant=meant) if meant else phrase("marker_id_example")
        problems.append(
            error(rel, number, phrase("marker_not_id", person=person, word=word, example=example))
        )
        return None
    return TurnKind(word), person
