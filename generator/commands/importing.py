"""`polyvox import github|reddit|discord FILE`: an AMA held on a platform into content/."""

from __future__ import annotations

import re
import sys
from dataclasses import replace
from pathlib import Path

import click

from polyvox.commands.changes import files_on_base
from polyvox.commands.importers import discord, github, reddit
from polyvox.commands.importers.core import (
    RECORD,
    Plan,
    Project,
    Request,
    plan_import,
    summary_lines,
)
from polyvox.commands.importers.thread import InputFault
from polyvox.commands.language import project_translator
from polyvox.content.layout import session_folder_fault
from polyvox.content.load import claims_on_base, find_content_dir
from polyvox.content.reader import parse_document
from polyvox.content.schema import ISSUE_ID_PATTERN
from polyvox.engines.writer import Writer
from polyvox.errors import PolyvoxError
from polyvox.i18n import Translator
from polyvox.i18n.phrases import phrase

PARSERS = {"github": github.parse, "reddit": reddit.parse, "discord": discord.parse}


@click.command("import")
@click.argument("platform", type=click.Choice(sorted(PARSERS)))
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--session", required=True, help="The session folder, YYYY-MM-DD-slug.")
@click.option(
    "--guest", "guests", multiple=True, required=True, help="A guest's handle on the platform."
)
@click.option("--host", "hosts", multiple=True, help="A host's handle on the platform.")
@click.option("--title", help="The session's title (otherwise the thread's).")
@click.option("--issue", help="YYYY-MM of the issue that features the session.")
@click.option(
    "--project",
    default=".",
    show_default=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="The project folder (or its content/ folder).",
)
def import_thread(
    platform: str,
    file: Path,
    session: str,
    guests: tuple[str, ...],
    hosts: tuple[str, ...],
    title: str | None,
    issue: str | None,
    project: Path,
) -> None:
    """Import an AMA from a GitHub Discussion, a Reddit thread or a Discord export.

    Writes content/ama/SESSION/index.md (when missing) and one question file per question,
    and a profile for each new person; never overwrites a file it did not write.
    """
    root, content_dir = find_content_dir(project)
    t = project_translator(root)
    if fault := session_folder_fault(session):
        raise click.BadParameter(fault.text(t), param_hint="'--session'")
    if issue is not None and not re.match(ISSUE_ID_PATTERN, issue):
        bad = phrase("import_bad_issue", issue=issue)
        raise click.BadParameter(bad.text(t), param_hint="'--issue'")
    if issue is not None and not (content_dir / "issues" / issue / "index.md").is_file():
        index = f"{content_dir.name}/issues/{issue}/index.md"
        missing = phrase("import_no_issue", issue=issue, index=index)
        raise click.BadParameter(missing.text(t), param_hint="'--issue'")
    try:
        thread = PARSERS[platform](_read_text(file), str(file))
    except InputFault as exc:
        raise PolyvoxError(phrase("import_nothing_written", fault=exc.said).text(t)) from None
    request = Request(session, guests, hosts, title, issue)
    project = read_project(content_dir, session, t)
    plan = plan_import(
        thread,
        request,
        replace(project, claimed_before=_claimed_before(content_dir)),
        t,
    )
    if not plan.summary.questions:
        raise PolyvoxError(phrase("import_no_question", file=str(file)).text(t))
    if plan.problems:
        for problem in plan.problems:
            click.echo(problem.as_text(t), err=True)
        raise PolyvoxError(phrase("import_would_fail").text(t))
    write_plan(plan, content_dir)
    folder = f"{content_dir.name}/ama/{session}/"
    done = phrase("import_done", platform=platform, file=str(file), folder=folder)
    click.echo(f"polyvox: {done.text(t)}")
    for line in summary_lines(plan.summary):
        click.echo(f"  {line.text(t)}")
    click.echo(phrase("import_next").text(t))
    sys.exit(0)


def _read_text(file: Path) -> str:
    """An export's text, or InputFault if it is not UTF-8."""
    try:
        return file.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        fault = phrase("import_not_utf8", source=str(file), reason=exc.reason, at=exc.start)
        raise InputFault(fault) from None


def read_project(content_dir: Path, session: str, t: Translator | None = None) -> Project:
    """What content/ holds that an import needs: contributors, and the session's files (a
    file that is not UTF-8 text stops the import with its name, as `polyvox check` would, in
    t's language)."""
    paths = sorted((content_dir / "contributors").glob("*.md"))
    paths += sorted((content_dir / "ama" / session).rglob("*.md"))
    paths += [content_dir / "ama" / session / RECORD]  # what earlier imports wrote
    files = {
        p.relative_to(content_dir).as_posix(): _project_text(p, content_dir, t)
        for p in paths
        if p.is_file()
    }
    contributors = {}
    for rel, text in files.items():
        if rel.startswith("contributors/"):
            raw, _ = parse_document(text, rel)
            contributors[rel.removeprefix("contributors/")[:-3]] = raw.meta if raw else {}
    return Project(contributors, files)


def _claimed_before(content_dir: Path) -> dict[str, dict[str, str]] | None:
    """The accounts each profile this change touches claimed on its base branch, by
    contributor id (None without git): an import flags credit given through a new claim."""
    project = content_dir.parent
    profiles = files_on_base(project, f"{content_dir.name}/contributors")
    claims = claims_on_base(profiles)
    if claims is None:
        return None
    return {Path(rel).stem: accounts for rel, accounts in claims.items() if rel.endswith(".md")}


def _project_text(path: Path, content_dir: Path, t: Translator | None) -> str:
    """A content file's text, or a one-line error naming it when it is not UTF-8."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        rel = f"{content_dir.name}/{path.relative_to(content_dir).as_posix()}"
        fault = phrase("import_content_not_utf8", path=rel, at=exc.start)
        raise click.ClickException(fault.text(t)) from None


def write_plan(plan: Plan, content_dir: Path) -> None:
    """Write each planned file: new ones created (never replacing one), ours replaced."""
    writer = Writer(content_dir)
    for rel, text in plan.writes.items():
        ours = rel in plan.summary.updated or rel.endswith(f"/{RECORD}")
        (writer.write if ours else writer.create)(rel, text.encode("utf-8"))
