"""One declarative schema per content kind: the single source for validation and JSON Schema."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from enum import StrEnum
from functools import cache
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
)

from polyvox.content.slugs import slugify
from polyvox.i18n.phrases import phrase

ID_PATTERN = r"^[a-z0-9-]+$"
ISSUE_ID_PATTERN = r"^[0-9]{4}-(0[1-9]|1[0-2])$"
PIECE_REF_PATTERN = r"^[0-9]{4}-(0[1-9]|1[0-2])/[a-z0-9-]+$"
VISIBLE_PATTERN = r"[^\s\x00-\x1f\x7f-\x9f]"
"""Somewhere in the text, one character a reader can see (not a space, not a control)."""
TAG_MAX_LENGTH = 50


DATE_FAULTS = {
    "month must be in 1..12": "date_month_range",
    "day is out of range for month": "date_day_range",
    "year 0 is out of range": "date_year_zero",
}
"""What Python says of a date that is not one, by its wording, as a message of the catalogs."""


def _parse_iso_date(value: object) -> object:
    """Turn a `YYYY-MM-DD` string into a date; leave anything else for the type check."""
    if isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        try:
            return date.fromisoformat(value)
        except ValueError as exc:
            reason = DATE_FAULTS.get(str(exc))
            reason = phrase(reason) if reason else str(exc)
            raise ValueError(phrase("date_not_real", value=value, reason=reason)) from None
    if isinstance(value, str):
        raise ValueError(phrase("date_expected", value=value))
    return value


LANGUAGE_TAG_PATTERN = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
"""The shape of a BCP 47 tag, for editors' JSON Schemas; Babel checks the language itself."""


def _language_tag(value: str) -> str:
    """A BCP 47 language tag Babel knows, written canonically ('pt-br' gives 'pt-BR')."""
    from babel import Locale, UnknownLocaleError  # only files that give a language need it

    try:
        locale = Locale.parse(value, sep="-")
    except (ValueError, UnknownLocaleError, TypeError):
        raise ValueError(phrase("not_a_language_tag", value=value)) from None
    return str(locale).replace("_", "-")


def _unique(values: list[str]) -> list[str]:
    """Drop repeated entries from an id list, keeping the first order."""
    return list(dict.fromkeys(values))


def tag_text(value: str) -> str:
    """A tag as written, spaces tidied; refused when empty, only punctuation, or too long."""
    text = " ".join(unicodedata.normalize("NFC", value).split())
    if not text:
        raise ValueError(phrase("tag_empty"))
    if not any(unicodedata.category(char)[0] in "LN" for char in text):
        raise ValueError(phrase("tag_no_letter", text=text))
    if len(text) > TAG_MAX_LENGTH:
        raise ValueError(phrase("tag_too_long", most=TAG_MAX_LENGTH, found=len(text), text=text))
    return text


@cache
def tag_slug(tag: str) -> str:
    """The slug that names a tag: tags with one slug are one tag ('Éthique' and 'ethique')."""
    return slugify(tag, unicode=True, max_length=None)


def _unique_tags(tags: list[str]) -> list[str]:
    """Drop tags that repeat an earlier one in another case or accent, keeping the first."""
    first: dict[str, str] = {}
    for tag in tags:
        first.setdefault(tag_slug(tag), tag)
    return list(first.values())


Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
IdList = Annotated[list[Id], AfterValidator(_unique)]
IsoDate = Annotated[date, BeforeValidator(_parse_iso_date)]
Tag = Annotated[
    str,
    AfterValidator(tag_text),
    WithJsonSchema(
        {"type": "string", "minLength": 1, "maxLength": TAG_MAX_LENGTH, "pattern": r"\S"}
    ),
]
TagList = Annotated[list[Tag], AfterValidator(_unique_tags)]
TAGS_HELP = (
    f"Tags in your own words, e.g. [éthique, open source], {TAG_MAX_LENGTH} characters at most."
)
IssueRef = Annotated[str, StringConstraints(pattern=ISSUE_ID_PATTERN)]
PieceRef = Annotated[str, StringConstraints(pattern=PIECE_REF_PATTERN)]
GITHUB_PATTERN = r"^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$"
GitHubName = Annotated[str, StringConstraints(pattern=GITHUB_PATTERN, max_length=39)]
REDDIT_PATTERN = r"^[A-Za-z0-9_-]{3,20}$"
RedditName = Annotated[str, StringConstraints(pattern=REDDIT_PATTERN)]
DISCORD_PATTERN = r"^[a-z0-9_.]{2,32}$"
DiscordName = Annotated[str, StringConstraints(pattern=DISCORD_PATTERN)]
Text = Annotated[str, StringConstraints(min_length=1, pattern=VISIBLE_PATTERN)]
FEDIVERSE_PATTERN = r"^@?[A-Za-z0-9_][A-Za-z0-9_.-]*@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$"
"""A Fediverse address, @name@server (the leading @ may be left out)."""


def _fediverse_address(value: str) -> str:
    """A Fediverse address written as Mastodon shows it: @name@server, the server lowercased."""
    if not re.fullmatch(FEDIVERSE_PATTERN, value):
        raise ValueError(phrase("not_a_fediverse_address", value=value))
    name, server = value.removeprefix("@").split("@")
    return f"@{name}@{server.lower()}"


FediverseAddress = Annotated[
    str,
    AfterValidator(_fediverse_address),
    WithJsonSchema({"type": "string", "pattern": FEDIVERSE_PATTERN}),
]
LanguageTag = Annotated[
    str,
    AfterValidator(_language_tag),
    WithJsonSchema({"type": "string", "pattern": LANGUAGE_TAG_PATTERN}),
]
LANG_DESCRIPTION = (
    "The language it is written in, when not the site's: a BCP 47 tag, e.g. fr or pt-BR."
)


class ContributionKind(StrEnum):
    """The closed set of contribution kinds, in the order an issue page shows them."""

    ARTICLE = "article"
    COUNTERPOINT = "counterpoint"
    STORY = "story"
    TIP = "tip"
    SHOWCASE = "showcase"
    EVENT = "event"
    LINK = "link"


class AiAssistance(StrEnum):
    """How much an AI tool took part in writing a piece, as its authors disclose it."""

    NONE = "none"
    ASSISTED = "assisted"
    DRAFTED = "drafted"


class IssueStatus(StrEnum):
    """Whether an issue is public yet."""

    DRAFT = "draft"
    PUBLISHED = "published"


class SessionStatus(StrEnum):
    """Whether an AMA session still takes questions."""

    COLLECTING = "collecting"
    ANSWERED = "answered"


class Schema(BaseModel):
    """Base of every front-matter schema: strict types, no unknown keys, immutable."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class ContributorMeta(Schema):
    """Front matter of `content/contributors/<id>.md`: one person."""

    name: Text = Field(description="The name shown on every credit.")
    pronouns: Text | None = Field(None, description="Pronouns shown next to the name.")
    avatar: Text | None = Field(None, description="Image path inside content/, e.g. assets/a.png.")
    links: dict[Text, Text] = Field(default_factory=dict, description="Label -> URL.")
    github: GitHubName | None = Field(
        None, description="GitHub user name, if the person has one (without the @)."
    )
    reddit: RedditName | None = Field(
        None, description="Reddit user name, if the person has one (without the u/)."
    )
    discord: DiscordName | None = Field(
        None, description="Discord user name, if the person has one (not the display name)."
    )
    fediverse: FediverseAddress | None = Field(
        None,
        description="A Fediverse account, @name@server, e.g. @noa@social.example: named as the "
        "author of the pages this person alone wrote, and shown on the profile (rel=me).",
    )
    aliases: IdList = Field(default_factory=list, description="Old ids that mean this person.")
    anonymous: bool = Field(False, description="Credit as 'Anonymous member', never named.")


class IssueMeta(Schema):
    """Front matter of `content/issues/<YYYY-MM>/index.md`: one monthly issue."""

    title: Text = Field(description="The issue's title.")
    number: int = Field(ge=1, description="The issue's number, counting from 1.")
    date: IsoDate = Field(description="Publication date, YYYY-MM-DD.")
    editors: IdList = Field(min_length=1, description="Contributor ids of the editors.")
    summary: Text | None = Field(None, description="One sentence shown in lists and feeds.")
    status: IssueStatus = Field(
        IssueStatus.PUBLISHED, strict=False, description="draft or published."
    )
    updated: IsoDate | None = Field(
        None, description="Date of the last significant change after publication, YYYY-MM-DD."
    )


class ContributionMeta(Schema):
    """Front matter of `content/issues/<YYYY-MM>/<slug>.md`: one contribution."""

    title: Text = Field(description="The contribution's title.")
    authors: IdList = Field(min_length=1, description="Contributor ids, first author first.")
    kind: ContributionKind = Field(strict=False, description="What sort of piece this is.")
    tags: TagList = Field(default_factory=list, description=TAGS_HELP)
    summary: Text | None = Field(None, description="One sentence shown in lists and feeds.")
    responds_to: PieceRef | None = Field(
        None, description="<YYYY-MM>/<slug> of the piece answered."
    )
    ai_assistance: AiAssistance | None = Field(
        None, strict=False, description="none, assisted or drafted."
    )
    order: int | None = Field(None, description="Position among pieces of the same kind.")
    lang: LanguageTag | None = Field(None, description=LANG_DESCRIPTION)
    translators: IdList = Field(default_factory=list, description="Contributor ids of translators.")
    reviewers: IdList = Field(default_factory=list, description="Contributor ids of reviewers.")
    updated: IsoDate | None = Field(
        None, description="Date of the last significant change after publication, YYYY-MM-DD."
    )


class SessionMeta(Schema):
    """Front matter of `content/ama/<YYYY-MM-DD>-<slug>/index.md`: one AMA session."""

    title: Text = Field(description="The session's title.")
    date: IsoDate = Field(description="Date of the session, YYYY-MM-DD.")
    guests: IdList = Field(min_length=1, description="Contributor ids of the guests.")
    hosts: IdList = Field(default_factory=list, description="Contributor ids of the hosts.")
    issue: IssueRef | None = Field(None, description="<YYYY-MM> of the issue featuring it.")
    status: SessionStatus = Field(
        SessionStatus.ANSWERED, strict=False, description="collecting or answered."
    )
    summary: Text | None = Field(None, description="One sentence shown in lists and feeds.")
    updated: IsoDate | None = Field(
        None, description="Date of the last significant change after publication, YYYY-MM-DD."
    )


class QuestionMeta(Schema):
    """Front matter of `content/ama/<session>/questions/<slug>.md`: one question."""

    asked_by: Id = Field(description="Contributor id of the person asking.")
    date: IsoDate | None = Field(None, description="When it was asked, YYYY-MM-DD.")
    tags: TagList = Field(default_factory=list, description=TAGS_HELP)
    lang: LanguageTag | None = Field(None, description=LANG_DESCRIPTION)


class PageMeta(BaseModel):
    """Front matter of `content/pages/<slug>.md`: free pages, passed to mkdocs as they are."""

    model_config = ConfigDict(extra="allow", frozen=True)

    title: Text | None = Field(None, description="Page title; otherwise made from the file name.")


ID_KEYS_BY_SCHEMA: dict[type[BaseModel], tuple[str, ...]] = {
    ContributorMeta: (),
    IssueMeta: ("editors",),
    ContributionMeta: ("authors", "translators", "reviewers"),
    SessionMeta: ("guests", "hosts"),
    QuestionMeta: ("asked_by",),
    PageMeta: (),
}
"""For each schema, the keys whose values name contributors (and so must resolve)."""
