"""Tags as members write them: accepted in any script, one tag per spelling family, own URLs."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote, unquote

import feedparser
import lxml.etree
import lxml.html
import pytest

from polyvox.content.load import load_community
from polyvox.content.tags import tag_index
from tests.conftest import build_project, copy_project

ISSUE = "content/issues/2026-10/"
PIECE = "---\ntitle: {title}\nauthors: [amara-okafor]\nkind: tip\ntags: {tags}\n---\nA tip.\n"
PIECES = {
    "tag-ethics-ia": ("Éthique et IA", "[éthique, IA]"),
    "tag-ethics-again": ("Encore l'éthique", "[Éthique, C++, open source]"),
    "tag-ethics-bare": ("Ethics, bare", "[ethique, éthique, 日本語]"),
    "tag-ethics-once-more": ("Once more", "[éthique, c, c#]"),
}
"""'éthique' is written three times, 'Éthique' and 'ethique' once each: one tag, shown 'éthique'."""


@pytest.fixture(scope="module")
def tagged_site(tmp_path_factory) -> Path:
    """The example project with pieces tagged in French, Japanese and with symbols; tag feeds on."""
    project = copy_project(tmp_path_factory.mktemp("tags"))
    for slug, (title, tags) in PIECES.items():
        text = PIECE.format(title=f'"{title}"', tags=tags)
        (project / ISSUE / f"{slug}.md").write_text(text, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("  - polyvox\n", "  - polyvox:\n      feeds: {tags: true}\n")
    )
    code, output = build_project(project)
    assert code == 0, output
    return project / "site"


def article(site: Path, url: str) -> lxml.html.HtmlElement:
    """The main content of the built page at a site URL."""
    html = lxml.html.parse(str(site / url / "index.html")).getroot()
    return html.cssselect("article.md-content__inner")[0]


def piece_tags(site: Path, slug: str) -> list[tuple[str, str]]:
    """(label, href) of each tag link under a piece on its issue page."""
    section = article(site, "issues/2026-10").cssselect(f"h3#{slug}")[0].getparent()
    return [(a.text_content(), unquote(a.get("href"))) for a in section.cssselect(".pv-tags a")]


def test_tags_in_any_language_are_shown_as_written(tagged_site):
    """`[éthique, IA]`, `C++`, `open source` and `日本語` are accepted and shown as written."""
    assert piece_tags(tagged_site, "tag-ethics-ia") == [
        ("éthique", "../../tags/ethique/"),
        ("IA", "../../tags/ia/"),
    ]
    assert piece_tags(tagged_site, "tag-ethics-again") == [
        ("éthique", "../../tags/ethique/"),
        ("C++", "../../tags/c-plus-plus/"),
        ("open source", "../../tags/open-source/"),
    ]
    assert piece_tags(tagged_site, "tag-ethics-bare")[-1] == ("日本語", "../../tags/日本語/")
    heading = article(tagged_site, "tags/日本語").cssselect("h1")[0].text_content()
    assert heading.replace("¶", "") == "Tagged “日本語”"


def test_case_and_accents_make_one_tag_page_in_the_most_used_spelling(tagged_site):
    """`Éthique`, `éthique` and `ethique` share one page, titled with the spelling used most."""
    content = article(tagged_site, "tags/ethique")
    assert content.cssselect("h1")[0].text_content().replace("¶", "") == "Tagged “éthique”"
    titles = [a.text_content() for a in content.cssselect("li > a")]
    assert sorted(titles) == sorted(title for title, _ in PIECES.values())
    assert not (tagged_site / "tags/éthique").exists()
    index = {a.text_content(): a.get("href") for a in article(tagged_site, "tags").cssselect("a")}
    assert index["éthique"] == "ethique/" and "Éthique" not in index and "ethique" not in index


def test_c_cpp_and_csharp_get_three_pages_and_three_feeds(tagged_site):
    """Distinct tags never share a page or a feed."""
    for slug, label in (("c", "c"), ("c-plus-plus", "C++"), ("c-sharp", "c#")):
        heading = article(tagged_site, f"tags/{slug}").cssselect("h1")[0].text_content()
        assert heading.replace("¶", "") == f"Tagged “{label}”"
        feed = feedparser.parse((tagged_site / "tags" / slug / "atom.xml").read_bytes())
        assert not feed.bozo and feed.feed.title == f"Commons Circle: {label}"
        assert len(feed.entries) == 1


def test_tag_feeds_use_the_label_and_an_encoded_address(tagged_site):
    """A tag feed's links are URLs (non-ASCII percent-encoded); its items carry the labels."""
    feed = feedparser.parse((tagged_site / "tags/日本語/feed.xml").read_bytes())
    assert not feed.bozo
    assert feed.feed.link == "https://commons-circle.example.org/tags/" + quote("日本語") + "/"
    [entry] = feed.entries
    assert [t.term for t in entry.tags] == ["tip", "éthique", "日本語"]


def test_most_used_spelling_wins_and_ties_go_to_the_first_written(content_tree):
    """The label is the spelling most pieces use; on a tie, the one written first."""
    piece = "---\ntitle: {0}\nauthors: [amara]\nkind: tip\ntags: [{1}]\n---\nx\n"
    tree = content_tree(
        {
            "content/issues/2026-09/a.md": piece.format("A", "Open Source, IA"),
            "content/issues/2026-09/b.md": piece.format("B", "open source, ia"),
            "content/issues/2026-09/c.md": piece.format("C", "open-source"),
        }
    )
    tags = tag_index(load_community(tree).community.issues)
    assert [(t.label, t.slug, len(t.pieces)) for t in tags] == [
        ("facilitation", "facilitation", 1),
        ("IA", "ia", 2),
        ("Open Source", "open-source", 3),
    ]


def test_pieces_of_one_issue_get_distinct_updates_in_a_tag_feed(tagged_site):
    """Four pieces of one issue in one tag feed: four atom:updated instants, one day."""
    atom = lxml.etree.parse(str(tagged_site / "tags/ethique/atom.xml"))
    namespace = {"a": "http://www.w3.org/2005/Atom"}
    updates = atom.xpath("/a:feed/a:entry/a:updated/text()", namespaces=namespace)
    assert len(updates) == len(set(updates)) == len(PIECES)
    assert len({u[:10] for u in updates}) == 1
