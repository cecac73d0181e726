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
from polyvox.i18n.phrases import Phrase, phrase


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
                yield error(person.source, line, phrase("alias_is_id", alias=alias, other=other))
            elif alias in claimed:
                yield error(
                    person.source, line, phrase("alias_twice", alias=alias, other=claimed[alias])
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
                    phrase("account_twice", platform=platform, handle=handle, key=key, other=first),
                )


def _unknown_people(community: Community, refs: list[PersonRef]) -> Iterator[Problem]:
    """Every id named anywhere must be a contributor or an alias of one."""
    known = [*community.contributors, *community.aliases]
    for ref in refs:
        if ref.person in community.contributors or ref.person in community.aliases:
            continue
        close = suggest(ref.person, known)
        hint = (
            phrase("did_you_mean", meant=close)
            if close
            else phrase("add_file", path=f"content/contributors/{ref.person}.md")
        )
        yield error(ref.source, ref.line, unknown_person(ref.person, ref.role, hint))


def unknown_person(person: str, key: str, hint: object) -> Phrase:
    """What to say of an id that names nobody, in a key, with the hint that fixes it."""
    return phrase("unknown_contributor", person=person, key=key, hint=hint)


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
                phrase("old_id_listed", person=ref.person, key=ref.role, current=current),
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
            yield error(piece.source, line, phrase("responds_to_itself"))
        elif target not in pieces:
            close = suggest(target, pieces)
            hint = phrase("did_you_mean", meant=close) if close else phrase("no_such_piece")
            yield error(piece.source, line, phrase("responds_to_unknown", target=target, hint=hint))


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
                phrase(
                    "session_date_folder",
                    date=session.meta.date,
                    folder=session_date(session.id),
                ),
            )
        if session.meta.issue and session.meta.issue not in issue_ids:
            yield error(
                session.source,
                doc.line_of("issue"),
                phrase("session_issue_unknown", issue=session.meta.issue),
            )


def _counterpoints_without_target(
    community: Community, docs: dict[str, RawDocument]
) -> Iterator[Problem]:
    """A counterpoint should name the piece it answers, so readers can follow both sides."""
    for issue in community.issues:
        for piece in issue.contributions:
            if piece.meta.kind == "counterpoint" and piece.meta.responds_to is None:
                yield warning(
                    piece.source, docs[piece.source].line_of("kind"), phrase("counterpoint_alone")
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
                phrase("session_without_answers"),
            )


def _pages_at_taken_addresses(community: Community) -> Iterator[Problem]:
    """A free page may not take the address of a page or folder the site makes itself."""
    for page in community.pages:
        if page.page in RESERVED_PAGES:
            what = "page" if page.page in GENERATED_PAGES else "folder"
            yield error(
                page.source,
                None,
                phrase(
                    f"page_takes_site_{what}",
                    address=page.page,
                    renamed=f"content/pages/{page.slug}-page.md",
                ),
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
                quoted = tuple(phrase("quoted", value=key) for key in found)
                keys = phrase(
                    "listed", count=len(found), first=quoted[:-1] or quoted, last=quoted[-1]
                )
                yield error(
                    page.source,
                    docs[page.source].line_of(found[0]),
                    phrase(
                        f"page_keys_of_{kind}",
                        count=len(found),
                        keys=keys,
                        folder=folder.format(open=open_issue),
                    ),
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
                phrase("issue_number_taken", number=number, other=first[number]),
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
                phrase("updated_too_early", updated=updated, published=published),
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
            yield error(person.source, line, phrase("avatar_outside", avatar=avatar))
        elif not target.is_file() or _exact_name(avatar, community.assets) is None:
            rel = content_dir.relative_to(project).as_posix()
            same = _same_but_case(avatar, community.assets)
            fix = (
                phrase("avatar_case", meant=same)
                if same
                else phrase("avatar_add", folder=f"{rel}/")
            )
            yield error(person.source, line, phrase("avatar_missing", avatar=avatar, fix=fix))


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
                    phrase("account_new", key=key, handle=handle, platform=platform),
                )
