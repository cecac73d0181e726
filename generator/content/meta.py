"""Check a document's front matter against its kind's schema, with located, plain messages."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from polyvox.content.problems import Problem, error, suggest
from polyvox.content.reader import RawDocument
from polyvox.content.schema import (
    DISCORD_PATTERN,
    GITHUB_PATTERN,
    ID_PATTERN,
    REDDIT_PATTERN,
    VISIBLE_PATTERN,
)
from polyvox.content.slugs import slugify

EXPECTED_BY_ERROR_TYPE = {
    "string_type": "text",
    "int_type": "a whole number",
    "float_type": "a number, e.g. 0.3",
    "bool_type": "true or false",
    "list_type": "a list, e.g. [first, second]",
    "dict_type": "a mapping of label: value",
    "date_type": "a date written YYYY-MM-DD",
}
PATTERN_HINTS = {
    ID_PATTERN: "lowercase letters, digits and '-' only, e.g. amara-okafor",
    "^[0-9]{4}-(0[1-9]|1[0-2])$": "an issue id YYYY-MM, e.g. 2026-09",
    "^[0-9]{4}-(0[1-9]|1[0-2])/[a-z0-9-]+$": "<YYYY-MM>/<slug>, e.g. 2026-09/rotating-hosts",
    VISIBLE_PATTERN: "text with at least one visible character",
    GITHUB_PATTERN: "a GitHub user name: letters, digits and single '-', e.g. amara-o",
    REDDIT_PATTERN: "a Reddit user name without 'u/': 3 to 20 letters, digits, '_' or '-'",
    DISCORD_PATTERN: "a Discord user name: 2 to 32 lowercase letters, digits, '_' or '.'",
}
M = TypeVar("M", bound=BaseModel)


def validate_meta(raw: RawDocument, schema: type[M]) -> tuple[M | None, list[Problem]]:
    """Validate front matter; return the schema instance or None with one problem per fault."""
    try:
        return schema.model_validate(raw.meta), []
    except ValidationError as exc:
        problems = [_problem(raw, schema, detail) for detail in exc.errors()]
        return None, sorted(set(problems), key=lambda p: (p.line or 0, p.message))


def _problem(raw: RawDocument, schema: type[BaseModel], detail: Any) -> Problem:
    """Turn one pydantic error into a problem that names the key, expected and found."""
    loc = tuple(detail["loc"])
    key = str(loc[0]) if loc else ""
    where = _key_label(loc)
    kind = detail["type"]
    found = describe(detail.get("input"))
    if kind == "missing":
        return error(raw.rel, 1, f"missing required key '{key}': add '{key}:' to the front matter")
    if kind == "extra_forbidden":
        return error(raw.rel, raw.line_of(key), _unknown_key_message(key, schema))
    line = raw.line_of(*loc)
    if detail.get("input") is None and kind in EXPECTED_BY_ERROR_TYPE:
        return error(raw.rel, line, f"'{where}' is empty: give it a value or remove the line")
    if kind in EXPECTED_BY_ERROR_TYPE:
        expected = EXPECTED_BY_ERROR_TYPE[kind]
        return error(raw.rel, line, f"'{where}' expects {expected}, found {found}")
    if kind == "string_pattern_mismatch":
        pattern = detail["ctx"]["pattern"]
        hint = PATTERN_HINTS.get(pattern, pattern)
        meant = _id_meant(detail.get("input")) if pattern == ID_PATTERN else ""
        return error(raw.rel, line, f"'{where}' expects {hint}; found {found}{meant}")
    if kind == "enum":
        return error(raw.rel, line, _choice_message(where, detail))
    if kind == "too_short":
        return error(raw.rel, line, f"'{where}' needs at least one entry, found an empty list")
    if kind == "string_too_short":
        return error(raw.rel, line, f"'{where}' is empty: give it a value or remove the line")
    if kind == "greater_than_equal":
        return error(
            raw.rel, line, f"'{where}' must be at least {detail['ctx']['ge']}, found {found}"
        )
    if kind == "value_error":
        return error(raw.rel, line, f"'{where}': {detail['ctx']['error']}")
    return error(raw.rel, line, f"'{where}': {detail['msg'].lower()}, found {found}")


def _id_meant(value: object) -> str:
    """'; did you mean <id>?' for text that is not an id but makes one ('Hélène D.')."""
    meant = slugify(value) if isinstance(value, str) else ""
    return f"; did you mean '{meant}'?" if meant and meant != value else ""


def _key_label(loc: tuple[Any, ...]) -> str:
    """Name a key path as a member reads it: `authors` or `authors[2]`."""
    label = str(loc[0]) if loc else "front matter"
    for part in loc[1:]:
        label += f"[{part + 1}]" if isinstance(part, int) else f".{part}"
    return label


KEYS_TAKEN_ELSEWHERE = {
    ("ContributionMeta", "date"): (
        "a piece takes its date from its issue (the 'date' in the issue's index.md); remove "
        "this line (for a significant change after publication, write 'updated')"
    ),
}
"""Unknown keys a member writes for a reason, with what the schema does instead (by the
schema's name, so the table needs no import of them)."""


def _unknown_key_message(key: str, schema: type[BaseModel]) -> str:
    """Explain an unknown key and suggest the closest known one."""
    known = list(schema.model_fields)
    if key == "id":
        return (
            "unknown key 'id': an id comes from the file (or folder) name; "
            "remove this line or rename the file"
        )
    if (schema.__name__, key) in KEYS_TAKEN_ELSEWHERE:
        return f"unknown key '{key}': {KEYS_TAKEN_ELSEWHERE[(schema.__name__, key)]}"
    close = suggest(key, known)
    hint = f"did you mean '{close}'?" if close else f"known keys: {', '.join(known)}"
    return f"unknown key '{key}': {hint}"


def _choice_message(where: str, detail: Any) -> str:
    """Explain a value outside a closed set and suggest the closest choice."""
    choices = [c.strip(" '") for c in detail["ctx"]["expected"].replace(" or ", ", ").split(",")]
    found = detail.get("input")
    close = suggest(str(found), choices)
    hint = f"; did you mean '{close}'?" if close else ""
    return f"'{where}' expects one of {', '.join(choices)}; found {describe(found)}{hint}"


def describe(value: object) -> str:
    """Describe a YAML value the way a member wrote it."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value; put it in quotes to make it text)"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__
