"""The built example site, read as a reader would: titles, bylines, links and anchors."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import lxml.html
import pytest

from polyvox.content.load import load_community
from polyvox.credit import ledger as credit
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


PERSON_LINK = 'a[href*="contributors/"]'
"""A link to a person's profile, from a page outside contributors/."""


def test_co_authors_and_translators_are_linked_to_their_profiles(example_site):
    """Every co-author and translator is a link to their profile, not plain text."""
    content = article(example_site, "issues/2026-09")
    links = {a.get("href"): text(a) for a in content.cssselect(PERSON_LINK)}
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
    assert "1 anonymous member also took part." in people


def test_contributors_are_listed_alphabetically(example_site):
    """Everyone named, in alphabetical order of name (accents ignored), not by volume."""
    names = [text(a) for a in article(example_site, "contributors").cssselect("ul.pv-people a")]
    named = [p.meta.name for p in COMMUNITY.contributors.values() if not p.meta.anonymous]
    assert sorted(names) == sorted(named)
    assert names.index("Siobhán O'Neill") < names.index("Tomás Rivera")
    assert names[0] == "Amara Okafor" and names[-1] == "渡辺 芽衣"


NAMED_PEOPLE = [p for p in COMMUNITY.contributors.values() if not p.meta.anonymous]
FUTURE_ONLY = {"sam-whitfield"}
"""Guest of a session dated after the build's day: nothing of theirs is counted yet."""


def test_a_person_whose_acts_are_all_to_come_lists_none_yet(example_site):
    """Sam guests a session after the build's day: the profile lists no act, and no feed."""
    for person_id in FUTURE_ONLY:
        assert not article(example_site, f"contributors/{person_id}").cssselect("h2 + ul > li > a")
        assert not (example_site / f"contributors/{person_id}/feed.xml").exists()


@pytest.mark.parametrize(
    "person", [p for p in NAMED_PEOPLE if p.id not in FUTURE_ONLY], ids=lambda p: p.id
)
def test_every_act_on_a_profile_leads_to_a_page_that_credits_the_person(example_site, person):
    """Each act a profile lists links to a built page and anchor, and that page links back."""
    profile = urljoin(SITE_URL, f"contributors/{person.id}/")
    acts = article(example_site, f"contributors/{person.id}").cssselect("h2 + ul > li > a")
    assert acts
    for link in acts:
        target = urlsplit(urljoin(profile, link.get("href")))
        landed = article(example_site, target.path.strip("/"))
        if target.fragment:
            assert landed.cssselect(f'[id="{target.fragment}"]'), link.get("href")
        page_url = urljoin(SITE_URL, target.path)
        credited = {urljoin(page_url, a.get("href")) for a in landed.cssselect(PERSON_LINK)}
        assert profile in credited, link.get("href")


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
    assert page(example_site, "").cssselect("ul.pv-voices li a")


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


def named(person_id: str) -> bool:
    """Whether a person is shown by name (not anonymous)."""
    return not COMMUNITY.person(person_id).meta.anonymous


# The credits of tests/conftest.py's MINIMAL_TREE, worked out by hand from its files:
# amara edits issue 2026-09, writes 'hosting' first, is the AMA's guest and answers both
# questions; tomas co-writes 'hosting', signs 'reply' with his alias tomas-r, hosts the AMA and
# asks 'second' (dated September 9); the anonymous member asks 'first'. The AMA is featured in
# issue 2026-09, so its acts count there: 10 acts, 5 of them amara's.
MINIMAL_PROFILES = {
    "amara": {
        "✍️ Author (1)": ["Rotating hosts · September 1, 2026"],
        "📰 Issue editor (1)": ["Rendez-vous · September 1, 2026"],
        "🎤 AMA guest (1)": ["Plural voices · September 10, 2026"],
        "💬 Answerer (2)": [
            "How do you start? · September 10, 2026",
            "Why monthly? · September 10, 2026",
        ],
    },
    "tomas": {
        "✍️ Author (1)": ["Rotation is not enough · September 1, 2026"],
        "🤝 Co-author (1)": ["Rotating hosts · September 1, 2026"],
        "📋 AMA host (1)": ["Plural voices · September 10, 2026"],
        "❓ Question asker (1)": ["Why monthly? · September 9, 2026"],
    },
}
MINIMAL_LINKS = {
    "amara": {
        "../../issues/2026-09/#hosting",
        "../../issues/2026-09/",
        "../../ama/2026-09-10-voices/",
        "../../ama/2026-09-10-voices/#first-answer-1",
        "../../ama/2026-09-10-voices/#second-answer-1",
    },
    "tomas": {
        "../../issues/2026-09/#reply",
        "../../issues/2026-09/#hosting",
        "../../ama/2026-09-10-voices/",
        "../../ama/2026-09-10-voices/#second",
    },
}


@pytest.mark.parametrize("person", sorted(MINIMAL_PROFILES))
def test_profile_lists_exactly_the_acts_worked_out_by_hand(minimal_site, person):
    """Each role a heading with its count, each act with its date and its page and anchor."""
    content = article(minimal_site, f"contributors/{person}")
    shown = {
        text(heading): sorted(text(li) for li in heading.getnext().cssselect("li"))
        for heading in content.cssselect("h2")
    }
    assert shown == MINIMAL_PROFILES[person]
    assert {a.get("href") for a in content.cssselect("h2 + ul > li > a")} == MINIMAL_LINKS[person]
    total = sum(len(acts) for acts in MINIMAL_PROFILES[person].values())
    assert text(content.cssselect("p.pv-meta")[0]).endswith(
        f"{total} contributions to the community"
    )


def test_the_anonymous_member_has_no_profile_and_is_counted(minimal_site):
    """The contributors page lists the two named people and counts the anonymous one."""
    content = article(minimal_site, "contributors")
    assert [text(a) for a in content.cssselect("ul.pv-people a")] == [
        "Amara Okafor",
        "Tomás Rivera",
    ]
    assert "1 anonymous member also took part." in text(content)
    assert not (minimal_site / "contributors/anon").exists()


@pytest.mark.parametrize(
    ("url", "linked", "anonymous"),
    [
        ("issues/2026-09", {"amara", "tomas"}, 1),  # the anonymous asker, in the voices
        ("ama/2026-09-10-voices", {"amara", "tomas"}, 1),  # the asker of 'first'
        ("contributors/amara", set(), 0),
    ],
)
def test_every_person_is_linked_from_the_pages_where_they_took_part(
    minimal_site, url, linked, anonymous
):
    """Named people link to their profiles; the anonymous member is shown, never linked."""
    content = article(minimal_site, url)
    hrefs = {a.get("href") for a in content.cssselect(PERSON_LINK)}
    assert hrefs == {f"../../contributors/{person}/" for person in linked}
    assert len(content.cssselect(".pv-anonymous")) == anonymous


ROLES = '[class^="pv-role-"]'
"""A role in a list of voices (its emoji is drawn by the stylesheet, see test_reading)."""


def role_shown(element) -> str:
    """A role as a reader sees it: the emoji of its class, then its text."""
    role = credit.Role(element.get("class").removeprefix("pv-role-"))
    return f"{role.emoji} {text(element)}"


def test_voices_section_gives_each_person_their_roles_in_the_issue(minimal_site):
    """'Voices in this issue' lists each person once with every role, AMA roles included."""
    content = article(minimal_site, "issues/2026-09")
    shown = {}
    for item in content.cssselect("ul.pv-issue-voices > li"):
        who = text(item.cssselect("a, .pv-anonymous")[0])
        assert who not in shown
        roles = {role_shown(role) for role in item.cssselect(ROLES)}
        shown[who] = (roles, bool(item.cssselect("strong.pv-first-voice")))
    assert shown == {
        "Amara Okafor": ({"✍️ Author", "📰 Issue editor", "🎤 AMA guest", "💬 Answerer (2)"}, True),
        "Tomás Rivera": ({"✍️ Author", "🤝 Co-author", "📋 AMA host", "❓ Question asker"}, True),
        "Anonymous member": ({"❓ Question asker"}, True),
    }
    summary = text(content.cssselect("h2#_voices + p")[0])
    assert summary.startswith("3 people took part in this issue · 3 first voices")


def test_voices_section_counts_an_ama_guests_answers(example_site):
    """Worked out by hand from content/: Farah Siddiqui is October's AMA guest and gives 11
    answers there (twice in two threads), 12 of the issue's 38 acts."""
    items = article(example_site, "issues/2026-10").cssselect("ul.pv-issue-voices > li")
    roles = {
        text(li.cssselect("a, .pv-anonymous")[0]): {
            role_shown(role) for role in li.cssselect(ROLES)
        }
        for li in items
    }
    assert roles["Farah Siddiqui"] == {"🎤 AMA guest", "💬 Answerer (11)"}


def test_first_voices_are_marked_where_people_first_took_part(example_site):
    """Worked out by hand from content/: newcomers of each issue, an old id not counted twice."""
    expected = {
        "2026-08": {
            "Amara Okafor",
            "Tomás Rivera",
            "Siobhán O'Neill",
            "Inês Carvalho",
            "Kwame Mensah",
            "Jonas Lindqvist",  # signed 'jonas-l' then
        },
        "2026-09": {
            "Dmitri Volkov",
            "River Chen",
            "Hemi Walker",
            "Leila Haddad",
            "Priya Raman",
            "渡辺 芽衣",
        },
        # Jonas is back under his current id: one person, so no first voice this time
        "2026-10": {"Farah Siddiqui", "Anonymous member"},
    }
    for issue, names in expected.items():
        items = article(example_site, f"issues/{issue}").cssselect("ul.pv-issue-voices > li")
        firsts = {
            text(li.cssselect("a, .pv-anonymous")[0])
            for li in items
            if li.cssselect("strong.pv-first-voice")
        }
        assert firsts == names, issue
        summary = text(article(example_site, f"issues/{issue}").cssselect("h2#_voices + p")[0])
        assert f"{len(items)} people took part in this issue · {len(names)} first voices" in summary


def test_person_with_an_alias_has_one_profile_with_both_ids_acts(example_site):
    """Acts signed 'jonas-l' and 'jonas-lindqvist' all land on one profile, counted together."""
    content = article(example_site, "contributors/jonas-lindqvist")
    acts = {text(a): a.get("href") for a in content.cssselect("h2 + ul > li > a")}
    assert acts == {
        "Nine seconds: on what remains when the essay is free": "../../issues/2026-08/#what-we-offer-when-content-is-free",
        "Links: on arguing well": "../../issues/2026-10/#links-october",
        "We rotate the editors of this newsletter every issue. Is rotating leadership a genuine…": "../../ama/2026-10-08-growing-plural-voices/#rotating-editors",
    }
    assert [text(h) for h in content.cssselect("h2")] == ["✍️ Author (2)", "❓ Question asker (1)"]
    meta = text(content.cssselect("p.pv-meta")[0])
    assert meta.startswith("First appearance: August 31, 2026, Nine seconds")
    assert meta.endswith("3 contributions to the community")
    october = article(example_site, "issues/2026-10").cssselect("ul.pv-issue-voices > li")
    jonas = [li for li in october if "Jonas Lindqvist" in text(li)]
    assert len(jonas) == 1 and not jonas[0].cssselect(".pv-first-voice")


def test_voices_page_defines_an_act_and_tabulates_hand_computed_measures(example_site):
    """Figures worked out by hand from content/ (see the comments), in a table by each chart."""
    content = article(example_site, "voices")
    assert "An act is one credit: one person in one role on one item of an issue." in text(content)
    figures = content.cssselect("figure.pv-chart")
    assert len(figures) == 3
    tables = []
    for figure in figures:
        assert figure.cssselect(".pv-chart-body > svg[aria-hidden=true]")
        rows = figure.cssselect(".pv-chart-body > table tr")
        tables.append([[text(cell) for cell in row.cssselect("th, td")] for row in rows])
    assert tables[0] == [
        ["Issue", "Voices", "First voices"],
        ["Issue 1", "6", "6"],
        ["Issue 2", "10", "6"],
        ["Issue 3", "14", "2"],
    ]
    # Issue 1: 9 acts, counts 3 2 1 1 1 1: 81/17 = 4.76; 3+2 >= 4.5.
    # Issue 2: 12 acts, counts 2 2 and eight 1: 144/16 = 9; 2+2+1+1 >= 6.
    # Issue 3: 38 acts (15 of them answers and follow-ups), counts 12, three 3, seven 2, three 1:
    # squares 144 + 27 + 28 + 3 = 202, 1444/202 = 7.15; 12+3+3 = 18 < 19, +3 = 21 >= 19.
    assert tables[1] == [
        ["Issue", "Effective number of voices", "People for half the acts"],
        ["Issue 1", "4.8", "2"],
        ["Issue 2", "9", "4"],
        ["Issue 3", "7.1", "4"],
    ]
    # Most present voice: 3/9, 2/12, and Farah Siddiqui's 12 of 38 (the guest, 11 answers).
    # Top three voices: 3+2+1 of 9, 2+2+1 of 12, 12+3+3 of 38.
    assert tables[2] == [
        ["Issue", "Most present voice", "Top three voices", "Acts"],
        ["Issue 1", "33%", "67%", "9"],
        ["Issue 2", "17%", "42%", "12"],
        ["Issue 3", "32%", "47%", "38"],
    ]
    assert (
        "Top three voices: the share of the issue's acts held by its three most present "
        "people together."
    ) in text(content)


SITE_URL = "https://commons-circle.example.org/"


def json_ld(site: Path, url: str) -> dict:
    """The one JSON-LD block in a page's head, parsed."""
    scripts = page(site, url).cssselect('head script[type="application/ld+json"]')
    assert len(scripts) == 1, url
    return json.loads(scripts[0].text)


def names(people: list[dict]) -> list[str]:
    """The names of JSON-LD Persons, with a profile URL for each named one."""
    for person in people:
        assert person["@type"] == "Person"
        if person["name"] == "Anonymous member":
            assert "url" not in person
        else:
            assert person["url"].startswith(SITE_URL + "contributors/")
    return [person["name"] for person in people]


def shown_names(items: list) -> list[str]:
    """The names a list of people on a page shows."""
    return [text(li.cssselect("a, .pv-anonymous")[0]) for li in items]


@pytest.mark.parametrize("issue", SHOWN.issues, ids=lambda i: i.id)
def test_issue_json_ld_is_a_blog_posting_by_its_editors_in_its_periodical(example_site, issue):
    """What the page is, not all it says: its editors, its issue of the periodical; the
    pieces' authors and every other voice are credited on the page, not repeated here."""
    data = json_ld(example_site, f"issues/{issue.id}")
    assert (data["@context"], data["@type"], data["headline"]) == (
        "https://schema.org",
        "BlogPosting",
        issue.meta.title,
    )
    assert data["url"] == f"{SITE_URL}issues/{issue.id}/"
    part_of = data["isPartOf"]
    assert (part_of["@type"], part_of["issueNumber"]) == ("PublicationIssue", issue.meta.number)
    assert part_of["isPartOf"] == {"@type": "Periodical", "name": "Commons Circle", "url": SITE_URL}
    assert names(data["editor"]) == [COMMUNITY.person(e).meta.name for e in issue.meta.editors]
    assert "author" not in data and "contributor" not in data


def test_issue_json_ld_links_the_ama_it_features(example_site):
    """October features the first AMA: the session is a part of the issue's posting."""
    data = json_ld(example_site, "issues/2026-10")
    assert data["hasPart"] == [
        {
            "@type": "BlogPosting",
            "headline": "Growing plural voices, with Farah Siddiqui",
            "url": f"{SITE_URL}ama/2026-10-08-growing-plural-voices/",
        }
    ]


@pytest.mark.parametrize("session", SHOWN.sessions, ids=lambda s: s.id)
def test_session_json_ld_is_its_guests_posting_with_its_hosts(example_site, session):
    """A BlogPosting by the guests, hosts as contributors; its questions and answers are
    credited on the page, not repeated in the head."""
    data = json_ld(example_site, f"ama/{session.id}")
    assert data["@type"] == "BlogPosting"
    held = session.meta.date <= SHOWN.as_of  # guests are credited from the day they appear
    guests = [COMMUNITY.person(g).meta.name for g in session.meta.guests] if held else []
    hosts = [COMMUNITY.person(h).meta.name for h in session.meta.hosts] if held else []
    assert names(data.get("author", [])) == guests
    assert names(data.get("contributor", [])) == hosts
    assert "hasPart" not in data


@pytest.mark.parametrize("person", NAMED_PEOPLE, ids=lambda p: p.id)
def test_profile_json_ld_is_a_profile_page_about_the_person(example_site, person):
    """ProfilePage whose mainEntity is the Person, at the profile's own absolute URL."""
    data = json_ld(example_site, f"contributors/{person.id}")
    url = f"{SITE_URL}contributors/{person.id}/"
    assert (data["@type"], data["url"]) == ("ProfilePage", url)
    entity = data["mainEntity"]
    assert (entity["@type"], entity["name"], entity["url"]) == ("Person", person.meta.name, url)
    if person.meta.github:
        assert f"https://github.com/{person.meta.github}" in entity["sameAs"]


def test_no_page_claims_to_be_a_q_and_a_or_faq_page(example_site):
    """Search engines keep QAPage and FAQPage for other uses; an anonymous name never leaks."""
    for html in example_site.rglob("*.html"):
        source = html.read_text(encoding="utf-8")
        assert "QAPage" not in source and "FAQPage" not in source, html
        assert "A member of the circle" not in source, html
