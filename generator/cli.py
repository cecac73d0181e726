"""The `polyvox` command: check, build, serve and export a community newsletter."""

from __future__ import annotations

import subprocess
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


@main.command()
@click.option(
    "-f",
    "--config-file",
    default="mkdocs.yml",
    show_default=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
@click.option("--drafts", is_flag=True, help="Include draft and future-dated issues.")
@click.option("--today", help="Build as if today were this YYYY-MM-DD (reproducible builds).")
def build(config_file: Path, drafts: bool, today: str | None) -> None:
    """Build the site into site_dir; the previous site stays if the build fails."""
    from generator.plugin import build_atomically

    if not build_atomically(config_file, drafts=drafts, today=today):
        click.echo("polyvox: build failed; the previous site was left as it was.", err=True)
        sys.exit(1)


@main.command()
@click.option(
    "-f",
    "--config-file",
    default="mkdocs.yml",
    show_default=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
@click.option(
    "-a",
    "--dev-addr",
    default="127.0.0.1:8000",
    show_default=True,
    help="Address to serve the preview on.",
)
def serve(config_file: Path, dev_addr: str) -> None:
    """Preview the site with live reload, drafts included, watching content/ and theme/."""
    theme = config_file.parent / "theme"
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "serve",
        "--livereload",
        "-f",
        str(config_file),
        "-a",
        dev_addr,
        *(["-w", str(theme)] if theme.is_dir() else []),
    ]
    sys.exit(subprocess.call(command))
