"""The example site in a real browser (Debian's chromium driven by Playwright)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).parent / "artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} is missing: .ci/run must install Debian's chromium", pytrace=False)
    pytest.skip("Debian's chromium is not installed here", allow_module_level=True)

playwright_api = pytest.importorskip("playwright.sync_api")
sync_playwright, expect = playwright_api.sync_playwright, playwright_api.expect
SLOW_MACHINE_MS = 60_000
"""How long Playwright may wait for a page to react on a busy machine; a quiet one takes none."""


@pytest.fixture
def page(browser, request):
    """A fresh page; its screenshot is saved under tests/artifacts/ after the test."""
    tab = browser.new_page(viewport={"width": 1280, "height": 900})
    yield tab
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    tab.close()


def test_home_shows_latest_issue_and_open_ama(page, site_url):
    """A reader landing on the home page sees the latest issue and can follow it."""
    page.goto(site_url)
    content = page.locator("article")
    assert content.get_by_role("heading", name="Latest issue: In good faith").is_visible()
    assert content.get_by_text("How to ask a question").is_visible()
    content.get_by_role("link", name="Read the issue").click()
    page.wait_for_url("**/issues/2026-10/")
    assert page.get_by_role("heading", name="Issue 3: In good faith", level=1).is_visible()


def test_issue_byline_links_to_co_author_profile(page, site_url):
    """Both co-authors of a piece are visible, and a name leads to that person's profile."""
    page.goto(site_url + "issues/2026-10/#disagreement-protocol")
    byline = page.locator("h3#disagreement-protocol + p.pv-byline")
    assert byline.get_by_role("link", name="Siobhán O'Neill").is_visible()
    assert byline.get_by_role("link", name="Amara Okafor").is_visible()
    byline.get_by_role("link", name="Amara Okafor").click()
    page.wait_for_url("**/contributors/amara-okafor/")
    assert page.get_by_role("link", name="A four-step protocol", exact=False).first.is_visible()


def test_session_shows_askers_answers_and_unanswered(page, site_url):
    """An AMA session shows each asker and answerer, and the open question apart."""
    page.goto(site_url + "ama/2026-10-08-growing-plural-voices/")
    question = page.locator("h3#rotating-editors + div.pv-question")
    assert question.get_by_text("Asked by Jonas Lindqvist").is_visible()
    answerers = [" ".join(t.split()) for t in question.locator(".pv-turn-by").all_inner_texts()]
    assert answerers == [
        "Answer by Farah Siddiqui",
        "Answer by Priya Raman",
    ]
    assert page.get_by_role("heading", name="Not answered yet").is_visible()


def test_profile_lists_acts_with_working_anchors(page, site_url):
    """A profile's act links land on the right anchor of the right page."""
    page.goto(site_url + "contributors/dmitri-volkov/")
    page.get_by_role(
        "link", name="Counterpoint: some of us came for the content", exact=False
    ).click()
    page.wait_for_url("**/issues/2026-10/#some-of-us-came-for-the-content")
    assert page.locator("h3#some-of-us-came-for-the-content").is_visible()


def test_search_finds_a_contribution_by_a_word_of_its_body(page, site_url):
    """Material's built-in search finds a piece from a word that is only in its body."""
    page.goto(site_url)
    page.locator("input.md-search__input").press_sequentially("projector")
    first = page.locator(".md-search-result__item").first
    # Playwright waits for the result as long as the search worker takes to load its index
    expect(first).to_contain_text("projector", timeout=SLOW_MACHINE_MS)
    top = first.locator("a.md-search-result__link").first
    expect(top).to_have_attribute("href", re.compile(r"issues/2026-08/"))


def contrast(colour: str, background: str, opacity: float = 1.0) -> float:
    """WCAG contrast ratio of a CSS colour (its alpha and `opacity` applied) on a background."""

    def channels(css: str) -> list[float]:
        return [float(v) for v in re.findall(r"[\d.]+", css)]

    *front, alpha = [*channels(colour), 1.0][:4]
    back = channels(background)[:3]
    alpha *= opacity
    mixed = [alpha * f + (1 - alpha) * b for f, b in zip(front, back, strict=True)]

    def luminance(rgb: list[float]) -> float:
        linear = [
            c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
            for c in (v / 255 for v in rgb)
        ]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(mixed), luminance(back)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_voices_charts_are_readable_in_light_and_dark_schemes(browser, site_url, scheme):
    """Chart text, bar outlines and highlighted bars stand out from the page in either scheme."""
    tab = browser.new_page(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    tab.goto(site_url + "voices/")
    colours = tab.evaluate(
        """() => {
            const svg = document.querySelector('figure.pv-chart svg');
            const style = (selector) => getComputedStyle(svg.querySelector(selector));
            const pale = style('rect.pv-series-0:not([width="11"])');
            return {
                background: getComputedStyle(document.body).backgroundColor,
                text: style('text').fill,
                outline: pale.stroke,
                outlineOpacity: parseFloat(pale.strokeOpacity),
                solid: style('rect.pv-series-1:not([width="11"])').fill,
                table: getComputedStyle(document.querySelector('figure.pv-chart td')).color,
            };
        }"""
    )
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"voices-{scheme}.png"), full_page=True)
    tab.close()
    background = colours["background"]
    assert background not in ("rgba(0, 0, 0, 0)", "transparent"), colours
    assert contrast(colours["text"], background) >= 4.5, colours
    assert contrast(colours["table"], background) >= 4.5, colours
    # WCAG 1.4.11: graphics that carry meaning need 3:1 against what surrounds them
    assert contrast(colours["outline"], background, colours["outlineOpacity"]) >= 3, colours
    assert contrast(colours["solid"], background) >= 3, colours
