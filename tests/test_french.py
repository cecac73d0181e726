"""A French community reads French everywhere: the example built in French has no English
outside names and content, on its pages, in its feeds and in its email; French grammar
(elision, plural by count, typography) comes from the catalogs."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import feedparser
import lxml.html
import pytest

from polyvox.content.load import load_community
from polyvox.credit import ledger as credit
from polyvox.engines.settings import read_settings, renderer_for, site_options
from polyvox.render.quoting import quotable
from polyvox.site.email import Addressing
from polyvox.site.email.fragments import as_text
from polyvox.site.email.html import render_html
from polyvox.site.email.text import render_text
from polyvox.site.email.view import edition_view
from polyvox.site.outputs import SiteOutputs, site_outputs
from tests.conftest import BUILD_DAY, copy_settings, site_in, write_tree
from tests.support import made_pages

NNBSP, APOSTROPHE = "\u202f", "\u2019"
ENGLISH = frozenset(
    re.findall(
        r"\w+",
        """the and of by with to for this that from your you our read made every latest newest
        voices asked answered answer answers follow contributors subscribe tagged tag tags written
        without edited translated reviewed previous next took search skip home issue issues guest
        guests host hosts anonymous member how what who why held collecting first link not yet
        people drafted found""",
    )
)
"""English words a French page, feed or email has no reason to show outside its content (none
is a French word too: 'question', 'page' or 'assistance' would be)."""
NAMES = ("Material for MkDocs",)
"""Names that are not content: the theme's name in its footer line."""
LABELLED = ("title", "aria-label", "alt", "placeholder")
"""Attributes a reader is shown or read aloud."""
CHROME = (
    "h1, h2, title, .pv-meta, .pv-byline, .pv-notice, .pv-label, .pv-first, .pv-button, "
    ".pv-footer, .pv-asker, .pv-turn-by, .pv-tags, .pv-answered, .pv-responds, .pv-ai"
)
"""What an email's or a feed item's template writes around the members' bodies."""


@pytest.fixture(scope="module")
def french(french_site: Path) -> SiteOutputs:
    """The French example's outputs, made in-process as the build made them."""
    project = french_site.parent
    settings = read_settings(project / "mkdocs.yml")
    community = load_community(project / "content").community
    options = replace(site_options(settings), today=date.fromisoformat(BUILD_DAY))
    return site_outputs(community, options, renderer_for(settings), settings.options.feeds)


@pytest.fixture(scope="module")
def content(french: SiteOutputs, french_site: Path) -> list[str]:
    """Every text the community wrote that a page, a feed or the email shows, longest first:
    titles, names, tags, summaries, question headings, the headings of members' bodies."""
    community = load_community(french_site.parent / "content").community
    found = {french.site.options.site_name, *NAMES}
    for issue in community.issues:
        found |= {issue.meta.title, issue.meta.summary or ""}
        for piece in issue.contributions:
            found |= {piece.meta.title, piece.meta.summary or "", *piece.meta.tags}
    for session in community.sessions:
        found |= {session.meta.title, session.meta.summary or ""}
        for q in session.questions:
            heading = credit.question_heading(q.text)[0]
            found |= {heading, credit.question_title(q.text), *q.meta.tags}
    for person in community.contributors.values():
        found |= {person.meta.name, person.meta.pronouns or "", *person.meta.links}
    found |= {page.title for page in community.pages} | {tag.label for tag in french.site.tags}
    for fragment in french.assembly.fragments.values():
        found |= {name for _, _, name in fragment.headings}
    return sorted((text for text in found if text), key=len, reverse=True)


def squeezed(text: str) -> str:
    """Text with its runs of ASCII white space made one space (no-break spaces kept)."""
    return re.sub(r"[ \t\r\n]+", " ", text).strip()


def english_in(texts, content: list[str]) -> set[str]:
    """The texts that still hold an English word once every content text is taken out."""
    found = set()
    for text in texts:
        shown = squeezed(text)
        rest = re.sub(r"<?https?://\S+", " ", shown)  # addresses are not words
        for written in content:
            rest = rest.replace(written, " ")
        if set(re.findall(r"[a-z]+", rest.lower())) & ENGLISH:
            found.add(shown[:100])
    return found


def shown_texts(html: str, selector: str | None = None) -> list[str]:
    """The text a reader sees or hears of some HTML (code spans are syntax, not words)."""
    root = lxml.html.fromstring(html)
    for hidden in root.xpath("//script | //style | //code"):
        hidden.drop_tree()
    parts = root.cssselect(selector) if selector else [root]
    texts = [t for part in parts for t in part.xpath(".//text()")]
    return texts + [v for part in parts for e in part.iter() for k, v in e.items() if k in LABELLED]


def test_no_english_on_any_page_outside_names_and_content(french, french_site, content):
    """Every page of the French example, members' bodies taken out: chrome, navigation,
    footer, 404 page and attributes read aloud are French."""
    pages = made_pages(french)
    english = {}
    for file in sorted(french_site.rglob("*.html")):
        html = file.read_text(encoding="utf-8")
        url = file.relative_to(french_site).as_posix().removesuffix("index.html")
        for fragment in pages[url].fragments if url in pages else ():
            html = html.replace(fragment, "", 1)
        if found := english_in(shown_texts(html), content):
            english[url] = found
    assert len(list(french_site.rglob("*.html"))) > 40
    assert english == {}


def test_no_english_in_feeds_outside_names_and_content(french, french_site, content):
    """Feed titles, descriptions, item titles and what items say around the bodies."""
    quoted = [
        quotable(fragment.html, french.site.link(body.page))
        for body, fragment in french.assembly.fragments.items()
    ]
    english, feeds = set(), 0
    for file in sorted(french_site.rglob("*.xml")) + sorted(french_site.rglob("feed.json")):
        if file.name.startswith("sitemap"):
            continue
        feeds += 1
        parsed = feedparser.parse(file.read_bytes())
        texts = [parsed.feed.get("title", ""), parsed.feed.get("subtitle", "")]
        for entry in parsed.entries:
            texts.append(entry.title)
            for html in [c.value for c in entry.get("content", [])] or [entry.get("summary", "")]:
                for fragment in quoted:
                    html = html.replace(fragment, "")
                texts += shown_texts(f"<div>{html}</div>", CHROME)
        english |= {f"{file.relative_to(french_site)}: {t}" for t in english_in(texts, content)}
    assert feeds > 20
    assert english == set()


def test_no_english_in_the_email_outside_names_and_content(french, content):
    """The HTML and text editions of an issue, its members' bodies taken out."""
    issue = french.site.issues_by_id["2026-10"]
    fragments = french.assembly.fragments
    view = edition_view(
        french.site,
        issue,
        render_body=lambda body: fragments[body].html,
        addressing=Addressing(sender="Commons Circle <noreply@example.org>"),
    )
    bodies = [view.editorial] + [piece.html for group in view.groups for piece in group.pieces]
    html, text = render_html(view), render_text(view)
    for body in bodies:
        text = text.replace(as_text(body), "")
    email_content = content + [q.title for ama in view.amas for q in ama.questions]
    assert english_in(shown_texts(html, CHROME), email_content) == set()
    assert english_in(text.split("\n\n"), email_content + [b for b in bodies]) == set()
    for label in ("Lire ce numéro sur le site", "Suivez chaque numéro par flux"):
        line = next(line for line in text.splitlines() if line.startswith(label))
        assert re.search(f"{NNBSP}:", line), line
    assert f"Question d{APOSTROPHE}Inês Carvalho" in squeezed(text)
    assert f"Invité·e{NNBSP}: Farah Siddiqui" in text


def test_credits_elide_before_a_vowel_and_count_people(french_site):
    """'Question d' + 'Inês' elides, 'de Leila' does not; one guest is 'Invité·e', two hosts
    share 'Animation'."""
    session = lxml.html.parse(
        str(french_site / "ama/2026-10-08-growing-plural-voices/index.html")
    ).getroot()
    askers = {squeezed(p.text_content()) for p in session.cssselect("p.pv-asker")}
    assert {f"Question d{APOSTROPHE}Inês Carvalho", "Question de Leila Haddad"} <= askers
    assert "Question de Inês Carvalho" not in askers
    bylines = [squeezed(p.text_content()) for p in session.cssselect("p.pv-byline")]
    assert bylines[:2] == [
        f"Invité·e{NNBSP}: Farah Siddiqui",
        f"Animation{NNBSP}: Priya Raman, Tomás Rivera",
    ]
    later = lxml.html.parse(
        str(french_site / "ama/2026-12-03-what-communities-remember/index.html")
    ).getroot()
    assert f"Question d{APOSTROPHE}Amara Okafor" in {
        squeezed(p.text_content()) for p in later.cssselect("p.pv-asker")
    }


def test_a_title_with_a_colon_of_its_own_gets_no_second_one(tmp_path):
    """'Numéro 1 : Premier numéro : les débuts' would say the colon twice: the catalog's
    variant for such a title separates it with a dash, on the page, the archive and feeds."""
    title = "Premier numéro : les débuts"
    project = copy_settings(
        write_tree(
            tmp_path,
            {
                "content/issues/2026-09/index.md": (
                    f"---\ntitle: '{title}'\nnumber: 1\ndate: 2026-09-01\neditors: [amara]\n---\n"
                    "Bienvenue.\n"
                ),
            },
        )
    )
    code, output = site_in(project, "fr")
    assert code == 0, output
    site = project / "site"
    page = lxml.html.parse(str(site / "issues/2026-09/index.html")).getroot()
    assert page.cssselect("article h1")[0].text_content().rstrip("¶") == f"Numéro 1 — {title}"
    archive = lxml.html.parse(str(site / "issues/index.html")).getroot()
    assert f"Numéro 1 — {title}" in [a.text_content() for a in archive.cssselect("article li a")]
    assert feedparser.parse((site / "feed.xml").read_bytes()).entries[0].title == (
        f"Numéro 1 — {title}"
    )
    assert json.loads((site / "feed.json").read_text())["items"][0]["title"] == (
        f"Numéro 1 — {title}"
    )
