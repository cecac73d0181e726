"""Commands for people who write content: `polyvox new ...` and `polyvox schema`."""

from __future__ import annotations

import re
import sys
from datetime import date
from pathlib import Path

import click

from polyvox.commands.language import project_translator
from polyvox.commands.scaffold import (
    NEXT_STEP,
    as_date,
    draft,
    existing_ids,
    next_issue_number,
    open_issue_id,
    published_issue_warning,
    session_held_on,
)
from polyvox.content.editor_schemas import SCHEMA_FOLDER, schema_texts
from polyvox.content.layout import DocKind
from polyvox.content.load import find_content_dir
from polyvox.content.schema import AiAssistance, ContributionKind
from polyvox.content.slugs import slugify
from polyvox.engines.writer import Writer
from polyvox.i18n import Translator
from polyvox.i18n.phrases import phrase

TAG_HELP = "A tag in your own words, e.g. éthique (repeatable)."
project_option = click.option(
    "--project",
    default=".",
    show_default=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="The project folder (or its content/ folder).",
)


@click.group()
def new() -> None:
    """Start a new content file from options; asks for missing values in a terminal."""


def interactive() -> bool:
    """Whether a person is at the keyboard (questions may be asked)."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def require(
    values: dict[str, object],
    kind: str,
    t: Translator,
    *,
    choices: dict | None = None,
) -> None:
    """Ask for each missing value in a terminal; without one, stop and name every missing option.

    values is keyed by option name (without '--'); repeatable options hold tuples.
    """
    missing = [name for name, value in values.items() if value in (None, ())]
    if missing and not interactive():
        flags = ", ".join(f"--{name.replace('_', '-')}" for name in missing)
        said = phrase("new_missing_options", count=len(missing), flags=flags, kind=kind)
        raise click.UsageError(said.text(t))
    for name in missing:
        label = phrase(f"prompt_{name}").text(t)
        kind_of = click.Choice(choices[name]) if choices and name in choices else str
        answer = click.prompt(label, type=kind_of, prompt_suffix=phrase("prompt_suffix").text(t))
        several = isinstance(values.get(name), tuple)
        values[name] = tuple(re.split(r"[,\s]+", answer.strip())) if several else answer


def write(
    kind: DocKind,
    ids: dict,
    meta: dict,
    project: Path,
    t: Translator,
    body: str | None = None,
) -> None:
    """Check the new file as `polyvox check` would; write it only if nothing is wrong."""
    empty = [key for key in ("id", "slug") if ids.get(key) == ""]
    if empty:
        flag = "--id" if empty[0] == "id" else "--slug"
        click.echo(f"polyvox: {phrase('new_no_file_name', flag=flag).text(t)}", err=True)
        click.echo(f"polyvox: {phrase('new_nothing_written').text(t)}", err=True)
        sys.exit(1)
    root, content_dir = find_content_dir(project)
    result = draft(
        kind, ids, meta, content_dir=content_dir, body=body, schema_dir=root / SCHEMA_FOLDER, t=t
    )
    if result.problems:
        for problem in result.problems:
            click.echo(problem.as_text(t), err=True)
        click.echo(f"polyvox: {phrase('new_nothing_written').text(t)}", err=True)
        sys.exit(1)
    Writer(content_dir.parent).create(result.rel, result.text.encode("utf-8"))
    click.echo(f"polyvox: {phrase('new_wrote', path=result.rel).text(t)}")
    click.echo(phrase("new_next", step=NEXT_STEP[kind]).text(t))


def language_of(project: Path) -> Translator:
    """The language `polyvox new` speaks in a project: its site's."""
    root, _ = find_content_dir(project)
    return project_translator(root)


@new.command("contributor")
@click.option("--name", help="Your name as it is shown on every credit.")
@click.option("--id", "person_id", help="Your id (default: from your name, e.g. amara-okafor).")
@click.option("--pronouns", help="Pronouns shown next to your name.")
@click.option("--github", help="Your GitHub user name.")
@click.option("--link", "links", multiple=True, help="A link as LABEL=URL (repeatable).")
@click.option(
    "--anonymous",
    is_flag=True,
    help="Be credited as 'Anonymous member': your name is never shown, and no profile page.",
)
@project_option
def new_contributor(name, person_id, pronouns, github, links, anonymous, project) -> None:
    """Add your profile: content/contributors/<id>.md."""
    t = language_of(project)
    values = {"name": name}
    require(values, "contributor", t)
    labelled = dict(link.partition("=")[::2] for link in links)
    meta = {"name": values["name"], "pronouns": pronouns, "links": labelled, "github": github}
    meta["anonymous"] = True if anonymous else None
    write(DocKind.CONTRIBUTOR, {"id": person_id or slugify(values["name"])}, meta, project, t)


@new.command("contribution")
@click.option(
    "--issue", help="The issue it is for, YYYY-MM (default: the issue open for contributions)."
)
@click.option("--title", help="The title of your piece.")
@click.option("--author", "authors", multiple=True, help="An author's id (repeatable).")
@click.option("--kind", type=click.Choice([k.value for k in ContributionKind]))
@click.option("--slug", help="The file name without .md (default: from the title).")
@click.option("--tag", "tags", multiple=True, help=TAG_HELP)
@click.option("--summary", help="One sentence shown in lists and feeds.")
@click.option("--responds-to", help="<YYYY-MM>/<slug> of the piece this answers.")
@click.option("--ai-assistance", type=click.Choice([a.value for a in AiAssistance]))
@project_option
def new_contribution(
    issue, title, authors, kind, slug, tags, summary, responds_to, ai_assistance, project
) -> None:
    """Add a piece to an issue: content/issues/<YYYY-MM>/<slug>.md."""
    _, content_dir = find_content_dir(project)
    t = language_of(project)
    issue = issue or open_issue_id(content_dir)
    values = {"issue": issue, "title": title, "author": authors, "kind": kind}
    require(values, "contribution", t, choices={"kind": [k.value for k in ContributionKind]})
    late = published_issue_warning(content_dir, values["issue"])
    if late:
        click.echo(f"polyvox: warning: {late.text(t)}", err=True)
    meta = {
        "title": values["title"],
        "authors": list(values["author"]),
        "kind": values["kind"],
        "tags": list(tags),
        "summary": summary,
        "responds_to": responds_to,
        "ai_assistance": ai_assistance,
    }
    ids = {"issue": values["issue"], "slug": slug or slugify(values["title"])}
    write(DocKind.CONTRIBUTION, ids, meta, project, t)


@new.command("issue")
@click.option("--month", help="The issue's month, YYYY-MM (its folder name).")
@click.option("--title", help="The issue's title.")
@click.option("--editor", "editors", multiple=True, help="An editor's id (repeatable).")
@click.option("--date", "published", help="Publication date, YYYY-MM-DD.")
@click.option("--number", type=int, help="The issue's number (default: the next one).")
@project_option
def new_issue(month, title, editors, published, number, project) -> None:
    """Prepare a monthly issue (as a draft): content/issues/<YYYY-MM>/index.md."""
    t = language_of(project)
    values = {"month": month, "title": title, "editor": editors, "date": published}
    require(values, "issue", t)
    _, content_dir = find_content_dir(project)
    meta = {
        "title": values["title"],
        "number": number or next_issue_number(content_dir),
        "date": as_date(values["date"]),
        "editors": list(values["editor"]),
        "status": "draft",
    }
    write(DocKind.ISSUE, {"month": values["month"]}, meta, project, t)


@new.command("ama")
@click.option("--date", "held", help="The session's date, YYYY-MM-DD.")
@click.option("--title", help="The session's title.")
@click.option("--guest", "guests", multiple=True, help="A guest's id (repeatable).")
@click.option("--host", "hosts", multiple=True, help="A host's id (repeatable).")
@click.option("--slug", help="The folder name after the date (default: from the title).")
@click.option("--issue", help="The issue (YYYY-MM) that will feature it.")
@project_option
def new_ama(held, title, guests, hosts, slug, issue, project) -> None:
    """Open an AMA session for questions: content/ama/<YYYY-MM-DD>-<slug>/index.md."""
    t = language_of(project)
    values = {"date": held, "title": title, "guest": guests}
    require(values, "ama", t)
    meta = {
        "title": values["title"],
        "date": as_date(values["date"]),
        "guests": list(values["guest"]),
        "hosts": list(hosts),
        "issue": issue,
        "status": "collecting",
    }
    ids = {"date": values["date"], "slug": slug or slugify(values["title"])}
    write(DocKind.SESSION, ids, meta, project, t)


@new.command("question")
@click.option("--session", help="The session's folder name, e.g. 2026-12-03-what-we-remember.")
@click.option("--asked-by", help="Your id.")
@click.option("--question", "text", help="Your question, as readers will see it.")
@click.option("--slug", help="The file name without .md (default: from the question).")
@click.option("--tag", "tags", multiple=True, help=TAG_HELP)
@project_option
def new_question(session, asked_by, text, slug, tags, project) -> None:
    """Ask a question in an AMA session: content/ama/<session>/questions/<slug>.md."""
    _, content_dir = find_content_dir(project)
    t = language_of(project)
    sessions = existing_ids(content_dir, "session")
    values = {"session": session, "asked_by": asked_by, "question": text}
    require(values, "question", t, choices={"session": sessions} if sessions else None)
    asked = date.today()
    held = session_held_on(content_dir, values["session"], asked)
    if held is not None and held < asked:
        warned = phrase("new_session_held", session=values["session"], held=held)
        click.echo(f"polyvox: warning: {warned.text(t)}", err=True)
        asked = held
    meta = {"asked_by": values["asked_by"], "date": asked, "tags": list(tags)}
    ids = {"session": values["session"], "slug": slug or slugify(values["question"])}
    write(DocKind.QUESTION, ids, meta, project, t, body=values["question"])


@click.command()
@click.option(
    "--out",
    default=SCHEMA_FOLDER,
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="The folder to write the JSON Schemas into.",
)
def schema(out: Path) -> None:
    """Write the JSON Schema of every front-matter kind, for editors and other tools."""
    writer = Writer(out)
    for name, text in schema_texts().items():
        writer.text(name, text)
    wrote = phrase("schema_wrote", count=writer.written, folder=out)
    click.echo(f"polyvox: {wrote.text(project_translator(Path('.')))}")  # run in the project
