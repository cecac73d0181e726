"""Turn the validated community into a tree of Markdown pages and assets (no mkdocs here)."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

import jinja2
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup, escape

from generator.credit import ledger as credit
from generator.site import linked_data
from generator.credit import plurality
from generator.site.avatars import initials_svg
from generator.site.charts import Series, bar_chart
from generator.site.feeds import PERSON_FORMATS, feed_links
from generator.i18n import Translator
from generator.content.links import rebased
from generator.content.load import DEFAULT_MAX_BYTES
from generator.content.model import (
    AmaSession,
    Community,
    Contribution,
    Contributor,
    Issue,
    free_page_title,
)
from generator.content.reader import read_document
from generator.content.safety import inert
from generator.content.schema import ContributionKind
from generator.content.slugs import fold
from generator.content.tags import TagIndex, tag_index

TEMPLATES = Path(__file__).parent.parent / "templates"
FENCE = re.compile(r"^\s*(```|~~~)")
ATX_HEADING = re.compile(r"^(#{1,6})(?=\s)")


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
    feeds: bool = True
    """Whether the site has feeds to link to (the plugin writes them; `export` cannot)."""
    template_dirs: tuple[Path, ...] = ()


@dataclass(frozen=True)
class GeneratedPage:
    """One page of the site: its URL (relative, '' for home) and its Markdown source."""

    url: str
    markdown: str

    @property
    def src_uri(self) -> str:
        """The path mkdocs knows the page by, as if it were a file in docs_dir."""
        return f"{self.url}index.md"


@dataclass(frozen=True)
class SiteTree:
    """Everything the generator adds to a site: pages, generated assets, and their context."""

    pages: tuple[GeneratedPage, ...]
    assets: dict[str, str] = field(default_factory=dict)
    site: SiteContext | None = None
    """The community as shown and its credit ledger, which feeds reuse after rendering."""


@dataclass(frozen=True)
class PersonView:
    """How a person appears on a page: name, profile and avatar (None when anonymous)."""

    id: str
    name: str
    anonymous: bool
    profile: str | None
    avatar: str


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
        self.t = Translator(options.language)
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
        return self.options.feeds and bool(self.options.site_url)

    @cached_property
    def tags(self) -> TagIndex:
        """Every tag of the visible pieces: label, slug, page and pieces, A to Z."""
        return tag_index(self.community.issues)


def _person_view(person: Contributor, t: Translator) -> PersonView:
    """Build the view of one contributor."""
    if person.meta.anonymous:
        return PersonView(person.id, t("anonymous_member"), True, None, "assets/anonymous.svg")
    avatar = person.meta.avatar or f"contributors/{person.id}/avatar.svg"
    return PersonView(person.id, person.meta.name, False, f"contributors/{person.id}/", avatar)


def default_nav(language: str, docs_dir: Path) -> list:
    """The small navigation: the four top pages, then the free pages by file name, each entry
    titled (a live preview does not read the pages it does not rebuild, so mkdocs cannot)."""
    t = Translator(language)
    tops = (("home", ""), ("issues", "issues/"), ("ama", "ama/"), ("contributors", "contributors/"))
    nav: list = [{t(key): f"{path}index.md"} for key, path in tops]
    for source in sorted((docs_dir / "pages").glob("*.md")):
        raw, _ = read_document(source, source.name, max_bytes=DEFAULT_MAX_BYTES)
        title = raw.meta.get("title") if raw else None
        label = str(escape(free_page_title(source.stem, title)))  # the theme prints it as HTML
        nav.append({label: f"{source.stem}/index.md"})
    return nav


def site_context(community: Community, options: SiteOptions) -> SiteContext:
    """The lookups of one build, on the community as readers see it (the one credit ledger)."""
    return SiteContext(
        credit.visible(community, drafts=options.drafts, today=options.today), options
    )


def generate_site(community: Community, options: SiteOptions) -> SiteTree:
    """Generate every page and asset of the site for the community as readers see it."""
    site = site_context(community, options)
    env = _environment(options.template_dirs)
    pages = tuple(_render(env, site, url, template, ctx) for url, template, ctx in _plan(site))
    return SiteTree(pages, _assets(site), site)


def _plan(site: SiteContext) -> Iterator[tuple[str, str, dict]]:
    """Yield (url, template, context) for every page the site has."""
    community = site.community
    issues = community.issues
    yield "", "home.md.j2", {"latest": issues[-1] if issues else None}
    yield "issues/", "archive.md.j2", {"years": _issues_by_year(issues)}
    for index, issue in enumerate(issues):
        neighbours = {
            "previous": issues[index - 1] if index > 0 else None,
            "next": issues[index + 1] if index + 1 < len(issues) else None,
        }
        jsonld = linked_data.issue_posting(site, issue)
        yield f"issues/{issue.id}/", "issue.md.j2", {"issue": issue, **neighbours, "jsonld": jsonld}
    yield "ama/", "ama_index.md.j2", {"sessions": community.sessions[::-1]}
    for session in community.sessions:
        answered, waiting = session_sections(session)
        jsonld = linked_data.session_posting(site, session, [*answered, *waiting])
        yield f"ama/{session.id}/", "session.md.j2", {"session": session, "jsonld": jsonld}
    yield "contributors/", "contributors.md.j2", {}
    yield "voices/", "voices.md.j2", {"charts": voices_charts(site)}
    for person in community.contributors.values():
        if not person.meta.anonymous:
            url = f"contributors/{person.id}/"
            feed = site.t("feed_person_title", site=site.options.site_name, name=person.meta.name)
            own = site.own_feeds(feed, url) if person.id in site.credits_by_person else []
            jsonld = linked_data.profile_page(site, person)
            yield url, "profile.md.j2", {"contributor": person, "own_feeds": own, "jsonld": jsonld}
    yield "tags/", "tags.md.j2", {}
    for tag in site.tags:
        feed = site.t("feed_tag_title", site=site.options.site_name, tag=tag.label)
        own = site.own_feeds(feed, tag.page) if site.options.tag_feeds else []
        yield tag.page, "tag.md.j2", {"tag": tag.label, "pieces": tag.pieces, "own_feeds": own}
    for page in community.pages:
        yield f"{page.slug}/", "free_page.md.j2", {"page": page}


def _render(env: jinja2.Environment, site: SiteContext, url: str, name: str, ctx: dict):
    """Render one page template with the helpers every template may use."""
    markdown = env.get_template(name).render(
        site=site,
        feeds=site.newsletter_feeds + site.ama_feeds + ctx.setdefault("own_feeds", []),
        t=_TrustedText(site.t),
        person=site.people.__getitem__,
        url=_as_markup(_relative_from(url)),
        doc=_as_markup(_relative_from(url, to_source=True)),
        body=_body_for(url),
        kinds=_grouped_by_kind,
        question_title=credit.question_title,
        sections=session_sections,
        site_name=site.options.site_name,
        **ctx,
    )
    return GeneratedPage(url, markdown)


def _environment(template_dirs: tuple[Path, ...]) -> jinja2.Environment:
    """A Jinja environment that looks in the community's theme overrides, then ours."""
    loader = jinja2.FileSystemLoader([*(d / "polyvox" for d in template_dirs), TEMPLATES])
    env = jinja2.Environment(
        loader=loader,
        autoescape=jinja2.select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        finalize=inert,
    )
    env.filters["yaml_string"] = _yaml_string
    env.filters["json_in_yaml"] = json_in_yaml
    env.filters["yaml_flow"] = yaml_flow
    env.filters["char_refs"] = char_refs
    return env


def char_refs(text: str) -> Markup:
    """Text with every non-ASCII character written as an HTML character reference.

    For emoji: one astral character makes Python store a whole page's strings at four bytes
    a character, through every stage of the build; a reference keeps the page compact.
    """
    return Markup("".join(ch if ch.isascii() else f"&#x{ord(ch):X};" for ch in escape(text)))


def yaml_flow(value: object) -> Markup:
    """Data for front matter as one line of YAML flow (JSON), characters written as they are.

    Not Jinja's tojson: its ASCII escapes write an emoji as a surrogate pair, which libyaml
    refuses, and mkdocs then drops the page's whole front matter without a word.
    """
    return Markup(json.dumps(value, ensure_ascii=False))


def json_in_yaml(value: object) -> Markup:
    """JSON for a <script> element, as a one-line single-quoted YAML string for front matter.

    Jinja's htmlsafe_json_dumps writes ASCII only and escapes < > & and ' as \\u00XX, so the
    text can neither close a script element nor end the YAML quotes, and needs no YAML escape.
    """
    return Markup(f"'{htmlsafe_json_dumps(value)}'")


def relative_path(path: str, start: str) -> str:
    """`path` relative to the folder `start`, both site paths without '..' ('.' for itself).

    What posixpath.relpath gives for such paths, without its calls to the file system's
    current folder (a hundred thousand links on a large site made it a fifth of page time).
    """
    parts, base = [p for p in path.split("/") if p], [p for p in start.split("/") if p]
    common = 0
    for mine, theirs in zip(parts, base, strict=False):
        if mine != theirs:
            break
        common += 1
    return "/".join([".."] * (len(base) - common) + parts[common:]) or "."


def _yaml_string(text: str) -> Markup:
    """A YAML string for generated front matter; mkdocs shows a page's title as HTML, so escape."""
    return Markup(json.dumps(str(escape(text)), ensure_ascii=False))


class _TrustedText:
    """The translator for templates: its strings are trusted Markdown, its parameters are not."""

    def __init__(self, translator: Translator):
        self._translator = translator

    def __call__(self, key: str, **params: object) -> Markup:
        """A translated string with each text parameter made inert."""
        return Markup(self._translator(key, **{k: inert(v) for k, v in params.items()}))

    def __getattr__(self, name: str):
        """Everything else (dates, the language) as the translator has it."""
        return getattr(self._translator, name)


def _as_markup(relative: Callable[[str], str]) -> Callable[[str], Markup]:
    """A link helper whose paths are HTML-escaped once and kept as Markdown link targets."""
    return lambda target: Markup(escape(relative(target)))


def _relative_from(here: str, *, to_source: bool = False) -> Callable[[str], str]:
    """A function giving a site path (with optional #anchor) relative to the page at `here`.

    URL form (`../issues/2026-09/`) is for raw HTML; source form (`../issues/2026-09/index.md`)
    is for Markdown links, which mkdocs then checks, anchors included, and turns into URLs.
    """

    def relative(target: str) -> str:
        path, _, anchor = target.partition("#")
        folder = path.endswith("/") or not path
        if to_source and folder:
            path += "index.md"
        result = relative_path(path, here)
        if folder and not to_source:
            result = "./" if result == "." else result.rstrip("/") + "/"
        return result + (f"#{anchor}" if anchor else "")

    return relative


def _body_for(here: str) -> Callable[..., str]:
    """The `body` helper of the page at `here`: a member's Markdown, ready to sit in the page.

    `written_in` is the folder (below content/) of the file the body comes from, when it is not
    the page's own: relative links and images then keep pointing where the member meant.
    """

    def body(markdown: str, written_in: str | None = None) -> str:
        if written_in is not None:
            markdown = rebased(markdown, written_in, here)
        return demote_headings(markdown)

    return body


def demote_headings(markdown: str, levels: int = 2) -> str:
    """Push a body's ATX headings down so they sit under the page's own headings."""
    lines, fenced = [], False
    for line in markdown.splitlines():
        if FENCE.match(line):
            fenced = not fenced
        elif not fenced:
            line = ATX_HEADING.sub(lambda m: "#" * min(6, len(m[1]) + levels), line)
        lines.append(line)
    return "\n".join(lines)


def _grouped_by_kind(issue: Issue) -> list[tuple[ContributionKind, list[Contribution]]]:
    """An issue's pieces grouped by kind in the documented order, then by order and slug."""
    groups = []
    for kind in ContributionKind:
        pieces = [c for c in issue.contributions if c.meta.kind is kind]
        pieces.sort(key=lambda c: (c.meta.order is None, c.meta.order or 0, c.slug))
        if pieces:
            groups.append((kind, pieces))
    return groups


@dataclass(frozen=True)
class Chart:
    """One chart of the /voices/ page: its SVG and a table of its figures, a row per issue."""

    title: str
    svg: str
    issues: list[Issue]
    columns: dict[str, list[str]]

    @property
    def rows(self) -> list[tuple[Issue, list[str]]]:
        """Each issue with its cell in every column."""
        cells = zip(*self.columns.values(), strict=True)
        return [(issue, list(row)) for issue, row in zip(self.issues, cells, strict=True)]


def voices_charts(site: SiteContext) -> list[Chart]:
    """The /voices/ charts: voices and first voices, effective number and half, top share."""
    t = site.t
    issues = [i for i in site.community.issues if i.id in site.issue_voices]
    if not issues:
        return []
    measured = [site.issue_voices[i.id] for i in issues]
    labels = [str(i.meta.number) for i in issues]
    voices, first = [v.voices for v in measured], [v.first_voices for v in measured]
    effective, half = [v.effective for v in measured], [v.half for v in measured]
    shares = [v.top_share for v in measured]
    returning = [all_ - new for all_, new in zip(voices, first, strict=True)]
    return [
        Chart(
            t("chart_voices"),
            bar_chart(
                labels,
                [Series(t("col_returning"), returning), Series(t("col_first"), first)],
                stacked=True,
            ),
            issues,
            {t("col_voices"): _texts(voices), t("col_first"): _texts(first)},
        ),
        Chart(
            t("chart_effective"),
            bar_chart(labels, [Series(t("col_effective"), effective), Series(t("col_half"), half)]),
            issues,
            {t("col_effective"): [t.number(n) for n in effective], t("col_half"): _texts(half)},
        ),
        Chart(
            t("chart_share"),
            bar_chart(labels, [Series(t("col_share"), shares)], top=1, tick_label=t.percent),
            issues,
            {
                t("col_share"): [t.percent(n) for n in shares],
                t("col_acts"): _texts(v.acts for v in measured),
            },
        ),
    ]


def _texts(numbers: Iterable[int]) -> list[str]:
    """Whole numbers as table cells."""
    return [str(n) for n in numbers]


def _issues_by_year(issues: tuple[Issue, ...]) -> list[tuple[int, list[Issue]]]:
    """Issues grouped by year, newest year and newest issue first."""
    years: dict[int, list[Issue]] = defaultdict(list)
    for issue in reversed(issues):
        years[issue.meta.date.year].append(issue)
    return sorted(years.items(), reverse=True)


def sort_key(name: str) -> str:
    """Alphabetical order that ignores case and accents."""
    return fold(name)


def _assets(site: SiteContext) -> dict[str, str]:
    """Initials avatars for everyone without an image, and the anonymous avatar."""
    assets = {"assets/anonymous.svg": initials_svg("anonymous", "?")}
    for person in site.community.contributors.values():
        if not person.meta.anonymous and not person.meta.avatar:
            assets[f"contributors/{person.id}/avatar.svg"] = initials_svg(
                person.id, person.meta.name
            )
    return assets


def session_sections(session: AmaSession) -> tuple[list, list]:
    """A session's answered and unanswered questions, each in slug order."""
    ordered = sorted(session.questions, key=lambda q: (q.meta.date or session.meta.date, q.slug))
    return [q for q in ordered if q.answered], [q for q in ordered if not q.answered]
