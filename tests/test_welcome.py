"""The comment every pull request touching content/ gets: what it adds to the credits, person by
person, a welcome for each first voice, and the check's summary; made from two git commits by
`polyvox credits --diff`, so it reads the same locally."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from polyvox.commands.cli import main
from tests.conftest import BUILD_DAY, copy_project

SITE = "https://commons-circle.example.org/"
SESSION = "ama/2026-12-03-what-communities-remember"
RUN = "https://github.com/commons-circle/newsletter/actions/runs/42"
NEW_FILES = {
    "content/contributors/noa-levi.md": "---\nname: Noa Levi\ngithub: noa\n---\nHi.\n",
    "content/contributors/kai.md": "---\nname: Kai\n---\n",
    "content/issues/2026-11/what-we-forget.md": (
        "---\ntitle: What we forget\nauthors: [noa-levi, amara-okafor]\nkind: article\n---\n"
        "Forgetting is a choice.\n"
    ),
    f"content/{SESSION}/questions/who-decides.md": (
        "---\nasked_by: kai\ndate: 2026-11-20\n---\nWho decides what we forget?\n"
    ),
    f"content/{SESSION}/questions/priya-asks.md": (
        "---\nasked_by: priya-raman\ndate: 2026-11-21\n---\nHow long do you keep minutes?\n"
    ),
}


def git(project: Path, *args: str) -> str:
    """Run git in the project as a fixed author; its output."""
    done = subprocess.run(
        [
            "git",
            "-C",
            str(project),
            "-c",
            "user.name=Test",
            "-c",
            "user.email=t@example.org",
            *args,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def write(project: Path, files: dict[str, str]) -> None:
    """Write files into the project."""
    for rel, text in files.items():
        (project / rel).parent.mkdir(parents=True, exist_ok=True)
        (project / rel).write_text(text, encoding="utf-8")


def with_branch(project: Path, branch: str) -> Path:
    """The project committed on main, and checked out on a branch that adds NEW_FILES."""
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "The example community")
    git(project, "checkout", "-qb", branch)
    write(project, NEW_FILES)
    git(project, "add", "-A")
    git(project, "commit", "-qm", "Noa's first piece, Kai's and Priya's questions")
    return project


@pytest.fixture
def repository(tmp_path) -> Path:
    """The example community committed on main, with a branch that adds NEW_FILES."""
    return with_branch(copy_project(tmp_path / "repo"), "noa-first-piece")


def credits_diff(project: Path, *args: str) -> tuple[int, str, str]:
    """Run `polyvox credits --diff ... --format markdown` on the project."""
    result = CliRunner().invoke(
        main,
        [
            "credits",
            "-f",
            str(project / "mkdocs.yml"),
            "--today",
            BUILD_DAY,
            "--format",
            "markdown",
            *args,
        ],
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


def test_a_first_voice_a_co_authored_piece_and_questions(repository):
    """Noa, the pull request's author, is mentioned and welcomed for her first piece; Kai is
    welcomed by name for a first question; Amara co-authors and Priya asks, both known already.
    Each credit links where it will appear, and says on which page."""
    code, out, _ = credits_diff(
        repository, "--diff", "main...noa-first-piece", "--mention", "noa", "--run-url", RUN
    )
    assert code == 0
    assert out == (
        "<!-- polyvox:credits -->\n"
        "### What this pull request adds to the credits\n"
        "\n"
        f"**[Kai]({SITE}contributors/kai/)**\n"
        "\n"
        "> Welcome, Kai: this is your first question in Commons Circle.\n"
        "\n"
        f"- ❓ Question asker: [Who decides what we forget?]({SITE}{SESSION}/#who-decides)"
        " · What communities remember, with Sam Whitfield\n"
        f"- New profile page: [contributors/kai/]({SITE}contributors/kai/)\n"
        "\n"
        f"**[Noa Levi]({SITE}contributors/noa-levi/)** (@noa)\n"
        "\n"
        "> Welcome, @noa: this is your first piece in Commons Circle.\n"
        "\n"
        f"- ✍️ Author: [What we forget]({SITE}issues/2026-11/#what-we-forget)"
        " · Issue 4: What we keep\n"
        f"- New profile page: [contributors/noa-levi/]({SITE}contributors/noa-levi/)\n"
        "\n"
        f"**[Priya Raman]({SITE}contributors/priya-raman/)**\n"
        "\n"
        f"- ❓ Question asker: [How long do you keep minutes?]({SITE}{SESSION}/#priya-asks)"
        " · What communities remember, with Sam Whitfield\n"
        "\n"
        f"**[Amara Okafor]({SITE}contributors/amara-okafor/)**\n"
        "\n"
        f"- 🤝 Co-author: [What we forget]({SITE}issues/2026-11/#what-we-forget)"
        " · Issue 4: What we keep\n"
        "\n"
        "### The check\n"
        "\n"
        "polyvox: 63 files checked, no problems found.\n"
        "\n"
        f"<sub>[The site as it will be: the site-preview artifact of this workflow run]({RUN})"
        "</sub>\n"
    )


def test_the_working_tree_is_compared_with_a_commit(repository):
    """BASE alone: what uncommitted files add, read as they are now (a member, before pushing)."""
    git(repository, "checkout", "-q", "main")
    write(
        repository,
        {"content/contributors/noa-levi.md": NEW_FILES["content/contributors/noa-levi.md"]},
    )
    code, out, _ = credits_diff(repository, "--diff", "main")
    assert code == 0
    assert f"- New profile page: [contributors/noa-levi/]({SITE}contributors/noa-levi/)" in out
    assert "Welcome" not in out  # a profile alone is no act


def test_a_pull_request_that_fails_the_check_shows_its_problems(repository):
    """Nothing can be credited from content with errors: the comment says so, and lists each
    problem in a code block (the text quoted from the file cannot become Markdown)."""
    write(
        repository,
        {
            "content/issues/2026-11/what-we-forget.md": NEW_FILES[
                "content/issues/2026-11/what-we-forget.md"
            ].replace(
                "Forgetting is a choice.",
                "Forgetting <script>x()</script> is [a choice](choice```.md).",
            )
        },
    )
    git(repository, "commit", "-qam", "A script")
    code, out, _ = credits_diff(repository, "--diff", "main...HEAD")
    assert code == 0
    assert (
        "The check found errors, so nothing can be credited yet: once they are fixed, this "
        "comment shows what the site will credit each person for.\n"
    ) in out
    # the link's error quotes its target, whose ``` the block's fence must outlast
    assert "polyvox: 63 files checked, 2 errors, 0 warnings.\n\n````text\n" in out
    assert (
        "content/issues/2026-11/what-we-forget.md:6: error: <script> is not allowed: it runs "
        "code in readers' browsers"
    ) in out
    assert out.endswith("\n````\n")


def test_only_the_pull_request_s_author_is_mentioned(repository):
    """A profile may claim any login: the comment @-mentions only the login the workflow names
    as the pull request's author, and a name written like a mention calls nobody."""
    write(
        repository,
        {
            "content/contributors/kai.md": "---\nname: '@octocat'\ngithub: torvalds\n---\n",
        },
    )
    git(repository, "commit", "-qam", "Kai claims a famous login")
    code, out, _ = credits_diff(repository, "--diff", "main...HEAD", "--mention", "noa")
    assert code == 0
    assert "@torvalds" not in out and "@octocat" not in out
    assert "> Welcome, @\u2060octocat: this is your first question in Commons Circle." in out
    assert "> Welcome, @noa: this is your first piece in Commons Circle." in out


def test_a_change_outside_content_says_nothing(repository):
    """No comment for a pull request that leaves content/ as it is."""
    code, out, err = credits_diff(repository, "--diff", "noa-first-piece...noa-first-piece")
    assert (code, out) == (0, "")
    assert err == "polyvox: content/ is the same in both: no comment to make.\n"


def test_an_unknown_revision_is_named(repository):
    """A base that is not fetched gets one line saying what to do."""
    code, _, err = credits_diff(repository, "--diff", "origin/main...HEAD")
    assert code == 1
    assert "'origin/main' is not a commit of the repository at" in err
    assert "fetch it first" in err


def test_markdown_and_diff_go_together(repository):
    """--format markdown alone is refused with the command to run."""
    result = CliRunner().invoke(
        main, ["credits", "-f", str(repository / "mkdocs.yml"), "--format", "markdown"]
    )
    assert result.exit_code == 2
    assert "--diff and --format markdown go together" in result.output
