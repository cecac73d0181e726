"""The pull-request workflow files: they run the commands the guide promises, with least rights."""

from __future__ import annotations

import re
import tomllib

import yaml

from tests.conftest import REPO


def workflow(name: str) -> dict:
    """A workflow file as data (YAML's bare 'on' key read as the string it is meant to be)."""
    return yaml.load((REPO / ".github/workflows" / name).read_text(), Loader=yaml.BaseLoader)


def commands(job: dict) -> list[str]:
    """The shell commands and actions a job runs, in order."""
    return [step.get("run") or step["uses"].split("@")[0] for step in job["steps"]]


def test_pull_requests_are_checked_built_and_previewed():
    """Each pull request runs check with GitHub annotations, builds, and keeps the site."""
    check = workflow("check.yml")
    assert list(check["on"]) == ["pull_request"]
    assert check["permissions"] == {"contents": "read"}
    job = check["jobs"]["check"]
    assert commands(job) == [
        "actions/checkout",
        "actions/setup-python",
        "pip install .",
        "polyvox check --format github",
        "polyvox build",
        "actions/upload-artifact",
    ]
    assert job["steps"][-1]["with"]["path"] == "site/"


def test_main_is_published_to_pages_and_only_deploy_may_write():
    """Pushes to main (and a daily run) build the site; only the deploy job holds write rights."""
    publish = workflow("publish.yml")
    assert publish["on"]["push"] == {"branches": ["main"]}
    assert "schedule" in publish["on"]
    assert publish["permissions"] == {"contents": "read"}
    assert commands(publish["jobs"]["build"])[2:] == [
        "pip install .",
        "polyvox build",
        "actions/configure-pages",
        "actions/upload-pages-artifact",
    ]
    deploy = publish["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert commands(deploy) == ["actions/deploy-pages"]


def test_pre_commit_hook_runs_the_check_on_content_changes():
    """The hook calls the console script Polyvox installs, when content or mkdocs.yml changes."""
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    scripts = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["scripts"]
    assert hook["entry"].split()[0] in scripts
    assert hook["entry"] == "polyvox check" and hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    assert files.search("content/issues/2026-09/hosting.md") and files.search("mkdocs.yml")
    assert not files.search("generator/commands/cli.py")
