"""`polyvox credits`: the exports hold exactly the credits the built pages show."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from urllib.parse import urljoin

import lxml.html
import pytest
from click.testing import CliRunner

from polyvox.commands.cli import main
from polyvox.credit.ledger import Role
from polyvox.i18n import Translator
from tests.conftest import BUILD_DAY, copy_project

SITE_URL = "https://commons-circle.example.org/"
REPO_URL = "https://github.com/commons-circle/newsletter"
EN = Translator("en")
ROLE_BY_HEADING = {f"{r.emoji} {EN(f'role_{r}')}": r for r in Role}


def dated_copy(target: Path) -> Path:
    """A copy of the example project whose plugin options fix today to the test build day."""
    project = copy_project(target)
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("  - polyvox\n", f"  - polyvox:\n      today: {BUILD_DAY}\n")
        + f"repo_url: {REPO_URL}\n"
    )
    return project


def run_credits(project: Path, *args: str):
    """Run `polyvox credits` on a project."""
    return CliRunner().invoke(main, ["credits", "-f", str(project / "mkdocs.yml"), *args])


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A copy of the example project, shared by the tests that only read it."""
    return dated_copy(tmp_path_factory.mktemp("credits"))


def credits_on_profiles(site: Path) -> set[tuple[str, str, str]]:
    """(name, role, absolute URL) of every act listed on every profile page of the built site."""
    acts = set()
    for html in sorted((site / "contributors").glob("*/index.html")):
        url = html.parent.relative_to(site).as_posix() + "/"
        content = lxml.html.parse(str(html)).getroot().cssselect("article")[0]
        name = " ".join(content.cssselect("h1")[0].text_content().replace("¶", "").split())
        for heading in content.cssselect("h2"):
            label = " ".join(heading.text_content().replace("¶", "").split()).rsplit(" (", 1)[0]
            for link in heading.getnext().cssselect("li > a"):
                target = urljoin(SITE_URL + url, link.get("href"))
                acts.add((name, ROLE_BY_HEADING[label].value, target))
    return acts


def test_csv_holds_the_credits_the_profiles_show(project, example_site):
    """Every named row is an act on that person's profile and back; the anonymous one is unnamed."""
    result = run_credits(project, "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == ["person", "role", "item", "date", "issue", "url", "profile"]
    named = {(r["person"], r["role"], r["url"]) for r in rows if r["person"] != "Anonymous member"}
    assert named == credits_on_profiles(example_site)
    assert len(rows) == len({(r["person"], r["role"], r["url"]) for r in rows})
    anonymous = [r for r in rows if r["person"] == "Anonymous member"]
    assert [(r["role"], r["url"], r["profile"]) for r in anonymous] == [
        ("asker", SITE_URL + "ama/2026-10-08-growing-plural-voices/#disagreeing-with-founders", "")
    ]
    assert "A member of the circle" not in result.stdout and "circle-member" not in result.stdout


def test_all_contributors_file_lists_each_person_with_their_role_keys(project, example_site):
    """One entry per person who took part, first appearance first, keys from their roles."""
    target = project / ".all-contributorsrc"
    result = run_credits(project, "--format", "all-contributors", "-o", str(target))
    assert result.exit_code == 0, result.output
    # 9 + 12 + 38 acts in the three issues, and in the AMA still collecting questions the one
    # act done by the build day (a question asked on 2026-11-20): the guest, the host and a
    # question of 2026-11-24 count from their own days
    assert result.stderr == f"polyvox: wrote 60 credits of 14 people to {target}.\n"
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["types"] == {
        "issueEditing": {"symbol": "📰", "description": "Issue editor"},
        "asking": {"symbol": "❓", "description": "Question asker"},
        "followUp": {"symbol": "↩️", "description": "Follow-up asker"},
    }
    people = {p["name"]: p for p in data["contributors"]}
    on_profiles = credits_on_profiles(example_site)
    for name, entry in people.items():
        if name == "Anonymous member":
            assert set(entry) == {"name", "avatar_url", "contributions"}
            assert entry["contributions"] == ["asking"]
            continue
        roles = [Role(role) for who, role, _ in sorted(on_profiles) if who == name]
        expected = [r.export_key for r in Role if r in roles]
        assert entry["contributions"] == list(dict.fromkeys(expected)), name
        assert entry["profile"].startswith(SITE_URL + "contributors/")
        assert entry["avatar_url"].startswith(SITE_URL)
    assert people["Farah Siddiqui"]["contributions"] == ["talk", "question"]
    assert people["Jonas Lindqvist"]["login"] == "jlindqvist"
    assert "login" not in people["Leila Haddad"]  # people without GitHub are fine
    first = [p["name"] for p in data["contributors"]][:2]
    assert first == ["Amara Okafor", "Inês Carvalho"]  # issue 1, then by id


def test_all_contributors_needs_a_site_url(tmp_path):
    """Without site_url no absolute link can be written: a message says what to add."""
    project = copy_project(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("site_url: https://commons-circle.example.org/\n", "")
    )
    result = CliRunner().invoke(
        main, ["credits", "-f", str(config), "--format", "all-contributors"]
    )
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {config}: site_url is missing: all-contributors needs it to link each person's "
        "profile and avatar; add 'site_url: https://...' to mkdocs.yml\n"
    )


def test_content_warnings_go_to_stderr_and_leave_the_csv_clean(tmp_path):
    """A warning is shown, but on stderr: `polyvox credits > credits.csv` stays a table."""
    project = dated_copy(tmp_path)
    piece = project / "content/issues/2026-10/some-of-us-came-for-the-content.md"
    piece.write_text(
        piece.read_text().replace('responds_to: "2026-10/not-a-content-pipeline"\n', "")
    )
    result = run_credits(project)
    assert result.exit_code == 0
    assert "warning: this counterpoint does not say what it answers" in result.stderr
    assert result.stdout.startswith("person,role,item,date,issue,url,profile\n")
    assert "warning" not in result.stdout


def test_export_covers_what_readers_see_not_drafts(project):
    """The draft issue's pieces are not credited, unless --drafts asks for them."""
    published = run_credits(project).stdout
    assert "Who remembers for us?" not in published
    assert "Who remembers for us?" in run_credits(project, "--drafts").stdout
