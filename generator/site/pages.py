"""The site's pages, assembled as HTML from the view model and the bodies' fragments.

Every member-written body is rendered once (polyvox.render) before any page is made; a page
template only places fragments and the view model's data. What mkdocs gets for a page is its
HTML, its table of contents and its metadata (title, JSON-LD, feed links, banners): it has no
Markdown of ours to convert. No mkdocs here.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, partial
from html import unescape
from pathlib import Path

import jinja2
from jinja2.utils import htmlsafe_json_dumps
from markdown.extensions.toc import nest_toc_tokens, slugify, unique
from markupsafe import Markup, escape

from polyvox.content.load import DEFAULT_MAX_BYTES
from polyvox.content.model import (
    AmaSession,
    Community,
    Contribution,
    Contributor,
    Issue,
    Page,
    Question,
    free_page_title,
    link_to,
    relative_url,
)
from polyvox.content.reader import read_document
from polyvox.content.safety import inert
from polyvox.content.schema import ContributionKind
from polyvox.credit import ledger as credit
from polyvox.i18n import Translator
from polyvox.render.fragments import Body, Fragment, MarkdownSetup, Renderer
from polyvox.render.quoting import quotable
from polyvox.site import linked_data
from polyvox.site.avatars import initials_svg
from polyvox.site.charts import Series, bar_chart
from polyvox.site.view import PERSON_FORMATS, SiteContext, SiteOptions, site_context

TEMPLATES = Path(__file__).parent.parent / "templates"


@dataclass(frozen=True)
class GeneratedPage:
    """One page of the site: its URL (relative, '' for home), title, HTML, metadata and toc."""

    url: str
    title: str
    html: str
    meta: dict = field(default_factory=dict)
    """What the theme reads besides the content: polyvox_jsonld, polyvox_feeds, a banner."""
    toc: list = field(default_factory=list)
    """Its headings as Python-Markdown's nested toc tokens (level, id, name, children)."""
    fragments: tuple[str, ...] = ()
    """The members' HTML it holds, each fragment as the renderer made it, in page order."""

    @property
    def chrome(self) -> str:
        """The page without its members' fragments: the HTML the generator itself wrote
        (the last guard reads it; the fragments have their own, stricter, allowlist)."""
        html = self.html
        for fragment in self.fragments:
            html = html.replace(fragment, "", 1)
        return html

    @property
    def src_uri(self) -> str:
        """The path mkdocs knows the page by, as if it were a file in docs_dir."""
        return f"{self.url}index.md"

    @property
    def stub(self) -> str:
        """What mkdocs is handed as the page's Markdown: nothing to convert, but different
        whenever the page is, so a live preview rebuilds exactly the pages that changed."""
        described = json.dumps([self.title, self.meta, self.toc], sort_keys=True)
        digest = hashlib.sha256((described + self.html).encode("utf-8", "surrogatepass"))
        return f"<!-- polyvox page {digest.hexdigest()[:24]} -->\n"


@dataclass(frozen=True)
class SiteTree:
    """Everything the generator adds to a site: pages, generated assets, and their context."""

    pages: tuple[GeneratedPage, ...]
    assets: dict[str, str] = field(default_factory=dict)
    site: SiteContext | None = None
    """The community as shown and its credit ledger, which feeds reuse."""
    assembly: Assembly | None = None
    """The fragments and templates the pages were made of, which feeds and email reuse."""

    @cached_property
    def shape(self) -> tuple:
        """The community's shape without its bodies (see `shape`), for the next edit."""
        return shape(self.site)


def error_page(url: str, problems: list[str], translator: Translator) -> GeneratedPage:
    """What a live preview shows at a page's address while the content has errors."""
    title = translator("preview_errors")
    items = "".join(f"<li><code>{escape(problem)}</code></li>\n" for problem in problems)
    html = (
        f'<h1 id="_errors">{escape(title)}</h1>\n<p>{escape(translator("preview_errors_text"))}'
        f'</p>\n<ul class="pv-errors">\n{items}</ul>\n'
    )
    return GeneratedPage(url, str(escape(title)), html, {"title": str(escape(title))})


def default_nav(language: str, docs_dir: Path, theme_dirs: tuple[Path, ...] = ()) -> list:
    """The small navigation: the four top pages, then the free pages by file name, each entry
    titled (a live preview does not read the pages it does not rebuild, so mkdocs cannot)."""
    t = Translator(language, theme_dirs)
    tops = (("home", ""), ("issues", "issues/"), ("ama", "ama/"), ("contributors", "contributors/"))
    nav: list = [{t(key): f"{path}index.md"} for key, path in tops]
    for source in sorted((docs_dir / "pages").glob("*.md")):
        raw, _ = read_document(source, source.name, max_bytes=DEFAULT_MAX_BYTES)
        title = raw.meta.get("title") if raw else None
        label = str(escape(free_page_title(source.stem, title)))  # the theme prints it as HTML
        nav.append({label: f"{source.stem}/index.md"})
    return nav


class Bodies:
    """The one place that says which body is shown where: page, folder, anchor, level."""

    @staticmethod
    def piece(piece: Contribution) -> Body:
        """A contribution's body, under its heading on its issue page."""
        return Body(piece.body, piece.page, anchor=piece.anchor, source=piece.source)

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
        """A question's text, shown under its title when the title does not say it all."""
        return Body(
            question.text, question.page, question.folder, question.anchor, source=question.source
        )

    @staticmethod
    def turn(question: Question, index: int) -> Body:
        """One answer or follow-up under its question."""
        turn = question.turns[index]
        anchor = question.turn_anchor(index)
        return Body(turn.body, question.page, question.folder, anchor, source=question.source)

    @staticmethod
    def bio(person: Contributor) -> Body:
        """A contributor's bio, on their profile."""
        return Body(person.bio, person.page, "contributors/", source=person.source)

    @staticmethod
    def page(page: Page) -> Body:
        """A free page, as written (its own headings, its own title)."""
        return Body(page.body, page.page, "pages/", demote=0, source=page.source)


def shows_question_text(question: Question) -> bool:
    """Whether a question's page shows its text below its title (a long question's does)."""
    return credit.question_title(question.text) != question.text


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


def generate_site(
    community: Community,
    options: SiteOptions,
    renderer: Renderer | None = None,
    env: jinja2.Environment | None = None,
) -> SiteTree:
    """Generate every page and asset of the site for the community as readers see it."""
    site = site_context(community, options)
    renderer = renderer or Renderer(MarkdownSetup())
    assembly = Assembly(site, renderer, renderer.render(all_bodies(site.community)), env)
    pages = tuple(assembly.page(url, template, make()) for url, template, make in _plan(site))
    return SiteTree(pages, _assets(site), site, assembly)


def regenerate_site(
    previous: SiteTree | None,
    community: Community,
    options: SiteOptions,
    renderer: Renderer,
    *,
    same_templates: bool = False,
) -> tuple[SiteTree, set[str] | None]:
    """The site after an edit, and the URLs of the pages that changed (None: all of them).

    When only bodies changed (the credits, titles and links are as before), only the pages
    that show those bodies are made again; the others are the previous build's. With
    `same_templates` (the theme is as it was), the templates are not compiled again.
    """
    site = site_context(community, options)
    env = previous.assembly.env if previous and same_templates else None
    current = shape(site)
    if previous is None or previous.site.options != options or previous.shape != current:
        tree = generate_site(community, options, renderer, env)
        tree.__dict__["shape"] = current  # the cached property, known already
        return tree, None
    fragments = renderer.render(all_bodies(site.community))
    before = previous.assembly.fragments
    changed = {body.page for body in fragments.keys() ^ before.keys()}
    assembly = Assembly(site, renderer, fragments, env)
    kept = {page.url: page for page in previous.pages}
    pages = tuple(
        assembly.page(url, template, make()) if url in changed or url not in kept else kept[url]
        for url, template, make in _plan(site)
    )
    tree = SiteTree(pages, _assets(site), site, assembly)
    tree.__dict__["shape"] = current  # the cached property, known already
    return tree, changed


def shape(site: SiteContext) -> tuple:
    """Everything of the community a page shows besides bodies: ids, front matter, who
    answered, question titles (they name credits). Equal shapes: only bodies differ."""
    community = site.community
    return (
        tuple(
            (i.id, i.meta, tuple((c.slug, c.meta) for c in i.contributions))
            for i in community.issues
        ),
        tuple(
            (
                s.id,
                s.meta,
                tuple(
                    (
                        q.slug,
                        q.meta,
                        credit.question_title(q.text),
                        shows_question_text(q),
                        *((turn.kind, turn.person) for turn in q.turns),
                    )
                    for q in s.questions
                ),
            )
            for s in community.sessions
        ),
        tuple((pid, person.meta) for pid, person in community.contributors.items()),
        tuple((page.slug, page.meta) for page in community.pages),
        tuple(community.aliases.items()),
    )


def _plan(site: SiteContext) -> Iterator[tuple[str, str, Callable[[], dict]]]:
    """Yield (url, template, context maker) for every page the site has; a context is made
    only for a page that is rendered (a live preview renders only the pages that changed)."""
    community, t = site.community, site.t
    issues = community.issues
    latest = issues[-1] if issues else None
    yield "", "home.html.j2", lambda: {"title": t("home"), "latest": latest, "hide_toc": True}
    yield "issues/", "archive.html.j2", lambda: {"title": t("archive"), "years": _by_year(issues)}
    for index in range(len(issues)):
        yield issues[index].page, "issue.html.j2", partial(_issue_context, site, index)
    yield (
        "ama/",
        "ama_index.html.j2",
        lambda: {"title": t("ama"), "sessions": community.sessions[::-1]},
    )
    for session in community.sessions:
        yield session.page, "session.html.j2", partial(_session_context, site, session)
    yield "contributors/", "contributors.html.j2", lambda: {"title": t("contributors")}
    yield "voices/", "voices.html.j2", lambda: {"title": t("voices"), "charts": voices_charts(site)}
    for person in community.contributors.values():
        if not person.meta.anonymous:
            yield person.page, "profile.html.j2", partial(_profile_context, site, person)
    yield "tags/", "tags.html.j2", lambda: {"title": t("all_tags")}
    for tag in site.tags:
        yield tag.page, "tag.html.j2", partial(_tag_context, site, tag)
    for page in community.pages:
        yield page.page, "free_page.html.j2", partial(dict, title=page.title, page=page)


def _issue_context(site: SiteContext, index: int) -> dict:
    """What an issue's page shows: the issue, its neighbours, its JSON-LD and any banner."""
    t, issues = site.t, site.community.issues
    issue = issues[index]
    banner = None
    if not issue.published:
        banner = t("draft_banner")
    elif issue.meta.date > site.options.today:
        banner = t("scheduled_banner", date=t.date(issue.meta.date))
    return {
        "title": issue.meta.title,
        "issue": issue,
        "previous": issues[index - 1] if index > 0 else None,
        "next": issues[index + 1] if index + 1 < len(issues) else None,
        "jsonld": linked_data.issue_posting(site, issue),
        "banner": banner,
    }


def _session_context(site: SiteContext, session: AmaSession) -> dict:
    """What a session's page shows: its questions answered and waiting, JSON-LD, banner."""
    t = site.t
    answered, waiting = session_sections(session)
    future = not session.collecting and session.meta.date > site.options.today
    return {
        "title": session.meta.title,
        "session": session,
        "answered": answered,
        "waiting": waiting,
        "jsonld": linked_data.session_posting(site, session, [*answered, *waiting]),
        "banner": t("scheduled_banner", date=t.date(session.meta.date)) if future else None,
    }


def _profile_context(site: SiteContext, person: Contributor) -> dict:
    """What a profile shows: the person, their own feeds and JSON-LD."""
    feed = site.t("feed_person_title", site=site.options.site_name, name=person.meta.name)
    own = site.own_feeds(feed, person.page) if person.id in site.credits_by_person else []
    return {
        "title": person.meta.name,
        "contributor": person,
        "own_feeds": own,
        "jsonld": linked_data.profile_page(site, person),
    }


def _tag_context(site: SiteContext, tag) -> dict:
    """What a tag's page shows: its label, pieces and feeds."""
    t = site.t
    feed = t("feed_tag_title", site=site.options.site_name, tag=tag.label)
    own = site.own_feeds(feed, tag.page) if site.options.tag_feeds else []
    return {
        "title": t("tag_title", tag=tag.label),
        "tag": tag.label,
        "pieces": tag.pieces,
        "own_feeds": own,
    }


class _Chrome:
    """Renders the theme's own Markdown strings (translations with emphasis or code) once."""

    def __init__(self, renderer: Renderer, permalink: Callable[[str], Markup]):
        self.renderer = renderer
        self.permalink = permalink
        self._done: dict[str, Markup] = {}

    def markdown(self, text: str) -> Markup:
        """A trusted Markdown string as HTML."""
        if text not in self._done:
            self._done[text] = Markup(self.renderer.one(Body(str(text), "", demote=0)).html)
        return self._done[text]


class _Outline:
    """A page's headings in the order the template writes them, ids unique on the page."""

    def __init__(
        self,
        permalink: Callable[[str], Markup],
        *,
        quoted_at: str | None = None,
        marked: bool = False,
    ):
        self.permalink = permalink
        self.quoted_at = quoted_at
        self.marked = marked
        """Whether permalinks and fragments are written as marks, resolved afterwards for
        the page and for the feeds that quote it (see `Marked`)."""
        """The page's absolute URL when a feed quotes it: fragments' links are made absolute."""
        self.tokens: list[dict] = []
        self.ids: set[str] = set()
        self.fragments: list[str] = []

    def heading(self, level: int, text: str, anchor: str | None = None) -> Markup:
        """An HTML heading with its permalink; it enters the page's table of contents."""
        label = inert(text) if not isinstance(text, Markup) else text
        wanted = anchor or slugify(Markup(label).striptags(), "-") or "_"
        anchor = wanted if anchor else unique(wanted, self.ids)
        self.ids.add(anchor)
        self.tokens.append({"level": level, "id": anchor, "name": str(label)})
        tag = f"h{level}"
        link = Markup(f"{PERMALINK}{escape(anchor)}{PERMALINK}") if self.marked else None
        link = link or self.permalink(anchor)
        return Markup(f'<{tag} id="{escape(anchor)}">{label}{link}</{tag}>')

    def body(self, fragment: Fragment) -> Markup:
        """A body's fragment, its headings entering the table of contents."""
        for level, anchor, name in fragment.headings:
            self.ids.add(anchor)
            self.tokens.append({"level": level, "id": anchor, "name": name})
        if self.quoted_at:
            return Markup(quotable(fragment.html, self.quoted_at))
        self.fragments.append(fragment.html)
        if self.marked:
            return Markup(f"{FRAGMENT}{len(self.fragments) - 1}{FRAGMENT}")
        return Markup(fragment.html)

    def toc(self) -> list:
        """The headings nested as Python-Markdown nests them."""
        return nest_toc_tokens([dict(token) for token in self.tokens])


LINK, PERMALINK, FRAGMENT, PAGE_ONLY = "\x10", "\x11", "\x12", "\x13"
"""Marks a page is first written with: a site path, a heading's permalink, a fragment, and
what only the page shows (its title, its navigation). Control characters: `inert` turns any
in a member's value into a space, and fragments are marks themselves, so none can be forged."""
MARKS = re.compile("\x10([^\x10]*)\x10|\x11([^\x11]*)\x11|\x12([0-9]+)\x12")
PAGE_ONLY_SPAN = re.compile("\x13(.*?)\x13", re.DOTALL)


@dataclass(frozen=True)
class Marked:
    """A page, or a part of one, as first written: marks where a link, a permalink or a
    fragment goes. Resolved once for the page and once for the feeds that quote it, so a page
    is rendered once for both, and feeds are made from what the page was made of."""

    text: str
    fragments: tuple[str, ...]

    def for_page(self, url: str, permalink: Callable[[str], Markup]) -> str:
        """The page's HTML: links relative to it, permalinks, the fragments as rendered."""
        relative = _relative_from(url)
        return self._resolve(
            self.text.replace(PAGE_ONLY, ""),
            link=lambda path: str(escape(relative(path))),
            permalink=lambda anchor: str(permalink(anchor)),
            fragment=lambda html: html,
        )

    def for_feed(self, absolute: Callable[[str], str], base: str) -> str:
        """As a feed quotes it: absolute links, no permalinks, no title and no navigation."""
        return self._resolve(
            PAGE_ONLY_SPAN.sub("", self.text),
            link=lambda path: str(escape(absolute(path))),
            permalink=lambda anchor: "",
            fragment=lambda html: quotable(html, base),
        ).strip()

    def _resolve(self, text: str, *, link, permalink, fragment) -> str:
        """Replace every mark by what stands for it."""

        def resolve(match: re.Match) -> str:
            path, anchor, index = match.groups()
            if path is not None:
                return link(unescape(path))
            if anchor is not None:
                return permalink(unescape(anchor))
            return fragment(self.fragments[int(index)])

        return MARKS.sub(resolve, text)


def _permalink(setup: MarkdownSetup) -> Callable[[str], Markup]:
    """The permalink the site's toc extension puts in headings, for the page's own headings."""
    options = setup.configs.get("toc") or {}
    mark = options.get("permalink")
    if not mark or "toc" not in setup.extensions:
        return lambda anchor: Markup("")
    text = "&para;" if mark is True else str(escape(mark))
    css = escape(options.get("permalink_class", "headerlink"))
    title = escape(options.get("permalink_title", "Permanent link"))
    return lambda anchor: Markup(
        f'<a class="{css}" href="#{escape(anchor)}" title="{title}">{text}</a>'
    )


FEED_PARTS = {
    "piece": '{% from "partials/contribution.html" import piece_content with context %}'
    '{% if piece.meta.lang %}<div lang="{{ piece.meta.lang }}">{% endif %}'
    "{{ piece_content(piece) }}{% if piece.meta.lang %}</div>{% endif %}",
    "question": '{% from "partials/question.html" import question_content with context %}'
    '{% if q.meta.lang %}<div lang="{{ q.meta.lang }}">{% endif %}'
    "{{ question_content(q) }}{% if q.meta.lang %}</div>{% endif %}",
    "turn": '{% from "partials/question.html" import turn_content with context %}'
    '{% if q.meta.lang %}<div lang="{{ q.meta.lang }}">{% endif %}'
    "{{ turn_content(q, index) }}{% if q.meta.lang %}</div>{% endif %}",
}
"""The parts of a page that a feed item quotes, made from the same macros as the page."""


class Assembly:
    """Makes pages, and the parts of pages that feeds quote, from templates and fragments."""

    def __init__(
        self,
        site: SiteContext,
        renderer: Renderer,
        fragments: dict[Body, Fragment],
        env: jinja2.Environment | None = None,
    ):
        self.site = site
        self.fragments = fragments
        self.env = env or _environment(site.options.template_dirs, site.t.translations)
        """The templates, compiled once (a live preview keeps them while the theme is as it was)."""
        self.chrome = _Chrome(renderer, _permalink(renderer.setup))
        self._parts = {name: self.env.from_string(source) for name, source in FEED_PARTS.items()}
        self.marked: dict[str, Marked] = {}
        """Pages that feeds quote whole (issues, sessions), as first written."""
        self.parts: dict[tuple[str, str], Marked] = {}
        """Parts of those pages that feed items quote, by (page, anchor), as first written."""

    def page(self, url: str, template: str, context: dict) -> GeneratedPage:
        """One page of the site, written once with marks, then resolved for the page; the
        marked text of issues and sessions is kept for the feeds that quote them."""
        outline = _Outline(self.chrome.permalink, marked=True)
        context.setdefault("own_feeds", [])
        recorded: dict[str, str] = {}
        text = self._render(
            self.env.get_template(template), url, outline, context, recorded=recorded
        )
        fragments = tuple(outline.fragments)
        marked = Marked(text, fragments)
        if template in QUOTED_PAGES:
            self.marked[url] = marked
            self.parts |= {(url, a): Marked(part, fragments) for a, part in recorded.items()}
        title = str(escape(context["title"]))  # the theme prints a page's title as HTML
        meta = _page_meta(self.site, context, title, url)
        page_html = marked.for_page(url, self.chrome.permalink)
        return GeneratedPage(url, title, page_html, meta, outline.toc(), fragments)

    def in_feed(self, page: str, anchor: str = "") -> str | None:
        """A page (anchor '') or a part of it as feeds quote it, from its one rendering; None
        when the page was not written with marks for it (a theme override without `part`)."""
        marked = self.parts.get((page, anchor)) if anchor else self.marked.get(page)
        if marked is None:
            return None
        return marked.for_feed(_absolute_from(self.site), self.site.link(page) or page)

    def quoted(self, page: str, template: str, context: dict) -> str:
        """A page, or a part of it (FEED_PARTS), as a feed quotes it: absolute links only,
        no permalinks, no title and no navigation."""
        if template in FEED_PARTS:
            compiled = self._parts[template]
        else:
            compiled = self.env.get_template(template)
        absolute = self.site.link(page) or page
        outline = _Outline(lambda anchor: Markup(""), quoted_at=absolute)
        context = {"own_feeds": [], "previous": None, "next": None, **context}
        return self._render(compiled, page, outline, context, base=absolute).strip()

    def _render(
        self, template, url, outline, context, base: str | None = None, recorded=None
    ) -> str:
        """Render a template with the helpers every template may use."""
        site = self.site
        if base:
            link = _as_markup(_absolute_from(site))
        elif outline.marked:
            link = _as_mark
        else:
            link = _as_markup(_relative_from(url))
        return template.render(
            site=site,
            feeds=site.newsletter_feeds + site.ama_feeds + context["own_feeds"],
            t=_TrustedText(site.t),
            md=self.chrome.markdown,
            person=site.people.__getitem__,
            url=link,
            part=partial(_record, recorded if recorded is not None else {}),
            page_only=_page_only,
            heading=outline.heading,
            body=lambda body: outline.body(self.fragments[body]),
            bodies=Bodies,
            kinds=grouped_by_kind,
            question_title=credit.question_title,
            shows_text=shows_question_text,
            site_name=site.options.site_name,
            link_to=link_to,
            for_feed=base is not None,
            **context,
        )


QUOTED_PAGES = ("issue.html.j2", "session.html.j2")
"""The templates of the pages feeds quote, whole and in parts."""


def _as_mark(target: str) -> Markup:
    """A link to a site path, as a mark resolved later (relative on the page, absolute in feeds)."""
    return Markup(f"{LINK}{escape(target)}{LINK}")


def _record(recorded: dict[str, str], anchor: str, markup: Markup) -> Markup:
    """Keep a part of the page a feed item quotes (a piece, a question, a turn), as written."""
    recorded[anchor] = str(markup)
    return markup


def _page_only(markup: Markup) -> Markup:
    """What only the page shows, never the feeds that quote it (its title, its navigation)."""
    return Markup(f"{PAGE_ONLY}{markup}{PAGE_ONLY}")


def _absolute_from(site: SiteContext) -> Callable[[str], str]:
    """A function giving the absolute URL of a site path, for feeds."""
    return lambda target: site.link(target) or target


def _page_meta(site: SiteContext, context: dict, title: str, url: str = "") -> dict:
    """What the theme reads of a page besides its content (the title HTML-escaped already)."""
    meta: dict = {"title": title}
    creator = site.fediverse_creator(url)
    if creator:
        meta["polyvox_fediverse"] = creator
    if context.get("jsonld") is not None:
        meta["polyvox_jsonld"] = str(htmlsafe_json_dumps(context["jsonld"]))
    feeds = site.newsletter_feeds + site.ama_feeds + context.get("own_feeds", [])
    if feeds:
        meta["polyvox_feeds"] = feeds
    if context.get("banner"):
        meta["polyvox_draft"] = str(context["banner"])
    if context.get("hide_toc"):
        meta["hide"] = ["toc"]
    return meta


def _environment(template_dirs: tuple[Path, ...], translations=None) -> jinja2.Environment:
    """A Jinja environment that looks in the community's theme overrides, then ours, and
    translates `{% trans %}` and `_()` with the site's gettext catalogs."""
    loader = jinja2.FileSystemLoader([*(d / "polyvox" for d in template_dirs), TEMPLATES])
    env = jinja2.Environment(
        loader=loader,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # one build reads each template once; serve makes a new environment
        undefined=jinja2.StrictUndefined,
        finalize=inert,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_translations(translations or Translator("en").translations, newstyle=True)
    env.filters["char_refs"] = char_refs
    env.filters["page_only"] = _page_only
    return env


def char_refs(text: str) -> Markup:
    """Text with every non-ASCII character written as an HTML character reference.

    For emoji: one astral character makes Python store a whole page's strings at four bytes
    a character, through every stage of the build; a reference keeps the page compact.
    """
    return Markup("".join(ch if ch.isascii() else f"&#x{ord(ch):X};" for ch in escape(text)))


def json_in_yaml(value: object) -> Markup:
    """JSON for a <script> element, as a one-line single-quoted YAML string for front matter.

    Jinja's htmlsafe_json_dumps writes ASCII only and escapes < > & and ' as \\u00XX, so the
    text can neither close a script element nor end the YAML quotes, and needs no YAML escape.
    """
    return Markup(f"'{htmlsafe_json_dumps(value)}'")


class _TrustedText:
    """The translator for templates: its strings are trusted, its parameters are not."""

    def __init__(self, translator: Translator):
        self._translator = translator

    def __call__(self, key: str, **params: object) -> Markup:
        """A translated string with each text parameter made inert."""
        return Markup(self._translator(key, **{k: inert(v) for k, v in params.items()}))

    def __getattr__(self, name: str):
        """Everything else (dates, the language) as the translator has it."""
        return getattr(self._translator, name)


def _as_markup(relative: Callable[[str], str]) -> Callable[[str], Markup]:
    """A link helper whose paths are HTML-escaped once."""
    return lambda target: Markup(escape(relative(target)))


def _relative_from(here: str) -> Callable[[str], str]:
    """A function giving a site path (with optional #anchor) relative to the page at `here`."""

    def relative(target: str) -> str:
        path, _, anchor = target.partition("#")
        folder = path.endswith("/") or not path
        result = relative_url(path, here)
        if folder:
            result = "./" if result == "." else result.rstrip("/") + "/"
        return result + (f"#{anchor}" if anchor else "")

    return relative


def grouped_by_kind(issue: Issue) -> list[tuple[ContributionKind, list[Contribution]]]:
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
                t("col_top_three"): [t.percent(v.top_three_share) for v in measured],
                t("col_acts"): _texts(v.acts for v in measured),
            },
        ),
    ]


def _texts(numbers: Iterable[int]) -> list[str]:
    """Whole numbers as table cells."""
    return [str(n) for n in numbers]


def _by_year(issues: tuple[Issue, ...]) -> list[tuple[int, list[Issue]]]:
    """Issues grouped by year, newest year and newest issue first."""
    years: dict[int, list[Issue]] = defaultdict(list)
    for issue in reversed(issues):
        years[issue.meta.date.year].append(issue)
    return sorted(years.items(), reverse=True)


def _assets(site: SiteContext) -> dict[str, str]:
    """Initials avatars for everyone without an image, and the anonymous avatar."""
    assets = {"assets/anonymous.svg": initials_svg("anonymous", "?")}
    for person in site.community.contributors.values():
        if not person.meta.anonymous and not person.meta.avatar:
            assets[f"{person.page}avatar.svg"] = initials_svg(person.id, person.meta.name)
    return assets


def session_sections(session: AmaSession) -> tuple[list, list]:
    """A session's answered and unanswered questions, each in slug order."""
    ordered = sorted(session.questions, key=lambda q: (q.meta.date or session.meta.date, q.slug))
    return [q for q in ordered if q.answered], [q for q in ordered if not q.answered]


__all__ = ["PERSON_FORMATS", "SiteContext", "SiteOptions", "site_context"]
