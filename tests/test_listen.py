"""The listening report, on a generated community whose quiet voices, waiting newcomers and
askers were planted on purpose; every figure below was counted by hand from the table."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from polyvox.commands.cli import main
from polyvox.content.load import load_community
from polyvox.credit.listening import listening, months_before, report_issue
from tests.conftest import copy_settings

TODAY = "2026-10-15"
PEOPLE = ["ed", "quinn", "rae", "sol", "tam", "uma", "vic", "zoe", "gus", "wen", "xia", "yan"]
PEOPLE += ["abe", "noa"]
PIECES = {
    # issue: [authors of each piece]; ed edits every issue
    "2026-01": [["tam"], ["vic"]],
    "2026-02": [["quinn"], ["rae"], ["vic"]],
    "2026-03": [["quinn"], ["sol"], ["vic"]],
    "2026-04": [["quinn"], ["sol"]],
    "2026-05": [["rae"], ["uma"], ["ed", "tam"]],
    "2026-06": [["sol"], ["uma"]],
    "2026-07": [["sol"], ["uma"]],
    "2026-08": [["zoe", "ed"]],
    "2026-09": [["sol"]],
    "2026-10": [["noa"]],
}
HELD = "ama/2026-09-10-held"
COLLECTING = "ama/2026-10-20-next"
QUESTIONS = {
    # path: (asked_by, date, answered by gus)
    f"{HELD}/questions/q1-wen.md": ("wen", "2026-09-05", False),
    f"{HELD}/questions/q2-ed.md": ("ed", "2026-09-06", False),
    f"{HELD}/questions/q3-xia.md": ("xia", "2026-09-02", True),
    f"{HELD}/questions/q4-yan.md": ("yan", "2026-09-01", False),
    f"{HELD}/questions/q5-zoe.md": ("zoe", "2026-09-08", False),
    f"{COLLECTING}/questions/q6-abe.md": ("abe", "2026-10-12", False),
}


def community_files() -> dict[str, str]:
    """The generated community: ten monthly issues, the last a draft, and two AMA sessions."""
    files = {f"content/contributors/{p}.md": f"---\nname: {p.title()}\n---\n" for p in PEOPLE}
    for number, (month, pieces) in enumerate(PIECES.items(), start=1):
        status = "draft" if month == "2026-10" else "published"
        day = "2026-10-28" if month == "2026-10" else f"{month}-01"
        files[f"content/issues/{month}/index.md"] = (
            f"---\ntitle: Issue of {month}\nnumber: {number}\ndate: {day}\neditors: [ed]\n"
            f"status: {status}\n---\nEditorial.\n"
        )
        for index, authors in enumerate(pieces):
            files[f"content/issues/{month}/piece-{index}.md"] = (
                f"---\ntitle: Piece {index}\nauthors: [{', '.join(authors)}]\nkind: article\n---\n"
                "Text.\n"
            )
    files[f"content/{HELD}/index.md"] = (
        "---\ntitle: Held session\ndate: 2026-09-10\nguests: [gus]\nhosts: [ed]\n"
        "issue: '2026-09'\n---\nIntro.\n"
    )
    files[f"content/{COLLECTING}/index.md"] = (
        "---\ntitle: Next session\ndate: 2026-10-20\nguests: [gus]\nissue: '2026-10'\n"
        "status: collecting\n---\nIntro.\n"
    )
    for path, (asker, day, answered) in QUESTIONS.items():
        answer = "\n<!-- answer: gus -->\nAn answer.\n" if answered else ""
        files[f"content/{path}"] = (
            f"---\nasked_by: {asker}\ndate: {day}\n---\nWhat about {asker}?\n{answer}"
        )
    return files


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """The generated community with the example's mkdocs.yml and theme."""
    root = tmp_path_factory.mktemp("listen")
    for rel, text in community_files().items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return copy_settings(root)


@pytest.fixture(scope="module")
def report(project):
    """The report on the issue open for contributions, 2026-10, on 15 October 2026."""
    loaded = load_community(project)
    assert loaded.community is not None, loaded.problems
    community = loaded.community
    return listening(community, report_issue(community, None), date.fromisoformat(TODAY))


def test_the_report_is_about_the_issue_open_for_contributions(report):
    """No issue named: the earliest draft."""
    assert report.issue.id == "2026-10"


def test_first_voices_of_the_issue_and_of_the_last_three_months(report):
    """abe asks (12 Oct) in the session 2026-10 features and noa writes in it; since 15 July,
    zoe (1 Aug), yan, xia, wen (1, 2, 5 Sep), gus (10 Sep), abe and noa took part first."""
    assert report.first_in_issue == ("abe", "noa")
    assert report.since == date(2026, 7, 15)
    assert report.first_recent == ("zoe", "yan", "xia", "wen", "gus", "abe", "noa")


def test_voices_gone_quiet_were_active_in_three_of_the_six_issues_before_the_last_three(report):
    """The last three issues are 2026-08 to 2026-10, the six before them 2026-02 to 2026-07.
    quinn (02, 03, 04) and uma (05, 06, 07) went quiet; vic's third issue, 2026-01, is outside
    the window; rae has two; sol came back in 2026-09; ed edits every issue."""
    assert report.last_three == ("2026-08", "2026-09", "2026-10")
    assert report.previous_six == tuple(f"2026-0{m}" for m in range(2, 8))
    assert [(q.person, q.active_in, q.last_act) for q in report.quiet] == [
        ("quinn", ("2026-02", "2026-03", "2026-04"), date(2026, 4, 1)),
        ("uma", ("2026-05", "2026-06", "2026-07"), date(2026, 7, 1)),
    ]


def test_newcomers_questions_waiting_oldest_first_in_sessions_held(report):
    """yan (1 Sep) and wen (5 Sep) asked on their first day and nobody answered; xia was
    answered; ed and zoe had taken part before; abe's session is not held yet."""
    assert [(w.question.slug, w.asked) for w in report.waiting] == [
        ("q4-yan", date(2026, 9, 1)),
        ("q1-wen", date(2026, 9, 5)),
    ]


def test_people_who_only_ever_asked_and_people_never_answered(report):
    """abe, wen, xia and yan only asked (xia was answered); ed, wen, yan and zoe asked in the
    session held and were never answered (abe's session is still to come)."""
    assert [(a.person, a.asked, a.answered) for a in report.only_asked] == [
        ("abe", 1, 0),
        ("wen", 1, 0),
        ("xia", 1, 1),
        ("yan", 1, 0),
    ]
    assert [a.person for a in report.never_answered] == ["ed", "wen", "yan", "zoe"]


def test_the_top_three_share_over_the_last_six_issues(report):
    """05: ed 2 (editor, co-author), rae, uma, tam: 4 of 5. 06, 07, 08: three voices or fewer.
    09: ed 3 (editor, host, question), gus 2 (guest, answer), then 1: 6 of 10. 10: 3 of 4."""
    assert [(v.issue, v.acts, v.top_three_acts) for v in report.shares] == [
        ("2026-05", 5, 4),
        ("2026-06", 3, 3),
        ("2026-07", 3, 3),
        ("2026-08", 3, 3),
        ("2026-09", 10, 6),
        ("2026-10", 4, 3),
    ]


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 10, 15), 3, date(2026, 7, 15)),
        (date(2026, 5, 31), 3, date(2026, 2, 28)),
        (date(2026, 2, 10), 3, date(2025, 11, 10)),
    ],
)
def test_three_months_before_is_calendar_months(day, months, expected):
    """The same day three months earlier, or that month's last day."""
    assert months_before(day, months) == expected


def listen(project: Path, *args: str) -> tuple[int, str, str]:
    """Run `polyvox listen` on the project: exit code, standard output, standard error."""
    result = CliRunner().invoke(
        main, ["listen", "-f", str(project / "mkdocs.yml"), "--today", TODAY, *args]
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


SITE = "https://commons-circle.example.org/"


def test_the_command_prints_the_report_as_markdown(project):
    """What an editor reads in the job summary: every section, names linked to profiles."""
    code, out, _ = listen(project)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "## Listening report: issue 10, “Issue of 2026-10”"
    assert f"- In this issue: [Abe]({SITE}contributors/abe/), [Noa]({SITE}contributors/noa/)" in (
        lines
    )
    assert lines[lines.index("### Voices gone quiet") + 2] == (
        "People with an act in at least three of the six issues before the last three, and in "
        "none of the last three (Issue 8, Issue 9, Issue 10)."
    )
    assert (
        f"- [Quinn]({SITE}contributors/quinn/): took part in Issue 2, Issue 3, Issue 4; "
        "last act on April 1, 2026"
    ) in lines
    waiting = lines.index("| Asked on | Person | Question | Session | Waiting for |")
    assert lines[waiting + 2 : waiting + 4] == [
        f"| September 1, 2026 | [Yan]({SITE}contributors/yan/) | [What about yan?]"
        f"({SITE}{HELD}/#q4-yan) | [Held session]({SITE}{HELD}/) | 44 days |",
        f"| September 5, 2026 | [Wen]({SITE}contributors/wen/) | [What about wen?]"
        f"({SITE}{HELD}/#q1-wen) | [Held session]({SITE}{HELD}/) | 40 days |",
    ]
    assert f"- [Zoe]({SITE}contributors/zoe/) (1 question)" in lines
    assert "| Issue 9 | 10 | 60% |" in lines
    assert lines[-1] == "From 80% in issue 5 to 75% in issue 10."


def test_the_command_reports_on_the_issue_named(project):
    """An issue given by its month; an unknown one is named with those that exist."""
    code, out, _ = listen(project, "2026-09")
    assert code == 0 and out.startswith("## Listening report: issue 9, “Issue of 2026-09”\n")
    code, _, err = listen(project, "2027-01")
    assert code == 1
    assert "no issue '2027-01' in" in err and "give one of 2026-01, 2026-02," in err


def test_names_and_titles_from_content_are_plain_text(tmp_path):
    """A name full of Markdown and a mention shows as written, and calls nobody."""
    files = community_files()
    files["content/contributors/noa.md"] = "---\nname: '[Noa](https://x.example) @team *'\n---\n"
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    code, out, _ = listen(copy_settings(tmp_path))
    assert code == 0
    assert f"[\\[Noa\\]\\(https://x.example\\) @\u2060team \\*]({SITE}contributors/noa/)" in out
