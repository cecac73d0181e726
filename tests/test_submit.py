"""`polyvox submit --from-issue`: issue forms as GitHub renders them (English and French, empty
fields, Markdown, hostile HTML, a co-author who does not exist) made into content files that
pass the check, or into a comment naming the form's fields, never a file or a line number."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from polyvox.commands.cli import main
from tests.conftest import BUILD_DAY, REPO, copy_project
from tests.support import check_github_schema

FIXTURES = Path(__file__).parent / "fixtures" / "issue-forms"
EVENTS = Path(__file__).parent / "fixtures" / "github-events"
SESSION = "2026-12-03-what-communities-remember"


def run(*args: object) -> tuple[int, str]:
    """Run the polyvox command line: exit code and output."""
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def event(tmp_path: Path, body: str | None = None, name: str = "issues-opened.json", **issue):
    """An 'issues' event payload file: the fixture, with another body or issue keys if given."""
    payload = json.loads((EVENTS / name).read_text(encoding="utf-8"))
    if body is not None:
        payload["issue"]["body"] = body
    payload["issue"].update(issue)
    path = tmp_path / f"event-{len(list(tmp_path.glob('event-*')))}.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    return path


def body(name: str) -> str:
    """A form's body as GitHub writes it (the fixture, without the file's last newline)."""
    return (FIXTURES / name).read_text(encoding="utf-8").removesuffix("\n")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The example community, as the workflow's checkout of the default branch."""
    return copy_project(tmp_path / "project")


def submit(project: Path, payload: Path, *more: object) -> tuple[int, str, Path]:
    """Run `polyvox submit` on the project with an --out folder; exit code, output, folder."""
    out = project.parent / "submission"
    shutil.rmtree(out, ignore_errors=True)
    code, output = run(
        "submit",
        "--from-issue",
        payload,
        "-f",
        project / "mkdocs.yml",
        "--today",
        BUILD_DAY,
        "--out",
        out,
        *more,
    )
    return code, output, out


def tree(root: Path) -> dict[str, bytes]:
    """Every file under root/content, by path."""
    files = (p for p in (root / "content").rglob("*") if p.is_file())
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in files}


def test_an_english_piece_becomes_a_file_crediting_its_submitter(project, tmp_path, run_check):
    """Noa, who has no profile yet, sends a piece written with Priya (by her GitHub login) and
    Amara (by her id): a profile made from Noa's login, the piece in the open issue with the
    three authors, Noa first; its own '### ' heading stays in the text; and the check passes."""
    code, output, out = submit(project, event(tmp_path))
    assert code == 0
    assert output == (
        "polyvox: issue #12: wrote content/contributors/noa-levi.md, "
        "content/issues/2026-11/what-the-archive-forgets.md.\n"
    )
    assert (project / "content/contributors/noa-levi.md").read_text() == (
        "---\nname: noa-levi\ngithub: noa-levi\n---\n\n"
    )
    assert (project / "content/issues/2026-11/what-the-archive-forgets.md").read_text() == (
        "---\n"
        "title: What the archive forgets\n"
        "authors: [noa-levi, priya-raman, amara-okafor]\n"
        "kind: article\n"
        "tags: [memory, archives]\n"
        "ai_assistance: none\n"
        "---\n"
        "Our co-op kept every email for eleven years. Nobody could find anything in them.\n"
        "\n"
        "### What we do now\n"
        "\n"
        "We keep **decisions** and the reasons for them:\n"
        "\n"
        "- minutes of each meeting;\n"
        "- the [charter](https://example.org/charter).\n"
    )
    code, lines = run_check(project, "--strict", "--today", BUILD_DAY)
    assert (code, lines) == (0, ["polyvox: 60 files checked, no problems found."])
    assert (out / "outcome").read_text() == "pull-request\n"
    assert sorted(p.relative_to(out).as_posix() for p in (out / "files").rglob("*.md")) == [
        "files/content/contributors/noa-levi.md",
        "files/content/issues/2026-11/what-the-archive-forgets.md",
    ]


def test_the_pull_request_closes_the_issue_and_credits_the_submitter(project, tmp_path):
    """Commit author: Noa's noreply address with her account number; Co-authored-by for each
    co-author with a login; the description closes the issue; the welcome mentions only Noa."""
    _, _, out = submit(project, event(tmp_path))
    assert (out / "branch.txt").read_text() == "polyvox/issue-12"
    assert (out / "title.txt").read_text() == "Piece: What the archive forgets"
    assert (out / "author.txt").read_text() == (
        "noa-levi <5832147+noa-levi@users.noreply.github.com>"
    )
    assert (out / "commit.txt").read_text() == (
        "Piece: What the archive forgets\n"
        "\n"
        "Closes #12.\n"
        "\n"
        "Co-authored-by: Priya Raman <priyaraman@users.noreply.github.com>\n"
        "Co-authored-by: Amara Okafor <amaraokafor@users.noreply.github.com>\n"
    )
    assert (out / "pull-request.md").read_text() == (
        "Closes #12.\n"
        "\n"
        "@noa-levi sent this with the form “Propose a piece” (issue #12): every word is theirs; "
        "Polyvox only placed it in the right file, and checked it as `polyvox check` does.\n"
        "\n"
        "- `content/contributors/noa-levi.md`\n"
        "- `content/issues/2026-11/what-the-archive-forgets.md`\n"
    )
    assert (out / "reply.md").read_text() == (
        "Thank you, @noa-levi! Your piece “What the archive forgets” is ready for the editors: "
        "the pull request credits you and closes this issue once it is merged. To change "
        "anything, edit this issue: the pull request follows.\n"
    )
    welcome = (out / "welcome.md").read_text()
    assert "> Welcome, @noa-levi: this is your first piece in Commons Circle." in welcome
    assert re.findall(r"(?<![\w\u2060])@[\w-]+", welcome) == ["@noa-levi", "@noa-levi"]


def test_editing_the_issue_makes_the_files_again_from_its_new_text(project, tmp_path):
    """The edited event's body is read, not the one before: the new title names the file."""
    _, output, _ = submit(project, event(tmp_path, name="issues-edited.json"))
    assert "content/issues/2026-11/what-our-archive-forgets.md" in output
    assert not (project / "content/issues/2026-11/what-the-archive-forgets.md").exists()


def french_project(project: Path) -> Path:
    """The example community with French labels (theme.language: fr)."""
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("language: en", "language: fr"))
    return project


def test_a_french_form_with_empty_fields_and_windows_line_endings(project, tmp_path, run_check):
    """The French form's labels (and its option, with French spacing) are read; fields left
    empty add nothing; the reply is in French."""
    french = body("piece-fr.md").replace("\n", "\r\n")
    code, output, out = submit(french_project(project), event(tmp_path, french))
    assert code == 0, output
    written = project / "content/issues/2026-11/ce-que-l-archive-oublie.md"
    assert written.read_text() == (
        "---\n"
        "title: Ce que l\u2019archive oublie\n"
        "authors: [noa-levi]\n"
        "kind: counterpoint\n"
        "---\n"
        "Notre coopérative a tout gardé pendant onze ans. *Personne* n\u2019y retrouvait rien.\n"
        "\n"
        "> « Garder, c\u2019est choisir. »\n"
    )
    assert (
        (out / "reply.md")
        .read_text()
        .startswith(
            "Merci, @noa-levi\u202f! Votre texte «\u202fCe que l\u2019archive oublie\u202f» est prêt "
            "pour la rédaction\u202f:"
        )
    )
    code, lines = run_check(project, "--today", BUILD_DAY)
    # a counterpoint answering nothing is a warning, not a refusal: it reaches the editors
    assert code == 0
    assert lines[0].startswith(f"{written.relative_to(project)}:4: warning: ce contrepoint")


def test_hostile_html_and_an_unknown_co_author_get_a_comment_in_the_form_s_terms(project, tmp_path):
    """Nothing is written; the comment names the form's fields and quotes the lines, never a
    file or a line number; the co-author nobody knows is refused before anything is checked."""
    before = tree(project)
    code, output, out = submit(project, event(tmp_path, body("piece-hostile.md")))
    assert code == 0
    assert tree(project) == before
    assert (out / "outcome").read_text() == "problems\n"
    assert not (out / "files").exists()
    assert (out / "reply.md").read_text() == (
        "Thank you, @noa-levi. Before this can go to the editors, something needs to change: "
        "edit this issue (each heading is a field of the form) and it is checked again.\n"
        "\n"
        "- **Co-authors**: “zed-nobody” is not a member of Commons Circle yet: give the id at "
        "the end of their profile's address, or their GitHub user name; someone new first adds "
        "a profile (form “Add or update my profile”)\n"
    )
    assert output.startswith("polyvox: issue #12 needs changes; nothing was written:\n")


def test_hostile_html_in_the_text_is_refused_as_in_a_member_s_file(project, tmp_path):
    """With the co-author fixed, the check's own refusals come back, each under the field that
    holds it, the line quoted (and escaped, so the comment shows it as text)."""
    hostile = body("piece-hostile.md").replace("amara-okafor, zed-nobody", "amara-okafor")
    before = tree(project)
    _, _, out = submit(project, event(tmp_path, hostile))
    assert tree(project) == before
    reply = (out / "reply.md").read_text()
    assert "content/" not in reply and ".md" not in reply
    assert not re.search(r":\d+:", reply)
    items = reply.split("\n\n", 1)[1].splitlines()
    assert items == [
        "- **Your piece**: in the line “Hello \\<script\\>alert\\(document.cookie\\)\\</script\\> "
        "there.”: \\<script\\> is not allowed: it runs code in readers' browsers; remove it "
        "\\(to show the tag as text, put it in backticks: \\`\\<script\\>\\`, or write "
        "&amp;lt;script\\>\\)",
        "- **Your piece**: in the line “\\[Click me\\]\\(javascript:alert\\(1\\)\\) and "
        "\\!\\[tracker\\]\\(https://evil.…”: image "
        "'https://evil.example/pixel.png' is on another site, which every reader's browser "
        "would then call; the editors can help in the pull request",
        "- **Your piece**: in the line “\\[Click me\\]\\(javascript:alert\\(1\\)\\) and "
        "\\!\\[tracker\\]\\(https://evil.…”: link 'javascript:alert\\(1\\)' "
        "uses the scheme 'javascript:', which is not allowed: link with https://, http:// or "
        "mailto:, or with a path inside the site",
        '- **Your piece**: in the line “\\<iframe src="https://evil.example/"\\>\\</iframe\\>”: '
        "\\<iframe\\> is not allowed: it embeds another page or program in the site; remove it "
        "\\(to show it as code, put it between \\`\\`\\` fences\\)",
    ]


def test_a_title_full_of_html_is_text(project, tmp_path):
    """A title is front matter: always shown as text, so '<img onerror>' in it is harmless and
    passes; the file holds it as written."""
    hostile = body("piece-hostile.md").replace("amara-okafor, zed-nobody", "")
    hostile = re.sub(r"(### Your piece\n\n).*?(\n\n### Summary)", r"\1Fine.\2", hostile, flags=re.S)
    _, output, _ = submit(project, event(tmp_path, hostile))
    written = project / "content/issues/2026-11/img-src-x-onerror-alert-1-totally-normal.md"
    assert written.is_file(), output
    assert "title: <img src=x onerror=alert(1)> Totally normal\n" in written.read_text()


def test_a_question_for_a_session_collecting_questions(project, tmp_path, run_check):
    """Asked by the submitter, dated the day the issue was opened, in the session chosen."""
    code, output, _ = submit(project, event(tmp_path, body("question-en.md")))
    assert code == 0, output
    written = project / f"content/ama/{SESSION}/questions/who-decides-what-a-community-forgets.md"
    assert written.read_text() == (
        "---\n"
        "asked_by: noa-levi\n"
        "date: 2026-11-20\n"
        "tags: [memory]\n"
        "---\n"
        "Who decides what a community forgets?\n"
        "\n"
        "We vote on keeping minutes, but never on deleting them.\n"
    )
    assert run_check(project, "--today", BUILD_DAY)[0] == 0


def test_a_question_may_not_carry_an_answer_marker(project, tmp_path):
    """An answer marker would credit the guest with words they never wrote: refused."""
    forged = body("question-en.md").replace(
        "We vote", "<!-- answer: sam-whitfield -->\nYes, we vote"
    )
    before = tree(project)
    _, _, out = submit(project, event(tmp_path, forged))
    assert tree(project) == before
    assert (out / "reply.md").read_text().splitlines()[2] == (
        "- **Your question**: the line “\\<\\!-- answer: sam-whitfield --\\>” is how answers "
        "are marked on the session's page: remove it; the guest answers below your question"
    )


def test_a_question_for_a_session_that_takes_none(project, tmp_path):
    """A session held and answered is not among the choices (an old form, an edited issue)."""
    old = body("question-en.md").replace(
        f"Sam Whitfield ({SESSION})", "Sam Whitfield (2026-10-08-growing-plural-voices)"
    )
    _, _, out = submit(project, event(tmp_path, old))
    assert (out / "reply.md").read_text().splitlines()[2] == (
        "- **Session**: “What communities remember, with Sam Whitfield "
        "\\(2026-10-08-growing-plural-voices\\)” is not collecting questions: choose one of "
        f"“What communities remember, with Sam Whitfield \\({SESSION}\\)”"
    )


def test_a_new_profile_from_the_profile_form(project, tmp_path, run_check):
    """Name, pronouns, links (a bare address labelled by its site), Fediverse account, bio."""
    code, output, _ = submit(project, event(tmp_path, body("profile-en.md")))
    assert code == 0, output
    assert (project / "content/contributors/noa-levi.md").read_text() == (
        "---\n"
        "name: Noa Levi\n"
        "pronouns: she/her\n"
        "links:\n"
        "  Website: https://noa.example.org\n"
        "  social.example: https://social.example/@noa\n"
        "github: noa-levi\n"
        'fediverse: "@noa@social.example"\n'
        "---\n"
        "Noa keeps the **minutes** of a housing co-op.\n"
    )
    assert run_check(project, "--today", BUILD_DAY)[0] == 0


def test_the_profile_form_updates_the_profile_that_claims_the_login(project, tmp_path):
    """Priya (login priyaraman) changes her name and adds a Fediverse account: what she left
    empty (pronouns, bio) and what the form does not ask (github) stay as they were."""
    update = body("profile-en.md")
    update = update.replace("Noa Levi", "Priya R.").replace("she/her", "_No response_")
    update = re.sub(
        r"### Links\n\n.*?\n\n###", "### Links\n\n_No response_\n\n###", update, flags=re.S
    )
    update = re.sub(r"### About you\n\n.*", "### About you\n\n_No response_", update, flags=re.S)
    user = {"login": "priyaraman", "id": 77, "type": "User"}
    _, output, _ = submit(project, event(tmp_path, update, user=user))
    assert output == "polyvox: issue #12: wrote content/contributors/priya-raman.md.\n"
    text = (project / "content/contributors/priya-raman.md").read_text()
    assert text.startswith(
        "---\n"
        "name: Priya R.\n"
        "pronouns: she/they\n"
        "links:\n"
        "  Website: https://example.org/priya\n"
        "github: priyaraman\n"
        'fediverse: "@noa@social.example"\n'
        "---\n"
        "Priya spent eight years as a product manager"
    )


@pytest.mark.parametrize(
    ("issue", "why"),
    [
        ({"body": "The site is down on my phone."}, "issue #12 was not written with a form"),
        ({"state": "closed"}, "issue #12 was opened: closed"),
        (
            {"user": {"login": "dependabot[bot]", "id": 1, "type": "Bot"}},
            "dependabot[bot] is a bot",
        ),
    ],
)
def test_what_is_not_a_submission_is_left_alone(project, tmp_path, issue, why):
    """An ordinary issue, a closed one, a bot's: nothing is written and nothing is posted."""
    before = tree(project)
    code, output, out = submit(project, event(tmp_path, **issue))
    assert (code, output) == (0, f"polyvox: nothing to do: {why}.\n")
    assert (out / "outcome").read_text() == "ignored\n"
    assert tree(project) == before


def test_an_edit_of_the_title_alone_changes_nothing(project, tmp_path):
    """GitHub says what an edit changed: a new title leaves the form's answers, and the pull
    request, as they were."""
    payload = json.loads((EVENTS / "issues-edited.json").read_text(encoding="utf-8"))
    payload["changes"] = {"title": {"from": "Propose a piece: "}}
    edited = tmp_path / "title-edited.json"
    edited.write_text(json.dumps(payload), encoding="utf-8")
    before = tree(project)
    code, output, out = submit(project, edited)
    assert (code, output) == (
        0,
        "polyvox: nothing to do: issue #12 was edited, but not its text.\n",
    )
    assert (out / "outcome").read_text() == "ignored\n"
    assert tree(project) == before


def test_no_issue_open_for_contributions(project, tmp_path):
    """When every issue is published, the piece waits: the reply says so."""
    index = project / "content/issues/2026-11/index.md"
    index.write_text(index.read_text().replace("status: draft", "status: published"))
    _, _, out = submit(project, event(tmp_path))
    assert (out / "reply.md").read_text().splitlines()[2] == (
        "- **Propose a piece**: no issue of Commons Circle is open for contributions right now: "
        "keep this issue open, and edit it once the editors open the next one (they can tell "
        "you when)"
    )


def test_the_repository_s_own_form_labels_are_the_ones_read(project, tmp_path):
    """A community that renamed a field in its form file gets its submissions read all the
    same: the labels come from the form file GitHub rendered."""
    run("forms", "-f", project / "mkdocs.yml")
    form = project / ".github/ISSUE_TEMPLATE/piece.yml"
    form.write_text(form.read_text().replace("label: Your piece", "label: Your words"))
    renamed = body("piece-hostile.md").replace("### Your piece", "### Your words")
    renamed = renamed.replace("amara-okafor, zed-nobody", "")
    _, _, out = submit(project, event(tmp_path, renamed))
    assert "- **Your words**: in the line “Hello" in (out / "reply.md").read_text()


def test_an_event_that_is_not_an_issues_event_is_named(project, tmp_path):
    """A payload of another event gets one line naming the file and what was expected."""
    payload = tmp_path / "push.json"
    payload.write_text(json.dumps({"ref": "refs/heads/main"}))
    code, output = run("submit", "--from-issue", payload, "-f", project / "mkdocs.yml")
    assert code == 1
    assert output == (
        f"Error: {payload}: not the payload of an 'issues' event (expected issue.number, "
        "issue.user, issue.body, issue.created_at; KeyError: 'issue')\n"
    )


def test_the_forms_are_valid_issue_forms_in_this_repository_and_up_to_date(tmp_path):
    """This repository's forms are what `polyvox forms` writes for the example, and GitHub's
    issue-forms schema accepts them."""
    project = copy_project(tmp_path / "example")
    run("forms", "-f", project / "mkdocs.yml")
    folder = ".github/ISSUE_TEMPLATE"
    written = {p.name: p.read_text() for p in (project / folder).glob("*.yml")}
    assert written == {p.name: p.read_text() for p in (REPO / folder).glob("*.yml")}
    check_github_schema("vendor.github-issue-forms", sorted((REPO / folder).glob("*.yml")))
    piece = yaml.safe_load((REPO / folder / "piece.yml").read_text())
    assert [e.get("id") for e in piece["body"]] == [
        None,
        "title",
        "kind",
        "text",
        "summary",
        "tags",
        "co_authors",
        "ai",
    ]
