"""`polyvox submit --from-issue EVENT.json`: a GitHub issue form, as the `issues` event of GitHub
Actions carries it, made into content files that pass `polyvox check`, or into the list of what
to change, in the form's own terms. File work only: the workflow does git and GitHub's API."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from polyvox.commands import markdown as md
from polyvox.commands.forms import (
    FORMS,
    Filled,
    collecting,
    form_data,
    labels_from,
    read_filled,
)
from polyvox.commands.submission import Plan, Remark, Submitter, plan_submission
from polyvox.commands.welcome import Links, credits_markdown
from polyvox.config import SiteSettings, load_content
from polyvox.content.load import Loaded
from polyvox.content.model import Community
from polyvox.content.problems import Problem, Severity
from polyvox.content.reader import parse_document
from polyvox.credit.diff import credit_changes
from polyvox.engines.writer import Writer
from polyvox.i18n import Translator
from polyvox.i18n.phrases import phrase

BOT_EMAIL = "41898282+github-actions[bot]@users.noreply.github.com"
IGNORED, PROBLEMS, PULL_REQUEST = "ignored", "problems", "pull-request"
PATH_IN_MESSAGE = re.compile(r"content/|\.md\b")
CLAUSE_END = re.compile("[\u00a0\u202f]?: ")
"""Where a clause of a message ends: ': ', or ' : ' as French writes it."""
QUOTED_LINE = 60
"""How much of a line a remark quotes."""


class SubmitError(Exception):
    """The event cannot be read; the message names the file and what was expected."""


@dataclass(frozen=True)
class IssueEvent:
    """What a submission needs of an `issues` event."""

    action: str
    number: int
    state: str
    body: str
    login: str
    account: int | None
    bot: bool
    created: date
    body_changed: bool = True
    """False for an edit of the title alone (the form's answers are as they were)."""


def read_event(path: Path) -> IssueEvent:
    """The issue an `issues` event payload ($GITHUB_EVENT_PATH) is about."""
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
        issue, user = payload["issue"], payload["issue"]["user"]
        return IssueEvent(
            action=str(payload.get("action", "")),
            number=int(issue["number"]),
            state=str(issue.get("state", "open")),
            body=str(issue.get("body") or ""),
            login=str(user["login"]),
            account=int(user["id"]) if user.get("id") is not None else None,
            bot=user.get("type") == "Bot",
            created=date.fromisoformat(str(issue["created_at"])[:10]),
            body_changed=payload.get("action") != "edited" or "body" in payload.get("changes", {}),
        )
    except OSError as exc:
        raise SubmitError(f"{path}: cannot be read ({exc.strerror})") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise SubmitError(
            f"{path}: not the payload of an 'issues' event (expected issue.number, issue.user, "
            f"issue.body, issue.created_at; {type(exc).__name__}: {exc})"
        ) from None


@dataclass
class Outcome:
    """What a submission came to, and every text the workflow posts or commits."""

    kind: str
    why: str = ""
    """For an ignored event: why there is nothing to do."""
    plan: Plan | None = None
    remarks: list[Remark] = field(default_factory=list)
    written: dict[str, str] = field(default_factory=dict)
    """Path from the project -> text, for the files the pull request adds or changes."""
    texts: dict[str, str] = field(default_factory=dict)
    """File name in the --out folder -> text (reply.md, pull-request.md, commit.txt...)."""


def form_labels(
    project: Path, t: Translator, site: str, community: Community | None
) -> dict[str, dict[str, str]]:
    """Each form's field labels, as the repository's own form files show them (the text GitHub
    made holds those); a form the repository lacks is read as `polyvox forms` writes it."""
    sessions = collecting(community.sessions) if community else []
    labels = {}
    for form in FORMS:
        found = labels_from(_yaml_or_none(project / form.path))
        labels[form.id] = found or labels_from(form_data(form, t, site=site, sessions=sessions))
    return labels


def _yaml_or_none(path: Path) -> object:
    """A YAML file's data; None when it is missing or does not parse."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return None


def submit(event: IssueEvent, settings: SiteSettings, t: Translator, *, today: date) -> Outcome:
    """Make the files of a submitted form in content/, check them, and keep them only if the
    check passes; the Outcome says what to post either way."""
    project = settings.config_file.resolve().parent
    if event.action not in ("opened", "edited", "reopened") or event.state != "open":
        return Outcome(IGNORED, why=f"issue #{event.number} was {event.action}: {event.state}")
    if event.bot:
        return Outcome(IGNORED, why=f"{event.login} is a bot")
    if not event.body_changed:
        return Outcome(IGNORED, why=f"issue #{event.number} was edited, but not its text")
    before = load_content(settings.docs_dir, settings.options, today=today)
    site = settings.site_name
    filled = read_filled(event.body, form_labels(project, t, site, before.community))
    if filled is None:
        return Outcome(IGNORED, why=f"issue #{event.number} was not written with a form")
    if before.community is None:
        remark = Remark(t(f"form_{filled.form.id}_name"), t("submit_site_broken"))
        outcome = Outcome(PROBLEMS, remarks=[remark])
        return _with_texts(outcome, event, settings, t, filled, before=None, after=None)
    submitter = Submitter(event.login, event.account, event.created)
    plan = plan_submission(
        filled,
        submitter,
        before.community,
        t,
        site=site,
        read=lambda source: (project / source).read_text(encoding="utf-8"),
    )
    outcome, after = Outcome(PROBLEMS, plan=plan, remarks=list(plan.remarks)), None
    if not _errors(outcome.remarks):
        outcome, after = _write_and_check(plan, before, settings, t, today=today)
    return _with_texts(outcome, event, settings, t, filled, before=before, after=after)


def _errors(remarks: list[Remark]) -> list[Remark]:
    """The remarks that stop a submission."""
    return [r for r in remarks if r.severity is Severity.ERROR]


def _write_and_check(
    plan: Plan, before: Loaded, settings: SiteSettings, t: Translator, *, today: date
) -> tuple[Outcome, Loaded]:
    """Write the plan's files, check the project as `polyvox check` does, and put every file
    back as it was if the check finds an error in what the submission brought."""
    project = settings.config_file.resolve().parent
    folder = settings.docs_dir.resolve().relative_to(project).as_posix()
    written = {f"{folder}/{rel}": text for rel, text in plan.files.items()}
    previous = {path: _bytes_or_none(project / path) for path in written}
    writer = Writer(project)
    for path, text in written.items():
        writer.text(path, text)
    added = frozenset(path for path, data in previous.items() if data is None)
    after = load_content(settings.docs_dir, settings.options, today=today, added=added)
    known = set(before.problems)
    remarks = [_remark(p, plan, folder, written, t) for p in after.problems if p not in known]
    if _errors(remarks) or after.community is None:
        for path, data in previous.items():
            if data is None:
                (project / path).unlink()
            else:
                writer.write(path, data)
        return Outcome(PROBLEMS, plan=plan, remarks=remarks), after
    return Outcome(PULL_REQUEST, plan=plan, remarks=remarks, written=written), after


def _bytes_or_none(path: Path) -> bytes | None:
    """A file's bytes, or None when there is no such file."""
    return path.read_bytes() if path.is_file() else None


def _remark(problem: Problem, plan: Plan, folder: str, written: dict[str, str], t) -> Remark:
    """A problem of the check told in the form's terms: the field that holds it, and the line
    quoted rather than numbered."""
    label, quoted = t(f"form_{plan.form.id}_name"), ""
    if problem.path in written:
        rel = problem.path.removeprefix(folder + "/")
        label, quoted = _place(written[problem.path], problem.line, plan.sources[rel], label)
    message = md.text(for_form(problem, t))
    if quoted:
        message = t("submit_in_line", line=md.text(quoted), message=message)
    return Remark(label, message, problem.severity)


def _place(text: str, line: int | None, source, fallback: str) -> tuple[str, str]:
    """The label of the field a line of a written file came from, and the line if it is one of
    the body's (a person never saw the file's line numbers)."""
    raw, _ = parse_document(text, "submitted.md")
    if raw is None or line is None:
        return fallback, ""
    if line >= raw.body_line and source.body:
        shown = text.splitlines()[line - 1].strip() if line <= len(text.splitlines()) else ""
        cut = shown if len(shown) <= QUOTED_LINE else shown[:QUOTED_LINE].rstrip() + "…"
        return source.body, cut
    starts = sorted((n, key[0]) for key, n in raw.key_lines.items() if len(key) == 1)
    above = [key for n, key in starts if n <= line]
    return (source.keys.get(above[-1], fallback) if above else fallback), ""


def for_form(problem: Problem, t: Translator) -> str:
    """A check's message for someone who filled in a form, in t's language: without the
    front-matter key it starts with (the field says it) and without the clauses naming files
    they never saw."""
    message = _without_key(problem, t)
    clauses, ends = CLAUSE_END.split(message), CLAUSE_END.findall(message)
    kept = next((n for n, c in enumerate(clauses) if PATH_IN_MESSAGE.search(c)), len(clauses))
    if kept == len(clauses):
        return message
    shown = clauses[0] + "".join(e + c for e, c in zip(ends, clauses[1:kept], strict=False))
    shown = shown if kept else t("submit_cannot_publish")
    return t("submit_cut", message=shown, ask=t("submit_ask_editors"))


def _without_key(problem: Problem, t: Translator) -> str:
    """A problem's message without the front-matter key it starts with ("'title' is empty")."""
    message = problem.text(t)
    key = problem.phrase.value("where")
    quoted = phrase("quoted", value=key).text(t) if key else None
    if not quoted or not message.startswith(quoted):
        return message
    return message.removeprefix(quoted).lstrip(" \u00a0\u202f:")


def _with_texts(
    outcome: Outcome,
    event: IssueEvent,
    settings: SiteSettings,
    t: Translator,
    filled: Filled,
    *,
    before: Loaded | None,
    after: Loaded | None,
) -> Outcome:
    """The texts the workflow posts and commits, in the community's language."""
    name = mention(event.login)
    if outcome.kind == PROBLEMS:
        lines = [t("submit_problems", name=name), "", *_remark_lines(outcome.remarks)]
        outcome.texts["reply.md"] = "\n".join(lines) + "\n"
        return outcome
    plan = outcome.plan
    community = after.community
    warnings = _remark_lines(outcome.remarks)
    what = _what(plan, filled, community, t)
    reply = [t("submit_thanks", name=name, what=what)]
    if warnings:
        reply += ["", t("submit_warnings"), "", *warnings]
    outcome.texts["reply.md"] = "\n".join(reply) + "\n"
    outcome.texts["kept.md"] = t("submit_kept", name=name) + "\n"
    outcome.texts["title.txt"] = _one_line(plan.title)
    outcome.texts["author.txt"] = _signature(community, plan.person, event.login, event.account)
    outcome.texts["commit.txt"] = _commit_message(plan, community, event.number)
    outcome.texts["pull-request.md"] = _pull_request(plan, outcome, event, t, filled, warnings)
    outcome.texts["branch.txt"] = f"polyvox/issue-{event.number}"
    changes = credit_changes(before.community, community)
    outcome.texts["welcome.md"] = credits_markdown(
        changes,
        community,
        (after.problems, after.files_read),
        t,
        site_name=settings.site_name,
        links=Links(settings.site_url),
        mention=event.login,
    )
    return outcome


def _what(plan: Plan, filled: Filled, community: Community, t: Translator) -> str:
    """What the submission is, for the thanks: your piece "...", your question, your profile."""
    if plan.form.id == "piece":
        return t("submit_what_piece", title=md.text(filled.values["title"]))
    if plan.form.id == "question":
        return t("submit_what_question")
    return t("submit_what_profile")


def _remark_lines(remarks: list[Remark]) -> list[str]:
    """Each remark as a list item: the field in bold, then what to change (as plain text)."""
    return [f"- **{md.text(r.field)}**: {r.message}" for r in remarks]


def _one_line(text: str) -> str:
    """Text on one line, without what would end a header or an address (<, >)."""
    return " ".join(text.replace("<", " ").replace(">", " ").split())


def _signature(community: Community, person: str, login: str, account: int | None) -> str:
    """`Name <noreply address>` of a GitHub account, as git writes an author."""
    who = community.person(person)
    name = login if who.meta.anonymous else _one_line(who.meta.name) or login
    address = f"{account}+{login}" if account is not None else login
    return f"{name} <{address}@users.noreply.github.com>"


def _commit_message(plan: Plan, community: Community, issue: int) -> str:
    """The commit's message: what it adds, the issue it closes, and a Co-authored-by trailer for
    each co-author with a GitHub login (GitHub then shows them as the commit's authors too)."""
    lines = [_one_line(plan.title), "", f"Closes #{issue}."]
    named = [community.person(person) for person in plan.co_authors]
    trailers = [
        f"Co-authored-by: {_signature(community, who.id, who.meta.github, None)}"
        for who in named
        if who.meta.github and not who.meta.anonymous
    ]
    if trailers:
        lines += ["", *trailers]
    return "\n".join(lines) + "\n"


def _pull_request(
    plan: Plan, outcome: Outcome, event: IssueEvent, t: Translator, filled: Filled, warnings
) -> str:
    """The pull request's description: the issue it closes, who sent it, the files it adds."""
    form = t(f"form_{plan.form.id}_name")
    lines = [
        f"Closes #{event.number}.",
        "",
        t("pr_body", name=mention(event.login), form=form, issue=event.number),
        "",
        *(f"- `{path}`" for path in outcome.written),
    ]
    if warnings:
        lines += ["", t("submit_warnings"), "", *warnings]
    return "\n".join(lines) + "\n"


def mention(login: str) -> str:
    """A GitHub login as a mention (a login is letters, digits and '-'), else as plain text."""
    return f"@{login}" if re.fullmatch(r"[A-Za-z0-9-]+", login) else md.text(login)


def write_out(outcome: Outcome, folder: Path) -> None:
    """The --out folder the workflow reads: outcome, texts, and files/ with every file to
    commit at its path from the project."""
    writer = Writer(folder)
    writer.text("outcome", outcome.kind + "\n")
    for name, text in outcome.texts.items():
        writer.text(name, text)
    for path, text in outcome.written.items():
        writer.text(f"files/{path}", text)
