"""`polyvox import`: AMA threads from GitHub, Reddit and Discord, into content that passes check."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner

from polyvox.commands.cli import main
from polyvox.commands.importers.text import neutralised
from polyvox.content import safety
from polyvox.content.load import load_community
from polyvox.credit import ledger as credit
from tests.conftest import BUILD_DAY, build_project, copy_project, copy_settings

FIXTURES = Path(__file__).parent / "fixtures" / "imports"
SESSION = "2026-09-20-live"
QUESTIONS = f"content/ama/{SESSION}/questions"
CLAIMS = {
    "content/contributors/amara.md": (
        "---\nname: Amara Okafor\npronouns: she/her\ngithub: amaraokafor\nreddit: amara_o\n"
        "discord: amara.o\n---\nHost.\n"
    ),
    "content/contributors/tomas.md": (
        "---\nname: Tomás Rivera\naliases: [tomas-r]\ndiscord: tomas.r\n---\nAsks.\n"
    ),
}
PLATFORMS = {
    "github": ("github-discussion.json", "amaraokafor", "tomas-rivera"),
    "reddit": ("reddit-thread.json", "amara_o", "tomas_r"),
    "discord": ("discord-export.json", "amara.o", "tomas.r"),
}
EXPECTED_THREADS = {
    "github": {
        "how-do-you-find-voices-nobody-has-heard-yet": (
            "lina-k",
            [("answer", "amara"), ("follow-up", "lina-k"), ("answer", "amara")],
        ),
        "what-should-an-archive-forget": ("deleted-github-account", [("answer", "amara")]),
        "question-dc-kwdokx7q2m4ala08": ("hiro-t", [("answer", "amara")]),
    },
    "reddit": {
        "how-do-you-find-voices-nobody-has-heard-yet": (
            "lina-k",
            [("answer", "amara"), ("follow-up", "lina-k"), ("answer", "amara")],
        ),
        "question-t1-m1aa009": ("hiro-t", [("answer", "amara")]),
    },
    "discord": {
        "how-do-you-find-voices-nobody-has-heard-yet": (
            "lina-k",
            [("answer", "amara"), ("follow-up", "lina-k")],
        ),
        "question-1300000000000000006": ("hiro", [("answer", "amara"), ("follow-up", "hiro")]),
    },
}
"""Per platform: each question file, who asked it, and its turns in order (kind, speaker);
removed and minimized comments are not there, and their authors are not credited."""
NEW_PEOPLE = {
    "github": {"tomas-rivera", "lina-k", "deleted-github-account", "hiro-t"},
    "reddit": {"tomas-r-reddit", "lina-k", "hiro-t"},
    "discord": {"lina-k", "hiro"},
}


def run_import(root: Path, platform: str, *extra: str, source: Path | None = None):
    """Run `polyvox import` on a fixture in-process; return exit code and output."""
    name, guest, host = PLATFORMS[platform]
    args = ["import", platform, str(source or FIXTURES / name), "--session", SESSION]
    args += ["--guest", guest, "--host", host, "--project", str(root), *extra]
    result = CliRunner().invoke(main, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under content/, by path."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted((root / "content").rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("platform", PLATFORMS)
def test_import_passes_check_and_credits_every_person(content_tree, run_check, platform):
    """Each question, asker, answer and follow-up lands in the contract, and check passes."""
    root = content_tree(CLAIMS)
    code, output = run_import(root, platform)
    assert code == 0, output
    code, lines = run_check(root)
    assert code == 0, lines
    session = next(s for s in load_community(root).community.sessions if s.id == SESSION)
    found = {
        q.slug: (q.meta.asked_by, [(t.kind.value, t.person) for t in q.turns])
        for q in session.questions
    }
    assert found == EXPECTED_THREADS[platform]
    assert session.meta.guests == ["amara"]
    made = {p.stem for p in (root / "content/contributors").glob("*.md")} - {
        "amara",
        "tomas",
        "anon",
    }
    assert made == NEW_PEOPLE[platform]  # bots get no profile


def test_github_files_are_written_as_the_contract_shows(content_tree):
    """The question file, the new profile and the deleted account, byte for byte."""
    root = content_tree(CLAIMS)
    run_import(root, "github")
    question = (root / QUESTIONS / "how-do-you-find-voices-nobody-has-heard-yet.md").read_text()
    assert question.split("\n", 2)[2] == (
        "asked_by: lina-k\ndate: 2026-11-15\n---\n"
        "How do you find voices nobody has heard yet? <\u200bscript>alert('x')<\u200b/script> 🙂\n\n"
        "<!-- answer: amara -->\n"
        "We ask the quiet ones first, in private. See [our notes](https://example.org/notes).\n\n"
        "<!-- follow-up: lina-k -->\n"
        "And if nobody comes? [click me]&#40;javascript:alert(document.cookie))\n\n"
        "<!-- answer: amara -->\nThen we go to them.\n\n"
        "```html\n\u200b<!-- answer: lina-k -->\n<b>kept as code</b>\n```\n"
    )
    assert question.split("\n")[1].startswith("# polyvox import: github DC_kwDOKx7Q2M4AlA01 ")
    profile = (root / "content/contributors/lina-k.md").read_text()
    assert profile.split("\n", 2)[2] == (
        "name: Lina Kovač\ngithub: lina-k\nlinks:\n  GitHub: https://github.com/lina-k\n---\n"
        "<!-- A few sentences about you: what you do, what brings you here. -->\n"
    )
    deleted = (root / "content/contributors/deleted-github-account.md").read_text()
    assert deleted.split("\n", 2)[2] == "name: Deleted GitHub account\nanonymous: true\n---\n\n"
    minimized = (root / QUESTIONS / "question-dc-kwdokx7q2m4ala08.md").read_text()
    assert "deleted-github-account" not in minimized and "Removed" not in minimized


def test_summary_counts_what_was_imported(content_tree):
    """The summary names new and matched people, posts that are not questions (by whom, how
    they start), removed comments left out, and what the export misses."""
    code, output = run_import(content_tree(CLAIMS), "reddit")
    assert code == 0
    assert output.splitlines()[1:] == [
        "  2 questions, 3 answers, 1 follow-up",
        "  3 new contributors (tomas-r-reddit, lina-k, hiro-t)",
        "  1 person matched to existing profiles (amara)",
        "  tomas-r-reddit: the id was taken by tomas; if tomas is this person, move the 'reddit:' "
        "line of content/contributors/tomas-r-reddit.md into content/contributors/tomas.md, add "
        "tomas-r-reddit to its aliases, and delete tomas-r-reddit.md",
        "  not a question (a top-level post by a guest, a bot, or a host that no guest "
        "answered): AutoModerator: 'Welcome to the AMA! Please be kind.'",
        "  1 question and 2 replies removed or minimized on Reddit: left out, their authors not "
        "credited",
        "  8 comments missing from the export, not imported: export the whole thread and import "
        "it again to add them",
        "  6 files written, 0 brought up to date, 0 unchanged",
        "Next: run 'polyvox check', read the files, then open a pull request.",
    ]


@pytest.mark.parametrize("platform", PLATFORMS)
def test_importing_again_changes_nothing(content_tree, platform):
    """The same export twice: the second import writes no byte."""
    root = content_tree(CLAIMS)
    run_import(root, platform)
    before = snapshot(root)
    code, output = run_import(root, platform)
    assert code == 0
    assert snapshot(root) == before
    assert "  0 files written, 0 brought up to date," in output


def test_newer_export_adds_only_what_is_new_and_keeps_edited_files(content_tree, tmp_path):
    """Untouched files come up to date, new questions are added, edited files are left alone."""
    full = json.loads((FIXTURES / "github-discussion.json").read_text())
    older = json.loads(json.dumps(full))
    comments = older["data"]["repository"]["discussion"]["comments"]["nodes"]
    comments[0]["replies"]["nodes"] = comments[0]["replies"]["nodes"][:1]
    comments[1]["replies"]["nodes"] = []
    del comments[3]
    (tmp_path / "older.json").write_text(json.dumps(older))
    root = content_tree(CLAIMS)
    run_import(root, "github", source=tmp_path / "older.json")
    edited = root / QUESTIONS / "what-should-an-archive-forget.md"
    edited.write_text(edited.read_text().replace("forget?", "forget, and when?"))
    before = snapshot(root)
    code, output = run_import(root, "github")
    assert code == 0, output
    after = snapshot(root)
    changed = sorted(rel for rel in after if before.get(rel) != after[rel])
    assert changed == [
        f"content/ama/{SESSION}/.polyvox-import.json",  # one more question remembered
        f"{QUESTIONS}/how-do-you-find-voices-nobody-has-heard-yet.md",
        f"{QUESTIONS}/question-dc-kwdokx7q2m4ala08.md",
        "content/contributors/hiro-t.md",
    ]
    assert (
        f"  kept as it is (edited since it was imported, or not written by an import): ama/{SESSION}/questions/what-should-an-archive-forget.md"
        in output.splitlines()
    )
    assert after[f"{QUESTIONS}/how-do-you-find-voices-nobody-has-heard-yet.md"].count(b"<!--") == 4


def test_files_it_did_not_write_are_never_overwritten(content_tree, run_check):
    """A session index and a question a member wrote stay as written; the import goes beside."""
    index = (
        "---\ntitle: Our own title\ndate: 2026-09-20\nguests: [amara]\nissue: 2026-09\n---\n"
        "Written by the editors.\n"
    )
    mine = "---\nasked_by: tomas\n---\nHow do you find voices nobody has heard yet?\n"
    root = content_tree(
        {
            **CLAIMS,
            f"content/ama/{SESSION}/index.md": index,
            f"{QUESTIONS}/how-do-you-find-voices-nobody-has-heard-yet.md": mine,
        }
    )
    code, output = run_import(root, "github")
    assert code == 0, output
    assert (root / f"content/ama/{SESSION}/index.md").read_text() == index
    assert (root / QUESTIONS / "how-do-you-find-voices-nobody-has-heard-yet.md").read_text() == mine
    imported = (root / QUESTIONS / "how-do-you-find-voices-nobody-has-heard-yet-2.md").read_text()
    assert "asked_by: lina-k" in imported
    assert run_check(root)[0] == 0


def broken(name: str, change) -> str:
    """A fixture's JSON with one change applied, as text."""
    data = json.loads((FIXTURES / name).read_text())
    change(data)
    return json.dumps(data)


GITHUB_EXPECTED = (
    "expected the output of 'gh api graphql' with the discussion query in README.md "
    "(data.repository.discussion with title, url, createdAt, author, body and comments.nodes); "
    "nothing was written"
)
REDDIT_EXPECTED = (
    "expected the JSON Reddit gives for a thread's address with '.json' added: an array of two "
    "listings, the post (t3) and its comments (t1); nothing was written"
)
DISCORD_EXPECTED = (
    "expected a channel exported by DiscordChatExporter with '--format Json' (guild, channel "
    "and messages[] with id, type, timestamp, content and author); nothing was written"
)


def _no_github_comments(data):
    data["data"]["repository"]["discussion"]["comments"] = {"totalCount": 0, "nodes": []}


def _null_body(data):
    data["data"]["repository"]["discussion"]["comments"]["nodes"][2]["body"] = None


def _bad_reddit_kind(data):
    data[1]["data"]["children"][1]["data"]["replies"]["data"]["children"][0]["kind"] = "t5"


def _no_reddit_comments(data):
    data[1]["data"]["children"] = []


def _bots_only(data):
    data["messages"] = [m for m in data["messages"] if m["author"]["isBot"]]


MALFORMED = [
    ("github", "not json {", f"not JSON (Expecting value at line 1, column 1): {GITHUB_EXPECTED}"),
    (
        "github",
        (FIXTURES / "reddit-thread.json").read_text(),
        f"not a GitHub Discussion: the top level should be an object, found an array; "
        f"{GITHUB_EXPECTED}",
    ),
    (
        "github",
        broken("github-discussion.json", _null_body),
        "not a GitHub Discussion: 'data.repository.discussion.comments.nodes[2].body' should be "
        f"text, found null; {GITHUB_EXPECTED}",
    ),
    (
        "github",
        broken("github-discussion.json", _no_github_comments),
        "the thread has no comments, so there is nothing to import: export it again once "
        "questions have been asked; nothing was written",
    ),
    (
        "reddit",
        (FIXTURES / "github-discussion.json").read_text(),
        f"not a Reddit thread: the top level should be an array of 2 listings, found an object; "
        f"{REDDIT_EXPECTED}",
    ),
    (
        "reddit",
        broken("reddit-thread.json", _bad_reddit_kind),
        "not a Reddit thread: '[1].data.children[1].data.replies.data.children[0]' has kind "
        f"'t5', expected 't1', 'more'; {REDDIT_EXPECTED}",
    ),
    (
        "reddit",
        broken("reddit-thread.json", _no_reddit_comments),
        "the thread has no comments, so there is nothing to import: export it again once "
        "questions have been asked; nothing was written",
    ),
    (
        "discord",
        (FIXTURES / "reddit-thread.json").read_text(),
        f"not a DiscordChatExporter export: the top level should be an object, found an array; "
        f"{DISCORD_EXPECTED}",
    ),
    (
        "discord",
        broken("discord-export.json", _bots_only),
        "no question to import: every top-level comment is by a guest, a host or a bot, was "
        "removed, or was deleted here since an earlier import; check the --guest and --host "
        "handles; nothing was written",
    ),
]


def test_an_issue_that_does_not_exist_is_refused(content_tree):
    """--issue must name an issue content/ holds."""
    root = content_tree(CLAIMS)
    code, output = run_import(root, "github", "--issue", "2030-01")
    assert code == 2
    assert output.splitlines()[-1] == (
        "Error: Invalid value for '--issue': issue '2030-01' has no "
        "content/issues/2030-01/index.md: start it with 'polyvox new issue'"
    )
    assert not (root / f"content/ama/{SESSION}").exists()


def test_an_export_that_is_not_utf8_gets_its_message(content_tree, tmp_path):
    """Bytes that are not UTF-8: the byte is named, nothing is written."""
    root = content_tree(CLAIMS)
    before = snapshot(root)
    source = tmp_path / "export.json"
    source.write_bytes(b'{"data": "\xff"}')
    code, output = run_import(root, "github", source=source)
    assert (code, output) == (
        1,
        f"Error: {source}: not UTF-8 text (invalid start byte at byte 10); nothing was written\n",
    )
    assert snapshot(root) == before


def test_a_sticker_without_text_is_shown_as_such(content_tree):
    """A message with no text is not invented, nor called removed."""
    root = content_tree(CLAIMS)
    run_import(root, "discord")
    text = (root / QUESTIONS / "question-1300000000000000006.md").read_text()
    assert text.endswith(
        "<!-- follow-up: hiro -->\n*No text in the original thread (a sticker, an embed or a "
        "file the export left out).*\n"
    )


@pytest.mark.parametrize(("platform", "text", "message"), MALFORMED)
def test_malformed_input_gets_one_message_and_writes_nothing(
    content_tree, tmp_path, platform, text, message
):
    """Not JSON, another platform's shape, a thread without comments: exit 1, nothing written."""
    root = content_tree(CLAIMS)
    before = snapshot(root)
    source = tmp_path / "export.json"
    source.write_text(text, encoding="utf-8")
    code, output = run_import(root, platform, source=source)
    assert (code, output) == (1, f"Error: {source}: {message}\n")
    assert snapshot(root) == before


def test_two_people_may_not_claim_one_account(content_tree, run_check):
    """check refuses a handle claimed twice (case aside), on the line of the second claim."""
    root = content_tree(
        {
            "content/contributors/amara.md": "---\nname: Amara Okafor\nreddit: Lina_K\n---\n",
            "content/contributors/tomas.md": "---\nname: Tomás Rivera\nreddit: lina_k\n---\n",
        }
    )
    code, lines = run_check(root)
    assert code == 1
    assert (
        "content/contributors/tomas.md:3: error: Reddit account 'lina_k' in 'reddit' is also "
        "claimed by content/contributors/amara.md: an account belongs to one person; remove it "
        "from one of the two files"
    ) in lines


HOSTILE = [
    ("<script>alert(1)</script>", "&lt;script>alert(1)&lt;/script>"),
    ("a <img src=x onerror=alert(1)> b", "a &lt;img src=x onerror=alert(1)> b"),
    ("`<b>` stays code\n<div>x</div>", "`<b>` stays code\n&lt;div>x&lt;/div>"),
    ("[x](javascript:alert(1))", "[x]&#40;javascript:alert(1))"),
    (
        "[x](JaVaScRiPt&#58;alert(1)) [ok](https://example.org/a)",
        "[x]&#40;JaVaScRiPt&#58;alert(1)) [ok](https://example.org/a)",
    ),
    (
        "![i](data:image/svg+xml,<svg onload=alert(1)>)",
        "![i]&#40;data:image/svg+xml,&lt;svg onload=alert(1)>)",
    ),
    ("![i](../../../../etc/passwd)", "![i]&#40;../../../../etc/passwd)"),
    ("[r]: javascript:alert(1)\n\n[go][r]", "[r]&#58; javascript:alert(1)\n\n[go][r]"),
    ("<javascript:alert(1)>", "&lt;javascript:alert(1)>"),
    ('text {: onclick="alert(1)" }', 'text &#123;: onclick="alert(1)" }'),
    ("<!-- answer: evil -->\nforged", "&lt;!-- answer: evil -->\nforged"),
    ("```\n<!-- follow-up: evil -->\n```", "```\n\u200b<!-- follow-up: evil -->\n```"),
    ("Привет 👋\r\nこんにちは\x07", "Привет 👋\nこんにちは"),
    (
        "[" * 2_001,
        "```text\n" + "[" * 2_001 + "\n```",
    ),
]


HEADINGS = [
    (
        "<b>Hi</b> [x](javascript:y)\nthen <i>this</i> [z](javascript:w)",
        "<\u200bb>Hi<\u200b/b> [x]\u200b(javascript:y)\nthen &lt;i>this&lt;/i> [z]&#40;javascript:w)",
    ),
    ("I <3 this, and 1 < 2", "I <3 this, and 1 < 2"),
    ("<script>x</script>", "<\u200bscript>x<\u200b/script>"),
]


@pytest.mark.parametrize(("text", "expected"), HEADINGS)
def test_a_question_first_line_shows_as_written_in_plain_text_too(text, expected):
    """The heading is plain text: an invisible space, not a reference, keeps tags from opening."""
    result = neutralised(text, heading=True)
    assert result == expected
    problems, _ = safety.check_body(
        result, 1, "q.md", folder=Path("content/ama/s/questions"), content_dir=Path("content")
    )
    assert [p for p in problems if p.severity == "error"] == []
    assert result.split("\n")[0].replace("\u200b", "") == text.split("\n")[0]


@pytest.mark.parametrize(("text", "expected"), HOSTILE)
def test_untrusted_text_is_shown_as_text_and_passes_the_body_check(text, expected):
    """Raw HTML, unsafe links, attribute lists and forged markers come out inert."""
    result = neutralised(text)
    assert result == expected
    problems, _ = safety.check_body(
        result, 1, "q.md", folder=Path("content/ama/s/questions"), content_dir=Path("content")
    )
    assert [p for p in problems if p.severity == "error"] == []


def test_build_credits_every_imported_person_on_profile_and_issue(tmp_path):
    """Import all three platforms into the example site; every person's acts are on the site."""
    project = copy_project(tmp_path)
    sessions = {}
    for day, (platform, (name, guest, host)) in zip((14, 15, 16), PLATFORMS.items(), strict=True):
        session = f"2026-11-{day}-{platform}-live"
        result = CliRunner().invoke(
            main,
            ["import", platform, str(FIXTURES / name), "--session", session, "--guest", guest,
             "--host", host, "--issue", "2026-10", "--project", str(project)],
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        sessions[platform] = session
    code, output = build_project(project)
    assert code == 0, output
    community = load_community(project).community
    shown = credit.visible(community, drafts=False, today=date.fromisoformat(BUILD_DAY))
    acts = [a for a in credit.ledger(shown) if any(s in a.page for s in sessions.values())]
    roles = {(a.person, a.role) for a in acts}
    assert len(acts) == 26  # guest, host, askers and every turn not removed, of the three threads
    assert {
        ("amara-okafor", "guest"),
        ("lina-k", "asker"),
        ("lina-k", "follow-up"),
        ("hiro", "asker"),
        ("deleted-github-account", "asker"),
        ("tomas-r-discord", "host"),
    } <= roles, roles
    site = project / "site"
    voices = lxml.html.parse(str(site / "issues/2026-10/index.html")).getroot()
    voice_links = {a.get("href") for a in voices.cssselect("ul.pv-issue-voices a")}
    for act in acts:
        person = community.person(act.person)
        if person.meta.anonymous:
            assert not (site / "contributors" / act.person).exists()
            continue
        profile = lxml.html.parse(str(site / "contributors" / act.person / "index.html"))
        hrefs = {a.get("href") for a in profile.getroot().cssselect("article li a")}
        target = f"../../{act.page}" + (f"#{act.anchor}" if act.anchor else "")
        assert target in hrefs, (act.person, act.role, target)
        assert f"../../contributors/{act.person}/" in voice_links, act.person
    page = lxml.html.parse(str(site / "ama/2026-11-14-github-live/index.html")).getroot()
    shown_text = " ".join(page.text_content().replace("\u200b", "").split())  # invisible
    assert "nobody has heard yet? <script>alert('x')</script> 🙂" in shown_text
    assert "And if nobody comes? [click me](javascript:alert(document.cookie))" in shown_text
    code = [s for s in page.iter("script") if s.get("type") != "application/ld+json"]
    assert not [s for s in code if "alert" in (s.text or "")]
    assert not page.cssselect("a[href^='javascript'], iframe, img[onerror]")


def test_merging_a_made_profile_as_the_summary_advises_keeps_every_credit(content_tree, run_check):
    """Move the account line, alias the made id, delete its file: check passes, credits stay."""
    root = content_tree(CLAIMS)
    run_import(root, "reddit")
    (root / "content/contributors/tomas-r-reddit.md").unlink()
    (root / "content/contributors/tomas.md").write_text(
        "---\nname: Tomás Rivera\naliases: [tomas-r, tomas-r-reddit]\nreddit: tomas_r\n---\nAsks.\n"
    )
    assert run_check(root)[0] == 0
    code, output = run_import(root, "reddit")
    assert code == 0, output
    index = (root / f"content/ama/{SESSION}/index.md").read_text()
    assert "hosts: [tomas]\n" in index
    assert "1 brought up to date" in output
    assert not (root / "content/contributors/tomas-r-reddit.md").exists()


def test_what_an_import_writes_for_readers_is_in_the_sites_language(content_tree):
    """A French site's imported session links to its thread in French; a removed reply is left
    out, and says nothing in English: readers read the content files' own words."""
    root = copy_settings(content_tree(CLAIMS))
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("language: en", "language: fr"))
    code, output = run_import(root, "github")
    assert code == 0, output
    index = (root / f"content/ama/{SESSION}/index.md").read_text()
    origin = "d\u2019origine"
    assert f"Importé depuis [le fil {origin} sur GitHub](https://github.com/" in index
    assert "Imported" not in index
    removed = (root / QUESTIONS / "question-dc-kwdokx7q2m4ala08.md").read_text()
    assert removed.endswith("<!-- answer: amara -->\n小さく始めましょう。Start small.\n")
    assert "deleted-github-account" not in removed and "Removed" not in removed


def test_a_message_without_text_says_so_in_the_sites_language(content_tree):
    """A French site's imported sticker is named as such in French, not in English."""
    root = copy_settings(content_tree(CLAIMS))
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("language: en", "language: fr"))
    assert run_import(root, "discord")[0] == 0
    text = (root / QUESTIONS / "question-1300000000000000006.md").read_text()
    assert text.endswith(
        "<!-- follow-up: hiro -->\n*Pas de texte dans le fil d\u2019origine (un autocollant, un "
        "contenu intégré ou un fichier que l\u2019export n\u2019a pas gardé).*\n"
    )
