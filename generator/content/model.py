"""The validated community: plain, immutable data with no I/O and no mkdocs."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from generator.content.schema import (
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
    assets: tuple[str, ...] = ()
    """Every asset file (images), as its path below content/ ('issues/2026-09/map.png')."""

    def person(self, any_id: str) -> Contributor:
        """The contributor an id or one of their old ids names."""
        return self.contributors[self.aliases.get(any_id, any_id)]
