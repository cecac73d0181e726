"""What feed validators ask beyond the grammars: hex references in RSS text, distinct updates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import feedparser
import lxml.etree
from feedgen.feed import FeedGenerator

from polyvox.site.feed_rules import distinct_updates, hex_references

TITLE = 'Quotes "double" & <tags> > arrows'


def sample_rss() -> bytes:
    """An RSS feed, as feedgen writes it, with markup characters in every kind of element."""
    feed = FeedGenerator()
    feed.load_extension("dc", atom=False, rss=True)
    feed.title("R&D <lab>")
    feed.description("Notes & <drafts>")
    feed.link(href="https://example.org/feed?a=1&b=2", rel="self")
    feed.link(href="https://example.org/?a=1&b=2", rel="alternate")
    entry = feed.add_entry()
    entry.id("tag:example.org,2026:/x")
    entry.title(TITLE)
    entry.link(href="https://example.org/x?a=1&b=2")
    entry.description("<p>Fish &amp; chips</p>")
    entry.content("<p>Fish &amp; chips</p>", type="html")
    entry.category(term="C++ & co")
    entry.dc.dc_creator("Tom & Jerry")
    return feed.rss_str(pretty=True)


def test_hex_references_change_the_bytes_not_the_document():
    """Plain text gets &#x26; &#x3C; &#x3E;; the XML read back is exactly the same document."""
    before = sample_rss()
    after = hex_references(before)
    assert b'<title>Quotes "double" &#x26; &#x3C;tags&#x3E; &#x3E; arrows</title>' in after
    assert b"<title>R&#x26;D &#x3C;lab&#x3E;</title>" in after
    assert b"<description>Notes &#x26; &#x3C;drafts&#x3E;</description>" in after
    assert b"<category>C++ &#x26; co</category>" in after
    assert b"<dc:creator>Tom &#x26; Jerry</dc:creator>" in after
    assert b"<description>&lt;p&gt;Fish &amp;amp; chips&lt;/p&gt;</description>" in after
    assert b'href="https://example.org/feed?a=1&amp;b=2"' in after  # attributes are not text
    assert b"<link>https://example.org/?a=1&#x26;b=2</link>" in after
    canonical = [
        lxml.etree.tostring(lxml.etree.fromstring(x), method="c14n") for x in (before, after)
    ]
    assert canonical[0] == canonical[1]


def test_feedparser_reads_hex_references_back_exactly():
    """A reader sees the title as written."""
    feed = feedparser.parse(hex_references(sample_rss()))
    assert not feed.bozo
    assert feed.feed.title == "R&D <lab>"
    assert feed.entries[0].title == TITLE
    assert feed.entries[0].tags[0].term == "C++ & co"


@dataclass(frozen=True)
class Item:
    """The fields distinct_updates reads."""

    id: str
    url: str
    updated: datetime


def test_items_of_one_day_get_one_second_each_in_page_order():
    """The page, then each question followed by its turns in written order; other days apart."""
    day, next_day = datetime(2026, 10, 8, tzinfo=UTC), datetime(2026, 10, 9, tzinfo=UTC)
    page = "https://example.org/ama/2026-10-08-s/"
    items = [
        Item("q-answer-10", page + "#q-answer-10", day),
        Item("q-follow-up-2", page + "#q-follow-up-2", day),
        Item("q", page + "#q", day),
        Item("session", page, day),
        Item("q-answer-1", page + "#q-answer-1", day),
        Item("later", page + "#r", next_day),
    ]
    instants = distinct_updates([*items, items[0]])  # an item in two feeds counts once
    seconds = {key: (when - day).total_seconds() for key, when in instants.items()}
    assert seconds == {
        "session": 0,
        "q": 1,
        "q-answer-1": 2,
        "q-follow-up-2": 3,
        "q-answer-10": 4,
        "later": 86400,
    }
