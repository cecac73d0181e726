"""New content files from flags: the path, the text, and every fault found before writing.

Nothing here touches the disk but `existing_ids`, which lists what content/ already holds; the
command line asks for missing values, writes the file and prints the next step.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml
from pydantic import BaseModel

from polyvox.content import safety
from polyvox.content.layout import DocKind, locate
from polyvox.content.load import SCHEMA_BY_KIND, profile_links
from polyvox.content.meta import validate_meta
from polyvox.content.model import open_issue_of
from polyvox.content.problems import Problem, error, suggest
from polyvox.content.reader import RawDocument, parse_document
from polyvox.content.schema import ContributorMeta
from polyvox.content.validate import unknown_person
from polyvox.i18n.phrases import Phrase, Words, phrase

PLACEHOLDER = {
    DocKind.CONTRIBUTOR: phrase("placeholder_contributor"),
    DocKind.CONTRIBUTION: phrase("placeholder_contribution"),
    DocKind.ISSUE: phrase("placeholder_issue"),
    DocKind.SESSION: phrase("placeholder_session"),
}
"""Bodies of new files: comments, so an unedited file shows nothing on the site."""
NEXT_STEP = {
    DocKind.CONTRIBUTOR: phrase("new_next_contributor"),
    DocKind.CONTRIBUTION: phrase("new_next_contribution"),
    DocKind.ISSUE: phrase("new_next_issue"),
    DocKind.SESSION: phrase("new_next_session"),
    DocKind.QUESTION: phrase("new_next_question"),
}
REFERENCES = {
    "authors": "contributor",
    "translators": "contributor",
    "reviewers": "contributor",
    "editors": "contributor",
    "guests": "contributor",
    "hosts": "contributor",
    "asked_by": "contributor",
}
"""Front-matter keys whose values must already exist in content/, and what they name."""


class _FrontMatterDumper(yaml.SafeDumper):
    """Writes keys one per line and lists inline, as the content contract's examples do, and
    text that needs quotes in double quotes ("L'éthique", never 'L''éthique')."""

    def choose_scalar_style(self) -> str:
        """The style PyYAML would pick, with double quotes wherever it would use single ones."""
        style = super().choose_scalar_style()
        return '"' if style == "'" else style


_FrontMatterDumper.add_representer(
    list, lambda dumper, items: dumper.represent_sequence("tag:yaml.org,2002:seq", items, True)
)
NEVER_WRAP = 1_000_000
"""Line width for the dumper: a long summary stays on the one line a member can edit."""


@dataclass(frozen=True)
class Draft:
    """A file to write: where, what, and why it may not be written."""

    rel: str
    text: str
    problems: list[Problem]


def target_path(kind: DocKind, ids: dict[str, str]) -> str:
    """Where a new file of this kind goes, below content/."""
    match kind:
        case DocKind.CONTRIBUTOR:
            return f"contributors/{ids['id']}.md"
        case DocKind.CONTRIBUTION:
            return f"issues/{ids['issue']}/{ids['slug']}.md"
        case DocKind.ISSUE:
            return f"issues/{ids['month']}/index.md"
        case DocKind.SESSION:
            return f"ama/{ids['date']}-{ids['slug']}/index.md"
        case DocKind.QUESTION:
            return f"ama/{ids['session']}/questions/{ids['slug']}.md"
    raise ValueError(f"no file template for {kind}")


def draft(
    kind: DocKind,
    ids: dict[str, str],
    meta: dict[str, object],
    *,
    content_dir: Path,
    body: str | None = None,
    schema_dir: Path | None = None,
    t: Words | None = None,
) -> Draft:
    """Compose a new file and check it as `polyvox check` would, against what content/ holds
    (its hints, comments to the writer, in t's language)."""
    rel_in_content = target_path(kind, ids)
    rel = f"{content_dir.name}/{rel_in_content}"
    place = locate(tuple(rel_in_content.split("/")))
    if isinstance(place, Phrase):
        return Draft(rel, "", [error(rel, None, place)])
    modeline = _modeline(kind, content_dir / rel_in_content, schema_dir)
    text = render_file(kind, meta, body, modeline, t=t)
    raw, problems = parse_document(text, rel)
    if raw is not None:
        meta_checked, meta_problems = validate_meta(raw, SCHEMA_BY_KIND[kind])
        problems += meta_problems
        problems += _safety_problems(raw, meta_checked, content_dir / rel_in_content, content_dir)
        problems += _unknown_references(raw.meta, rel, content_dir, raw.line_of)
        problems += _missing_targets(kind, ids, raw.meta, rel, content_dir)
    if (content_dir / rel_in_content).exists():
        problems.append(error(rel, None, phrase("new_exists")))
    return Draft(rel, text, problems)


def _safety_problems(
    raw: RawDocument, meta: BaseModel | None, path: Path, content_dir: Path
) -> list[Problem]:
    """What the safety checks of `polyvox check` say of the new file's body and links."""
    problems, _ = safety.check_body(
        raw.body, raw.body_line, raw.rel, folder=path.parent, content_dir=content_dir
    )
    if isinstance(meta, ContributorMeta):
        links = profile_links(raw, meta)
        problems += safety.link_problems(
            links, raw.rel, folder=path.parent, content_dir=content_dir
        )
    return problems


def render_file(
    kind: DocKind,
    meta: dict[str, object],
    body: str | None,
    modeline: str | None,
    *,
    hints: bool = True,
    t: Words | None = None,
) -> str:
    """The file's text: front matter (given keys, then optional keys as hints) and body; the
    comments to the writer in t's language."""
    given = {key: value for key, value in meta.items() if value not in (None, [], {}, "")}
    dumped = yaml.dump(
        given, Dumper=_FrontMatterDumper, sort_keys=False, allow_unicode=True, width=NEVER_WRAP
    )
    hinted = _optional_key_hints(SCHEMA_BY_KIND[kind], set(given), t) if hints else []
    lines = ["---", *([modeline] if modeline else []), dumped.rstrip("\n"), *hinted, "---"]
    shown = body if body is not None else placeholder(kind, t)
    return "\n".join(lines) + "\n" + shown + "\n"


def placeholder(kind: DocKind, t: Words | None = None) -> str:
    """The body of a new file of a kind: a comment saying what to write, in t's language."""
    return f"<!-- {PLACEHOLDER[kind].text(t)} -->"


def _optional_key_hints(
    schema: type[BaseModel], given: set[str], t: Words | None = None
) -> list[str]:
    """Commented lines naming each optional key left out, with its default value and what it
    is for: a line uncommented as it is still passes the check, and publishes nothing."""
    optional = [
        (name, field)
        for name, field in schema.model_fields.items()
        if not field.is_required() and name not in given
    ]
    if not optional:
        return []
    return [
        f"# {phrase('new_optional_keys').text(t)}",
        *(_hint_line(name, field) for name, field in optional),
    ]


def _hint_line(name: str, field) -> str:
    """One optional key, commented out: its default as its value, then what it is for."""
    default = field.get_default(call_default_factory=True)
    if default is None:
        value = ""
    else:
        value = yaml.dump(default, Dumper=_FrontMatterDumper, default_flow_style=True).strip()
        value = " " + value.removesuffix("...").strip()
    return f"# {name}:{value}  # {field.description}"


def _modeline(kind: DocKind, path: Path, schema_dir: Path | None) -> str | None:
    """The yaml-language-server comment naming this kind's JSON Schema, if the project has it."""
    schema = schema_dir / f"{kind}.schema.json" if schema_dir else None
    if schema is None or not schema.is_file():
        return None
    return f"# yaml-language-server: $schema={os.path.relpath(schema, path.parent)}"


def existing_ids(content_dir: Path, what: str) -> list[str]:
    """The ids content/ holds for contributors, issues or sessions, sorted."""
    match what:
        case "contributor":
            return sorted(p.stem for p in (content_dir / "contributors").glob("*.md"))
        case "issue":
            return sorted(p.parent.name for p in (content_dir / "issues").glob("*/index.md"))
        case "session":
            return sorted(p.parent.name for p in (content_dir / "ama").glob("*/index.md"))
    raise ValueError(what)


def _unknown_references(meta: dict, rel: str, content_dir: Path, line_of) -> list[Problem]:
    """Contributor ids named in the front matter that content/ does not hold yet."""
    known = existing_ids(content_dir, "contributor")
    problems = []
    for key in REFERENCES:
        values = meta.get(key)
        for person in [values] if isinstance(values, str) else values or []:
            if person not in known:
                close = suggest(person, known)
                hint = (
                    phrase("did_you_mean", meant=close)
                    if close
                    else phrase(
                        "new_add_contributor_first",
                        path=f"{content_dir.name}/contributors/{person}.md",
                    )
                )
                problems.append(error(rel, line_of(key), unknown_person(person, key, hint)))
    return problems


def _missing_targets(
    kind: DocKind, ids: dict[str, str], meta: dict, rel: str, content_dir: Path
) -> list[Problem]:
    """The issue, session or piece a new file belongs to or answers, if content/ lacks it."""
    wanted = []
    if kind is DocKind.CONTRIBUTION and ids["issue"] not in existing_ids(content_dir, "issue"):
        where_to = _where_to(content_dir)
        return [error(rel, None, phrase("new_no_issue", issue=ids["issue"], where=where_to))]
    if kind is DocKind.QUESTION:
        wanted.append(("session", ids["session"], "polyvox new ama"))
    if kind is DocKind.SESSION and meta.get("issue"):
        wanted.append(("issue", str(meta["issue"]), "polyvox new issue"))
    problems = [
        error(
            rel,
            None,
            phrase(
                f"new_unknown_{what}", value=value, choices=_choices(what, content_dir, command)
            ),
        )
        for what, value, command in wanted
        if value not in existing_ids(content_dir, what)
    ]
    target = meta.get("responds_to")
    if isinstance(target, str) and not (content_dir / "issues" / f"{target}.md").is_file():
        problems.append(error(rel, None, phrase("new_no_piece", target=target)))
    return problems


def _choices(what: str, content_dir: Path, command: str) -> Phrase:
    """Say which ids exist, and how to create a new one."""
    known = existing_ids(content_dir, what)
    if known:
        return phrase("new_existing_ones", known=", ".join(known), command=command)
    return phrase("new_start_one", command=command)


def next_issue_number(content_dir: Path) -> int:
    """One more than the highest issue number content/ holds (1 for the first issue)."""
    numbers = [0]
    for index in (content_dir / "issues").glob("*/index.md"):
        raw, _ = parse_document(index.read_text(encoding="utf-8"), index.name)
        number = raw.meta.get("number") if raw else None
        if isinstance(number, int):
            numbers.append(number)
    return max(numbers) + 1


def as_date(text: str) -> date | str:
    """A YYYY-MM-DD string as a date (written unquoted), anything else as it is."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        return text


def issue_states(content_dir: Path) -> list[IssueState]:
    """Each issue content/ holds, with its status, read from its index.md alone."""
    states = []
    for index in sorted((content_dir / "issues").glob("*/index.md")):
        raw, _ = parse_document(index.read_text(encoding="utf-8"), index.name)
        meta = raw.meta if raw else {}
        states.append(IssueState(index.parent.name, meta.get("status", "published") != "draft"))
    return states


@dataclass(frozen=True)
class IssueState:
    """An issue as `polyvox new` sees it: its id and whether it is published."""

    id: str
    published: bool


def open_issue_id(content_dir: Path) -> str | None:
    """The issue open for contributions (the earliest draft), or None if there is none."""
    issue = open_issue_of(issue_states(content_dir))
    return issue.id if issue else None


def _where_to(content_dir: Path) -> Phrase:
    """Where a member's piece goes: the open issue, or the editors to ask."""
    open_id = open_issue_id(content_dir)
    if open_id:
        return phrase("new_open_issue_is", issue=open_id)
    return phrase("new_no_open_issue")


def session_held_on(content_dir: Path, session_id: str, today: date) -> date | None:
    """The day a session was held, once it no longer takes questions and its day has come,
    read from its index.md alone; None while it is still to come or collecting questions."""
    index = content_dir / "ama" / session_id / "index.md"
    if not index.is_file():
        return None
    raw, _ = parse_document(index.read_text(encoding="utf-8"), index.name)
    held = as_date(str(raw.meta.get("date"))) if raw else None
    if not isinstance(held, date):
        return None
    collecting = raw.meta.get("status") == "collecting"
    return held if not collecting and held <= today else None


def published_issue_warning(content_dir: Path, issue_id: str) -> Phrase | None:
    """A warning when a new piece goes into an issue already published, naming the open one."""
    if not any(s.id == issue_id and s.published for s in issue_states(content_dir)):
        return None
    return phrase("new_issue_published", issue=issue_id, where=_where_to(content_dir))
