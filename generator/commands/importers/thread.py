"""A platform-neutral AMA thread: the opening post, its comments and replies, and their people."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError


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
    """An export that cannot be imported: the message names the file and what was expected."""


class Shape(BaseModel):
    """Base of the models of a platform's JSON: unknown keys ignored, types checked."""

    model_config = ConfigDict(extra="ignore", frozen=True)


def read_json(text: str, source: str, *, expected: str) -> Any:
    """Parse an export's text as JSON, or raise InputFault naming the file and the fault."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputFault(
            f"{source}: not JSON ({exc.msg} at line {exc.lineno}, column {exc.colno}): "
            f"expected {expected}"
        ) from None
    except RecursionError:
        raise InputFault(
            f"{source}: its JSON nests arrays or objects too deep to read: expected {expected}"
        ) from None


EXPECTED_BY_TYPE = {
    "model_type": "an object",
    "model_attributes_type": "an object",
    "dict_type": "an object",
    "list_type": "an array",
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "datetime_type": "a date and time",
    "datetime_parsing": "a date and time",
    "datetime_from_date_parsing": "a date and time",
}


def validated(
    model: type[Shape], data: Any, source: str, *, what: str, expected: str, renames: Renames
) -> Any:
    """Check JSON against a platform model, or raise InputFault naming the first bad key."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        fault = _fault(exc.errors()[0], renames)
        raise InputFault(f"{source}: not {what}: {fault}; expected {expected}") from None


def _fault(detail: Any, renames: Renames) -> str:
    """One pydantic error as a sentence about the JSON: where, what was expected, what found."""
    path = _json_path(detail["loc"], renames)
    where = f"'{path}'" if path else "the top level"
    kind, found = detail["type"], described(detail.get("input"))
    if kind == "missing":
        return f"{where} is missing"
    if kind in EXPECTED_BY_TYPE:
        return f"{where} should be {EXPECTED_BY_TYPE[kind]}, found {found}"
    if kind == "value_error":
        return f"{where} {detail['ctx']['error']}"
    if kind == "union_tag_invalid":
        return (
            f"{where} has kind '{detail['ctx']['tag']}', expected {detail['ctx']['expected_tags']}"
        )
    return f"{where}: {detail['msg'].lower()}, found {found}"


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


def described(value: object) -> str:
    """A short description of a JSON value found where another was expected."""
    if value is None:
        return "null"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return f"'{value[:40]}'"
    return json.dumps(value)


def parse_with(
    model: type[Shape],
    to_thread: Callable[[Any], Thread],
    *,
    what: str,
    expected: str,
    renames: Renames | None = None,
) -> Callable[[str, str], Thread]:
    """A platform's parser: JSON text and its file name to a Thread, or InputFault."""

    def parse(text: str, source: str) -> Thread:
        data = read_json(text, source, expected=expected)
        data = validated(model, data, source, what=what, expected=expected, renames=renames or {})
        thread = to_thread(data)
        if not thread.comments:
            raise InputFault(
                f"{source}: the thread has no comments, so there is nothing to import: "
                "export it again once questions have been asked"
            )
        return thread

    return parse
