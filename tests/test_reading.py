"""What a reader sees: the built pages read as HTML, and their layout computed by chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import lxml.html
import pytest

from tests.conftest import build_project, copy_project, served
from tests.test_browser import CHROMIUM, CHROMIUM_ARGS

sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright


def built(site: Path, page: str) -> lxml.html.HtmlElement:
    """A built page of a site, parsed."""
    return lxml.html.parse(str(site / page / "index.html")).getroot()


@pytest.fixture(scope="module")
def site_url(example_site: Path) -> Iterator[str]:
    """The built example site served on a loopback port."""
    with served(example_site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    """One headless chromium for the module; never a downloaded browser."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


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
    assert feeds == 8  # the site's, the AMAs' and Amara's own: autodiscovery is as it was
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
