"""Imported text is untrusted: keep its Markdown, make raw HTML and unsafe links show as text.

The check decides what is code and what is live (generator/content/links.py), so this module
asks it the same questions: what it reads as live is escaped, and the result is checked with
`polyvox check`'s own body check before it is written.

A question's first line is also its heading, which the site shows as plain text: there a
character reference would show as written ('&lt;'), so the first line is kept from opening a
tag or a link by a zero-width space instead (invisible, and read as text by the check, by
Python-Markdown and by browsers alike).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

from polyvox.content import safety
from polyvox.content.links import (
    RAW_HTML_LINE,
    REFERENCE,
    SAFE_SCHEMES,
    code_masked,
    markdown_lines,
    markdown_text,
    scheme_of,
    url_fault,
)
from polyvox.content.reader import UNPRINTABLE
from polyvox.content.turns import MARKER_LINE

ZWSP = "\u200b"
TAG_OPENING = re.compile(r"<(?=[A-Za-z/!?])")
"""A '<' that can open a tag, a comment, a declaration or an autolink ('<3' cannot)."""
DESTINATION = re.compile(r"\s*<?([^\s<>()]*)")
CHECK_FOLDER = Path("content", "ama", "imported", "questions")


def neutralised(text: str, *, heading: bool = False) -> str:
    """Imported Markdown made inert: raw HTML, attribute lists and unsafe links show as text.

    With `heading`, the first line is made inert the way plain text needs (see above).
    """
    text = UNPRINTABLE.sub("", markdown_text(text)).strip()
    if not text:
        return ""
    if safety.rendering_overload(text):
        return _fenced(text)  # too long and dense to read as Markdown: all of it as code
    text = _escape_html_lines(text, _plain_end(text, heading))
    text = _escape_tags(text, _plain_end(text, heading))
    text = _escape_attribute_lists(text)
    text = _inert_links(text, _plain_end(text, heading))
    text = _unmarked(text)
    return text if not _faults(text) else _fenced(text)


def _plain_end(text: str, heading: bool) -> int:
    """Where the part shown as plain text ends: the first line of a heading, else nothing."""
    if not heading:
        return 0
    return text.find("\n") if "\n" in text else len(text)


def _tag_escape(at: int, plain: int) -> str:
    """What a '<' at this offset becomes: a reference in Markdown, '<' + ZWSP in plain text."""
    return f"<{ZWSP}" if at < plain else "&lt;"


def _escape_html_lines(text: str, plain: int) -> str:
    """Escape the '<' opening each line of raw HTML, so that code spans are code again."""
    masked = code_masked(text)
    starts = [m.start(1) for m in RAW_HTML_LINE.finditer(masked)]
    return _replaced(text, ((start, _tag_escape(start, plain)) for start in starts))


def _escape_tags(text: str, plain: int) -> str:
    """Escape every '<' the check reads as live (outside code) that could open a tag."""
    masked = code_masked(text)
    starts = [match.start() for match in TAG_OPENING.finditer(masked)]
    return _replaced(text, ((at, _tag_escape(at, plain)) for at in starts))


def _escape_attribute_lists(text: str) -> str:
    """Escape each live '{' that opens an attribute list the check refuses."""
    masked, cuts = code_masked(text), []
    for match in safety.ATTR_LIST.finditer(masked):
        scan = safety.attr_list_scan(match[0], 1)
        if scan.findings or any(not _safe(link.url) for link in scan.links):
            cuts.append((match.start(), "&#123;"))
    return _replaced(text, cuts)


def _inert_links(text: str, plain: int) -> str:
    """Links and link definitions to anything but a sound web or mail address become text."""
    masked, cuts = code_masked(text), []
    for found in re.finditer(r"\]\(", masked):
        if not _safe(DESTINATION.match(masked, found.end())[1]):
            cuts.append((found.start() + 1, "(", "&#40;"))
    for match in REFERENCE.finditer(masked):
        colon = masked.rfind("]:", match.start(), match.start(1))
        if colon != -1 and not _safe(match[1].removeprefix("<").removesuffix(">")):
            cuts.append((colon + 1, ":", "&#58;"))
    return _replaced(text, ((at, ZWSP + char if at < plain else ref) for at, char, ref in cuts))


def _replaced(text: str, cuts) -> str:
    """The text with the character at each offset given replaced, in one pass: (offset,
    replacement) pairs, one per offset."""
    pieces, last = [], 0
    for at, replacement in sorted(cuts):
        pieces += [text[last:at], replacement]
        last = at + 1
    return "".join([*pieces, text[last:]])


def _safe(url: str) -> bool:
    """Whether an imported link may stay a link: a well-formed https, http or mailto address."""
    return scheme_of(url) in SAFE_SCHEMES and url_fault(url) is None


def _unmarked(text: str) -> str:
    """Keep lines that read as turn markers (only possible inside code) from opening a turn."""
    lines = markdown_lines(text)
    return "\n".join(ZWSP + line if MARKER_LINE.fullmatch(line) else line for line in lines)


def _faults(text: str) -> list[str]:
    """What `polyvox check` would refuse in this text as a question's body."""
    problems, _ = safety.check_body(
        text, 1, "imported", folder=CHECK_FOLDER, content_dir=Path("content")
    )
    return [p.message for p in problems if p.severity == "error"]


def _fenced(text: str) -> str:
    """The last resort for text the escapes do not make acceptable: all of it shown as code."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{text}\n{fence}"


def markdown_url(url: str) -> str:
    """An address from a platform, safe as a Markdown link destination: spaces, brackets,
    parentheses, angle brackets, backslashes, quotes and control characters percent-encoded
    (a ')' in a permalink, an id or a file's address would end the link and start another)."""
    return quote(UNPRINTABLE.sub("", url.strip()), safe="-._~:/?#@!$&*+,;=%")
