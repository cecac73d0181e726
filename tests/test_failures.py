"""What a person reads when a command cannot do its work: one line, never a traceback; and a bug
in Polyvox, which keeps its traceback and asks to be reported."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from polyvox.commands.cli import main
from tests.conftest import BUILD_DAY, copy_project

UNWRITABLE = Path("/sys/polyvox-test")
"""A path nobody may create, root included (sysfs takes no new files or folders)."""

MISSING = os.strerror(2)  # ENOENT
NOT_A_FOLDER = os.strerror(20)  # ENOTDIR
ISSUES = "https://github.com/polyvox/polyvox/issues"


def cause(attempt: Callable[[], object]) -> str:
    """The system's words for why an attempt fails here (EACCES, EPERM or EROFS for /sys, as
    the machine has it)."""
    try:
        attempt()
    except OSError as exc:
        return exc.strerror
    raise AssertionError("the attempt was expected to fail")


@pytest.fixture(scope="module")
def places(tmp_path_factory) -> dict[str, str]:
    """The project, a file standing where a folder is expected, and how /sys refuses."""
    root = tmp_path_factory.mktemp("failures")
    project = copy_project(root / "project")
    (root / "afile").write_text("a file, not a folder\n")
    (root / "adir").mkdir()
    blocked = copy_project(root / "blocked")
    (blocked / "site").write_text("a file where the site's folder goes\n")
    return {
        "project": str(project),
        "config": str(project / "mkdocs.yml"),
        "blocked": str(blocked),
        "tmp": str(root),
        "sys": str(UNWRITABLE),
        "no_file": cause(lambda: UNWRITABLE.with_suffix(".csv").open("w")),
        "no_folder": cause(UNWRITABLE.mkdir),
    }


FAILURES = [
    # credits -o FILE: a file whose folder is missing, a file in the way, no permission,
    # a folder where the file goes
    (
        ["credits", "-o", "/missing/folder/x.csv"],
        1,
        f"Error: /missing/folder/x.csv: {MISSING}",
    ),
    (
        ["credits", "-o", "{tmp}/afile/x.csv"],
        1,
        f"Error: {{tmp}}/afile/x.csv: {NOT_A_FOLDER}",
    ),
    (["credits", "-o", "{sys}.csv"], 1, "Error: {sys}.csv: {no_file}"),
    (
        ["credits", "-o", "{tmp}/adir"],
        2,
        "Error: Invalid value for '-o' / '--output': File '{tmp}/adir' is a directory.",
    ),
    # export DIR: a folder nobody may make, a file in the way, a file given as the folder
    (["export", "/proc/x"], 1, f"Error: /proc/x: {MISSING}"),
    (["export", "{sys}"], 1, "Error: {sys}: {no_folder}"),
    (["export", "{tmp}/afile/x"], 1, f"Error: {{tmp}}/afile/x/docs: {NOT_A_FOLDER}"),
    (
        ["export", "{tmp}/afile"],
        2,
        "Error: Invalid value for 'TARGET': Directory '{tmp}/afile' is a file.",
    ),
    # email -o DIR
    (["email", "-o", "/proc/x"], 1, f"Error: /proc/x: {MISSING}"),
    (["email", "-o", "{sys}"], 1, "Error: {sys}: {no_folder}"),
    (["email", "-o", "{tmp}/afile/x"], 1, f"Error: {{tmp}}/afile/x: {NOT_A_FOLDER}"),
    (  # the default output, site/email/ beside mkdocs.yml, where site is a file
        ["email", "-f", "{blocked}/mkdocs.yml"],
        1,
        f"Error: {{blocked}}/site/email: {NOT_A_FOLDER}",
    ),
    # schema --out DIR
    (["schema", "--out", "/proc/x"], 1, f"Error: /proc/x: {MISSING}"),
    (["schema", "--out", "{sys}"], 1, "Error: {sys}: {no_folder}"),
    (["schema", "--out", "{tmp}/afile/x"], 1, f"Error: {{tmp}}/afile/x: {NOT_A_FOLDER}"),
    # init DIR
    (["init", "/proc/x"], 1, f"Error: /proc/x: {MISSING}"),
    (["init", "{sys}"], 1, "Error: {sys}: {no_folder}"),
    (["init", "{tmp}/afile/x"], 1, f"Error: {{tmp}}/afile/x: {NOT_A_FOLDER}"),
    (
        ["init", "{tmp}/afile"],
        1,
        "Error: {tmp}/afile is a file: give a new or empty folder",
    ),
    # new ... --project DIR, import ... --project DIR, check PATH: a folder that is not there
    (
        ["new", "contributor", "--name", "Ana", "--project", "/missing/folder"],
        2,
        "Error: Invalid value for '--project': Directory '/missing/folder' does not exist.",
    ),
    (
        ["new", "contributor", "--name", "Ana", "--project", "{tmp}/afile"],
        2,
        "Error: Invalid value for '--project': Directory '{tmp}/afile' is a file.",
    ),
    (
        ["import", "github", "/missing/ama.json", "--session", "2026-12-01-x", "--guest", "a"],
        2,
        "Error: Invalid value for 'FILE': File '/missing/ama.json' does not exist.",
    ),
    (
        ["check", "/missing/folder"],
        2,
        "Error: Invalid value for '[PATH]': Path '/missing/folder' does not exist.",
    ),
    # build: mkdocs.yml missing; site_dir (given in mkdocs.yml) in a file or where none may be
    (
        ["build", "-f", "/missing/mkdocs.yml"],
        2,
        "Error: Invalid value for '-f' / '--config-file': File '/missing/mkdocs.yml' does not "
        "exist.",
    ),
]


@pytest.mark.parametrize(
    ("args", "code", "line"), FAILURES, ids=[" ".join(row[0]) for row in FAILURES]
)
def test_a_path_that_cannot_be_used_is_one_line(places, args, code, line):
    """Each command, given a path it cannot use, says which and why in one line: the last one
    it prints, and no traceback."""
    args = [arg.format(**places) for arg in args]
    if args[0] in ("credits", "export", "email", "build"):
        args += ["-f", places["config"]] if "-f" not in args else []
        args += ["--today", BUILD_DAY] if args[0] != "email" else []
    result = CliRunner().invoke(main, args)
    assert isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.output
    assert (result.exit_code, result.stderr.splitlines()[-1]) == (code, line.format(**places))


@pytest.mark.parametrize(
    ("site_dir", "line"),
    [
        ("{sys}/site", "Error: {sys}: {no_folder}"),
        ("{tmp}/afile/site", "Error: {tmp}/afile: File exists"),
    ],
)
def test_a_site_dir_that_cannot_be_made_is_one_line(places, tmp_path, site_dir, line):
    """site_dir is the person's too (in mkdocs.yml): a build that cannot make it says why."""
    project = copy_project(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text() + f"site_dir: {site_dir.format(**places)}\n")
    result = CliRunner().invoke(main, ["build", "-f", str(config), "--today", BUILD_DAY])
    assert isinstance(result.exception, SystemExit), result.exc_info
    assert (result.exit_code, result.stderr.splitlines()[-1]) == (1, line.format(**places))


@pytest.fixture
def taken_port():
    """A loopback port something already listens on."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        yield listener.getsockname()[1]


def test_serve_on_a_port_in_use_is_one_line(places, taken_port):
    """The real command, on a port in use: one line on stderr, exit 1, before any build."""
    result = subprocess.run(
        [Path(sys.executable).parent / "polyvox", "serve", "-a", f"127.0.0.1:{taken_port}"],
        cwd=places["project"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (result.returncode, result.stderr) == (
        1,
        f"Error: cannot serve on 127.0.0.1:{taken_port}: Address already in use: stop what is "
        f"using it, or serve on another address, e.g. 'polyvox serve --dev-addr "
        f"127.0.0.1:{taken_port + 1}'\n",
    )


def test_a_bug_keeps_its_traceback_and_asks_to_be_reported(places, monkeypatch):
    """An error that is no one's input (here a KeyError inside the check) is not made into one
    line: it propagates with its traceback, and a note under it says where to report it."""

    def broken(*args, **kwargs):
        raise KeyError("x")

    monkeypatch.setattr("polyvox.commands.cli.summary_line", broken)
    result = CliRunner().invoke(main, ["check", places["project"]])
    assert isinstance(result.exception, KeyError)
    assert result.exception.__notes__ == [
        "polyvox: this is a bug in Polyvox, not a problem in your files: please report it, "
        f"with the lines above, at {ISSUES}"
    ]


def test_the_bug_note_is_printed_under_the_traceback(places, tmp_path):
    """In a terminal, the person sees the traceback, its last line, then where to report it."""
    script = (
        "import polyvox.commands.cli as cli\n"
        "def broken(*a, **k): raise KeyError('x')\n"
        "cli.summary_line = broken\n"
        f"cli.main(['check', {places['project']!r}])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    lines = result.stderr.splitlines()
    assert result.returncode == 1 and lines[0] == "Traceback (most recent call last):"
    assert lines[-2:] == [
        "KeyError: 'x'",
        "polyvox: this is a bug in Polyvox, not a problem in your files: please report it, "
        f"with the lines above, at {ISSUES}",
    ]


def test_issues_url_is_the_one_pyproject_names():
    """The note's address is read from the package's metadata, which pyproject.toml writes."""
    import tomllib

    from tests.conftest import REPO

    urls = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["urls"]
    assert urls["Issues"] == ISSUES


def test_an_unwritable_path_is_refused_even_for_root():
    """The table relies on /sys refusing new entries to everyone; if it did not, the rows for
    it would prove nothing."""
    assert not UNWRITABLE.exists()
    with pytest.raises(OSError):
        UNWRITABLE.mkdir()


def test_a_bug_in_the_build_keeps_its_traceback_and_the_previous_site(example_site, tmp_path):
    """The build no longer turns every exception into one line: a bug propagates with its
    traceback and the note, and the previous site stays with no staging folder left."""
    project = copy_project(tmp_path)
    shutil.copytree(example_site, project / "site")
    before = sorted(p.relative_to(project).as_posix() for p in (project / "site").rglob("*"))

    def broken(*args, **kwargs):
        raise KeyError("x")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("polyvox.site.outputs.rendered_page_faults", broken)
        result = CliRunner().invoke(
            main, ["build", "-f", str(project / "mkdocs.yml"), "--today", BUILD_DAY]
        )
    assert isinstance(result.exception, KeyError)
    assert result.exception.__notes__[0].startswith("polyvox: this is a bug in Polyvox")
    assert sorted(p.relative_to(project).as_posix() for p in (project / "site").rglob("*")) == (
        before
    )
    assert [p.name for p in project.iterdir() if p.name.startswith(".site")] == []
