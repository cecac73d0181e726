"""Feeds: RSS 2.0 and Atom (feedgen) and JSON Feed 1.1, for the newsletter, AMAs and each person.

Items are built once from the credit ledger, the model and the bodies' rendered fragments (the
same templates and fragments the pages are made of, never HTML cut out of a rendered page),
and shared by every feed they appear in, so an item has one id (an RFC 4151 `tag:` URI derived
from its permanent path) wherever it is read. Dates come from the content, never from the
clock, so two builds of the same content give the same bytes.
"""

from __future__ import annotations

import json
import multiprocessing
import os
from collections import defaultdict
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from functools import cached_property
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

from feedgen.feed import FeedGenerator
from markupsafe import Markup, escape

from polyvox import __version__
from polyvox.config import FeedOptions
from polyvox.content.model import AmaSession, Contribution, Issue, Question, link_to
from polyvox.credit import ledger as credit
from polyvox.credit.ledger import Credit, Role
from polyvox.render.fragments import Body
from polyvox.site.feed_rules import distinct_updates, hex_references
from polyvox.site.pages import Assembly, Bodies, SiteTree, session_sections, shows_question_text
from polyvox.site.view import FEED_FILES, PERSON_FORMATS, SiteContext

CONTRIBUTOR_ROLES = (Role.TRANSLATOR, Role.REVIEWER)
"""Roles credited as contributors (Atom contributor, dc:contributor), not as authors."""
EXCERPT_LENGTH = 280
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
"""The updated date of a feed with no items: fixed, so an empty feed is reproducible too."""


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
class Feed:
    """A feed: the page it follows (its folder), what it says about itself, and its items."""

    folder: str
    title: str
    description: str
    items: tuple[FeedItem, ...]
    formats: tuple[str, ...] = tuple(FEED_FILES)


def as_datetime(day: date) -> datetime:
    """A content date as an aware datetime, midnight UTC."""
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def tag_uri(site_url: str, minted: str, path: str) -> str:
    """An RFC 4151 tag URI for a permanent site path, e.g. tag:example.org,2026-09:/issues/.

    `minted` is the date the path itself carries (an issue's month, a session's day), so the
    id never changes when the content is edited.
    """
    absolute = urlsplit(urljoin(site_url, path))
    fragment = f"#{absolute.fragment}" if absolute.fragment else ""
    return f"tag:{absolute.hostname},{minted}:{absolute.path}{fragment}"


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
    """Builds every feed of a site from its view model and the fragments of its bodies."""

    def __init__(
        self,
        site: SiteContext,
        assembly: Assembly,
        options: FeedOptions,
        only: set[str] | None = None,
        *,
        quote: bool = True,
    ):
        self.site = site
        self.assembly = assembly
        self.only = only
        """The pages that changed: only the feeds with an item on one of them are made."""
        self.quote = quote
        """Whether items carry their content; without it, which items a feed holds, and
        when each was updated, are known at a fraction of the cost."""
        self.t = site.t
        self.site_url = site.options.site_url
        self.options = options
        self._persons: dict[str, FeedPerson] = {}
        self.built: dict[tuple[str, str], FeedItem] = {}
        """Every item built so far, by (page, anchor)."""

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
    def issues_by_page(self) -> dict[str, Issue]:
        """Visible issues by their page."""
        return {i.page: i for i in self.site.community.issues}

    @cached_property
    def sessions_by_page(self) -> dict[str, AmaSession]:
        """Visible sessions by their page."""
        return {s.page: s for s in self.site.community.sessions}

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
        if self._wanted(self.issues_by_page):
            issues = [self.item(i.page) for i in self.site.community.issues]
            yield Feed(
                "",
                site_name,
                self.t("feed_newsletter", site=site_name),
                self._newest(issues, self.options.items),
            )
        today = self.site.options.today
        if self._wanted(self.sessions_by_page):
            sessions = [  # once answered: an entry's id is permanent, so readers keep what they get
                self.item(page)
                for page, s in self.sessions_by_page.items()
                if s.meta.date <= today and not s.collecting
            ]
            yield Feed(
                "ama/",
                self.t("feed_ama_title", site=site_name),
                self.t("feed_ama", site=site_name),
                self._newest(sessions, self.options.items),
            )
        yield from self._person_feeds(site_name)
        if self.options.tags:
            yield from self._tag_feeds(site_name)

    def _person_feeds(self, site_name: str) -> Iterator[Feed]:
        """One feed per named person who took part: everything their profile lists."""
        for person_id, credits in self.site.credits_by_person.items():
            person = self.site.people[person_id]
            if person.anonymous or not self._wanted(c.page for c in credits):
                continue
            keys = dict.fromkeys((c.page, c.anchor) for c in credits)
            yield Feed(
                person.profile,
                self.t("feed_person_title", site=site_name, name=person.name),
                self.t("feed_person", site=site_name, name=person.name),
                self._newest([self.item(*key) for key in keys], self.options.person_items),
                PERSON_FORMATS,
            )

    def _tag_feeds(self, site_name: str) -> Iterator[Feed]:
        """One feed per tag: the contributions that carry it."""
        for tag in self.site.tags:
            if not self._wanted(p.page for p in tag.pieces):
                continue
            items = [self.item(p.page, p.anchor) for p in tag.pieces]
            yield Feed(
                tag.page,
                self.t("feed_tag_title", site=site_name, tag=tag.label),
                self.t("feed_tag", site=site_name, tag=tag.label),
                self._newest(items, self.options.items),
                PERSON_FORMATS,
            )

    def _wanted(self, pages: Iterable[str]) -> bool:
        """Whether a feed whose items sit on these pages is to be made."""
        return self.only is None or any(page in self.only for page in pages)

    @staticmethod
    def _newest(items: list[FeedItem], limit: int) -> tuple[FeedItem, ...]:
        """Items newest first (ties in id order), at most limit of them."""
        ordered = sorted(items, key=lambda i: i.id)
        ordered.sort(key=lambda i: (i.published, i.updated), reverse=True)
        return tuple(ordered[:limit])

    def item(self, page: str, anchor: str = "") -> FeedItem:
        """The one item for a page or an anchor in it, built on first use."""
        key = (page, anchor)
        if key not in self.built:
            self.built[key] = self._build_item(page, anchor)
        return self.built[key]

    def _build_item(self, page: str, anchor: str) -> FeedItem:
        """Build the item at (page, anchor) from the model object it stands for."""
        if page in self.issues_by_page:
            issue = self.issues_by_page[page]
            if not anchor:
                return self._issue_item(issue, page)
            piece = next(c for c in issue.contributions if c.slug == anchor)
            return self._piece_item(issue, piece, page)
        session = self.sessions_by_page[page]
        if not anchor:
            return self._session_item(session, page)
        return self._question_item(page, anchor)

    def _issue_item(self, issue: Issue, page: str) -> FeedItem:
        """An issue, whole, crediting its editors and every author in it."""
        changes = [issue.meta.updated, *(c.meta.updated for c in issue.contributions)]
        return self._entry(
            page,
            "",
            minted=issue.id,
            title=self.t("issue_title", number=issue.meta.number, title=issue.meta.title),
            content=self._quoted(page, "issue.html.j2", {"issue": issue}),
            summary=issue.meta.summary or self._excerpt(Bodies.editorial(issue)),
            published=issue.meta.date,
            updated=max([d for d in changes if d], default=issue.meta.date),
        )

    def _piece_item(self, issue: Issue, piece: Contribution, page: str) -> FeedItem:
        """One contribution, with every co-author credited."""
        return self._entry(
            page,
            piece.slug,
            minted=issue.id,
            title=piece.meta.title,
            content=self._quoted(page, "piece", {"piece": piece}, piece.anchor, piece.meta.lang),
            summary=piece.meta.summary or self._excerpt(Bodies.piece(piece)),
            published=issue.meta.date,
            updated=piece.meta.updated or issue.meta.date,
            tags=(piece.meta.kind.value, *map(self.site.tags.label, piece.meta.tags)),
        )

    def _session_item(self, session: AmaSession, page: str) -> FeedItem:
        """An AMA session, whole, crediting guests, hosts, askers and answerers."""
        answered, waiting = session_sections(session)
        context = {"session": session, "answered": answered, "waiting": waiting}
        return self._entry(
            page,
            "",
            minted=session.id[:10],
            title=session.meta.title,
            content=self._quoted(page, "session.html.j2", context),
            summary=session.meta.summary or self._excerpt(Bodies.intro(session)),
            published=session.meta.date,
            updated=session.meta.updated or session.meta.date,
        )

    def _question_item(self, page: str, anchor: str) -> FeedItem:
        """A question, or one answer or follow-up under it."""
        session, question, turn_index = self.questions_by_key[(page, anchor)]
        title = credit.question_title(question.text)
        if turn_index is not None:
            kind = question.turns[turn_index].kind
            title = self.t(f"item_{kind.value}", title=title)
        asked = question.meta.date or session.meta.date
        when = session.meta.date if turn_index is not None else asked
        if turn_index is None:
            lang = question.meta.lang
            content = self._quoted(page, "question", {"q": question}, question.anchor, lang)
            body = Bodies.question(question) if shows_question_text(question) else None
        else:
            context = {"q": question, "index": turn_index}
            content = self._quoted(page, "turn", context, anchor, question.meta.lang)
            body = Bodies.turn(question, turn_index)
        return self._entry(
            page,
            anchor,
            minted=session.id[:10],
            title=title,
            content=content,
            summary=(self._excerpt(body) if body else "") or title,
            published=when,
            updated=max(when, session.meta.updated or when),
            tags=tuple(question.meta.tags),
        )

    def _entry(
        self,
        page: str,
        anchor: str,
        *,
        minted: str,
        title: str,
        content: str,
        summary: str,
        published: date,
        updated: date,
        tags: tuple[str, ...] = (),
    ) -> FeedItem:
        """Assemble an item: id and URL from its permanent path, people from the ledger."""
        path = link_to(page, anchor)
        credits = self.credits_by_item.get((page, anchor), [])
        return FeedItem(
            id=tag_uri(self.site_url, minted, path),
            url=urljoin(self.site_url, path),
            title=title,
            content_html=content,
            summary=summary,
            published=as_datetime(published),
            updated=as_datetime(updated),
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

    def _quoted(
        self, page: str, template: str, context: dict, anchor: str = "", lang: str | None = None
    ) -> str:
        """An item's content: the page (or its part at anchor) as its one rendering is quoted
        in feeds, or, when a theme override keeps no part for it, rendered for the feed."""
        if not self.quote:
            return ""
        quoted = self.assembly.in_feed(page, anchor)
        if quoted is None:
            return self.assembly.quoted(page, template, context)
        return f'<div lang="{lang}">{quoted}</div>' if lang else quoted

    def keys(self) -> dict[str, tuple[str, str]]:
        """The (page, anchor) of every item built so far, by item id."""
        return {item.id: key for key, item in self.built.items()}

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


def feed_files(
    tree: SiteTree,
    options: FeedOptions,
    *,
    changed: set[str] | None = None,
    instants: dict[str, datetime] | None = None,
    items: dict[tuple[str, str], FeedItem] | None = None,
) -> dict[str, bytes]:
    """Every feed file of the site by its path, or, given the pages that changed, the feeds
    with an item on them.

    `instants` keeps every item's distinct update instant: filled by a whole build, reused by
    a partial one (only bodies changed, so the items and their dates are the same).
    `items` keeps every item built, by (page, anchor): a partial build quotes again only the
    items on the pages that changed.
    """
    if not instants:
        changed = None  # a partial build needs the instants of a whole one
    plan = FeedPlan.of(tree, options, changed)
    if changed is None:
        if instants is not None:
            instants.clear()
            instants.update(plan.instants)
    else:
        plan = replace(plan, instants=instants)
    kept = {} if items is None or changed is None else items
    builder = plan.builder({key: item for key, item in kept.items() if key[0] not in changed})
    files = dict(plan.files(range(len(plan.feeds)), builder))
    if items is not None:
        items.update(builder.built)
    return files


def write_feeds(tree: SiteTree, options: FeedOptions, folder: Path, *, workers: int = 0) -> int:
    """Write every feed file of the site into folder, on every core; return how many."""
    plan = FeedPlan.of(tree, options)
    workers = min(workers or os.cpu_count() or 1, max(1, len(plan.feeds) // FEEDS_PER_WORKER))
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return _write_share(plan, folder, 0, 1)
    global _PLAN  # a forked worker finds the plan here, unpickled
    _PLAN = plan
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            shares = [pool.submit(_write_planned, folder, k, workers) for k in range(workers)]
            return sum(share.result() for share in shares)
    finally:
        _PLAN = None


FEEDS_PER_WORKER = 50
"""Below this many feeds per worker, one process writes them all."""
_PLAN: FeedPlan | None = None


def _write_planned(folder: Path, share: int, shares: int) -> int:
    """In a worker: write its share of the plan the parent left before forking."""
    return _write_share(_PLAN, folder, share, shares)


def _write_share(plan: FeedPlan, folder: Path, share: int, shares: int) -> int:
    """Write every shares-th feed of the plan, from the share-th on; count the files."""
    written = 0
    for path, data in plan.files(range(share, len(plan.feeds), shares)):
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written += 1
    return written


@dataclass(frozen=True)
class FeedPlan:
    """Which items every feed holds and when each was updated, known before any content is
    quoted: the feeds can then be written in any order, by any number of processes."""

    tree: SiteTree
    options: FeedOptions
    feeds: tuple[Feed, ...]
    keys: dict[str, tuple[str, str]]
    """Each item's (page, anchor), by id."""
    instants: dict[str, datetime]
    """Each item's distinct update instant, by id."""

    @classmethod
    def of(cls, tree: SiteTree, options: FeedOptions, changed: set[str] | None = None):
        """The plan of every feed (or of those with an item on a changed page)."""
        skeleton = FeedBuilder(tree.site, tree.assembly, options, changed, quote=False)
        feeds = tuple(skeleton.feeds())
        instants = distinct_updates(item for feed in feeds for item in feed.items)
        return cls(tree, options, feeds, skeleton.keys(), instants)

    def builder(self, known: dict | None = None) -> FeedBuilder:
        """A builder of the planned feeds' items, starting from items already built."""
        builder = FeedBuilder(self.tree.site, self.tree.assembly, self.options)
        builder.built.update(known or {})
        return builder

    def files(
        self, which: Iterable[int], builder: FeedBuilder | None = None
    ) -> Iterator[tuple[str, bytes]]:
        """(path, bytes) of the planned feeds at these positions, in every format each has."""
        site = self.tree.site
        builder = builder or self.builder()
        for position in which:
            feed = self.feeds[position]
            items = tuple(
                replace(builder.item(*self.keys[i.id]), updated=self.instants[i.id])
                for i in feed.items
            )
            feed = replace(feed, items=items)
            for fmt in feed.formats:
                data = RENDERERS[fmt](feed, site.options.site_url, site.t.language)
                yield feed.folder + FEED_FILES[fmt], data


def _feed_urls(feed: Feed, site_url: str, fmt: str) -> tuple[str, str]:
    """The feed's own URL in a format, and the URL of the page it follows."""
    folder = quote(feed.folder)  # a tag's folder may hold any letter: a URL needs it encoded
    return urljoin(site_url, folder + FEED_FILES[fmt]), urljoin(site_url, folder)


def _newest_update(feed: Feed) -> datetime:
    """When the feed last changed: its newest item's update, never the build's time."""
    return max((item.updated for item in feed.items), default=EPOCH)


def _generator(feed: Feed, site_url: str, language: str, fmt: str) -> FeedGenerator:
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
    generator.updated(_newest_update(feed))
    for item in feed.items:
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


def render_rss(feed: Feed, site_url: str, language: str) -> bytes:
    """The feed as RSS 2.0."""
    return hex_references(_generator(feed, site_url, language, "rss").rss_str(pretty=True))


def render_atom(feed: Feed, site_url: str, language: str) -> bytes:
    """The feed as Atom."""
    return _generator(feed, site_url, language, "atom").atom_str(pretty=True)


def render_json(feed: Feed, site_url: str, language: str) -> bytes:
    """The feed as JSON Feed 1.1 (feedgen has no JSON Feed writer)."""
    self_url, home = _feed_urls(feed, site_url, "json")
    document = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": feed.title,
        "home_page_url": home,
        "feed_url": self_url,
        "description": feed.description,
        "language": language,
        "items": [_json_item(item) for item in feed.items],
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
