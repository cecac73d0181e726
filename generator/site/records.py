"""Digests of what an output is made from: its inputs, as values, reduced to one short text.

An output (a page, a feed) is a pure function of its inputs: the model objects it shows, the
people and credits it names, the settings and the templates. Its digest is computed from those
values without making the output, so a build knows which outputs an edit changed before making
any of them. Inputs are written as tuples of plain values (text, numbers, dates, the digests of
model objects), whose repr says all of them and costs little; a model object is digested once
while it lives (a live preview keeps the objects of the files that did not change).
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable

from pydantic import BaseModel

from polyvox.content.model import AmaSession, Contribution, Issue, Question
from polyvox.credit.ledger import Credit
from polyvox.site.view import PersonView, SiteContext


def digest(*values: object) -> str:
    """A short digest of plain values (tuples of text, numbers, dates and digests)."""
    text = repr(values).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(text, digest_size=16).hexdigest()


class Identities:
    """The digest of each model object, computed once while the object lives, and the plain
    rows of one build's credits and people."""

    def __init__(self) -> None:
        self._known: dict[int, tuple[object, str]] = {}
        self._rows: dict[int, tuple[object, tuple]] = {}
        self._touched: set[int] = set()
        self._touched_rows: set[int] = set()

    def of(self, thing: object) -> str:
        """The digest of a model object or its front matter (an issue's is made of its pieces'
        digests, a session's of its questions')."""
        known = self._known.get(id(thing))
        self._touched.add(id(thing))
        if known is not None and known[0] is thing:
            return known[1]
        if isinstance(thing, Issue):
            pieces = tuple(self.of(piece) for piece in thing.contributions)
            value = digest(
                "issue", thing.id, self.of(thing.meta), thing.editorial, thing.source, pieces
            )
        elif isinstance(thing, AmaSession):
            questions = tuple(self.of(question) for question in thing.questions)
            value = digest(
                "session", thing.id, self.of(thing.meta), thing.intro, thing.source, questions
            )
        elif isinstance(thing, BaseModel):
            value = digest(type(thing).__name__, thing.model_dump_json())
        elif dataclasses.is_dataclass(thing):
            value = digest(type(thing).__name__, *(_field(self, thing, f) for f in _names(thing)))
        else:
            value = digest(thing)
        self._known[id(thing)] = (thing, value)
        return value

    def row(self, credit: Credit) -> tuple:
        """A credit as a row of plain values, made once per build."""
        known = self._rows.get(id(credit))
        self._touched_rows.add(id(credit))
        if known is not None and known[0] is credit:
            return known[1]
        made = (credit.date, credit.person, credit.role.value, credit.page, credit.anchor)
        made += (credit.title, credit.issue)
        self._rows[id(credit)] = (credit, made)
        return made

    def rows(self, credits: Iterable[Credit]) -> tuple:
        """Credits as rows of plain values."""
        return tuple(self.row(credit) for credit in credits)

    def new_build(self) -> None:
        """Start a build: forget the objects and credits the last build did not use (an
        edited file's old objects, the credits of an issue made again)."""
        self._rows = {key: row for key, row in self._rows.items() if key in self._touched_rows}
        self._known = {key: known for key, known in self._known.items() if key in self._touched}
        self._touched, self._touched_rows = set(), set()


def _names(thing: object) -> tuple[str, ...]:
    """The field names of a dataclass instance."""
    return tuple(f.name for f in dataclasses.fields(thing))


def _field(ids: Identities, thing: object, name: str) -> object:
    """A field of a model object as a plain value (front matter by its digest)."""
    value = getattr(thing, name)
    return ids.of(value) if isinstance(value, BaseModel) else value


def card(person: PersonView) -> tuple:
    """How a person appears on a page, as plain values (their Fediverse address included: a page
    they alone authored names it)."""
    return person.id, person.name, person.anonymous, person.profile, person.avatar, person.fediverse


def cards(site: SiteContext, person_ids: Iterable[str]) -> tuple[tuple, ...]:
    """How each named person appears on a page, in the order given."""
    known = _cards_of(site)
    return tuple(known[pid] for pid in dict.fromkeys(person_ids) if pid in known)


def _cards_of(site: SiteContext) -> dict[str, tuple]:
    """Every person's card, by any id they are known by, made once per build."""
    made = site.__dict__.get("_cards")
    if made is None:
        made = site.__dict__["_cards"] = {pid: card(view) for pid, view in site.people.items()}
    return made


def piece_links(site: SiteContext, piece: Contribution) -> tuple:
    """What a piece shows of other things: what it answers, what answers it, its tags."""
    target = site.pieces.get(piece.meta.responds_to or "")
    answers = target and (target.page, target.anchor, target.meta.title)
    replies = tuple((r.page, r.anchor, r.meta.title) for r in site.responses.get(piece.ref, ()))
    tags = tuple((site.tags.of(w).label, site.tags.of(w).page) for w in piece.meta.tags)
    return answers, replies, tags


def piece_people(piece: Contribution) -> list[str]:
    """Everyone a piece names: authors, translators, reviewers."""
    meta = piece.meta
    return [*meta.authors, *meta.translators, *meta.reviewers]


def question_people(question: Question) -> list[str]:
    """Everyone a question names: who asked, and who wrote each turn."""
    return [question.meta.asked_by, *(turn.person for turn in question.turns)]


def session_people(session: AmaSession) -> list[str]:
    """Everyone a session's page names: guests, hosts, and the people of every question."""
    named = [*session.meta.guests, *session.meta.hosts]
    for question in session.questions:
        named += question_people(question)
    return named


def session_summary(site: SiteContext, ids: Identities, session: AmaSession) -> tuple:
    """What lists of sessions show of one: its address, front matter, counts and guests."""
    counts = (len(session.questions), session.answer_count, session.collecting)
    people = cards(site, session.meta.guests + session.meta.hosts)
    return session.id, ids.of(session.meta), counts, people


def issue_summary(ids: Identities, issue: Issue | None) -> tuple | None:
    """What lists and neighbours show of an issue: its address and front matter."""
    return issue and (issue.id, ids.of(issue.meta))
