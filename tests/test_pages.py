"""The core's page tree, without mkdocs: which pages exist, what they link, what is hidden."""

from __future__ import annotations

import json
import posixpath
import re
from datetime import date

import lxml.html
import pytest
from hypothesis import given
from hypothesis import strategies as st

from polyvox.content.load import load_community
from polyvox.content.model import relative_url
from polyvox.credit import ledger as credit
from polyvox.render.fragments import Body, outline
from polyvox.site.avatars import initials, initials_svg
from polyvox.site.templates import relative_from as _relative_from
from polyvox.site.view import SiteOptions
from tests.support import made_pages
from tests.support import site_of as outputs_of
from tests.test_untrusted import SITE_RENDERER

TODAY = date(2026, 9, 30)


def pages_of(root, **options):
    """Generate the page tree of a content tree, as {url: GeneratedPage}, and its assets."""
    community = load_community(root).community
    outputs = outputs_of(community, SiteOptions(today=options.pop("today", TODAY), **options))
    assets = {o.path: o.make().decode() for o in outputs.assets.values()}
    return made_pages(outputs), assets


def site_of(root, **options):
    """Generate the page tree of a content tree, as {url: HTML}, and its assets."""
    pages, assets = pages_of(root, **options)
    return {url: page.html for url, page in pages.items()}, assets


def test_minimal_tree_has_every_page(content_tree):
    """Home, archive, issue, AMA index and session, people, profiles, tags, voices, free page."""
    pages, assets = site_of(content_tree())
    assert sorted(pages) == [
        "",
        "about/",
        "ama/",
        "ama/2026-09-10-voices/",
        "contribute/",
        "contributors/",
        "contributors/amara/",
        "contributors/tomas/",
        "issues/",
        "issues/2026-09/",
        "tags/",
        "tags/facilitation/",
        "voices/",
    ]
    assert sorted(assets) == [
        "assets/anonymous.svg",
        "contributors/amara/avatar.svg",
        "contributors/tomas/avatar.svg",
    ]


def test_anonymous_member_has_no_profile_and_no_link(content_tree):
    """The anonymous asker is shown as 'Anonymous member' without a link."""
    pages, _ = site_of(content_tree())
    session = pages["ama/2026-09-10-voices/"]
    assert '<span class="pv-anonymous">Anonymous member</span>' in session
    assert "contributors/anon" not in "".join(pages.values())


def test_future_and_draft_issues_are_hidden_unless_drafts(content_tree):
    """An issue dated after today, or a draft, is left out unless drafts are asked for."""
    root = content_tree(
        {
            "content/issues/2026-10/index.md": "---\ntitle: Later\nnumber: 2\ndate: 2026-10-01\neditors: [amara]\n---\n",
            "content/issues/2026-08/index.md": "---\ntitle: Draft\nnumber: 3\ndate: 2026-08-01\neditors: [amara]\nstatus: draft\n---\n",
        }
    )
    pages, _ = site_of(root)
    assert "issues/2026-10/" not in pages and "issues/2026-08/" not in pages
    pages, _ = pages_of(root, drafts=True)
    assert pages["issues/2026-08/"].meta["polyvox_draft"].startswith("Draft: not published yet.")
    assert (
        pages["issues/2026-10/"].meta["polyvox_draft"]
        == "Scheduled for October 1, 2026: not published yet. Only shown in preview."
    )
    assert "polyvox_draft" not in pages["issues/2026-09/"].meta


def test_future_answered_session_is_hidden_unless_drafts(content_tree):
    """A session dated after today that no longer collects questions waits for its day."""
    session = "---\ntitle: Later\ndate: 2026-12-01\nguests: [tomas]\n---\n"
    root = content_tree({"content/ama/2026-12-01-later/index.md": session})
    pages, _ = site_of(root)
    assert "ama/2026-12-01-later/" not in pages
    pages, _ = pages_of(root, drafts=True)
    banner = pages["ama/2026-12-01-later/"].meta["polyvox_draft"]
    assert banner.startswith("Scheduled for December 1, 2026")


def test_collecting_session_is_shown_before_its_date(content_tree):
    """A session still collecting questions is announced ahead of its date, with how to ask."""
    root = content_tree(
        {
            "content/ama/2026-12-01-later/index.md": "---\ntitle: Later\ndate: 2026-12-01\nguests: [tomas]\nstatus: collecting\n---\n",
        }
    )
    pages, _ = site_of(root)
    assert "How to ask a question" in pages["ama/2026-12-01-later/"]
    assert "contribute/#ama-2026-12-01-later" in pages[""]
    assert "content/ama/2026-12-01-later/questions/" in pages["contribute/"]


def test_names_and_titles_are_escaped(content_tree):
    """Front-matter values are escaped in the HTML the pages carry."""
    root = content_tree(
        {
            "content/contributors/amara.md": '---\nname: "Amara <b>&</b> Co"\n---\n',
        }
    )
    pages, _ = pages_of(root)
    body = pages["issues/2026-09/"].html
    assert "Amara &lt;b&gt;&amp;&lt;/b&gt; Co" in body
    assert "<b>&</b>" not in body
    # in the JSON-LD the name is data, its < > & escaped so it can sit in a <script> element
    jsonld = pages["issues/2026-09/"].meta["polyvox_jsonld"]
    assert "<" not in jsonld and "&" not in jsonld
    assert json.loads(jsonld)["editor"][0]["name"] == "Amara <b>&</b> Co"


@pytest.mark.parametrize(
    ("here", "target", "expected"),
    [
        ("issues/2026-09/", "contributors/amara/", "../../contributors/amara/"),
        ("issues/2026-09/", "issues/2026-08/#a", "../2026-08/#a"),
        ("", "issues/", "issues/"),
        ("contributors/", "", "../"),
        ("tags/x/", "issues/2026-09/#slug", "../../issues/2026-09/#slug"),
        ("issues/", "issues/", "./"),
    ],
)
def test_relative_links(here, target, expected):
    """Links are relative, so a site may live under a sub-path."""
    assert _relative_from(here)(target) == expected


@pytest.mark.parametrize(
    ("written", "under", "placed"),
    [
        ([3, 3, 4], 3, [4, 4, 5]),  # a piece's `###` sits right under its h3 title
        ([1, 2], 3, [4, 5]),
        ([2, 4, 3, 2], 1, [2, 3, 3, 2]),  # a skipped level is closed
        ([4, 2], 1, [2, 2]),  # never deeper than one below the heading before
        ([3, 3], 0, [2, 2]),  # a free page without a `#`: under the theme's title
        ([1, 3], 0, [1, 2]),  # a free page's own `#` stays its title
        ([1, 2, 3, 4, 5, 6], 3, [4, 5, 6, 6, 6, 6]),
    ],
)
def test_body_headings_sit_under_the_page_heading_without_skipping_a_level(written, under, placed):
    """The levels members write are placed under the heading the body is shown under."""
    assert outline(written, under) == placed


def test_heading_outline_is_applied_to_rendered_html_and_spares_code():
    """A piece's body, rendered as the site renders it: its headings sit right under the
    piece's h3, a setext heading placed like an ATX one, none skipping a level; a '#' line
    inside a code block stays as it is."""
    body = "### Top\n\ntext\n\n```sh\n# a comment\n```\n\nUnder\n---------\n\n###### Deep"
    fragment = SITE_RENDERER.one(Body(body, "issues/2026-09/", anchor="piece", under=3))
    html = fragment.html
    assert re.findall(r"<(h[1-6]) id=\"([^\"]+)\"", html) == [
        ("h4", "piece-top"),
        ("h4", "piece-under"),
        ("h5", "piece-deep"),
    ]
    assert [level for level, _, _ in fragment.headings] == [4, 4, 5]  # the toc reads them
    assert "# a comment" in lxml.html.fragment_fromstring(html, create_parent="div").text_content()


def test_ledger_resolves_aliases_and_orders_by_date(content_tree):
    """Credits name current ids and come in date order."""
    community = load_community(content_tree()).community
    acts = credit.ledger(community)
    assert [a.date for a in acts] == sorted(a.date for a in acts)
    assert {a.person for a in acts} == {"amara", "tomas", "anon"}
    reply = [a for a in acts if a.anchor == "reply"]
    assert [(a.person, a.role) for a in reply] == [("tomas", credit.Role.AUTHOR)]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Amara Okafor", "AO"),
        ("Siobhán O'Neill", "SO"),
        ("渡辺 芽衣", "渡芽"),
        ("Bo", "B"),
        ("", "?"),
        ("Hélène Dubois-Martin", "HD"),
        ("He\u0301le\u0300ne Dubois-Martin", "HD"),
        ("Jean-Luc", "JL"),
        ("Jean-Luc Picard-Dubois", "JP"),
    ],
)
def test_initials(name, expected):
    """Initials work in any script; a hyphenated surname is one name, its first letter counts."""
    assert initials(name) == expected


def test_initials_avatar_is_deterministic_and_escaped():
    """Same id, same colour; the name is escaped in the SVG's label."""
    assert initials_svg("amara", "A & B") == initials_svg("amara", "A & B")
    assert 'aria-label="A &amp; B"' in initials_svg("amara", "A & B")


def test_counts_agree_with_their_number_in_both_languages(content_tree):
    """One question, one anonymous member: singular forms, in English and in French."""
    one_act = {
        "content/ama/2026-09-10-voices/questions/second.md": None,
        "content/contributors/anon2.md": "---\nname: Bo\n---\n",
        "content/issues/2026-09/index.md": (
            "---\ntitle: Rendez-vous\nnumber: 1\ndate: 2026-09-01\neditors: [amara]\n---\nHi.\n"
        ),
        "content/issues/2026-09/bo.md": "---\ntitle: Hi\nauthors: [anon2]\nkind: tip\n---\nHello.\n",
    }
    pages, _ = site_of(content_tree(one_act))
    assert "1 question</p>" in pages["ama/"]
    assert "1 anonymous member also took part." in pages["contributors/"]
    assert "· 1 contribution to the community</p>" in pages["contributors/anon2/"]
    pages, _ = site_of(
        content_tree({"content/ama/2026-09-10-voices/questions/second.md": None}), language="fr"
    )
    assert "1 question</p>" in pages["ama/"]
    assert "1 membre anonyme a aussi participé." in pages["contributors/"]


SEGMENT = st.sampled_from(["issues", "2026-09", "2026-10", "contributors", "a", "feed.xml"])


@given(path=st.lists(SEGMENT, max_size=4), start=st.lists(SEGMENT, max_size=4))
def test_relative_path_agrees_with_posixpath(path, start):
    """The fast relative path gives what posixpath.relpath gives for site paths."""
    expected = posixpath.relpath("/".join(path) or ".", "/".join(start) or ".")
    assert relative_url("/".join(path) + "/", "/".join(start) + "/") == expected


def test_relative_images_in_questions_and_bios_still_point_at_their_file(content_tree):
    """A question's file sits in questions/, its page one folder up; a bio's page one folder
    down from contributors/: relative paths are rewritten so each still finds its file."""
    svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>'
    root = content_tree(
        {
            "content/assets/pic.svg": svg,
            "content/ama/2026-09-10-voices/questions/first.md": (
                "---\nasked_by: anon\n---\nHow?\n\n![map](../../../assets/pic.svg)\n\n"
                "<!-- answer: amara -->\nLike ![this](../../../assets/pic.svg), `not ](../x)`.\n"
            ),
            "content/contributors/amara.md": (
                "---\nname: Amara\n---\nMy [map](../assets/pic.svg), ![me][me] and "
                '<img src="../assets/pic.svg" alt="me">.\n\n[me]: ../assets/pic.svg\n'
            ),
        }
    )
    pages, _ = site_of(root)
    session = lxml.html.fromstring(pages["ama/2026-09-10-voices/"])
    assert [img.get("src") for img in session.iter("img") if img.get("alt") in ("map", "this")] == [
        "../../assets/pic.svg",
        "../../assets/pic.svg",
    ]
    assert [code.text for code in session.iter("code")] == ["not ](../x)"]
    bio = lxml.html.fromstring(pages["contributors/amara/"])
    assert [a.get("href") for a in bio.iter("a") if a.text == "map"] == ["../../assets/pic.svg"]
    assert [img.get("src") for img in bio.iter("img") if img.get("alt") == "me"] == [
        "../../assets/pic.svg",
        "../../assets/pic.svg",
    ]
