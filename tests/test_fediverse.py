"""A Fediverse account on a profile: checked, linked from the profile with rel="me", and named
as `fediverse:creator` in the head of every page whose one author gave it (Mastodon's byline)."""

from __future__ import annotations

import json

import lxml.html
import pytest

from tests.conftest import build_project, copy_settings

C = "content/contributors/"
ONE_AUTHOR_ISSUE = {
    "content/issues/2026-10/index.md": (
        "---\ntitle: Second\nnumber: 2\ndate: 2026-10-01\neditors: [amara]\n---\nHello.\n"
    ),
    "content/issues/2026-10/alone.md": (
        "---\ntitle: Alone\nauthors: [amara]\nkind: article\n---\nJust me.\n"
    ),
}


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "noa",
            "content/contributors/bo.md:3: error: 'fediverse': 'noa' is not a Fediverse "
            "address: write it as @name@server, e.g. @noa@social.example",
        ),
        (
            "@noa@social.example",
            "content/contributors/bo.md:3: error: front matter is not valid YAML, column 12: "
            "found character that cannot start any token: a value that starts with @ needs "
            'double quotes, e.g. fediverse: "@noa@social.example"',
        ),
        (
            '"@noa@localhost"',
            "content/contributors/bo.md:3: error: 'fediverse': '@noa@localhost' is not a "
            "Fediverse address: write it as @name@server, e.g. @noa@social.example",
        ),
        (
            "https://social.example/@noa",
            "content/contributors/bo.md:3: error: 'fediverse': 'https://social.example/@noa' is "
            "not a Fediverse address: write it as @name@server, e.g. @noa@social.example",
        ),
        (
            "'@noa@social.example\"><script>'",
            "content/contributors/bo.md:3: error: 'fediverse': '@noa@social.example\"><script>' "
            "is not a Fediverse address: write it as @name@server, e.g. @noa@social.example",
        ),
    ],
)
def test_a_fediverse_address_that_is_not_one_is_refused(content_tree, run_check, value, message):
    """The check names the file, the line and the shape it expects."""
    root = content_tree({C + "bo.md": f"---\nname: Bo\nfediverse: {value}\n---\n"})
    code, lines = run_check(root)
    assert code == 1
    assert message in lines


@pytest.fixture(scope="module")
def fediverse_site(tmp_path_factory):
    """The minimal community, Amara with a Fediverse account written without its first '@' and
    with capitals in the server, and a second issue Amara edits and writes alone."""
    files = {
        C + "amara.md": "---\nname: Amara Okafor\nfediverse: amara@Social.Example\n---\nHost.\n",
        **ONE_AUTHOR_ISSUE,
    }
    from tests.conftest import write_tree

    project = copy_settings(write_tree(tmp_path_factory.mktemp("fedi"), files))
    code, output = build_project(project)
    assert code == 0, output
    return project / "site"


def creators(site, page: str) -> list[str]:
    """The fediverse:creator values in the head of a built page."""
    tree = lxml.html.parse(str(site / page / "index.html"))
    return tree.xpath('//head/meta[@name="fediverse:creator"]/@content')


def test_the_profile_links_the_account_with_rel_me(fediverse_site):
    """The profile lists the account as written canonically, linking its page on its server."""
    tree = lxml.html.parse(str(fediverse_site / "contributors/amara/index.html"))
    (link,) = tree.xpath('//ul[@class="pv-links"]/li/a[contains(@href, "social")]')
    assert link.get("href") == "https://social.example/@amara"
    assert link.get("rel") == "me"
    assert link.text_content() == "@amara@social.example"


def test_pages_with_one_author_name_them_as_fediverse_creator(fediverse_site):
    """Amara's profile and the issue she alone edits and writes carry the tag; the issue she
    shares with Tomás, and the session where Tomás hosts, do not; nor does Tomás's profile."""
    assert creators(fediverse_site, "contributors/amara") == ["@amara@social.example"]
    assert creators(fediverse_site, "issues/2026-10") == ["@amara@social.example"]
    assert creators(fediverse_site, "issues/2026-09") == []
    assert creators(fediverse_site, "ama/2026-09-10-voices") == []
    assert creators(fediverse_site, "contributors/tomas") == []
    assert creators(fediverse_site, "") == []


def test_the_profile_says_the_account_is_the_same_person_to_search_engines(fediverse_site):
    """The profile's JSON-LD names the account's page among the person's sameAs links."""
    tree = lxml.html.parse(str(fediverse_site / "contributors/amara/index.html"))
    (data,) = tree.xpath('//script[@type="application/ld+json"]/text()')
    assert json.loads(data)["mainEntity"]["sameAs"] == ["https://social.example/@amara"]
