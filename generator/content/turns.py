"""Split a question file's body into the question and its marker-opened turns."""

from __future__ import annotations

import re

from polyvox.content.model import Turn, TurnKind
from polyvox.content.problems import Problem, error, suggest
from polyvox.content.schema import ID_PATTERN
from polyvox.content.slugs import slugify

MARKER_LINE = re.compile(r"^\s*<!--\s*(?P<word>[^:>]*?)\s*(?::\s*(?P<id>[^>]*?)\s*)?-->\s*$")
MARKER_WORDS = tuple(kind.value for kind in TurnKind)
MARKER_HINT = "write it as <!-- answer: <id> --> or <!-- follow-up: <id> -->"


def split_turns(body: str, body_line: int, rel: str) -> tuple[str, list[Turn], list[Problem]]:
    """Return the question text, its turns and any problems with markers or empty parts."""
    question: list[str] = []
    turns: list[tuple[TurnKind, str, int, list[str]]] = []
    problems: list[Problem] = []
    for offset, line in enumerate(body.splitlines()):
        number = body_line + offset
        opened = _parse_marker(line, number, rel, problems)
        if opened:
            turns.append((*opened, number, []))
        else:
            (turns[-1][3] if turns else question).append(line)
    text = "\n".join(question).strip()
    if not text:
        problems.append(
            error(
                rel,
                body_line,
                "the question is empty: write the question "
                "below the front matter, before any answer marker",
            )
        )
    for kind, person, number, lines in turns:
        if not "\n".join(lines).strip():
            problems.append(
                error(
                    rel,
                    number,
                    f"the {kind} by '{person}' is empty: write it "
                    "below its marker, or remove the marker",
                )
            )
    return text, [Turn(k, p, "\n".join(ls).strip(), n) for k, p, n, ls in turns], problems


def _parse_marker(
    line: str, number: int, rel: str, problems: list[Problem]
) -> tuple[TurnKind, str] | None:
    """Recognise a marker line; report one that looks like a marker but is wrong."""
    match = MARKER_LINE.match(line)
    if not match:
        return None
    word, person = match["word"].strip().lower(), match["id"]
    if word not in MARKER_WORDS:
        if person is None and not suggest(word, MARKER_WORDS, cutoff=0.7):
            return None  # an ordinary HTML comment
        close = suggest(word, MARKER_WORDS)
        hint = f"did you mean '{close}'? " if close else ""
        problems.append(error(rel, number, f"unknown marker '{word}': {hint}{MARKER_HINT}"))
        return None
    if not person:
        problems.append(error(rel, number, f"the {word} marker names nobody: {MARKER_HINT}"))
        return None
    if not re.match(ID_PATTERN, person):
        meant = slugify(person)
        example = f"did you mean '{meant}'?" if meant else "e.g. amara-okafor"
        problems.append(
            error(
                rel,
                number,
                f"'{person}' in the {word} marker is not a "
                f"contributor id: ids use a-z, 0-9 and '-'; {example}",
            )
        )
        return None
    return TurnKind(word), person
