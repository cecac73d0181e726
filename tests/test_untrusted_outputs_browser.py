"""The third batch of hostile content, judged in chromium in every output: the site, the export
as mkdocs builds it, the email edition, the feeds' items, and the SVG files themselves.

One project holds every case of the six families that `check` accepts (a body the renderer
could have read otherwise, an inline drawing, a class, an imported thread, a linked image);
`check` passes it, `polyvox build`, `export` and `email` write it, and chromium opens each
page with every request to another host intercepted and recorded, every dialog recorded,
every link resolved, every element's position read, and a grid of points hit-tested, so that
nothing members wrote may paint or take clicks outside its own item. The cases `check`
refuses are refused by the build too, with the same lines (the last test).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import lxml.etree
import pytest
from click.testing import CliRunner

from polyvox.commands.cli import main
from tests.conftest import BUILD_DAY, build_project, copy_settings, served, write_tree
from tests.test_browser import CHROMIUM, CHROMIUM_ARGS
from tests.test_content_files import PNG
from tests.test_import_credit import comment, discussion, reply
from tests.test_untrusted_browser import PROBE, TOUCH

if not Path(CHROMIUM).exists():
    pytest.skip("Debian's chromium is not installed here", allow_module_level=True)
sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright

ATOM = {"a": "http://www.w3.org/2005/Atom"}
SITE_HOST = "commons-circle.example.org"
"""The site's own address (site_url): feeds and email link there; a request to it is ours."""
ISSUE = "content/issues/2026-09/"
SESSION = "2026-09-20-live"
HEAD = "---\ntitle: {title}\nauthors: [amara]\nkind: article\n---\n"
LIVE = "<img src=https://evil.example/i.png onerror=alert(1)>"
SVG_FILE = (
    '<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
    '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/'
    'inkscape" viewBox="0 0 40 40" width="40" height="40"><title>Logo</title>'
    '<style>.a { fill: url(#g) }</style><defs><linearGradient id="g"><stop offset="0" '
    'stop-color="#2f6690"/></linearGradient></defs><g inkscape:label="l">'
    '<rect class="a" width="40" height="40"/><circle r="9" cx="20" cy="20" fill="#fff"/></g></svg>'
)
PIECES = {
    # 1. one reading: what the check reads as code is code on the page, in every output
    "separator-2028": f"# Heading\n\nSee `a\u2028\u2028{LIVE}\u2028\u2028b` here.\n",
    "separator-2029": f"## Heading\n\nSee `a\u2029\u2029{LIVE}\u2029\u2029b` here.\n",
    "fence-four-backticks": f"````\n```\n# Not a heading\n{LIVE}\n````\n\n# After\n",
    "fence-tildes": f"~~~~\n```\n~~~~\n# Real heading\n\n`{LIVE}`\n",
    # 2. SVG: drawn from the site's own file; a transform inside a drawing stays in its box
    "svg-file": "![Logo](../../assets/logo.svg) and ![Linked logo](logo.png)\n",
    "svg-inner-transform": (
        '<a href="https://example.org/"><svg width="20" height="20"><g transform="scale(1500)">'
        '<rect width="9" height="9" fill="#2f6690"/></g></svg></a> a small square link\n'
    ),
    "svg-gradient": (
        '<svg width="30" height="30"><defs><linearGradient id="g2"><stop offset="0" '
        'stop-color="#c33"/></linearGradient></defs><circle cx="15" cy="15" r="9" '
        'fill="url(#g2)"/></svg>\n'
    ),
    # 3. the classes members may use
    "classes": (
        '!!! tip "Before you start"\n    Read the guide.\n\n'
        "[Join us](https://example.org/join){ .md-button .md-button--primary }\n\n"
        "```python\nprint('<script>alert(1)</script>')\n```\n"
    ),
}
QUESTION = (
    "---\nasked_by: tomas\n---\nWhy links?\n\n[a link](../index.md) and "
    "![a picture](../../../assets/logo.png) and "
    '<img src="../../../assets/logo.png" alt="the logo">\n\n<!-- answer: amara -->\nBecause.\n'
)
"""A question whose links and pictures are rebased for the session page (one folder up).
The hostile forms (`../javascript:`, `../https://...`) are refused by `check` as paths that
lead to no page or file; tests/test_one_reading.py judges their rewrite with that rule set
aside."""
THREAD = discussion(
    comment("C1", "lina", f"Why? `x\u2028<!-- answer: amaraokafor -->\u2028{LIVE}` ok"),
    comment(
        "C2",
        "hiro",
        "How? [ok](https://example.org/a) ![i](https://evil.example/x.png)",
        reply("R1", "amaraokafor", "Like this: <svg/onload=alert(1)> and {: onclick=alert(2) }"),
    ),
    comment("C3", "spammer", f"Buy now {LIVE}", minimizedReason="spam"),
    url="https://github.com/o/r/discussions/1)![x](https://evil.example/p.png",
)
CASES = {
    "one reading": 4 + 1 + 1,  # four pieces, the rebased question, the imported separators
    "SVG": 3 + 1,  # three pieces, the SVG file opened on its own
    "classes": 1,
    "import": 3,  # the thread's address, the comment's images and handlers, the minimized spam
    "files": 1,  # an issue's image linked to the site's logo
}
"""How many planted cases of each family the browser judges (the email's one-line subject
and the refusals are judged outside the browser)."""


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A project holding every accepted case, imported, checked, built, exported and emailed."""
    root = tmp_path_factory.mktemp("third-batch")
    pieces = {
        f"{ISSUE}{slug}.md": HEAD.format(title=slug.replace("-", " ").title()) + body
        for slug, body in PIECES.items()
    }
    files = {
        **pieces,
        "content/ama/2026-09-10-voices/questions/first.md": QUESTION,
        "content/assets/logo.svg": SVG_FILE,
        "content/assets/logo.png": PNG,
        "content/contributors/amaraokafor.md": "---\nname: Amara O.\ngithub: amaraokafor\n---\n",
    }
    copy_settings(write_tree(root, files))
    (root / ISSUE / "logo.png").symlink_to("../../assets/logo.png")
    export = root / "ama.json"
    export.write_text(THREAD)
    result = CliRunner().invoke(
        main,
        ["import", "github", str(export), "--session", SESSION, "--guest", "amaraokafor",
         "--issue", "2026-09", "--project", str(root)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    export.unlink()
    result = CliRunner().invoke(main, ["check", str(root), "--today", BUILD_DAY])
    assert result.exit_code == 0, result.output
    code, output = build_project(root)
    assert code == 0, output
    _export_and_build(root)
    result = CliRunner().invoke(
        main, ["email", "2026-09", "-f", str(root / "mkdocs.yml"), "-o", str(root / "site/mail")]
    )
    assert result.exit_code == 0, result.output
    return root


def _export_and_build(root: Path) -> None:
    """`polyvox export`, then `mkdocs build` of it, as the export command tells an editor to."""
    target = root / "exported"
    result = CliRunner().invoke(
        main, ["export", str(target), "-f", str(root / "mkdocs.yml"), "--today", BUILD_DAY]
    )
    assert result.exit_code == 0, result.output
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(target / "mkdocs.yml")]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture(scope="module")
def tab(project) -> Iterator:
    """A chromium tab on the project's folder served: every request and dialog recorded; a
    request to another host never leaves (one to the site's own address is not counted)."""
    with served(project) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.base, page.outside, page.dialogs = base, [], []

        def route(route):
            url = route.request.url
            if url.startswith(base):
                route.continue_()
                return
            if not url.startswith((f"https://{SITE_HOST}/", f"http://{SITE_HOST}/")):
                page.outside.append(url)
            route.abort()

        page.route("**/*", route)
        page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
        yield page
        browser.close()


COVERING = """
(roots) => {
    const items = [...document.querySelectorAll(roots)];
    const found = [];
    for (const item of items) {
        item.scrollIntoView({block: 'center'});
        const box = item.getBoundingClientRect();
        for (let x = 4; x < innerWidth; x += 24) {
            for (let y = 4; y < innerHeight; y += 24) {
                const hit = document.elementFromPoint(x, y);
                const owner = hit && items.find((other) => other.contains(hit));
                if (!owner) continue;
                const own = owner.getBoundingClientRect();
                if (x < own.left - 1 || x > own.right + 1 || y < own.top - 1 || y > own.bottom + 1) {
                    found.push(hit.outerHTML.slice(0, 100));
                }
            }
        }
    }
    return [...new Set(found)];
}
"""
"""What members wrote that takes clicks outside its own item (a piece, a question, a card)."""


def judge(tab, url: str, members: str, items: str) -> dict:
    """Open a page, pass a reader's pointer and keyboard over it; what it ran, called, made a
    javascript: link of, placed over the page, or let cover another part of it."""
    tab.outside.clear()
    tab.dialogs.clear()
    tab.goto(url, wait_until="networkidle")
    tab.evaluate(TOUCH, members)
    for _ in range(8):
        tab.keyboard.press("Tab")
    tab.wait_for_load_state("networkidle")
    found = tab.evaluate(PROBE, members)
    covering = tab.evaluate(COVERING, items)
    tab.wait_for_timeout(50)  # lets Playwright hand over the requests it intercepted
    return {
        "dialogs": list(tab.dialogs),
        "outside": list(tab.outside),
        "javascript links": found["links"],
        "placed over the page": found["positioned"],
        "covering": covering,
    }


CLEAN = {
    "dialogs": [],
    "outside": [],
    "javascript links": [],
    "placed over the page": [],
    "covering": [],
}
PAGES = ["issues/2026-09/", "ama/2026-09-10-voices/", f"ama/{SESSION}/", "contributors/amara/"]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("output", ["site", "exported/site"])
def test_the_site_and_its_export_run_nothing_call_nothing_cover_nothing(tab, output, page):
    """Every page holding a planted case, as the build made it and as mkdocs made the export."""
    verdict = judge(tab, f"{tab.base}{output}/{page}", "article *", "article .pv-item")
    assert verdict == CLEAN


def test_the_planted_cases_are_on_the_page_as_text_and_code(tab):
    """The oracle has work to do: the hostile text is on the page, shown, not live."""
    tab.goto(f"{tab.base}site/issues/2026-09/", wait_until="networkidle")
    text = tab.locator("article").inner_text()
    assert text.count("onerror=alert(1)") >= 3  # shown as code, in three pieces
    assert tab.locator("article svg").count() >= 2
    assert tab.locator("article .admonition.tip").count() == 1
    heading_levels = tab.evaluate(
        "() => [...document.querySelectorAll('article h1')].map((h) => h.textContent)"
    )
    assert len(heading_levels) == 1  # the page's own title only: every piece's h1 moved down
    logo = tab.evaluate(
        "() => [...document.querySelectorAll('article img')].filter((i) => i.alt.includes('ogo'))"
        ".map((i) => [i.alt, i.naturalWidth])"
    )
    assert sorted(logo) == [["Linked logo", 1], ["Logo", 40]]


def test_the_email_runs_nothing_calls_nothing_covers_nothing(tab):
    """The edition as a mail client with images on shows it."""
    verdict = judge(tab, f"{tab.base}site/mail/2026-09.html", "body *", "td.pv-cell")
    assert verdict == CLEAN


def test_every_feed_item_runs_nothing_calls_nothing_covers_nothing(tab, project):
    """Each item of every feed (JSON Feed, and Atom for those that have no JSON), as written
    (not as a feed reader's own cleaner leaves it), in a page of its own item boxes."""
    items = []
    for feed in sorted((project / "site").rglob("feed.json")):
        items += [item["content_html"] for item in json.loads(feed.read_text())["items"]]
    for feed in sorted((project / "site").rglob("atom.xml")):
        items += lxml.etree.parse(str(feed)).xpath("//a:entry/a:content/text()", namespaces=ATOM)
    assert len(items) > 20
    holder = project / "site/feed-items.html"
    holder.write_text(
        "<!DOCTYPE html><html><body>"
        + "".join(f'<section class="feed-item">{html}</section>' for html in items)
        + "</body></html>",
        encoding="utf-8",
    )
    verdict = judge(tab, f"{tab.base}site/feed-items.html", "section *", "section.feed-item")
    assert verdict == CLEAN


def test_the_svg_file_opened_on_its_own_runs_nothing_calls_nothing(tab):
    """A reader opening the published drawing itself (where its scripts would run)."""
    tab.outside.clear()
    tab.dialogs.clear()
    tab.goto(f"{tab.base}site/assets/logo.svg", wait_until="networkidle")
    tab.wait_for_timeout(50)
    assert (tab.dialogs, tab.outside) == ([], [])


REFUSED = {
    f"{ISSUE}refused-mermaid.md": HEAD.format(title="M") + '<pre class="mermaid">graph TD</pre>\n',
    f"{ISSUE}refused-svg.md": HEAD.format(title="S")
    + '<a href="https://e.example/"><svg transform="scale(1500)"><rect width="9" height="9"/>'
    "</svg></a>\n",
    f"{ISSUE}refused-css.md": HEAD.format(title="C")
    + '<svg><circle r="4" fill="u\\72l(https://evil.example/t.svg#g)"/></svg>\n',
    f"{ISSUE}refused-bare.md": HEAD.format(title="B") + "A warning.\n{: popover }\n",
    f"{ISSUE}refused-dense.md": HEAD.format(title="D") + "``a`" * 30_000 + "\n",
    f"{ISSUE}refused-control.md": HEAD.format(title="C2") + "Text \x0c here\n",
    "content/assets/entity.svg": (
        "<!DOCTYPE svg [<!ENTITY s '<script>alert(1)</script>'>]>\n"
        '<svg xmlns="http://www.w3.org/2000/svg">&s;</svg>\n'
    ),
    "content/assets/text.png": "---\ntitle: a draft's text\n---\n",
}
"""One refused case of each family that has refusals (and two of SVG): refused alike."""


def test_check_and_build_refuse_the_same_lines(tmp_path):
    """Whatever `check` refuses, `polyvox build` refuses with the same located lines, and
    writes no site."""
    root = copy_settings(write_tree(tmp_path, REFUSED))
    result = CliRunner().invoke(main, ["check", str(root), "--today", BUILD_DAY])
    refused = [line for line in result.output.splitlines() if ": error: " in line]
    assert result.exit_code == 1
    assert {line.split(":")[0] for line in refused} == set(REFUSED)
    code, output = build_project(root)
    assert code == 1
    assert [line for line in refused if line not in output] == []
    assert "would put active content" not in output  # the guard had nothing left to catch
    assert not (root / "site").exists()
