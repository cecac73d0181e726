"""Read and validate a whole content tree into a Community, collecting every problem."""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from polyvox.content import safety, targets, validate
from polyvox.content.editorial import editorial_rules
from polyvox.content.layout import DocKind, Place, locate
from polyvox.content.links import Link, repeated_links, scheme_of
from polyvox.content.meta import validate_meta
from polyvox.content.model import (
    AmaSession,
    Community,
    Contribution,
    Contributor,
    Issue,
    Page,
    Question,
    open_issue_of,
)
from polyvox.content.problems import Problem, error
from polyvox.content.reader import RawDocument, parse_document, read_all, read_document
from polyvox.content.schema import (
    ID_KEYS_BY_SCHEMA,
    ContributionMeta,
    ContributorMeta,
    IssueMeta,
    PageMeta,
    QuestionMeta,
    SessionMeta,
)
from polyvox.content.turns import rendered_parts, split_turns
from polyvox.content.validate import HANDLE_KEYS
from polyvox.i18n.phrases import Phrase, phrase

DEFAULT_MAX_BYTES = 1_000_000
DEFAULT_REPEAT_WINDOW = 3
SCHEMA_BY_KIND = {
    DocKind.CONTRIBUTOR: ContributorMeta,
    DocKind.ISSUE: IssueMeta,
    DocKind.CONTRIBUTION: ContributionMeta,
    DocKind.SESSION: SessionMeta,
    DocKind.QUESTION: QuestionMeta,
    DocKind.PAGE: PageMeta,
}


@dataclass
class Loaded:
    """The result of reading content/: the community (None if any error) and every problem."""

    community: Community | None
    problems: list[Problem]
    files_read: int
    anchored: list[targets.Anchored] = field(default_factory=list)
    """Links that name an anchor, resolved: the headings they name are checked once bodies
    are rendered (polyvox.render.anchors)."""


@dataclass
class _Parts:
    """Validated documents gathered by kind before they are assembled into a Community."""

    contributors: dict[str, Contributor] = field(default_factory=dict)
    issues: dict[str, Issue] = field(default_factory=dict)
    contributions: dict[str, list[Contribution]] = field(default_factory=lambda: defaultdict(list))
    sessions: dict[str, AmaSession] = field(default_factory=dict)
    questions: dict[str, list[Question]] = field(default_factory=lambda: defaultdict(list))
    pages: list[Page] = field(default_factory=list)
    refs: list[validate.PersonRef] = field(default_factory=list)
    docs: dict[str, RawDocument] = field(default_factory=dict)
    assets: set[str] = field(default_factory=set)
    broken: set[str] = field(default_factory=set)
    """Ids (and piece refs) of files that exist but failed: no follow-on errors about them."""
    issue_links: dict[str, list[tuple[str, Link]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    """Web links published in each issue (editorial and pieces), with the file holding each."""
    site_links: list[targets.SiteLink] = field(default_factory=list)
    """Links and images that point inside the site, with the file holding each."""
    files: set[str] = field(default_factory=set)
    """Every Markdown file in the known layout (below content/), valid or not."""

    def merge(self, other: _Parts) -> None:
        """Add what another file's reading found."""
        self.contributors.update(other.contributors)
        self.issues.update(other.issues)
        for issue_id, pieces in other.contributions.items():
            self.contributions[issue_id] += pieces
        self.sessions.update(other.sessions)
        for session_id, questions in other.questions.items():
            self.questions[session_id] += questions
        self.pages += other.pages
        self.refs += other.refs
        self.docs.update(other.docs)
        self.assets |= other.assets
        self.broken |= other.broken
        for issue_id, links in other.issue_links.items():
            self.issue_links[issue_id] += links
        self.site_links += other.site_links
        self.files |= other.files


class LoadMemo:
    """What reading and checking each file found, kept until the file changes: a live
    preview reads again only the files its watcher saw change."""

    def __init__(self) -> None:
        self.files: dict[Path, tuple[_Parts, list[Problem]]] = {}
        self.community: Community | None = None
        """The community the last load assembled: issues and sessions made of the same
        objects are kept as they were."""
        self.listing: list[tuple[Path, str, tuple[str, ...]]] | None = None
        """Every file below content/ (path, path from the project, parts below content/),
        until a file is created or deleted."""

    def forget(self, paths: set[Path]) -> None:
        """Drop what was found in these files (absolute paths); a new or deleted file makes
        the folder be listed again."""
        for path in paths:
            if self.files.pop(path, None) is None or not path.exists():
                self.listing = None


def find_content_dir(path: Path) -> tuple[Path, Path]:
    """Return (project root, content dir) for a project folder or a content folder."""
    path = path.resolve()
    if (path / "content").is_dir():
        return path, path / "content"
    return path.parent, path


def load_community(
    root: Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    repeated_links_within: int = DEFAULT_REPEAT_WINDOW,
    read: Callable[..., tuple[RawDocument | None, list[Problem]]] = read_document,
    today: date | None = None,
    added: frozenset[str] = frozenset(),
    memo: LoadMemo | None = None,
    claimed_before: dict[str, dict[str, str]] | None = None,
) -> Loaded:
    """Read every file under content/, validate each, then across files.

    `read` reads one file (the default reads every file on every core, for many files);
    `today` turns on the rules about dates that have passed; `added` names the files (relative
    to the project) that are new in this change, for the rules about pieces being added;
    `memo` keeps what each file gave until it changes (a live preview); `claimed_before`
    gives, for the profiles this change touches, the accounts each claimed on the base branch
    (see claims_on_base), for the rule about new claims.
    """
    project, content_dir = find_content_dir(root)
    if not content_dir.is_dir():
        return Loaded(None, [error(str(root), None, phrase("no_content_folder"))], 0)
    parts, problems = _Parts(), []
    if memo is not None and memo.listing is not None:
        named = memo.listing
    else:
        named = [
            (path, path.relative_to(project).as_posix(), path.relative_to(content_dir).parts)
            for path in _content_files(content_dir)
        ]
    if memo is not None:
        memo.listing = named
    if read is read_document and memo is None:
        markdown = [(path, rel) for path, rel, _ in named if path.suffix == ".md"]
        read = read_all(markdown, max_bytes=max_bytes)
    for path, rel, where in named:
        if memo is None:
            problems += _read_one(
                path, rel, where, content_dir, parts, max_bytes=max_bytes, read=read
            )
            continue
        if path not in memo.files:
            own = _Parts()
            found = _read_one(path, rel, where, content_dir, own, max_bytes=max_bytes, read=read)
            memo.files[path] = (own, found)
        own, found = memo.files[path]
        parts.merge(own)
        problems += found
    unread = _unread_issues(parts)
    community = _assemble(parts, memo.community if memo else None)
    if memo is not None:
        memo.community = community
    problems += _missing_indexes(parts, project, content_dir)
    problems += validate.cross_file(
        community, parts.refs, parts.docs, content_dir, project, broken=parts.broken
    )
    problems += repeated_links(parts.issue_links, within=repeated_links_within)
    site = targets.site_map(
        community, files=parts.files, images=parts.assets, content=content_dir.name
    )
    link_problems, anchored = targets.link_problems(site, parts.site_links)
    problems += link_problems
    problems += editorial_rules(
        community, parts.docs, today=today, added=added, numbering_known=not unread
    )
    if claimed_before is not None:
        problems += validate.new_claims(community, parts.docs, claimed_before)
    has_errors = any(p.severity == "error" for p in problems)
    problems.sort(key=lambda p: (p.path, p.line or 0, p.message))
    return Loaded(None if has_errors else community, problems, len(named), anchored)


def _content_files(content_dir: Path):
    """Yield every file below content/ in a stable order, skipping hidden names."""
    for folder, dirs, names in os.walk(content_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        yield from (Path(folder, d) for d in dirs if Path(folder, d).is_symlink())
        for name in sorted(names):
            if not name.startswith("."):
                yield Path(folder, name)


def _read_one(
    path: Path,
    rel: str,
    parts: tuple[str, ...],
    content_dir: Path,
    into: _Parts,
    *,
    max_bytes: int,
    read: Callable[..., tuple[RawDocument | None, list[Problem]]],
) -> list[Problem]:
    """Read, locate and validate one file, adding what it holds to `into`."""
    place = locate(parts)
    if not isinstance(place, Place):
        return [error(rel, None, place)]
    if place.kind is DocKind.ASSET:
        into.assets.add("/".join(parts))  # a refused image is named for itself, not as missing
    if fault := link_fault(path, parts, content_dir):
        return [error(rel, None, fault)]
    if place.kind is DocKind.ASSET:
        return safety.check_asset(path, rel, max_bytes=max_bytes) if path.is_file() else []
    into.files.add("/".join(parts))
    raw, problems = read(path, rel, max_bytes=max_bytes)
    if raw is not None:
        problems += _check_body(raw, place, path.parent, content_dir, into)
    if raw is not None and not raw.meta and place.kind is not DocKind.PAGE:
        raw, problems = None, [*problems, error(rel, 1, phrase("front_matter_missing"))]
    meta, meta_problems = validate_meta(raw, SCHEMA_BY_KIND[place.kind]) if raw else (None, [])
    problems += meta_problems
    if meta is None:
        into.broken.add("/".join(place.ids))
        return problems
    into.docs[rel] = raw
    into.refs += validate.person_refs(raw, meta, ID_KEYS_BY_SCHEMA[type(meta)])
    if isinstance(meta, ContributorMeta):
        problems += safety.link_problems(
            profile_links(raw, meta), rel, folder=path.parent, content_dir=content_dir
        )
    return problems + _add_document(place, raw, meta, into)


def link_fault(path: Path, parts: tuple[str, ...], content_dir: Path) -> Phrase | None:
    """Why a symbolic link in content/ may not be followed, or None: only to a file of its own
    kind, inside content/, that is published whenever the link is (an image of a draft issue
    reached from assets/ would publish it early; a piece reached as an image, its text)."""
    if not path.is_symlink():
        return None
    target, root = path.resolve(), content_dir.resolve()
    if not target.is_relative_to(root):
        return phrase("symlink_outside")
    there = target.relative_to(root).parts
    where = f"{content_dir.name}/{'/'.join(there)}"
    if not target.is_file():
        return phrase("symlink_not_file", where=where)
    here, that = locate(parts), locate(there)
    if not isinstance(that, Place) or that.kind is not here.kind or not _same_type(parts, there):
        return phrase(
            "symlink_other_kind",
            where=where,
            what=_described(that, there),
            folder=content_dir.name,
        )
    if _shown_with(there) not in (None, _shown_with(parts)):
        kind, item = _shown_with(there)
        return phrase(f"symlink_published_with_{kind}", where=where, item=item)
    return None


KIND_NAMES = {
    DocKind.CONTRIBUTOR: phrase("kind_a_profile"),
    DocKind.ISSUE: phrase("kind_an_issue_index"),
    DocKind.CONTRIBUTION: phrase("kind_a_piece"),
    DocKind.SESSION: phrase("kind_a_session_index"),
    DocKind.QUESTION: phrase("kind_a_question"),
    DocKind.PAGE: phrase("kind_a_page"),
}


def _described(place: Place | Phrase, parts: tuple[str, ...]) -> Phrase:
    """What a file below content/ is, for a message: 'a piece', 'a .png image'..."""
    if not isinstance(place, Place):
        return phrase("kind_outside_layout")
    if place.kind is DocKind.ASSET:
        suffix = Path(parts[-1]).suffix.lower()
        return phrase("kind_image", suffix=suffix) if suffix else phrase("kind_image_no_suffix")
    return KIND_NAMES[place.kind]


def _same_type(here: tuple[str, ...], there: tuple[str, ...]) -> bool:
    """Whether two paths name files of one type (their extensions, whatever the case)."""
    return Path(here[-1]).suffix.lower() == Path(there[-1]).suffix.lower()


def _shown_with(parts: tuple[str, ...]) -> tuple[str, str] | None:
    """The issue or session a file below content/ is published with, or None if always."""
    if parts[0] in ("issues", "ama") and len(parts) > 2:
        return ("issue" if parts[0] == "issues" else "session", parts[1])
    return None


def _check_body(
    raw: RawDocument, place: Place, folder: Path, content_dir: Path, into: _Parts
) -> list[Problem]:
    """Check a body for active content and bad links; keep an issue's web links for later."""
    problems, links = [], []
    for text, line in _rendered_texts(raw, place):
        found, held = safety.check_body(text, line, raw.rel, folder=folder, content_dir=content_dir)
        problems, links = [*problems, *found], [*links, *held]
    below = folder.relative_to(content_dir).as_posix()
    into.site_links += [
        targets.SiteLink(raw.rel, below, link) for link in links if targets.is_site_link(link)
    ]
    if place.kind in (DocKind.ISSUE, DocKind.CONTRIBUTION):
        into.issue_links[place.ids[0]] += [
            (raw.rel, link)
            for link in links
            if not link.is_image and scheme_of(link.url) in ("http", "https")
        ]
    return list(problems)


def _rendered_texts(raw: RawDocument, place: Place) -> list[tuple[str, int]]:
    """The texts a file's body is rendered as, each with its first line: a question file's
    question and turns each apart (as the renderer has them), any other body whole."""
    if place.kind is DocKind.QUESTION:
        return rendered_parts(raw.body, raw.body_line)
    return [(raw.body, raw.body_line)]


def profile_links(raw: RawDocument, meta: ContributorMeta) -> list[Link]:
    """The web links a profile's front matter lists, each on its own line."""
    return [Link(url, raw.line_of("links", k), f"'links.{k}'") for k, url in meta.links.items()]


def _add_document(place: Place, raw: RawDocument, meta, into: _Parts) -> list[Problem]:
    """Turn a validated document into its model object and file it by kind."""
    rel, body = raw.rel, raw.body.strip()
    match place.kind:
        case DocKind.CONTRIBUTOR:
            into.contributors[place.ids[0]] = Contributor(place.ids[0], meta, body, rel)
        case DocKind.ISSUE:
            into.issues[place.ids[0]] = Issue(place.ids[0], meta, body, rel)
        case DocKind.CONTRIBUTION:
            issue_id, slug = place.ids
            into.contributions[issue_id].append(Contribution(issue_id, slug, meta, body, rel))
        case DocKind.SESSION:
            into.sessions[place.ids[0]] = AmaSession(place.ids[0], meta, body, rel)
        case DocKind.QUESTION:
            session_id, slug = place.ids
            text, turns, problems = split_turns(raw.body, raw.body_line, rel)
            into.refs += [validate.PersonRef(rel, t.line, t.person, t.kind) for t in turns]
            into.questions[session_id].append(
                Question(session_id, slug, meta, text, tuple(turns), rel)
            )
            return problems
        case DocKind.PAGE:
            into.pages.append(Page(place.ids[0], meta, raw.body, rel))
    return []


def _unread_issues(parts: _Parts) -> set[str]:
    """Issues whose index.md failed its check: their pieces exist, so nothing that names one
    is reported as naming nothing (the index's own error is the cause to fix)."""
    unread = {i for i in parts.broken if f"issues/{i}/index.md" in parts.files}
    for issue_id in unread:
        parts.broken |= {f"{issue_id}/{piece.slug}" for piece in parts.contributions[issue_id]}
    return unread


def _assemble(parts: _Parts, earlier: Community | None = None) -> Community:
    """Attach contributions to issues and questions to sessions, in a stable order; an issue
    or a session made of the very objects it was made of `earlier` is that earlier object."""
    before_issues = {i.id: i for i in earlier.issues} if earlier else {}
    before_sessions = {s.id: s for s in earlier.sessions} if earlier else {}
    issues = tuple(
        _same_or(
            before_issues.get(i.id),
            Issue(i.id, i.meta, i.editorial, i.source, tuple(parts.contributions.get(i.id, ()))),
        )
        for i in sorted(parts.issues.values(), key=lambda i: i.id)
    )
    sessions = tuple(
        _same_or(
            before_sessions.get(s.id),
            AmaSession(s.id, s.meta, s.intro, s.source, tuple(parts.questions.get(s.id, ()))),
        )
        for s in sorted(parts.sessions.values(), key=lambda s: s.id)
    )
    aliases = {
        alias: person.id for person in parts.contributors.values() for alias in person.meta.aliases
    }
    return Community(
        contributors=dict(sorted(parts.contributors.items())),
        issues=issues,
        sessions=sessions,
        pages=tuple(sorted(parts.pages, key=lambda p: p.slug)),
        aliases=aliases,
        open_issue=open_issue_of(issues),
        assets=tuple(sorted(parts.assets)),
    )


def _same_or(before, made):
    """The earlier issue or session when the new one holds the very same objects (a live
    preview then keeps what it knows of it), else the new one."""
    if before is None or len(before.__dict__) != len(made.__dict__):
        return made
    for name, value in made.__dict__.items():
        old = before.__dict__[name]
        if isinstance(value, tuple):
            if len(old) != len(value) or any(a is not b for a, b in zip(old, value, strict=True)):
                return made
        elif old is not value and old != value:
            return made
    return before


def _missing_indexes(parts: _Parts, project: Path, content_dir: Path) -> list[Problem]:
    """Report issue and AMA folders whose pieces have no index.md to belong to."""
    rel = content_dir.relative_to(project).as_posix()
    problems = [
        error(
            f"{rel}/issues/{issue_id}",
            None,
            phrase("issue_without_index", index=f"{rel}/issues/{issue_id}/index.md"),
        )
        for issue_id in sorted(set(parts.contributions) - set(parts.issues) - parts.broken)
    ]
    problems += [
        error(
            f"{rel}/ama/{session_id}",
            None,
            phrase("session_without_index", index=f"{rel}/ama/{session_id}/index.md"),
        )
        for session_id in sorted(set(parts.questions) - set(parts.sessions) - parts.broken)
    ]
    return problems


def claims_on_base(files_on_base: dict[str, str | None] | None) -> dict[str, dict[str, str]] | None:
    """The accounts each profile claimed on the base branch, by path, from the base's texts
    of the profiles a change touches (a new profile claimed none); None if the base is unknown."""
    if files_on_base is None:
        return None
    claims = {}
    for rel, text in files_on_base.items():
        raw = parse_document(text, rel)[0] if text is not None else None
        meta = raw.meta if raw is not None else {}
        claims[rel] = {k: str(v) for k, v in meta.items() if k in HANDLE_KEYS}
    return claims
