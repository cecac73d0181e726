"""Pages, and the parts of pages that feeds quote, written from templates and fragments.

A page is written once, with links relative to it and permalinks on its headings; a feed item
is written from the same templates and macros, with absolute links and no permalinks, title or
navigation. Both place the bodies' fragments, rendered once; neither renders Markdown.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

import jinja2
from jinja2.utils import htmlsafe_json_dumps
from markdown.extensions.toc import nest_toc_tokens, slugify, unique
from markupsafe import Markup, escape

from polyvox.content.model import link_to
from polyvox.content.safety import inert
from polyvox.credit import ledger as credit
from polyvox.i18n import Translator
from polyvox.render.fragments import Body, Fragment, Renderer
from polyvox.render.quoting import quotable
from polyvox.site.bodies import Bodies, grouped_by_kind, shows_question_text
from polyvox.site.templates import (
    TrustedText,
    as_markup,
    environment,
    permalink_for,
    relative_from,
)
from polyvox.site.view import SiteContext, nav_section


@dataclass(frozen=True)
class GeneratedPage:
    """One page of the site: its URL (relative, '' for home), title, HTML, metadata and toc."""

    url: str
    title: str
    html: str
    meta: dict = field(default_factory=dict)
    """What the theme reads besides the content: polyvox_jsonld, polyvox_feeds,
    polyvox_fediverse, a banner."""
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
        """The path an engine knows the page by, as if it were a file in docs_dir."""
        return f"{self.url}index.md"

    @property
    def stub(self) -> str:
        """What mkdocs is handed as the page's Markdown: nothing to convert, but different
        whenever the page is."""
        described = json.dumps([self.title, self.meta, self.toc], sort_keys=True)
        digest = hashlib.sha256((described + self.html).encode("utf-8", "surrogatepass"))
        return f"<!-- polyvox page {digest.hexdigest()[:24]} -->\n"


def error_page(url: str, problems: list[str], translator: Translator) -> GeneratedPage:
    """What a live preview shows at a page's address while the content has errors."""
    title = translator("preview_errors")
    items = "".join(f"<li><code>{escape(problem)}</code></li>\n" for problem in problems)
    html = (
        f'<h1 id="_errors">{escape(title)}</h1>\n<p>{escape(translator("preview_errors_text"))}'
        f'</p>\n<ul class="pv-errors">\n{items}</ul>\n'
    )
    return GeneratedPage(url, str(escape(title)), html, {"title": str(escape(title))})


FEED_PARTS = {
    "piece": '{% from "partials/contribution.html" import piece_content with context %}'
    '{% if piece.meta.lang %}<div lang="{{ piece.meta.lang }}">{% endif %}'
    "{{ part(piece.anchor, piece_content, piece) }}{% if piece.meta.lang %}</div>{% endif %}",
    "question": '{% from "partials/question.html" import question_content with context %}'
    '{% if q.meta.lang %}<div lang="{{ q.meta.lang }}">{% endif %}'
    "{{ part(q.anchor, question_content, q) }}{% if q.meta.lang %}</div>{% endif %}",
    "turn": '{% from "partials/question.html" import turn_content with context %}'
    '{% if q.meta.lang %}<div lang="{{ q.meta.lang }}">{% endif %}'
    "{{ part(q.turn_anchor(index), turn_content, q, index) }}{% if q.meta.lang %}</div>{% endif %}",
}
"""The parts of a page a feed item quotes, written with the same macros as the page."""


class Assembly:
    """Writes pages, and what feeds quote, from the templates and the bodies' fragments."""

    def __init__(
        self,
        site: SiteContext,
        renderer: Renderer,
        fragments: dict[Body, Fragment],
        env: jinja2.Environment | None = None,
    ):
        self.site = site
        self.fragments = fragments
        self.env = env or environment(site.options.template_dirs, site.t.translations)
        """The templates, compiled once (a live preview keeps them while the theme is as it was)."""
        self.chrome = _Chrome(renderer)
        self.permalink = permalink_for(renderer.setup)
        self.text = TrustedText(site.t)
        """The translator templates use, one per build (it remembers plain strings)."""
        self._parts = {name: self.env.from_string(source) for name, source in FEED_PARTS.items()}
        self._quoted_parts: dict[tuple[str, str], Markup] = {}
        """The parts feeds quote, by page and anchor: a whole issue's item quotes its pieces
        as their own items did, written once."""

    def page(self, url: str, template: str, context: dict) -> GeneratedPage:
        """One page of the site, its links relative to it, its headings with permalinks."""
        outline = _Outline(self.permalink)
        context.setdefault("own_feeds", [])
        relative = relative_from(url)
        html = self._render(self.env.get_template(template), outline, context, relative, url)
        title = str(escape(context["title"]))  # the theme prints a page's title as HTML
        meta = page_meta(self.site, context, title, url)
        return GeneratedPage(url, title, html, meta, outline.toc(), tuple(outline.fragments))

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
        address, part = _absolute_from(self.site), partial(self._quoted_part, absolute)
        return self._render(compiled, outline, context, address, None, part).strip()

    def _quoted_part(self, page: str, anchor: str, content, *args) -> Markup:
        """A part as feeds quote it, written once per page and anchor (see _part)."""
        if not callable(content):
            return content
        key = (page, anchor)
        if key not in self._quoted_parts:
            self._quoted_parts[key] = content(*args)
        return self._quoted_parts[key]

    def _render(self, template, outline, context, address, here: str | None, part=None) -> str:
        """Render a template with the helpers every template may use."""
        site = self.site
        return template.render(
            site=site,
            feeds=site.newsletter_feeds + site.ama_feeds + context["own_feeds"],
            t=self.text,
            md=self.chrome.markdown,
            person=site.people.__getitem__,
            url=as_markup(address),
            part=part or _part,
            page_only=partial(_page_only, here is None),
            heading=outline.heading,
            body=lambda body: outline.body(self.fragments[body]),
            bodies=Bodies,
            kinds=grouped_by_kind,
            question_title=credit.question_title,
            question_heading=_question_heading,
            shows_text=shows_question_text,
            site_name=site.options.site_name,
            link_to=link_to,
            for_feed=here is None,
            **context,
        )


def _question_heading(text: str) -> str:
    """A question's heading on its page: its first sentence, whole."""
    return credit.question_heading(text)[0]


def _part(anchor: str, content, *args) -> Markup:
    """A part of a page that a feed item also quotes (a piece, a question, a turn), written by
    its macro and the macro's arguments; feeds quote it once per item it stands in (a piece's
    own item, and its whole issue's). Templates written for earlier releases pass the markup
    itself, shown as it is."""
    return content(*args) if callable(content) else content


def _page_only(for_feed: bool, markup: Markup) -> Markup:
    """What only the page shows, never the feeds that quote it (its title, its navigation)."""
    return Markup("") if for_feed else markup


def _absolute_from(site: SiteContext) -> Callable[[str], str]:
    """A function giving the absolute URL of a site path, for feeds."""
    return lambda target: site.link(target) or target


def page_meta(site: SiteContext, context: dict, title: str, url: str) -> dict:
    """What the theme reads of a page at `url` besides its content (the title HTML-escaped
    already)."""
    meta: dict = {"title": title}
    section = nav_section(url)
    if section is not None:
        meta["polyvox_section"] = section
    creator = site.fediverse_creator(url)
    if creator:
        meta["polyvox_fediverse"] = creator
    if context.get("jsonld") is not None:
        meta["polyvox_jsonld"] = str(htmlsafe_json_dumps(context["jsonld"], separators=(",", ":")))
    ama = site.ama_feeds if url == "" or url.startswith("ama/") else []  # where AMAs are read
    feeds = site.newsletter_feeds + ama + context.get("own_feeds", [])
    if feeds:
        meta["polyvox_feeds"] = feeds
    if context.get("banner"):
        meta["polyvox_draft"] = str(context["banner"])
    if context.get("hide_toc"):
        meta["hide"] = ["toc"]
    return meta


class _Chrome:
    """Renders the theme's own Markdown strings (translations with emphasis or code) once."""

    def __init__(self, renderer: Renderer):
        self.renderer = renderer
        self._done: dict[str, Markup] = {}

    def markdown(self, text: str) -> Markup:
        """A trusted Markdown string as HTML."""
        if text not in self._done:
            self._done[text] = Markup(self.renderer.one(Body(str(text), "", under=0)).html)
        return self._done[text]


class _Outline:
    """A page's headings in the order the template writes them, ids unique on the page."""

    def __init__(self, permalink: Callable[[str], Markup], *, quoted_at: str | None = None):
        self.permalink = permalink
        self.quoted_at = quoted_at
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
        return Markup(f'<{tag} id="{escape(anchor)}">{label}{self.permalink(anchor)}</{tag}>')

    def body(self, fragment: Fragment) -> Markup:
        """A body's fragment, its headings entering the table of contents."""
        for level, anchor, name in fragment.headings:
            self.ids.add(anchor)
            self.tokens.append({"level": level, "id": anchor, "name": name})
        if self.quoted_at:
            return Markup(quotable(fragment.html, self.quoted_at))
        self.fragments.append(fragment.html)
        return Markup(fragment.html)

    def toc(self) -> list:
        """The headings nested as Python-Markdown nests them."""
        return nest_toc_tokens([dict(token) for token in self.tokens])
