"""The search index's records of a page, from the page's own HTML, in Material's format.

Material's search plugin parses every page again in Python to cut it into sections; the pages
here are Polyvox's own, so their records are made once per page, where the page is made, with
libxml2's parser, and cached with it. A record is one section: the page's opening (under its
title) or a heading with an id and the text that follows it, with the few tags Material's
search keeps (paragraphs, lists, code) so results show the same excerpts as before.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html import escape

import lxml.html

KEPT = frozenset({"p", "code", "pre", "li", "ol", "ul", "sub", "sup"})
"""Tags a record's text keeps (as Material's search keeps them)."""
SKIPPED = frozenset({"script", "style", "object"})
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


@dataclass
class _Section:
    """A heading and the text under it, as the search index stores them."""

    anchor: str | None
    title: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)


def search_records(url: str, title: str, html: str) -> list[dict[str, str]]:
    """The search records of a page: its opening, then each section under a heading with an
    id, located by the page's URL and the heading's anchor."""
    sections: list[_Section] = []
    if html.strip():
        root = lxml.html.fragment_fromstring(html, create_parent="div")
        _walk(root, sections, pre=False)
    records = []
    for section in sections:
        text = "".join(section.text).strip()
        heading = "".join(section.title).strip() or title
        location = url + (f"#{section.anchor}" if section.anchor else "")
        records.append({"location": location, "title": heading, "text": text})
    return records


def index_json(config: dict, records_json: list[str]) -> str:
    """The search index file: Material's search settings and every page's records, given as
    each page's records already written as JSON items (joined, never parsed again)."""
    head = json.dumps({"config": config}, separators=(",", ":"))[:-1]
    return f'{head},"docs":[{",".join(part for part in records_json if part)}]}}'


def records_json(records: list[dict[str, str]]) -> str:
    """A page's records as the JSON items of the index's list, without the brackets."""
    return json.dumps(records, separators=(",", ":"))[1:-1]


def _walk(element, sections: list[_Section], *, pre: bool) -> None:
    """Add an element's text to the current section, opening a section at each heading."""
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in SKIPPED or "data-search-exclude" in child.attrib:
            _tail(child, sections, pre)
            continue
        if tag in HEADINGS and child.get("id"):
            if tag != "h1" and not sections:
                sections.append(_Section(None))
            sections.append(_Section(child.get("id") if sections else None))
            _heading_text(child, sections[-1].title)
            _tail(child, sections, pre)
            continue
        if not sections:
            sections.append(_Section(None))
        current = sections[-1].text
        inside = pre or tag == "pre"
        if tag in KEPT:
            current.append(f"<{tag}>")
        if child.text:
            _add(current, child.text, inside)
        _walk(child, sections, pre=inside)
        if tag in KEPT:
            current.append(f"</{tag}>")
        _tail(child, sections, pre)


def _tail(child, sections: list[_Section], pre: bool) -> None:
    """The text after an element, in the section that is current."""
    if child.tail:
        if not sections:
            sections.append(_Section(None))
        _add(sections[-1].text, child.tail, pre)


def _heading_text(heading, into: list[str]) -> None:
    """A heading's text without its permalink."""
    if heading.text:
        into.append(escape(heading.text.replace("\n", " "), quote=False))
    for child in heading:
        if child.tag == "a" and "headerlink" in (child.get("class") or "").split():
            pass
        else:
            into.append(escape(child.text_content().replace("\n", " "), quote=False))
        if child.tail:
            into.append(escape(child.tail.replace("\n", " "), quote=False))


def _add(into: list[str], text: str, pre: bool) -> None:
    """Text as the index keeps it: escaped, whitespace collapsed outside code blocks."""
    if not pre:
        if text.isspace():
            if into and into[-1].isspace():
                return
            text = " "
        else:
            text = text.replace("\n", " ")
    into.append(escape(text, quote=False))
