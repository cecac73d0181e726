"""Imported text cannot forge credit: turn markers only where the import wrote them, marker
lines and claims that prove nothing flagged or harmless, everything from the platform escaped,
removed comments neither questions nor credited, and what an editor deleted stays deleted.

Each case is an export written here (GitHub's shape, unless said), imported into the minimal
tree, then read back through `polyvox check` and the credit ledger: who the site credits with
what is the oracle. tests/test_untrusted_outputs_browser.py opens the imported pages in
chromium.
"""

from __future__ import annotations

import json
import subprocess
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from polyvox.commands.cli import main
from polyvox.content.load import load_community
from polyvox.credit import ledger as credit
from tests.conftest import write_tree

SESSION = "2026-09-20-live"
FOLDER = f"content/ama/{SESSION}"
GUEST = "amaraokafor"
AMARA = "---\nname: Amara Okafor\ngithub: amaraokafor\n---\nGuest.\n"


def comment(key: str, login: str | None, body: str, *replies: dict, **extra) -> dict:
    """One GitHub discussion comment (or reply) as `gh api graphql` writes it."""
    node = {
        "id": key,
        "author": None if login is None else {"__typename": "User", "login": login, "name": None},
        "body": body,
        "createdAt": f"2026-09-15T10:{len(key) % 60:02d}:00Z",
        "upvoteCount": 0,
        "isAnswer": False,
        "minimizedReason": None,
        "deletedAt": None,
        **extra,
    }
    if replies is not None:
        node["replies"] = {"totalCount": len(replies), "nodes": list(replies)}
    return node


def reply(key: str, login: str | None, body: str, **extra) -> dict:
    """A reply under a comment."""
    node = comment(key, login, body, **extra)
    del node["replies"], node["upvoteCount"], node["isAnswer"]
    return node


def discussion(*comments: dict, url: str = "https://github.com/o/r/discussions/1") -> str:
    """A whole GitHub discussion export holding these comments."""
    data = {
        "title": "AMA",
        "url": url,
        "createdAt": "2026-09-14T10:00:00Z",
        "author": {"__typename": "User", "login": "tomas", "name": None},
        "body": "Ask.",
        "comments": {"totalCount": len(comments), "nodes": list(comments)},
    }
    return json.dumps({"data": {"repository": {"discussion": data}}})


def imported(root: Path, export: str, *extra: str) -> tuple[int, list[str]]:
    """Import an export (as GitHub's) into root; exit code and the summary's lines."""
    path = root / "ama.json"
    path.write_text(export, encoding="utf-8")
    args = ["import", "github", str(path), "--session", SESSION, "--guest", GUEST]
    result = CliRunner().invoke(main, [*args, "--project", str(root), *extra])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, [line.strip() for line in result.output.splitlines()]


def credits_of(root: Path) -> set[tuple[str, str]]:
    """(person, role) of every credit the session gives, as the site shows it."""
    loaded = load_community(root)
    assert loaded.community is not None, [p.as_text() for p in loaded.problems]
    shown = credit.visible(loaded.community, drafts=True, today=date(2026, 11, 22))
    return {(a.person, a.role.value) for a in credit.ledger(shown) if SESSION in a.page}


def checked(root: Path, severity: str = "error") -> list[str]:
    """The errors (or warnings) `polyvox check` gives the project."""
    result = CliRunner().invoke(main, ["check", str(root)])
    return [line for line in result.output.splitlines() if f": {severity}: " in line]


@pytest.fixture
def project(tmp_path) -> Path:
    """The minimal tree with the guest's profile claiming her GitHub account."""
    return write_tree(tmp_path, {"content/contributors/amaraokafor.md": AMARA})


SEPARATORS = ["\u2028", "\u2029", "\x85", "\x0c", "\x0b", "\r", "\r\n", "\x1e"]


@pytest.mark.parametrize("separator", SEPARATORS, ids=[repr(s) for s in SEPARATORS])
def test_a_marker_between_separators_is_no_turn(project, separator):
    """A comment holding a code span with separators around the guest's answer marker: the
    guest is credited with nothing she did not write."""
    forged = f"Why? `x{separator}<!-- answer: amaraokafor -->{separator}I agree with lina` ok"
    code, lines = imported(project, discussion(comment("C1", "lina", forged)))
    assert code == 0, lines
    assert checked(project) == []
    assert ("amaraokafor", "answerer") not in credits_of(project)
    assert ("lina", "asker") in credits_of(project)


def test_a_marker_inside_a_fence_is_no_turn(project):
    """Code fences hold the marker as code, wherever the import put them."""
    forged = "Why?\n\n~~~~\n```\n<!-- answer: amaraokafor -->\nyes\n```\n~~~~"
    imported(project, discussion(comment("C1", "lina", forged)))
    assert ("amaraokafor", "answerer") not in credits_of(project)


def test_a_copied_import_marker_in_a_profile_earns_no_credit(project):
    """A member copies the import's marker line for the guest's account into their profile,
    with a digest that does not match: the marker is not trusted, the guest keeps her credit."""
    mallory = (
        "---\n# polyvox import: github user:amaraokafor sha256:0123456789abcdef\nname: Mallory\n"
        "---\nHi.\n"
    )
    (project / "content/contributors/mallory.md").write_text(mallory)
    (project / "content/contributors/amaraokafor.md").write_text(
        AMARA.replace("github: amaraokafor\n", "")
    )
    export = discussion(comment("C1", "lina", "Why?", reply("R1", GUEST, "Because.")))
    code, lines = imported(project, export)
    assert code == 0, lines
    assert ("mallory", "answerer") not in credits_of(project)


def test_a_forged_marker_with_its_digest_turns_the_file_into_the_account_s_profile(project):
    """A marker can be copied with a matching digest (anyone can hash a file): then the file is
    the import's own, brought up to date as that account's profile, so the credit is shown with
    the account's name and link, never the forger's."""
    from polyvox.commands.importers.core import _marked

    (project / "content/contributors/amaraokafor.md").write_text(
        AMARA.replace("github: amaraokafor\n", "")
    )
    text = "---\nname: Mallory\n---\nThe real author of every answer.\n"
    forged = _marked(text, "github", "user:amaraokafor")
    (project / "content/contributors/mallory.md").write_text(forged)
    export = discussion(comment("C1", "lina", "Why?", reply("R1", GUEST, "Because.")))
    code, lines = imported(project, export)
    assert code == 0, lines
    profile = (project / "content/contributors/mallory.md").read_text()
    assert "Mallory" not in profile and "real author" not in profile
    assert "name: amaraokafor" in profile and "https://github.com/amaraokafor" in profile


def git(root: Path, *args: str) -> None:
    """Run git in root (quietly, as a throwaway identity)."""
    subprocess.run(
        ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        check=True,
        capture_output=True,
    )


def test_a_new_claim_of_an_account_is_flagged_by_check_and_by_the_import(tmp_path):
    """A member who claims the guest's handle in a change (the guest's profile claims none) is
    named by check (a warning for the reviewer) and by the import's summary."""
    root = write_tree(
        tmp_path, {"content/contributors/mallory.md": "---\nname: Mallory\n---\nHi.\n"}
    )
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    profile = root / "content/contributors/mallory.md"
    profile.write_text("---\nname: Mallory\ngithub: amaraokafor\n---\nHi.\n")
    assert checked(root, "warning") == [
        "content/contributors/mallory.md:3: warning: 'github: amaraokafor' is new in this change: "
        "the next AMA import credits this profile with everything the GitHub account "
        "'amaraokafor' wrote there; a maintainer should make sure the account is this person's "
        "before merging"
    ]
    export = discussion(comment("C1", "lina", "Why?", reply("R1", GUEST, "Because.")))
    code, lines = imported(root, export)
    assert code == 0
    assert (
        "check this: mallory is credited as the GitHub account 'amaraokafor', which "
        "content/contributors/mallory.md did not claim on the base branch; make sure the "
        "account is theirs before merging"
    ) in lines


def test_a_claim_already_on_the_base_branch_is_not_flagged(tmp_path):
    """The guest's own profile, claiming her account since before the change: no warning."""
    root = write_tree(tmp_path, {"content/contributors/amaraokafor.md": AMARA})
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    (root / "content/contributors/amaraokafor.md").write_text(AMARA.replace("Guest.", "Guest!"))
    assert checked(root, "warning") == []


@pytest.mark.parametrize(
    "url",
    [
        "https://github.com/o/r/discussions/1)![x](https://evil.example/p.png",
        'https://github.com/o/r/discussions/1 "t")<img src=x onerror=alert(1)>',
        "https://github.com/o/r/discussions/1>\n\n<script>alert(1)</script>",
        "https://evil.example/discussions/1",
    ],
)
def test_a_thread_address_is_written_escaped(project, url):
    """The discussion's URL lands in index.md as one escaped link to the platform (or none):
    the session passes the check and shows no image, script or handler."""
    code, lines = imported(project, discussion(comment("C1", "lina", "Why?"), url=url))
    assert code == 0, lines
    assert checked(project) == []
    index = (project / FOLDER / "index.md").read_text()
    body = index.split("---\n", 2)[2]
    assert "<img" not in body and "<script" not in body and "](https://evil" not in body
    if "evil.example/discussions" in url:
        assert "original thread" not in body


def test_a_post_id_cannot_write_front_matter(project):
    """An id with a line break and a key: percent-encoded in the marker, nothing added."""
    code, lines = imported(
        project, discussion(comment("C1\nasked_by: amaraokafor", "lina", "Why?"))
    )
    assert code == 0, lines
    assert checked(project) == []
    assert ("lina", "asker") in credits_of(project)
    assert ("amaraokafor", "asker") not in credits_of(project)


def test_a_discord_attachment_address_is_escaped(project):
    """A file's address from Discord with a ')' and an image after it: one escaped link."""
    export = {
        "guild": {"id": "1)![x](https://evil.example/g.png", "name": "g"},
        "channel": {"id": "2", "name": "ama"},
        "messages": [
            {
                "id": "10", "type": "Default", "timestamp": "2026-09-15T10:00:00+00:00",
                "content": "Why?",
                "author": {"id": "5", "name": "lina", "nickname": "Lina", "isBot": False},
                "attachments": [{"id": "a", "url": "https://cdn.discordapp.com/x.png)![y](https://evil.example/a.png", "fileName": "x](y"}],
                "reference": None,
            }
        ],
    }  # fmt: skip
    path = project / "ama.json"
    path.write_text(json.dumps(export))
    args = ["import", "discord", str(path), "--session", SESSION, "--guest", "amara"]
    result = CliRunner().invoke(main, [*args, "--project", str(project)])
    assert result.exit_code == 0, result.output
    assert checked(project) == []
    for file in (project / FOLDER).rglob("*.md"):
        assert "](https://evil" not in file.read_text()


@pytest.mark.parametrize(
    "reason", ["spam", "abuse", "off-topic", "outdated", "duplicate", "resolved"]
)
def test_a_minimized_comment_is_neither_a_question_nor_credited(project, reason):
    """GitHub's minimized comments (and a removed reply) are left out: no file, no profile, no
    English placeholder on a French site; the summary says how many."""
    export = discussion(
        comment("C1", "spammer", "Buy now", minimizedReason=reason),
        comment("C2", "lina", "Why?", reply("R1", "troll", "nope", minimizedReason=reason), reply("R2", GUEST, "Because.")),
    )  # fmt: skip
    code, lines = imported(project, export)
    assert code == 0, lines
    assert not (project / "content/contributors/spammer.md").exists()
    assert not (project / "content/contributors/troll.md").exists()
    texts = " ".join(p.read_text() for p in (project / FOLDER).rglob("*.md"))
    assert "Buy now" not in texts and "nope" not in texts and "removed" not in texts.lower()
    assert credits_of(project) >= {("lina", "asker"), ("amaraokafor", "answerer")}
    assert {person for person, _ in credits_of(project)} == {"lina", "amaraokafor"}
    assert (
        "1 question and 1 reply removed or minimized on GitHub: left out, their authors not "
        "credited"
    ) in lines


def test_what_an_editor_deleted_stays_deleted(project):
    """Delete an imported question; import the same thread again: it is not written back, and
    the summary says so."""
    export = discussion(comment("C1", "lina", "Why?"), comment("C2", "hiro", "How?"))
    imported(project, export)
    [why] = (project / FOLDER / "questions").glob("why.md")
    why.unlink()
    code, lines = imported(project, export)
    assert code == 0, lines
    assert not why.exists()
    assert (
        f"deleted since the last import, so not written again: {FOLDER}/questions/why.md" in lines
    )
    assert (project / FOLDER / "questions/how.md").exists()


def test_a_likely_duplicate_person_is_named(project):
    """GitHub login karim-b, named Karim Benali, beside the existing karim-benali."""
    (project / "content/contributors/karim-benali.md").write_text("---\nname: Karim Benali\n---\n")
    export = json.loads(discussion(comment("C1", "karim-b", "Why?")))
    export["data"]["repository"]["discussion"]["comments"]["nodes"][0]["author"]["name"] = (
        "Karim Benali"
    )
    code, lines = imported(project, json.dumps(export))
    assert code == 0, lines
    assert (
        "karim-b may be karim-benali (the same name): if so, move the 'github:' line of "
        "content/contributors/karim-b.md into content/contributors/karim-benali.md, add karim-b "
        "to its aliases, and delete karim-b.md"
    ) in lines


def test_a_host_s_question_the_guest_answered_is_a_question(project):
    """The host asks first and the guest answers: a question by the host, credited; the host's
    welcome that nobody answered is named in the summary, not dropped unseen."""
    export = discussion(
        comment("C1", "tomas-host", "Welcome, everyone!"),
        comment("C2", "tomas-host", "Let me start: why plural?", reply("R1", GUEST, "Because.")),
    )
    code, lines = imported(project, export, "--host", "tomas-host")
    assert code == 0, lines
    assert ("tomas-host", "asker") in credits_of(project)
    assert (
        "not a question (a top-level post by a guest, a bot, or a host that no guest answered): "
        "tomas-host: 'Welcome, everyone!'"
    ) in lines
