"""What one email edition says, as data: the issue, its pieces, its AMA and its voices.

Built from the site's view model (people, URLs, credits, first voices) and the members' rendered
fragments; the HTML and the text editions are two renderings of this one view.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from babel.lists import format_list

from polyvox.content.model import AmaSession, Contribution, Issue, link_to
from polyvox.content.safety import guarded
from polyvox.credit.ledger import Role, question_title
from polyvox.render.fragments import Body
from polyvox.site.avatars import initials
from polyvox.site.bodies import Bodies, grouped_by_kind, session_sections
from polyvox.site.email.fragments import email_fragment, first_words
from polyvox.site.view import PersonView, SiteContext, feed_links

RenderBody = Callable[[Body], str]
"""The HTML of a body: its fragment, rendered once for the site and reused here."""
"""A member's Markdown body to its HTML fragment, rendered the way the site renders it."""


@dataclass(frozen=True)
class Addressing:
    """Who the email is from and how readers leave: what the content does not say."""

    sender: str
    reply_to: str | None = None
    list_unsubscribe: str | None = None
    contribute_url: str | None = None
    """Where members learn to contribute (the repository), when the site has one."""


@dataclass(frozen=True)
class Person:
    """A person as the email names them: linked to their profile unless anonymous."""

    name: str
    url: str | None
    initials: str


@dataclass(frozen=True)
class Link:
    """A titled absolute link."""

    title: str
    url: str


@dataclass(frozen=True)
class PieceView:
    """One piece: title, byline, labels, links to and from counterpoints, and its body."""

    title: str
    url: str
    authors: tuple[Person, ...]
    translators: tuple[Person, ...]
    reviewers: tuple[Person, ...]
    ai_label: str | None
    responds_to: Link | None
    responses: tuple[Link, ...]
    html: str
    summary: str
    shortened: bool = False

    @property
    def size(self) -> int:
        """How much its body weighs in the email, in bytes."""
        return len(self.html.encode())


@dataclass(frozen=True)
class KindGroup:
    """The pieces of one kind, under the kind's label."""

    label: str
    pieces: tuple[PieceView, ...]


@dataclass(frozen=True)
class QuestionView:
    """An AMA question: a short title, who asked, who answered."""

    title: str
    url: str
    asker: Person
    answerers: tuple[Person, ...]


@dataclass(frozen=True)
class AmaView:
    """An AMA session the issue features."""

    title: str
    url: str
    date: str
    guests: tuple[Person, ...]
    hosts: tuple[Person, ...]
    summary: str
    questions: tuple[QuestionView, ...]


@dataclass(frozen=True)
class VoiceView:
    """A person of the issue with their roles in it."""

    person: Person
    roles: str
    first: bool


@dataclass(frozen=True)
class EditionView:
    """Everything one email edition shows, every URL absolute."""

    language: str
    site_name: str
    subject: str
    heading: str
    date: str
    day: date
    url: str
    editors: tuple[Person, ...]
    editorial: str
    groups: tuple[KindGroup, ...]
    amas: tuple[AmaView, ...]
    voices: tuple[VoiceView, ...]
    first_voices: tuple[Person, ...]
    feeds: tuple[Link, ...]
    addressing: Addressing
    compact_voices: bool = False
    """The voices as lines of names and roles, not a table with initials (to fit the clip)."""
    listed: bool = False
    """Every piece listed by its title and bylines only, no summary (to fit the clip)."""
    unlinked: bool = False
    """Names in bylines and the AMA as text: each person is linked once, in the voices."""
    questions_only: bool = False
    """The AMA's questions without who asked and answered (the voices still name them)."""

    @property
    def pieces(self) -> list[PieceView]:
        """Every piece, in the order shown."""
        return [piece for group in self.groups for piece in group.pieces]

    @property
    def shortened(self) -> int:
        """How many pieces are shown by their summary only."""
        return sum(piece.shortened for piece in self.pieces)

    def first_voices_text(self) -> str:
        """The first voices' names as one list in the site's language."""
        return format_list([p.name for p in self.first_voices], locale=self.language)

    def shorten(self, piece: PieceView) -> EditionView:
        """This edition with one piece shown by its summary and a link to it."""
        short = replace(piece, html="", shortened=True)
        groups = tuple(
            replace(g, pieces=tuple(short if p is piece else p for p in g.pieces))
            for g in self.groups
        )
        return replace(self, groups=groups)


def edition_view(
    site: SiteContext, issue: Issue, *, render_body: RenderBody, addressing: Addressing
) -> EditionView:
    """The email edition of one issue, from the site's view model and the members' bodies."""
    t, url = site.t, _absolute(site)
    return EditionView(
        language=t.language,
        site_name=site.options.site_name,
        subject=t.before(
            "email_subject", issue.meta.title, site=site.options.site_name, title=issue.meta.title
        ),
        heading=t.before(
            "email_heading", issue.meta.title, number=issue.meta.number, title=issue.meta.title
        ),
        date=t.date(issue.meta.date),
        day=issue.meta.date,
        url=url(issue.page),
        editors=_people(site, issue.meta.editors),
        editorial=_fragment(site, render_body, Bodies.editorial(issue)),
        groups=tuple(_groups(site, issue, render_body)),
        amas=tuple(_ama(site, s) for s in site.community.sessions if s.meta.issue == issue.id),
        voices=tuple(_voices(site, issue)),
        first_voices=tuple(
            _person(v.person, site)
            for v in site.voices_in(issue.id)
            if v.first and not v.person.anonymous
        ),
        feeds=tuple(Link(f["label"], url(f["href"])) for f in feed_links("", "")),
        addressing=addressing,
    )


def _absolute(site: SiteContext) -> Callable[[str], str]:
    """The site's link() that insists on an absolute URL (emails have no page to resolve on)."""

    def absolute(path: str) -> str:
        link = site.link(path)
        if link is None:
            raise ValueError("the email edition needs site_url for its links")
        return link

    return absolute


def _fragment(site: SiteContext, render_body: RenderBody, body: Body) -> str:
    """A member's body as email HTML, its links resolved from the page that shows it."""
    html = render_body(body) if body.text.strip() else ""
    adapted = email_fragment(html, site_url=site.options.site_url, folder=body.page)
    where = body.source or body.page
    return guarded(adapted, source=where, output="in the email", own_site=site.options.site_url)


def _person(view: PersonView, site: SiteContext | None = None) -> Person:
    """A person of the site's view model as the email names them."""
    url = site.link(view.profile) if site and view.profile else None
    return Person(view.name, url, initials(view.name) if not view.anonymous else "?")


def _people(site: SiteContext, ids: list[str]) -> tuple[Person, ...]:
    """The people named by ids (old ids too), in that order."""
    return tuple(_person(site.people[pid], site) for pid in ids)


def _groups(site: SiteContext, issue: Issue, render_body: RenderBody):
    """The issue's pieces grouped by kind, in the order the issue page shows them."""
    for kind, pieces in grouped_by_kind(issue):
        views = tuple(_piece(site, piece, render_body) for piece in pieces)
        yield KindGroup(site.t(f"kind_{kind}"), views)


def _piece(site: SiteContext, piece: Contribution, render_body: RenderBody) -> PieceView:
    """One piece with its credits, labels and counterpoint links."""
    t, url = site.t, _absolute(site)
    html = _fragment(site, render_body, Bodies.piece(piece))
    target = site.pieces.get(piece.meta.responds_to or "")
    ai = piece.meta.ai_assistance
    return PieceView(
        title=piece.meta.title,
        url=url(link_to(piece.page, piece.anchor)),
        authors=_people(site, piece.meta.authors),
        translators=_people(site, piece.meta.translators),
        reviewers=_people(site, piece.meta.reviewers),
        ai_label=t(f"ai_{ai}") if ai else None,
        responds_to=_piece_link(site, target) if target else None,
        responses=tuple(_piece_link(site, r) for r in site.responses.get(piece.ref, [])),
        html=html,
        summary=piece.meta.summary or first_words(html),
    )


def _piece_link(site: SiteContext, piece: Contribution) -> Link:
    """A link to a piece's anchor on its issue page."""
    return Link(piece.meta.title, _absolute(site)(link_to(piece.page, piece.anchor)))


def _ama(site: SiteContext, session: AmaSession) -> AmaView:
    """An AMA session with its questions, answered ones first, and who answered each."""
    url = _absolute(site)
    answered, waiting = session_sections(session)
    questions = tuple(
        QuestionView(
            title=question_title(q.text),
            url=url(link_to(q.page, q.anchor)),
            asker=_people(site, [q.meta.asked_by])[0],
            answerers=_people(
                site, list(dict.fromkeys(t.person for t in q.turns if t.kind == "answer"))
            ),
        )
        for q in [*answered, *waiting]
    )
    return AmaView(
        title=session.meta.title,
        url=url(session.page),
        date=site.t.date(session.meta.date),
        guests=_people(site, session.meta.guests),
        hosts=_people(site, session.meta.hosts),
        summary=session.meta.summary or "",
        questions=questions,
    )


def _voices(site: SiteContext, issue: Issue):
    """Everyone who took part in the issue, with their roles in its language."""
    for voice in site.voices_in(issue.id):
        roles = ", ".join(
            site.t(f"role_{role}") + (f" ({count})" if count > 1 else "")
            for role, count in voice.roles
            if isinstance(role, Role)
        )
        yield VoiceView(_person(voice.person, site), roles, voice.first)
