"""One credit ledger: every act of every person, derived once and reused everywhere."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from functools import lru_cache

from polyvox.content.model import AmaSession, Community, Issue, Question, TurnKind


class Role(StrEnum):
    """What a person did; the values are stable names used in exports."""

    AUTHOR = "author"
    CO_AUTHOR = "co-author"
    EDITOR = "editor"
    GUEST = "guest"
    HOST = "host"
    ASKER = "asker"
    ANSWERER = "answerer"
    FOLLOW_UP = "follow-up"
    TRANSLATOR = "translator"
    REVIEWER = "reviewer"

    @property
    def emoji(self) -> str:
        """The emoji shown next to the role's name."""
        return ROLE_SPECS[self].emoji

    @property
    def all_contributors(self) -> str | None:
        """The all-contributors contribution key for this role, if that spec has one."""
        return ROLE_SPECS[self].all_contributors

    @property
    def export_key(self) -> str:
        """The key this role takes in an .all-contributorsrc: the spec's own, or a custom one."""
        return ROLE_SPECS[self].all_contributors or ROLE_SPECS[self].custom_key


@dataclass(frozen=True)
class RoleSpec:
    """How a role is documented: its emoji and its place in the all-contributors spec."""

    emoji: str
    all_contributors: str | None = None
    """The all-contributors key when one means this act (its `question` means answering)."""
    custom_key: str = ""
    """For roles the spec lacks: the custom type declared under `types` in the export."""


ROLE_SPECS: dict[Role, RoleSpec] = {
    Role.AUTHOR: RoleSpec("✍️", "content"),
    Role.CO_AUTHOR: RoleSpec("🤝", "content"),
    Role.EDITOR: RoleSpec("📰", custom_key="issueEditing"),
    Role.GUEST: RoleSpec("🎤", "talk"),
    Role.HOST: RoleSpec("📋", "eventOrganizing"),
    Role.ASKER: RoleSpec("❓", custom_key="asking"),
    Role.ANSWERER: RoleSpec("💬", "question"),
    Role.FOLLOW_UP: RoleSpec("↩️", custom_key="followUp"),
    Role.TRANSLATOR: RoleSpec("🌍", "translation"),
    Role.REVIEWER: RoleSpec("👀", "review"),
}
"""Every role's documented emoji and all-contributors key, in the order pages list roles."""


@dataclass(frozen=True, order=True)
class Credit:
    """One act: who did what, where it lives (page and anchor), when, and in which issue."""

    date: date
    person: str
    role: Role
    page: str
    anchor: str
    title: str
    issue: str | None


def visible(community: Community, *, drafts: bool, today: date) -> Community:
    """The community a reader may see: no drafts or future items unless `drafts`, and no act
    counted before its day (a session collecting questions credits its guests once held)."""
    if drafts:
        return community
    issues = tuple(i for i in community.issues if i.public_on(today))
    shown_issues = {i.id for i in issues}
    sessions = tuple(
        _session_as_of(s, today, shown_issues) for s in community.sessions if s.public_on(today)
    )
    return replace(community, issues=issues, sessions=sessions, as_of=today)


def _session_as_of(session: AmaSession, today: date, shown_issues: set[str]) -> AmaSession:
    """A session as readers see it on `today`: questions asked by then, and the issue featuring
    it only if that issue is shown."""
    questions = tuple(q for q in session.questions if asked_on(q, session) <= today)
    if session.meta.issue and session.meta.issue not in shown_issues:
        session = replace(session, meta=session.meta.model_copy(update={"issue": None}))
    return replace(session, questions=questions)


def asked_on(question: Question, session: AmaSession) -> date:
    """The day a question was asked: its own date, or else the session's."""
    return question.meta.date or session.meta.date


def ledger(community: Community) -> tuple[Credit, ...]:
    """Every credit in the community, sorted by date, with old ids resolved.

    A credit is one person in one role on one item, each turn of an AMA thread being an item of
    its own; an act dated after the community's `as_of` day is not counted yet; each is counted
    once, so a piece signed with an old and a current id of the same
    person credits them once.
    """
    credits = [
        *_remembered(community.issues, _issue_credits),
        *_remembered(community.sessions, _session_credits),
    ]
    if community.as_of is not None:
        credits = [c for c in credits if c.date <= community.as_of]
    aliases = community.aliases
    resolved = {replace(c, person=aliases[c.person]) if c.person in aliases else c for c in credits}
    return tuple(sorted(resolved, key=_order))


_CREDITS_OF: dict[int, tuple[object, tuple[Credit, ...]]] = {}
"""The credits of each issue and session object seen by the last ledgers, by object: a live
preview keeps unchanged issues as they were, and so their credits."""


def _remembered(items: tuple, credits_of) -> list[Credit]:
    """The credits of each issue (or session), made once per object."""
    made = []
    for item in items:
        known = _CREDITS_OF.get(id(item))
        if known is None or known[0] is not item:
            known = _CREDITS_OF[id(item)] = (item, tuple(credits_of((item,))))
        made += known[1]
    if len(_CREDITS_OF) > 4 * (len(items) + 64):  # old objects: forget them
        alive = {id(item) for item in items}
        for key in [key for key in _CREDITS_OF if key not in alive]:
            del _CREDITS_OF[key]
    return made


def _order(credit: Credit) -> tuple:
    """A credit's place in the ledger: the order of its fields, compared once as a tuple."""
    return (
        credit.date,
        credit.person,
        credit.role,
        credit.page,
        credit.anchor,
        credit.title,
        credit.issue,
    )


def _issue_credits(issues: tuple[Issue, ...]) -> Iterator[Credit]:
    """Editors of each issue, and authors, co-authors, translators, reviewers of its pieces."""
    for issue in issues:
        page, when = issue.page, issue.meta.date
        for person in issue.meta.editors:
            yield Credit(when, person, Role.EDITOR, page, "", issue.meta.title, issue.id)
        for piece in issue.contributions:
            meta = piece.meta
            for index, person in enumerate(meta.authors):
                role = Role.AUTHOR if index == 0 else Role.CO_AUTHOR
                yield Credit(when, person, role, page, piece.slug, meta.title, issue.id)
            for person in meta.translators:
                yield Credit(when, person, Role.TRANSLATOR, page, piece.slug, meta.title, issue.id)
            for person in meta.reviewers:
                yield Credit(when, person, Role.REVIEWER, page, piece.slug, meta.title, issue.id)


def _session_credits(sessions: tuple[AmaSession, ...]) -> Iterator[Credit]:
    """Guests and hosts of each session, and askers, answerers and follow-ups of questions."""
    for session in sessions:
        page, when, issue = session.page, session.meta.date, session.meta.issue
        title = session.meta.title
        for person in session.meta.guests:
            yield Credit(when, person, Role.GUEST, page, "", title, issue)
        for person in session.meta.hosts:
            yield Credit(when, person, Role.HOST, page, "", title, issue)
        for question in session.questions:
            asked = asked_on(question, session)
            summary = question_title(question.text)
            yield Credit(
                asked, question.meta.asked_by, Role.ASKER, page, question.slug, summary, issue
            )
            for index, turn in enumerate(question.turns):
                role = Role.ANSWERER if turn.kind is TurnKind.ANSWER else Role.FOLLOW_UP
                anchor = question.turn_anchor(index)
                yield Credit(when, turn.person, role, page, anchor, summary, issue)


QUOTE_PAIRS = (("«", "»"), ("\u201c", "\u201d"), ("\u2018", "\u2019"))
"""Opening and closing quotes a cut title must not leave open."""


@lru_cache(maxsize=65_536)
def question_title(text: str, limit: int = 90) -> str:
    """A short title for a question: its first paragraph on one line, cut at a word boundary,
    never inside quotes (a cut before a quotation closes leaves the quotation out)."""
    first = as_plain(PARAGRAPH_END.split(text.strip(), 1)[0])
    if len(first) <= limit:
        return first
    cut = first[: limit + 1].rsplit(" ", 1)[0] if " " in first[: limit + 1] else first[:limit]
    return _outside_quotes(cut).rstrip(" ,;:(" + "".join(o for o, _ in QUOTE_PAIRS)) + "…"


PARAGRAPH_END = re.compile(r"\n[ \t]*\n")
WIDE_STOPS = "\u3002\uff1f\uff01"
"""The full stop, question and exclamation marks of Chinese and Japanese (no space after)."""
SENTENCE_END = re.compile(rf"[.?!…][\"'\u201d\u2019»)]*\s+|[{WIDE_STOPS}]")
"""The end of a sentence: its stop, any closing quote, the space after it (none in CJK)."""
OPENING = "\"'\u201c\u2018«¿¡("
MARKUP = ("](", "]:", "`", "<")
"""What a link, an image, code or HTML is written with: a heading (plain text) would lose it."""


@lru_cache(maxsize=65_536)
def question_heading(text: str) -> tuple[str, str]:
    """A question as its page shows it: its first sentence on one line as the heading, whole,
    and the rest of its text to read below it ('' when the heading says it all), so nothing is
    cut or said twice; a first paragraph with no sentence end is the heading as a whole. When
    that sentence holds a link, an image, code or HTML, the whole text is read below it."""
    paragraph, *others = PARAGRAPH_END.split(text.strip(), 1)
    heading, rest = paragraph, ""
    for end in SENTENCE_END.finditer(paragraph):
        following = paragraph[end.end() :].lstrip(OPENING)[:1]
        if following.isupper() or (end[0][0] in WIDE_STOPS and following):
            heading, rest = paragraph[: end.end()], paragraph[end.end() :].strip()
            break
    if any(mark in heading for mark in MARKUP):
        return as_plain(heading), text.strip()
    return " ".join(heading.split()), "\n\n".join(p.strip() for p in (rest, *others) if p.strip())


INLINE_MARKUP = re.compile(
    r"!?\[([^\[\]]*)\]\([^()]*\)"  # a link or an image: its text or alt
    r"|!?\[([^\[\]]*)\]\[[^\[\]]*\]"  # a link or an image by reference
    r"|`+([^`]*)`+"  # code: as written
    r"|</?[A-Za-z][^<>]*>"  # an HTML tag: left out
)
"""Inline Markdown that a plain title shows as its text (each part scanned once: linear)."""


def as_plain(line: str) -> str:
    """A line of inline Markdown as a reader sees its words: a link as its text, an image as
    its alt, code as written, HTML tags left out (for headings and titles, which are text)."""
    return " ".join(INLINE_MARKUP.sub(lambda m: m[1] or m[2] or m[3] or "", line).split())


def _outside_quotes(text: str) -> str:
    """text up to its first quotation left open, if any (straight double quotes counted too)."""
    opened = [text.rfind(o) for o, c in QUOTE_PAIRS if text.count(o) > text.count(c)]
    if text.count('"') % 2:
        opened.append(text.rfind('"'))
    return text[: min(opened)] if opened else text


def by_person(credits: tuple[Credit, ...]) -> dict[str, list[Credit]]:
    """Credits grouped by person, each list in date order."""
    grouped: dict[str, list[Credit]] = defaultdict(list)
    for credit in credits:
        grouped[credit.person].append(credit)
    return dict(grouped)


def by_issue(credits: Iterable[Credit]) -> dict[str, list[Credit]]:
    """Credits grouped by the issue they belong to (AMA credits by the issue featuring them)."""
    grouped: dict[str, list[Credit]] = defaultdict(list)
    for credit in credits:
        if credit.issue:
            grouped[credit.issue].append(credit)
    return dict(grouped)


def by_page(credits: Iterable[Credit]) -> dict[str, list[Credit]]:
    """Credits grouped by the page that shows the act, each list in date order."""
    grouped: dict[str, list[Credit]] = defaultdict(list)
    for credit in credits:
        grouped[credit.page].append(credit)
    return dict(grouped)


def debuts(credits: Iterable[Credit]) -> dict[str, Credit]:
    """Each person's first credit: the earliest, and on a tie one inside an issue first."""
    first: dict[str, Credit] = {}
    for credit in credits:
        known = first.get(credit.person)
        if known is None or _debut_key(credit) < _debut_key(known):
            first[credit.person] = credit
    return first


def _debut_key(credit: Credit) -> tuple:
    """Order of credits when choosing a debut: date, then issue credits, then the ledger order."""
    return (credit.date, credit.issue is None, credit.issue or "", credit)


def first_voices(credits: Iterable[Credit]) -> dict[str, set[str]]:
    """For each issue, the people whose first credit anywhere belongs to it."""
    firsts: dict[str, set[str]] = defaultdict(set)
    for person, credit in debuts(credits).items():
        if credit.issue:
            firsts[credit.issue].add(person)
    return dict(firsts)


def first_appearances(firsts: dict[str, Credit]) -> dict[str, date]:
    """The date each person first took part, from their first credits (see `debuts`)."""
    return {person: credit.date for person, credit in firsts.items()}


def roles_by_person(credits: Iterable[Credit]) -> dict[str, dict[Role, int]]:
    """For each person, how many credits they hold in each role, roles in documented order."""
    counts: dict[str, dict[Role, int]] = defaultdict(lambda: dict.fromkeys(Role, 0))
    for credit in credits:
        counts[credit.person][credit.role] += 1
    return {p: {r: n for r, n in roles.items() if n} for p, roles in counts.items()}
