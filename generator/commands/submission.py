"""A submitted issue form made into content files (pure: the form's answers, the community and
the submitter in; the files, and every fault in the form's own terms, out).

The text is untrusted exactly as a member's file is: the files are checked by the same rules as
`polyvox check` (see `commands.submit`). This module decides what the files are and refuses what
the check cannot see: co-authors nobody knows, a session that takes no questions, a question
that carries an answer marker (it would credit someone with words they never wrote).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from polyvox.commands.forms import (
    PIECE,
    PROFILE,
    QUESTION,
    Filled,
    Form,
    ai_options,
    collecting,
    kind_options,
    session_option,
)
from polyvox.commands.markdown import say
from polyvox.commands.scaffold import render_file
from polyvox.content.layout import DocKind
from polyvox.content.model import AmaSession, Community, Contributor
from polyvox.content.problems import Severity
from polyvox.content.reader import parse_document
from polyvox.content.schema import GITHUB_PATTERN
from polyvox.content.slugs import slugify
from polyvox.content.turns import MARKER_LINE, MARKER_WORDS
from polyvox.i18n import Translator

QUESTION_SLUG_LENGTH = 60
LIST_SEPARATORS = re.compile(r"[,;\n]+")
SESSION_IN_OPTION = re.compile(r"\(([0-9]{4}-[0-9]{2}-[0-9]{2}-[a-z0-9-]+)\)\s*$")


@dataclass(frozen=True)
class Submitter:
    """Who filled in the form: their GitHub login and account number, and the day they sent it
    (a question is dated by it)."""

    login: str
    account: int | None
    day: date


@dataclass(frozen=True)
class Remark:
    """One fault of a submission, named by the form's field (its label as the form shows it);
    its message is Markdown, every text quoted from the submission escaped."""

    field: str
    message: str
    severity: Severity = Severity.ERROR


@dataclass(frozen=True)
class Source:
    """How a written file's lines map back to the form's fields (their labels)."""

    keys: dict[str, str]
    """Front-matter key -> the label of the field that filled it."""
    body: str | None
    """The label of the field that filled the body."""


@dataclass
class Plan:
    """What a submission writes, who it credits, and what is wrong with it."""

    form: Form
    person: str
    """The submitter's contributor id."""
    files: dict[str, str] = field(default_factory=dict)
    """Path below content/ -> text."""
    sources: dict[str, Source] = field(default_factory=dict)
    remarks: list[Remark] = field(default_factory=list)
    title: str = ""
    """What the submission is, in a few words (the pull request's title)."""
    co_authors: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Context:
    """What every step of planning reads."""

    filled: Filled
    submitter: Submitter
    community: Community
    t: Translator
    site: str

    def label(self, field_id: str) -> str:
        """A field's label, as the form that was filled in shows it."""
        return self.filled.labels.get(field_id, field_id)


def claimed_by(community: Community, login: str) -> Contributor | None:
    """The contributor whose profile claims a GitHub login (any case)."""
    wanted = login.casefold()
    for person in community.contributors.values():
        if person.meta.github and person.meta.github.casefold() == wanted:
            return person
    return None


def free_id(base: str, taken: set[str], fallback: str) -> str:
    """base, or base-2, base-3... whichever nobody uses (fallback when base is empty)."""
    base = base or fallback
    return next(c for c in (base, *(f"{base}-{n}" for n in range(2, 10_000))) if c not in taken)


def plan_submission(
    filled: Filled,
    submitter: Submitter,
    community: Community,
    t: Translator,
    *,
    site: str,
    read: Callable[[str], str] = lambda source: "",
) -> Plan:
    """The files a filled form becomes, with the submitter credited, and its faults.

    `read(source)` gives the text of a content file the submission updates (a profile), by its
    path from the project.
    """
    context = _Context(filled, submitter, community, t, site)
    claimed = claimed_by(community, submitter.login)
    taken = {*community.contributors, *community.aliases}
    person = claimed.id if claimed else free_id(slugify(submitter.login), taken, "member")
    plan = Plan(filled.form, person)
    for missing in filled.missing:
        plan.remarks.append(Remark(context.label(missing), t("submit_missing_heading")))
    for form_field in filled.form.fields:
        empty = not filled.values[form_field.id].strip()
        if form_field.required and empty and form_field.id not in filled.missing:
            plan.remarks.append(Remark(context.label(form_field.id), t("submit_required")))
    if claimed is None and filled.form is not PROFILE:
        meta = {"name": submitter.login, "github": submitter.login}
        _add(plan, f"contributors/{person}.md", DocKind.CONTRIBUTOR, meta, "", Source({}, None))
    if filled.form is PIECE:
        _piece(plan, context)
    elif filled.form is QUESTION:
        _question(plan, context)
    else:
        _profile(plan, context, claimed, read(claimed.source) if claimed else "")
    return plan


def split_list(value: str) -> list[str]:
    """Entries of a list typed in one field: separated by commas, semicolons or lines."""
    return [item.strip() for item in LIST_SEPARATORS.split(value) if item.strip()]


def _co_authors(plan: Plan, context: _Context) -> list[str]:
    """The co-authors' ids, each named by id, old id, @login or name; a remark for the others."""
    community, t = context.community, context.t
    by_name = {p.meta.name.casefold(): p.id for p in community.contributors.values()}
    found: list[str] = []
    for given in split_list(context.filled.values["co_authors"]):
        who = given.removeprefix("@")
        claimed = claimed_by(community, who) if re.fullmatch(GITHUB_PATTERN, who) else None
        resolved = (
            (claimed.id if claimed else None)
            or (who if who in community.contributors else None)
            or community.aliases.get(who)
            or by_name.get(given.casefold())
        )
        if resolved is None:
            message = say(
                t,
                "submit_unknown_co_author",
                who=given,
                site=context.site,
                form=t("form_profile_name"),
            )
            plan.remarks.append(Remark(context.label("co_authors"), message))
        elif resolved != plan.person and resolved not in found:
            found.append(resolved)
    return found


def _choice(plan: Plan, context: _Context, field_id: str, options: dict[str, str]) -> str | None:
    """The value a dropdown's answer stands for: its option's, or a value written as such."""
    answer = context.filled.values[field_id]
    if not answer:
        return None
    chosen = options.get(answer) or (answer if answer in options.values() else None)
    if chosen is None:
        listed = ", ".join(f"“{option}”" for option in options)
        message = say(context.t, "submit_not_a_choice", answer=answer, choices=listed)
        plan.remarks.append(Remark(context.label(field_id), message))
    return chosen


def _piece(plan: Plan, context: _Context) -> None:
    """A piece for the issue open for contributions, by the submitter and their co-authors."""
    values, t = context.filled.values, context.t
    plan.co_authors = _co_authors(plan, context)
    kind = _choice(plan, context, "kind", kind_options(t))
    ai = _choice(plan, context, "ai", ai_options(t))
    plan.title = t("pr_title_piece", title=values["title"])
    issue = context.community.open_issue
    if issue is None:
        message = say(t, "submit_no_open_issue", site=context.site)
        plan.remarks.append(Remark(t("form_piece_name"), message))
        return
    slug = free_id(slugify(values["title"]), {c.slug for c in issue.contributions}, "piece")
    meta = {
        "title": values["title"],
        "authors": [plan.person, *plan.co_authors],
        "kind": kind or values["kind"],
        "tags": split_list(values["tags"]),
        "summary": values["summary"],
        "ai_assistance": ai,
    }
    keys = {"title": "title", "authors": "co_authors", "kind": "kind", "tags": "tags"}
    keys |= {"summary": "summary", "ai_assistance": "ai"}
    source = Source({k: context.label(f) for k, f in keys.items()}, context.label("text"))
    rel = f"issues/{issue.id}/{slug}.md"
    _add(plan, rel, DocKind.CONTRIBUTION, meta, values["text"], source)


def _question(plan: Plan, context: _Context) -> None:
    """A question for a session collecting questions, asked by the submitter."""
    values, t = context.filled.values, context.t
    question = values["question"]
    first = question.strip().splitlines()[0] if question.strip() else ""
    plan.title = t("pr_title_question", title=first)
    open_sessions = collecting(context.community.sessions)
    session = _session(values["session"], context.community)
    if values["session"] and session not in open_sessions:
        listed = ", ".join(f"“{session_option(s)}”" for s in open_sessions)
        message = (
            say(t, "submit_session_closed", session=values["session"], sessions=listed)
            if open_sessions
            else t("submit_no_session")
        )
        plan.remarks.append(Remark(context.label("session"), message))
    for line in question.splitlines():
        marker = MARKER_LINE.fullmatch(line)
        if marker and marker["inner"].partition(":")[0].strip().lower() in MARKER_WORDS:
            message = say(t, "submit_marker", line=line.strip())
            plan.remarks.append(Remark(context.label("question"), message))
    if session is None or session not in open_sessions:
        return
    slugs = {q.slug for q in session.questions}
    slug = free_id(slugify(first, max_length=QUESTION_SLUG_LENGTH), slugs, "question")
    meta = {
        "asked_by": plan.person,
        "date": context.submitter.day,
        "tags": split_list(values["tags"]),
    }
    source = Source({"tags": context.label("tags")}, context.label("question"))
    _add(plan, f"ama/{session.id}/questions/{slug}.md", DocKind.QUESTION, meta, question, source)


def _session(answer: str, community: Community) -> AmaSession | None:
    """The session a question form's answer names: by its option, its folder, or its title."""
    by_id = {s.id: s for s in community.sessions}
    named = SESSION_IN_OPTION.search(answer)
    if named and named[1] in by_id:
        return by_id[named[1]]
    if answer in by_id:
        return by_id[answer]
    return next((s for s in community.sessions if s.meta.title == answer), None)


def link_line(line: str) -> tuple[str, str] | None:
    """(label, address) of a line 'Label: https://...' or '- https://...' (label '' when only
    an address is given); None when the line is not one address, labelled or not."""
    text = line.strip()
    if text[:1] in ("-", "*") and text[1:2].isspace():
        text = text[1:].strip()
    label, url = "", text
    colon = text.find(": ")
    if colon > 0 and "//" not in text[:colon]:
        label, url = text[:colon].strip(), text[colon + 2 :].strip()
    if not url or any(ch.isspace() for ch in url):
        return None
    return label, url


def _links(plan: Plan, context: _Context) -> dict[str, str]:
    """Profile links from lines 'Label: https://...' (a bare address is labelled by its site)."""
    links = {}
    for line in context.filled.values["links"].splitlines():
        if not line.strip():
            continue
        found = link_line(line)
        if found is None:
            message = say(context.t, "submit_link_line", line=line.strip())
            plan.remarks.append(Remark(context.label("links"), message))
            continue
        label, url = found
        label = label or re.sub(r"^[a-z]+://(www\.)?|/.*$", "", url) or url
        links[label] = url
    return links


def _profile(plan: Plan, context: _Context, claimed: Contributor | None, text: str) -> None:
    """The submitter's profile, new or brought up to date (a field left empty keeps its value)."""
    values = context.filled.values
    given = {
        "name": values["name"],
        "pronouns": values["pronouns"],
        "links": _links(plan, context),
        "fediverse": values["fediverse"],
    }
    given = {key: value for key, value in given.items() if value}
    rel = f"contributors/{plan.person}.md"
    if claimed is None:
        meta = {"name": "", "pronouns": None, "links": {}, "github": context.submitter.login}
        body = values["bio"]
    else:
        raw, _ = parse_document(text, rel)
        meta, body = dict(raw.meta if raw else {}), values["bio"] or claimed.bio
    meta |= given
    plan.title = context.t("pr_title_profile", name=meta.get("name") or context.submitter.login)
    keys = {key: context.label(key) for key in ("name", "pronouns", "links", "fediverse")}
    _add(plan, rel, DocKind.CONTRIBUTOR, meta, body, Source(keys, context.label("bio")))


def _add(plan: Plan, rel: str, kind: DocKind, meta: dict, body: str, source: Source) -> None:
    """One file of the plan, written as `polyvox new` writes files (without its hints)."""
    plan.files[rel] = render_file(kind, meta, body, None, hints=False)
    plan.sources[rel] = source
