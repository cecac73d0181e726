"""A fragment as another document quotes it (a feed, an email): absolute links, no permalinks."""

from __future__ import annotations

import re
from functools import lru_cache

import lxml.html

from polyvox.content.safety import guarded

RELATIVE_URL = re.compile(
    r"""\b(?:href|src|srcset|poster)\s*=\s*["']?(?![a-zA-Z][a-zA-Z0-9+.-]*:|//)""", re.IGNORECASE
)
"""An attribute whose URL has no scheme: relative to the page, so it needs a base elsewhere."""


@lru_cache(maxsize=4096)
def quotable(html: str, base_url: str) -> str:
    """A fragment's HTML with every link absolute against base_url and no permalink anchors,
    as the last guard passes it (safety.guarded: raises UnsafeOutput otherwise).

    Most fragments link only to other sites: they are returned as they are, unparsed.
    """
    quoted = _absolute(html, base_url)
    return guarded(quoted, source=base_url, output="in the feeds", own_site=base_url)


def _absolute(html: str, base_url: str) -> str:
    """A fragment's HTML with every link absolute against base_url and no permalink anchors."""
    if not RELATIVE_URL.search(html) and "headerlink" not in html:
        return html
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    for permalink in root.find_class("headerlink"):
        permalink.drop_tree()
    root.make_links_absolute(base_url, resolve_base_href=False)
    text = lxml.html.tostring(root, encoding="unicode")
    return text.removeprefix("<div>").removesuffix("</div>")
