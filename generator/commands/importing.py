"""`polyvox import github|reddit|discord FILE`: an AMA held on a platform into content/."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from polyvox.commands.importers import discord, github, reddit
from polyvox.commands.importers.core import Plan, Project, Request, plan_import, summary_lines
from polyvox.commands.importers.thread import InputFault
from polyvox.content.layout import session_folder_fault
from polyvox.content.load import find_content_dir
from polyvox.content.reader import parse_document
from polyvox.content.schema import ISSUE_ID_PATTERN
from polyvox.errors import PolyvoxError

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
    if fault := session_folder_fault(session):
        raise click.BadParameter(fault, param_hint="'--session'")
    if issue is not None and not re.match(ISSUE_ID_PATTERN, issue):
        raise click.BadParameter(f"'{issue}' is not YYYY-MM, e.g. 2026-09", param_hint="'--issue'")
    _, content_dir = find_content_dir(project)
    if issue is not None and not (content_dir / "issues" / issue / "index.md").is_file():
        raise click.BadParameter(
            f"issue '{issue}' has no {content_dir.name}/issues/{issue}/index.md: "
            "start it with 'polyvox new issue'",
            param_hint="'--issue'",
        )
    try:
        thread = PARSERS[platform](_read_text(file), str(file))
    except InputFault as exc:
        raise PolyvoxError(f"{exc}; nothing was written") from None
    request = Request(session, guests, hosts, title, issue)
    plan = plan_import(thread, request, read_project(content_dir, session))
    if not plan.summary.questions:
        raise PolyvoxError(
            f"{file}: no question to import: every top-level comment is by a guest, a host or a "
            "bot; check the --guest and --host handles; nothing was written"
        )
    if plan.problems:
        for problem in plan.problems:
            click.echo(problem.as_text(), err=True)
        raise PolyvoxError("the imported files would not pass the check: nothing written")
    write_plan(plan, content_dir)
    folder = f"{content_dir.name}/ama/{session}/"
    click.echo(f"polyvox: imported the {platform} thread {file} into {folder}")
    for line in summary_lines(plan.summary):
        click.echo(f"  {line}")
    click.echo("Next: run 'polyvox check', read the files, then open a pull request.")
    sys.exit(0)


def _read_text(file: Path) -> str:
    """An export's text, or InputFault if it is not UTF-8."""
    try:
        return file.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputFault(f"{file}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None


def read_project(content_dir: Path, session: str) -> Project:
    """What content/ holds that an import needs: contributors, and the session's files."""
    paths = sorted((content_dir / "contributors").glob("*.md"))
    paths += sorted((content_dir / "ama" / session).rglob("*.md"))
    files = {p.relative_to(content_dir).as_posix(): p.read_text(encoding="utf-8") for p in paths}
    contributors = {}
    for rel, text in files.items():
        if rel.startswith("contributors/"):
            raw, _ = parse_document(text, rel)
            contributors[rel.removeprefix("contributors/")[:-3]] = raw.meta if raw else {}
    return Project(contributors, files)


def write_plan(plan: Plan, content_dir: Path) -> None:
    """Write each planned file: new ones created (never replacing one), ours replaced."""
    for rel, text in plan.writes.items():
        path = content_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        mode = "w" if rel in plan.summary.updated else "x"
        with path.open(mode, encoding="utf-8", newline="\n") as out:
            out.write(text)
