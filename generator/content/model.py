"""The validated community: plain, immutable data with no I/O and no mkdocs.

It also holds the site's one URL layout: every object that is published knows its page (a site
path such as `issues/2026-09/`) and, when it is a part of a page, its anchor. Credit, pages,
feeds, JSON-LD and templates all ask these; nothing else builds a path by hand.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Protocol, TypeVar

from polyvox.content.schema import (
    ContributionMeta,
    ContributorMeta,
    IssueMeta,
    IssueStatus,
    PageMeta,
    QuestionMeta,
    SessionMeta,
    SessionStatus,
)


@dataclass(frozen=True)
class Contributor:
    """A person, known by the stem of their file."""

    id: str
    meta: ContributorMeta
    bio: str
    source: str

    @property
    def page(self) -> str:
        """The site path of the contributor's profile."""
        return profile_page(self.id)

    @property
    def fediverse_url(self) -> str | None:
        """The web address of their Fediverse account (https://server/@name), if they gave one."""
        if not self.meta.fediverse:
            return None
        name, server = self.meta.fediverse.removeprefix("@").split("@")
        return f"https://{server}/@{name}"


@dataclass(frozen=True)
class Contribution:
    """One piece in one monthly issue."""

    issue_id: str
    slug: str
    meta: ContributionMeta
    body: str
    source: str

    @property
    def ref(self) -> str:
        """The `<YYYY-MM>/<slug>` that `responds_to` uses to name this piece."""
        return f"{self.issue_id}/{self.slug}"

    @property
    def page(self) -> str:
        """The site path of the issue page that shows it."""
        return issue_page(self.issue_id)

    @property
    def anchor(self) -> str:
        """Its anchor on that page."""
        return self.slug


@dataclass(frozen=True)
class Issue:
    """A monthly issue: its editorial and its contributions."""

    id: str
    meta: IssueMeta
    editorial: str
    source: str
    contributions: tuple[Contribution, ...] = ()

    @property
    def published(self) -> bool:
        """Whether the issue is public (not a draft)."""
        return self.meta.status is IssueStatus.PUBLISHED

    @property
    def page(self) -> str:
        """The site path of the issue's page."""
        return issue_page(self.id)

    def public_on(self, today: date) -> bool:
        """Whether readers see the issue on that day: published, and dated then or before."""
        return self.published and self.meta.date <= today


class TurnKind(StrEnum):
    """What a marker line opens inside a question file."""

    ANSWER = "answer"
    FOLLOW_UP = "follow-up"


@dataclass(frozen=True)
class Turn:
    """An answer or follow-up under a question, opened by a marker line."""

    kind: TurnKind
    person: str
    body: str
    line: int


@dataclass(frozen=True)
class Question:
    """One question asked in an AMA session, with the turns that followed it."""

    session_id: str
    slug: str
    meta: QuestionMeta
    text: str
    turns: tuple[Turn, ...]
    source: str

    @property
    def answered(self) -> bool:
        """Whether anyone answered it."""
        return any(turn.kind is TurnKind.ANSWER for turn in self.turns)

    def turn_anchor(self, index: int) -> str:
        """The permanent anchor of the turn at index, e.g. `how-to-start-answer-1`.

        Turns are numbered from 1 in the order written; a turn added later never renumbers
        the ones before it.
        """
        return f"{self.slug}-{self.turns[index].kind}-{index + 1}"

    @property
    def page(self) -> str:
        """The site path of its session's page."""
        return session_page(self.session_id)

    @property
    def anchor(self) -> str:
        """Its anchor on that page."""
        return self.slug

    @property
    def folder(self) -> str:
        """The site path of the folder its file is written in (for its relative links)."""
        return f"{self.page}questions/"


@dataclass(frozen=True)
class AmaSession:
    """An Ask Me Anything session and its questions."""

    id: str
    meta: SessionMeta
    intro: str
    source: str
    questions: tuple[Question, ...] = ()

    @property
    def collecting(self) -> bool:
        """Whether the session still takes questions."""
        return self.meta.status is SessionStatus.COLLECTING

    @property
    def page(self) -> str:
        """The site path of the session's page."""
        return session_page(self.id)

    @property
    def answer_count(self) -> int:
        """How many answers its questions received."""
        return sum(turn.kind is TurnKind.ANSWER for q in self.questions for turn in q.turns)

    def public_on(self, today: date) -> bool:
        """Whether readers see the session on that day: collecting, or held then or before."""
        return self.collecting or self.meta.date <= today


@dataclass(frozen=True)
class Page:
    """A free page (about, code of conduct), rendered as written."""

    slug: str
    meta: PageMeta
    body: str
    source: str

    @property
    def title(self) -> str:
        """Its title: the front matter's, or its file name made readable."""
        return free_page_title(self.slug, self.meta.title)

    @property
    def page(self) -> str:
        """The site path of the page."""
        return f"{self.slug}/"


def profile_page(person_id: str) -> str:
    """The site path of a contributor's profile."""
    return f"contributors/{person_id}/"


def relative_url(path: str, start: str) -> str:
    """`path` relative to the folder `start`, both site paths without '..' ('.' for itself).

    What posixpath.relpath gives for such paths, without its calls to the file system's
    current folder (a hundred thousand links on a large site made it a fifth of page time).
    """
    parts, base = [p for p in path.split("/") if p], [p for p in start.split("/") if p]
    common = 0
    for mine, theirs in zip(parts, base, strict=False):
        if mine != theirs:
            break
        common += 1
    return "/".join([".."] * (len(base) - common) + parts[common:]) or "."


def issue_page(issue_id: str) -> str:
    """The site path of an issue's page."""
    return f"issues/{issue_id}/"


def session_page(session_id: str) -> str:
    """The site path of an AMA session's page."""
    return f"ama/{session_id}/"


def tag_page(tag_slug: str) -> str:
    """The site path of a tag's page."""
    return f"tags/{tag_slug}/"


def link_to(page: str, anchor: str = "") -> str:
    """A site path with its anchor, e.g. `issues/2026-09/#hosting`."""
    return f"{page}#{anchor}" if anchor else page


GENERATED_PAGES = ("", "issues/", "ama/", "contributors/", "voices/", "tags/", "contribute/")
"""The pages the site generates besides those of content: no content may take their path."""
RESERVED_PAGES = (*GENERATED_PAGES, "assets/", "search/", "email/")
"""Addresses no free page may take: generated pages, and folders the build writes into
(assets, the search index, the email editions)."""


def free_page_title(slug: str, title: object = None) -> str:
    """A free page's title: the one given, or the file name made readable ('code-of-conduct'
    gives 'Code of conduct')."""
    if isinstance(title, str) and title.strip():
        return title
    return slug.replace("-", " ").capitalize()


@dataclass(frozen=True)
class Community:
    """Everything read from content/, validated and cross-linked."""

    contributors: dict[str, Contributor] = field(default_factory=dict)
    issues: tuple[Issue, ...] = ()
    sessions: tuple[AmaSession, ...] = ()
    pages: tuple[Page, ...] = ()
    aliases: dict[str, str] = field(default_factory=dict)
    open_issue: Issue | None = None
    """The issue open for contributions: the earliest draft (see `open_issue_of`); it stays
    known when drafts are hidden from readers, so the home page can name it."""
    as_of: date | None = None
    """The day readers see the community on: the ledger counts no act dated after it (set by
    credit.visible; None counts everything, as a preview of drafts does)."""

    assets: tuple[str, ...] = ()
    """Every asset file (images), as its path below content/ ('issues/2026-09/map.png')."""

    def person(self, any_id: str) -> Contributor:
        """The contributor an id or one of their old ids names."""
        return self.contributors[self.aliases.get(any_id, any_id)]


class Publishable(Protocol):
    """What the open-issue rule reads of an issue: its id (YYYY-MM) and whether it is out."""

    @property
    def id(self) -> str: ...

    @property
    def published(self) -> bool: ...


P = TypeVar("P", bound=Publishable)


def open_issue_of(issues: Iterable[P]) -> P | None:
    """The issue open for contributions: the earliest draft (the next to be published)."""
    drafts = sorted((i for i in issues if not i.published), key=lambda i: i.id)
    return drafts[0] if drafts else None
