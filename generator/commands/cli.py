"""The `polyvox` command: check, build, serve and export a community newsletter.

Commands import the page generator, feeds and mkdocs only when they run: `polyvox check`,
run on every pull request and by pre-commit, loads just the content reader.
"""

from __future__ import annotations

import errno
import logging
import socket
import sys
import time
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path

import click

from polyvox.commands.authoring import new, schema
from polyvox.commands.changes import files_on_base, missing_base, new_content_files
from polyvox.commands.email import email
from polyvox.commands.importing import import_thread
from polyvox.commands.init import init
from polyvox.commands.language import translator_of
from polyvox.commands.options import (
    config_file_option,
    drafts_option,
    today_option,
    with_today,
)
from polyvox.commands.scope import Scope, scope_of
from polyvox.config import (
    ENGINES,
    SiteSettings,
    load_content,
)
from polyvox.content.load import Loaded, claims_on_base
from polyvox.content.problems import Problem, Severity, summary_line
from polyvox.errors import PolyvoxError, UnsafeContent, bug_note, path_failure
from polyvox.i18n import Translator
from polyvox.i18n.phrases import Phrase, phrase


class OneLine(click.ClickException):
    """A failure the person can fix, printed as click prints its own: one line, no traceback."""

    def __init__(self, message: str, exit_code: int = 1):
        super().__init__(message)
        self.exit_code = exit_code


class PolyvoxCommands(click.Group):
    """The `polyvox` group: sorts every failure of a command into one line or a bug report."""

    def invoke(self, ctx: click.Context):
        """Run the command; Polyvox's own errors and OS errors on a path become one line,
        anything else keeps its traceback, with a note asking to report it."""
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except PolyvoxError as exc:
            raise OneLine(str(exc), exc.exit_code) from None
        except OSError as exc:
            if exc.filename is None:
                exc.add_note(bug_note())
                raise
            raise OneLine(path_failure(exc)) from None
        except Exception as exc:
            exc.add_note(bug_note())
            raise


@click.group(cls=PolyvoxCommands)
@click.version_option(package_name="polyvox")
def main() -> None:
    """Polyvox: a community newsletter that credits every voice."""


@main.command()
@click.argument("path", default=".", type=click.Path(exists=True, path_type=Path))
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "github"]),
    default="text",
    help="text for people, github for GitHub Actions annotations.",
)
@today_option
def check(path: Path, strict: bool, output_format: str, today: datetime | None) -> None:
    """Validate the content of PATH: a project, its content/ folder, or a file or folder in it.

    The whole project is always checked (a file is right only with the others); for a file or a
    sub-folder, only its problems are listed, and the others are counted.
    """
    scope = scope_of(path)
    settings = project_settings(scope, path)
    options, t = settings.options, translator_of(settings)
    day = today.date() if today else options.today or date.today()
    profiles = files_on_base(scope.project, f"{scope.content_rel}/contributors")
    loaded = load_content(
        scope.root,
        options,
        today=day,
        added=new_content_files(scope.project),
        markdown=settings.markdown,
        claimed_before=claims_on_base(profiles),
    )
    shown = [p for p in loaded.problems if scope.holds(p.path)]
    report(shown, output_format, t=t)
    unseen = missing_base(scope.project)
    if unseen:
        click.echo(f"polyvox: warning: {unseen.text(t)}", err=True)
    click.echo(summary_line(shown, loaded.files_read, t))
    elsewhere = len(loaded.problems) - len(shown)
    if elsewhere:
        more = phrase("summary_elsewhere", count=elsewhere, path=scope.rel)
        click.echo(f"polyvox: {more.text(t)}")
    failing = [p for p in shown if strict or p.severity is Severity.ERROR]
    sys.exit(1 if failing else 0)


@main.command()
@config_file_option
@drafts_option
@today_option
@click.option(
    "--email",
    is_flag=True,
    help="Also write every published issue's email edition into site/email/.",
)
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    help="Build with this engine instead of the one mkdocs.yml names (plugins.polyvox.engine, "
    "mkdocs by default).",
)
@click.option(
    "--no-directory-urls",
    "file_links",
    is_flag=True,
    help="Link every page by its index.html, so the site can be opened from files (a pull "
    "request's preview).",
)
def build(
    config_file: Path,
    drafts: bool,
    today: datetime | None,
    email: bool,
    engine: str | None,
    file_links: bool,
) -> None:
    """Check content, then build the site; the previous site stays if anything fails."""
    from polyvox.commands.email import editions_of
    from polyvox.engines import uptodate
    from polyvox.engines.build import build_site
    from polyvox.engines.settings import cache_dir

    started = time.monotonic()
    settings = with_today(settings_of(config_file), today)
    engine = engine or settings.options.engine
    site_dir = settings.site_dir or config_file.parent / "site"
    asked = {"drafts": drafts, "engine": engine, "email": email, "file_links": file_links}
    asked["today"] = str(today_or(settings))
    inputs, cache = uptodate.inputs_stamp(settings, asked), cache_dir(settings)
    last = uptodate.unchanged(cache, inputs, site_dir)
    if last is not None:
        for line in last.report:
            click.echo(line)
        seconds = time.monotonic() - started
        click.echo(built_line(settings.site_dir, seconds, translator_of(settings), unchanged=True))
        return
    uptodate.forget(cache)
    loaded = load_checked(settings, on_failure=BUILD_FAILED)
    t = translator_of(settings)
    show_mkdocs_log(hide=STAGING_MESSAGE, printed={p.as_text(t) for p in loaded.problems})
    day = today.date() if today else None
    extra = editions_of(settings) if email else None
    if not build_site(
        settings,
        engine=engine,
        drafts=drafts,
        today=day,
        loaded=loaded,
        extra_files=extra,
        directory_urls=not file_links,
    ):
        click.echo(f"polyvox: {BUILD_FAILED.text(t)}", err=True)
        sys.exit(1)
    uptodate.remember(cache, inputs, site_dir, [p.as_text(t) for p in loaded.problems])
    click.echo(built_line(settings.site_dir, time.monotonic() - started, t))


STAGING_MESSAGE = "Building documentation to directory:"
"""mkdocs' line naming the temporary folder the site is staged in, not where it goes."""


def built_line(
    site_dir: Path | None, seconds: float, t: Translator, *, unchanged: bool = False
) -> str:
    """The last line of a build: how many pages, where, and how long it took."""
    site_dir = site_dir or Path("site")
    pages = sum(1 for _ in site_dir.rglob("*.html")) if site_dir.is_dir() else 0
    key = "build_unchanged" if unchanged else "build_done"
    said = phrase(key, count=pages, folder=site_dir.resolve(), seconds=t.tenths(seconds))
    return f"polyvox: {said.text(t)}"


def today_or(settings: SiteSettings) -> date:
    """The day a command works as of: --today, the plugin's `today` option, or the date."""
    return settings.options.today or date.today()


BUILD_FAILED = phrase("build_failed")


def settings_of(config_file: Path) -> SiteSettings:
    """Read mkdocs.yml once, as mkdocs does (a SettingsError says what is wrong in it)."""
    from polyvox.engines.settings import read_settings

    return read_settings(config_file)


def project_settings(scope: Scope, path: Path) -> SiteSettings:
    """The settings in the mkdocs.yml of the project being checked; exit 2 if there is none
    (a folder of unrelated Markdown is not checked file by file)."""
    config_file = scope.project / "mkdocs.yml"
    if not config_file.is_file():
        raise PolyvoxError(
            f"{path} is not in a Polyvox project (a folder with mkdocs.yml and content/): start "
            "one with 'polyvox init FOLDER', or run 'polyvox check' inside one",
            exit_code=2,
        )
    return settings_of(config_file)


def load_checked(settings: SiteSettings, *, on_failure: Phrase, err: bool = False) -> Loaded:
    """Read and check content/, print its problems, and exit with on_failure if any is an error.

    With `err`, problems go to stderr, so a command writing data to stdout keeps it clean.
    """
    from polyvox.engines.settings import renderer_for

    loaded = load_content(
        settings.docs_dir,
        settings.options,
        today=settings.options.today or date.today(),
        markdown=settings.markdown,
        renderer=renderer_for(settings),
    )
    t = translator_of(settings)
    report(loaded.problems, err=err, t=t)
    if loaded.community is None:
        click.echo(summary_line(loaded.problems, loaded.files_read, t), err=True)
        click.echo(f"polyvox: {on_failure.text(t)}", err=True)
        sys.exit(1)
    return loaded


def report(
    problems: list[Problem], output_format: str = "text", *, err: bool = False, t=None
) -> None:
    """Print each problem on its own line, for people or for GitHub annotations, in t's
    language (English without t)."""
    for problem in problems:
        text = problem.as_github(t) if output_format == "github" else problem.as_text(t)
        click.echo(text, err=err)


class _EchoHandler(logging.Handler):
    """Prints log records through click, to whatever stderr is at the time."""

    hidden: str | None = None
    """Records whose message starts with this are not shown."""
    printed: frozenset[str] = frozenset()
    """Messages the command has printed already (content's problems): not shown again."""

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if (self.hidden and message.startswith(self.hidden)) or message in self.printed:
            return
        click.echo(self.format(record), err=True)


def show_mkdocs_log(*, hide: str | None = None, printed: Iterable[str] = ()) -> None:
    """Show mkdocs' own messages as its command line would (once per process), but those
    starting with `hide` and those already `printed` (mkdocs still counts them for strict)."""
    logger = logging.getLogger("mkdocs")
    handler = next((h for h in logger.handlers if isinstance(h, _EchoHandler)), None)
    if handler is None:
        handler = _EchoHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    handler.hidden, handler.printed = hide, frozenset(printed)


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
    from polyvox.engines.preview import serve_preview

    settings = settings_of(config_file)
    show_mkdocs_log()
    if settings.options.engine != "mkdocs":
        click.echo(
            f"polyvox: the preview lays pages out with mkdocs; 'polyvox build' builds with "
            f"{settings.options.engine} (README, 'Engines', says what differs).",
            err=True,
        )
    refuse_taken_address(dev_addr)  # before the first build, which may take a while
    try:
        serve_preview(config_file, dev_addr=dev_addr)
    except OSError as exc:  # taken since the first check
        if exc.filename is None and exc.errno in ADDRESS_ERRORS:
            raise PolyvoxError(address_failure(dev_addr, exc)) from None
        raise


ADDRESS_ERRORS = (errno.EADDRINUSE, errno.EADDRNOTAVAIL, errno.EACCES)
"""Why a server cannot listen on an address: in use, not this machine's, a privileged port."""


def refuse_taken_address(dev_addr: str) -> None:
    """Stop with one line if the preview could not listen on dev_addr (mkdocs reports an
    address it cannot read)."""
    host, _, port = dev_addr.rpartition(":")
    host = host.removeprefix("[").removesuffix("]")
    if not port.isdigit():
        return
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server does
        try:
            probe.bind((host, int(port)))
        except OSError as exc:
            if exc.errno in ADDRESS_ERRORS:
                raise PolyvoxError(address_failure(dev_addr, exc)) from None


def address_failure(dev_addr: str, exc: OSError) -> str:
    """Why the preview cannot listen on an address, and what to do."""
    host, _, port = dev_addr.rpartition(":")
    other = f"{host}:{int(port) + 1}" if port.isdigit() else "127.0.0.1:8001"
    return (
        f"cannot serve on {dev_addr}: {exc.strerror}: stop what is using it, or serve on "
        f"another address, e.g. 'polyvox serve --dev-addr {other}'"
    )


@main.command()
@click.argument("target", type=click.Path(file_okay=False, path_type=Path))
@config_file_option
@drafts_option
@today_option
def export(target: Path, config_file: Path, drafts: bool, today: datetime | None) -> None:
    """Write the generated pages and feeds to TARGET/docs with an mkdocs.yml any engine builds."""
    settings = with_today(settings_of(config_file), today)
    t = translator_of(settings)
    project = config_file.resolve().parent
    if target.resolve() == project or settings.docs_dir.resolve().is_relative_to(target.resolve()):
        raise PolyvoxError(t("export_inside", target=target))
    loaded = load_checked(settings, on_failure=phrase("export_failed"))
    from polyvox.engines.export import export_outputs
    from polyvox.engines.settings import renderer_for, site_options
    from polyvox.site.outputs import site_outputs

    try:
        outputs = site_outputs(
            loaded.community,
            site_options(settings, drafts=drafts),
            renderer_for(settings),
            settings.options.feeds,
            output="in the export",
        )
        export_outputs(outputs, settings, target)
    except UnsafeContent as exc:
        raise PolyvoxError(f"{exc}\npolyvox: {t('export_failed')}") from None
    count = sum(1 for path in (target / "docs").rglob("*") if path.is_file())
    if not settings.site_url:
        click.echo(f"polyvox: {t('no_feeds_in', config=config_file)}", err=True)
    config = target / "mkdocs.yml"
    wrote = phrase("export_wrote", count=count, target=target, config=config)
    click.echo(f"polyvox: {wrote.text(t)}")


@main.command()
@config_file_option
@drafts_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["csv", "all-contributors", "markdown"]),
    default="csv",
    show_default=True,
    help="csv: person, role, item, date, issue, url, profile; all-contributors: a "
    ".all-contributorsrc file; markdown (with --diff): a pull request's comment.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, allow_dash=True, path_type=Path),
    default="-",
    help="File to write, e.g. .all-contributorsrc ('-', the default, is standard output).",
)
@today_option
@click.option(
    "--diff",
    "diff_spec",
    metavar="BASE...HEAD",
    help="Only what a change adds, person by person: BASE...HEAD (since HEAD left BASE), "
    "BASE..HEAD, or BASE alone (against the files as they are now). Needs git.",
)
@click.option(
    "--mention",
    metavar="LOGIN",
    help="With --diff: the GitHub login to @-mention (the pull request's author); everyone "
    "else is named, never mentioned.",
)
@click.option(
    "--preview",
    metavar="URL",
    help="With --diff: the address of a preview of the changed site, for the comment's links "
    "(default: site_url).",
)
@click.option("--run-url", metavar="URL", help="With --diff: the workflow run with the preview.")
def credits(
    config_file: Path,
    drafts: bool,
    output_format: str,
    output: Path,
    today: datetime | None,
    diff_spec: str | None,
    mention: str | None,
    preview: str | None,
    run_url: str | None,
) -> None:
    """Export every credit the site shows, for the all-contributors tools or a spreadsheet; with
    --diff, what a change adds to them, as the Markdown of a pull request's comment."""
    settings = with_today(settings_of(config_file), today)
    t = translator_of(settings)
    if (output_format == "markdown") != (diff_spec is not None):
        raise click.UsageError(t("credits_diff_format"))
    if diff_spec is not None:
        from polyvox.commands.welcome import Links

        links = Links(preview or settings.site_url, run_url or "")
        text = credits_diff(settings, diff_spec, mention=mention, links=links)
        write_output(text, output)
        return
    if output_format == "all-contributors" and not settings.site_url:
        raise PolyvoxError(t("credits_no_site_url", config_file=config_file))
    from polyvox.site.exports import all_contributors, csv_table, repository

    if output_format == "all-contributors" and not repository(settings.repo_url):
        if settings.repo_url:
            raise PolyvoxError(
                t("credits_bad_repo_url", config_file=config_file, found=settings.repo_url)
            )
        raise PolyvoxError(t("credits_no_repo_url", config_file=config_file))
    loaded = load_checked(settings, on_failure=phrase("credits_failed"), err=True)
    from polyvox.engines.settings import site_options
    from polyvox.site.view import site_context

    site = site_context(loaded.community, site_options(settings, drafts=drafts))
    if output_format == "csv":
        text = csv_table(site)
    else:
        text = all_contributors(site, repo_url=settings.repo_url)
    write_output(text, output)
    if str(output) != "-":
        people = phrase("credits_people", count=len(site.debuts))
        wrote = phrase("credits_wrote", count=len(site.credits), people=people, output=output)
        click.echo(f"polyvox: {wrote.text(t)}", err=True)


def credits_diff(settings: SiteSettings, spec: str, *, mention: str | None, links) -> str:
    """The comment for a change between two revisions of content/: '' when content/ is the
    same in both (nothing to say)."""
    import tempfile

    from polyvox.commands.snapshots import SnapshotError, extract, files_below, revisions
    from polyvox.commands.welcome import credits_markdown
    from polyvox.credit.diff import credit_changes

    project = settings.config_file.resolve().parent
    folder = settings.docs_dir.resolve().relative_to(project).as_posix()
    day = settings.options.today or date.today()
    t = translator_of(settings)
    with tempfile.TemporaryDirectory(prefix="polyvox-diff-") as tmp:
        try:
            wanted = revisions(project, spec)
            base_dir = extract(project, wanted.base, folder, Path(tmp, "base"))
            head_dir = settings.docs_dir
            if wanted.head is not None:
                head_dir = extract(project, wanted.head, folder, Path(tmp, "head"))
        except SnapshotError as exc:
            raise click.ClickException(str(exc)) from None
        before, after = files_below(base_dir), files_below(head_dir)
        if before == after:
            click.echo(f"polyvox: {t('credits_same', folder=folder)}", err=True)
            return ""
        added = frozenset(f"{folder}/{rel}" for rel in after.keys() - before.keys())
        base = load_content(base_dir, settings.options, today=day) if before else None
        if base is not None and base.community is None:
            said = t("credits_base_errors", folder=folder, revision=wanted.base[:12])
            raise click.ClickException(said)
        head = load_content(head_dir, settings.options, today=day, added=added)
    community = head.community
    changes = credit_changes(base.community if base else None, community) if community else []
    return credits_markdown(
        changes,
        community,
        (head.problems, head.files_read),
        t,
        site_name=settings.site_name,
        links=links,
        mention=mention,
    )


def write_output(text: str, output: Path) -> None:
    """Text to a file, or to standard output for '-'."""
    from polyvox.engines.writer import Writer

    if str(output) == "-":
        click.echo(text, nl=False)
    else:
        Writer(output.parent, make_root=False).text(output.name, text)


@main.command()
@click.argument("issue", required=False)
@config_file_option
@today_option
def listen(issue: str | None, config_file: Path, today: datetime | None) -> None:
    """The listening report for editors, as Markdown: first voices, voices gone quiet,
    newcomers' questions still waiting, people who only ask, the top three voices' share.

    ISSUE is YYYY-MM (default: the issue open for contributions, else the latest).
    """
    settings = with_today(settings_of(config_file), today)
    loaded = load_checked(settings, on_failure=phrase("report_failed"), err=True)
    from polyvox.commands.listen import report_markdown
    from polyvox.credit.listening import listening, report_issue

    community, t = loaded.community, translator_of(settings)
    chosen = report_issue(community, issue)
    if chosen is None:
        known = ", ".join(i.id for i in community.issues) or t("listen_none_yet")
        raise click.ClickException(
            t("listen_no_such_issue", issue=issue, folder=settings.docs_dir, known=known)
            if issue
            else t("listen_no_issue_yet", folder=settings.docs_dir)
        )
    report = listening(community, chosen, settings.options.today or date.today())
    text = report_markdown(report, community, t, site_url=settings.site_url)
    click.echo(text, nl=False)


@main.command("submit")
@click.option(
    "--from-issue",
    "event_file",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The 'issues' event payload (in GitHub Actions: $GITHUB_EVENT_PATH).",
)
@config_file_option
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write what the workflow posts and commits (outcome, texts, files/).",
)
@today_option
def submit_issue(
    event_file: Path, config_file: Path, out: Path | None, today: datetime | None
) -> None:
    """Make a submitted issue form into content files that pass the check (left in content/),
    or into the list of what to change, in the form's terms (nothing is written then)."""
    from polyvox.commands.submit import (
        IGNORED,
        PROBLEMS,
        SubmitError,
        read_event,
        submit,
        write_out,
    )

    settings = with_today(settings_of(config_file), today)
    try:
        event = read_event(event_file)
    except SubmitError as exc:
        raise click.ClickException(str(exc)) from None
    day = settings.options.today or date.today()
    outcome = submit(event, settings, translator_of(settings), today=day)
    if out is not None:
        write_out(outcome, out)
    if outcome.kind == IGNORED:
        click.echo(f"polyvox: nothing to do: {outcome.why}.")
    elif outcome.kind == PROBLEMS:
        click.echo(f"polyvox: issue #{event.number} needs changes; nothing was written:")
        click.echo(outcome.texts["reply.md"], nl=False)
    else:
        click.echo(f"polyvox: issue #{event.number}: wrote {', '.join(outcome.written)}.")


@main.command()
@config_file_option
def forms(config_file: Path) -> None:
    """Write the issue forms (.github/ISSUE_TEMPLATE/) in the site's language, the question
    form listing the sessions collecting questions; a form Polyvox did not write is left."""
    from polyvox.commands.forms import WRITTEN_BY, form_files
    from polyvox.engines.writer import Writer

    settings = settings_of(config_file)
    loaded = load_checked(settings, on_failure=phrase("forms_failed"))
    project = config_file.resolve().parent
    writer, t = Writer(project), translator_of(settings)
    files = form_files(t, site=settings.site_name, sessions=loaded.community.sessions)
    for rel, text in files.items():
        path = project / rel
        if path.is_file() and not path.read_text(encoding="utf-8").startswith(WRITTEN_BY):
            click.echo(f"polyvox: {t('forms_left', path=rel)}")
            continue
        writer.text(rel, text)
        click.echo(f"polyvox: {t('new_wrote', path=rel)}")


main.add_command(new)
main.add_command(schema)
main.add_command(email)
main.add_command(import_thread)
main.add_command(init)
