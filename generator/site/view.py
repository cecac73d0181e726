"""The view model of one build: the community as readers see it, its people, credits, voices
and feed links. Pages, feeds, JSON-LD and the email edition all read it; it reads none of them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path

from polyvox.content.model import AmaSession, Community, Contribution, Contributor, Issue
from polyvox.content.slugs import fold
from polyvox.content.tags import TagIndex, tag_index
from polyvox.credit import ledger as credit
from polyvox.credit import plurality
from polyvox.i18n import Translator, site_translator

FEED_FILES = {"rss": "feed.xml", "atom": "atom.xml", "json": "feed.json"}
"""File name of each format, in the folder of the page a feed follows."""
FEED_TYPES = {
    "rss": ("RSS", "application/rss+xml"),
    "atom": ("Atom", "application/atom+xml"),
    "json": ("JSON Feed", "application/feed+json"),
}
"""Label and media type of each format, for autodiscovery links."""
PERSON_FORMATS = ("rss", "atom")
AUTHOR_ROLES = frozenset(
    {
        credit.Role.AUTHOR,
        credit.Role.CO_AUTHOR,
        credit.Role.EDITOR,
        credit.Role.GUEST,
        credit.Role.HOST,
    }
)
"""The roles that make a person an author of the page showing the act (for fediverse:creator)."""


@dataclass(frozen=True)
class SiteOptions:
    """What shapes the generated site besides the content itself."""

    today: date
    language: str = "en"
    drafts: bool = False
    site_name: str = "Polyvox"
    site_url: str = ""
    """The site's public address (mkdocs' site_url), for absolute links in feeds and metadata."""
    tag_feeds: bool = False
    """Whether each tag has its own feed."""
    template_dirs: tuple[Path, ...] = ()


@dataclass(frozen=True)
class PersonView:
    """How a person appears on a page: name, profile and avatar (None when anonymous)."""

    id: str
    name: str
    anonymous: bool
    profile: str | None
    avatar: str
    fediverse: str | None = None
    """Their Fediverse address, which pages they alone authored name (never when anonymous)."""


@dataclass(frozen=True)
class Voice:
    """One person's part in one issue: who, in which roles how many times, and if for the first."""

    person: PersonView
    roles: list[tuple[credit.Role, int]]
    first: bool


class SiteContext:
    """Lookups shared by every page of one build: people, credits, counterpoints, tags."""

    def __init__(self, community: Community, options: SiteOptions):
        self.community = community
        self.options = options
        self.t = site_translator(options.language, options.template_dirs)
        self.credits = credit.ledger(community)

    @cached_property
    def people(self) -> dict[str, PersonView]:
        """A view of every contributor, keyed by id and by old id."""
        contributors = self.community.contributors.items()
        views = {pid: _person_view(person, self.t) for pid, person in contributors}
        return views | {old: views[new] for old, new in self.community.aliases.items()}

    @cached_property
    def pieces(self) -> dict[str, Contribution]:
        """Every visible contribution by its `<YYYY-MM>/<slug>` reference."""
        return {c.ref: c for issue in self.community.issues for c in issue.contributions}

    @cached_property
    def responses(self) -> dict[str, list[Contribution]]:
        """For each piece, the visible pieces that respond to it."""
        answered: dict[str, list[Contribution]] = defaultdict(list)
        for piece in self.pieces.values():
            if piece.meta.responds_to in self.pieces:
                answered[piece.meta.responds_to].append(piece)
        return answered

    @cached_property
    def credits_by_person(self) -> dict[str, list[credit.Credit]]:
        """Each person's credits in date order."""
        return credit.by_person(self.credits)

    def acts_by_role(self, person_id: str) -> list[tuple[credit.Role, list[credit.Credit]]]:
        """A person's credits grouped by role, roles in their documented order."""
        acts = self.credits_by_person.get(person_id, [])
        return [(r, grouped) for r in credit.Role if (grouped := [a for a in acts if a.role is r])]

    @cached_property
    def first_appearances(self) -> dict[str, date]:
        """The date each person first took part."""
        return credit.first_appearances(self.debuts)

    @cached_property
    def debuts(self) -> dict[str, credit.Credit]:
        """Each person's first credit in the content readers see."""
        return credit.debuts(self.credits)

    @cached_property
    def credits_by_issue(self) -> dict[str, list[credit.Credit]]:
        """Each issue's credits, AMA sessions featured in it included."""
        return credit.by_issue(self.credits)

    @cached_property
    def credits_by_page(self) -> dict[str, list[credit.Credit]]:
        """The credits each page shows, by page URL."""
        return credit.by_page(self.credits)

    @cached_property
    def first_voices(self) -> dict[str, set[str]]:
        """For each issue, the people who took part for the first time in it."""
        return credit.first_voices(self.credits)

    @cached_property
    def roles_by_person(self) -> dict[str, dict[credit.Role, int]]:
        """How many credits each person holds in each role, across the site."""
        return credit.roles_by_person(self.credits)

    def voices_in(self, issue_id: str) -> list[Voice]:
        """Everyone who took part in an issue with their roles, named people A to Z first."""
        firsts = self.first_voices.get(issue_id, set())
        roles = credit.roles_by_person(self.credits_by_issue.get(issue_id, []))
        voices = [
            Voice(self.people[pid], list(counts.items()), pid in firsts)
            for pid, counts in roles.items()
        ]
        return sorted(
            voices, key=lambda v: (v.person.anonymous, sort_key(v.person.name), v.person.id)
        )

    def session_status(self, session: AmaSession) -> str:
        """What a session's pages say of it, as a message key: 'collecting' until its day,
        'held' once its day has passed while it still says it collects (its answers are still
        to come), 'answered' after."""
        if not session.collecting:
            return "answered"
        return "collecting" if session.meta.date >= self.options.today else "held"

    @cached_property
    def open_sessions(self) -> list[AmaSession]:
        """The sessions still taking questions on the day of the build, oldest first."""
        sessions = self.community.sessions
        return [s for s in sessions if self.session_status(s) == "collecting"]

    @cached_property
    def issues_by_id(self) -> dict[str, Issue]:
        """Every visible issue by its id."""
        return {issue.id: issue for issue in self.community.issues}

    def link(self, path: str) -> str | None:
        """The absolute URL of a site path (anchor allowed), or None without a site_url."""
        base = self.options.site_url
        if not base:
            return None
        return (base if base.endswith("/") else base + "/") + path

    @cached_property
    def issue_voices(self) -> dict[str, plurality.IssueVoices]:
        """The plurality measures of every published issue, oldest first."""
        published = [i.id for i in self.community.issues if i.published]
        return plurality.measure_issues(published, self.credits)

    def newest_voices(self, count: int = 6) -> list[PersonView]:
        """The people who most recently took part for the first time, newest first."""
        newest = sorted(self.first_appearances.items(), key=lambda item: (item[1], item[0]))
        return [self.people[pid] for pid, _ in reversed(newest[-count:])]

    @cached_property
    def listed_people(self) -> list[PersonView]:
        """Everyone named (not anonymous), in alphabetical order of name."""
        named = [p for pid, p in self.people.items() if pid == p.id and not p.anonymous]
        return sorted(named, key=lambda p: (sort_key(p.name), p.id))

    @cached_property
    def anonymous_count(self) -> int:
        """How many anonymous members the community has."""
        return sum(1 for c in self.community.contributors.values() if c.meta.anonymous)

    @cached_property
    def newsletter_feeds(self) -> list[dict[str, str]]:
        """Links to the newsletter's feeds (none without a site_url, which feeds need)."""
        return feed_links(self.options.site_name, "") if self.has_feeds else []

    @cached_property
    def ama_feeds(self) -> list[dict[str, str]]:
        """Links to the AMA sessions' feeds."""
        title = self.t("feed_ama_title", site=self.options.site_name)
        return feed_links(title, "ama/") if self.has_feeds else []

    def own_feeds(self, title: str, folder: str) -> list[dict[str, str]]:
        """Autodiscovery links of a profile's or a tag's own feed."""
        return feed_links(title, folder, PERSON_FORMATS) if self.has_feeds else []

    @property
    def has_feeds(self) -> bool:
        """Whether the site's feeds exist: they need site_url for their absolute links."""
        return bool(self.options.site_url)

    @cached_property
    def page_authors(self) -> dict[str, set[str]]:
        """For each page, the people credited as its authors: a profile's person; an issue's
        editors and the authors of its pieces; a session's guests and hosts."""
        authors: dict[str, set[str]] = defaultdict(set)
        for person in self.community.contributors.values():
            authors[person.page].add(person.id)
        for act in self.credits:
            if act.role in AUTHOR_ROLES:
                authors[act.page].add(act.person)
        return dict(authors)

    def fediverse_creator(self, page: str) -> str | None:
        """The Fediverse address a page names as its author (`fediverse:creator`): only when
        one named person, who gave one, is the page's author."""
        authors = self.page_authors.get(page, set())
        if len(authors) != 1:
            return None
        return self.people[next(iter(authors))].fediverse

    @cached_property
    def tags(self) -> TagIndex:
        """Every tag of the visible pieces: label, slug, page and pieces, A to Z."""
        return tag_index(self.community.issues)


_VIEWS: dict[int, tuple[Contributor, PersonView]] = {}
"""Each named contributor object's view (a live preview keeps the objects of files it did not
read again, and so their views and all that is remembered of them)."""


def _person_view(person: Contributor, t: Translator) -> PersonView:
    """A contributor's view: a named person's made once per contributor object (it reads
    nothing but the file); an anonymous member's, named in the site's language, every time."""
    if person.meta.anonymous:
        return _make_person_view(person, t)
    known = _VIEWS.get(id(person))
    if known is not None and known[0] is person:
        return known[1]
    view = _make_person_view(person, t)
    if len(_VIEWS) > 100_000:
        _VIEWS.clear()
    _VIEWS[id(person)] = (person, view)
    return view


def _make_person_view(person: Contributor, t: Translator) -> PersonView:
    """Build the view of one contributor."""
    if person.meta.anonymous:
        return PersonView(person.id, t("anonymous_member"), True, None, "assets/anonymous.svg")
    avatar = person.meta.avatar or f"{person.page}avatar.svg"
    return PersonView(
        person.id, person.meta.name, False, person.page, avatar, person.meta.fediverse
    )


def site_context(community: Community, options: SiteOptions) -> SiteContext:
    """The lookups of one build, on the community as readers see it (the one credit ledger)."""
    return SiteContext(
        credit.visible(community, drafts=options.drafts, today=options.today), options
    )


def feed_links(title: str, folder: str, formats=tuple(FEED_FILES)) -> list[dict[str, str]]:
    """Autodiscovery links (title, type, site-relative href) for a feed in each format."""
    return [
        {
            "title": f"{title} ({FEED_TYPES[fmt][0]})",
            "type": FEED_TYPES[fmt][1],
            "href": folder + FEED_FILES[fmt],
            "label": FEED_TYPES[fmt][0],
        }
        for fmt in formats
    ]


SECTIONS = {
    "issues": "issues/",
    "tags": "issues/",
    "ama": "ama/",
    "contributors": "contributors/",
    "contribute": "",
}
"""The top page each folder of generated pages belongs under (tags gather issues' pieces; how
to take part is reached from the home page)."""


def nav_section(url: str) -> str | None:
    """The top page whose navigation tab a page belongs under, when the page is not a top page
    itself: an issue and a tag under the issues, a session under the AMAs, a profile and
    /voices/ under the contributors; None for the top pages and free pages."""
    if url == "voices/":
        return "contributors/"
    folder = url.split("/", 1)[0]
    section = SECTIONS.get(folder)
    return section if section != url else None


def sort_key(name: str) -> str:
    """Alphabetical order that ignores case and accents."""
    return fold(name)
