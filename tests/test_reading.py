"""What a reader sees: the built pages read as HTML, and their layout computed by chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import lxml.html
import pytest

from polyvox.credit import ledger as credit
from tests.conftest import REPO, build_project, copy_project, served

sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright


def built(site: Path, page: str) -> lxml.html.HtmlElement:
    """A built page of a site, parsed."""
    return lxml.html.parse(str(site / page / "index.html")).getroot()


@pytest.mark.parametrize(
    ("page", "tab"),
    [
        ("issues/2026-10/", "Issues"),
        ("tags/facilitation/", "Issues"),
        ("tags/", "Issues"),
        ("ama/2026-10-08-growing-plural-voices/", "AMA"),
        ("contributors/amara-okafor/", "Contributors"),
        ("voices/", "Contributors"),
        ("issues/", "Issues"),
        ("", "Home"),
        ("about/", "About the Commons Circle"),
    ],
)
def test_the_tab_of_the_pages_section_is_marked_active(example_site, page, tab):
    """Every page marks one navigation tab active: its own, or its section's."""
    active = built(example_site, page).cssselect(".md-tabs__item--active")
    assert [item.text_content().strip() for item in active] == [tab]


SITEMAP_WATCH = """() => document.addEventListener('DOMContentLoaded', () => {
    // a language version, as Material writes one from extra.alternate
    const link = Object.assign(document.createElement('link'), {rel: 'alternate', href: '/fr/'});
    link.hreflang = 'fr';
    document.head.append(link);
})"""


def test_feed_links_are_not_taken_for_languages(browser, site_url):
    """Material's language selector fetches a sitemap for each language version of the site:
    it no longer takes the feed links (AMA, person, site) for languages, and still looks up a
    real language link."""
    tab = browser.new_page()
    tab.add_init_script(script=f"({SITEMAP_WATCH})()")
    asked: list[str] = []
    tab.on("request", lambda request: "sitemap" in request.url and asked.append(request.url))
    tab.goto(site_url + "contributors/amara-okafor/", wait_until="networkidle")
    feeds = tab.eval_on_selector_all("head link[rel=alternate][type]", "links => links.length")
    tab.close()
    assert feeds == 5  # the site's and Amara's own: autodiscovery is as it was
    assert asked == [site_url + "fr/sitemap.xml"]


@pytest.fixture(scope="module")
def french_url(french_site: Path) -> Iterator[str]:
    """The example site built in French, served on a loopback port."""
    with served(french_site) as url:
        yield url


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_chart_label_is_drawn_whole(browser, site_url, french_url, language, width):
    """Axis labels ('100%', French '100 %') and legends lie inside their chart, not cut."""
    tab = browser.new_page(viewport={"width": width, "height": 800})
    tab.goto((site_url if language == "en" else french_url) + "voices/")
    cut = tab.evaluate(
        """() => [...document.querySelectorAll('figure.pv-chart svg')].flatMap(svg => {
            const box = svg.viewBox.baseVal;
            return [...svg.querySelectorAll('text')].map(t => [t.textContent, t.getBBox()])
                .filter(([, b]) => b.x < box.x || b.x + b.width > box.x + box.width)
                .map(([text, b]) => `${text} at x=${b.x.toFixed(1)}`);
        })"""
    )
    labels = tab.locator("figure.pv-chart svg text").count()
    tab.close()
    assert labels > 20
    assert cut == []


def test_a_session_whose_day_has_passed_no_longer_says_it_collects(tmp_path):
    """Once its day is over, a session still marked 'collecting' says it was held and its
    answers are to come: no call for questions on its page, the AMA index or the home page."""
    project = copy_project(tmp_path)
    code, output = build_project(project, "--today", "2026-12-10")
    assert code == 0, output
    site, session = project / "site", "ama/2026-12-03-what-communities-remember/"
    meta = built(site, session).cssselect("article p.pv-meta")[0].text_content()
    assert "Held, answers to come" in meta and "Collecting" not in meta
    assert "How to ask a question" not in built(site, session).text_content()
    listed = built(site, "ama/").cssselect("article p.pv-meta")
    assert [" ".join(p.text_content().split(" · ")[1:2]) for p in listed] == [
        "Held, answers to come",
        "Answered",
    ]
    home = built(site, "").cssselect("article")[0]
    assert "Open AMA sessions" not in home.text_content()


LIST_LAYOUT = """(list) => {
    const items = [...document.querySelectorAll(list + ' > li')];
    const boxes = items.map(li => li.querySelector('img').getBoundingClientRect());
    const gaps = boxes.slice(1).map((box, i) => {
        const before = boxes[i];
        const apart = Math.max(box.left - before.right, before.left - box.right,
                               box.top - before.bottom, before.top - box.bottom);
        return Math.round(apart);
    });
    return {
        markers: items.map(li => getComputedStyle(li).listStyleType)
            .concat(getComputedStyle(document.querySelector(list)).listStyleType),
        gaps,
    };
}"""


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize(
    ("page", "people"), [("", "ul.pv-voices"), ("issues/2026-10/", "ul.pv-issue-voices")]
)
def test_lists_of_people_have_no_bullets_and_avatars_that_do_not_touch(
    browser, site_url, page, people, width
):
    """'Newest voices' and an issue's voices: no list bullet beside the avatars, and at least
    4 px between any two avatars (side by side or one above the other)."""
    tab = browser.new_page(viewport={"width": width, "height": 800})
    tab.goto(site_url + page, wait_until="networkidle")
    layout = tab.evaluate(LIST_LAYOUT, people)
    tab.close()
    assert set(layout["markers"]) == {"none"}
    assert len(layout["gaps"]) >= 5
    assert min(layout["gaps"]) >= 4, layout["gaps"]


def test_a_role_is_never_broken_across_lines_on_a_phone(browser, site_url):
    """At 375 px each role of the voices list ('Question asker') sits on one line."""
    tab = browser.new_page(viewport={"width": 375, "height": 800})
    tab.goto(site_url + "issues/2026-10/")
    lines = tab.eval_on_selector_all(
        'ul.pv-issue-voices [class^="pv-role-"]',
        "roles => roles.map(r => [r.textContent,"
        " new Set([...r.getClientRects()].map(box => Math.round(box.top))).size])",
    )
    tab.close()
    assert len(lines) > 20
    assert [text for text, count in lines if count != 1] == []


def test_the_ai_label_is_read_with_the_byline(example_site):
    """A piece's AI-assistance label is part of the line that says who wrote it, right under
    the piece's title, where a reader reads the byline."""
    article = built(example_site, "issues/2026-10/").cssselect("article")[0]
    labels = article.cssselect(".pv-ai")
    assert len(labels) >= 3
    for label in labels:
        byline = label.getparent()
        assert byline.tag == "p" and "pv-byline" in byline.get("class"), byline.get("class")
        assert byline.getprevious().tag == "h3"
        assert byline.cssselect("a")
    texts = {" ".join(label.text_content().split()) for label in labels}
    assert "· Drafted with AI, edited by its authors" in texts


def test_a_long_question_is_a_whole_first_sentence_then_the_rest(example_site):
    """A question's heading is its first sentence, never cut with '…'; what follows on the
    page is the rest of the question, not the heading again; nothing of the question is lost."""
    session = built(example_site, "ama/2026-10-08-growing-plural-voices/")
    source = REPO / "content/ama/2026-10-08-growing-plural-voices/questions"
    checked = 0
    for section in session.cssselect("section.pv-qa"):
        heading = section.cssselect("h3")[0]
        title = heading.text_content().rstrip("¶").strip()
        written = (source / f"{heading.get('id')}.md").read_text(encoding="utf-8")
        question = " ".join(written.split("---", 2)[2].split("<!--")[0].split())
        rest = section.cssselect(".pv-question > p:not(.pv-asker):not(.pv-tags)")
        shown = " ".join(" ".join(p.text_content().split()) for p in rest if not p.cssselect("a"))
        assert not title.endswith("…"), title
        assert not shown.startswith(title), shown
        assert " ".join(f"{title} {shown}".split()) == question
        checked += 1
    assert checked == 10


def test_each_role_in_a_list_of_voices_shows_its_emoji(browser, site_url):
    """The stylesheet draws each role's emoji (the one credit.Role documents) before its name,
    and tells screen readers nothing of it."""
    tab = browser.new_page()
    tab.goto(site_url + "issues/2026-10/")
    drawn = tab.eval_on_selector_all(
        'ul.pv-issue-voices [class^="pv-role-"]',
        "roles => roles.map(r => [r.className, getComputedStyle(r, '::before').content])",
    )
    tab.close()
    assert {role for role, _ in drawn} >= {"pv-role-author", "pv-role-asker", "pv-role-answerer"}
    for role, content in drawn:
        emoji = credit.Role(role.removeprefix("pv-role-")).emoji
        assert content == f'"{emoji}" / ""', role
