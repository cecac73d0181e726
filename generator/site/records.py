"""Digests of what an output is made from: its inputs, as values, reduced to one short text.

An output (a page, a feed) is a pure function of its inputs: the model objects it shows, the
people and credits it names, the settings and the templates. Its digest is computed from those
values without making the output, so a build knows which outputs an edit changed before making
any of them. Model objects are digested once each and remembered while they live (a live
preview keeps the objects of files that did not change).
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable
from datetime import date
from enum import Enum

from pydantic import BaseModel

from polyvox.content.model import AmaSession, Contribution, Issue, Question
from polyvox.site.view import PersonView, SiteContext

PLAIN = (str, int, float, bool, type(None))
_plain_memo: dict[int, tuple[object, object]] = {}
"""Plain forms of the frozen objects of one build (credits, people), made once each."""


def digest(*values: object) -> str:
    """A short digest of values: plain data, dates, enums, frozen dataclasses and pydantic
    models, by what they hold (never by where they sit in memory)."""
    text = repr(plain(values)).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(text, digest_size=16).hexdigest()


def plain(value: object) -> object:
    """A value as nested tuples of str, int, float, bool and None, whose repr says all of it."""
    kind = type(value)
    if kind in PLAIN:
        return value
    if kind is tuple or kind is list:
        return tuple(plain(item) for item in value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, BaseModel):
        return value.model_dump_json()
    if isinstance(value, dict):
        return tuple((str(key), plain(item)) for key, item in value.items())
    if isinstance(value, set | frozenset):
        return tuple(sorted((plain(item) for item in value), key=repr))
    if dataclasses.is_dataclass(value):
        known = _plain_memo.get(id(value))
        if known is not None and known[0] is value:
            return known[1]
        fields = tuple(plain(getattr(value, f.name)) for f in dataclasses.fields(value))
        made = (kind.__name__, fields)
        _plain_memo[id(value)] = (value, made)
        return made
    return repr(value)


def forget_plain_forms() -> None:
    """Drop the plain forms of the last build's objects (a new build makes new ones)."""
    _plain_memo.clear()


class Identities:
    """The digest of each model object, computed once while the object lives."""

    def __init__(self) -> None:
        self._known: dict[int, tuple[object, str]] = {}

    def of(self, thing: object) -> str:
        """The digest of a model object (an issue's is made of its pieces' digests)."""
        known = self._known.get(id(thing))
        if known is not None and known[0] is thing:
            return known[1]
        if isinstance(thing, Issue):
            pieces = tuple(self.of(piece) for piece in thing.contributions)
            value = digest("issue", thing.id, thing.meta, thing.editorial, thing.source, pieces)
        elif isinstance(thing, AmaSession):
            questions = tuple(self.of(question) for question in thing.questions)
            value = digest("session", thing.id, thing.meta, thing.intro, thing.source, questions)
        else:
            value = digest(thing)
        self._known[id(thing)] = (thing, value)
        return value

    def forget_all_but(self, keep: Iterable[object]) -> None:
        """Drop what is known of objects no longer in use (a live preview after an edit)."""
        alive = {id(thing) for thing in keep}
        self._known = {key: known for key, known in self._known.items() if key in alive}


def cards(site: SiteContext, person_ids: Iterable[str]) -> tuple[PersonView, ...]:
    """How each named person appears on a page (name, profile, avatar), in the order given."""
    people = site.people
    return tuple(people[pid] for pid in dict.fromkeys(person_ids) if pid in people)


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


def session_summary(site: SiteContext, session: AmaSession) -> tuple:
    """What lists of sessions show of one: its address, front matter, counts and guests."""
    counts = (len(session.questions), session.answer_count, session.collecting)
    return session.id, session.meta, counts, cards(site, session.meta.guests + session.meta.hosts)


def issue_summary(issue: Issue | None) -> tuple | None:
    """What lists and neighbours show of an issue: its address and front matter."""
    return issue and (issue.id, issue.meta)
