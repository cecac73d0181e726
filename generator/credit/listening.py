"""The listening report: who is new, who went quiet and who is still waiting for an answer.

Measured on the ledger of everything content/ holds, drafts included (the issue open for
contributions is the one editors are making), as of one day. Every definition is the one README
("The listening report") writes out:

- a first voice of an issue: a person whose first act anywhere belongs to it; of the last three
  months: a person whose first act is dated three months before the day or later;
- a voice gone quiet: a person with an act in at least three of the six issues before the last
  three, and in none of the last three (the issue reported on and the two before it);
- a newcomer's question still waiting: a question with no answer, in a session already held,
  asked on the day of its asker's first act;
- a person who only ever asked: every act of theirs is a question or a follow-up; a person never
  answered: they asked in sessions already held, and no question of theirs has an answer;
- the top three voices' share: the share of an issue's acts held by its three most present people.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from polyvox.content.model import AmaSession, Community, Issue, Question
from polyvox.credit import ledger as credit
from polyvox.credit import plurality

RECENT_MONTHS = 3
"""How far back "the last three months" reaches for first voices."""
QUIET_WINDOW = (6, 3)
"""A quiet voice: active in none of the last 3 issues, after at least 3 of the 6 before them."""
QUIET_MIN_ISSUES = 3
SHARE_ISSUES = 6
"""How many issues, up to the one reported on, the top three voices' share is followed over."""
ASKING_ROLES = frozenset({credit.Role.ASKER, credit.Role.FOLLOW_UP})


@dataclass(frozen=True)
class Quiet:
    """A voice gone quiet: who, the earlier issues they took part in, and their last act."""

    person: str
    active_in: tuple[str, ...]
    last_act: date


@dataclass(frozen=True)
class Waiting:
    """A newcomer's question nobody has answered, in a session already held."""

    question: Question
    session: AmaSession
    asked: date


@dataclass(frozen=True)
class Asker:
    """A person who asked: how many questions, how many of them answered."""

    person: str
    asked: int
    answered: int


@dataclass(frozen=True)
class Listening:
    """Everything the report shows about one issue, as of one day."""

    issue: Issue
    today: date
    since: date
    """The first day of the last three months."""
    first_in_issue: tuple[str, ...]
    first_recent: tuple[str, ...]
    last_three: tuple[str, ...]
    previous_six: tuple[str, ...]
    quiet: tuple[Quiet, ...]
    waiting: tuple[Waiting, ...]
    only_asked: tuple[Asker, ...]
    never_answered: tuple[Asker, ...]
    shares: tuple[plurality.IssueVoices, ...]
    """The measures of the last six issues up to this one, oldest first."""


def months_before(day: date, months: int) -> date:
    """The same day `months` calendar months earlier (the month's last day when it is shorter)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    for last in (31, 30, 29, 28):
        try:
            return date(year, month + 1, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("every month has 28 days")


def report_issue(community: Community, issue_id: str | None) -> Issue | None:
    """The issue to report on: the one named, else the one open for contributions, else the
    latest; None when the community has none (or not the one named)."""
    if issue_id is not None:
        return next((i for i in community.issues if i.id == issue_id), None)
    return community.open_issue or (community.issues[-1] if community.issues else None)


def listening(community: Community, issue: Issue, today: date) -> Listening:
    """The listening report of an issue on a day, from the whole community's ledger."""
    credits = credit.ledger(community)
    debuts = credit.debuts(credits)
    issue_ids = [i.id for i in community.issues if i.id <= issue.id]
    active = {i: {c.person for c in acts} for i, acts in credit.by_issue(credits).items()}
    since = months_before(today, RECENT_MONTHS)
    first_recent = [p for p, act in debuts.items() if act.date >= since]
    before, last = QUIET_WINDOW
    last_three = tuple(issue_ids[-last:])
    previous_six = tuple(issue_ids[-(before + last) : -last])
    measured = plurality.measure_issues(issue_ids[-SHARE_ISSUES:], credits)
    return Listening(
        issue=issue,
        today=today,
        since=since,
        first_in_issue=_by_first_act(credit.first_voices(credits).get(issue.id, set()), debuts),
        first_recent=_by_first_act(first_recent, debuts),
        last_three=last_three,
        previous_six=previous_six,
        quiet=_quiet(credits, active, previous_six, last_three),
        waiting=_waiting(community, debuts, today),
        only_asked=_only_asked(community, credits),
        never_answered=_never_answered(community, today),
        shares=tuple(measured.values()),
    )


def _by_first_act(people, debuts: dict[str, credit.Credit]) -> tuple[str, ...]:
    """People in the order they first took part (then by id)."""
    return tuple(sorted(people, key=lambda p: (debuts[p].date, p)))


def _quiet(
    credits: tuple[credit.Credit, ...],
    active: dict[str, set[str]],
    previous_six: tuple[str, ...],
    last_three: tuple[str, ...],
) -> tuple[Quiet, ...]:
    """People active in at least three of the previous six issues and in none of the last three."""
    recent = set().union(*(active.get(i, set()) for i in last_three))
    earlier = Counter(p for i in previous_six for p in active.get(i, set()))
    last_act = {c.person: c.date for c in credits}  # the ledger is in date order
    quiet = [
        Quiet(p, tuple(i for i in previous_six if p in active.get(i, set())), last_act[p])
        for p, count in earlier.items()
        if count >= QUIET_MIN_ISSUES and p not in recent
    ]
    return tuple(sorted(quiet, key=lambda q: (q.last_act, q.person)))


def _held(community: Community, today: date):
    """Each question of a session held on or before today, with its session and day asked."""
    for session in community.sessions:
        if session.meta.date <= today:
            for question in session.questions:
                yield question, session, credit.asked_on(question, session)


def _waiting(
    community: Community, debuts: dict[str, credit.Credit], today: date
) -> tuple[Waiting, ...]:
    """Newcomers' questions without an answer in sessions held, oldest first."""
    waiting = [
        Waiting(question, session, asked)
        for question, session, asked in _held(community, today)
        if not question.answered
        and debuts[community.aliases.get(question.meta.asked_by, question.meta.asked_by)].date
        == asked
    ]
    return tuple(sorted(waiting, key=lambda w: (w.asked, w.session.id, w.question.slug)))


def _askers(community: Community, questions) -> dict[str, Asker]:
    """For each person who asked one of `questions`, how many they asked and how many were
    answered."""
    asked: Counter[str] = Counter()
    answered: Counter[str] = Counter()
    for question in questions:
        person = community.aliases.get(question.meta.asked_by, question.meta.asked_by)
        asked[person] += 1
        answered[person] += question.answered
    return {p: Asker(p, asked[p], answered[p]) for p in asked}


def _only_asked(community: Community, credits: tuple[credit.Credit, ...]) -> tuple[Asker, ...]:
    """People whose every act is a question or a follow-up, with what became of their questions."""
    roles = credit.roles_by_person(credits)
    askers = _askers(community, (q for s in community.sessions for q in s.questions))
    only = [askers[p] for p, held in roles.items() if set(held) <= ASKING_ROLES and p in askers]
    return tuple(sorted(only, key=lambda a: a.person))


def _never_answered(community: Community, today: date) -> tuple[Asker, ...]:
    """People who asked in sessions already held and have never had an answer."""
    askers = _askers(community, (q for q, _, _ in _held(community, today)))
    never = [a for a in askers.values() if not a.answered]
    return tuple(sorted(never, key=lambda a: a.person))
