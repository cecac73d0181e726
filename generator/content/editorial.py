"""Rules of the editor's month: empty pieces, drafts and sessions left behind, numbering gaps.

Rules that depend on the day take `today`; rules about pieces a member is adding take `added`,
the content files new in this change (found at the edges, from git), since a file alone cannot
say when it arrived.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from itertools import pairwise

from polyvox.content.model import Community
from polyvox.content.problems import Problem, error, warning
from polyvox.content.reader import RawDocument
from polyvox.i18n.phrases import Phrase, phrase

OPENED_AND_CLOSED = ("<!-->", "<!--->")
"""Comment openers browsers end at once: text here (the safety checks have their own words)."""


def editorial_rules(
    community: Community,
    docs: dict[str, RawDocument],
    *,
    today: date | None = None,
    added: frozenset[str] = frozenset(),
    numbering_known: bool = True,
) -> list[Problem]:
    """Every rule of this module; the dated ones only when `today` is given, the numbering
    gaps only when every issue's number is known (an index.md with an error has none)."""
    problems = [
        *_empty_pieces(community, docs),
        *_responses_to_drafts(community, docs),
        *(_numbering_gaps(community, docs) if numbering_known else ()),
        *_pieces_added_to_published(community, docs, added),
        *_questions_after_their_session(community, docs),
    ]
    if today is not None:
        problems += [*_drafts_past_their_date(community, docs, today)]
        problems += [*_sessions_still_collecting(community, docs, today)]
        problems += [*_undated_questions_before_the_day(community, today)]
    return problems


def is_empty(body: str) -> bool:
    """Whether a body holds nothing a reader would see: only comments and blank space."""
    return not _without_comments(body).strip()


def _without_comments(body: str) -> str:
    """A body without its well-formed HTML comments (one never closed is text), in one pass:
    a pattern's lazy search would rescan the rest of the body from every unclosed '<!--'."""
    kept, at = [], 0
    while (start := body.find("<!--", at)) != -1:
        end = -1 if body.startswith(OPENED_AND_CLOSED, start) else body.find("-->", start + 4)
        if end == -1:
            kept.append(body[at : start + 4])  # text, and the search goes on after it
            at = start + 4
            continue
        kept.append(body[at:start])
        at = end + 3
    return "".join([*kept, body[at:]])


def _empty_pieces(community: Community, docs: dict[str, RawDocument]) -> Iterator[Problem]:
    """A piece must have text: one holding only the template's comment would be published blank."""
    for issue in community.issues:
        for piece in issue.contributions:
            raw = docs[piece.source]
            if is_empty(raw.body):
                yield error(piece.source, _first_line_of(raw), phrase("piece_empty"))


def _first_line_of(raw: RawDocument) -> int | None:
    """The line of a body's first non-blank line (its placeholder comment); None if blank."""
    lines = raw.body.splitlines()
    return next((raw.body_line + n for n, text in enumerate(lines) if text.strip()), None)


def _responses_to_drafts(community: Community, docs: dict[str, RawDocument]) -> Iterator[Problem]:
    """A published piece answering a piece of a draft would lose its 'Responds to' line."""
    drafts = {c.ref: i.id for i in community.issues if not i.published for c in i.contributions}
    for issue in community.issues:
        if not issue.published:
            continue
        for piece in issue.contributions:
            target = piece.meta.responds_to
            if target in drafts:
                yield warning(
                    piece.source,
                    docs[piece.source].line_of("responds_to"),
                    phrase("responds_to_draft", target=target, issue=drafts[target]),
                )


def _numbering_gaps(community: Community, docs: dict[str, RawDocument]) -> Iterator[Problem]:
    """Issue numbers run without gaps, or the archive reads 1, 2, 3, 5."""
    numbered = sorted(community.issues, key=lambda i: (i.meta.number, i.id))
    for before, issue in pairwise(numbered):
        expected = before.meta.number + 1
        if issue.meta.number > expected:
            yield warning(
                issue.source,
                docs[issue.source].line_of("number"),
                phrase(
                    "number_gap",
                    number=issue.meta.number,
                    before=before.meta.number,
                    source=before.source,
                    skipped=_skipped(expected, issue.meta.number),
                    expected=expected,
                ),
            )


def _skipped(first: int, stop: int) -> Phrase | str:
    """The numbers from first up to stop (excluded), as 'n' or 'n to m'."""
    return (
        str(first) if stop - first == 1 else phrase("numbers_from_to", first=first, last=stop - 1)
    )


def _pieces_added_to_published(
    community: Community, docs: dict[str, RawDocument], added: frozenset[str]
) -> Iterator[Problem]:
    """A new piece in an issue already published reaches no subscriber: it belongs in the open
    issue."""
    open_issue = community.open_issue
    go = (
        phrase("piece_move_to_open", issue=open_issue.id)
        if open_issue
        else phrase("ask_editors_which_issue")
    )
    for issue in community.issues:
        if not issue.published or issue.source in added:  # a new issue brings its pieces
            continue
        for piece in issue.contributions:
            if piece.source in added:
                yield warning(
                    piece.source,
                    1,
                    phrase("piece_in_published", issue=issue.id, date=issue.meta.date, go=go),
                )


def _questions_after_their_session(
    community: Community, docs: dict[str, RawDocument]
) -> Iterator[Problem]:
    """A question dated after the session that answered it is listed after those answers,
    and its asker's feed shows the follow-ups to it before it."""
    for session in community.sessions:
        if session.collecting:
            continue
        for question in session.questions:
            asked = question.meta.date
            if asked is not None and asked > session.meta.date and question.turns:
                yield warning(
                    question.source,
                    docs[question.source].line_of("date"),
                    phrase("question_after_session", asked=asked, held=session.meta.date),
                )


def _drafts_past_their_date(
    community: Community, docs: dict[str, RawDocument], today: date
) -> Iterator[Problem]:
    """A draft whose publication date has passed was probably forgotten."""
    for issue in community.issues:
        if not issue.published and issue.meta.date < today:
            yield warning(
                issue.source,
                docs[issue.source].line_of("status"),
                phrase("draft_past_date", date=issue.meta.date),
            )


def _sessions_still_collecting(
    community: Community, docs: dict[str, RawDocument], today: date
) -> Iterator[Problem]:
    """A session whose day has passed should not still say it collects questions."""
    for session in community.sessions:
        if session.collecting and session.meta.date < today:
            yield warning(
                session.source,
                docs[session.source].line_of("status"),
                phrase("session_still_collecting", date=session.meta.date),
            )


def _undated_questions_before_the_day(community: Community, today: date) -> Iterator[Problem]:
    """A question with no date counts from its session's day, so a session collecting
    questions would not show it until then."""
    for session in community.sessions:
        if not session.collecting or session.meta.date <= today:
            continue
        for question in session.questions:
            if question.meta.date is None:
                yield warning(
                    question.source,
                    1,
                    phrase("question_undated", held=session.meta.date, today=today.isoformat()),
                )
