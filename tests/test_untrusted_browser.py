"""Hostile HTML that `check` accepts, in a real browser: nothing runs, calls out or covers the page.

The oracle is chromium itself (Debian's, driven by Playwright), not any list of the product's:
every request is intercepted, every dialog recorded, every link resolved and every element's
computed position read.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from polyvox.content.safety import check_body
from tests.conftest import served, write_tree
from tests.test_allowlist import SPEC_ATTRIBUTES, SPEC_ELEMENTS, SPEC_SVG_MATHML
from tests.test_browser import CHROMIUM, CHROMIUM_ARGS
from tests.test_safety import HEAD, build_unchecked
from tests.test_untrusted import EXTENSION_CONFIGS, EXTENSIONS

if not Path(CHROMIUM).exists():
    pytest.skip("Debian's chromium is not installed here", allow_module_level=True)
sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright

ATTEMPTS = [
    '<span style="background:url(https://evil.example/x.png)">hi</span>',
    '<a href="https://evil.example/" style="position:fixed;top:0;left:0;width:100vw;'
    'height:100vh;z-index:9999;background:white">Your session expired: log in again</a>',
    '<svg width="10" height="10"><use href="https://evil.example/x.svg#x"></use></svg>',
    'Write `<iframe src=https://evil.example/>` here.\n\n<span lang="fr">Bonjour</span>',
    '<img src="pic.png" alt="" srcset="pic.png 1x, https://evil.example/2x.png 2x">',
    '<svg><circle r="4" fill="url(https://evil.example/p.svg#g)"/></svg>',
    '<svg><circle id="dot" r="3"/><use href="#dot" x="5"/></svg>',
    '<div class="md-dialog md-dialog--active">Sign in again</div>',
    '<div class="highlight"><code><a id="L1">1</a></code></div>',
    "## Cover { .md-overlay }",
    'A note.\n{: style="position:absolute;inset:0" }',
    '<a href="//evil.example/">protocol-relative link</a> and [r](//evil.example/r)',
    '<a href="&#106;avascript:alert(1)">x</a> <a href="java\tscript:alert(2)">y</a>',
    '<details open ontoggle="alert(1)"><summary>s</summary>x</details>',
    '<p popover id="p">Covering</p><span tabindex="1" onfocus="alert(1)" autofocus>x</span>',
    '<span lang="fr" title="javascript:alert(1)">Bonjour</span> <abbr title="x">AMA</abbr>',
    "<details open><summary>More</summary>\n\n<div markdown>**bold** text</div>\n</details>",
    '<table><tr><th style="text-align: right">n</th></tr></table>',
    '<img src="pic.png" alt="a picture" width="4000" height="4000" loading="lazy">',
    "| a | b |\n|:-:|--:|\n| 1 | 2 |",
    '<a href="mailto:amara@example.org" title="Write">mail</a> <kbd>Ctrl</kbd>',
    "<https://evil.example/auto> and <amara@example.org>",
    '<svg><a href="javascript:alert(1)"><text>x</text></a></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    '<span style="text-align:center">ok</span>',
]
"""Hostile and harmless HTML; `check` decides which are published, the browser judges them."""
ISSUE = "content/issues/2026-09/"
PICTURE = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99"
    b"=\x1d\x00\x00\x00\x00IEND\xaeB`\x82"
)
"""A 1x1 PNG, so that the pages' local images load."""


def accepted(body: str) -> bool:
    """Whether `check` lets a piece with this body through (no error)."""
    with tempfile.TemporaryDirectory() as folder:
        content = Path(folder)
        problems, _ = check_body(body, 6, "x.md", folder=content, content_dir=content)
    return not any(p.severity == "error" for p in problems)


PUBLISHED = [body for body in ATTEMPTS if accepted(body)]

PROBE = """
(members) => {
    const positioned = [...document.querySelectorAll(members)]
        .filter((el) => ['fixed', 'absolute'].includes(getComputedStyle(el).position))
        .map((el) => el.outerHTML.slice(0, 120));
    const links = [...document.querySelectorAll('a, area')]
        .map((a) => new URL(a.getAttribute('href') || a.getAttribute('xlink:href') || '',
                            document.baseURI))
        .filter((url) => url.protocol === 'javascript:')
        .map((url) => url.href);
    return {positioned, links};
}
"""
"""What in the page covers it or runs code when followed."""
TOUCH = """
(members) => {
    for (const el of document.querySelectorAll(members)) {
        for (const type of ['mouseover', 'mouseenter', 'pointerenter', 'focusin']) {
            el.dispatchEvent(new MouseEvent(type, {bubbles: true}));
        }
        if (el.focus) el.focus();
    }
}
"""
"""A reader's pointer and focus passing over every element (handlers would fire)."""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Iterator[str]:
    """A site with one piece for each attempt `check` accepts, built and served."""
    root = tmp_path_factory.mktemp("hostile")
    pieces = {
        f"{ISSUE}attempt-{n}.md": f"{HEAD.replace('Rotating hosts', f'Attempt {n}')}{body}\n"
        for n, body in enumerate(PUBLISHED)
    }
    write_tree(root, {**pieces, ISSUE + "pic.png": PICTURE})
    built, log = build_unchecked(root)
    assert built, log
    with served(root / "site") as url:
        yield url


@pytest.fixture(scope="module")
def tab(hostile_site) -> Iterator:
    """A chromium tab in which every request and dialog is recorded; outside calls never leave."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.outside, page.dialogs = [], []

        def route(route):
            if route.request.url.startswith(hostile_site):
                route.continue_()
            else:
                page.outside.append(route.request.url)
                route.abort()

        page.route("**/*", route)
        page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
        yield page
        browser.close()


def test_some_hostile_attempts_are_published_and_the_issue_s_three_are_not():
    """The oracle has work to do: the harmless-looking attempts reach the page, the issue's
    three cases (outside image by style, overlay, outside <use>) do not."""
    assert len(PUBLISHED) >= 10
    assert not set(ATTEMPTS[:3]) & set(PUBLISHED)


def test_published_attempts_run_nothing_call_nothing_and_cover_nothing(tab, hostile_site):
    """On the built issue page, hovered and tabbed through: no dialog, no request off the site,
    no javascript: link, and nothing in the article fixed or absolutely placed."""
    tab.goto(hostile_site + "issues/2026-09/", wait_until="networkidle")
    assert (
        tab.locator("article .pv-piece h3").count() == len(PUBLISHED) + 2
    )  # and the fixture's two
    tab.evaluate(TOUCH, "article *")
    for _ in range(10):
        tab.keyboard.press("Tab")
    tab.wait_for_load_state("networkidle")
    found = tab.evaluate(PROBE, "article *")
    assert (tab.dialogs, tab.outside, found) == ([], [], {"positioned": [], "links": []})


PIECES = st.sampled_from(
    [
        *(f"<{tag}>" for tag in SPEC_ELEMENTS + SPEC_SVG_MATHML),
        *(f"<span {name}=" for name in SPEC_ATTRIBUTES),
        *(f"<img src=pic.png {name}=" for name in SPEC_ATTRIBUTES),
        *(f"<svg><use {name}=" for name in ("href", "xlink:href", "style", "fill")),
        '"https://evil.example/x"', "'javascript:alert(1)'", "alert(1)", '"url(//evil.example)"',
        '"position:fixed;inset:0"', '"text-align:left"', "x", ">", "</span>", "</svg>", "`", "\n",
        "\n\n", " ", "<!--", "-->", "{: ", "}", ".md-overlay", "#__search", "[a](", ")", "![i](",
        "https://evil.example/p.png", "//evil.example/q", "pic.png", "&#106;avascript:x",
    ]
)  # fmt: skip


VALUES = [
    "https://evil.example/x.png", "//evil.example/y", "pic.png", "#dot", "javascript:alert(1)",
    "text-align:left", "url(#g)", "url(//evil.example/z)", "position:fixed", "x\" onclick=\"alert(1)",
    "&#47;&#47;evil.example/e.png", "\\\\evil.example/b.png", "/&#9;/evil.example/t.png",
]  # fmt: skip
SHAPES = st.builds(
    str.format,
    st.sampled_from(
        [
            '<a href="{}">a</a>', '<img src="{}" alt="i">', '<img src=pic.png srcset="{} 2x">',
            '<span title="{}">t</span>', '<span style="{}">s</span>',
            '<svg><use href="{}"/></svg>',
            '<svg><circle r="3" fill="{}"/></svg>', "[a]({})", "![i]({})", "text {{: title='{}' }}",
            '<abbr title="{}">A</abbr>', "<{}>", '<q cite="{}">q</q>', "`<a href={}>`",
        ]
    ),
    st.sampled_from(VALUES),
)  # fmt: skip
"""Allowed shapes with hostile values: what gets past the element and attribute lists."""
BODIES = st.lists(st.one_of(SHAPES, SHAPES, PIECES), min_size=1, max_size=4).map(" ".join)


@settings(
    max_examples=60,
    deadline=None,
    # most drawn bodies are refused by check, by design: only those it accepts are judged
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
@given(body=BODIES)
@example(body="![i](&#47;&#47;evil.example/e.png)")
@example(body="<img src='/&#9;/evil.example/t.png' alt=''>")
@example(body="<span lang=fr>Bonjour</span> `<iframe src=//evil.example/>`")
def test_any_body_check_accepts_is_inert_in_the_browser(tab, hostile_site, body):
    """Whatever a body drawn from the HTML spec's elements and attributes holds, if `check`
    accepts it, the site's rendering of it opens no dialog, calls no other site, links to no
    javascript: and places nothing over the page, in the site's own page and styles."""
    assume(accepted(body))
    html = markdown.markdown(body, extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)
    if not tab.url.startswith(hostile_site + "issues/2026-09/"):
        tab.goto(hostile_site + "issues/2026-09/", wait_until="networkidle")
    tab.outside.clear()
    tab.dialogs.clear()
    found = tab.evaluate(
        """async (html) => {
            let root = document.getElementById('pv-probe');
            if (!root) {
                root = document.createElement('div');
                root.id = 'pv-probe';
                document.querySelector('article').prepend(root);
            }
            root.innerHTML = html;
            ("""
        + TOUCH
        + """)('#pv-probe *');
            const settled = (img) => img.complete ? null : new Promise((done) => {
                img.addEventListener('load', done);
                img.addEventListener('error', done);
            });
            const images = [...root.querySelectorAll('img')].map(settled);
            const cap = new Promise((done) => setTimeout(done, 1000));
            await Promise.race([Promise.all(images), cap]);
            await new Promise((done) => setTimeout(done, 30));
            return ("""
        + PROBE
        + """)('#pv-probe *');
        }""",
        html,
    )
    tab.wait_for_timeout(50)  # lets Playwright hand over the requests it intercepted
    assert (tab.dialogs, tab.outside, found) == ([], [], {"positioned": [], "links": []}), html
