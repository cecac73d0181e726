"""The GitHub workflows: files GitHub accepts, that do what the guide promises: every pull
request is checked with annotations and its site kept, main is deployed, only deploying writes."""

from __future__ import annotations

import re
import shlex
import tomllib
from dataclasses import dataclass
from pathlib import Path

import yaml

from tests.conftest import REPO
from tests.support import check_github_schema

WORKFLOWS = sorted((REPO / ".github/workflows").glob("*.y*ml"))


@dataclass(frozen=True)
class Step:
    """One step of a job: the commands it runs (each split as a shell would), or its action."""

    commands: tuple[tuple[str, ...], ...]
    action: str
    inputs: dict
    raw: dict


@dataclass(frozen=True)
class Job:
    """One job of a workflow, with what GitHub decides it by."""

    workflow: str
    name: str
    triggers: dict
    steps: tuple[Step, ...]
    needs: tuple[str, ...]
    permissions: dict
    raw: dict


def load(path: Path) -> dict:
    """A workflow file as data; YAML 1.1 reads the bare key 'on' as true, GitHub as 'on'."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in data:
        data["on"] = data.pop(True)
    return data


def triggers(data: dict) -> dict:
    """The events that start a workflow, each with its filters ({} when it has none)."""
    on = data.get("on") or {}
    if isinstance(on, str):
        return {on: {}}
    if isinstance(on, list):
        return {event: {} for event in on}
    return {event: filters or {} for event, filters in on.items()}


def commands(script: str) -> tuple[tuple[str, ...], ...]:
    """The commands of a `run:` script, one per line, split into words as a shell would."""
    lines = [line.strip() for line in script.replace("\\\n", " ").splitlines()]
    split = (tuple(shlex.split(line, comments=True)) for line in lines if line)
    return tuple(words for words in split if words)


def step(raw: dict) -> Step:
    """A step as data."""
    action = raw.get("uses", "").split("@")[0]
    return Step(commands(raw.get("run", "")), action, raw.get("with") or {}, raw)


def permissions(raw) -> dict:
    """A permissions block as a mapping (the shorthands 'read-all' and 'write-all' expanded)."""
    if raw in ("read-all", "write-all"):
        return {"*": raw.split("-")[0]}
    return dict(raw or {})


def jobs() -> list[Job]:
    """Every job of every workflow."""
    found = []
    for path in WORKFLOWS:
        data = load(path)
        for name, raw in data["jobs"].items():
            needs = raw.get("needs", [])
            found.append(
                Job(
                    workflow=path.name,
                    name=name,
                    triggers=triggers(data),
                    steps=tuple(step(s) for s in raw.get("steps", [])),
                    needs=tuple([needs] if isinstance(needs, str) else needs),
                    permissions=permissions(raw.get("permissions", data.get("permissions"))),
                    raw=raw,
                )
            )
    return found


def runs(job: Job, *words: str) -> int | None:
    """The index of the first step that runs a command starting with these words."""
    for index, s in enumerate(job.steps):
        if any(command[: len(words)] == words for command in s.commands):
            return index
    return None


def option(command_line: tuple[str, ...], name: str) -> str | None:
    """The value of a --name option in a command's words (--name value or --name=value)."""
    for index, word in enumerate(command_line):
        if word == name and index + 1 < len(command_line):
            return command_line[index + 1]
        if word.startswith(name + "="):
            return word.split("=", 1)[1]
    return None


def site_dir() -> str:
    """The folder `polyvox build` writes, as mkdocs.yml sets it."""
    config = yaml.load((REPO / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    return config.get("site_dir", "site").strip("/")


def uploads(job: Job, action: str, *, after: int) -> list[str]:
    """The paths that steps using an upload action send, among the steps after a given one."""
    return [
        str(s.inputs.get("path", "")).strip().removeprefix("./").rstrip("/")
        for s in job.steps[after + 1 :]
        if s.action == action
    ]


def always_runs(job: Job, index: int) -> bool:
    """Whether a step runs whenever its job does, and fails the job when it fails."""
    s = job.steps[index].raw
    return "if" not in s and not s.get("continue-on-error") and not job.raw.get("continue-on-error")


def test_every_workflow_is_a_file_github_accepts():
    """Each workflow validates against the published schema of GitHub workflow files."""
    assert WORKFLOWS
    check_github_schema("vendor.github-workflows", WORKFLOWS)


def pull_request_jobs() -> list[Job]:
    """The jobs every pull request starts."""
    return [job for job in jobs() if "pull_request" in job.triggers and "if" not in job.raw]


def test_pull_requests_are_checked_with_github_annotations():
    """A pull request runs `polyvox check --format github`, after installing Polyvox, in a step
    whose failure fails the run; no workflow runs with the rights of the base repository."""
    checked = []
    for job in pull_request_jobs():
        index = runs(job, "polyvox", "check")
        if index is None:
            continue
        line = next(c for c in job.steps[index].commands if c[:2] == ("polyvox", "check"))
        assert option(line, "--format") == "github", line
        installs = runs(job, "pip", "install")
        assert installs is not None and installs < index, "Polyvox is installed first"
        assert always_runs(job, index)
        checked.append(job.name)
    assert checked, "no pull-request job runs polyvox check"
    # pull_request_target runs a fork's code with a write token and the repository's secrets
    assert all("pull_request_target" not in job.triggers for job in jobs())


def test_pull_requests_build_the_site_and_keep_it():
    """A pull-request job builds the site and uploads the folder that build wrote."""
    kept = []
    for job in pull_request_jobs():
        built = runs(job, "polyvox", "build")
        if built is not None and site_dir() in uploads(job, "actions/upload-artifact", after=built):
            assert always_runs(job, built)
            kept.append(job.name)
    assert kept, f"no pull-request job uploads {site_dir()}/ after polyvox build"


def deploys_on_main(job: Job) -> bool:
    """Whether a push to main starts this job's workflow."""
    push = job.triggers.get("push")
    if push is None:
        return False
    branches = push.get("branches")
    return branches is None or any(re.fullmatch(b.replace("*", ".*"), "main") for b in branches)


def test_main_is_built_and_deployed_to_pages():
    """A push to main runs a job that deploys to Pages, needing a job that builds the site and
    uploads that folder as the Pages artifact; nothing on the way is conditional."""
    by_name = {(job.workflow, job.name): job for job in jobs()}
    deploying = [
        job
        for job in jobs()
        if deploys_on_main(job) and any(s.action == "actions/deploy-pages" for s in job.steps)
    ]
    assert deploying, "no job deploys to Pages on a push to main"
    for deploy in deploying:
        assert "if" not in deploy.raw
        assert {"pages": "write", "id-token": "write"}.items() <= deploy.permissions.items()
        builders = [by_name[(deploy.workflow, name)] for name in deploy.needs]
        sent = []
        for job in builders:
            built = runs(job, "polyvox", "build")
            if built is not None and "if" not in job.raw and always_runs(job, built):
                sent += uploads(job, "actions/upload-pages-artifact", after=built)
        assert site_dir() in sent, "the deploy job needs no job that uploads the built site"


def test_main_is_rebuilt_daily_so_dated_issues_appear():
    """Issues dated in the future appear on their day: the deploying workflow also runs on a
    schedule."""
    schedules = {job.workflow for job in jobs() if job.triggers.get("schedule")}
    deploying = {
        job.workflow
        for job in jobs()
        if deploys_on_main(job) and any(s.action == "actions/deploy-pages" for s in job.steps)
    }
    assert deploying and deploying <= schedules


def writes_of(job: Job) -> set[str]:
    """The scopes a job may write."""
    if "*" in job.permissions:
        return {"*"} if job.permissions["*"] == "write" else set()
    return {scope for scope, level in job.permissions.items() if level == "write"}


def needed_writes(job: Job) -> set[str]:
    """The scopes a job must write to do what its steps do, read from the steps themselves:
    deploying to Pages, pushing a branch, opening, editing or commenting on a pull request,
    commenting on an issue."""
    needed = set()
    for s in job.steps:
        if s.action == "actions/deploy-pages":
            needed |= {"pages", "id-token"}
        for line in s.commands:
            if line[:2] == ("git", "push"):
                needed.add("contents")
            if line[:2] == ("gh", "pr") and line[2:3] in (("create",), ("edit",), ("comment",)):
                needed.add("pull-requests")
            if line[:3] == ("gh", "issue", "comment"):
                needed.add("issues")
    return needed


def test_every_workflow_starts_read_only():
    """No workflow grants a write right to all of its jobs."""
    for path in WORKFLOWS:
        top = load(path).get("permissions")
        assert top is not None, path.name
        assert "write" not in permissions(top).values(), path.name


def test_each_job_may_write_exactly_what_its_steps_need():
    """The least each job needs: deploying writes Pages, the submission's pull-request job
    pushes and opens pull requests, the replies comment; nothing else may write anything."""
    writers = {}
    for job in jobs():
        assert writes_of(job) == needed_writes(job), (job.workflow, job.name)
        if writes_of(job):
            writers[(job.workflow, job.name)] = writes_of(job)
    assert writers == {
        ("publish.yml", "deploy"): {"pages", "id-token"},
        ("submit.yml", "pull-request"): {"contents", "pull-requests"},
        ("submit.yml", "reply"): {"issues"},
        ("welcome.yml", "comment"): {"pull-requests"},
    }


CODE_RUNNERS = {"pip", "polyvox", "python", "python3", "make", "npm", "node", "bash", "sh"}
"""Commands that run code from the repository checked out (or installed from it)."""


def test_a_job_that_may_write_runs_no_code_from_the_repository():
    """A token that may write never runs Polyvox, pip or a script from the files checked out:
    only git and gh, on data the read-only jobs made."""
    for job in jobs():
        if not writes_of(job):
            continue
        for s in job.steps:
            words = {word.removeprefix("$(") for line in s.commands for word in line}
            assert not words & CODE_RUNNERS, (job.workflow, job.name, words & CODE_RUNNERS)
            assert not s.action.startswith("./"), (job.workflow, job.name, s.action)


PULL_REQUEST_REFS = re.compile(
    r"pull_request|workflow_run\.head|head_sha|head_ref|head_branch|merge"
)


def test_privileged_triggers_never_check_out_a_pull_request_s_code():
    """pull_request_target is never used; a job started by workflow_run (it runs with the base
    repository's rights) checks nothing out and fetches no pull request, and a job started by
    an issue checks out the default branch, never a ref the event names."""
    for job in jobs():
        assert "pull_request_target" not in job.triggers, job.workflow
        if not {"workflow_run", "issues"} & set(job.triggers):
            continue
        for s in job.steps:
            if "workflow_run" in job.triggers:
                assert s.action != "actions/checkout", (job.workflow, job.name)
            if s.action == "actions/checkout":
                assert "ref" not in s.inputs and "repository" not in s.inputs, job.name
            for line in s.commands:
                if line[:2] in (("git", "fetch"), ("git", "checkout"), ("gh", "pr")):
                    words = " ".join(line)
                    assert not PULL_REQUEST_REFS.search(words), (job.workflow, words)
                    assert line[2:3] != ("checkout",), (job.workflow, words)


def test_no_script_holds_an_expression():
    """Text from an event reaches a script through the environment only: no `${{ }}` inside a
    `run:`, where a title or a branch name could become shell code."""
    for job in jobs():
        for s in job.steps:
            assert "${{" not in s.raw.get("run", ""), (job.workflow, job.name, s.raw.get("name"))


def test_the_welcome_workflow_follows_the_check_workflow():
    """It runs when 'check' completes, and downloads the comment 'check' uploads."""
    by_name = {(job.workflow, job.name): job for job in jobs()}
    welcome = by_name[("welcome.yml", "comment")]
    assert welcome.triggers["workflow_run"] == {"workflows": ["check"], "types": ["completed"]}
    assert load(REPO / ".github/workflows/check.yml")["name"] == "check"
    (download,) = [s for s in welcome.steps if s.action == "actions/download-artifact"]
    check = by_name[("check.yml", "check")]
    uploaded = [s.inputs["name"] for s in check.steps if s.action == "actions/upload-artifact"]
    assert download.inputs["name"] in uploaded
    assert download.inputs["run-id"] == "${{ github.event.workflow_run.id }}"


def test_pre_commit_hook_runs_the_check_on_content_changes():
    """The hook calls the console script Polyvox installs, when content or mkdocs.yml changes."""
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    scripts = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["scripts"]
    assert hook["entry"].split()[0] in scripts
    assert hook["entry"] == "polyvox check" and hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    assert files.search("content/issues/2026-09/hosting.md") and files.search("mkdocs.yml")
    assert not files.search("generator/commands/cli.py")
