"""Issue 17: what an editor's month and a member's first pull request ran into, each fixed."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from polyvox.commands.cli import main
from polyvox.content.load import load_community
from polyvox.credit import ledger as credit
from tests.conftest import REPO, copy_project

I = "content/issues/2026-09/"  # noqa: E741
A = "content/ama/2026-09-10-voices/"
DRAFT_OCTOBER = {
    "content/issues/2026-10/index.md": (
        "---\ntitle: Next\nnumber: 2\ndate: 2026-10-01\neditors: [amara]\nstatus: draft\n---\n"
    ),
    "content/issues/2026-10/plan.md": "---\ntitle: Plan\nauthors: [tomas]\nkind: tip\n---\nx\n",
}
PLACEHOLDER = "<!-- Write your piece here, in Markdown. -->"
COLLECTING = "---\ntitle: V\ndate: 2026-09-10\nguests: [amara]\nstatus: collecting\n---\n"

CONTENT_RULES = [
    pytest.param(
        {I + "hosting.md": f"---\ntitle: T\nauthors: [amara]\nkind: tip\n---\n{PLACEHOLDER}\n"},
        "2026-09-05",
        "content/issues/2026-09/hosting.md:6: error: this piece has no text yet (only a comment "
        "or blank lines): write it below the front matter, in place of the '<!-- ... -->' comment",
        id="2: a piece holding only the placeholder",
    ),
    pytest.param(
        {I + "hosting.md": "---\ntitle: T\nauthors: [amara]\nkind: tip\n---\n\n\n"},
        "2026-09-05",
        "content/issues/2026-09/hosting.md: error: this piece has no text yet (only a comment "
        "or blank lines): write it below the front matter, in place of the '<!-- ... -->' comment",
        id="2: a piece with no body",
    ),
    pytest.param(
        {
            A + "index.md": COLLECTING,
            A + "questions/first.md": "---\nasked_by: anon\ndate: 2026-09-01\n---\nHow?\n",
        },
        "2026-09-11",
        "content/ama/2026-09-10-voices/index.md:5: warning: this session was held on 2026-09-10 "
        "but still says 'status: collecting', so its page asks for questions: add the answers and "
        "set 'status: answered', or move 'date' (and the folder) to the day it will be held",
        id="4: a collecting session whose day has passed",
    ),
    pytest.param(
        {
            A
            + "index.md": "---\ntitle: V\ndate: 2026-09-10\nguests: [amara]\nstatus: collecting\n---\n"
        },
        "2026-09-05",
        "content/ama/2026-09-10-voices/questions/first.md:1: warning: this question has no 'date', "
        "so it counts from the session's day, 2026-09-10, and is not shown before it: add "
        "'date: 2026-09-05' (the day it was asked) to its front matter",
        id="4: an undated question before its session's day",
    ),
    pytest.param(
        DRAFT_OCTOBER,
        "2026-10-02",
        "content/issues/2026-10/index.md:6: warning: this issue is still a draft, but its date "
        "2026-10-01 has passed: set 'status: published' to publish it, or move 'date' to the day "
        "it will come out",
        id="6: a draft whose date has passed",
    ),
    pytest.param(
        {
            **DRAFT_OCTOBER,
            I + "reply.md": (
                "---\ntitle: Re\nauthors: [tomas]\nkind: counterpoint\n"
                "responds_to: 2026-10/plan\n---\nNo.\n"
            ),
        },
        "2026-09-20",
        "content/issues/2026-09/reply.md:5: warning: 'responds_to' names '2026-10/plan', a piece "
        "of the draft issue 2026-10: readers will not see what this piece answers until that issue "
        "is published; publish it first, or move this piece into it",
        id="6: a published piece answering a draft's piece",
    ),
    pytest.param(
        {
            "content/issues/2026-10/index.md": (
                "---\ntitle: Next\nnumber: 4\ndate: 2026-10-01\neditors: [amara]\n---\n"
            )
        },
        "2026-10-02",
        "content/issues/2026-10/index.md:3: warning: number 4 follows number 1 "
        "(content/issues/2026-09/index.md), so the archive skips 2 to 3: give this issue number 2",
        id="6: a gap in issue numbers",
    ),
]


@pytest.mark.parametrize(("files", "today", "expected"), CONTENT_RULES)
def test_content_rules_of_the_editors_month(content_tree, run_check, files, today, expected):
    """Each rule gives one located message, on the day it applies and not the day before."""
    root = content_tree(files)
    code, lines = run_check(root, "--strict", "--today", today)
    assert (code, lines[:-1]) == (1, [expected])
    if "warning" in expected:
        day_before = date.fromisoformat(today).replace(day=1)
        if "has passed" in expected or "was held" in expected:
            code, lines = run_check(root, "--strict", "--today", day_before.isoformat())
            assert (code, lines[:-1]) == (0, [])


def test_future_acts_are_not_counted_on_any_page_or_feed():
    """On 1 December, a session of the 3rd announces its guest but credits nobody yet (4)."""
    community = load_community(REPO).community
    shown = credit.visible(community, drafts=False, today=date(2026, 12, 1))
    credits = credit.ledger(shown)
    assert max(c.date for c in credits) <= date(2026, 12, 1)
    assert "sam-whitfield" not in credit.debuts(credits)
    held = credit.ledger(credit.visible(community, drafts=False, today=date(2026, 12, 3)))
    assert credit.debuts(held)["sam-whitfield"].date == date(2026, 12, 3)


def build(project: Path, today: str) -> tuple[int, str]:
    """Run `polyvox build --today` on a project; return the exit code and everything printed."""
    result = CliRunner().invoke(
        main, ["build", "-f", str(project / "mkdocs.yml"), "--today", today]
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def december_site(tmp_path_factory) -> Path:
    """The example project built on 5 December: its AMA of the 3rd still says 'collecting'."""
    project = copy_project(tmp_path_factory.mktemp("december"))
    code, output = build(project, "2026-12-05")
    assert code == 0, output
    return project


def test_ama_feed_waits_for_the_answers(december_site):
    """A session held but not answered is not published in the AMA feed, so subscribers never
    keep an empty version under its permanent id (4)."""
    feed = json.loads((december_site / "site" / "ama" / "feed.json").read_text())
    assert [item["title"] for item in feed["items"]] == [
        "Growing plural voices, with Farah Siddiqui"
    ]


def test_build_ends_with_pages_place_and_time(december_site, tmp_path):
    """The last line says how many pages were written, where, and how long it took; mkdocs'
    line about its temporary staging folder is not shown (18)."""
    project = copy_project(tmp_path)
    code, output = build(project, "2026-11-22")
    assert code == 0, output
    pages = len(list((project / "site").rglob("*.html")))
    last = output.splitlines()[-1]
    assert re.fullmatch(
        rf"polyvox: built {pages} pages into {re.escape(str(project / 'site'))} in \d+\.\d s\.",
        last,
    ), last
    assert "Building documentation to directory" not in output
    assert ".site-" not in output


@pytest.mark.parametrize(
    ("path", "shown", "elsewhere"),
    [
        pytest.param(I + "hosting.md", [I + "hosting.md:2"], 1, id="a file"),
        pytest.param("content/contributors", ["content/contributors/bo.md:2"], 1, id="a folder"),
        pytest.param("content/contributors/", ["content/contributors/bo.md:2"], 1, id="folder/"),
        pytest.param(".", [], 0, id="the project"),
    ],
)
def test_check_a_file_or_a_folder(content_tree, run_check, monkeypatch, path, shown, elsewhere):
    """A member checks their own file or folder: the whole project is read, that path's
    problems are listed, the others counted (7)."""
    root = content_tree(
        {
            I + "hosting.md": "---\ntitle: 5\nauthors: [amara]\nkind: tip\n---\nx\n",
            "content/contributors/bo.md": "---\nname: 5\n---\n",
        }
    )
    monkeypatch.chdir(root)
    code, lines = run_check(Path(path))
    if path == ".":
        shown = [I + "hosting.md:2", "content/contributors/bo.md:2"]
    assert sorted(line.split(": error")[0] for line in lines if ": error:" in line) == sorted(shown)
    assert (
        lines[len(shown)]
        == f"polyvox: 11 files checked, {len(shown)} error"
        + ("s" * (len(shown) != 1))
        + ", 0 warnings."
    )
    if elsewhere:
        where = path.rstrip("/")
        assert lines[-1] == (
            f"polyvox: 1 more problem elsewhere in the project, not in {where}: "
            "run 'polyvox check' to see them."
        )
    assert code == 1


def test_check_of_a_sound_file_passes_while_another_is_wrong(content_tree, run_check):
    """A member's own file passes even if someone else's is wrong; the count says so (7)."""
    root = content_tree({"content/contributors/bo.md": "---\nname: 5\n---\n"})
    code, lines = run_check(root / I / "hosting.md")
    assert (code, lines) == (
        0,
        [
            "polyvox: 11 files checked, no problems found.",
            "polyvox: 1 more problem elsewhere in the project, not in "
            "content/issues/2026-09/hosting.md: run 'polyvox check' to see them.",
        ],
    )


def git(root: Path, *args: str) -> None:
    """Run git in root, quietly, as a test author would."""
    subprocess.run(
        ["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args],
        cwd=root,
        check=True,
        capture_output=True,
    )


def test_new_piece_in_a_published_issue_is_pointed_to_the_open_issue(content_tree, run_check):
    """A piece added (not yet committed) to an issue already published gets a warning naming
    the issue open for contributions; pieces already committed do not (11)."""
    root = content_tree(DRAFT_OCTOBER)
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "content")
    (root / I / "late.md").write_text(
        "---\ntitle: Late\nauthors: [tomas]\nkind: tip\n---\nx\n", encoding="utf-8"
    )
    code, lines = run_check(root, "--today", "2026-09-20")
    assert (code, lines) == (
        0,
        [
            "content/issues/2026-09/late.md:1: warning: issue 2026-09 was already published on "
            "2026-09-01, so its subscribers will not see this new piece: move it to "
            "content/issues/2026-10/, the issue open for contributions",
            "polyvox: 13 files checked, 0 errors, 1 warning.",
        ],
    )
    shutil.rmtree(root / ".git")  # a project no commit holds yet: nothing is added to anything
    git(root, "init", "-q")
    assert run_check(root, "--today", "2026-09-20") == (
        0,
        ["polyvox: 13 files checked, no problems found."],
    )


def test_open_issue_is_the_earliest_draft_and_stays_known_when_drafts_are_hidden():
    """The issue open for contributions is data the home page can show (11)."""
    community = load_community(REPO).community
    assert community.open_issue.id == "2026-11"
    shown = credit.visible(community, drafts=False, today=date(2026, 11, 22))
    assert "2026-11" not in [i.id for i in shown.issues]
    assert shown.open_issue.id == "2026-11"


def inheriting_project(root: Path) -> Path:
    """A project whose mkdocs.yml inherits its site URL and language and reads its name from
    the environment, as mkdocs allows."""
    (root / "base.yml").write_text(
        "site_name: Base\nsite_url: https://circle.example.org/\n"
        "theme:\n  name: material\n  language: fr\nplugins:\n  - search\n  - polyvox\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n",
        encoding="utf-8",
    )
    (root / "mkdocs.yml").write_text(
        "INHERIT: base.yml\nsite_name: !ENV [CIRCLE_NAME, 'Circle']\ndocs_dir: content\n"
        "repo_url: https://github.com/circle/newsletter\n",
        encoding="utf-8",
    )
    return root / "mkdocs.yml"


def test_settings_are_read_as_mkdocs_reads_them(content_tree, monkeypatch):
    """INHERIT and !ENV give check, credits and export the name, URL and language mkdocs
    itself finds (15)."""
    from mkdocs.config import load_config

    monkeypatch.setenv("CIRCLE_NAME", "Cercle des communs")
    config = inheriting_project(content_tree())
    mkdocs_sees = load_config(str(config))
    result = CliRunner().invoke(
        main,
        ["credits", "-f", str(config), "--format", "all-contributors", "--today", "2026-09-30"],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert mkdocs_sees.site_url == "https://circle.example.org/"
    assert mkdocs_sees.theme["language"] == "fr"
    assert mkdocs_sees.site_name == "Cercle des communs"
    assert data["types"]["issueEditing"]["description"] == "Édition du numéro"  # French
    assert data["contributors"][0]["profile"] == "https://circle.example.org/contributors/amara/"


@pytest.mark.parametrize(
    ("today", "guest"),
    [("2026-09-09", False), ("2026-09-10", True)],
)
def test_check_credits_and_export_take_today(content_tree, today, guest):
    """--today, as build has it, for credits, export and check (15): the session of the 10th
    credits its guest from that day on."""
    root = content_tree(
        {
            "mkdocs.yml": "site_name: Circle\nsite_url: https://c.example.org/\n"
            "docs_dir: content\nplugins: [polyvox]\n"
        }
    )
    config = str(root / "mkdocs.yml")
    csv = CliRunner().invoke(main, ["credits", "-f", config, "--today", today])
    assert csv.exit_code == 0, csv.output
    assert ("Amara Okafor,guest,Plural voices,2026-09-10" in csv.stdout) is guest
    export = CliRunner().invoke(main, ["export", str(root / "out"), "-f", config, "--today", today])
    assert export.exit_code == 0, export.output
    profile = (root / "out/docs/contributors/amara/index.md").read_text(encoding="utf-8")
    assert ("Plural voices" in profile) is guest
    check = CliRunner().invoke(main, ["check", str(root), "--today", today])
    assert check.exit_code == 0, check.output


def test_export_builds_once_moved(content_tree, tmp_path, monkeypatch):
    """The exported mkdocs.yml holds no absolute path and needs nothing outside its folder:
    moved away from the project, it still builds, with the project's theme (16)."""
    monkeypatch.setenv("CIRCLE_NAME", "Cercle des communs")
    config = inheriting_project(content_tree())
    theme = config.parent / "theme"
    theme.mkdir()
    (theme / "main.html").write_text(
        '{% extends "base.html" %}\n{% block footer %}<p id="ours">ours</p>{% endblock %}\n'
    )
    (config.parent / "mkdocs.yml").write_text(
        config.read_text() + "theme:\n  name: material\n  language: fr\n  custom_dir: theme\n"
    )
    exported = config.parent / "exported"
    result = CliRunner().invoke(main, ["export", str(exported), "-f", str(config)])
    assert result.exit_code == 0, result.output
    text = (exported / "mkdocs.yml").read_text()
    assert str(config.parent) not in text
    assert "!ENV" in text and "Cercle" not in text  # the environment is read at build time
    moved = tmp_path.parent / f"{tmp_path.name}-moved"
    shutil.move(exported, moved)
    shutil.rmtree(config.parent / "theme")
    (config.parent / "base.yml").unlink()
    done = subprocess.run(
        [str(Path(sys.executable).parent / "mkdocs"), "build"],
        cwd=moved,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert done.returncode == 0, done.stderr
    page = (moved / "site/index.html").read_text()
    assert '<p id="ours">ours</p>' in page
    assert "<title>Accueil - Cercle des communs</title>" in page


def test_all_contributors_file_gives_the_cli_the_repository(content_tree, tmp_path):
    """projectOwner and projectName come from repo_url: the real all-contributors CLI writes
    links into that repository, never 'https://github.com//...' (17)."""
    tool = REPO / "tests/npm/node_modules/.bin/all-contributors"
    assert tool.exists(), "run 'make npm-tools' (make test does): tests/npm pins the CLI"
    root = content_tree(
        {
            "mkdocs.yml": "site_name: Commons Circle\nsite_url: https://c.example.org/\n"
            "repo_url: https://github.com/commons-circle/newsletter\ndocs_dir: content\n"
            "plugins: [polyvox]\n",
            "content/contributors/tomas.md": (
                "---\nname: Tomás Rivera\naliases: [tomas-r]\ngithub: tomas-rivera\n---\nAsks.\n"
            ),
            I + "hosting.md": (
                "---\ntitle: Rotating hosts\nauthors: [amara, tomas]\nkind: article\n"
                "reviewers: [tomas]\n---\nWe rotate hosts every month.\n"
            ),
        }
    )
    rc = root / ".all-contributorsrc"
    result = CliRunner().invoke(
        main,
        ["credits", "-f", str(root / "mkdocs.yml"), "--format", "all-contributors", "-o", str(rc)],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(rc.read_text())
    assert (data["projectOwner"], data["projectName"]) == ("commons-circle", "newsletter")
    (root / "README.md").write_text(
        "# Circle\n<!-- ALL-CONTRIBUTORS-LIST:START -->\n<!-- ALL-CONTRIBUTORS-LIST:END -->\n"
    )
    done = subprocess.run(
        [str(tool), "generate"], cwd=root, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    readme = (root / "README.md").read_text()
    links = set(re.findall(r'href="(https://github\.com[^"]*)"', readme))
    assert links == {
        "https://github.com/commons-circle/newsletter/pulls?q=is%3Apr+reviewed-by%3Atomas-rivera"
    }, readme
    assert 'href="https://c.example.org/contributors/amara/"' in readme


@pytest.mark.parametrize(
    ("repo_url", "found"),
    [("", "missing"), ("https://github.com/commons-circle", "'https://github.com/commons-circle'")],
)
def test_all_contributors_needs_a_repository(content_tree, repo_url, found):
    """Without owner and name every link the CLI writes is broken: a message says what to add."""
    line = f"repo_url: {repo_url}\n" if repo_url else ""
    root = content_tree(
        {
            "mkdocs.yml": f"site_name: C\nsite_url: https://c.example.org/\n{line}plugins: [polyvox]\n"
        }
    )
    config = root / "mkdocs.yml"
    result = CliRunner().invoke(
        main, ["credits", "-f", str(config), "--format", "all-contributors"]
    )
    assert (result.exit_code, result.output) == (
        1,
        f"Error: {config}: repo_url is {found}: all-contributors needs the repository's owner and "
        "name for its links; add 'repo_url: https://github.com/<owner>/<name>' to mkdocs.yml\n",
    )


NBSP = "\u00a0"
YAML_MESSAGES = [
    pytest.param(
        f"---\ntitle: T\nsummary:{NBSP}Sur la mémoire\nauthors: [amara]\nkind: tip\n---\nx\n",
        "content/issues/2026-09/hosting.md:3: error: front matter is not valid YAML: column 9 "
        "holds a no-break space (U+00A0), which YAML does not read as a space (French typing puts "
        "one before ':'): type an ordinary space instead",
        id="no-break space after a colon",
    ),
    pytest.param(
        f"---\ntitle: T\nsummary{NBSP}: Sur la mémoire\nauthors: [amara]\nkind: tip\n---\nx\n",
        "content/issues/2026-09/hosting.md:3: error: key 'summary' holds a no-break space "
        "(U+00A0) at column 8, which YAML keeps as part of the name (French typing puts one "
        "before ':'): write 'summary:' with no space",
        id="no-break space before a colon",
    ),
    pytest.param(
        "---\ntitle: 'L'éthique du soin'\nauthors: [amara]\nkind: tip\n---\nx\n",
        "content/issues/2026-09/hosting.md:2: error: front matter is not valid YAML, column 11: "
        "did not find expected key: the apostrophe inside the single quotes on line 2 ends them "
        'early: put the text in double quotes instead, e.g. title: "L\'éthique du soin"',
        id="apostrophe in single quotes",
    ),
]


@pytest.mark.parametrize(("text", "expected"), YAML_MESSAGES)
def test_yaml_messages_name_the_invisible_character_and_the_quotes(
    content_tree, run_check, text, expected
):
    """What French typing does to YAML gets a message at the right line with the fix (9)."""
    code, lines = run_check(content_tree({I + "hosting.md": text}))
    assert (code, lines[:-1]) == (1, [expected])


def new(project: Path, *args: str):
    """Run `polyvox new ...` in a project folder."""
    result = CliRunner().invoke(main, ["new", *args, "--project", str(project)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def test_new_writes_double_quotes_one_line_and_no_empty_keys(tmp_path):
    """`polyvox new` writes text as a member would: double quotes, a long summary on its line,
    and no `links: {}` (9)."""
    project = copy_project(tmp_path)
    summary = "Une réflexion sur l'éthique du soin, " * 4 + "et sur ce que cela demande."
    result = new(
        project,
        "contribution",
        "--title",
        "L'éthique: du soin",
        "--author",
        "amara-okafor",
        "--kind",
        "article",
        "--summary",
        summary,
    )
    assert result.exit_code == 0, result.output
    text = (project / "content/issues/2026-11/l-ethique-du-soin.md").read_text()
    assert 'title: "L\'éthique: du soin"\n' in text
    assert f"summary: {summary}\n" in text  # one line, however long
    result = new(project, "contributor", "--name", "Hélène Dubois-Martin")
    assert result.exit_code == 0, result.output
    profile = (project / "content/contributors/helene-dubois-martin.md").read_text()
    assert "links" not in profile.replace("# links:", "")


def test_new_contribution_goes_to_the_open_issue(tmp_path):
    """Without --issue a piece goes to the issue open for contributions; an error names that
    issue rather than an editor's command; a published issue gets a warning (11)."""
    project = copy_project(tmp_path)
    args = ["contribution", "--title", "Memory", "--author", "amara-okafor", "--kind", "tip"]
    result = new(project, *args)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "polyvox: wrote content/issues/2026-11/memory.md"
    late = new(project, *args, "--issue", "2026-10", "--slug", "late")
    assert late.exit_code == 0, late.output
    assert late.stderr.splitlines() == [
        "polyvox: warning: issue 2026-10 is already published, so its subscribers will not see "
        "this piece; the issue open for contributions is 2026-11 (--issue 2026-11)"
    ]
    wrong = new(project, *args, "--issue", "2026-12")
    assert wrong.stderr.splitlines()[0] == (
        "content/issues/2026-12/memory.md: error: issue '2026-12' does not exist: the issue open "
        "for contributions is 2026-11 (--issue 2026-11)"
    )


def test_contributing_names_the_open_issue():
    """CONTRIBUTING.md's example uses a month that exists and is open, and tells how to find
    it (11)."""
    text = (REPO / "CONTRIBUTING.md").read_text()
    open_id = load_community(REPO).community.open_issue.id
    assert f"content/issues/{open_id}/" in text
    assert "the issue open for contributions" in text


def test_new_question_is_dated_and_named_between_words(tmp_path):
    """A new question carries the day it was asked, and its file name ends on a word (12)."""
    project = copy_project(tmp_path)
    question = (
        "Comment garder la mémoire d'une communauté sans que ce soit « une archive morte » "
        "que personne ne lit ?"
    )
    result = new(
        project,
        "question",
        "--session",
        "2026-12-03-what-communities-remember",
        "--asked-by",
        "amara-okafor",
        "--question",
        question,
    )
    assert result.exit_code == 0, result.output
    [written] = [
        p
        for p in (project / "content/ama/2026-12-03-what-communities-remember/questions").glob("*")
        if p.name.startswith("comment")
    ]
    assert written.name == "comment-garder-la-memoire-d-une-communaute-sans-que-ce-soit.md"
    assert f"date: {date.today().isoformat()}\n" in written.read_text()


def test_question_headings_end_on_a_word_and_leave_no_quote_open():
    """A long question's heading is cut between words, before a quotation it would cut (12)."""
    text = (
        "Comment parler de l'éthique du soin dans une communauté bénévole sans que ce soit "
        "« une leçon de morale » pour tous ?"
    )
    assert credit.question_title(text) == (
        "Comment parler de l'éthique du soin dans une communauté bénévole sans que ce soit…"
    )


LANG_CASES = [
    pytest.param("fr", None, id="fr"),
    pytest.param("pt-br", None, id="pt-br"),
    pytest.param(
        "fr_FR",
        "content/issues/2026-09/hosting.md:5: error: 'lang': 'fr_FR' is not a language tag: "
        "write a BCP 47 language tag, e.g. fr, de-CH or pt-BR",
        id="underscore",
    ),
    pytest.param(
        "français",
        "content/issues/2026-09/hosting.md:5: error: 'lang': 'français' is not a language tag: "
        "write a BCP 47 language tag, e.g. fr, de-CH or pt-BR",
        id="a name",
    ),
]


@pytest.mark.parametrize(("lang", "expected"), LANG_CASES)
def test_a_piece_says_its_language(content_tree, run_check, lang, expected):
    """`lang` takes a BCP 47 tag, checked and written canonically (14)."""
    root = content_tree(
        {I + "hosting.md": f"---\ntitle: T\nauthors: [amara]\nkind: tip\nlang: {lang}\n---\nx\n"}
    )
    code, lines = run_check(root)
    if expected:
        assert (code, lines[:-1]) == (1, [expected])
        return
    assert code == 0, lines
    [piece] = [
        c for c in load_community(root).community.issues[0].contributions if c.slug == "hosting"
    ]
    assert piece.meta.lang == {"fr": "fr", "pt-br": "pt-BR"}[lang]


def test_a_question_says_its_language(content_tree):
    """Questions take `lang` too, and the editors' JSON Schemas know it (14)."""
    root = content_tree(
        {A + "questions/first.md": "---\nasked_by: anon\nlang: fr\n---\nComment ?\n"}
    )
    [question] = [
        q for q in load_community(root).community.sessions[0].questions if q.slug == "first"
    ]
    assert question.meta.lang == "fr"
    for kind in ("contribution", "question"):
        schema = json.loads((REPO / f"schemas/{kind}.schema.json").read_text())
        assert schema["properties"]["lang"]["anyOf"][0]["type"] == "string"


def test_check_still_takes_a_content_folder_named_otherwise(content_tree, run_check):
    """A folder that holds content under another name (a docs_dir) is checked as before (7)."""
    root = content_tree({"content/contributors/bo.md": "---\nname: 5\n---\n"})
    shutil.move(root / "content", root / "docs")
    code, lines = run_check(root / "docs")
    assert (code, lines[0]) == (
        1,
        "docs/contributors/bo.md:2: error: 'name' expects text, found the number 5",
    )


def test_an_issue_page_shows_the_ama_it_features(example_site):
    """Issue 3 features Farah's AMA: its title links the session, with guests, hosts, counts."""
    import lxml.html

    page = lxml.html.parse(example_site / "issues/2026-10/index.html").getroot()
    [section] = page.cssselect(".pv-featured-ama")
    [link] = section.cssselect("h3 a")
    assert link.get("href") == "../../ama/2026-10-08-growing-plural-voices/"
    assert link.text_content() == "Growing plural voices, with Farah Siddiqui"
    text = " ".join(section.text_content().split())
    assert "October 8, 2026 · 10 questions · 13 answers" in text
    assert "Guest: Farah Siddiqui" in text and "Hosts: Priya Raman, Tomás Rivera" in text
    assert page.cssselect("h2#_ama")[0].text_content().startswith("The AMA in this issue")


def test_every_partial_may_be_overridden_with_other_classes(tmp_path):
    """A community replaces every partial, renaming each class: the build and its feeds do not
    depend on the generator's markup (feeds are made from data, not cut out of pages)."""
    project = copy_project(tmp_path)
    partials = REPO / "generator/templates/partials"
    overrides = project / "theme/polyvox/partials"
    overrides.mkdir(parents=True)
    for partial in partials.iterdir():
        text = partial.read_text(encoding="utf-8").replace("pv-", "mine-")
        (overrides / partial.name).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["build", "-f", str(project / "mkdocs.yml"), "--today", "2026-11-22"]
    )
    assert result.exit_code == 0, result.output
    issue = (project / "site/issues/2026-10/index.html").read_text(encoding="utf-8")
    assert 'class="mine-piece"' in issue and "pv-piece" not in issue
    feed = (project / "site/feed.xml").read_text(encoding="utf-8")
    assert "mine-byline" in feed and "Your community is not a content pipeline" in feed


LINKING_PIECE = (
    "---\ntitle: Links\nauthors: [amara]\nkind: article\n---\n"
    "Read [the reply](reply.md), [Tomás](../../contributors/tomas.md), "
    "[the question](../../ama/2026-09-10-voices/questions/first.md) and [about](../../pages/about.md).\n"
)


def test_links_between_content_files_lead_where_each_is_published(content_tree):
    """A link by path to a piece, a profile, a question or a free page is its published address,
    on the page and in the feed."""
    import lxml.html

    root = content_tree({"content/issues/2026-09/links.md": LINKING_PIECE})
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "theme", root / "theme")
    result = CliRunner().invoke(
        main, ["build", "-f", str(root / "mkdocs.yml"), "--today", "2026-09-30"]
    )
    assert result.exit_code == 0, result.output
    page = lxml.html.parse(root / "site/issues/2026-09/index.html").getroot()
    [section] = page.xpath('//section[h3[@id="links"]]')
    assert [a.get("href") for a in section.xpath(".//p[not(@class)]//a")] == [
        "./#reply",
        "../../contributors/tomas/",
        "../../ama/2026-09-10-voices/#first",
        "../../about/",
    ]
    feed = (root / "site/feed.xml").read_text()
    assert "https://commons-circle.example.org/contributors/tomas/" in feed
    assert "tomas.md" not in feed


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "[x](../2026-09/hostng.md)",
            "content/issues/2026-09/links.md:6: error: link '../2026-09/hostng.md' leads to "
            "content/issues/2026-09/hostng.md, which is not a content file: did you mean hosting.md?",
        ),
        (
            "[x](../../contributors/nobody-at-all.md)",
            "content/issues/2026-09/links.md:6: error: link '../../contributors/nobody-at-all.md' "
            "leads to content/contributors/nobody-at-all.md, which is not a content file: link the "
            "file by its path from this one, e.g. ../2026-10/my-piece.md",
        ),
        (
            "[x](nope.md)",
            "content/issues/2026-09/links.md:6: error: link 'nope.md' leads to "
            "content/issues/2026-09/nope.md, which is not a content file: link the file by its "
            "path from this one, e.g. ../2026-10/my-piece.md",
        ),
        (
            "[x](../2026-10/later.md)",
            "content/issues/2026-09/links.md:6: error: link '../2026-10/later.md' leads to "
            "content/issues/2026-10/later.md, in issue 2026-10, which is still a draft: readers "
            "cannot follow it; link it once that issue is published",
        ),
    ],
    ids=["misspelt piece", "no such profile", "nothing close", "piece of a draft"],
)
def test_a_link_to_a_missing_or_unpublished_file_is_refused(
    content_tree, run_check, body, expected
):
    """check names the file, the line, where the link leads and what to do."""
    root = content_tree(
        {
            "content/issues/2026-09/links.md": (
                f"---\ntitle: Links\nauthors: [amara]\nkind: article\n---\n{body}\n"
            ),
            "content/issues/2026-10/index.md": (
                "---\ntitle: Later\nnumber: 2\ndate: 2026-10-01\neditors: [amara]\n"
                "status: draft\n---\n"
            ),
            "content/issues/2026-10/later.md": (
                "---\ntitle: Later\nauthors: [amara]\nkind: article\n---\nSoon.\n"
            ),
        }
    )
    code, lines = run_check(root, "--today", "2026-09-30")
    assert code == 1
    assert expected in lines


def test_the_preview_shows_what_is_wrong_then_recovers_on_the_next_save(tmp_path):
    """A save that breaks a file turns the open page into the list of problems (not a browser
    left waiting); the save that fixes it brings the page back (8)."""
    import lxml.html

    from tests.support import fetch, previewed

    project = copy_project(tmp_path)
    piece = project / "content/issues/2026-10/links-october.md"
    good = piece.read_text(encoding="utf-8")
    with previewed(project / "mkdocs.yml") as (site, log):
        log.skip()
        piece.write_text(good.replace("kind: link", "kind: linky"), encoding="utf-8")
        log.wait_for("Reloading browsers")
        shown = fetch(site + "issues/2026-10/")
        assert "The preview is waiting: the content has errors" in shown
        assert [
            li.text_content() for li in lxml.html.fromstring(shown).cssselect(".pv-errors li")
        ] == [
            "content/issues/2026-10/links-october.md:4: error: 'kind' expects one of article, "
            "counterpoint, story, tip, showcase, event, link; found 'linky'; did you mean 'link'?"
        ]
        assert "Links: on arguing well" not in shown
        log.skip()
        piece.write_text(good, encoding="utf-8")
        log.wait_for("Reloading browsers")
        shown = fetch(site + "issues/2026-10/")
        assert "Links: on arguing well" in shown and "the content has errors" not in shown


def pages_of(root: Path, **options) -> dict:
    """The generated pages of a content tree, by URL (drafts shown, as in the preview)."""
    from polyvox.site.view import SiteOptions
    from tests.support import made_pages, site_of

    community = load_community(root).community
    site_options = SiteOptions(today=date(2026, 9, 30), site_url="https://x.org/", **options)
    return made_pages(site_of(community, site_options))


def test_the_home_page_names_the_issue_open_for_contributions(content_tree):
    """The earliest draft is the open issue: the home page says where a piece goes (11)."""
    import lxml.html

    root = content_tree(
        {
            "content/issues/2026-10/index.md": (
                "---\ntitle: Tending\nnumber: 2\ndate: 2026-10-30\neditors: [amara]\n"
                "status: draft\n---\n"
            )
        }
    )
    pages = pages_of(root)
    home = lxml.html.fromstring(pages[""].html)
    [heading] = [h for h in home.cssselect("h2") if h.text_content() == "Open for contributions"]
    said = heading.getnext()
    assert " ".join(said.text_content().split()) == (
        "Issue 2, “Tending”, is being written now. How to add your piece"
    )
    assert said.cssselect("a")[0].get("href") == "contribute/#issue"
    contribute = lxml.html.fromstring(pages["contribute/"].html)
    [how] = [h for h in contribute.cssselect("h2") if h.get("id") == "issue"]
    assert " ".join(how.getnext().text_content().split()) == (
        "Issue 2, “Tending”, is being written now: add your piece to content/issues/2026-10/ "
        "(polyvox new contribution puts it there)."
    )


def test_a_question_shows_its_tags_and_a_piece_and_a_question_their_language(content_tree):
    """Question tags are shown with the question (12); `lang` marks a piece and a question in
    the page and in the feed item (14)."""
    import lxml.html

    root = content_tree(
        {
            "content/issues/2026-09/hosting.md": (
                "---\ntitle: Rotating hosts\nauthors: [amara, tomas]\nkind: article\n"
                "lang: fr\n---\nNous changeons d'hôte chaque mois.\n"
            ),
            "content/ama/2026-09-10-voices/questions/first.md": (
                "---\nasked_by: anon\ntags: [début, rituals]\nlang: pt-BR\n---\n"
                "Como começar?\n\n<!-- answer: amara -->\nSmall.\n"
            ),
        }
    )
    pages = pages_of(root)
    issue = lxml.html.fromstring(pages["issues/2026-09/"].html)
    assert issue.xpath('//section[h3[@id="hosting"]]')[0].get("lang") == "fr"
    session = lxml.html.fromstring(pages["ama/2026-09-10-voices/"].html)
    [question] = session.xpath('//section[h3[@id="first"]]')
    assert question.get("lang") == "pt-BR"
    assert [t.text_content() for t in question.cssselect(".pv-tags span")] == ["début", "rituals"]
    from polyvox.site.view import SiteOptions
    from tests.support import made_files, site_of

    options = SiteOptions(today=date(2026, 9, 30), site_url="https://x.org/")
    outputs = site_of(load_community(root).community, options)
    feed = made_files(outputs)["contributors/amara/atom.xml"].decode()
    assert '&lt;div lang="fr"&gt;' in feed and '&lt;div lang="pt-BR"&gt;' in feed


def test_a_partial_written_for_an_earlier_release_still_marks_its_parts(tmp_path):
    """Earlier releases' partials passed a part's markup to `part(anchor, markup)`; this one
    passes its macro and arguments, so feeds write each part once. A community's override in
    the old form builds the same piece on the page and in the feeds."""
    project = copy_project(tmp_path)
    overrides = project / "theme/polyvox/partials"
    overrides.mkdir(parents=True)
    current = (REPO / "generator/templates/partials/contribution.html").read_text("utf-8")
    old_form = current.replace(
        "part(piece.anchor, piece_content, piece)", "part(piece.anchor, piece_content(piece))"
    )
    assert old_form != current
    (overrides / "contribution.html").write_text(old_form, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["build", "-f", str(project / "mkdocs.yml"), "--today", "2026-11-22"]
    )
    assert result.exit_code == 0, result.output
    issue = (project / "site/issues/2026-10/index.html").read_text(encoding="utf-8")
    feed = (project / "site/feed.xml").read_text(encoding="utf-8")
    for text in (issue, feed):
        assert "Your community is not a content pipeline" in text and "pv-byline" in text
