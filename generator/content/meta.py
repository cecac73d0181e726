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
from polyvox.i18n.phrases import Phrase, phrase

EXPECTED_BY_ERROR_TYPE = {
    "string_type": phrase("expect_text"),
    "int_type": phrase("expect_whole_number"),
    "float_type": phrase("expect_number"),
    "bool_type": phrase("expect_bool"),
    "list_type": phrase("expect_list"),
    "dict_type": phrase("expect_mapping"),
    "date_type": phrase("expect_date"),
}
PATTERN_HINTS = {
    ID_PATTERN: phrase("pattern_id"),
    "^[0-9]{4}-(0[1-9]|1[0-2])$": phrase("pattern_issue_id"),
    "^[0-9]{4}-(0[1-9]|1[0-2])/[a-z0-9-]+$": phrase("pattern_piece_ref"),
    VISIBLE_PATTERN: phrase("pattern_visible"),
    GITHUB_PATTERN: phrase("pattern_github"),
    REDDIT_PATTERN: phrase("pattern_reddit"),
    DISCORD_PATTERN: phrase("pattern_discord"),
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
        return error(raw.rel, 1, phrase("meta_missing_key", key=key))
    if kind == "extra_forbidden":
        return error(raw.rel, raw.line_of(key), _unknown_key_message(key, schema))
    line = raw.line_of(*loc)
    if detail.get("input") is None and kind in EXPECTED_BY_ERROR_TYPE:
        return error(raw.rel, line, phrase("meta_empty", where=where))
    if kind in EXPECTED_BY_ERROR_TYPE:
        expected = EXPECTED_BY_ERROR_TYPE[kind]
        return error(
            raw.rel, line, phrase("meta_expects", where=where, expected=expected, found=found)
        )
    if kind == "string_pattern_mismatch":
        pattern = detail["ctx"]["pattern"]
        hint = PATTERN_HINTS.get(pattern, pattern)
        meant = _id_meant(detail.get("input")) if pattern == ID_PATTERN else None
        if meant:
            return error(
                raw.rel,
                line,
                phrase("meta_pattern_meant", where=where, hint=hint, found=found, meant=meant),
            )
        return error(raw.rel, line, phrase("meta_pattern", where=where, hint=hint, found=found))
    if kind == "enum":
        return error(raw.rel, line, _choice_message(where, detail))
    if kind == "too_short":
        return error(raw.rel, line, phrase("meta_empty_list", where=where))
    if kind == "string_too_short":
        return error(raw.rel, line, phrase("meta_empty", where=where))
    if kind == "greater_than_equal":
        return error(
            raw.rel,
            line,
            phrase("meta_at_least", where=where, least=detail["ctx"]["ge"], found=found),
        )
    if kind == "value_error":
        reason = detail["ctx"]["error"]
        reason = reason.args[0] if isinstance(getattr(reason, "args", None), tuple) else reason
        return error(raw.rel, line, phrase("meta_value_fault", where=where, fault=reason))
    return error(
        raw.rel,
        line,
        phrase("meta_other_fault", where=where, fault=detail["msg"].lower(), found=found),
    )


def _id_meant(value: object) -> str | None:
    """The id a text that is not one makes ('Hélène D.' gives 'helene-d'), or None."""
    meant = slugify(value) if isinstance(value, str) else ""
    return meant if meant and meant != value else None


def _key_label(loc: tuple[Any, ...]) -> str:
    """Name a key path as a member reads it: `authors` or `authors[2]`."""
    label = str(loc[0]) if loc else "front matter"
    for part in loc[1:]:
        label += f"[{part + 1}]" if isinstance(part, int) else f".{part}"
    return label


KEYS_TAKEN_ELSEWHERE = {
    ("ContributionMeta", "date"): phrase("meta_piece_date"),
}
"""Unknown keys a member writes for a reason, with what the schema does instead (by the
schema's name, so the table needs no import of them)."""


def _unknown_key_message(key: str, schema: type[BaseModel]) -> Phrase:
    """Explain an unknown key and suggest the closest known one."""
    known = list(schema.model_fields)
    if key == "id":
        return phrase("meta_unknown_id")
    if (schema.__name__, key) in KEYS_TAKEN_ELSEWHERE:
        return phrase(
            "meta_unknown_key", key=key, hint=KEYS_TAKEN_ELSEWHERE[(schema.__name__, key)]
        )
    close = suggest(key, known)
    hint = meant(close) if close else phrase("meta_known_keys", keys=", ".join(known))
    return phrase("meta_unknown_key", key=key, hint=hint)


def meant(close: str) -> Phrase:
    """'did you mean 'close'?', the hint of a misspelt name."""
    return phrase("did_you_mean", meant=close)


def _choice_message(where: str, detail: Any) -> Phrase:
    """Explain a value outside a closed set and suggest the closest choice."""
    choices = [c.strip(" '") for c in detail["ctx"]["expected"].replace(" or ", ", ").split(",")]
    found = detail.get("input")
    close = suggest(str(found), choices)
    values = {"where": where, "choices": ", ".join(choices), "found": describe(found)}
    if close:
        return phrase("meta_choice_meant", meant=close, **values)
    return phrase("meta_choice", **values)


def describe(value: object) -> Phrase:
    """Describe a YAML value the way a member wrote it."""
    if value is None:
        return phrase("found_nothing")
    if isinstance(value, bool):
        return phrase("found_bool", value=str(value).lower())
    if isinstance(value, int | float):
        return phrase("found_number", value=value)
    if isinstance(value, str):
        return phrase("found_text", value=value)
    if isinstance(value, list):
        return phrase("found_list")
    if isinstance(value, dict):
        return phrase("found_mapping")
    return phrase("found_text", value=str(value))
