"""A platform-neutral Thread to the content files of an AMA session (pure: no disk, no network).

Who asked and who answered becomes contributor ids: an account a contributor claims (its
`github:`, `reddit:` or `discord:` key) is theirs, a deleted account is one anonymous member per
platform, anyone else gets a new profile. Every file written carries a marker line in its front
matter naming what it was made from and a digest of its text, so a later import can tell its own
untouched files (which it may bring up to date) from files people wrote or edited (never touched).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import UTC
from urllib.parse import quote, urlsplit

import yaml

from polyvox.commands.importers.text import markdown_url, neutralised
from polyvox.commands.importers.thread import Person, Post, Thread
from polyvox.commands.scaffold import _FrontMatterDumper as FrontMatterDumper
from polyvox.commands.scaffold import placeholder
from polyvox.content.layout import DocKind, Place, locate, session_date
from polyvox.content.links import markdown_lines, url_fault
from polyvox.content.load import SCHEMA_BY_KIND
from polyvox.content.meta import validate_meta
from polyvox.content.problems import Problem, error
from polyvox.content.reader import UNPRINTABLE, parse_document
from polyvox.content.schema import DISCORD_PATTERN, GITHUB_PATTERN, REDDIT_PATTERN
from polyvox.content.slugs import slugify
from polyvox.content.turns import split_turns
from polyvox.i18n import Translator
from polyvox.i18n.phrases import Phrase, phrase

PLATFORM_NAMES = {"github": "GitHub", "reddit": "Reddit", "discord": "Discord"}
CLAIM_PATTERNS = {"github": GITHUB_PATTERN, "reddit": REDDIT_PATTERN, "discord": DISCORD_PATTERN}
"""The front-matter key by which a contributor claims an account is the platform's name."""
MARKER = re.compile(r"^# polyvox import: (?P<platform>\w+) (?P<key>\S+) sha256:(?P<digest>\w+)$")
RECORD = ".polyvox-import.json"
"""The file, in the session's folder, where an import remembers every question file it wrote,
so that one an editor deleted is not written again (a dot file: neither checked nor published)."""
PLATFORM_HOSTS = {"github": "github.com", "reddit": "www.reddit.com", "discord": "discord.com"}
"""Where each platform's own pages are: the only host a link to the original thread may name."""


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
    claimed_before: dict[str, dict[str, str]] | None = None
    """Contributor id -> the accounts its profile claimed on the base branch (platform ->
    handle), for the profiles this change touches; None when there is no base to compare with."""


@dataclass
class Summary:
    """What an import found and did, for the lines the command prints."""

    questions: int = 0
    answers: int = 0
    follow_ups: int = 0
    new_people: list[str] = field(default_factory=list)
    matched: set[str] = field(default_factory=set)
    renamed: dict[str, str] = field(default_factory=dict)
    """New id -> the contributor who has the id it would have had."""
    platform: str = ""
    anonymous: int = 0
    removed: int = 0
    missing: int = 0
    written: list[str] = field(default_factory=list)
    removed_replies: int = 0
    staff_posts: list[Phrase] = field(default_factory=list)
    """Top-level posts by guests, bots and hosts that no guest answered, named by who and their
    first words (not questions; a host's post a guest answered is a question)."""
    deleted: list[str] = field(default_factory=list)
    """Question files an earlier import wrote and an editor deleted since: not written again."""
    new_claims: list[tuple[str, str, str]] = field(default_factory=list)
    """(contributor, platform, handle) credited through an account their profile did not claim
    on the base branch."""
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    """(new profile, existing contributor) that likely are one person (the same name)."""
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


def plan_import(
    thread: Thread, request: Request, project: Project, t: Translator | None = None
) -> Plan:
    """Everything an import would write, decided before anything is written; what readers
    will read of it besides the thread's own text (a link to the thread, the note that a post
    had no text) is in the site's language, as `t` gives it (English when not given)."""
    t = t or Translator("en")
    summary = Summary(missing=thread.missing, platform=thread.platform)
    ours = _markers(project.files)
    people = _People(thread.platform, project, _markers(project.files, trusted=True), summary, t)
    guests = [people.id_of(_named(thread, h)) for h in request.guests]
    hosts = [people.id_of(_named(thread, h)) for h in request.hosts]
    guest_handles = {h.casefold() for h in request.guests}
    host_handles = {h.casefold() for h in request.hosts}
    record_path = f"ama/{request.session}/{RECORD}"
    record = _record(project.files.get(record_path))
    files: dict[str, tuple[str, str]] = {}
    taken = set(project.files)
    for post in sorted(thread.comments, key=lambda p: p.written):
        key = marker_key(post.key)
        if post.removed:  # deleted or minimized: neither a question nor a credit
            summary.removed += 1
            summary.removed_replies += sum(1 for _ in _all_posts(post.replies))
            continue
        handle = (post.author.handle or "").casefold()
        answered = any(
            (reply.author.handle or "").casefold() in guest_handles
            for reply in _all_posts(post.replies)
        )
        if post.author.bot or handle in guest_handles or (handle in host_handles and not answered):
            summary.staff_posts.append(_first_words(post))  # named, not a question
            continue
        rel = ours.get((thread.platform, key))
        if rel is None and key in record:
            summary.deleted.append(record[key])  # an editor deleted it: it stays deleted
            continue
        rel = rel or _free_question_path(request, post, taken)
        taken.add(rel)
        record[key] = rel
        files[rel] = (post.key, _question_file(post, people, summary, t))
    index = f"ama/{request.session}/index.md"
    if index not in project.files or ours.get((thread.platform, "thread")) == index:
        files[index] = ("thread", _index_file(thread, request, guests, hosts, t))
    else:
        summary.kept.append(index)
    files.update(people.files)
    writes = _decide(files, thread.platform, project.files, summary)
    if project.files.get(record_path) != (remembered := _record_text(thread.platform, record)):
        writes[record_path] = remembered  # the import's own memory, never a person's file
    summary.duplicates = _likely_duplicates(people, project)
    return Plan(writes, summary, _problems(writes))


def marker_key(key: str) -> str:
    """A platform's id as a marker line and the record write it: percent-encoded, so no id
    can end the line, hold a space or look like another part of the marker."""
    return quote(key, safe=":@._-")


def _record(text: str | None) -> dict[str, str]:
    """The question files an earlier import wrote, by the key of their post (none if absent or
    unreadable: then nothing is taken for deleted)."""
    try:
        questions = json.loads(text or "{}").get("questions", {})
    except (ValueError, AttributeError):
        return {}
    return {str(k): str(v) for k, v in questions.items()} if isinstance(questions, dict) else {}


def _record_text(platform: str, record: dict[str, str]) -> str:
    """The record as the import writes it (sorted, so importing twice changes nothing)."""
    data = {
        "about": "Written by `polyvox import`: the question files it wrote, so that one an "
        "editor deletes is not written again. Keep it in the repository.",
        "platform": platform,
        "questions": dict(sorted(record.items())),
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _first_words(post: Post, limit: int = 60) -> Phrase:
    """Who wrote a post and how it starts, for the summary: "amara: 'Thank you all...'"."""
    words = " ".join(UNPRINTABLE.sub(" ", post.body).split())
    shown = words if len(words) <= limit else words[: limit - 1] + "…"
    who = post.author.handle or phrase("import_deleted_author")
    return phrase("import_post_start", who=who, start=shown)


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
        self,
        platform: str,
        project: Project,
        ours: dict[tuple[str, str], str],
        summary: Summary,
        t: Translator,
    ):
        self.platform, self.summary, self.ours, self.project = platform, summary, ours, project
        self.t = t
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
        written = self.ours.get((self.platform, marker_key(key.casefold())))
        if written and not claimed:
            # a profile found by this import's own marker is this import's to keep up to date
            # (as it would write it now, or kept if edited): a marker copied into someone
            # else's profile, digest and all, turns that file into this person's profile
            self.files[written] = (key.casefold(), _profile(person, self.t))
        existing = claimed or (written and written.removeprefix("contributors/")[:-3])
        if existing:
            self.summary.matched.add(existing)
            self._note_new_claim(existing, person)
            return existing
        person_id, wanted = self._free_id(person)
        if person_id != wanted and not person.deleted:
            self.summary.renamed[person_id] = self.owners.get(wanted, wanted)
        self.taken.add(person_id)
        self.files[f"contributors/{person_id}.md"] = (key.casefold(), _profile(person, self.t))
        self.summary.new_people.append(person_id)
        return person_id

    def _note_new_claim(self, person_id: str, person: Person) -> None:
        """Flag a contributor credited through an account their profile did not claim on the
        base branch (when it is known): a member may have claimed someone else's account."""
        before = self.project.claimed_before
        if before is None or person.deleted or person_id not in before:
            return
        handle = person.handle or ""
        if str(before[person_id].get(self.platform, "")).casefold() != handle.casefold():
            self.summary.new_claims.append((person_id, self.platform, handle))

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


def _profile(person: Person, t: Translator) -> str:
    """A new contributor file: name, claimed account, a link to the profile on the platform,
    and what to write below, in the site's language."""
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
    return _document(meta, placeholder(DocKind.CONTRIBUTOR, t))


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
    lines = [] if post.removed else markdown_lines(post.body)
    first_line = next((line for line in lines if line.strip()), "")
    first_sentence = re.split(r"(?<=[?.!])\s", re.sub(r"<[^>]*>?", " ", first_line))[0]
    base = slugify(first_sentence) or slugify(f"question-{post.key}") or "question"
    folder = f"ama/{request.session}/questions"
    names = [base, *(f"{base}-{n}" for n in range(2, 10_000))]
    return next(f"{folder}/{n}.md" for n in names if f"{folder}/{n}.md" not in taken)


def _question_file(question: Post, people: _People, summary: Summary, t: Translator) -> str:
    """A question file: who asked, when, the question, then every reply as a turn, in order
    (removed and minimized replies left out, their authors not credited)."""
    summary.questions += 1
    asker = people.id_of(question.author)
    parts = [_text(question, t, heading=True)]
    for reply in sorted(_all_posts(question.replies), key=lambda p: p.written):
        if reply.author.bot:
            continue
        if reply.removed:
            summary.removed_replies += 1
            continue
        follow_up = not reply.author.deleted and reply.author == question.author
        summary.follow_ups += follow_up
        summary.answers += not follow_up
        marker = "follow-up" if follow_up else "answer"
        speaker = people.id_of(reply.author)
        parts.append(f"<!-- {marker}: {speaker} -->\n{_text(reply, t)}")
    meta = {"asked_by": asker, "date": question.written.astimezone(UTC).date()}
    return _document(meta, "\n\n".join(parts))


def _text(post: Post, t: Translator, *, heading: bool = False) -> str:
    """A post's text made safe (never an invented text: a post with none says so)."""
    return neutralised(post.body, heading=heading) or t("import_no_text")


def _index_file(
    thread: Thread, request: Request, guests: list[str], hosts: list[str], t: Translator
) -> str:
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
    label, url = PLATFORM_NAMES[thread.platform], thread_link(thread)
    if url:
        parts.append(t("imported_from", platform=label, url=url))
    return _document(meta, "\n\n".join(p for p in parts if p))


def thread_link(thread: Thread) -> str | None:
    """The thread's address as a Markdown link destination, or None: an https address on the
    platform's own host, every character Markdown or a browser could read otherwise
    percent-encoded (a ')' in a permalink or an id would end the link and start another)."""
    url = markdown_url(thread.url or "")
    host = urlsplit(url).hostname if url.startswith("https://") else None
    return url if host == PLATFORM_HOSTS[thread.platform] and url_fault(url) is None else None


def _document(meta: dict[str, object], body: str) -> str:
    """A content file's text: front matter and body."""
    dumped = yaml.dump(
        meta, Dumper=FrontMatterDumper, sort_keys=False, allow_unicode=True, width=1000
    )
    return f"---\n{dumped}---\n{body}\n"


def _marked(text: str, platform: str, key: str) -> str:
    """The text with the marker line that makes it recognisable as this import's own file."""
    head, _, rest = text.partition("\n")
    return f"{head}\n# polyvox import: {platform} {marker_key(key)} sha256:{_digest(text)}\n{rest}"


def _digest(text: str) -> str:
    """A short digest of a file's text without its marker line."""
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _unmarked(text: str) -> tuple[re.Match[str] | None, str]:
    """The marker of a file this import wrote (or None), and the text without it."""
    lines = text.split("\n")
    if len(lines) > 1 and (match := MARKER.match(lines[1])):
        return match, "\n".join([lines[0], *lines[2:]])
    return None, text


def _markers(files: dict[str, str], *, trusted: bool = False) -> dict[tuple[str, str], str]:
    """(platform, key) -> path of every file an import wrote, edited since or not; `trusted`:
    only those whose digest still matches their text (a marker line anyone can copy into
    their own profile says nothing of who its author is)."""
    found = {}
    for rel, text in files.items():
        match, unmarked = _unmarked(text)
        if match and (not trusted or match["digest"] == _digest(unmarked)):
            found[(match["platform"], match["key"])] = rel
    return found


def _likely_duplicates(people: _People, project: Project) -> list[tuple[str, str]]:
    """Each new profile whose name is an existing contributor's (letters, case and accents
    aside): likely one person, twice."""
    names = {person: person for person in project.contributors} | {
        slugify(str(meta.get("name") or "")): person
        for person, meta in project.contributors.items()
        if meta.get("name")
    }
    return [
        (new, names[slug])
        for rel, (_, text) in people.files.items()
        if (new := rel.removeprefix("contributors/")[:-3])
        and (slug := slugify(_name_in(text))) in names
        and names[slug] != new
    ]


def _name_in(profile: str) -> str:
    """The name a profile written by this import gives (its first front-matter line)."""
    head = profile.split("\n", 2)[1] if profile.count("\n") > 1 else ""
    value = yaml.safe_load(head.partition(":")[2]) if head.startswith("name:") else ""
    return str(value or "")


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
        elif match and match["key"] == marker_key(key) and match["digest"] == _digest(unmarked):
            writes[rel] = marked
            summary.updated.append(rel)
        else:
            summary.kept.append(rel)
    return writes


def _problems(writes: dict[str, str]) -> list[Problem]:
    """What `polyvox check` would say of each file on its own (an importer bug if anything)."""
    problems = []
    for rel, text in writes.items():
        if rel.endswith(f"/{RECORD}"):
            continue  # the import's memory, not content
        place = locate(tuple(rel.split("/")))
        if not isinstance(place, Place):
            problems.append(error(f"content/{rel}", None, place))
            continue
        raw, found = parse_document(text, f"content/{rel}")
        problems += found
        if raw is not None:
            problems += validate_meta(raw, SCHEMA_BY_KIND[place.kind])[1]
            if place.kind is DocKind.QUESTION:
                problems += split_turns(raw.body, raw.body_line, raw.rel)[2]
    return problems


def summary_lines(summary: Summary) -> list[Phrase]:
    """The summary the command prints, one fact per line."""
    new, matched = summary.new_people, sorted(summary.matched)
    platform = PLATFORM_NAMES.get(summary.platform, summary.platform)
    key = summary.platform
    lines = [
        phrase(
            "import_counts",
            questions=phrase("import_questions", count=summary.questions),
            answers=phrase("import_answers", count=summary.answers),
            follow_ups=phrase("import_follow_ups", count=summary.follow_ups),
        ),
        _listed(phrase("import_new_people", count=len(new)), new),
        _listed(phrase("import_matched", count=len(matched)), matched),
    ]
    lines += [
        phrase("import_id_taken", person=person, owner=owner, key=key)
        for person, owner in summary.renamed.items()
    ]
    lines += [
        phrase("import_same_name", person=person, owner=owner, key=key)
        for person, owner in summary.duplicates
        if person not in summary.renamed
    ]
    lines += [
        phrase("import_new_claim", person=person, platform=platform, handle=handle)
        for person, _, handle in summary.new_claims
    ]
    if summary.anonymous:
        lines.append(phrase("import_anonymous", count=summary.anonymous))
    lines += [phrase("import_not_a_question", post=post) for post in summary.staff_posts]
    if summary.removed or summary.removed_replies:
        lines.append(
            phrase(
                "import_removed",
                questions=phrase("import_questions", count=summary.removed),
                replies=phrase("import_replies", count=summary.removed_replies),
                platform=platform,
            )
        )
    lines += [phrase("import_deleted", path=f"content/{rel}") for rel in summary.deleted]
    if summary.missing:
        lines.append(phrase("import_missing", count=summary.missing))
    lines.append(
        phrase(
            "import_files",
            written=phrase("import_written", count=len(summary.written)),
            updated=len(summary.updated),
            unchanged=len(summary.unchanged),
        )
    )
    lines += [phrase("import_kept", path=rel) for rel in summary.kept]
    return lines


def _listed(what: Phrase, ids: list[str]) -> Phrase:
    """'2 new contributors (a, b)', or the count alone when nobody is named."""
    return phrase("import_listed", what=what, ids=", ".join(ids)) if ids else what
