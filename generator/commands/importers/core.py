"""A platform-neutral Thread to the content files of an AMA session (pure: no disk, no network).

Who asked and who answered becomes contributor ids: an account a contributor claims (its
`github:`, `reddit:` or `discord:` key) is theirs, a deleted account is one anonymous member per
platform, anyone else gets a new profile. Every file written carries a marker line in its front
matter naming what it was made from and a digest of its text, so a later import can tell its own
untouched files (which it may bring up to date) from files people wrote or edited (never touched).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import UTC
from urllib.parse import quote

import yaml

from polyvox.commands.importers.text import neutralised
from polyvox.commands.importers.thread import Person, Post, Thread
from polyvox.commands.scaffold import PLACEHOLDER
from polyvox.commands.scaffold import _FrontMatterDumper as FrontMatterDumper
from polyvox.content.layout import DocKind, locate, session_date
from polyvox.content.links import url_fault
from polyvox.content.load import SCHEMA_BY_KIND
from polyvox.content.meta import validate_meta
from polyvox.content.problems import Problem, error
from polyvox.content.reader import UNPRINTABLE, parse_document
from polyvox.content.schema import DISCORD_PATTERN, GITHUB_PATTERN, REDDIT_PATTERN
from polyvox.content.slugs import slugify
from polyvox.content.turns import split_turns

PLATFORM_NAMES = {"github": "GitHub", "reddit": "Reddit", "discord": "Discord"}
CLAIM_PATTERNS = {"github": GITHUB_PATTERN, "reddit": REDDIT_PATTERN, "discord": DISCORD_PATTERN}
"""The front-matter key by which a contributor claims an account is the platform's name."""
MARKER = re.compile(r"^# polyvox import: (?P<platform>\w+) (?P<key>\S+) sha256:(?P<digest>\w+)$")
REMOVED = "*Removed from the original thread.*"
QUESTION_REMOVED = "*This question was removed from the original thread.*"
NO_TEXT = "*No text in the original thread (a sticker, an embed or a file the export left out).*"


@dataclass(frozen=True)
class Request:
    """What the editor asked for: the session folder, who its guests and hosts are."""

    session: str
    guests: tuple[str, ...]
    hosts: tuple[str, ...] = ()
    title: str | None = None
    issue: str | None = None


@dataclass(frozen=True)
class Project:
    """What content/ already holds: contributors' front matter, and the text of nearby files."""

    contributors: dict[str, dict]
    """Contributor id -> front matter as written (aliases included as their own keys)."""
    files: dict[str, str]
    """Path below content/ -> text, for contributors/ and the session's folder."""


@dataclass
class Summary:
    """What an import found and did, for the lines the command prints."""

    questions: int = 0
    answers: int = 0
    follow_ups: int = 0
    skipped: int = 0
    new_people: list[str] = field(default_factory=list)
    matched: set[str] = field(default_factory=set)
    renamed: dict[str, str] = field(default_factory=dict)
    """New id -> the contributor who has the id it would have had."""
    platform: str = ""
    anonymous: int = 0
    removed: int = 0
    missing: int = 0
    written: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    """Files an earlier import wrote, untouched since, brought up to date with the export."""
    unchanged: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Plan:
    """The files to write (path below content/ -> text), and the summary."""

    writes: dict[str, str]
    summary: Summary
    problems: list[Problem]


def plan_import(thread: Thread, request: Request, project: Project) -> Plan:
    """Everything an import would write, decided before anything is written."""
    summary = Summary(missing=thread.missing, platform=thread.platform)
    ours = _markers(project.files)
    people = _People(thread.platform, project, ours, summary)
    guests = [people.id_of(_named(thread, h)) for h in request.guests]
    hosts = [people.id_of(_named(thread, h)) for h in request.hosts]
    staff = {h.casefold() for h in (*request.guests, *request.hosts)}
    files: dict[str, tuple[str, str]] = {}
    taken = set(project.files)
    for post in sorted(thread.comments, key=lambda p: p.written):
        if post.author.bot or (post.author.handle or "").casefold() in staff:
            summary.skipped += 1
            continue
        rel = ours.get((thread.platform, post.key)) or _free_question_path(request, post, taken)
        taken.add(rel)
        files[rel] = (post.key, _question_file(post, people, summary))
    index = f"ama/{request.session}/index.md"
    if index not in project.files or ours.get((thread.platform, "thread")) == index:
        files[index] = ("thread", _index_file(thread, request, guests, hosts))
    else:
        summary.kept.append(index)
    files.update(people.files)
    writes = _decide(files, thread.platform, project.files, summary)
    return Plan(writes, summary, _problems(writes))


def _named(thread: Thread, handle: str) -> Person:
    """A guest's or host's account as the thread shows it (with its name), or by handle alone."""
    for post in _all_posts(thread.comments):
        if post.author.is_handle(handle):
            return post.author
    return Person(thread.platform, handle)


def _all_posts(posts: tuple[Post, ...]):
    """Every post and reply, depth first."""
    for post in posts:
        yield post
        yield from _all_posts(post.replies)


class _People:
    """Contributor ids for the accounts of one platform: claimed, imported before, or new."""

    def __init__(
        self, platform: str, project: Project, ours: dict[tuple[str, str], str], summary: Summary
    ):
        self.platform, self.summary, self.ours = platform, summary, ours
        self.claims = {
            str(meta[platform]).casefold(): person
            for person, meta in project.contributors.items()
            if isinstance(meta.get(platform), str)
        }
        self.owners = {person: person for person in project.contributors} | {
            alias: person
            for person, meta in project.contributors.items()
            for alias in (meta.get("aliases") or [])
            if isinstance(alias, str)
        }
        self.taken = set(self.owners)
        self.known: dict[str, str] = {}
        self.files: dict[str, tuple[str, str]] = {}

    def id_of(self, person: Person) -> str:
        """The contributor id crediting this account, making a profile for a new one."""
        key = "deleted" if person.deleted else f"user:{person.account_id or person.handle}"
        if key not in self.known:
            self.known[key] = self._resolve(person, key)
        if person.deleted:
            self.summary.anonymous += 1
        return self.known[key]

    def _resolve(self, person: Person, key: str) -> str:
        """Find the contributor who is this account, or plan a new profile."""
        claimed = self.claims.get((person.handle or "").casefold())
        written = self.ours.get((self.platform, key.casefold()))
        existing = claimed or (written and written.removeprefix("contributors/")[:-3])
        if existing:
            self.summary.matched.add(existing)
            return existing
        person_id, wanted = self._free_id(person)
        if person_id != wanted and not person.deleted:
            self.summary.renamed[person_id] = self.owners.get(wanted, wanted)
        self.taken.add(person_id)
        self.files[f"contributors/{person_id}.md"] = (key.casefold(), _profile(person))
        self.summary.new_people.append(person_id)
        return person_id

    def _free_id(self, person: Person) -> tuple[str, str]:
        """A new id from the handle (the way `polyvox new contributor` makes one), unused."""
        name = PLATFORM_NAMES[self.platform].lower()
        if person.deleted:
            base = f"deleted-{name}-account"
        else:
            digest = hashlib.sha256((person.account_id or person.handle or "").encode()).hexdigest()
            base = slugify(person.handle or "") or f"{name}-{digest[:8]}"
        candidates = [base, f"{base}-{name}", *(f"{base}-{name}-{n}" for n in range(2, 1000))]
        return next(c for c in candidates if c not in self.taken), base


def _profile(person: Person) -> str:
    """A new contributor file: name, claimed account, a link to the profile on the platform."""
    platform = person.platform
    label = PLATFORM_NAMES[platform]
    if person.deleted:
        meta = {"name": f"Deleted {label} account", "anonymous": True}
        return _document(meta, "")
    meta: dict[str, object] = {"name": _one_line(person.name or "") or person.handle}
    if re.match(CLAIM_PATTERNS[platform], person.handle or ""):
        meta[platform] = person.handle
    url = _profile_url(person)
    if url and url_fault(url) is None:
        meta["links"] = {label: url}
    return _document(meta, PLACEHOLDER[DocKind.CONTRIBUTOR])


def _profile_url(person: Person) -> str | None:
    """The account's page on its platform."""
    handle = quote(person.handle or "", safe="")
    match person.platform:
        case "github":
            return f"https://github.com/{handle}"
        case "reddit":
            return f"https://www.reddit.com/user/{handle}"
        case "discord" if person.account_id and person.account_id.isdigit():
            return f"https://discord.com/users/{person.account_id}"
    return None


def _one_line(text: str) -> str:
    """A name as one line of visible text (no control characters, no noncharacters)."""
    return " ".join(UNPRINTABLE.sub(" ", text).split())


def _free_question_path(request: Request, post: Post, taken: set[str]) -> str:
    """A file name from the question's first sentence (its platform id if it has no Latin words)."""
    lines = [] if post.removed else post.body.splitlines()
    first_line = next((line for line in lines if line.strip()), "")
    first_sentence = re.split(r"(?<=[?.!])\s", re.sub(r"<[^>]*>?", " ", first_line))[0]
    base = slugify(first_sentence) or slugify(f"question-{post.key}") or "question"
    folder = f"ama/{request.session}/questions"
    names = [base, *(f"{base}-{n}" for n in range(2, 10_000))]
    return next(f"{folder}/{n}.md" for n in names if f"{folder}/{n}.md" not in taken)


def _question_file(question: Post, people: _People, summary: Summary) -> str:
    """A question file: who asked, when, the question, then every reply as a turn, in order."""
    summary.questions += 1
    asker = people.id_of(question.author)
    parts = [_text(question, QUESTION_REMOVED, summary, heading=True)]
    for reply in sorted(_all_posts(question.replies), key=lambda p: p.written):
        if reply.author.bot:
            continue
        follow_up = not reply.author.deleted and reply.author == question.author
        summary.follow_ups += follow_up
        summary.answers += not follow_up
        marker = "follow-up" if follow_up else "answer"
        speaker = people.id_of(reply.author)
        parts.append(f"<!-- {marker}: {speaker} -->\n{_text(reply, REMOVED, summary)}")
    meta = {"asked_by": asker, "date": question.written.astimezone(UTC).date()}
    return _document(meta, "\n\n".join(parts))


def _text(post: Post, removed: str, summary: Summary, *, heading: bool = False) -> str:
    """A post's text made safe, or the note that it was removed (never an invented text)."""
    if post.removed:
        summary.removed += 1
        return removed
    return neutralised(post.body, heading=heading) or NO_TEXT


def _index_file(thread: Thread, request: Request, guests: list[str], hosts: list[str]) -> str:
    """The session's index.md: title, date, guests and hosts, the thread's opening post."""
    meta: dict[str, object] = {
        "title": _one_line(request.title or thread.title or "") or request.session,
        "date": session_date(request.session),
        "guests": list(dict.fromkeys(guests)),
    }
    if hosts:
        meta["hosts"] = list(dict.fromkeys(hosts))
    if request.issue:
        meta["issue"] = request.issue
    meta["status"] = "answered"
    parts = [neutralised(thread.intro)]
    label = PLATFORM_NAMES[thread.platform]
    if thread.url and url_fault(thread.url) is None and thread.url.startswith("https://"):
        parts.append(f"Imported from [the original thread on {label}]({thread.url}).")
    return _document(meta, "\n\n".join(p for p in parts if p))


def _document(meta: dict[str, object], body: str) -> str:
    """A content file's text: front matter and body."""
    dumped = yaml.dump(
        meta, Dumper=FrontMatterDumper, sort_keys=False, allow_unicode=True, width=1000
    )
    return f"---\n{dumped}---\n{body}\n"


def _marked(text: str, platform: str, key: str) -> str:
    """The text with the marker line that makes it recognisable as this import's own file."""
    head, _, rest = text.partition("\n")
    return f"{head}\n# polyvox import: {platform} {key} sha256:{_digest(text)}\n{rest}"


def _digest(text: str) -> str:
    """A short digest of a file's text without its marker line."""
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _unmarked(text: str) -> tuple[re.Match[str] | None, str]:
    """The marker of a file this import wrote (or None), and the text without it."""
    lines = text.split("\n")
    if len(lines) > 1 and (match := MARKER.match(lines[1])):
        return match, "\n".join([lines[0], *lines[2:]])
    return None, text


def _markers(files: dict[str, str]) -> dict[tuple[str, str], str]:
    """(platform, key) -> path of every file an import wrote, edited since or not."""
    found = {}
    for rel, text in files.items():
        match, _ = _unmarked(text)
        if match:
            found[(match["platform"], match["key"])] = rel
    return found


def _decide(
    files: dict[str, tuple[str, str]], platform: str, existing: dict[str, str], summary: Summary
) -> dict[str, str]:
    """Which planned files to write: new ones, and ours untouched since; never anyone else's."""
    writes = {}
    for rel, (key, text) in sorted(files.items()):
        marked = _marked(text, platform, key)
        if rel not in existing:
            writes[rel] = marked
            summary.written.append(rel)
            continue
        match, unmarked = _unmarked(existing[rel])
        if existing[rel] == marked:
            summary.unchanged.append(rel)
        elif match and match["key"] == key and match["digest"] == _digest(unmarked):
            writes[rel] = marked
            summary.updated.append(rel)
        else:
            summary.kept.append(rel)
    return writes


def _problems(writes: dict[str, str]) -> list[Problem]:
    """What `polyvox check` would say of each file on its own (an importer bug if anything)."""
    problems = []
    for rel, text in writes.items():
        place = locate(tuple(rel.split("/")))
        if isinstance(place, str):
            problems.append(error(f"content/{rel}", None, place))
            continue
        raw, found = parse_document(text, f"content/{rel}")
        problems += found
        if raw is not None:
            problems += validate_meta(raw, SCHEMA_BY_KIND[place.kind])[1]
            if place.kind is DocKind.QUESTION:
                problems += split_turns(raw.body, raw.body_line, raw.rel)[2]
    return problems


def _count(number: int, noun: str, plural: str | None = None) -> str:
    """'1 answer', '3 answers'."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


def summary_lines(summary: Summary) -> list[str]:
    """The summary the command prints, one fact per line."""
    new, matched = summary.new_people, sorted(summary.matched)
    lines = [
        f"{_count(summary.questions, 'question')}, {_count(summary.answers, 'answer')}, "
        f"{_count(summary.follow_ups, 'follow-up')}",
        f"{_count(len(new), 'new contributor')}" + (f" ({', '.join(new)})" if new else ""),
        f"{_count(len(matched), 'person', 'people')} matched to existing profiles"
        + (f" ({', '.join(matched)})" if matched else ""),
    ]
    lines += [
        f"{person}: the id was taken by {owner}; if {owner} is this person, move the "
        f"'{summary.platform}:' line of content/contributors/{person}.md into "
        f"content/contributors/{owner}.md, add {person} to its aliases, and delete {person}.md"
        for person, owner in summary.renamed.items()
    ]
    if summary.anonymous:
        lines.append(
            f"{_count(summary.anonymous, 'post')} by deleted accounts, credited anonymously"
        )
    if summary.skipped:
        lines.append(
            f"{_count(summary.skipped, 'top-level post')} by guests, hosts or bots (not questions)"
        )
    lines.append(f"{_count(summary.removed, 'removed comment')}, shown as removed")
    if summary.missing:
        lines.append(
            f"{_count(summary.missing, 'comment')} missing from the export, not imported: export "
            "the whole thread and import it again to add them"
        )
    lines.append(
        f"{_count(len(summary.written), 'file')} written, {len(summary.updated)} brought up to "
        f"date, {len(summary.unchanged)} unchanged"
    )
    lines += [
        f"kept as it is (edited since it was imported, or not written by an import): {rel}"
        for rel in summary.kept
    ]
    return lines
