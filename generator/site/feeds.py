"""Feeds: RSS 2.0 and Atom (feedgen) and JSON Feed 1.1, for the newsletter, AMAs and each person.

Items are built once from the credit ledger, the model and the bodies' rendered fragments (the
same templates and fragments the pages are made of, never HTML cut out of a rendered page),
and shared by every feed they appear in, so an item has one id (an RFC 4151 `tag:` URI derived
from its permanent path) wherever it is read. Dates come from the content, never from the
clock, so two builds of the same content give the same bytes.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from functools import cached_property
from urllib.parse import quote, urljoin, urlsplit

from feedgen.feed import FeedGenerator
from markupsafe import Markup, escape

from polyvox import __version__
from polyvox.config import FeedOptions
from polyvox.content.model import AmaSession, Contribution, Issue, Question, link_to
from polyvox.credit import ledger as credit
from polyvox.credit.ledger import Credit, Role
from polyvox.render.fragments import Body
from polyvox.site.assemble import Assembly
from polyvox.site.bodies import Bodies, session_sections, shows_question_text
from polyvox.site.feed_rules import distinct_updates, hex_references
from polyvox.site.plan import issue_inputs, session_inputs
from polyvox.site.records import (
    Identities,
    cards,
    digest,
    piece_links,
    piece_people,
    question_people,
)
from polyvox.site.view import FEED_FILES, PERSON_FORMATS, SiteContext

CONTRIBUTOR_ROLES = (Role.TRANSLATOR, Role.REVIEWER)
"""Roles credited as contributors (Atom contributor, dc:contributor), not as authors."""
EXCERPT_LENGTH = 280


@dataclass(frozen=True)
class FeedPerson:
    """A person as a feed credits them: a name, and a profile URL unless anonymous."""

    name: str
    url: str | None


@dataclass(frozen=True)
class FeedItem:
    """One entry, the same in every feed that carries it."""

    id: str
    url: str
    title: str
    content_html: str
    summary: str
    published: datetime
    updated: datetime
    authors: tuple[FeedPerson, ...]
    contributors: tuple[FeedPerson, ...] = ()
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class ItemStub:
    """Where an item is and when it was published and updated: all that placing it in feeds
    (which items, in which order, at which distinct instant) needs; its content comes later."""

    key: tuple[str, str]
    """Its (page, anchor)."""
    id: str
    url: str
    published: datetime
    updated: datetime


@dataclass(frozen=True)
class Feed:
    """A feed: the page it follows (its folder), what it says about itself, and its items."""

    folder: str
    title: str
    description: str
    items: tuple[ItemStub, ...]
    began: datetime
    """The date of the feed while it has no item (Atom requires one, RSS's lastBuildDate must
    not say 1970): the first day the site shows, from content; see FeedBuilder.began."""
    formats: tuple[str, ...] = tuple(FEED_FILES)


def as_datetime(day: date) -> datetime:
    """A content date as an aware datetime, midnight UTC."""
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def _paragraphs(html: str) -> Iterator[str]:
    """The content of each plain paragraph as Python-Markdown writes it ('<p>...</p>', the
    fragments' own, unattributed ones), in one pass even when some are never closed."""
    at = 0
    while (start := html.find("<p>", at)) != -1 and (end := html.find("</p>", start + 3)) != -1:
        yield html[start + 3 : end]
        at = end + 4


def excerpt(html: str) -> str:
    """Plain text of a fragment's first plain paragraphs, about EXCERPT_LENGTH characters."""
    words: list[str] = []
    for paragraph in _paragraphs(html):
        words += Markup(paragraph).striptags().split()
        if len(" ".join(words)) >= EXCERPT_LENGTH:
            break
    return shorten(" ".join(words))


def shorten(text: str, limit: int = EXCERPT_LENGTH) -> str:
    """Text cut at a word boundary to at most about limit characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:.") + "…"


class FeedBuilder:
    """Builds the items of a site's feeds from its view model and its bodies' fragments, each
    item once, shared by every feed that carries it."""

    def __init__(
        self,
        site: SiteContext,
        assembly: Assembly,
        options: FeedOptions,
        ids: Identities,
        earlier: dict | None = None,
    ):
        self.earlier = earlier or {}
        """Items made by an earlier build (a live preview's), by (page, anchor, inputs)."""
        self.site = site
        self.assembly = assembly
        self.ids = ids
        self.t = site.t
        self.site_url = site.options.site_url
        self.options = options
        self._persons: dict[str, FeedPerson] = {}
        self.built: dict[tuple[str, str], FeedItem] = {}
        """Every item built so far, by (page, anchor)."""
        self._stubs: dict[tuple[str, str], ItemStub] = {}
        self._inputs: dict[tuple[str, str], str] = {}
        address = urlsplit(self.site_url)
        self._tag_prefix = (address.hostname or "", address.path or "/")

    @cached_property
    def credits_by_item(self) -> dict[tuple[str, str], list[Credit]]:
        """Credits by (page, anchor); page-level items gather every credit of their page."""
        index: dict[tuple[str, str], list[Credit]] = defaultdict(list)
        for c in self.site.credits:
            index[(c.page, c.anchor)].append(c)
            if c.anchor:
                index[(c.page, "")].append(c)
        return index

    @cached_property
    def began(self) -> datetime:
        """When the site began, as content dates it: its first visible issue or session (not
        after today); today while it shows none yet. An empty feed has not changed since."""
        community = self.site.community
        days = [i.meta.date for i in community.issues] + [s.meta.date for s in community.sessions]
        return as_datetime(min([*days, self.site.options.today]))

    @cached_property
    def issues_by_page(self) -> dict[str, Issue]:
        """Visible issues by their page."""
        return {i.page: i for i in self.site.community.issues}

    @cached_property
    def sessions_by_page(self) -> dict[str, AmaSession]:
        """Visible sessions by their page."""
        return {s.page: s for s in self.site.community.sessions}

    @cached_property
    def pieces_by_key(self) -> dict[tuple[str, str], Contribution]:
        """Visible pieces by (page, anchor)."""
        return {(c.page, c.anchor): c for i in self.site.community.issues for c in i.contributions}

    @cached_property
    def questions_by_key(self) -> dict[tuple[str, str], tuple[AmaSession, Question, int | None]]:
        """Questions and their turns by (page, anchor): (session, question, turn index)."""
        index = {}
        for page, session in self.sessions_by_page.items():
            for question in session.questions:
                index[(page, question.slug)] = (session, question, None)
                for turn_index in range(len(question.turns)):
                    index[(page, question.turn_anchor(turn_index))] = (
                        session,
                        question,
                        turn_index,
                    )
        return index

    def feeds(self) -> Iterator[Feed]:
        """The newsletter and AMA feeds, each person's feed, and tag feeds when enabled."""
        site_name = self.site.options.site_name
        issues = [self.stub(i.page) for i in self.site.community.issues]
        yield Feed(
            "",
            site_name,
            self.t("feed_newsletter", site=site_name),
            self._newest(issues, self.options.items),
            self.began,
        )
        today = self.site.options.today
        sessions = [  # once answered: an entry's id is permanent, so readers keep what they get
            self.stub(page)
            for page, s in self.sessions_by_page.items()
            if s.meta.date <= today and not s.collecting
        ]
        yield Feed(
            "ama/",
            self.t("feed_ama_title", site=site_name),
            self.t("feed_ama", site=site_name),
            self._newest(sessions, self.options.items),
            self.began,
        )
        yield from self._person_feeds(site_name)
        if self.options.tags:
            yield from self._tag_feeds(site_name)

    def _person_feeds(self, site_name: str) -> Iterator[Feed]:
        """One feed per named person who took part: the latest of what their profile lists."""
        for person_id, credits in self.site.credits_by_person.items():
            person = self.site.people[person_id]
            if person.anonymous:
                continue
            keys = dict.fromkeys((c.page, c.anchor) for c in credits)
            yield Feed(
                person.profile,
                self.t("feed_person_title", site=site_name, name=person.name),
                self.t("feed_person", site=site_name, name=person.name),
                self._newest([self.stub(*key) for key in keys], self.options.person_items),
                self.began,
                PERSON_FORMATS,
            )

    def _tag_feeds(self, site_name: str) -> Iterator[Feed]:
        """One feed per tag: the contributions that carry it."""
        for tag in self.site.tags:
            items = [self.stub(p.page, p.anchor) for p in tag.pieces]
            yield Feed(
                tag.page,
                self.t("feed_tag_title", site=site_name, tag=tag.label),
                self.t("feed_tag", site=site_name, tag=tag.label),
                self._newest(items, self.options.items),
                self.began,
                PERSON_FORMATS,
            )

    @staticmethod
    def _newest(items: list[ItemStub], limit: int) -> tuple[ItemStub, ...]:
        """Items newest first (ties in id order), at most limit of them."""
        ordered = sorted(items, key=lambda i: i.id)
        ordered.sort(key=lambda i: (i.published, i.updated), reverse=True)
        return tuple(ordered[:limit])

    def stub(self, page: str, anchor: str = "") -> ItemStub:
        """Where the item at a page or an anchor in it is, and its dates, made on first use."""
        key = (page, anchor)
        if key not in self._stubs:
            minted, published, updated = self._dates(page, anchor)
            path = link_to(page, anchor)
            host, base = self._tag_prefix
            self._stubs[key] = ItemStub(
                key,
                f"tag:{host},{minted}:{base}{path}",
                self.site_url + path,
                as_datetime(published),
                as_datetime(updated),
            )
        return self._stubs[key]

    def _dates(self, page: str, anchor: str) -> tuple[str, date, date]:
        """An item's minting date (the one its permanent path carries), its publication and
        its last significant update."""
        if page in self.issues_by_page:
            issue = self.issues_by_page[page]
            if not anchor:
                changes = [issue.meta.updated, *(c.meta.updated for c in issue.contributions)]
                updated = max([d for d in changes if d], default=issue.meta.date)
                return issue.id, issue.meta.date, updated
            piece = self.pieces_by_key[(page, anchor)]
            return issue.id, issue.meta.date, piece.meta.updated or issue.meta.date
        session = self.sessions_by_page[page]
        if not anchor:
            return session.id[:10], session.meta.date, session.meta.updated or session.meta.date
        _, question, turn_index = self.questions_by_key[(page, anchor)]
        asked = question.meta.date or session.meta.date
        when = session.meta.date if turn_index is not None else asked
        return session.id[:10], when, max(when, session.meta.updated or when)

    def item(self, page: str, anchor: str = "") -> FeedItem:
        """The one item for a page or an anchor in it, built on first use (or taken from an
        earlier build whose item had the same inputs)."""
        key = (page, anchor)
        if key not in self.built:
            known = self.earlier.get((page, anchor, self.inputs(page, anchor)))
            self.built[key] = known or self._build_item(page, anchor)
        return self.built[key]

    def made(self) -> dict:
        """Every item made or reused so far, by (page, anchor, inputs), for a later build."""
        return {(*key, self.inputs(*key)): item for key, item in self.built.items()}

    def inputs(self, page: str, anchor: str = "") -> str:
        """The digest of what an item's content is made of (see records.py)."""
        key = (page, anchor)
        if key not in self._inputs:
            self._inputs[key] = digest(*self._content_inputs(page, anchor))
        return self._inputs[key]

    def _content_inputs(self, page: str, anchor: str) -> tuple:
        """The values an item's content is quoted from."""
        site, ids = self.site, self.ids
        if not anchor and page in self.issues_by_page:
            return ("issue", issue_inputs(site, ids, self.issues_by_page[page]))
        if not anchor:
            return ("session", session_inputs(site, ids, self.sessions_by_page[page]))
        acts = self.credits_by_item.get((page, anchor), ())
        if page in self.issues_by_page:
            piece = self.pieces_by_key[(page, anchor)]
            people = cards(site, [*piece_people(piece), *(a.person for a in acts)])
            return ("piece", ids.of(piece), ids.rows(acts), people, piece_links(site, piece))
        session, question, _ = self.questions_by_key[(page, anchor)]
        people = cards(site, [*question_people(question), *(a.person for a in acts)])
        return ("question", ids.of(question), ids.of(session.meta), ids.rows(acts), people)

    def _build_item(self, page: str, anchor: str) -> FeedItem:
        """Build the item at (page, anchor) from the model object it stands for."""
        if page in self.issues_by_page:
            issue = self.issues_by_page[page]
            if not anchor:
                return self._issue_item(issue, page)
            return self._piece_item(issue, self.pieces_by_key[(page, anchor)], page)
        session = self.sessions_by_page[page]
        if not anchor:
            return self._session_item(session, page)
        return self._question_item(page, anchor)

    def _issue_item(self, issue: Issue, page: str) -> FeedItem:
        """An issue, whole, crediting its editors and every author in it."""
        return self._entry(
            page,
            "",
            title=self.t.before(
                "issue_title", issue.meta.title, number=issue.meta.number, title=issue.meta.title
            ),
            content=self._quoted(page, "issue.html.j2", {"issue": issue}),
            summary=issue.meta.summary or self._excerpt(Bodies.editorial(issue)),
        )

    def _piece_item(self, issue: Issue, piece: Contribution, page: str) -> FeedItem:
        """One contribution, with every co-author credited."""
        return self._entry(
            page,
            piece.slug,
            title=piece.meta.title,
            content=self._quoted(page, "piece", {"piece": piece}),
            summary=piece.meta.summary or self._excerpt(Bodies.piece(piece)),
            tags=(piece.meta.kind.value, *map(self.site.tags.label, piece.meta.tags)),
        )

    def _session_item(self, session: AmaSession, page: str) -> FeedItem:
        """An AMA session, whole, crediting guests, hosts, askers and answerers."""
        answered, waiting = session_sections(session)
        context = {"session": session, "answered": answered, "waiting": waiting}
        return self._entry(
            page,
            "",
            title=session.meta.title,
            content=self._quoted(page, "session.html.j2", context),
            summary=session.meta.summary or self._excerpt(Bodies.intro(session)),
        )

    def _question_item(self, page: str, anchor: str) -> FeedItem:
        """A question, or one answer or follow-up under it."""
        _, question, turn_index = self.questions_by_key[(page, anchor)]
        title = credit.question_heading(question.text)[0]  # the rest of the text is its content
        if turn_index is not None:
            kind = question.turns[turn_index].kind
            title = self.t(f"item_{kind.value}", title=credit.question_title(question.text))
        if turn_index is None:
            content = self._quoted(page, "question", {"q": question})
            body = Bodies.question(question) if shows_question_text(question) else None
        else:
            context = {"q": question, "index": turn_index}
            content = self._quoted(page, "turn", context)
            body = Bodies.turn(question, turn_index)
        return self._entry(
            page,
            anchor,
            title=title,
            content=content,
            summary=(self._excerpt(body) if body else "") or title,
            tags=tuple(question.meta.tags),
        )

    def _entry(
        self,
        page: str,
        anchor: str,
        *,
        title: str,
        content: str,
        summary: str,
        tags: tuple[str, ...] = (),
    ) -> FeedItem:
        """Assemble an item: id, URL and dates from its stub, people from the ledger."""
        stub = self.stub(page, anchor)
        credits = self.credits_by_item.get((page, anchor), [])
        return FeedItem(
            id=stub.id,
            url=stub.url,
            title=title,
            content_html=content,
            summary=summary,
            published=stub.published,
            updated=stub.updated,
            authors=self._people(c for c in credits if c.role not in CONTRIBUTOR_ROLES),
            contributors=self._people(c for c in credits if c.role in CONTRIBUTOR_ROLES),
            tags=tags,
        )

    def _people(self, credits) -> tuple[FeedPerson, ...]:
        """Each person credited, once, in role order (editors and guests before the rest)."""
        ordered = sorted(credits, key=lambda c: ROLE_ORDER.index(c.role))
        return tuple(self._person(pid) for pid in dict.fromkeys(c.person for c in ordered))

    def _person(self, person_id: str) -> FeedPerson:
        """A person as every feed item credits them, made once."""
        if person_id not in self._persons:
            p = self.site.people[person_id]
            url = None if p.anonymous else urljoin(self.site_url, p.profile)
            self._persons[person_id] = FeedPerson(p.name, url)
        return self._persons[person_id]

    def _quoted(self, page: str, template: str, context: dict) -> str:
        """An item's content: its page, or a part of it (FEED_PARTS), as a feed quotes it."""
        return self.assembly.quoted(page, template, context)

    def _excerpt(self, body: Body) -> str:
        """The first words of a body, from its fragment."""
        return excerpt(self.assembly.fragments[body].html)


ROLE_ORDER = (
    Role.EDITOR,
    Role.GUEST,
    Role.HOST,
    Role.AUTHOR,
    Role.CO_AUTHOR,
    Role.ASKER,
    Role.ANSWERER,
    Role.FOLLOW_UP,
    Role.TRANSLATOR,
    Role.REVIEWER,
)


@dataclass(frozen=True)
class PlannedFeed:
    """One feed file: where it goes, the feed (items without content, distinct instants), its
    format, and the values it is made from."""

    path: str
    feed: Feed
    fmt: str
    inputs: tuple


class FeedPlan:
    """Which items every feed holds and when each was updated, known before any content is
    quoted: feeds can be made in any order, by any process, and only those whose inputs
    changed need making."""

    def __init__(
        self,
        site: SiteContext,
        assembly: Assembly,
        options: FeedOptions,
        ids: Identities,
        earlier: dict | None = None,
    ):
        self.site, self.assembly, self.options, self.ids = site, assembly, options, ids
        self.builder = FeedBuilder(site, assembly, options, ids, earlier)
        self.feeds = tuple(self.builder.feeds())
        self.instants = distinct_updates(item for feed in self.feeds for item in feed.items)
        """Each item's distinct update instant, by id (see feed_rules.distinct_updates)."""
        self.by_path: dict[str, Feed] = {}
        """Each feed by the path of each of its files."""

    def item_keys(self, paths: Iterable[str]) -> list[tuple[str, str]]:
        """The (page, anchor) of every item the feed files at these paths hold, once each."""
        keys = (item.key for path in paths for item in self.by_path[path].items)
        return list(dict.fromkeys(keys))

    def planned(self) -> Iterator[PlannedFeed]:
        """Every feed file of the site, with its inputs."""
        inputs = self.builder.inputs
        for feed in self.feeds:
            instants = self.instants
            items = tuple(
                (item.id, item.url, item.published, instants[item.id], inputs(*item.key))
                for item in feed.items
            )
            described = (feed.folder, feed.title, feed.description, feed.began, items)
            for fmt in feed.formats:
                self.by_path[feed.folder + FEED_FILES[fmt]] = feed
                yield PlannedFeed(feed.folder + FEED_FILES[fmt], feed, fmt, (fmt, *described))

    def make(self, planned: PlannedFeed) -> bytes:
        """A feed file's bytes, its items quoted in full (each item once per process)."""
        builder = self.builder
        instants = self.instants
        items = tuple(
            replace(builder.item(*i.key), updated=instants[i.id]) for i in planned.feed.items
        )
        return RENDERERS[planned.fmt](
            planned.feed, items, self.site.options.site_url, self.site.t.language
        )


def _feed_urls(feed: Feed, site_url: str, fmt: str) -> tuple[str, str]:
    """The feed's own URL in a format, and the URL of the page it follows."""
    folder = quote(feed.folder)  # a tag's folder may hold any letter: a URL needs it encoded
    return urljoin(site_url, folder + FEED_FILES[fmt]), urljoin(site_url, folder)


def _newest_update(feed: Feed, items: tuple[FeedItem, ...]) -> datetime:
    """When the feed last changed: its newest item's update (with none, when the site began),
    never the time of the build."""
    return max((item.updated for item in items), default=feed.began)


def _generator(
    feed: Feed, items: tuple[FeedItem, ...], site_url: str, language: str, fmt: str
) -> FeedGenerator:
    """A feedgen feed for one format, entries newest first."""
    self_url, home = _feed_urls(feed, site_url, fmt)
    generator = FeedGenerator()
    generator.load_extension("dc", atom=False, rss=True)
    generator.id(self_url)  # permanent, and unique to the feed and its format
    generator.title(feed.title)
    generator.description(feed.description)
    generator.link(href=self_url, rel="self")
    generator.link(href=home, rel="alternate")  # last link added is RSS <channel><link>
    generator.language(language)
    generator.generator("Polyvox", version=__version__)
    generator.updated(_newest_update(feed, items))
    for item in items:
        _add_entry(generator, item, fmt)
    return generator


def _add_entry(generator: FeedGenerator, item: FeedItem, fmt: str = "atom") -> None:
    """Add one item; every author gets an Atom author and an RSS dc:creator. The summary is
    plain text: RSS readers read an item's description as HTML, so there it is escaped."""
    entry = generator.add_entry(order="append")
    entry.id(item.id)
    entry.title(item.title)
    entry.link(href=item.url)
    entry.published(item.published)
    entry.updated(item.updated)
    entry.content(item.content_html, type="html")
    entry.summary(str(escape(item.summary)) if fmt == "rss" else item.summary)
    for person in item.authors:
        entry.author({"name": person.name, **({"uri": person.url} if person.url else {})})
        entry.dc.dc_creator(person.name)
    for person in item.contributors:
        entry.contributor({"name": person.name, **({"uri": person.url} if person.url else {})})
        entry.dc.dc_contributor(person.name)
    for tag in item.tags:
        entry.category(term=tag)


def render_rss(feed: Feed, items: tuple[FeedItem, ...], site_url: str, language: str) -> bytes:
    """The feed as RSS 2.0."""
    generator = _generator(feed, items, site_url, language, "rss")
    return hex_references(generator.rss_str(pretty=True))


def render_atom(feed: Feed, items: tuple[FeedItem, ...], site_url: str, language: str) -> bytes:
    """The feed as Atom."""
    return _generator(feed, items, site_url, language, "atom").atom_str(pretty=True)


def render_json(feed: Feed, items: tuple[FeedItem, ...], site_url: str, language: str) -> bytes:
    """The feed as JSON Feed 1.1 (feedgen has no JSON Feed writer)."""
    self_url, home = _feed_urls(feed, site_url, "json")
    document = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": feed.title,
        "home_page_url": home,
        "feed_url": self_url,
        "description": feed.description,
        "language": language,
        "items": [_json_item(item) for item in items],
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode()


def _json_item(item: FeedItem) -> dict:
    """One JSON Feed item."""
    return {
        "id": item.id,
        "url": item.url,
        "title": item.title,
        "content_html": item.content_html,
        "summary": item.summary,
        "date_published": item.published.isoformat(),
        "date_modified": item.updated.isoformat(),
        "authors": [{"name": p.name, **({"url": p.url} if p.url else {})} for p in item.authors],
        **({"tags": list(item.tags)} if item.tags else {}),
    }


RENDERERS = {"rss": render_rss, "atom": render_atom, "json": render_json}
