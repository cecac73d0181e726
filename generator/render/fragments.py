"""Members' Markdown rendered once per body into HTML fragments, on every core, cached on disk.

A body is rendered with the site's own Python-Markdown configuration (mkdocs.yml's
`markdown_extensions`), so a fragment is the HTML mkdocs would have made of it. Every output
(pages, feeds, the search text, the email edition) is assembled from these fragments: nothing
renders a body twice. No mkdocs here: the engine adapter hands the configuration over as data.
"""

from __future__ import annotations

import hashlib
import html
import json
import multiprocessing
import os
import posixpath
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from functools import cached_property
from importlib.metadata import PackageNotFoundError, version
from urllib.parse import unquote

import markdown
from markdown.extensions.toc import slugify as default_slugify
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor

from polyvox.content.layout import item_anchor, published_address
from polyvox.content.links import rebased, scheme_of
from polyvox.content.model import relative_url
from polyvox.content.safety import fragment_faults
from polyvox.errors import PolyvoxError
from polyvox.fingerprint import package_fingerprint
from polyvox.render.cache import FragmentCache

REQUIRED_EXTENSIONS = ("toc", "attr_list", "md_in_html", "admonition", "pymdownx.superfences")
"""Markdown extensions a site always has (anchors, attribute lists, HTML blocks, tips, and code
fenced as `polyvox check` reads it: superfences, whose fences the check finds with its own
rules, in place of Python-Markdown's fenced_code, which reads some fences otherwise)."""
POOL_THRESHOLD = 200
"""Below this many bodies to render, a process pool costs more than it saves."""
CHUNK = 64
"""Bodies sent to a worker at a time: large enough to keep the pipe quiet."""
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
RENDERING = 3
"""Bumped when the same body and setup render differently, so cached fragments are remade."""
RENDERER_PACKAGES = ("markdown", "pymdown-extensions", "pygments")
"""Packages whose version changes what a body renders to, so they key the cache."""


@dataclass(frozen=True)
class MarkdownSetup:
    """The site's Python-Markdown configuration: extension names and their options."""

    extensions: tuple[str, ...] = (*REQUIRED_EXTENSIONS, "tables")
    configs: Mapping[str, Mapping] = field(default_factory=dict)

    @cached_property
    def fingerprint(self) -> str:
        """What makes two setups render alike: extensions, options, renderer versions."""
        described = {
            "extensions": list(self.extensions),
            "configs": {name: dict(self.configs[name]) for name in sorted(self.configs)},
            "versions": {name: _installed(name) for name in RENDERER_PACKAGES},
            "polyvox": [package_fingerprint(), RENDERING],
        }
        return _digest(json.dumps(described, sort_keys=True, default=_qualified_name))

    def markdown(self) -> markdown.Markdown:
        """A Python-Markdown instance of this setup, ready to convert many bodies."""
        configs = {name: dict(options) for name, options in self.configs.items()}
        return markdown.Markdown(extensions=list(self.extensions), extension_configs=configs)


def titled_permalinks(setup: MarkdownSetup, title: str) -> MarkdownSetup:
    """The setup with the title of heading permalinks (what a reader's pointer or screen reader
    is told of the ¶ mark) in the site's language, unless mkdocs.yml gives the toc its own."""
    toc = dict(setup.configs.get("toc") or {})
    if "permalink_title" in toc:
        return setup
    return replace(setup, configs={**setup.configs, "toc": {**toc, "permalink_title": title}})


@dataclass(frozen=True)
class Body:
    """One member-written body and where it is shown: what a fragment is rendered from."""

    text: str
    page: str
    """The site path of the page that shows it, e.g. `issues/2026-09/`."""
    written_in: str | None = None
    """The folder (site path) its file sits in, when not the page's own: relative links and
    images are rebased so they keep pointing where the member meant."""
    anchor: str = ""
    """The item it belongs to: its headings' ids start with it, so two pieces' headings never
    share an id on one page."""
    under: int = 1
    """The level of the page's heading it is shown under: its own top heading goes one level
    below (0: a free page, whose `#` is the page's title, or which sits under the title the
    theme adds)."""
    source: str = field(default="", compare=False)
    """The content file it comes from (for messages only: it does not change the HTML)."""

    @property
    def key(self) -> str:
        """The body's identity for the cache, apart from the setup."""
        where = [self.page, self.written_in or "", self.anchor, str(self.under)]
        return _digest("\0".join([*where, self.text]))


@dataclass(frozen=True)
class Fragment:
    """A rendered body: its HTML, its headings (level, id, name) in order, and what in it the
    allowlist for members' HTML refuses (line, message), judged once, where it was rendered."""

    html: str
    headings: tuple[tuple[int, str, str], ...] = ()
    faults: tuple[tuple[int, str], ...] = ()

    def as_json(self) -> str:
        """The fragment as cache text."""
        return json.dumps([self.html, self.headings, self.faults], ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Fragment:
        """A fragment back from cache text (ValueError or TypeError when it is not one)."""
        html, headings, faults = json.loads(text)
        if not isinstance(html, str):
            raise TypeError("fragment HTML is not text")
        return cls(
            html,
            tuple((int(level), str(i), str(n)) for level, i, n in headings),
            tuple((int(line), str(message)) for line, message in faults),
        )


EMPTY = Fragment("")


class Renderer:
    """Turns bodies into fragments with one setup: from the cache, or rendered in a pool."""

    def __init__(
        self, setup: MarkdownSetup, cache: FragmentCache | None = None, *, workers: int = 0
    ):
        self.setup = setup
        self.cache = cache
        self.workers = workers or os.cpu_count() or 1
        self.rendered = 0
        """How many bodies this renderer converted (not taken from the cache), for reports."""
        self._memory: dict[str, Fragment] = {}

    def render(self, bodies: Iterable[Body]) -> dict[Body, Fragment]:
        """The fragment of every body; each distinct body is converted at most once."""
        bodies = list(bodies)
        wanted = {body: self._cache_key(body) for body in bodies if body.text.strip()}
        self._recall(key for key in wanted.values() if key not in self._memory)
        missing = {key: body for body, key in wanted.items() if key not in self._memory}
        if missing:
            converted = self._convert(list(missing.values()))
            self.rendered += len(converted)
            self._memory.update(zip(missing, converted, strict=True))
            if self.cache:
                self.cache.put_many({key: self._memory[key].as_json() for key in missing})
        return {body: self._memory[key] for body, key in wanted.items()} | {
            body: EMPTY for body in bodies if not body.text.strip()
        }

    def one(self, body: Body) -> Fragment:
        """The fragment of a single body."""
        return self.render([body])[body]

    def _cache_key(self, body: Body) -> str:
        """The key of a body's fragment: the body and the setup it is rendered with."""
        return _digest(self.setup.fingerprint + body.key)

    def _recall(self, keys: Iterable[str]) -> None:
        """Take into memory the fragments the disk cache holds whole for these keys."""
        if not self.cache:
            return
        for key, text in self.cache.get_many(keys).items():
            try:
                self._memory[key] = Fragment.from_json(text)
            except (ValueError, TypeError):
                continue  # a damaged entry is rendered again, never trusted

    def _convert(self, bodies: Sequence[Body]) -> list[Fragment]:
        """Convert bodies, on every core when there are enough to be worth a pool."""
        if len(bodies) < POOL_THRESHOLD or self.workers < 2 or not _can_fork():
            convert = _converter(self.setup)
            return [convert(body) for body in bodies]
        chunks = [bodies[i : i + CHUNK] for i in range(0, len(bodies), CHUNK)]
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(self.workers, mp_context=context) as pool:
            done = pool.map(_convert_chunk, [self.setup] * len(chunks), chunks)
            return [fragment for chunk in done for fragment in chunk]


def _convert_chunk(setup: MarkdownSetup, bodies: Sequence[Body]) -> list[Fragment]:
    """A worker's share: convert a chunk of bodies with the worker's own Markdown instance."""
    convert = _converter(setup)
    return [convert(body) for body in bodies]


_CONVERTERS: dict[str, Callable[[Body], Fragment]] = {}


def _converter(setup: MarkdownSetup) -> Callable[[Body], Fragment]:
    """This process's converter for a setup (one Markdown instance, reused body after body)."""
    if setup.fingerprint not in _CONVERTERS:
        _CONVERTERS[setup.fingerprint] = _make_converter(setup)
    return _CONVERTERS[setup.fingerprint]


def _make_converter(setup: MarkdownSetup) -> Callable[[Body], Fragment]:
    """A function converting one body with a Markdown instance of the setup."""
    md = setup.markdown()
    links = ContentLinks(md)
    md.treeprocessors.register(links, "polyvox_content_links", 1)  # after links are made
    md.postprocessors.register(RawContentLinks(md, links), "polyvox_raw_content_links", 35)
    outline = HeadingOutline(md)
    md.treeprocessors.register(outline, "polyvox_heading_outline", 6)  # before toc reads them
    toc = md.treeprocessors["toc"] if "toc" in md.treeprocessors else None  # noqa: SIM401
    slugify = toc.slugify if toc else default_slugify

    def convert(body: Body) -> Fragment:
        text = body.text
        if body.written_in is not None:
            text = rebased(text, body.written_in, body.page)
        if toc:  # the toc extension reads its slug function per conversion: prefix the item's
            toc.slugify = _prefixed(slugify, body.anchor)
        links.page, links.anchor = body.page, body.anchor
        outline.under = body.under
        try:
            html = md.reset().convert(text)
        except RecursionError:  # `polyvox check` refuses such nesting first (MAX_NESTING)
            _CONVERTERS.pop(setup.fingerprint, None)  # its parser's state is left half-way
            raise RenderError(
                f"{body.source or body.page}: the site's renderer cannot follow blocks nested "
                "this deep: flatten the lists, quotes or indented blocks"
            ) from None
        faults = tuple((f.line, f.message) for f in fragment_faults(html)) if html else ()
        return Fragment(html, tuple(_flatten(getattr(md, "toc_tokens", []))), faults)

    return convert


class RenderError(PolyvoxError):
    """A body the renderer cannot render: the message names its file and the fix."""


class ContentLinks(Treeprocessor):
    """Links to a content file (`../2026-10/piece.md`, `/contributors/amara-okafor`) or to a
    page of the site point where it is published (its issue page and anchor, a profile, a
    question's anchor, a free page), relative to the page, anchors kept (see `site_href`)."""

    page = ""
    """The site path of the page the body being converted is shown on."""
    anchor = ""
    """The item the body belongs to: its headings' ids start with it."""
    ids: frozenset[str] = frozenset()
    """The ids of the body being converted, for links to its own headings."""

    def run(self, root) -> None:
        """Rewrite every link written as a path inside the site."""
        self.ids = frozenset(e.get("id") for e in root.iter() if e.get("id"))
        for link in root.iter("a"):
            self.rewrite(link)

    def rewrite(self, link) -> None:
        """Point one <a> element where its path is published."""
        target = self.target(link.get("href") or "")
        if target is not None:
            link.set("href", target)

    def target(self, href: str) -> str | None:
        """Where an href leads from this body's page, or None to leave it as written."""
        return site_href(href, self.page, item=self.anchor, ids=self.ids)


class HeadingOutline(Treeprocessor):
    """A body's headings placed under the page heading it is shown under: its top level goes
    one below it and no level is skipped (members write `###` where `##` was meant, and a
    reader's screen reader follows the levels), whatever the levels the member wrote. It moves
    every heading Python-Markdown made (ATX or underlined, in a quote or a list), and nothing
    else, since it reads the headings the renderer found rather than the body's lines again."""

    under = 1
    """The level of the page's heading the body being converted is shown under."""

    def run(self, root) -> None:
        """Renumber h1 to h6 in document order."""
        headings = [e for e in root.iter() if e.tag in HEADINGS]
        if headings:
            levels = [int(e.tag[1]) for e in headings]
            for heading, level in zip(headings, outline(levels, self.under), strict=True):
                heading.tag = f"h{level}"


def outline(levels: list[int], under: int) -> list[int]:
    """Heading levels as written, placed under a heading of level `under`: the highest goes
    to under + 1, each at most one below the one before, none deeper than 6. Under 0 (a free
    page), a written `#` stays the page's title; without one, the body sits under the title
    the theme adds."""
    top = under + 1 if under else (1 if min(levels) == 1 else 2)
    placed, previous = [], top - 1
    for level in levels:
        previous = min(6, level - min(levels) + top, previous + 1)
        placed.append(previous)
    return placed


class RawContentLinks(Postprocessor):
    """The same rewriting for the <a href> members write as raw HTML, which Python-Markdown
    keeps aside as text until its last step (runs just before it is put back)."""

    def __init__(self, md: markdown.Markdown, links: ContentLinks):
        super().__init__(md)
        self.links = links

    def run(self, text: str) -> str:
        """Rewrite the hrefs of the raw HTML kept aside; the text itself is left as it is."""
        stash = self.md.htmlStash.rawHtmlBlocks
        for index, block in enumerate(stash):
            if isinstance(block, str) and "href" in block:
                stash[index] = RAW_HREF.sub(self._rewritten, block)
        return text

    def _rewritten(self, match: re.Match) -> str:
        """One href attribute, pointed where its path is published."""
        target = self.links.target(html.unescape(match[3]))
        if target is None:
            return match[0]
        return f"{match[1]}{match[2]}{html.escape(target, quote=True)}{match[2]}"


RAW_HREF = re.compile(r"""(<a\b[^<>]*?\bhref\s*=\s*)(["'])([^"'<>]*)\2""", re.IGNORECASE)
"""A quoted href on an <a> tag of raw HTML (in the text, '<' of code is escaped already)."""


def site_href(
    href: str, page: str, *, item: str = "", ids: frozenset[str] = frozenset()
) -> str | None:
    """The href, relative to page, of a link written as a path inside the site; None for an
    address elsewhere and for a file of its own (an image, a feed), which stay as written.

    The path is read from the page (a body's own relative paths are rebased to it first) or
    from the site's root: a content file with or without '.md', an issue's folder, a page the
    site makes. An anchor written to a piece or a question becomes its id on the page
    (`item_anchor`); one written to a heading of the body itself (`#how-it-works` in a piece)
    gets the body's `item` in front when that is the heading's id (`ids`).
    """
    path, _, anchor = href.strip().partition("#")
    if not path:
        own = item_anchor(item, anchor) if anchor else anchor
        return f"#{own}" if own != anchor and own in ids else None
    if scheme_of(path) is not None or path.startswith(("//", "\\")):
        return None
    written = unquote(path.partition("?")[0])
    rooted = written.startswith("/")
    below = posixpath.normpath(written.lstrip("/") if rooted else posixpath.join(page, written))
    below = "" if below == "." else below
    address = None if below.startswith("..") else published_address(below)
    if address is None:  # a file of its own: from the site's root, made relative
        if not rooted or below.startswith(".."):
            return None
        return _a_path(relative_url(below, page) + (f"#{anchor}" if anchor else ""))
    where, _, own_anchor = address.partition("#")
    relative = relative_url(where, page)
    relative = "./" if relative == "." else relative + "/"
    fragment = item_anchor(own_anchor, anchor)
    return _a_path(relative + (f"#{fragment}" if fragment else ""))


def _a_path(href: str) -> str:
    """A rewritten relative address that still reads as a path: one that would now read as
    a scheme ('javascript:x/') or a host ('//x') keeps './' in front."""
    if scheme_of(href) is not None or href.startswith(("//", "\\")):
        return f"./{href}"
    return href


def _prefixed(slugify: Callable[[str, str], str], anchor: str) -> Callable[[str, str], str]:
    """A slug function whose ids start with an item's anchor (itself when there is none)."""
    if not anchor:
        return slugify
    return lambda value, separator: f"{anchor}{separator}{slugify(value, separator)}"


def _flatten(tokens: list[dict]) -> Iterable[tuple[int, str, str]]:
    """Python-Markdown's nested toc tokens as (level, id, name), in document order."""
    for token in tokens:
        yield token["level"], token["id"], token["name"]
        yield from _flatten(token.get("children", []))


def _can_fork() -> bool:
    """Whether worker processes can start by forking this one (POSIX)."""
    return "fork" in multiprocessing.get_all_start_methods()


def _installed(package: str) -> str:
    """A package's installed version, or '' when it is not installed."""
    try:
        return version(package)
    except PackageNotFoundError:
        return ""


def _qualified_name(value: object) -> str:
    """A stable name for an option value JSON cannot write (a slug function, an object)."""
    kind = value if callable(value) else type(value)
    return f"{getattr(kind, '__module__', '')}.{getattr(kind, '__qualname__', repr(kind))}"


def _digest(text: str) -> str:
    """A short, stable digest of a text."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]
