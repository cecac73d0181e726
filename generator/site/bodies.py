"""The one place that says which body is shown where, and the orders pages list things in.

Every member-written body (a piece, an editorial, an intro, a question, a turn, a bio, a free
page) is rendered once; a body's place (page, folder, anchor, heading level) is part of what it
is rendered from, so it is named here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Iterator

from polyvox.content.model import (
    AmaSession,
    Community,
    Contribution,
    Contributor,
    Issue,
    Page,
    Question,
)
from polyvox.content.schema import ContributionKind
from polyvox.credit import ledger as credit
from polyvox.render.fragments import Body


class Bodies:
    """The body of each kind of thing, at the place the site shows it."""

    @staticmethod
    def piece(piece: Contribution) -> Body:
        """A contribution's body, under its heading on its issue page."""
        return Body(piece.body, piece.page, anchor=piece.anchor, under=3, source=piece.source)

    @staticmethod
    def editorial(issue: Issue) -> Body:
        """An issue's editorial, at the top of its page."""
        return Body(issue.editorial, issue.page, source=issue.source)

    @staticmethod
    def intro(session: AmaSession) -> Body:
        """A session's introduction, at the top of its page."""
        return Body(session.intro, session.page, source=session.source)

    @staticmethod
    def question(question: Question) -> Body:
        """The rest of a question's text, shown under its heading (its first sentence)."""
        shown = credit.question_heading(question.text)[1]
        return Body(
            shown, question.page, question.folder, question.anchor, under=3, source=question.source
        )

    @staticmethod
    def turn(question: Question, index: int) -> Body:
        """One answer or follow-up under its question."""
        turn = question.turns[index]
        anchor = question.turn_anchor(index)
        return Body(
            turn.body, question.page, question.folder, anchor, under=3, source=question.source
        )

    @staticmethod
    def bio(person: Contributor) -> Body:
        """A contributor's bio, on their profile."""
        return Body(person.bio, person.page, "contributors/", source=person.source)

    @staticmethod
    def page(page: Page) -> Body:
        """A free page, as written (its own headings, its own title)."""
        return Body(page.body, page.page, "pages/", under=0, source=page.source)


def shows_question_text(question: Question) -> bool:
    """Whether a question's page shows text below its heading (when it has more than one
    sentence, or its first holds what a heading cannot)."""
    return bool(credit.question_heading(question.text)[1])


def all_bodies(community: Community) -> Iterator[Body]:
    """Every body the site shows, for rendering them all at once before any page is made."""
    for issue in community.issues:
        yield Bodies.editorial(issue)
        yield from (Bodies.piece(piece) for piece in issue.contributions)
    for session in community.sessions:
        yield Bodies.intro(session)
        for question in session.questions:
            if shows_question_text(question):
                yield Bodies.question(question)
            yield from (Bodies.turn(question, i) for i in range(len(question.turns)))
    for person in community.contributors.values():
        if not person.meta.anonymous:
            yield Bodies.bio(person)
    yield from (Bodies.page(page) for page in community.pages)


def grouped_by_kind(issue: Issue) -> list[tuple[ContributionKind, list[Contribution]]]:
    """An issue's pieces grouped by kind in the documented order, then by order and slug."""
    groups = []
    for kind in ContributionKind:
        pieces = [c for c in issue.contributions if c.meta.kind is kind]
        pieces.sort(key=lambda c: (c.meta.order is None, c.meta.order or 0, c.slug))
        if pieces:
            groups.append((kind, pieces))
    return groups


def session_sections(session: AmaSession) -> tuple[list[Question], list[Question]]:
    """A session's answered and unanswered questions, each in slug order."""
    ordered = sorted(session.questions, key=lambda q: (q.meta.date or session.meta.date, q.slug))
    return [q for q in ordered if q.answered], [q for q in ordered if not q.answered]
