"""`polyvox new`: a file where the contract puts it, that passes the check, never overwriting."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from polyvox.commands.cli import main
from polyvox.content.load import load_community
from polyvox.content.reader import parse_document, read_document
from tests.conftest import BUILD_DAY, REPO, copy_project

NEW_FILES = [
    pytest.param(
        [
            "contributor",
            "--name",
            "Zoë Ångström",
            "--pronouns",
            "they/them",
            "--link",
            "Site=https://example.org/zoe",
        ],
        "content/contributors/zoe-angstrom.md",
        id="contributor",
    ),
    pytest.param(
        [
            "issue",
            "--month",
            "2026-12",
            "--title",
            "Winter: what we keep",
            "--editor",
            "zoe-angstrom",
            "--date",
            "2026-12-20",
        ],
        "content/issues/2026-12/index.md",
        id="issue",
    ),
    pytest.param(
        [
            "contribution",
            "--issue",
            "2026-12",
            "--title",
            "Listening [well]",
            "--author",
            "zoe-angstrom",
            "--author",
            "amara-okafor",
            "--kind",
            "counterpoint",
            "--responds-to",
            "2026-11/who-remembers-for-us",
        ],
        "content/issues/2026-12/listening-well.md",
        id="contribution",
    ),
    pytest.param(
        [
            "ama",
            "--date",
            "2027-01-14",
            "--title",
            "What we keep",
            "--guest",
            "amara-okafor",
            "--host",
            "zoe-angstrom",
            "--issue",
            "2026-12",
        ],
        "content/ama/2027-01-14-what-we-keep/index.md",
        id="ama",
    ),
    pytest.param(
        [
            "question",
            "--session",
            "2027-01-14-what-we-keep",
            "--asked-by",
            "zoe-angstrom",
            "--question",
            "What do you keep, and why?",
        ],
        "content/ama/2027-01-14-what-we-keep/questions/what-do-you-keep-and-why.md",
        id="question",
    ),
]
PIECE_PLACEHOLDER = "<!-- Write your piece here, in Markdown. -->"
WRITTEN_PIECE = "We listened, and wrote it down."
NEXT = "preview with 'polyvox serve', run 'polyvox check', then open a pull request (see CONTRIBUTING.md)."


def new(project: Path, *args: str, stdin: str | None = None):
    """Run `polyvox new ...` in a project folder (a traceback fails the test)."""
    result = CliRunner().invoke(main, ["new", *args, "--project", str(project)], input=stdin)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A copy of the example project with its schemas/ folder, shared by the cases in order."""
    folder = copy_project(tmp_path_factory.mktemp("new"))
    shutil.copytree(REPO / "schemas", folder / "schemas")
    return folder


@pytest.mark.parametrize(("args", "written"), NEW_FILES)
def test_new_writes_a_file_that_passes_the_strict_check(project, args, written):
    """Each kind is written where the contract puts it, and the whole tree still passes."""
    result = new(project, *args)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == f"polyvox: wrote {written}"
    assert result.output.splitlines()[1].endswith(NEXT)
    loaded = load_community(project)
    if written.startswith("content/issues/") and not written.endswith("index.md"):
        # a piece is refused until it is written: its body is still the template's comment
        assert [p.as_text() for p in loaded.problems] == [
            f"{written}:17: error: this piece has no text yet (only a comment or blank lines): "
            "write it below the front matter, in place of the '<!-- ... -->' comment"
        ]
        path = project / written
        path.write_text(path.read_text().replace(PIECE_PLACEHOLDER, WRITTEN_PIECE))
        loaded = load_community(project)
    assert [p.as_text() for p in loaded.problems] == []
    check = CliRunner().invoke(main, ["check", str(project), "--strict", "--today", BUILD_DAY])
    assert check.exit_code == 0, check.output


def test_new_contribution_file_reads_as_written(project):
    """The front matter holds the given keys, hints for the others, and the editor's schema."""
    written = (project / "content/issues/2026-12/listening-well.md").read_text()
    text = written.replace(WRITTEN_PIECE, PIECE_PLACEHOLDER)  # the member wrote it since
    assert text == (
        "---\n"
        "# yaml-language-server: $schema=../../../schemas/contribution.schema.json\n"
        "title: Listening [well]\n"
        "authors: [zoe-angstrom, amara-okafor]\n"
        "kind: counterpoint\n"
        "responds_to: 2026-11/who-remembers-for-us\n"
        "# Optional keys: remove the '# ' in front of a key to use it, then give it a value.\n"
        "# tags: []  # Tags in your own words, e.g. [éthique, open source], 50 characters at "
        "most.\n"
        "# summary:  # One sentence shown in lists and feeds.\n"
        "# ai_assistance:  # none, assisted or drafted.\n"
        "# order:  # Position among pieces of the same kind.\n"
        "# lang:  # The language it is written in, when not the site's: a BCP 47 tag, e.g. fr "
        "or pt-BR.\n"
        "# translators: []  # Contributor ids of translators.\n"
        "# reviewers: []  # Contributor ids of reviewers.\n"
        "# updated:  # Date of the last significant change after publication, YYYY-MM-DD.\n"
        "---\n"
        "<!-- Write your piece here, in Markdown. -->\n"
    )


def test_new_never_overwrites(project):
    """A second run for the same file changes nothing and says why."""
    path = project / "content/ama/2027-01-14-what-we-keep/questions/what-do-you-keep-and-why.md"
    before = path.read_bytes()
    result = new(project, *NEW_FILES[-1].values[0])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "content/ama/2027-01-14-what-we-keep/questions/what-do-you-keep-and-why.md: error: "
        "already exists: choose another name",
        "polyvox: nothing was written.",
    ]
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        pytest.param(
            [
                "contribution",
                "--issue",
                "2026-11",
                "--title",
                "T",
                "--author",
                "amara",
                "--kind",
                "tip",
            ],
            [
                "content/issues/2026-11/t.md:3: error: unknown contributor 'amara' in 'authors': did you mean 'amara-okafor'?"
            ],
            id="unknown author",
        ),
        pytest.param(
            [
                "contribution",
                "--issue",
                "2027-02",
                "--title",
                "T",
                "--author",
                "amara-okafor",
                "--kind",
                "tip",
            ],
            [
                "content/issues/2027-02/t.md: error: issue '2027-02' does not exist: the issue open for contributions is 2026-11 (--issue 2026-11)"
            ],
            id="no such issue",
        ),
        pytest.param(
            [
                "contribution",
                "--issue",
                "2026-13",
                "--title",
                "T",
                "--author",
                "amara-okafor",
                "--kind",
                "tip",
            ],
            [
                "content/issues/2026-13/t.md: error: issue folder '2026-13' is not a month: name it YYYY-MM, e.g. 2026-09"
            ],
            id="bad month",
        ),
        pytest.param(
            ["ama", "--date", "2027-02-30", "--title", "Soon", "--guest", "amara-okafor"],
            [
                "content/ama/2027-02-30-soon/index.md: error: AMA folder '2027-02-30-soon' starts with '2027-02-30', not a real date: name it YYYY-MM-DD-<slug>, e.g. 2026-10-08-plural-voices"
            ],
            id="bad date",
        ),
        pytest.param(
            ["contributor", "--name", " "],
            [
                "polyvox: no file name can be made from that text (it has no Latin letters or digits): give one with --id, e.g. --id mei-watanabe"
            ],
            id="blank name",
        ),
        pytest.param(
            ["contributor", "--name", "渡辺 芽衣"],
            [
                "polyvox: no file name can be made from that text (it has no Latin letters or digits): give one with --id, e.g. --id mei-watanabe"
            ],
            id="name in another script",
        ),
        pytest.param(
            ["contributor", "--name", "Bo", "--link", "Site=javascript:alert(1)"],
            [
                "content/contributors/bo.md:4: error: 'links.Site' 'javascript:alert(1)' uses the scheme 'javascript:', which is not allowed: link with https://, http:// or mailto:, or with a path inside the site"
            ],
            id="javascript link",
        ),
        pytest.param(
            [
                "question",
                "--session",
                "2026-12-03-what-communities-remember",
                "--asked-by",
                "amara-okafor",
                "--question",
                "<script>x</script>",
            ],
            [
                "content/ama/2026-12-03-what-communities-remember/questions/script-x-script.md:8: error: <script> is not allowed: it runs code in readers' browsers; remove it (to show it as code, put it between ``` fences)"
            ],
            id="script in a question",
        ),
        pytest.param(
            [
                "contribution",
                "--issue",
                "2026-11",
                "--title",
                "T",
                "--author",
                "amara-okafor",
                "--kind",
                "tip",
                "--tag",
                "éthique",
                "--tag",
                "!?",
            ],
            [
                "content/issues/2026-11/t.md:5: error: 'tags[2]': a tag needs at least one letter or digit, found '!?'"
            ],
            id="punctuation-only tag",
        ),
    ],
)
def test_new_refuses_what_the_check_would_refuse(tmp_path, args, expected):
    """Faults are named with the check's own messages, and nothing is written."""
    project = copy_project(tmp_path)
    before = sorted(p.relative_to(project) for p in project.rglob("*"))
    result = new(project, *args)
    assert result.exit_code == 1
    assert result.output.splitlines() == [*expected, "polyvox: nothing was written."]
    assert sorted(p.relative_to(project) for p in project.rglob("*")) == before


def test_new_writes_tags_as_given_and_the_check_accepts_them(tmp_path):
    """Tags in French, with symbols, spaces or another script are written as they were typed."""
    project = copy_project(tmp_path)
    tags = ["éthique", "IA", "C++", "open source", "日本語"]
    args = ["--issue", "2026-11", "--title", "L'éthique", "--author", "amara-okafor"]
    result = new(project, "contribution", *args, "--kind", "tip", *(f"--tag={t}" for t in tags))
    assert result.exit_code == 0, result.output
    text = (project / "content/issues/2026-11/l-ethique.md").read_text(encoding="utf-8")
    assert "\ntags: [éthique, IA, C++, open source, 日本語]\n" in text
    piece = project / "content/issues/2026-11/l-ethique.md"
    piece.write_text(text + "\nUne éthique du soin.\n", encoding="utf-8")  # the member writes
    check = CliRunner().invoke(main, ["check", str(project), "--strict", "--today", "2026-11-22"])
    assert check.exit_code == 0, check.output


def test_new_without_a_terminal_names_the_missing_options(tmp_path):
    """In CI or a script nobody can answer questions: the missing options are named instead."""
    result = new(copy_project(tmp_path), "contribution", "--title", "T")
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (  # --issue defaults to the open issue
        "Error: missing --author, --kind: give them as options "
        "(see 'polyvox new contribution --help')"
    )


def test_new_asks_for_missing_values_in_a_terminal(tmp_path, monkeypatch):
    """At a terminal, each missing required value is asked for, lists as words."""
    monkeypatch.setattr("polyvox.commands.authoring.interactive", lambda: True)
    project = copy_project(tmp_path)
    result = new(
        project,
        "contribution",
        "--title",
        "Hello",
        stdin="amara-okafor, tomas-rivera\ntip\n",  # the issue is the open one, 2026-11
    )
    assert result.exit_code == 0, result.output
    raw, _ = parse_document((project / "content/issues/2026-11/hello.md").read_text(), "x")
    assert raw.meta == {
        "title": "Hello",
        "authors": ["amara-okafor", "tomas-rivera"],
        "kind": "tip",
    }
    assert "schema=" not in (project / "content/issues/2026-11/hello.md").read_text()


HINTED = [
    ["contributor", "--name", "Hint Taker"],
    ["contribution", "--issue", "2026-11", "--title", "Hinted", "--author", "amara-okafor",
     "--kind", "tip"],
    ["issue", "--month", "2027-02", "--title", "Hinted", "--editor", "amara-okafor",
     "--date", "2027-02-27"],
    ["ama", "--date", "2027-03-03", "--title", "Hinted", "--guest", "amara-okafor"],
    ["question", "--session", "2026-12-03-what-communities-remember", "--asked-by",
     "amara-okafor", "--question", "What do the hints say?"],
]  # fmt: skip


@pytest.mark.parametrize("args", HINTED, ids=[args[0] for args in HINTED])
def test_every_hint_uncommented_as_it_is_passes_the_check_and_publishes_nothing(tmp_path, args):
    """The commented optional keys `polyvox new` writes: removing the '# ' of every one gives
    a file the check accepts, whose values are the defaults (no hint's text is published)."""
    project = copy_project(tmp_path)
    result = new(project, *args)
    assert result.exit_code == 0, result.output
    written = project / result.output.splitlines()[0].removeprefix("polyvox: wrote ")
    text = written.read_text(encoding="utf-8").replace(PIECE_PLACEHOLDER, WRITTEN_PIECE)
    hints = [line for line in text.splitlines() if re.match(r"# [a-z_]+:", line)]
    assert hints, text
    for hint in hints:
        text = text.replace(hint, hint.removeprefix("# "))
    written.write_text(text, encoding="utf-8")
    loaded = load_community(project)
    assert [
        p.as_text() for p in loaded.problems if p.path == written.relative_to(project).as_posix()
    ] == []
    raw, _ = read_document(written, "x.md", max_bytes=10**6)
    for hint in hints:
        key = hint.removeprefix("# ").partition(":")[0]
        assert raw.meta[key] in (None, [], {}, False, "published", "answered"), (key, raw.meta[key])


def test_new_contributor_anonymous_is_credited_without_a_name(tmp_path):
    """`--anonymous` writes 'anonymous: true', and the check accepts it."""
    project = copy_project(tmp_path)
    result = new(project, "contributor", "--name", "Quiet Member", "--anonymous")
    assert result.exit_code == 0, result.output
    text = (project / "content/contributors/quiet-member.md").read_text(encoding="utf-8")
    assert "\nanonymous: true\n" in text
    assert load_community(project).community.contributors["quiet-member"].meta.anonymous


def test_a_question_added_to_a_session_already_held_is_dated_on_its_day(tmp_path):
    """Dated today, it would be listed after the answers given at the session: it takes the
    session's day, and the member is told why."""
    project = copy_project(tmp_path)
    session = "2026-10-08-growing-plural-voices"
    result = new(
        project, "question", "--session", session, "--asked-by", "amara-okafor",
        "--question", "One more thing?",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (
        f"polyvox: warning: session {session} was held on 2026-10-08, so this question is "
        "dated 2026-10-08: dated today, it would be listed after the answers given that day; "
        "change 'date' if it was asked earlier"
    ) in result.output.splitlines()
    text = (project / f"content/ama/{session}/questions/one-more-thing.md").read_text()
    assert "\ndate: 2026-10-08\n" in text
