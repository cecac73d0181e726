"""The `polyvox` command: check, build, serve and export a community newsletter.

Commands import the page generator, feeds and mkdocs only when they run: `polyvox check`,
run on every pull request and by pre-commit, loads just the content reader.
"""

from __future__ import annotations

import logging
import sys
from datetime import datetime
from pathlib import Path

import click

from generator.commands.authoring import new, schema
from generator.commands.email import email
from generator.commands.importing import import_thread
from generator.commands.init import init
from generator.config import (
    ENGINES,
    PolyvoxOptions,
    SettingsError,
    SiteSettings,
    load_content,
    read_settings,
)
from generator.content.load import Loaded, find_content_dir
from generator.content.problems import Problem, Severity, summary_line

config_file_option = click.option(
    "-f",
    "--config-file",
    default="mkdocs.yml",
    show_default=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The site's mkdocs.yml.",
)
drafts_option = click.option(
    "--drafts", is_flag=True, help="Include draft and future-dated issues."
)


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
    options = project_options(path)
    loaded = load_content(path, options)
    report(loaded.problems, output_format)
    click.echo(summary_line(loaded.problems, loaded.files_read))
    failing = [p for p in loaded.problems if strict or p.severity is Severity.ERROR]
    sys.exit(1 if failing else 0)


@main.command()
@config_file_option
@drafts_option
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Build as if today were this YYYY-MM-DD (reproducible builds).",
)
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    help="Build with this engine instead of the one mkdocs.yml names (plugins.polyvox.engine, "
    "mkdocs by default).",
)
def build(config_file: Path, drafts: bool, today: datetime | None, engine: str | None) -> None:
    """Check content, then build the site; the previous site stays if anything fails."""
    from generator.engines.build import build_site

    settings = settings_of(config_file)
    loaded = load_checked(settings, on_failure=BUILD_FAILED)
    show_mkdocs_log()
    day = today.date() if today else None
    engine = engine or settings.options.engine
    if not build_site(settings, engine=engine, drafts=drafts, today=day, loaded=loaded):
        click.echo(BUILD_FAILED, err=True)
        sys.exit(1)


BUILD_FAILED = "polyvox: build failed; the previous site was left as it was."


def settings_of(config_file: Path) -> SiteSettings:
    """Read mkdocs.yml, or exit with a message that says what is wrong in it."""
    try:
        return read_settings(config_file)
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from None


def project_options(path: Path) -> PolyvoxOptions:
    """The plugin options in the mkdocs.yml of the project at (or above the content/ at) path."""
    project, _ = find_content_dir(path)
    config_file = project / "mkdocs.yml"
    return settings_of(config_file).options if config_file.is_file() else PolyvoxOptions()


def load_checked(settings: SiteSettings, *, on_failure: str, err: bool = False) -> Loaded:
    """Read and check content/, print its problems, and exit with on_failure if any is an error.

    With `err`, problems go to stderr, so a command writing data to stdout keeps it clean.
    """
    loaded = load_content(settings.docs_dir, settings.options)
    report(loaded.problems, err=err)
    if loaded.community is None:
        click.echo(summary_line(loaded.problems, loaded.files_read), err=True)
        click.echo(on_failure, err=True)
        sys.exit(1)
    return loaded


def report(problems: list[Problem], output_format: str = "text", *, err: bool = False) -> None:
    """Print each problem on its own line, for people or for GitHub annotations."""
    for problem in problems:
        text = problem.as_github() if output_format == "github" else problem.as_text()
        click.echo(text, err=err)


class _EchoHandler(logging.Handler):
    """Prints log records through click, to whatever stderr is at the time."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(self.format(record), err=True)


def show_mkdocs_log() -> None:
    """Show mkdocs' own messages as its command line would (once per process)."""
    logger = logging.getLogger("mkdocs")
    if not any(isinstance(h, _EchoHandler) for h in logger.handlers):
        handler = _EchoHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)


@main.command()
@config_file_option
@click.option(
    "-a",
    "--dev-addr",
    default="127.0.0.1:8000",
    show_default=True,
    help="Address to serve the preview on.",
)
def serve(config_file: Path, dev_addr: str) -> None:
    """Preview the site with live reload, drafts included, watching content/ and the theme."""
    from generator.engines.mkdocs_plugin import serve_preview

    settings = settings_of(config_file)
    show_mkdocs_log()
    if settings.options.engine != "mkdocs":
        click.echo(
            f"polyvox: the preview runs mkdocs with the plugin; 'polyvox build' builds with "
            f"{settings.options.engine} (README, 'Engines', says what differs).",
            err=True,
        )
    watched = [settings.theme_dir] if settings.theme_dir and settings.theme_dir.is_dir() else []
    if not serve_preview(config_file, dev_addr=dev_addr, watch=watched):
        sys.exit(1)


@main.command()
@click.argument("target", type=click.Path(file_okay=False, path_type=Path))
@config_file_option
@drafts_option
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Export as if today were this YYYY-MM-DD (reproducible exports).",
)
def export(target: Path, config_file: Path, drafts: bool, today: datetime | None) -> None:
    """Write the generated pages and feeds to TARGET/docs with an mkdocs.yml any engine builds."""
    settings = settings_of(config_file)
    project = config_file.resolve().parent
    if target.resolve() == project or settings.docs_dir.resolve().is_relative_to(target.resolve()):
        raise click.ClickException(
            f"{target} holds the project itself (its mkdocs.yml or content): "
            "export into a new folder, e.g. 'polyvox export exported'"
        )
    loaded = load_checked(settings, on_failure="polyvox: nothing was exported.")
    from generator.engines.export import export_tree, renderer_for, site_options
    from generator.site.pages import generate_site

    options = site_options(settings, drafts=drafts, today=today.date() if today else None)
    tree = generate_site(loaded.community, options, renderer_for(settings))
    count = export_tree(tree, settings, target)
    if not settings.site_url:
        click.echo(f"polyvox: no feeds written: feeds need 'site_url' in {config_file}", err=True)
    config = target / "mkdocs.yml"
    click.echo(
        f"polyvox: wrote {count} files to {target}; build them with "
        f"'zensical build -f {config}' or 'mkdocs build -f {config}'."
    )


@main.command()
@config_file_option
@drafts_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["csv", "all-contributors"]),
    default="csv",
    show_default=True,
    help="csv: person, role, item, date, issue, url, profile; all-contributors: a "
    ".all-contributorsrc file.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, allow_dash=True, path_type=Path),
    default="-",
    help="File to write, e.g. .all-contributorsrc ('-', the default, is standard output).",
)
def credits(config_file: Path, drafts: bool, output_format: str, output: Path) -> None:
    """Export every credit the site shows, for the all-contributors tools or a spreadsheet."""
    settings = settings_of(config_file)
    if output_format == "all-contributors" and not settings.site_url:
        raise click.ClickException(
            f"{config_file}: site_url is missing: all-contributors needs it to link each "
            "person's profile and avatar; add 'site_url: https://...' to mkdocs.yml"
        )
    loaded = load_checked(settings, on_failure="polyvox: no credits were exported.", err=True)
    from generator.credit.formats import all_contributors, csv_table
    from generator.engines.export import site_options
    from generator.site.pages import site_context

    site = site_context(loaded.community, site_options(settings, drafts=drafts))
    if output_format == "csv":
        text = csv_table(site)
    else:
        text = all_contributors(site, repo_url=settings.repo_url)
    if str(output) == "-":
        click.echo(text, nl=False)
        return
    output.write_text(text, encoding="utf-8")
    click.echo(
        f"polyvox: wrote {len(site.credits)} credits of {len(site.debuts)} people to {output}.",
        err=True,
    )


main.add_command(new)
main.add_command(schema)
main.add_command(email)
main.add_command(import_thread)
main.add_command(init)
