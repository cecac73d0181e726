"""What feed validators ask for beyond each format's grammar, applied once a feed is built.

- The RSS Best Practices Profile asks that '&' and '<' in plain-text elements (every RSS
  element but an item's description, which is HTML) be written as the hexadecimal references
  `&#x26;` and `&#x3C;` (and '>' as `&#x3E;`): the form most aggregators read alike.
- Atom validators warn when two entries of one feed share an `atom:updated`: items updated on
  the same day get distinct instants, one second apart, in the order they sit on their pages.

Both keep the bytes deterministic: the same content gives the same feeds.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Protocol

TEXT_ELEMENT = re.compile(
    rb"<(?P<name>[A-Za-z][\w:.-]*)(?P<attributes>[^<>]*)>(?P<text>[^<]*)</(?P=name)>"
)
"""An element holding text only, as lxml writes it (text never holds a raw '<')."""
HTML_IN_ITEMS = {b"description", b"content:encoded"}
"""Item elements whose text is entity-encoded HTML, not plain text."""
HEX_REFERENCES = {b"&amp;": b"&#x26;", b"&lt;": b"&#x3C;", b"&gt;": b"&#x3E;"}
TURN_ANCHOR = re.compile(r"^(?P<question>.+)-(?:answer|follow-up)-(?P<number>[0-9]+)$")


class TimedItem(Protocol):
    """What ordering an item in time needs: its id, its address and when it was updated."""

    id: str
    url: str
    updated: datetime


def hex_references(rss: bytes) -> bytes:
    """An RSS document with '&', '<' and '>' of its plain-text elements as hex references."""
    channel, item_tag, items = rss.partition(b"<item>")
    return _in_plain_text(channel, html=set()) + item_tag + _in_plain_text(items, HTML_IN_ITEMS)


def _in_plain_text(xml: bytes, html: set[bytes]) -> bytes:
    """Rewrite the references of every text-only element but those named in `html`."""

    def rewrite(match: re.Match[bytes]) -> bytes:
        if match["name"] in html:
            return match[0]
        text = re.sub(rb"&(?:amp|lt|gt);", lambda ref: HEX_REFERENCES[ref[0]], match["text"])
        return b"<%s%s>%s</%s>" % (match["name"], match["attributes"], text, match["name"])

    return TEXT_ELEMENT.sub(rewrite, xml)


def distinct_updates(items: Iterable[TimedItem]) -> dict[str, datetime]:
    """Each item's update instant, by id: its update plus one second per item before it.

    Items updated at the same instant are counted in page order (the page itself, then its
    anchors; a question before its answers and follow-ups, in their written order), so no two
    items of the whole site, hence of any one feed, share an instant.
    """
    unique = {item.id: item for item in items}
    ordered = sorted(unique.values(), key=lambda item: (item.updated, *_page_order(item)))
    before: Counter[datetime] = Counter()
    instants = {}
    for item in ordered:
        instants[item.id] = item.updated + timedelta(seconds=before[item.updated])
        before[item.updated] += 1
    return instants


def _page_order(item: TimedItem) -> tuple[str, str, int, str]:
    """Where an item sits: its page, then its anchor (a turn right after its question). Every
    item's address starts with the site's, so the address before '#' orders pages."""
    page, _, anchor = item.url.partition("#")
    turn = TURN_ANCHOR.match(anchor)
    if turn:
        return page, turn["question"], int(turn["number"]), item.id
    return page, anchor, 0, item.id
