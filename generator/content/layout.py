"""Where each kind of content lives under content/, and what a path there means."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from polyvox.content.model import issue_page, link_to, profile_page, session_page
from polyvox.content.schema import ID_PATTERN, ISSUE_ID_PATTERN
from polyvox.content.slugs import slugify
from polyvox.i18n.phrases import Phrase, phrase

SESSION_FOLDER = re.compile(r"^(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2})-(?P<slug>[a-z0-9-]+)$")
ASSET_ROOTS = ("assets", "issues", "ama", "pages")


class DocKind(StrEnum):
    """The kinds of file the content contract knows."""

    CONTRIBUTOR = "contributor"
    ISSUE = "issue"
    CONTRIBUTION = "contribution"
    SESSION = "session"
    QUESTION = "question"
    PAGE = "page"
    ASSET = "asset"


@dataclass(frozen=True)
class Place:
    """What a path under content/ is: its kind and the ids its path gives it."""

    kind: DocKind
    ids: tuple[str, ...] = ()


def locate(parts: tuple[str, ...]) -> Place | Phrase:
    """Classify a path (its parts below content/); return a Place or why it does not fit."""
    name = parts[-1]
    if name.lower().endswith(".md") and not name.endswith(".md"):
        stem = name[:-3]
        fixed = (stem if re.match(ID_PATTERN, stem) else (slugify(stem) or "my-file")) + ".md"
        return phrase("layout_md_case", name=name, ending=name[-3:], fixed=fixed)
    if not name.endswith(".md"):
        if parts[0] in ASSET_ROOTS and len(parts) > 1:
            return Place(DocKind.ASSET)
        return phrase("layout_outside")
    stem = name.removesuffix(".md")
    match parts:
        case ("contributors", _):
            return _with_ids(DocKind.CONTRIBUTOR, stem=stem)
        case ("pages", _):
            return _with_ids(DocKind.PAGE, stem=stem)
        case ("issues", issue_id, "index.md"):
            return _with_ids(DocKind.ISSUE, issue=issue_id)
        case ("issues", issue_id, _):
            return _with_ids(DocKind.CONTRIBUTION, issue=issue_id, stem=stem)
        case ("ama", session_id, "index.md"):
            return _with_ids(DocKind.SESSION, session=session_id)
        case ("ama", session_id, "questions", _):
            return _with_ids(DocKind.QUESTION, session=session_id, stem=stem)
    return phrase("layout_outside")


def _with_ids(kind: DocKind, **ids: str) -> Place | Phrase:
    """Check each id a path gives (folder or file name) and build the Place."""
    for role, value in ids.items():
        fault = _id_fault(role, value)
        if fault:
            return fault
    return Place(kind, tuple(ids.values()))


def _id_fault(role: str, value: str) -> Phrase | None:
    """Say what is wrong with an id taken from a path, or None."""
    if role == "issue" and not re.match(ISSUE_ID_PATTERN, value):
        return phrase("layout_issue_folder", folder=value)
    if role == "session":
        return session_folder_fault(value)
    if role == "stem" and not re.match(ID_PATTERN, value):
        suggestion = slugify(value) or "my-file"
        return phrase("layout_file_name", name=f"{value}.md", fixed=f"{suggestion}.md")
    return None


def session_folder_fault(folder: str) -> Phrase | None:
    """Say what is wrong with an AMA session folder name, or None."""
    match = SESSION_FOLDER.match(folder)
    example = "2026-10-08-plural-voices"
    if not match:
        dated = re.match(r"^([0-9]{4}-[0-9]{2}-[0-9]{2})-(.+)$", folder)
        if dated and slugify(dated[2]):
            example = f"{dated[1]}-{slugify(dated[2])}"
        return phrase("layout_session_folder", folder=folder, example=example)
    try:
        date.fromisoformat(match["date"])
    except ValueError:
        return phrase("layout_session_date", folder=folder, date=match["date"], example=example)
    return None


def session_date(folder: str) -> date:
    """The date a valid session folder name starts with."""
    return date.fromisoformat(folder[:10])


def address_of(path: str) -> str | None:
    """Where the content file at a path below content/ is published, as a site path with its
    anchor ('issues/2026-10/piece.md' -> 'issues/2026-10/#piece'); None for any other path."""
    parts = tuple(part for part in path.split("/") if part)
    place = locate(parts) if parts else None
    if not isinstance(place, Place):
        return None
    ids = place.ids
    match place.kind:
        case DocKind.CONTRIBUTOR:
            return profile_page(ids[0])
        case DocKind.PAGE:
            return f"{ids[0]}/"
        case DocKind.ISSUE:
            return issue_page(ids[0])
        case DocKind.CONTRIBUTION:
            return link_to(issue_page(ids[0]), ids[1])
        case DocKind.SESSION:
            return session_page(ids[0])
        case DocKind.QUESTION:
            return link_to(session_page(ids[0]), ids[1])
    return None


def published_address(path: str) -> str | None:
    """Where a path below content/ leads on the site, however a member names it: a content
    file with or without '.md' ('issues/2026-10/piece' -> 'issues/2026-10/#piece'), an issue's
    or a session's folder (its page), any other folder (a page the site makes, 'voices/');
    None for a file of its own (an image, a feed) and for a '.md' path outside the layout."""
    if path.lower().endswith(".md"):
        return address_of(path)
    stem = path.removesuffix("index.html").rstrip("/")
    address = address_of(f"{stem}.md") if stem else None
    if address is None and stem and address_of(f"{stem}/index.md") == f"{stem}/":
        address = f"{stem}/"  # an issue's or a session's folder, the address of its index.md
    if address is not None:
        return address
    if "." in stem.rpartition("/")[2].strip("."):
        return None
    return f"{stem}/" if stem else ""


def item_anchor(item: str, written: str) -> str:
    """The anchor a link lands on, for an anchor written to an item (a piece, a question) whose
    headings' ids start with the item's own: '#how-it-works' on a piece is '#piece-how-it-works'
    on its issue page; an anchor written as the page has it is kept."""
    if not item or written == item or written.startswith(f"{item}-"):
        return written or item
    return f"{item}-{written}" if written else item
