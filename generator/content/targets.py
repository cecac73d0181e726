"""Where each link and image of a body leads on the site: resolved, or refused with a path that
would work.

Members write paths the way their editor and GitHub show files: relative to their own file
(`../2026-10/piece.md`), or from the site's root (`/contributors/amara-okafor.md`), with or
without `.md`, to a content file, to a page the site makes itself (a profile, a tag, the
archive), to a feed or to an image. Each is looked up in what content/ holds, names compared
exactly (a laptop's disk may ignore case; the server does not). What leads nowhere is refused
with the path that would work, written from the member's own file. The renderer then points
each link where its target is published (polyvox.render.fragments).
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import NamedTuple
from urllib.parse import unquote

from polyvox.content.layout import address_of
from polyvox.content.links import Link, link_fault, scheme_of, url_fault
from polyvox.content.model import GENERATED_PAGES, Community
from polyvox.content.problems import Problem, error, suggest
from polyvox.content.tags import tag_index
from polyvox.i18n.phrases import Phrase, phrase

LINKING_FORMS = ("link", "link definition", "<a href>", "attribute list 'href'")
"""How a body writes a link a reader follows."""
SHOWING_FORMS = ("image", "image definition", "<img src>", "<img srcset>", "attribute list 'src'")
"""How a body writes an image the page shows."""
FEED_NAMES = ("feed.xml", "atom.xml", "feed.json")
PERSON_FEED_NAMES = ("feed.xml", "atom.xml")
GENERIC_HINT = phrase("target_generic_hint")


class Target(NamedTuple):
    """What a link leads to: a path below content/ (a content file, an image) or a site path
    (a page the site makes, a feed), and the anchor written after '#'."""

    path: str
    kind: str
    """'file' (a content file), 'page', 'feed' or 'image'."""
    anchor: str = ""


@dataclass(frozen=True)
class SiteLink:
    """A link or image of a body that points inside the site, and where its file is."""

    source: str
    """The file holding it, as check names files ('content/issues/2026-10/piece.md')."""
    folder: str
    """That file's folder below content/ ('issues/2026-10')."""
    link: Link


@dataclass(frozen=True)
class Anchored:
    """A resolved link that names an anchor: on another content file's page, or on its own
    page (target None). The headings it may name are known only once bodies are rendered."""

    source: str
    line: int
    url: str
    target: Target | None
    anchor: str


@dataclass(frozen=True)
class SiteMap:
    """Everything a link may lead to: content files, images, the site's own pages and feeds."""

    files: frozenset[str]
    """Every Markdown file below content/ in the known layout, valid or not (a file with an
    error is reported for itself, never as missing in the links to it)."""
    images: frozenset[str]
    pages: frozenset[str]
    feeds: frozenset[str]
    drafts: frozenset[str]
    """Ids of the issues still in draft."""
    unpublished: frozenset[str]
    """Profiles the site never publishes (anonymous members'), as files and as pages."""
    content: str = "content"
    """The content folder's name, as a repository-root path starts with it."""


def is_site_link(link: Link) -> bool:
    """Whether a link or image points inside the site (a path, not an address elsewhere),
    and is left to this module: a malformed address, or an image from the site's root or
    outside content/, has its own message (polyvox.content.safety)."""
    url = link.url.strip()
    if link.form not in LINKING_FORMS and link.form not in SHOWING_FORMS:
        return False
    if not url or scheme_of(url) is not None or url.startswith(("//", "\\")):
        return False
    if link.form in SHOWING_FORMS and url.startswith(("/", "\\")):
        return False
    return url_fault(url) is None


def site_map(
    community: Community,
    *,
    files: Iterable[str],
    images: Iterable[str],
    content: str = "content",
    tag_feeds: bool = True,
) -> SiteMap:
    """What the site publishes and links may lead to, from the community and the files read."""
    files = frozenset(files)
    hidden = {
        p.source.partition("/")[2] for p in community.contributors.values() if p.meta.anonymous
    }
    hidden |= {address for path in hidden if (address := address_of(path))}
    pages = {page for page, _ in _published(community)}
    loaded = {source.partition("/")[2] for _, source in _published(community)}
    pages |= {a.partition("#")[0] for path in files - loaded if (a := address_of(path))}
    tags = [tag.page for tag in tag_index(community.issues)]
    pages = (pages | set(GENERATED_PAGES) | set(tags)) - hidden
    feeds = {f"{folder}{name}" for folder in ("", "ama/") for name in FEED_NAMES}
    followed = [p for p in pages if p.startswith("contributors/") and p != "contributors/"]
    feeds |= {f"{page}{name}" for page in followed for name in PERSON_FEED_NAMES}
    feeds |= {f"{page}{name}" for page in tags if tag_feeds for name in PERSON_FEED_NAMES}
    drafts = {issue.id for issue in community.issues if not issue.published}
    return SiteMap(
        files=files,
        images=frozenset(images),
        pages=frozenset(pages),
        feeds=frozenset(feeds),
        drafts=frozenset(drafts),
        unpublished=frozenset(hidden),
        content=content,
    )


def _published(community: Community) -> Iterator[tuple[str, str]]:
    """(page, source) of every content file the community holds (a file that failed its own
    check is not among them, and is given its page from its path)."""
    for issue in community.issues:
        yield issue.page, issue.source
        yield from ((issue.page, piece.source) for piece in issue.contributions)
    for session in community.sessions:
        yield session.page, session.source
        yield from ((session.page, question.source) for question in session.questions)
    yield from ((person.page, person.source) for person in community.contributors.values())
    yield from ((page.page, page.source) for page in community.pages)


def link_problems(site: SiteMap, links: Iterable[SiteLink]) -> tuple[list[Problem], list[Anchored]]:
    """Each link or image that leads nowhere on the site, or somewhere readers cannot follow;
    and the resolved links that name an anchor, for the check of headings."""
    problems, anchored = [], []
    for item in links:
        link = item.link
        if link.form in SHOWING_FORMS and _leaves_content(link.url, item.folder):
            continue  # refused with its own message (polyvox.content.safety)
        own = item.source.partition("/")[2]
        image = link.form in SHOWING_FORMS
        target = resolve(link.url, item.folder, site, own=own, image=image)
        fault = target if isinstance(target, Phrase) else _placement_fault(link, target, item, site)
        if fault:
            problems.append(error(item.source, link.line, link_fault(link, fault)))
        elif target.kind == "same page":
            anchored.append(Anchored(item.source, link.line, link.url, None, target.anchor))
        elif target.anchor:
            anchored.append(Anchored(item.source, link.line, link.url, target, target.anchor))
    return problems, anchored


def _leaves_content(url: str, folder: str) -> bool:
    """Whether a relative path climbs above content/ from a file of `folder`."""
    path = unquote(url.strip().partition("#")[0].partition("?")[0])
    return posixpath.normpath(posixpath.join(folder, path)).startswith("..")


def resolve(
    url: str, folder: str, site: SiteMap, *, own: str = "", image: bool = False
) -> Target | Phrase:
    """What a path written in the file `own` of `folder` (below content/) leads to, or why it
    leads nowhere (the end of a sentence naming the link or `image`, with the path that would
    work)."""
    written, _, anchor = url.strip().partition("#")
    written = unquote(written.partition("?")[0])
    if not written:
        return Target("", "same page", anchor)
    rooted = written.startswith("/")
    path = _normal(written.lstrip("/") if rooted else posixpath.join(folder, written))
    from_repository = _repository_path(written, rooted, folder, site)
    if from_repository is not None:
        return _from_repository_fault(from_repository, anchor, folder, site)
    if path.startswith(".."):
        return phrase("target_outside", content=site.content)
    target = locate(path, site)
    if target is not None:
        return target._replace(anchor=anchor)
    return _missing_fault(path, folder, site, own, image=image)


def locate(path: str, site: SiteMap) -> Target | None:
    """The content file, image, page or feed at a path below content/, or None.

    A content file may be named without '.md', and an issue's or a session's folder stands for
    its index.md; a page the site makes is named by its folder, with or without the final '/'
    or 'index.html'.
    """
    if path in site.files:
        return Target(path, "file")
    if path in site.images:
        return Target(path, "image")
    if path.lower().endswith(".md"):
        return None
    stem = path.removesuffix("index.html").rstrip("/")
    for candidate in (f"{stem}.md", f"{stem}/index.md"):
        if stem and candidate in site.files:
            return Target(candidate, "file")
    page = f"{stem}/" if stem else ""
    if page in site.pages:
        return Target(page, "page")
    if path in site.feeds:
        return Target(path, "feed")
    return None


def _normal(path: str) -> str:
    """A path without '.' and 'x/..' parts ('' for the root), its final '/' kept."""
    normal = posixpath.normpath(path) if path else "."
    normal = "" if normal == "." else normal
    return f"{normal}/" if path.endswith("/") and normal else normal


def _repository_path(written: str, rooted: bool, folder: str, site: SiteMap) -> str | None:
    """The path below content/ of a link written from the repository's root, as GitHub shows
    files (`/content/issues/...`, `content/issues/...`); None for any other link."""
    first, _, rest = written.lstrip("/").partition("/")
    if first != site.content or not rest:
        return None
    if not rooted and locate(_normal(posixpath.join(folder, written)), site) is not None:
        return None  # a folder that happens to share the content folder's name
    return _normal(rest)


def _from_repository_fault(path: str, anchor: str, folder: str, site: SiteMap) -> Phrase:
    """Why a repository-root path does not work on the site, with the path that would."""
    target = locate(path, site)
    meant = _written_from(folder, target.path) if target else _closest(path, folder, site, "")
    if meant and anchor:
        meant += f"#{anchor}"
    fix = phrase("target_write_from_here", meant=meant) if meant else GENERIC_HINT
    return phrase("target_from_repository", content=site.content, fix=fix)


def _missing_fault(path: str, folder: str, site: SiteMap, own: str, *, image: bool) -> Phrase:
    """Why a path leads nowhere, with the closest path that exists (never the file itself)."""
    meant = _closest(path, folder, site, own, image=image)
    hint = phrase("target_did_you_mean", meant=meant) if meant else None
    where = f"{site.content}/{path}"
    if path.lower().endswith(".md"):
        return phrase("target_not_content", where=where, hint=hint or GENERIC_HINT)
    if image or _is_file_name(path):
        hint = hint or phrase("target_add_file", content=site.content)
        if meant and meant.casefold() == _written_from(folder, path).casefold():
            return phrase("target_missing_case", where=where, hint=hint)
        return phrase("target_missing", where=where, hint=hint)
    example = _written_from(folder, "voices/")
    hint = hint or phrase("target_name_page", example=example)
    return phrase("target_not_page", path=path, hint=hint)


def _is_file_name(path: str) -> bool:
    """Whether a path names a file of its own (an image, a feed) rather than a page."""
    last = path.rstrip("/").rpartition("/")[2]
    return "." in last.strip(".") and not path.endswith("/")


def _placement_fault(link: Link, target: Target, item: SiteLink, site: SiteMap) -> Phrase | None:
    """Why a link to something that exists still fails readers: an image that is not an
    image, a profile never published, a draft's file or page seen from outside that draft."""
    if link.form in SHOWING_FORMS and target.kind != "image":
        return phrase("target_not_image", target=_shown_target(target, site))
    if target.path in site.unpublished:
        return phrase("target_anonymous")
    issue = _issue_of(target.path)
    if issue in site.drafts and _issue_of(item.folder + "/") not in site.drafts:
        if target.kind == "image":
            written = _written_from(item.folder, "assets/" + posixpath.basename(target.path))
            return phrase("target_draft_image", issue=issue, content=site.content, written=written)
        return phrase("target_draft", target=_shown_target(target, site), issue=issue)
    return None


def _shown_target(target: Target, site: SiteMap) -> str:
    """A target as a message names it: a file by its path in content/, a page by its address."""
    return (
        f"{site.content}/{target.path}" if target.kind in ("file", "image") else f"/{target.path}"
    )


def _issue_of(path: str) -> str | None:
    """The issue a path below content/ (or a site path) belongs to, if any."""
    parts = path.split("/")
    return parts[1] if len(parts) > 2 and parts[0] == "issues" else None


def _written_from(folder: str, path: str) -> str:
    """A path below content/ as written in a file of `folder`: relative, its final '/' kept."""
    relative = posixpath.relpath(path or ".", folder or ".")
    if path.endswith("/") or not path:
        relative = "./" if relative == "." else relative.rstrip("/") + "/"
    return relative


def _closest(path: str, folder: str, site: SiteMap, own: str, *, image: bool = False) -> str | None:
    """The path (written from `folder`) of what a wrong path most likely meant, or None."""
    found = next((p for p in _candidates(path, site, image) if p not in (path, own)), None)
    return _written_from(folder, found) if found else None


def _candidates(path: str, site: SiteMap, image: bool) -> Iterator[str]:
    """What a path may have meant, best first: the same path in another case, a close name in
    the same folder, the same name in another folder, then a close name anywhere."""
    wanted = path.rstrip("/")
    pool = _pool(path, site, image)
    yield from (p for p in pool if p.rstrip("/").casefold() == wanted.casefold())
    folder = _parent(wanted)
    near = {_stem(p): p for p in reversed(pool) if _parent(p) == folder}
    close = suggest(_stem(wanted), [s for s in near if s])
    if close:
        yield near[close]
    yield from (p for p in pool if _stem(p) == _stem(wanted))
    named = {_stem(p): p for p in reversed(pool) if not p.endswith("index.md")}
    close = suggest(_stem(wanted), list(named), cutoff=0.8)
    if close:
        yield named[close]


def _pool(path: str, site: SiteMap, image: bool) -> list[str]:
    """Where to look for what a path meant: images for an image (or a file name), else content
    files and pages (files first for a '.md' path, pages first for a path without one)."""
    if image or (_is_file_name(path) and not path.lower().endswith(".md")):
        return sorted(site.images)
    files, pages = sorted(site.files), sorted(p for p in site.pages if p)
    return files + pages if path.lower().endswith(".md") else pages + files


def _stem(path: str) -> str:
    """A path's last name without '.md' (names are compared without it: every file has it)."""
    name = posixpath.basename(path.rstrip("/"))
    return name[:-3] if name.lower().endswith(".md") else name


def _parent(path: str) -> str:
    """The folder a path below content/ (or a page's site path) sits in."""
    return posixpath.dirname(path.rstrip("/"))
