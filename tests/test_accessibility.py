"""Every kind of page as readers meet it, checked by axe-core in a real browser: no violation
at phone and desktop widths in either colour scheme, no console error, no failed request, and
no keyboard stop on something the reader cannot see."""

from __future__ import annotations

import pytest

from tests.conftest import REPO
from tests.support import npm_tool
from tests.test_browser import ARTIFACTS

sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright
AXE = REPO / "tests/npm/node_modules/axe-core/axe.min.js"
PAGE_KINDS = {
    "home": "",
    "archive": "issues/",
    "issue": "issues/2026-10/",
    "session": "ama/2026-10-08-growing-plural-voices/",
    "ama-index": "ama/",
    "profile": "contributors/amara-okafor/",
    "contributors": "contributors/",
    "voices": "voices/",
    "tags": "tags/",
    "tag": "tags/facilitation/",
    "about": "about/",
}
"""One page of each kind the example community has."""
WIDTHS = (375, 1280)
SCHEMES = ("light", "dark")


@pytest.fixture(scope="module")
def axe_source() -> str:
    """axe-core as tests/npm pins it."""
    return npm_tool(AXE, "axe-core").read_text(encoding="utf-8")


class Visit:
    """A page opened in a fresh context, with every console error and failed request it made."""

    def __init__(self, browser, url: str, *, width: int, scheme: str = "light"):
        self.context = browser.new_context(
            viewport={"width": width, "height": 800}, color_scheme=scheme
        )
        self.tab = self.context.new_page()
        self.errors: list[str] = []
        self.failed: list[str] = []
        self.tab.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.tab.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.tab.on("requestfailed", lambda r: self.failed.append(f"{r.url} ({r.failure})"))
        self.tab.on(
            "response", lambda r: r.status >= 400 and self.failed.append(f"{r.url} {r.status}")
        )
        self.tab.goto(url, wait_until="networkidle")

    def close(self, screenshot: str) -> None:
        """Save what the page looked like, then close it."""
        ARTIFACTS.mkdir(exist_ok=True)
        self.tab.screenshot(path=str(ARTIFACTS / f"{screenshot}.png"), full_page=True)
        self.context.close()


def violations(tab, axe: str) -> list[str]:
    """axe-core's violations on the page, one line per rule with the elements it names."""
    tab.add_script_tag(content=axe)
    found = tab.evaluate("async () => (await axe.run(document)).violations")
    return [
        f"{v['id']} ({v['impact']}): "
        + "; ".join(" ".join(n["html"].split())[:120] for n in v["nodes"][:6])
        for v in found
    ]


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_no_axe_violation_console_error_or_failed_request(
    browser, site_url, axe_source, kind, width, scheme
):
    """axe-core finds nothing on the page; it logs no error and every request it makes succeeds."""
    visit = Visit(browser, site_url + PAGE_KINDS[kind], width=width, scheme=scheme)
    try:
        found = violations(visit.tab, axe_source)
        assert found == [], "\n".join(found)
        assert visit.errors == [], visit.errors
        assert visit.failed == [], visit.failed
    finally:
        visit.close(f"axe-{kind}-{width}-{scheme}")


NO_TRANSITIONS = (
    "*, *::before, *::after { transition: none !important; animation: none !important }"
)
"""Each stop is judged in its final state, not halfway through a fade."""
FOCUSED = """() => {
    const e = document.activeElement;
    if (!e || e === document.body) return null;
    const shown = (el) => {
        const box = el.getBoundingClientRect();
        return el.checkVisibility({visibilityProperty: true, opacityProperty: true})
            && box.width > 0 && box.height > 0
            && box.right > 0 && box.left < innerWidth && box.bottom > 0 && box.top < innerHeight;
    };
    // a visually hidden radio shows its focus on the label after it (the scheme toggle)
    const next = e.nextElementSibling;
    const labels = [...(e.labels || []), ...(next && next.tagName === 'LABEL' ? [next] : [])];
    const name = e.getAttribute('aria-label') || e.textContent.trim().slice(0, 40);
    return {
        what: `${e.tagName.toLowerCase()}.${e.className} "${name}"`,
        shown: shown(e) || labels.some(shown),
        footer: e.closest('footer') !== null,
    };
}"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", ["issue", "session", "home"])
def test_every_keyboard_stop_is_on_something_visible(browser, site_url, kind, width):
    """Tabbing through a page never lands on a hidden element (a closed drawer, a closed search
    box): each stop is visible once the page has settled on it."""
    visit = Visit(browser, site_url + PAGE_KINDS[kind], width=width)
    visit.tab.add_style_tag(content=NO_TRANSITIONS)
    stops, hidden = [], []
    try:
        for _ in range(400):
            visit.tab.keyboard.press("Tab")
            visit.tab.wait_for_timeout(50)  # the theme's scripts react to focus
            stop = visit.tab.evaluate(FOCUSED)
            if stop is None or (stops and stop["what"] == stops[0]["what"]):
                break
            stops.append(stop)
            if not stop["shown"]:
                hidden.append(stop["what"])
        assert any(stop["footer"] for stop in stops), f"the walk stopped early: {stops}"
        assert hidden == [], f"{len(hidden)} of {len(stops)} stops hidden: {hidden}"
    finally:
        visit.close(f"keyboard-{kind}-{width}")
