"""A platform-neutral AMA thread: the opening post, its comments and replies, and their people."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from polyvox.i18n.phrases import Phrase, phrase


@dataclass(frozen=True)
class Person:
    """Who wrote a post: a platform account, a deleted account (handle None), or a bot."""

    platform: str
    handle: str | None
    name: str | None = None
    account_id: str | None = None
    """The platform's own stable id of the account, where it has one apart from the handle."""
    bot: bool = False

    @property
    def deleted(self) -> bool:
        """Whether the account no longer exists (the platform shows no author)."""
        return self.handle is None

    def is_handle(self, handle: str) -> bool:
        """Whether this account has this handle (platform handles ignore case)."""
        return self.handle is not None and self.handle.casefold() == handle.casefold()


@dataclass(frozen=True)
class Post:
    """One comment or message, with the replies written under it."""

    key: str
    """The platform's id of the post, stable across exports."""
    author: Person
    body: str
    written: datetime
    removed: bool = False
    """Whether the platform says the post was deleted or removed (its text is gone)."""
    replies: tuple[Post, ...] = ()


@dataclass(frozen=True)
class Thread:
    """An AMA as a platform holds it: the opening post and the top-level comments."""

    platform: str
    title: str | None
    url: str | None
    intro: str
    comments: tuple[Post, ...]
    missing: int = 0
    """Comments the export left out (Reddit's 'more' stubs, GitHub pages not fetched)."""


Renames = dict[str, int | str | None]
"""How a model's error locations read as JSON paths: a part renamed, or None to leave it out."""


class InputFault(Exception):
    """An export that cannot be imported: the message (a Phrase) names the file and what was
    expected."""

    @property
    def said(self) -> Phrase:
        """What is wrong, in no language yet."""
        return self.args[0]


class Shape(BaseModel):
    """Base of the models of a platform's JSON: unknown keys ignored, types checked."""

    model_config = ConfigDict(extra="ignore", frozen=True)


def read_json(text: str, source: str, *, expected: str) -> Any:
    """Parse an export's text as JSON, or raise InputFault naming the file and the fault."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputFault(
            phrase(
                "import_not_json",
                source=source,
                reason=exc.msg,
                line=exc.lineno,
                column=exc.colno,
                expected=expected,
            )
        ) from None
    except RecursionError:
        raise InputFault(phrase("import_json_too_deep", source=source, expected=expected)) from None


AN_OBJECT, A_WHOLE_NUMBER, A_NUMBER = (
    phrase("json_object"),
    phrase("expect_whole_number"),
    phrase("json_number"),
)
A_DATE_AND_TIME = phrase("json_date_time")
EXPECTED_BY_TYPE = {
    "model_type": AN_OBJECT,
    "model_attributes_type": AN_OBJECT,
    "dict_type": AN_OBJECT,
    "list_type": phrase("json_array"),
    "string_type": phrase("expect_text"),
    "int_type": A_WHOLE_NUMBER,
    "int_parsing": A_WHOLE_NUMBER,
    "float_type": A_NUMBER,
    "float_parsing": A_NUMBER,
    "bool_type": phrase("expect_bool"),
    "datetime_type": A_DATE_AND_TIME,
    "datetime_parsing": A_DATE_AND_TIME,
    "datetime_from_date_parsing": A_DATE_AND_TIME,
}


def validated(
    model: type[Shape],
    data: Any,
    source: str,
    *,
    what: Phrase,
    expected: Phrase,
    renames: Renames,
) -> Any:
    """Check JSON against a platform model, or raise InputFault naming the first bad key."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        fault = _fault(exc.errors()[0], renames)
        said = phrase("import_not_shape", source=source, what=what, fault=fault, expected=expected)
        raise InputFault(said) from None


def _fault(detail: Any, renames: Renames) -> Phrase:
    """One pydantic error as a sentence about the JSON: where, what was expected, what found."""
    path = _json_path(detail["loc"], renames)
    where = phrase("quoted", value=path) if path else phrase("json_top_level")
    kind, found = detail["type"], described(detail.get("input"))
    if kind == "missing":
        return phrase("json_missing", where=where)
    if kind in EXPECTED_BY_TYPE:
        return phrase("json_should_be", where=where, expected=EXPECTED_BY_TYPE[kind], found=found)
    if kind == "value_error":
        reason = detail["ctx"]["error"]
        reason = reason.args[0] if isinstance(getattr(reason, "args", None), tuple) else reason
        return phrase("json_value_fault", where=where, fault=reason)
    if kind == "union_tag_invalid":
        ctx = detail["ctx"]
        return phrase("json_kind", where=where, kind=ctx["tag"], expected=ctx["expected_tags"])
    return phrase("json_other_fault", where=where, fault=detail["msg"].lower(), found=found)


def _json_path(loc: tuple[Any, ...], renames: Renames) -> str:
    """A pydantic error location written as a JSON path: data.repository.comments[2].body."""
    path = ""
    for part in loc:
        part = renames.get(part, part) if isinstance(part, str) else part
        if part is None:
            continue
        if isinstance(part, int):
            path += f"[{part}]"
        elif not str(part).startswith(("function-", "tagged-union")):
            path += f".{part}" if path else str(part)
    return path


def described(value: object) -> Phrase | str:
    """A short description of a JSON value found where another was expected."""
    if value is None:
        return "null"
    if isinstance(value, dict):
        return AN_OBJECT
    if isinstance(value, list):
        return phrase("json_array")
    if isinstance(value, str):
        return phrase("quoted", value=value[:40])
    return json.dumps(value)


def parse_with(
    model: type[Shape],
    to_thread: Callable[[Any], Thread],
    *,
    what: Phrase,
    expected: Phrase,
    renames: Renames | None = None,
) -> Callable[[str, str], Thread]:
    """A platform's parser: JSON text and its file name to a Thread, or InputFault."""

    def parse(text: str, source: str) -> Thread:
        data = read_json(text, source, expected=expected)
        data = validated(model, data, source, what=what, expected=expected, renames=renames or {})
        thread = to_thread(data)
        if not thread.comments:
            raise InputFault(phrase("import_no_comments", source=source))
        return thread

    return parse
