"""The HTML email in a real browser: phone and desktop widths, light and dark colour schemes."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from polyvox.commands.cli import main
from tests.conftest import copy_project
from tests.test_browser import ARTIFACTS, CHROMIUM

if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} is missing: .ci/run must install Debian's chromium", pytrace=False)
    pytest.skip("Debian's chromium is not installed here", allow_module_level=True)

sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright

ISSUE = "2026-10"
HARD_PIECE = """---
title: A piece that tries to break the layout
authors: [river-chen]
kind: link
---
A link longer than any phone:
https://commons-circle.example.org/a/very/long/path/that/never/breaks/on/its/own/because/it/has/no/spaces/at/all

| Column one | Column two | Column three |
|------------|------------|--------------|
| a cell     | another    | a third one  |

```
a_line_of_code_that_is_much_wider_than_a_phone_screen_and_must_wrap_rather_than_scroll(argument=1)
```

> A quotation, with `inline code` and a [link](../2026-09/index.md).

![A photo](photo.png)
"""

PHOTO = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00"
    b"\x00\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\r\xefF\xb8"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)
"""A one-pixel PNG image, the photo the hard piece shows."""

CONTRAST = """
() => {
  const rgba = (c) => {
    const p = c.match(/rgba?\\(([^)]+)\\)/)[1].split(',').map(parseFloat);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
  };
  const lum = ({r, g, b}) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c.a > 0) return c;
    }
    return null;
  };
  const found = [];
  for (const el of document.body.querySelectorAll('*')) {
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    const box = el.getBoundingClientRect();
    if (!own || !box.width || !box.height) continue;
    const fg = rgba(getComputedStyle(el).color), bg = background(el);
    const [hi, lo] = [lum(fg), bg ? lum(bg) : -1].sort((x, y) => y - x);
    const ratio = bg ? (hi + 0.05) / (lo + 0.05) : 0;
    found.push({text: el.textContent.trim().slice(0, 50), ratio: Math.round(ratio * 100) / 100});
  }
  return found;
}
"""


@pytest.fixture(scope="module")
def edition_file(tmp_path_factory) -> Path:
    """The example issue's HTML edition, with one extra piece made to break a narrow layout."""
    project = copy_project(tmp_path_factory.mktemp("email-browser"))
    (project / "content" / "issues" / ISSUE / "layout-breaker.md").write_text(
        HARD_PIECE, encoding="utf-8"
    )
    photo = project / "content" / "issues" / ISSUE / "photo.png"
    photo.write_bytes(PHOTO)  # the photo the piece shows: check refuses an image not there
    out = project / "out"
    result = CliRunner().invoke(
        main, ["email", ISSUE, "-f", str(project / "mkdocs.yml"), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    return out / f"{ISSUE}.html"


@pytest.fixture(params=[(375, "light"), (375, "dark"), (600, "light"), (600, "dark")])
def opened(request, browser, edition_file) -> Iterator:
    """The edition opened at a width in a colour scheme, offline (remote images refused)."""
    width, scheme = request.param
    tab = browser.new_page(viewport={"width": width, "height": 800}, color_scheme=scheme)
    tab.route("http*://**", lambda route: route.abort())
    tab.goto(edition_file.as_uri())
    yield tab, width, scheme
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"email-{width}-{scheme}.png"), full_page=True)
    tab.close()


def test_no_horizontal_scroll(opened):
    """Nothing is wider than the screen: long URLs, code and tables wrap."""
    tab, width, _ = opened
    assert tab.evaluate("document.documentElement.scrollWidth") <= width
    assert tab.evaluate("document.body.scrollWidth") <= width
    card = tab.locator("table.pv-card").bounding_box()
    assert card["width"] == min(width, 600)


def test_text_contrast_is_at_least_4_5(opened):
    """Every visible text's colour against its background is at least 4.5:1 (WCAG AA)."""
    tab, _, _ = opened
    measured = tab.evaluate(CONTRAST)
    assert len(measured) > 100
    assert [m for m in measured if m["ratio"] < 4.5] == []


def test_dark_scheme_really_turns_dark(opened):
    """In dark mode the card is dark and its text light, despite the inlined light colours."""
    tab, _, scheme = opened
    card = tab.evaluate("getComputedStyle(document.querySelector('.pv-card')).backgroundColor")
    text = tab.evaluate("getComputedStyle(document.querySelector('.pv-cell p:not([class])')).color")
    if scheme == "dark":
        assert (card, text) == ("rgb(26, 28, 32)", "rgb(231, 232, 235)")
    else:
        assert (card, text) == ("rgb(255, 255, 255)", "rgb(27, 28, 32)")
