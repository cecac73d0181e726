"""Angle brackets in members' Markdown: which are tags, as Python-Markdown reads them, and
whether the HTML a member writes is whole.

People write about HTML (`the <p> tag`) and use '<' in prose (`if a<b`, `<practice>` for a
word in brackets, as chat and forums do). Python-Markdown shows a '<' as text unless its
inline HTML pattern matches there, or the line starts a raw HTML block; this module finds those
places with Python-Markdown's own pattern and block reader, so the safety check reads as HTML
only what the page will carry (`prose_blanked`), and says what breaks the page
(`markup_faults`): an element never closed (a `<div>` swallows the rest of the piece), an
`<img>` without src and alt, a block element in the middle of a sentence. Each message offers
the fix that fits where the text is: backticks inside a sentence, a fence for a block.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache
from html.parser import HTMLParser

from polyvox.content.allowlist import ALLOWED_ELEMENTS, CODE_HINT, SVG_ELEMENTS
from polyvox.content.links import BLANK_LINE, raw_html_spans
from polyvox.i18n.phrases import Phrase, phrase

VOID = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "source", "track", "wbr"})
"""Elements HTML never closes."""
BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "details", "div", "dl", "dd", "dt",
        "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
        "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "caption",
        "colgroup", "thead", "tbody", "tfoot", "tr", "td", "th", "ul",
    }
)  # fmt: skip
"""Elements that start a block of their own: a paragraph cannot hold one."""
LINE_START = re.compile(r"[ \t]*(?:>[ \t]*)*(?:(?:[-*+]|[0-9]{1,9}[.)])[ \t]+)?")
"""What may come before a block on its line: indentation, quote marks, a list marker."""


@dataclass(frozen=True)
class Tag:
    """One tag Python-Markdown passes to the page as HTML."""

    name: str
    start: int
    end: int
    closing: bool
    self_closing: bool
    attributes: dict[str, str | None]
    inline: bool
    """Inside a paragraph's text (not in a raw HTML block of its own lines)."""
    group: int
    """The paragraph or raw block it belongs to: an element opens and closes in one."""
    in_sentence: bool = False
    """Inline, with words around it on its line (not a line of HTML alone)."""

    @property
    def written(self) -> str:
        """The tag as a message shows it: its name in brackets."""
        return f"</{self.name}>" if self.closing else f"<{self.name}>"


@dataclass(frozen=True)
class Reading:
    """A code-masked body as Python-Markdown reads its angle brackets."""

    live: str
    """The text with every '<' the page shows as text blanked (offsets kept)."""
    tags: tuple[Tag, ...] | None
    """The tags, in order; None where the blocks cannot be placed (then every '<' is live)."""


def read_markup(body: str, masked: str) -> Reading:
    """Which '<' of a body are tags and which are text, as the site's renderer reads them.

    A '<' outside raw HTML blocks is a tag only where Python-Markdown's inline HTML pattern
    matches it within its paragraph (code spans read as the placeholders the renderer puts
    there). Where a fence or a tab keeps the raw blocks from being placed, nothing is taken
    for text: the check then reads every '<' as live, as before.
    """
    raw = raw_html_spans(masked)
    if raw is None:
        return Reading(masked, None)
    filled = _code_filled(body, masked)
    live, tags = list(masked), []
    for group, (start, end) in enumerate(raw):
        tags += _raw_block_tags(masked, start, end, group)
    outside = _outside(raw, len(masked))
    for group, (start, end) in enumerate(_paragraphs(masked, outside), start=len(raw)):
        for found in _inline_tags(filled, start, end, group, live):
            tags.append(found)
    tags = [replace(t, in_sentence=_in_sentence(t, masked)) if t.inline else t for t in tags]
    return Reading("".join(live), tuple(sorted(tags, key=lambda tag: tag.start)))


def _in_sentence(tag: Tag, masked: str) -> bool:
    """Whether words share a tag's line: before it, or after it outside its own element
    (indentation, quote and list marks, and other tags, aside)."""
    line_start = masked.rfind("\n", 0, tag.start) + 1
    line_end = masked.find("\n", tag.start)
    before = _words(masked[line_start : tag.start])
    after = masked[tag.end : len(masked) if line_end == -1 else line_end]
    closing = re.search(f"</{re.escape(tag.name)}\\s*>", after, re.IGNORECASE)
    return bool(before[LINE_START.match(before).end() :].strip()) or bool(
        _words(after[closing.end() :] if closing else after).strip()
    )


def _words(text: str) -> str:
    """Text without its tags."""
    return re.sub(r"<[^<>]*>", "", text)


def markup_faults(reading: Reading, masked: str) -> list[tuple[int, Phrase]]:
    """(offset, message) for each tag that would break the page: an <img> without src or
    alt, a block element inside a sentence, an element never closed or closing nothing."""
    if not reading.tags:
        return []
    faults = []
    judged = [t for t in reading.tags if t.name in ALLOWED_ELEMENTS and not _in_code(t, masked)]
    for tag in judged:
        fault = _image_fault(tag) or _sentence_fault(tag, masked)
        if fault:
            faults.append((tag.start, fault))
    faulty = {start for start, _ in faults}
    faults += [f for f in _balance_faults(judged) if f[0] not in faulty]
    return sorted(faults, key=lambda fault: (fault[0], str(fault[1])))


def fitted(message: Phrase | str, line: int, reading: Reading, masked: str) -> Phrase | str:
    """A message about a refused tag on a line (counted from 1) of the masked text, its fix
    fitted to where the tag is: backticks inside a sentence rather than a fence."""
    named = message.value("tag") if isinstance(message, Phrase) else None
    if named is None or message.value("hint") != CODE_HINT or not reading.tags:
        return message
    lines = masked.split("\n")
    start = sum(len(text) + 1 for text in lines[: line - 1])
    stop = start + len(lines[line - 1]) if line <= len(lines) else len(masked)
    inline = [
        tag
        for tag in reading.tags
        if tag.in_sentence and not tag.closing and tag.name == named and start <= tag.start <= stop
    ]
    if not inline:
        return message
    fix = phrase("fix_backticks", tag=inline[0].written)
    return message.but(hint=phrase("hint_remove_inline", fix=fix, tag=named))


def fix_for(tag: Tag) -> Phrase:
    """The way to show a tag as text that fits where it is written."""
    return phrase("fix_backticks", tag=tag.written) if tag.in_sentence else phrase("fix_fences")


def _image_fault(tag: Tag) -> Phrase | None:
    """Why an <img> shows nothing a reader can use: no file, or no words for it."""
    if tag.name != "img" or tag.closing:
        return None
    has = {name for name, value in tag.attributes.items() if value is not None}
    missing = [name for name in ("src", "alt") if name not in has]
    if "srcset" in has and "src" in missing:
        missing.remove("src")
    if not missing:
        return None
    if missing == ["alt"]:
        return phrase("img_no_alt", src=tag.attributes.get("src") or tag.attributes["srcset"])
    what = "img_no_src_no_alt" if len(missing) == 2 else "img_no_src"
    return phrase(what, fix=fix_for(tag))


def _sentence_fault(tag: Tag, masked: str) -> Phrase | None:
    """Why a block element written inside a sentence breaks its paragraph."""
    if not tag.inline or tag.closing or tag.name not in BLOCKS:
        return None
    line_start = masked.rfind("\n", 0, tag.start) + 1
    before = _words(masked[line_start : tag.start])
    if not before[LINE_START.match(before).end() :].strip():
        return None  # first on its line: a block of its own, or an item's
    return phrase("block_in_sentence", tag=tag.written, fix=fix_for(tag))


def _balance_faults(tags: list[Tag]) -> Iterator[tuple[int, Phrase]]:
    """Elements left open at the end of their paragraph or block, and closings of nothing."""
    groups: dict[int, list[Tag]] = {}
    for tag in tags:
        groups.setdefault(tag.group, []).append(tag)
    for group in groups.values():
        yield from _unbalanced(group)


def _unbalanced(tags: list[Tag]) -> Iterator[tuple[int, Phrase]]:
    """The faults of one paragraph's or block's tags, read in order."""
    opened: list[Tag] = []
    for tag in tags:
        if tag.name in VOID or (tag.self_closing and _is_drawing(tag, opened)):
            continue
        if not tag.closing:
            opened.append(tag)
            continue
        names = [t.name for t in opened]
        if tag.name not in names:
            yield tag.start, phrase("closes_nothing", tag=tag.written, fix=fix_for(tag))
            continue
        while opened[-1].name != tag.name:
            yield _never_closed(opened.pop())
        opened.pop()
    yield from (_never_closed(tag) for tag in opened)


def _never_closed(tag: Tag) -> tuple[int, Phrase]:
    """The fault of an element that is never closed."""
    runs = "never_closed_inline" if tag.inline else "never_closed_block"
    return tag.start, phrase(runs, name=tag.name, fix=fix_for(tag))


def _is_drawing(tag: Tag, opened: list[Tag]) -> bool:
    """Whether '/>' closes a tag: inside an inline SVG drawing, or an SVG element itself."""
    return tag.name in SVG_ELEMENTS or any(t.name == "svg" for t in opened)


def _in_code(tag: Tag, masked: str) -> bool:
    """Whether a tag is on a line indented as code (four spaces), where it may be text."""
    line_start = masked.rfind("\n", 0, tag.start) + 1
    return masked[line_start : line_start + 4] == "    " or masked[line_start] == "\t"


def _code_filled(body: str, masked: str) -> str:
    """The masked text with each blanked code span filled with a mark that is not a space, as
    the renderer's placeholder is not (so the HTML pattern reads it as the renderer does)."""
    if body == masked:
        return masked
    chars = list(masked)
    for match in re.finditer(r"[^\n]+", masked):
        changed = [i for i in range(match.start(), match.end()) if masked[i] != body[i]]
        for first, last in _spans(changed, body):
            chars[first : last + 1] = "\x02" * (last + 1 - first)
    return "".join(chars)


def _spans(changed: list[int], body: str) -> Iterator[tuple[int, int]]:
    """The first and last offset of each code span among the offsets code masking changed:
    offsets joined by nothing but spaces (inside a span) belong to one."""
    first = last = None
    for index in changed:
        if first is not None and body[last + 1 : index].strip(" ") == "":
            last = index
            continue
        if first is not None:
            yield first, last
        first = last = index
    if first is not None:
        yield first, last


def _outside(spans: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    """The stretches of a text between raw HTML blocks."""
    gaps, position = [], 0
    for start, end in spans:
        gaps.append((position, start))
        position = end
    return [*gaps, (position, length)]


def _paragraphs(text: str, stretches: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Each stretch cut at blank lines: Python-Markdown reads a tag inside one paragraph."""
    for start, end in stretches:
        position = start
        for blank in BLANK_LINE.finditer(text, start, end):
            yield position, blank.start()
            position = blank.end()
        yield position, end


def _inline_tags(filled: str, start: int, end: int, group: int, live: list[str]) -> list[Tag]:
    """The tags of one paragraph, in order; every other '<' is blanked in `live`."""
    tags, position = [], start
    html, autolink = _inline_patterns()
    while (at := filled.find("<", position, end)) != -1:
        link = autolink.match(filled, at, end)
        if link:
            position = link.end()
            continue
        match = html.match(filled, at, end)
        if match is None:
            live[at] = " "
            position = at + 1
            continue
        tag = _tag(match[0], at, inline=True, group=group)
        if tag is not None:
            tags.append(tag)
        position = match.end()
    return tags


@cache
def _inline_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Python-Markdown's own inline HTML pattern, and its autolink patterns (which it tries
    first), compiled once."""
    from markdown.inlinepatterns import AUTOLINK_RE, AUTOMAIL_RE, HTML_RE

    return re.compile(HTML_RE, re.DOTALL), re.compile(f"{AUTOLINK_RE}|{AUTOMAIL_RE}")


def _raw_block_tags(text: str, start: int, end: int, group: int) -> list[Tag]:
    """The tags of one raw HTML block, read by an HTML tokenizer."""
    reader = _TagReader()
    reader.feed(text[start:end])
    reader.close()
    lines = [0, *(m.end() for m in re.finditer("\n", text[start:end]))]
    return [
        Tag(name, start + lines[row - 1] + column, start + lines[row - 1] + column + 1,
            closing, self_closing, attributes, False, group)
        for (row, column), name, attributes, closing, self_closing in reader.found
    ]  # fmt: skip


def _tag(written: str, at: int, *, inline: bool, group: int) -> Tag | None:
    """A tag as Python-Markdown's pattern matched it (None for a comment or a declaration)."""
    reader = _TagReader()
    reader.feed(written)
    reader.close()
    if not reader.found:
        return None
    _, name, attributes, closing, self_closing = reader.found[0]
    return Tag(name, at, at + len(written), closing, self_closing, attributes, inline, group)


class _TagReader(HTMLParser):
    """Collects start, end and self-closing tags with their place, nothing else."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[tuple[int, int], str, dict, bool, bool]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        """An opening tag."""
        self.found.append((self.getpos(), tag, dict(attrs), False, False))

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        """A tag written '<x/>'."""
        self.found.append((self.getpos(), tag, dict(attrs), False, True))

    def handle_endtag(self, tag: str) -> None:
        """A closing tag."""
        self.found.append((self.getpos(), tag, {}, True, False))
