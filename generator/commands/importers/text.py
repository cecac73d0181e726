"""Imported text is untrusted: keep its Markdown, make raw HTML and unsafe links show as text.

The check decides what is code and what is live (generator/content/links.py), so this module
asks it the same questions: what it reads as live is escaped, and the result is checked with
`polyvox check`'s own body check before it is written.
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.content import safety
from generator.content.links import (
    RAW_HTML_LINE,
    REFERENCE,
    SAFE_SCHEMES,
    code_masked,
    scheme_of,
    url_fault,
)
from generator.content.turns import MARKER_LINE

CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
LIVE_ESCAPES = {"<": "&lt;", "{": "&#123;"}
"""Characters that open raw HTML or an attribute list, as character references (shown as is)."""
DESTINATION = re.compile(r"\s*<?([^\s<>()]*)")
NO_MARKER = "\u200b"
"""A zero-width space in front of a line that reads as a turn marker (inside code): invisible,
and the marker pattern no longer matches."""
CHECK_FOLDER = Path("content", "ama", "imported", "questions")


def neutralised(text: str) -> str:
    """Imported Markdown made inert: raw HTML, attribute lists and unsafe links show as text."""
    text = CONTROLS.sub("", text.replace("\r\n", "\n").replace("\r", "\n")).strip()
    if not text:
        return ""
    text = _escape_html_lines(text)
    text = _escape_live(text)
    text = _inert_links(text)
    text = _unmarked(text)
    return text if not _faults(text) else _fenced(text)


def _escape_html_lines(text: str) -> str:
    """Escape the '<' opening each line of raw HTML, so that code spans are code again."""
    masked = code_masked(text)
    starts = [m.start(1) for m in RAW_HTML_LINE.finditer(masked)]
    for start in reversed(starts):
        text = text[:start] + LIVE_ESCAPES["<"] + text[start + 1 :]
    return text


def _escape_live(text: str) -> str:
    """Escape every '<' and '{' the check reads as live (outside code)."""
    masked = code_masked(text)
    return "".join(
        LIVE_ESCAPES[char] if char in LIVE_ESCAPES and masked[index] == char else char
        for index, char in enumerate(text)
    )


def _inert_links(text: str) -> str:
    """Links and link definitions to anything but a sound web or mail address become text."""
    masked, cuts = code_masked(text), []
    for found in re.finditer(r"\]\(", masked):
        if not _safe(DESTINATION.match(masked, found.end())[1]):
            cuts.append((found.start() + 1, "&#40;"))
    for match in REFERENCE.finditer(masked):
        colon = masked.rfind("]:", match.start(), match.start(1))
        if colon != -1 and not _safe(match[1].removeprefix("<").removesuffix(">")):
            cuts.append((colon + 1, "&#58;"))
    for at, escape in sorted(cuts, reverse=True):
        text = text[:at] + escape + text[at + 1 :]
    return text


def _safe(url: str) -> bool:
    """Whether an imported link may stay a link: a well-formed https, http or mailto address."""
    return scheme_of(url) in SAFE_SCHEMES and url_fault(url) is None


def _unmarked(text: str) -> str:
    """Keep lines that read as turn markers (only possible inside code) from opening a turn."""
    return "\n".join(
        NO_MARKER + line if MARKER_LINE.match(line) else line for line in text.split("\n")
    )


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
