"""The `polyvox` command: check, build, serve and export a community newsletter."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.load import load_community
from generator.problems import Severity, summary_line


@click.group()
@click.version_option(package_name="polyvox")
def main() -> None:
    """Polyvox: a community newsletter that credits every voice."""


@main.command()
@click.argument("path", default=".", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "github"]),
    default="text",
    help="text for people, github for GitHub Actions annotations.",
)
def check(path: Path, strict: bool, output_format: str) -> None:
    """Validate every content file under PATH (a project or its content/ folder)."""
    loaded = load_community(path)
    for problem in loaded.problems:
        click.echo(problem.as_github() if output_format == "github" else problem.as_text())
    click.echo(summary_line(loaded.problems, loaded.files_read))
    failing = [p for p in loaded.problems if strict or p.severity is Severity.ERROR]
    sys.exit(1 if failing else 0)
