"""Anchors that links name, checked against the ids their page really has.

A heading's id is made by the site's own Markdown setup (its toc extension and slug function),
after the anchor of its item for a piece or a question (`#piece-how-it-works`), so ids are
known only by rendering. `polyvox check` renders the bodies of the few pages that links with
an anchor lead to, with the renderer the site uses, and names the headings there are. Anchors
land where polyvox.render.fragments.site_href points them.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property

from polyvox.content.layout import address_of, item_anchor
from polyvox.content.model import AmaSession, Community, Issue
from polyvox.content.problems import Problem, error
from polyvox.content.targets import Anchored
from polyvox.credit.ledger import Role, question_heading
from polyvox.i18n.phrases import Phrase, phrase
from polyvox.render.fragments import Body, Renderer

LISTED = 6
"""How many of a target's headings a message lists when none is close to what was written."""


@dataclass(frozen=True)
class Shown:
    """One body as a page shows it: the file it comes from, its text, the item its headings'
    ids start with, and the line of the file it starts on (a turn starts at its marker)."""

    source: str
    text: str
    item: str = ""
    line: int = 0


@dataclass(frozen=True)
class ContentPage:
    """A page that shows members' bodies, and the ids it has besides their headings."""

    bodies: tuple[Shown, ...]
    fixed: frozenset[str] = frozenset()


def anchor_problems(
    community: Community, anchored: Iterable[Anchored], renderer: Renderer
) -> list[Problem]:
    """Each link whose anchor is not an id of the page it leads to, with the one meant."""
    ids = _Ids(dict(content_pages(community)), renderer)
    problems = []
    for link in anchored:
        landing = ids.landing(link)
        if landing is None:
            continue  # a page the site makes itself, a feed, an image: its ids are not known
        page, wanted, item = landing
        if wanted not in ids.of_page(page):
            hint = _hint(link.anchor, ids.of_page(page), item)
            values = {"url": link.url, "anchor": link.anchor, "hint": hint}
            if link.target is None:
                problem = phrase("anchor_missing_here", **values)
            else:
                problem = phrase("anchor_missing", where=_name(link), **values)
            problems.append(error(link.source, link.line, problem))
    return problems


def _name(link: Anchored) -> str:
    """What a message calls the file or page a link leads to."""
    if link.target.kind == "file":
        return f"{link.source.partition('/')[0]}/{link.target.path}"
    return f"/{link.target.path}"


def _hint(anchor: str, ids: frozenset[str], item: str) -> Phrase:
    """The anchor most likely meant, or the anchors there are, as a member would write them."""
    written = sorted({_as_written(i, item) for i in ids if not item or i.startswith(item)})
    close = difflib.get_close_matches(anchor, written, 1, 0.6)
    if close:
        return phrase("did_you_mean", meant=f"#{close[0]}")
    headings = [w for w in written if w != item]
    if not headings:
        return phrase("anchor_no_headings", anchor=anchor)
    more = ", ..." if len(headings) > LISTED else ""
    return phrase("anchor_headings", headings=", ".join(f"#{w}" for w in headings[:LISTED]) + more)


def _as_written(anchor_id: str, item: str) -> str:
    """An id as a member writes it after a file's name: without its item's anchor in front,
    unless the rest would be read as another id ('#piece-x' for a heading 'Piece x')."""
    if not item or not anchor_id.startswith(f"{item}-"):
        return anchor_id
    short = anchor_id[len(item) + 1 :]
    return anchor_id if short.startswith(f"{item}-") else short


class _Ids:
    """The ids of the content pages links lead to, each page rendered once, on demand."""

    def __init__(self, pages: dict[str, ContentPage], renderer: Renderer):
        self.pages = pages
        self.renderer = renderer
        self._rendered: dict[str, dict[Shown, frozenset[str]]] = {}

    @cached_property
    def page_of(self) -> dict[str, str]:
        """The page each file's body is shown on."""
        return {shown.source: url for url, page in self.pages.items() for shown in page.bodies}

    def landing(self, link: Anchored) -> tuple[str, str, str] | None:
        """(page, id it lands on, item whose ids a hint lists) for a link, or None when the
        page is not one of content (its ids are the site's own)."""
        if link.target is None:
            page = self.page_of.get(link.source)
            if page is None:
                return None
            body = self.body_at(page, link.source, link.line)
            own = item_anchor(body.item, link.anchor)
            return page, own if own in self.of_body(page, body) else link.anchor, ""
        if link.target.kind == "file":
            address = address_of(link.target.path) or ""
        elif link.target.kind == "page":
            address = link.target.path
        else:
            return None
        page, _, item = address.partition("#")
        if page not in self.pages:
            return None
        return page, item_anchor(item, link.anchor), item

    def body_at(self, page: str, source: str, line: int) -> Shown:
        """The body of a file that a line belongs to (a question's turns start at their marker)."""
        bodies = [shown for shown in self.pages[page].bodies if shown.source == source]
        starting = [shown for shown in bodies if shown.line <= line]
        return (starting or bodies)[-1]

    def of_page(self, page: str) -> frozenset[str]:
        """Every id of a content page: its items' anchors, its bodies' headings, its own."""
        rendered = self._render(page)
        items = {shown.item for shown in rendered if shown.item}
        return self.pages[page].fixed | items | frozenset().union(*rendered.values())

    def of_body(self, page: str, body: Shown) -> frozenset[str]:
        """The ids of one body's headings."""
        return self._render(page)[body]

    def _render(self, page: str) -> dict[Shown, frozenset[str]]:
        """The heading ids of each body of a page, rendered as the site renders them."""
        if page not in self._rendered:
            shown = self.pages[page].bodies
            bodies = {s: Body(s.text, page, anchor=s.item) for s in shown}
            fragments = self.renderer.render(bodies.values())
            self._rendered[page] = {
                s: frozenset(i for _, i, _ in fragments[body].headings)
                for s, body in bodies.items()
            }
        return self._rendered[page]


def content_pages(community: Community) -> Iterator[tuple[str, ContentPage]]:
    """Each page that shows members' bodies, with those bodies (the ones the site renders
    there: polyvox.site.bodies.all_bodies) and the ids its template gives it."""
    for issue in community.issues:
        bodies = [Shown(issue.source, issue.editorial)]
        bodies += [Shown(p.source, p.body, p.anchor) for p in issue.contributions]
        yield issue.page, ContentPage(tuple(bodies), _issue_ids(community, issue))
    for session in community.sessions:
        bodies = [Shown(session.source, session.intro), *_question_bodies(session)]
        yield session.page, ContentPage(tuple(bodies))
    roles = frozenset(f"role-{role}" for role in Role)
    for person in community.contributors.values():
        if not person.meta.anonymous:
            yield person.page, ContentPage((Shown(person.source, person.bio),), roles)
    for page in community.pages:
        yield page.page, ContentPage((Shown(page.source, page.body),))


def _issue_ids(community: Community, issue: Issue) -> frozenset[str]:
    """Ids an issue page has besides its bodies': its AMA and voices sections."""
    featured = {f"ama-{s.id}" for s in community.sessions if s.meta.issue == issue.id}
    return frozenset({"_ama", "_voices", *featured})


def _question_bodies(session: AmaSession) -> Iterator[Shown]:
    """A session's questions as its page shows them: the text below each heading, each turn."""
    for question in session.questions:
        yield Shown(question.source, question_heading(question.text)[1], question.slug)
        for index, turn in enumerate(question.turns):
            yield Shown(question.source, turn.body, question.turn_anchor(index), turn.line)
