"""Links in members' Markdown: where they are (code excluded) and what is wrong with each URL.

Code is found the way the site's renderer (Python-Markdown with pymdownx.superfences) finds it,
reusing its own patterns. Where the two could disagree, text is treated as live, never as code:
the check may then report something harmless, but never misses something live.
"""

from __future__ import annotations

import html
import posixpath
import re
from bisect import bisect_left
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import NamedTuple
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from polyvox.content.problems import Problem, warning
from polyvox.i18n.phrases import Phrase, phrase

SAFE_SCHEMES = ("http", "https", "mailto")
SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")  # browsers drop these inside a URL's scheme
FENCE_LIKE = re.compile(r"[ \t>]*(?:`{3,}|~{3,})")
FENCE_OPENING = re.compile(r"(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*\.?[\w#.+-]*[ \t]*")
RAW_HTML_LINE = re.compile(
    r"^[ \t>]*(?:(?:[-*+]|[0-9]+[.)])[ \t]+)?(<[A-Za-z/?!].*)$", re.MULTILINE
)
LONE_COMMENT = re.compile(r"<!--(?!-?>)(?:(?!--!?>).)*-->\s*")
"""A comment that browsers and Python-Markdown both end at its '-->' (not '<!-->' or '--!>')."""
BLANK_LINE = re.compile(r"\n[ \t]*\n")
MARKDOWN_ATTRIBUTE = re.compile(
    r"""(?<=[\s"'])markdown(?:[ ]*=[ ]*(?:"[^"<>\n]*"|'[^'<>\n]*'|[^\s"'<>=`]+))?(?=[\s/>])"""
)
"""md_in_html's attribute, which asks for a raw block's content to be read as Markdown."""
REFERENCE = re.compile(
    r"^(?:[ \t>]|[-+*][ \t]|[0-9]{1,9}[.)][ \t])*\[[^\[\]\n]*\]:[ \t]*(?:\n[ \t>]*)?(\S+)",
    re.MULTILINE,
)
"""A reference definition, also inside list items and quotes, as Python-Markdown reads them."""
HTML_URL_ATTRIBUTE = re.compile(r"""\b(src|href)\s*=\s*["']([^"'<>\s]+)["']""", re.IGNORECASE)
"""A quoted src or href in raw HTML, for rewriting relative paths (not for safety checks)."""
TITLE_OPENERS = {'"': '"', "'": "'", ")": "("}
"""A link title's closing character, and the one that opens it."""
PLAIN_WEB_ADDRESS = re.compile(
    r"https?://[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*(?::[0-9]{1,4})?(?:[/?#][^\s\\]*)?"
)
"""The common shape of a web address, accepted without a full parse."""
LOOKAROUND = 2_000
"""How far the scanner reads for one link's text or destination (Markdown links are short)."""
TRACKING_PREFIXES = ("utm_",)
TRACKING_NAMES = frozenset(
    {
        "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid",
        "ttclid", "li_fat_id", "igshid", "mc_cid", "mc_eid", "_hsenc", "_hsmi", "mkt_tok",
        "oly_anon_id", "oly_enc_id", "vero_id", "vero_conv", "srsltid", "_ga", "_gl",
    }
)  # fmt: skip
"""Query parameters that only tell another site who sent the reader (utm_* and click ids)."""


class Link(NamedTuple):
    """One URL a file points to: as written, on which line, and in what form (a tuple: the
    check makes one for each link of 10,000 files, and tuples are the cheapest to make)."""

    url: str
    line: int
    form: str
    """How it is written: 'link', 'image', 'link definition', 'autolink', '<tag attribute>'."""

    @property
    def is_image(self) -> bool:
        """Whether a page shows this URL's target rather than linking to it."""
        return (
            self.form in ("image", "image definition")
            or self.form.endswith((" src>", " srcset>", " poster>"))
            or self.form in ("<use href>", "<image href>", "<feimage href>")
        )


def scheme_of(url: str) -> str | None:
    """The scheme a browser would see, lowercase, after decoding entities; None if relative."""
    if url.startswith(("https://", "http://")):
        return url[: url.index(":")]
    match = SCHEME.match(INVISIBLE.sub("", html.unescape(url)))
    return match[1].lower() if match else None


@lru_cache(maxsize=4096)
def url_fault(url: str) -> Phrase | None:
    """What is wrong with a URL a page would carry (scheme or shape), or None; it completes
    "link '<url>' ..." (see link_fault)."""
    scheme = scheme_of(url)
    if scheme is None:
        return _relative_fault(url.strip())
    if scheme not in SAFE_SCHEMES:
        return phrase("url_scheme", scheme=scheme)
    if scheme == "mailto":
        return None if "@" in url else phrase("url_mailto")
    return _web_address_fault(url.strip(), scheme)


def _relative_fault(url: str) -> Phrase | None:
    """Catch the relative paths that are really web addresses missing their scheme."""
    lowered = url.lower()
    if lowered.startswith("www."):
        return phrase("url_no_scheme", url=url)
    if re.match(r"https?//", lowered):
        return phrase("url_no_colon")
    return None


def _web_address_fault(url: str, scheme: str) -> Phrase | None:
    """What is wrong with an http(s) address, or None."""
    if PLAIN_WEB_ADDRESS.fullmatch(url):
        return None
    if re.search(r"\s", url):
        return phrase("url_space")
    try:
        parts = urlsplit(url)
        port = parts.port  # raises on a port that is not a number
    except ValueError as exc:
        return phrase("url_malformed", reason=str(exc))
    host = parts.hostname or ""
    if not host or not parts.netloc or url[len(scheme) + 1 : len(scheme) + 3] != "//":
        return phrase("url_no_host", scheme=scheme)
    if "" in host.removesuffix(".").split(".") or (port is not None and not 0 < port < 65536):
        return phrase("url_bad_host", host=parts.netloc)
    return None


FORM_WORDS = {
    "link": "form_link",
    "image": "form_image",
    "link definition": "form_link_definition",
    "image definition": "form_image_definition",
    "autolink": "form_autolink",
}
"""The message naming each way of writing a link in Markdown (HTML's '<img src>' is code)."""
ATTRIBUTE_LIST_FORM = re.compile(r"attribute list '(.*)'")


def form_words(form: str) -> Phrase | str:
    """How a link is written, as a message says it: 'link', 'image definition', 'attribute
    list 'href''; an HTML form ('<img src>') or a key ('links.website') as it is."""
    if form in FORM_WORDS:
        return phrase(FORM_WORDS[form])
    listed = ATTRIBUTE_LIST_FORM.fullmatch(form)
    return phrase("form_attribute_list", name=listed[1]) if listed else form


def link_fault(link: Link, fault: Phrase, url: str | None = None) -> Phrase:
    """What is wrong with a link, as one message: "image 'https://...' is on another site..."
    (url: the address as the message shows it, when not the link's own)."""
    return phrase("link_fault", form=form_words(link.form), url=url or shown(link.url), fault=fault)


def tracking_parameters(url: str) -> list[str]:
    """The tracking parameters in an http(s) URL's query, in the order written."""
    query = urlsplit(url).query if "?" in url else ""
    return [name for name, _ in parse_qsl(query, keep_blank_values=True) if _is_tracking(name)]


def without_tracking(url: str) -> str:
    """The URL with its tracking parameters removed."""
    parts = urlsplit(url)
    kept = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)
    ]
    return urlunsplit(parts._replace(query=urlencode(kept)))


def _is_tracking(name: str) -> bool:
    """Whether a query parameter only tracks the reader."""
    name = name.lower()
    return name.startswith(TRACKING_PREFIXES) or name in TRACKING_NAMES


def link_key(url: str) -> str:
    """A URL reduced to what names the page: case, fragment, tracking and final '/' ignored."""
    url = url.strip().partition("#")[0]
    if "?" in url:
        url = without_tracking(url)
    scheme, _, rest = url.partition("://")
    host, slash, path = rest.partition("/")
    return f"{scheme.lower()}://{host.lower()}{slash}{path}".rstrip("/?")


def shown(url: str, limit: int = 80) -> str:
    """A URL as a message quotes it: whole when short, cut with '…' when long."""
    url = CONTROL.sub(lambda m: m[0].encode("unicode_escape").decode(), url.strip())
    return url if len(url) <= limit else url[: limit - 1] + "…"


def markdown_text(text: str) -> str:
    """Text with its line ends as Python-Markdown reads them: '\r\n' and a lone '\r' are '\n'.

    The one place where a body's lines are decided: the reader, the check, the link rewriting
    and the turn splitting all read lines through this and `markdown_lines`.
    """
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def markdown_lines(text: str) -> list[str]:
    """A body's lines as Python-Markdown reads them: only '\n' ends a line.

    U+2028, U+2029, U+0085, form feed and the other separators at which `str.splitlines()`
    cuts are text inside a line for the renderer, so they are here too.
    """
    return markdown_text(text).split("\n")


def fenced_lines(body: str) -> frozenset[int]:
    """The indexes (in `markdown_lines`) of the lines that fenced code blocks hold, fences
    included, as `code_masked` finds them (where it cannot tell, lines count as live)."""
    if "```" not in body and "~~~" not in body:
        return frozenset()
    body = markdown_text(body)
    lines, masked = body.split("\n"), without_fenced_code(body).split("\n")
    return frozenset(i for i, line in enumerate(lines) if line.strip() and not masked[i].strip())


def without_fenced_code(body: str) -> str:
    """The body with its fenced code blocks blanked (newlines kept), as `code_masked` finds
    them; code spans are left as they are (finding them is the slow part)."""
    body = markdown_text(body)
    return _fences_masked(body) if ("```" in body or "~~~" in body) else body


def code_masked(body: str) -> str:
    """The body with fenced code and code spans blanked (newlines kept, so offsets hold).

    Offsets are those of the body as `markdown_text` has it (the reader's, and the check's).
    """
    body = markdown_text(body)
    text = _fences_masked(body) if ("```" in body or "~~~" in body) else body
    if "`" not in text:
        return text
    if "<" in text and _has_raw_html_line(text):
        raw = _raw_html_blocks(text)
        if raw is None:
            return text  # blocks the check cannot place: every backtick stays live
        masked = _code_spans_masked(_blanked(text, raw))
        for start, end in raw:
            masked = masked[:start] + text[start:end] + masked[end:]
        return masked
    return _code_spans_masked(text)


def _has_raw_html_line(text: str) -> bool:
    """Whether a line starts with HTML, which Python-Markdown may pass through as a raw block.

    A line that is one comment and nothing else (an AMA marker) ends its block on that line.
    """
    return any(not LONE_COMMENT.fullmatch(m[1]) for m in RAW_HTML_LINE.finditer(text))


def raw_html_spans(text: str) -> list[tuple[int, int]] | None:
    """Where Python-Markdown passes HTML through as raw blocks (see `_raw_html_blocks`)."""
    return _raw_html_blocks(text)


def _raw_html_blocks(text: str) -> list[tuple[int, int]] | None:
    """Where Python-Markdown passes HTML through as raw blocks, as (start, end) offsets.

    Inside such a block backticks are not code; outside, a code span is code whatever the
    blocks hold. The blocks are found by Python-Markdown's own preprocessors (with md_in_html,
    which the site always enables), reading `markdown` attributes as absent: a block whose
    content md_in_html parses as Markdown counts as raw as a whole, its code spans live. None if
    a block cannot be placed in the text as written (tabs), or a fence was left unmasked (the
    site's superfences would hide it from the block finder, which this reader cannot): the
    caller then keeps all code live.
    """
    if "\t" in text or "\r" in text or "\x02" in text or "\x03" in text:
        return None
    if any(FENCE_LIKE.match(line) for line in text.split("\n")):
        return None
    text = MARKDOWN_ATTRIBUTE.sub(lambda m: " " * len(m[0]), text)
    processor = _html_block_reader()
    processor.reset()
    lines = text.split("\n")
    for step in processor.preprocessors:
        lines = step.run(lines)
    spans, position = [], 0
    for block in processor.htmlStash.rawHtmlBlocks:
        block = block.rstrip("\n") if isinstance(block, str) else block  # ends with blank lines
        start = text.find(block, position) if isinstance(block, str) else -1
        if start == -1:
            return None
        position = start + len(block)
        end = text.find("\n", position)
        spans.append((start, len(text) if end == -1 else end))
    return spans


@cache
def _html_block_reader():
    """A Python-Markdown instance used only for its raw-HTML preprocessors (made once)."""
    import markdown

    return markdown.Markdown(extensions=["md_in_html"])


def _blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with each span blanked (newlines kept)."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = [c if c == "\n" else " " for c in text[start:end]]
    return "".join(chars)


def _fences_masked(body: str) -> str:
    """Blank each fenced code block as superfences finds it, in its plainest form only.

    A fence counts if its opening line holds at most a language name, every line of an
    indented block keeps the indent, and it closes with the same fence alone on its line.
    At the first fence line that is anything else (options, quotes, never closed), the rest
    of the body stays live: superfences could read it in more than one way.
    """
    lines, index = markdown_lines(body), 0
    while index < len(lines):
        if FENCE_LIKE.match(lines[index]):
            opening = FENCE_OPENING.fullmatch(lines[index])
            closing = opening and _fence_closing(lines, index, opening["indent"], opening["fence"])
            if not closing:
                break
            lines[index : closing + 1] = [" " * len(line) for line in lines[index : closing + 1]]
            index = closing
        index += 1
    return "\n".join(lines)


def _fence_closing(lines: list[str], opening: int, indent: str, fence: str) -> int | None:
    """The index of the line closing the fence opened at opening, or None if it is not closed."""
    for index in range(opening + 1, len(lines)):
        line = lines[index]
        if indent and line.strip() and not line.startswith(indent):
            return None  # superfences drops a block whose lines lose the indent
        if line.rstrip(" \t") == indent + fence:
            return index
    return None


def _code_spans_masked(text: str) -> str:
    """Blank code spans as Python-Markdown's own backtick rule finds them, block by block.

    A span that runs over a line end is left alone, and so is the rest of its block: blocks
    the renderer splits more finely (headings, list items) could pair the backticks otherwise.
    """
    processor = _backtick_processor()
    chars, start = list(text), 0
    for block_end in [m.start() for m in BLANK_LINE.finditer(text)] + [len(text)]:
        block = text[start:block_end]
        position = 0
        while "`" in block and (match := processor.compiled_re.search(block, position)):
            element, begin, end = processor.handleMatch(match, block)
            if element is None or isinstance(element, str):
                position = max(end, begin + 1)
                continue
            if "\n" in block[begin:end]:
                break
            chars[start + begin : start + end] = " " * (end - begin)
            position = end
        start = block_end
    return "".join(chars)


@cache
def _backtick_processor():
    """Python-Markdown's code span finder (imported on first use: most bodies never need it)."""
    from markdown.inlinepatterns import BACKTICK_RE, BacktickInlineProcessor

    return BacktickInlineProcessor(BACKTICK_RE)


def markdown_links(masked: str, first_line: int) -> Iterator[Link]:
    """Every inline link, image, reference definition and autolink in code-masked Markdown."""
    line_of = _line_counter(masked, first_line)
    found, images = masked.find("]("), "![" in masked
    while found != -1:
        form = "image" if images and _opens_image(masked, found) else "link"
        yield Link(_destination(masked, found + 2), line_of(found + 2), form)
        found = masked.find("](", found + 2)
    if "]:" in masked:
        shown_labels = _image_labels(masked) if images else frozenset()
        for match in REFERENCE.finditer(masked):
            url = match[1].removeprefix("<").removesuffix(">")
            label = _label(re.search(r"\[([^\[\]\n]*)\]:", match[0])[1])
            form = "image definition" if label in shown_labels else "link definition"
            yield Link(url, line_of(match.start(1)), form)
    if "://" in masked and "<" in masked:
        for match in _autolink_pattern().finditer(masked):
            yield Link(match[1], line_of(match.start()), "autolink")


IMAGE_REFERENCE = re.compile(r"!\[([^\[\]\n]*)\](?:[ ]?\[([^\[\]\n]*)\])?")
"""A reference-style image ('![text][label]', '![label][]', '![label]')."""


def _image_labels(masked: str) -> frozenset[str]:
    """The labels images refer to (both the text and the label of each, to be safe)."""
    return frozenset(
        _label(part) for match in IMAGE_REFERENCE.finditer(masked) for part in match.groups("")
    )


def _label(text: str) -> str:
    """A reference label as Python-Markdown matches it: case and runs of spaces ignored."""
    return " ".join(text.lower().split())


@cache
def _autolink_pattern() -> re.Pattern[str]:
    """Python-Markdown's autolink pattern (<scheme://...>), compiled once."""
    from markdown.inlinepatterns import AUTOLINK_RE

    return re.compile(AUTOLINK_RE)


def _line_counter(text: str, first_line: int):
    """A function giving the file line of an offset in text, which starts on first_line: by
    counting for the first few offsets asked, then from the line ends found once, so that
    asking for many offsets stays linear."""
    ends: list[int] | None = None
    asked = 0

    def line_of(offset: int) -> int:
        nonlocal ends, asked
        asked += 1
        if ends is None and asked > FEW:
            ends = line_ends(text)
        return first_line + (
            text.count("\n", 0, offset) if ends is None else bisect_left(ends, offset)
        )

    return line_of


FEW = 8
"""Offsets counted directly before the line ends are indexed."""


def line_ends(text: str) -> list[int]:
    """The offsets of a text's line ends ('\n'), in order, for finding lines by bisection."""
    ends, at = [], text.find("\n")
    while at != -1:
        ends.append(at)
        at = text.find("\n", at + 1)
    return ends


def _destination(text: str, start: int) -> str:
    """The destination of an inline link whose '(' ends at start, title removed."""
    limit = min(len(text), start + LOOKAROUND)
    close = text.find(")", start, limit)
    plain = text[start:close] if close != -1 else ""
    if plain and not ("(" in plain or "\\" in plain or "\n" in plain or "<" in plain):
        return _without_title(plain)  # the usual case: no nesting, no escapes
    if text[start:limit].lstrip().startswith("<"):
        opening = text.index("<", start)
        closing = text.find(">", opening, limit)
        return text[opening + 1 : closing if closing != -1 else limit]
    end, depth = start, 0
    while end < limit:
        char = text[end]
        if char == "\\":
            end += 1
        elif char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                break
            depth -= 1
        elif char == "\n" and text[end + 1 : end + 2] == "\n":
            break
        end += 1
    return _without_title(text[start:end])


def rebased(body: str, written_in: str, shown_in: str) -> str:
    """A body written in one folder, its relative links and images made to work from another
    (a question's file sits in `questions/`, its page one folder up): inline links and images,
    reference definitions and raw HTML src/href; code is left as written."""
    if written_in == shown_in or not any(mark in body for mark in ("](", "]:", "src", "href")):
        return body
    body = markdown_text(body)
    masked, pieces, last = code_masked(body), [], 0
    for start, url in sorted(_link_spans(masked)):
        if start < last or body[start : start + len(url)] != url:
            continue
        if url and scheme_of(url) is None and not url.startswith(("/", "#")):
            target = posixpath.normpath(posixpath.join(written_in, url))
            pieces += [body[last:start], still_relative(posixpath.relpath(target, shown_in or "."))]
            last = start + len(url)
    return "".join([*pieces, body[last:]])


def still_relative(path: str) -> str:
    """A rewritten relative path checked again: one that now reads as an address with a scheme
    or a host ('../javascript:alert(1)' rebased one folder up is 'javascript:alert(1)';
    '../https://x' is 'https:/x', which browsers read as https://x) gets './' before it, so it
    stays the path inside the site it was written as."""
    bare = INVISIBLE.sub("", html.unescape(path)).replace("\\", "/")
    return f"./{path}" if scheme_of(path) is not None or bare.startswith("/") else path


def _link_spans(masked: str) -> Iterator[tuple[int, str]]:
    """(offset, destination) of each inline link, reference definition and HTML src/href."""
    found = masked.find("](")
    while found != -1:
        start = found + 2
        url = _destination(masked, start)
        at = masked.find(url, start, start + len(url) + 2) if url else -1
        if at != -1:
            yield at, url
        found = masked.find("](", start)
    for match in REFERENCE.finditer(masked):
        url = match[1].removeprefix("<").removesuffix(">")
        yield match.start(1) + (1 if match[1].startswith("<") else 0), url
    for match in HTML_URL_ATTRIBUTE.finditer(masked):
        yield match.start(2), match[2]


def _without_title(destination: str) -> str:
    """A link destination without its optional title ("...", '...' or (...)) at its end,
    after a space and on one line (found from the end, in one pass)."""
    destination = destination.strip()
    opener = TITLE_OPENERS.get(destination[-1:]) if " " in destination else None
    start = destination.rfind(opener, 0, len(destination) - 1) if opener else -1
    title = destination[start + 1 : -1]
    unreadable = "\n" in title or (opener == "(" and ")" in title)
    if start < 1 or not destination[start - 1].isspace() or unreadable:
        return destination
    return destination[:start].rstrip()


def _opens_image(text: str, close: int) -> bool:
    """Whether the ']' at close ends the text of an image ('![...]')."""
    opening = text.rfind("[", max(0, close - LOOKAROUND), close)
    if opening == -1 or "]" in text[opening:close]:
        return _opens_image_nested(text, close)
    return opening > 0 and text[opening - 1] == "!"


def _opens_image_nested(text: str, close: int) -> bool:
    """Whether the ']' at close ends an image's text that holds brackets itself."""
    depth, index, stop = 0, close - 1, max(-1, close - LOOKAROUND)
    while index > stop:
        char = text[index]
        if char == "]":
            depth += 1
        elif char == "[":
            if depth == 0:
                return index > 0 and text[index - 1] == "!"
            depth -= 1
        index -= 1
    return False


def repeated_links(
    by_issue: dict[str, list[tuple[str, Link]]], *, within: int
) -> Iterator[Problem]:
    """Warn about each web link an issue shares with one of the `within` issues before it."""
    issues = sorted(by_issue)
    keys = {
        issue: [(source, link, link_key(link.url)) for source, link in by_issue[issue]]
        for issue in issues
    }
    for index, issue in enumerate(issues):
        earlier = {
            key: (previous, source, link.line)
            for previous in issues[max(0, index - within) : index]
            for source, link, key in keys[previous]
        }
        for source, link, key in keys[issue]:
            if key in earlier:
                previous, where, line = earlier[key]
                yield warning(
                    source,
                    link.line,
                    phrase(
                        "link_repeated",
                        url=shown(link.url),
                        issue=previous,
                        where=f"{where}:{line}",
                    ),
                )
