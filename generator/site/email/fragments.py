"""Members' rendered bodies made fit for an email: absolute links, no active parts, as text too.

A body's HTML fragment is rendered once for the whole site; the email takes it as it is and
only adapts it: links and images made absolute (a mail client has no page to resolve them
against), Markdown links turned into the page URLs the site serves, permalink marks and
anything a mail client would refuse dropped.
"""

from __future__ import annotations

import re
import textwrap
from urllib.parse import urljoin, urlsplit, urlunsplit

import lxml.html
from lxml import etree
from markupsafe import escape

from polyvox.content.layout import item_anchor, published_address

WIDTH = 78
"""The longest line of the text edition (RFC 5322's recommended limit)."""
DROPPED = ("script", "style", "iframe", "object", "embed", "svg", "math", "form", "link", "meta")
"""Elements an email never carries: mail clients strip or refuse them."""
ASCII_SPACES = re.compile(r"[ \t\n\r\f\v]+")
BLOCKS = {"p", "div", "section", "blockquote", "pre", "ul", "ol", "li", "table", "hr", "dl"}


def page_url(site_url: str, folder: str, target: str) -> str:
    """The absolute URL a link written in a file of content/`folder` leads to on the site (an
    anchor of the page too: a mail client keeps no ids to land on)."""
    if not target or urlsplit(target).scheme or target.startswith("//"):
        return target
    root = site_url if site_url.endswith("/") else site_url + "/"
    scheme, host, path, query, anchor = urlsplit(urljoin(urljoin(root, folder), target))
    below = path.removeprefix(urlsplit(root).path)
    if below.endswith(".md") and (address := published_address(below)) is not None:
        page, _, item = address.partition("#")
        path, anchor = urlsplit(root).path + page, item_anchor(item, anchor)
    return urlunsplit((scheme, host, path, query, anchor))


def email_fragment(html: str, *, site_url: str, folder: str) -> str:
    """A body's HTML with absolute links and nothing a mail client refuses (its headings sit
    where they sit on the page: the email has the page's outline, h1 to the pieces' h3)."""
    root = _parse(html)
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        if tag in DROPPED or "headerlink" in (element.get("class") or "").split():
            element.drop_tree()
            continue
        for name in [n for n in element.attrib if n.lower().startswith("on")]:
            del element.attrib[name]
        for name in ("href", "src"):
            if element.get(name) is not None:
                element.set(name, page_url(site_url, folder, element.get(name).strip()))
    return _serialize(root)


def _parse(html: str) -> lxml.html.HtmlElement:
    """A fragment inside one wrapping div."""
    return lxml.html.fragment_fromstring(html or "", create_parent="div")


def _serialize(root: lxml.html.HtmlElement) -> str:
    """The wrapping div's content as HTML."""
    head = root.text or ""
    return str(escape(head)) + "".join(
        etree.tostring(child, method="html", encoding="unicode") for child in root
    )


def first_words(html: str, limit: int = 280) -> str:
    """A body's opening text, cut at a word boundary: the summary of a piece that has none."""
    text = " ".join(_parse(html).text_content().split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:.") + "…"


def as_text(html: str, width: int = WIDTH) -> str:
    """An HTML fragment as plain text for a terminal: wrapped, each link's URL after its text."""
    blocks = _blocks(_parse(html), width)
    return "\n\n".join(b for b in blocks if b.strip())


def wrap(text: str, width: int = WIDTH, indent: str = "", first: str | None = None) -> str:
    """Text filled to width; a URL longer than a line stands alone on its own line. Lines
    break at ASCII spaces only: a no-break space (French 'site\u202f:', '32\u00a0%') stays."""
    return textwrap.fill(
        " ".join(ASCII_SPACES.split(text.strip())),
        width=width,
        initial_indent=indent if first is None else first,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )


def _blocks(element: lxml.html.HtmlElement, width: int) -> list[str]:
    """The text blocks (paragraphs, list items, code) of an element, in order."""
    blocks: list[str] = []
    inline: list[str] = [element.text or ""]

    def flush() -> None:
        text = "".join(inline)
        if text.strip():
            blocks.append(wrap(text, width))
        inline.clear()

    for child in element:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag in BLOCKS or (len(tag) == 2 and tag[0] == "h" and tag[1].isdigit()):
            flush()
            blocks.extend(_block(child, tag, width))
        elif tag:
            inline.append(_inline(child))
        inline.append(child.tail or "")
    flush()
    return blocks


def _block(element: lxml.html.HtmlElement, tag: str, width: int) -> list[str]:
    """One block element as text blocks."""
    if tag == "pre":
        code = element.text_content().rstrip("\n")
        lines = [wrapped for line in code.splitlines() for wrapped in _hard_wrap(line, width - 4)]
        return ["\n".join("    " + line for line in lines)]
    if tag == "hr":
        return ["-" * 20]
    if tag in ("ul", "ol"):
        items = [li for li in element if isinstance(li.tag, str) and li.tag.lower() == "li"]
        marks = [f"{n}. " if tag == "ol" else "- " for n in range(1, len(items) + 1)]
        return ["\n".join(_item(li, mark, width) for li, mark in zip(items, marks, strict=True))]
    if tag == "blockquote":
        inner = _blocks(element, width - 2)
        return ["\n".join("> " + line if line else ">" for b in inner for line in b.splitlines())]
    if tag == "table":
        rows = element.iter("tr")
        cells = [" | ".join(" ".join(c.text_content().split()) for c in row) for row in rows]
        return [wrap(row, width) for row in cells]
    if tag[0] == "h" and tag[1:].isdigit():
        title = wrap(_inline_text(element), width)
        return [title + "\n" + "-" * min(width, max(len(s) for s in title.splitlines()))]
    return _blocks(element, width)


def _item(li: lxml.html.HtmlElement, mark: str, width: int) -> str:
    """A list item, its first line marked and the rest indented under it."""
    inner = _blocks(li, width - len(mark))
    lines = "\n".join(inner).splitlines() or [""]
    pad = " " * len(mark)
    return "\n".join((mark if i == 0 else pad) + line for i, line in enumerate(lines))


def _inline(element: lxml.html.HtmlElement) -> str:
    """An inline element as text: a link's URL in angle brackets, an image as its alt text."""
    tag = element.tag.lower()
    if tag == "br":
        return "\n"
    if tag == "img":
        alt, src = element.get("alt") or "", element.get("src") or ""
        return f" [{alt}] <{src}> " if alt else f" <{src}> "
    text = _inline_text(element)
    if tag == "code":
        return f"`{text}`"
    href = element.get("href") if tag == "a" else None
    if href and not href.startswith("#") and href != text.strip():
        return f"{text} <{href}>"
    return text


def _inline_text(element: lxml.html.HtmlElement) -> str:
    """An element's text with its inline children written as text."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str):
            parts.append(_inline(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _hard_wrap(line: str, width: int) -> list[str]:
    """A line of code cut into pieces of at most width characters."""
    return [line[i : i + width] for i in range(0, len(line), width)] or [""]
