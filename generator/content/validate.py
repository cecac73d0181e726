"""Rules that span files: ids resolve, nothing is claimed twice, references lead somewhere."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

from polyvox.content.layout import session_date
from polyvox.content.model import GENERATED_PAGES, RESERVED_PAGES, Community
from polyvox.content.problems import Problem, error, suggest, warning
from polyvox.content.reader import RawDocument


@dataclass(frozen=True)
class PersonRef:
    """One place where a file names a contributor id."""

    source: str
    line: int
    person: str
    role: str


def person_refs(raw: RawDocument, meta: BaseModel, keys: Iterable[str]) -> list[PersonRef]:
    """List every contributor id a document's front matter names, with its line."""
    refs = []
    for key in keys:
        value = getattr(meta, key)
        for index, person in enumerate([value] if isinstance(value, str) else value):
            line = raw.line_of(key) if isinstance(value, str) else raw.line_of(key, index)
            refs.append(PersonRef(raw.rel, line, person, key))
    return refs


def cross_file(
    community: Community,
    refs: list[PersonRef],
    docs: dict[str, RawDocument],
    content_dir: Path,
    project: Path,
    *,
    broken: set[str],
) -> list[Problem]:
    """Run every rule that needs more than one file; ids in `broken` exist but failed."""
    return [
        *_alias_clashes(community, docs),
        *_handle_clashes(community, docs),
        *_unknown_people(community, [r for r in refs if r.person not in broken]),
        *_same_person_twice(community, refs),
        *_dangling_responses(community, docs, broken),
        *_session_rules(community, docs, broken),
        *_counterpoints_without_target(community, docs),
        *_answered_sessions_without_answers(community, docs),
        *_duplicate_issue_numbers(community, docs),
        *_pages_at_taken_addresses(community),
        *_piece_keys_on_free_pages(community, docs),
        *_updated_before_publication(community, docs),
        *_missing_avatars(community, docs, content_dir, project),
    ]


def _alias_clashes(community: Community, docs: dict[str, RawDocument]) -> Iterator[Problem]:
    """An old id may not be someone's current id, nor the old id of two people."""
    claimed: dict[str, str] = {}
    for person in community.contributors.values():
        for index, alias in enumerate(person.meta.aliases):
            line = docs[person.source].line_of("aliases", index)
            if alias in community.contributors:
                other = community.contributors[alias].source
                yield error(
                    person.source,
                    line,
                    f"alias '{alias}' is already the id of "
                    f"{other}: an alias must be an id nobody uses now",
                )
            elif alias in claimed:
                yield error(
                    person.source,
                    line,
                    f"alias '{alias}' is also claimed by "
                    f"{claimed[alias]}: an old id can mean one person only",
                )
            claimed.setdefault(alias, person.source)


HANDLE_KEYS = {"github": "GitHub", "reddit": "Reddit", "discord": "Discord"}
"""Front-matter keys by which a contributor claims a platform account, and the platform."""


def _handle_clashes(community: Community, docs: dict[str, RawDocument]) -> Iterator[Problem]:
    """A platform account (compared without case) may be claimed by one contributor only."""
    claimed: dict[tuple[str, str], str] = {}
    for person in community.contributors.values():
        for key, platform in HANDLE_KEYS.items():
            handle = getattr(person.meta, key)
            if handle is None:
                continue
            first = claimed.setdefault((key, handle.casefold()), person.source)
            if first != person.source:
                yield error(
                    person.source,
                    docs[person.source].line_of(key),
                    f"{platform} account '{handle}' in '{key}' is also claimed by {first}: "
                    "an account belongs to one person; remove it from one of the two files",
                )


def _unknown_people(community: Community, refs: list[PersonRef]) -> Iterator[Problem]:
    """Every id named anywhere must be a contributor or an alias of one."""
    known = [*community.contributors, *community.aliases]
    for ref in refs:
        if ref.person in community.contributors or ref.person in community.aliases:
            continue
        close = suggest(ref.person, known)
        hint = f"did you mean '{close}'?" if close else f"add content/contributors/{ref.person}.md"
        yield error(
            ref.source, ref.line, f"unknown contributor '{ref.person}' in '{ref.role}': {hint}"
        )


LIST_KEYS = frozenset({"authors", "editors", "guests", "hosts", "translators", "reviewers"})


def _same_person_twice(community: Community, refs: list[PersonRef]) -> Iterator[Problem]:
    """A list may not name one person twice, by an old id and the current one (or two old)."""
    listed = {(r.source, r.role, r.person) for r in refs if r.role in LIST_KEYS}
    seen: set[tuple[str, str, str]] = set()
    for ref in refs:
        if ref.role not in LIST_KEYS or ref.person not in community.aliases:
            continue
        current = community.aliases[ref.person]
        key = (ref.source, ref.role, current)
        if key in listed or key in seen:
            yield error(
                ref.source,
                ref.line,
                f"'{ref.person}' in '{ref.role}' is an old id of '{current}', who is already "
                f"listed: keep '{current}' once",
            )
        seen.add(key)


def _dangling_responses(
    community: Community, docs: dict[str, RawDocument], broken: set[str]
) -> Iterator[Problem]:
    """`responds_to` must name another existing contribution."""
    pieces = {c.ref: c for issue in community.issues for c in issue.contributions}
    for piece in pieces.values():
        target = piece.meta.responds_to
        if target is None or target in broken:
            continue
        line = docs[piece.source].line_of("responds_to")
        if target == piece.ref:
            yield error(
                piece.source,
                line,
                "'responds_to' names this piece itself: "
                "name the piece it answers, as <YYYY-MM>/<slug>",
            )
        elif target not in pieces:
            close = suggest(target, pieces)
            hint = f"did you mean '{close}'?" if close else "no such contribution exists"
            yield error(piece.source, line, f"'responds_to' names '{target}': {hint}")


def _session_rules(
    community: Community, docs: dict[str, RawDocument], broken: set[str]
) -> Iterator[Problem]:
    """A session's date matches its folder, and the issue it names exists."""
    issue_ids = {issue.id for issue in community.issues} | broken
    for session in community.sessions:
        doc = docs[session.source]
        if session.meta.date != session_date(session.id):
            yield error(
                session.source,
                doc.line_of("date"),
                f"'date' is {session.meta.date}, but the folder name says "
                f"{session_date(session.id)}: make them the same",
            )
        if session.meta.issue and session.meta.issue not in issue_ids:
            yield error(
                session.source,
                doc.line_of("issue"),
                f"'issue' names '{session.meta.issue}', which has no "
                f"content/issues/{session.meta.issue}/index.md",
            )


def _counterpoints_without_target(
    community: Community, docs: dict[str, RawDocument]
) -> Iterator[Problem]:
    """A counterpoint should name the piece it answers, so readers can follow both sides."""
    for issue in community.issues:
        for piece in issue.contributions:
            if piece.meta.kind == "counterpoint" and piece.meta.responds_to is None:
                yield warning(
                    piece.source,
                    docs[piece.source].line_of("kind"),
                    "this counterpoint does not say what it answers: add "
                    "'responds_to: <YYYY-MM>/<slug>' so readers can read both sides",
                )


def _answered_sessions_without_answers(
    community: Community, docs: dict[str, RawDocument]
) -> Iterator[Problem]:
    """A session marked answered should hold at least one answer."""
    for session in community.sessions:
        if not session.collecting and not any(q.answered for q in session.questions):
            yield warning(
                session.source,
                docs[session.source].line_of("status"),
                "this session is answered but none of its questions has an answer: "
                "add answers, or set 'status: collecting'",
            )


def _pages_at_taken_addresses(community: Community) -> Iterator[Problem]:
    """A free page may not take the address of a page or folder the site makes itself."""
    for page in community.pages:
        if page.page in RESERVED_PAGES:
            what = "page" if page.page in GENERATED_PAGES else "folder"
            yield error(
                page.source,
                None,
                f"this page would be published at /{page.page}, the site's own {what} there, "
                f"and replace it: rename the file, e.g. content/pages/{page.slug}-page.md",
            )


KEYS_OF_OTHER_KINDS = {
    "piece": (
        ("authors", "kind", "tags", "responds_to", "ai_assistance", "translators", "reviewers"),
        "content/issues/{open}/",
    ),
    "question": (("asked_by",), "content/ama/<session>/questions/"),
    "session": (("guests", "hosts"), "content/ama/<YYYY-MM-DD>-<slug>/index.md"),
    "issue": (("editors", "number"), "content/issues/<YYYY-MM>/index.md"),
}
"""Keys that make a file a piece, a question, a session or an issue, and where such a file goes."""


def _piece_keys_on_free_pages(
    community: Community, docs: dict[str, RawDocument]
) -> Iterator[Problem]:
    """A free page credits nobody: a piece moved into pages/ would lose its authors' credit
    without a word, so the keys of another kind of file are refused there."""
    open_issue = community.open_issue.id if community.open_issue else "<YYYY-MM>"
    for page in community.pages:
        extra = set(page.meta.model_extra or {})
        for kind, (keys, folder) in KEYS_OF_OTHER_KINDS.items():
            found = [key for key in keys if key in extra]
            if found:
                quoted = [f"'{key}'" for key in found]
                named = " and ".join([", ".join(quoted[:-1]), quoted[-1]] if found[1:] else quoted)
                yield error(
                    page.source,
                    docs[page.source].line_of(found[0]),
                    f"{named} belong{'s' * (len(found) == 1)} to a {kind}, not to a free page, "
                    "which credits nobody: they would be ignored and the people named lose "
                    f"their credit; if this is a {kind}, move the file to "
                    f"{folder.format(open=open_issue)}",
                )
                break


def _duplicate_issue_numbers(
    community: Community, docs: dict[str, RawDocument]
) -> Iterator[Problem]:
    """Two issues may not share a number."""
    first: dict[int, str] = {}
    for issue in community.issues:
        number = issue.meta.number
        if number in first:
            yield error(
                issue.source,
                docs[issue.source].line_of("number"),
                f"number {number} is already used by {first[number]}: "
                "give this issue the next free number",
            )
        first.setdefault(number, issue.source)


def _updated_before_publication(
    community: Community, docs: dict[str, RawDocument]
) -> Iterator[Problem]:
    """`updated` says when a published item last changed, so it cannot precede publication."""
    dated = [(s.source, s.meta.updated, s.meta.date) for s in community.sessions]
    for issue in community.issues:
        dated.append((issue.source, issue.meta.updated, issue.meta.date))
        dated += [(c.source, c.meta.updated, issue.meta.date) for c in issue.contributions]
    for source, updated, published in dated:
        if updated is not None and updated < published:
            yield error(
                source,
                docs[source].line_of("updated"),
                f"'updated' is {updated}, before its publication on {published}: "
                "give the day of the last significant change, or remove the line",
            )


def _missing_avatars(
    community: Community, docs: dict[str, RawDocument], content_dir: Path, project: Path
) -> Iterator[Problem]:
    """An avatar must be a file inside content/."""
    for person in community.contributors.values():
        avatar = person.meta.avatar
        if avatar is None:
            continue
        line = docs[person.source].line_of("avatar")
        target = (content_dir / avatar).resolve()
        if not target.is_relative_to(content_dir.resolve()) or Path(avatar).is_absolute():
            yield error(
                person.source,
                line,
                f"'avatar' path '{avatar}' leaves content/: "
                "give a path inside content/, e.g. assets/avatars/you.png",
            )
        elif not target.is_file() or _exact_name(avatar, community.assets) is None:
            rel = content_dir.relative_to(project).as_posix()
            same = _same_but_case(avatar, community.assets)
            fix = f"did you mean '{same}'? (the server tells upper and lower case apart)"
            fix = fix if same else f"add it under {rel}/ or remove the line"
            yield error(person.source, line, f"'avatar' file '{avatar}' does not exist: {fix}")


def _exact_name(path: str, assets: tuple[str, ...]) -> str | None:
    """The asset a path below content/ names, letter for letter, or None."""
    normal = posixpath.normpath(path)
    return normal if normal in assets else None


def _same_but_case(path: str, assets: tuple[str, ...]) -> str | None:
    """The asset a path names in another case ('Me.PNG' for 'me.png'), or None."""
    wanted = posixpath.normpath(path).casefold()
    return next((asset for asset in assets if asset.casefold() == wanted), None)


def new_claims(
    community: Community, docs: dict[str, RawDocument], claimed_before: dict[str, dict[str, str]]
) -> Iterator[Problem]:
    """Warn about each account a profile claims that it did not claim on the base branch (for
    the profiles this change adds or edits): the next import credits that profile with all the
    account wrote, so a reviewer must know the account is this person's."""
    for person in community.contributors.values():
        if person.source not in claimed_before:
            continue
        before = claimed_before[person.source]
        for key, platform in HANDLE_KEYS.items():
            handle = getattr(person.meta, key, None)
            if handle and str(before.get(key, "")).casefold() != handle.casefold():
                yield warning(
                    person.source,
                    docs[person.source].line_of(key),
                    f"'{key}: {handle}' is new in this change: the next AMA import credits this "
                    f"profile with everything the {platform} account '{handle}' wrote there; a "
                    "maintainer should make sure the account is this person's before merging",
                )
