"""The built example site, read as a reader would: titles, bylines, links and anchors."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import lxml.html
import pytest

from generator import credit
from generator.load import load_community
from tests.conftest import REPO

COMMUNITY = load_community(REPO).community
SHOWN = credit.visible(COMMUNITY, drafts=False, today=date(2026, 11, 22))


def page(site: Path, url: str) -> lxml.html.HtmlElement:
    """Parse the built page at a site URL."""
    return lxml.html.parse(str(site / url / "index.html")).getroot()


def text(element: lxml.html.HtmlElement) -> str:
    """The visible text of an element, whitespace folded, heading permalinks dropped."""
    return " ".join(element.text_content().replace("¶", "").split())


def article(site: Path, url: str) -> lxml.html.HtmlElement:
    """The main content of a page (without navigation and table of contents)."""
    return page(site, url).cssselect("article.md-content__inner")[0]


@pytest.mark.parametrize("issue", SHOWN.issues, ids=lambda i: i.id)
def test_issue_page_shows_every_contribution_with_its_anchor_and_authors(example_site, issue):
    """Each piece has a heading with the #slug anchor, and a byline naming every author."""
    content = article(example_site, f"issues/{issue.id}")
    for piece in issue.contributions:
        heading = content.cssselect(f"h3#{piece.slug}")
        assert heading and piece.meta.title in text(heading[0])
        byline = heading[0].getnext()
        names = [COMMUNITY.person(a).meta.name for a in piece.meta.authors]
        assert all(name in text(byline) for name in names), (piece.slug, text(byline))


def test_co_authors_and_translators_are_linked_to_their_profiles(example_site):
    """Every co-author and translator is a link to their profile, not plain text."""
    content = article(example_site, "issues/2026-09")
    links = {a.get("href"): text(a) for a in content.cssselect("a.pv-person")}
    assert links["../../contributors/hemi-walker/"] == "Hemi Walker"
    assert links["../../contributors/river-chen/"] == "River Chen"
    assert "Translated by River Chen" in text(content)


def test_counterpoint_and_its_target_link_each_other(example_site):
    """A counterpoint says what it responds to; the answered piece says who answered it."""
    october = article(example_site, "issues/2026-10")
    responds = october.cssselect("p.pv-responds a")[0]
    assert responds.get("href") == "../2026-09/#plural-voices-need-structure"
    september = article(example_site, "issues/2026-09")
    answered = september.cssselect("p.pv-answered a")[0]
    assert answered.get("href") == "../2026-10/#structure-is-not-the-point"


def test_ai_disclosure_is_shown_when_given(example_site):
    """The three disclosures read plainly on the page."""
    october = text(article(example_site, "issues/2026-10"))
    assert "Drafted with AI, edited by its authors" in october
    assert "Written without AI assistance" in october


def test_session_page_shows_every_asker_and_answerer(example_site):
    """Every question has its anchor, its asker, and each answer its answerer."""
    session = next(s for s in SHOWN.sessions if s.id == "2026-10-08-growing-plural-voices")
    content = article(example_site, f"ama/{session.id}")
    for question in session.questions:
        heading = content.cssselect(f"h3#{question.slug}")[0]
        block = heading.getnext()
        asker = COMMUNITY.person(question.meta.asked_by)
        expected = "Anonymous member" if asker.meta.anonymous else asker.meta.name
        assert f"Asked by {expected}" in text(block)
        for turn in question.turns:
            assert COMMUNITY.person(turn.person).meta.name in text(block)


def test_unanswered_questions_have_their_own_section(example_site):
    """The one unanswered question sits under 'Not answered yet', after the answered ones."""
    content = article(example_site, "ama/2026-10-08-growing-plural-voices")
    headings = [h.get("id") for h in content.cssselect("h2, h3")]
    assert headings[-2:] == ["not-answered-yet", "switchboard-burnout"]


def test_follow_ups_are_threaded_under_their_question(example_site):
    """A follow-up and the answer to it sit inside the question's block, in order."""
    content = article(example_site, "ama/2026-10-08-growing-plural-voices")
    block = content.cssselect("h3#same-three-voices")[0].getnext()
    turns = [t.get("class") for t in block.cssselect("div.pv-turn")]
    assert turns == ["pv-turn pv-answer", "pv-turn pv-follow-up", "pv-turn pv-answer"]


def test_anonymous_member_is_named_generically_and_never_linked(example_site):
    """The anonymous member shows as 'Anonymous member', has no profile, and is counted."""
    content = article(example_site, "ama/2026-10-08-growing-plural-voices")
    block = content.cssselect("h3#disagreeing-with-founders")[0].getnext()
    asker = block.cssselect("p.pv-asker")[0]
    assert "Anonymous member" in text(asker) and not asker.cssselect("a")
    assert not (example_site / "contributors/circle-member").exists()
    people = text(article(example_site, "contributors"))
    assert "A member of the circle" not in people
    assert "1 anonymous members also took part." in people


def test_contributors_are_listed_alphabetically(example_site):
    """Everyone named, in alphabetical order of name (accents ignored), not by volume."""
    names = [text(a) for a in article(example_site, "contributors").cssselect("a.pv-person")]
    named = [p.meta.name for p in COMMUNITY.contributors.values() if not p.meta.anonymous]
    assert sorted(names) == sorted(named)
    assert names.index("Siobhán O'Neill") < names.index("Tomás Rivera")
    assert names[0] == "Amara Okafor" and names[-1] == "渡辺 芽衣"


@pytest.mark.parametrize(
    "person",
    [p for p in COMMUNITY.contributors.values() if not p.meta.anonymous],
    ids=lambda p: p.id,
)
def test_profile_lists_every_act_with_its_permanent_anchor(example_site, person):
    """A profile links to each thing the person did, at its page and anchor."""
    content = article(example_site, f"contributors/{person.id}")
    hrefs = [a.get("href") for a in content.cssselect("li a")]
    for act in credit.by_person(credit.ledger(SHOWN)).get(person.id, []):
        target = f"../../{act.page}" + (f"#{act.anchor}" if act.anchor else "")
        assert target in hrefs, (act.role, target)


def test_alias_acts_land_on_one_profile(example_site):
    """Pieces signed with an old id appear on the person's single profile."""
    content = text(article(example_site, "contributors/jonas-lindqvist"))
    assert "Nine seconds" in content  # signed jonas-l
    assert "Links: on arguing well" in content  # signed jonas-lindqvist
    assert not (example_site / "contributors/jonas-l").exists()


def test_home_shows_latest_issue_open_amas_and_new_voices(example_site):
    """Home: the latest published issue, the collecting session with how to ask, new voices."""
    content = text(article(example_site, ""))
    assert "Latest issue: In good faith" in content
    assert "What communities remember" in content
    assert "How to ask a question" in content
    assert page(example_site, "").cssselect("ul.pv-voices li a.pv-person")


def test_archive_lists_published_issues_by_year(example_site):
    """The archive groups issues by year, newest first, and leaves the draft out."""
    content = article(example_site, "issues")
    assert text(content.cssselect("h2")[0]) == "2026"
    items = [text(li) for li in content.cssselect("li")]
    assert [i.split(":")[0] for i in items] == ["Issue 3", "Issue 2", "Issue 1"]


def test_draft_issue_is_not_published(example_site):
    """A draft issue has no page, and its pieces credit nobody on the public site."""
    assert not (example_site / "issues/2026-11").exists()
    assert "Who remembers for us" not in text(article(example_site, "contributors/leila-haddad"))


def test_previous_and_next_issue_links(example_site):
    """An issue links to its neighbours."""
    nav = article(example_site, "issues/2026-09").cssselect("nav.pv-issue-nav a")
    assert [(a.get("rel"), a.get("href")) for a in nav] == [
        ("prev", "../2026-08/"),
        ("next", "../2026-10/"),
    ]


def test_tag_pages_list_tagged_pieces(example_site):
    """Each tag used has a page linking to the pieces that carry it."""
    for tag, pieces in {t: p for t, p in _tags().items()}.items():
        hrefs = [a.get("href") for a in article(example_site, f"tags/{tag}").cssselect("li > a")]
        assert sorted(hrefs) == sorted(f"../../issues/{p.issue_id}/#{p.slug}" for p in pieces)


def _tags() -> dict[str, list]:
    """Visible pieces by tag."""
    tags: dict[str, list] = {}
    for issue in SHOWN.issues:
        for piece in issue.contributions:
            for tag in piece.meta.tags:
                tags.setdefault(tag, []).append(piece)
    return tags


def test_nav_stays_small(example_site):
    """Only the top pages are in the navigation, whatever the size of the archive."""
    tabs = [text(a) for a in page(example_site, "issues/2026-10").cssselect("a.md-tabs__link")]
    assert tabs == [
        "Home",
        "Issues",
        "AMA",
        "Contributors",
        "About the Commons Circle",
        "Code of conduct",
    ]


def test_free_pages_are_rendered(example_site):
    """Pages from content/pages/ appear at /<slug>/."""
    assert "Commons Circle" in text(article(example_site, "about"))
