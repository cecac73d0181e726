"""A member's pull request on GitHub, as the check workflow runs it: the warning about a piece
added to an issue already published needs the base branch in the clone, and the preview is
built with drafts, to be opened from files.

The checkout is simulated as actions/checkout does it: with the default depth, it fetches the
pull request's merge commit alone; with `fetch-depth: 0`, every branch as well.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO, copy_project
from tests.support import broken_links

WORKFLOWS = [
    REPO / ".github/workflows/check.yml",
    REPO / "generator/commands/skeleton/dot-github/workflows/check.yml",
]
POLYVOX = Path(sys.executable).with_name("polyvox")
NEW_PIECE = "content/issues/2026-10/late-thoughts.md"
MOVED_PIECE = "content/issues/2026-10/unconference-notes.md"
CHROMIUM = "/usr/bin/chromium"


def checkout_step(workflow: Path) -> dict:
    """The actions/checkout step of a workflow's job."""
    (job,) = yaml.safe_load(workflow.read_text(encoding="utf-8"))["jobs"].values()
    return next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout"))


def run_lines(workflow: Path) -> list[str]:
    """The commands a workflow's job runs, one per step."""
    (job,) = yaml.safe_load(workflow.read_text(encoding="utf-8"))["jobs"].values()
    return [s["run"] for s in job["steps"] if "run" in s]


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=["this repository", "polyvox init"])
def test_the_check_workflow_fetches_the_base_branch_and_previews_drafts_from_files(workflow):
    """Here and in what `polyvox init` writes: every branch is fetched, and the preview is
    built with drafts and file links."""
    assert checkout_step(workflow)["with"]["fetch-depth"] == 0
    assert "polyvox build --drafts --no-directory-urls" in run_lines(workflow)


def git(folder: Path, *args: str) -> str:
    """Run git in a folder; its output (a failure fails the test)."""
    done = subprocess.run(
        ["git", "-C", str(folder), *args], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def origin(tmp_path_factory) -> Path:
    """A repository on 'GitHub': main holds the example community; a pull request adds a piece
    to the published issue 2026-10 and moves one there from the open issue with git mv, and
    GitHub has made its merge commit, refs/pull/1/merge."""
    root = tmp_path_factory.mktemp("pull-request")
    work = copy_project(root / "work")
    git(work, "init", "-q", "-b", "main")
    git(work, "config", "user.email", "member@example.org")
    git(work, "config", "user.name", "A member")
    git(work, "add", ".")
    git(work, "commit", "-q", "-m", "The community")
    git(work, "checkout", "-q", "-b", "my-piece")
    (work / NEW_PIECE).write_text(
        "---\ntitle: Late thoughts\nauthors: [amara-okafor]\nkind: story\n---\nLate.\n",
        encoding="utf-8",
    )
    git(work, "mv", "content/issues/2026-11/unconference-notes.md", MOVED_PIECE)
    git(work, "add", ".")
    git(work, "commit", "-q", "-m", "My piece")
    git(work, "checkout", "-q", "main")
    git(work, "merge", "-q", "--no-ff", "-m", "Merge pull request #1", "my-piece")
    bare = root / "origin.git"
    git(root, "clone", "-q", "--bare", str(work), str(bare))
    git(bare, "update-ref", "refs/pull/1/merge", "main")
    git(bare, "update-ref", "refs/heads/main", "main^1")  # main as it was before the merge
    return bare


def checked_out(origin: Path, folder: Path, *, depth: int) -> Path:
    """The pull request's merge commit, checked out as actions/checkout does with this
    fetch-depth (0: every branch too; otherwise that commit alone, so shallow)."""
    folder.mkdir()
    git(folder, "init", "-q")
    git(folder, "remote", "add", "origin", str(origin))
    merge = "+refs/pull/1/merge:refs/remotes/pull/1/merge"
    if depth == 0:
        git(folder, "fetch", "-q", "origin", "+refs/heads/*:refs/remotes/origin/*", merge)
    else:
        git(folder, "fetch", "-q", f"--depth={depth}", "origin", merge)
    git(folder, "checkout", "-q", "--detach", "refs/remotes/pull/1/merge")
    return folder


def check_in_ci(project: Path) -> list[str]:
    """What `polyvox check --format github` says in a pull request's job (all output lines)."""
    env = {**os.environ, "GITHUB_BASE_REF": "main", "GITHUB_ACTIONS": "true"}
    done = subprocess.run(
        [POLYVOX, "check", "--format", "github", "--today", "2026-11-22"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return (done.stdout + done.stderr).splitlines()


def late_piece_warning(path: str) -> str:
    """The annotation a piece added to issue 2026-10 gets."""
    return (
        f"::warning file={path},line=1::issue 2026-10 was already published on 2026-10-26, so "
        "its subscribers will not see this new piece: move it to content/issues/2026-11/, the "
        "issue open for contributions"
    )


def test_with_every_branch_fetched_a_piece_added_or_moved_into_a_published_issue_is_named(
    origin, tmp_path
):
    """A full clone (fetch-depth: 0) has origin/main: the new piece and the one moved with git
    mv are both named, on their file."""
    lines = check_in_ci(checked_out(origin, tmp_path / "full", depth=0))
    assert late_piece_warning(NEW_PIECE) in lines
    assert late_piece_warning(MOVED_PIECE) in lines


def test_in_a_shallow_clone_the_check_says_it_cannot_compare(origin, tmp_path):
    """With the default depth, origin/main is not there: nothing can be named, and the check
    says why and what the workflow needs, rather than passing in silence."""
    lines = check_in_ci(checked_out(origin, tmp_path / "shallow", depth=1))
    assert late_piece_warning(NEW_PIECE) not in lines
    assert (
        "polyvox: warning: origin/main is not in this clone, so pieces this pull request adds "
        "to an issue already published cannot be found: check out with 'fetch-depth: 0' "
        "(actions/checkout)"
    ) in lines


def test_a_piece_moved_with_git_mv_is_new_before_it_is_committed(tmp_path):
    """Locally, a piece moved into a published issue with git mv (staged, not committed) is
    named like a new one."""
    project = copy_project(tmp_path / "local")
    git(project, "init", "-q")
    git(project, "config", "user.email", "member@example.org")
    git(project, "config", "user.name", "A member")
    git(project, "add", ".")
    git(project, "commit", "-q", "-m", "The community")
    git(project, "mv", "content/issues/2026-11/unconference-notes.md", MOVED_PIECE)
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_BASE_REF"}
    done = subprocess.run(
        [POLYVOX, "check", "--today", "2026-11-22"], cwd=project, env=env, capture_output=True,
        text=True, check=False,
    )  # fmt: skip
    assert (
        f"{MOVED_PIECE}:1: warning: issue 2026-10 was already published on 2026-10-26, so its "
        "subscribers will not see this new piece: move it to content/issues/2026-11/, the "
        "issue open for contributions"
    ) in done.stdout.splitlines()


@pytest.fixture(scope="module")
def preview(tmp_path_factory) -> Path:
    """The example community built as the check workflow builds a pull request's preview."""
    project = copy_project(tmp_path_factory.mktemp("preview"))
    piece = project / "content/issues/2026-11/my-first-piece.md"
    piece.write_text(
        "---\ntitle: My first piece\nauthors: [amara-okafor]\nkind: story\n---\nHello.\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [POLYVOX, "build", "--drafts", "--no-directory-urls", "--today", "2026-11-22"],
        cwd=project, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    return project / "site"


def test_the_preview_holds_the_members_piece_and_every_link_names_a_file(preview):
    """The open issue is a draft: the preview shows it, with the member's piece; every link of
    every page names a file, so nothing opens a folder's listing from disk."""
    issue = (preview / "issues/2026-11/index.html").read_text(encoding="utf-8")
    assert 'id="my-first-piece"' in issue
    assert broken_links(preview, from_files=True) == []


def test_the_preview_opened_from_disk_reads_the_issue_in_a_browser(preview, tmp_path):
    """As CONTRIBUTING.md says: open index.html, click 'Read the issue', read the issue (not
    a listing of its folder), then follow a link back to the home page."""
    from playwright.sync_api import sync_playwright

    copy = shutil.copytree(preview, tmp_path / "site-preview")  # as downloaded and unzipped
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page()
        page.goto((copy / "index.html").as_uri())
        page.get_by_role("link", name="Read the issue").click()
        page.wait_for_load_state()
        assert page.url == (copy / "issues/2026-11/index.html").as_uri()
        assert page.locator("h1").first.inner_text().startswith("Issue 4")
        assert page.locator("#my-first-piece").count() == 1
        page.locator("a.md-header__button.md-logo").click()
        page.wait_for_load_state()
        assert page.url == (copy / "index.html").as_uri()
        browser.close()
