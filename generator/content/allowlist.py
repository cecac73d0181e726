"""The HTML members may write: an allowlist of elements and attributes, everything else refused.

A newsletter needs text-level markup, tables, images, details and a little inline SVG; nothing
that runs code, embeds another page, reads what readers type, calls another site or covers
the page. The same rules judge members' raw HTML in `check` (located in the Markdown file) and
a rendered fragment of members' HTML in the build (`fragment_faults`).

nh3 (a maintained sanitiser) was considered: it cleans HTML rather than say what it removed
and where, so it cannot give a member a message with the line and the fix; lxml, which the
check already parses with, gives both.
"""

from __future__ import annotations

import re

from polyvox.i18n.phrases import Phrase, phrase

GLOBAL_ATTRIBUTES = frozenset({"title", "lang", "dir", "id", "class", "translate", "markdown"})
"""Attributes any allowed element may carry ('markdown' is md_in_html's, removed when rendered)."""
TEXT_ELEMENTS = (
    "abbr", "b", "bdi", "bdo", "br", "caption", "cite", "code", "dd", "dfn", "div", "dl",
    "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i",
    "kbd", "li", "mark", "p", "pre", "rp", "rt", "ruby", "s", "samp", "small", "span",
    "strong", "sub", "summary", "sup", "table", "tbody", "tfoot", "thead", "tr", "u",
    "ul", "var", "wbr",
)  # fmt: skip
"""Elements that carry no attribute beyond the global ones."""
HTML_ELEMENTS: dict[str, frozenset[str]] = {
    **dict.fromkeys(TEXT_ELEMENTS, frozenset()),
    "a": frozenset({"href", "hreflang", "rel"}),
    "blockquote": frozenset({"cite"}),
    "q": frozenset({"cite"}),
    "del": frozenset({"cite", "datetime"}),
    "ins": frozenset({"cite", "datetime"}),
    "time": frozenset({"datetime"}),
    "data": frozenset({"value"}),
    "details": frozenset({"open"}),
    "img": frozenset({"src", "srcset", "alt", "width", "height", "loading", "decoding"}),
    "ol": frozenset({"start", "reversed", "type"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
    "th": frozenset({"colspan", "rowspan", "headers", "scope", "abbr", "align"}),
    "td": frozenset({"colspan", "rowspan", "headers", "align"}),
}
"""HTML elements members may write, each with the attributes it may carry beyond the global ones."""
SVG_PRESENTATION = frozenset(
    {
        "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-opacity",
        "stroke-linecap", "stroke-linejoin", "stroke-dasharray", "stroke-dashoffset", "opacity",
        "transform", "clip-rule", "font-family", "font-size", "font-weight", "font-style",
        "text-anchor", "dominant-baseline", "role", "focusable",
    }
)  # fmt: skip
SVG_ELEMENTS: dict[str, frozenset[str]] = {
    "svg": frozenset({"xmlns", "viewbox", "width", "height", "preserveaspectratio", "version"}),
    "g": frozenset(),
    "path": frozenset({"d", "pathlength"}),
    "circle": frozenset({"cx", "cy", "r"}),
    "ellipse": frozenset({"cx", "cy", "rx", "ry"}),
    "line": frozenset({"x1", "y1", "x2", "y2"}),
    "polyline": frozenset({"points"}),
    "polygon": frozenset({"points"}),
    "rect": frozenset({"x", "y", "width", "height", "rx", "ry"}),
    "text": frozenset({"x", "y", "dx", "dy", "rotate", "textlength"}),
    "tspan": frozenset({"x", "y", "dx", "dy", "rotate"}),
    "desc": frozenset(),
    "defs": frozenset(),
    "lineargradient": frozenset({"x1", "y1", "x2", "y2", "gradientunits", "gradienttransform"}),
    "radialgradient": frozenset({"cx", "cy", "r", "fx", "fy", "gradientunits"}),
    "stop": frozenset({"offset", "stop-color", "stop-opacity"}),
    "use": frozenset({"href", "x", "y", "width", "height"}),
}
"""Inline SVG elements members may write: shapes and text; `use` only within the site."""
SVG_ELEMENTS = {tag: names | SVG_PRESENTATION for tag, names in SVG_ELEMENTS.items()}
ALLOWED_ELEMENTS = frozenset(HTML_ELEMENTS) | frozenset(SVG_ELEMENTS)
IMPLIED = frozenset({"html", "head", "body"})
"""Elements an HTML parser adds around a fragment: allowed while they carry no attribute."""

RUNS_CODE = phrase("reason_runs_code")
EMBEDS = phrase("reason_embeds")
READ_DIFFERENTLY = phrase("reason_read_differently")
COLLECTS = phrase("reason_collects")
LOADS = phrase("reason_loads")
ANIMATES = phrase("reason_animates")
RESTYLES = phrase("reason_restyles")
LOADS_FILES = phrase("reason_loads_files")
CHANGES_LOADING = phrase("reason_changes_loading")
REDIRECTS = phrase("reason_redirects")
REASONS: dict[str, Phrase] = {
    "script": RUNS_CODE,
    **dict.fromkeys(("iframe", "frame", "frameset", "object", "embed", "applet"), EMBEDS),
    **dict.fromkeys(("portal", "fencedframe", "foreignobject"), EMBEDS),
    "style": RESTYLES,
    "link": LOADS_FILES,
    **dict.fromkeys(("form", "input", "button", "select", "label"), COLLECTS),
    "meta": CHANGES_LOADING,
    "base": REDIRECTS,
    **dict.fromkeys(("noscript", "noembed", "noframes", "xmp", "plaintext"), READ_DIFFERENTLY),
    "textarea": READ_DIFFERENTLY,
    **dict.fromkeys(("title", "template", "math", "svg:style"), READ_DIFFERENTLY),
    **dict.fromkeys(("video", "audio", "source", "track", "image", "feimage"), LOADS),
    **dict.fromkeys(("animate", "set", "animatemotion", "animatetransform"), ANIMATES),
    "dialog": phrase("reason_covers"),
}
"""Why the best-known refused elements are refused (the reason completes 'it ...')."""
CODE_HINT = phrase("hint_remove_or_fence")
NOT_LISTED = phrase("reason_not_listed")
HANDLER = phrase("reason_handler")
PING = phrase("reason_ping")
THEME_CLASSES = ("md-", "tabbed-", "task-list")
"""Class names of the theme's own components, some fixed or absolutely placed over the page."""
RENDERER_CLASSES = frozenset({"highlight"})
"""Classes the site's renderer writes itself (on code blocks, whose line anchors the theme
places absolutely): members may not write them; a rendered fragment holds them."""
TEXT_ALIGN = re.compile(r"\s*text-align\s*:\s*(left|right|center|justify)\s*;", re.I)
"""The one inline style accepted: what Markdown tables write on their cells."""
OUTER_TRANSFORM = phrase("reason_outer_transform")


def refused_element(tag: str, reason: Phrase, hint: Phrase = CODE_HINT) -> Phrase:
    """'<tag> is not allowed: it <reason>; <hint>'."""
    return phrase("html_element_refused", tag=tag, reason=reason, hint=hint)


def structure_fault(tag: str) -> Phrase:
    """'<tag> is not allowed' for a second <html>, <head> or <body>."""
    return phrase("html_element_structure", tag=tag)


def refused_attribute(tag: str, name: str, reason: Phrase) -> Phrase:
    """'attribute 'name' on <tag> is not allowed: <reason>'."""
    return phrase("html_attribute_refused", tag=tag, name=name, reason=reason)


def element_faults(tag: str, attributes: dict[str, str], *, rendered: bool = False) -> list[Phrase]:
    """Why one element of members' HTML, or any of its attributes, is not allowed (`rendered`:
    in HTML the site's renderer made from Markdown, which writes some classes itself)."""
    if tag not in ALLOWED_ELEMENTS:
        if tag in IMPLIED:
            return _structure_faults(tag, attributes)
        return [refused_element(tag, REASONS.get(tag, NOT_LISTED))]
    allowed = HTML_ELEMENTS.get(tag) or SVG_ELEMENTS.get(tag, frozenset())
    return [
        fault
        for name, value in attributes.items()
        if (fault := attribute_fault(tag, name, value, allowed, rendered=rendered))
    ]


def _structure_faults(tag: str, attributes: dict[str, str]) -> list[Phrase]:
    """A second <html>, <head> or <body> gives the page its attributes, handlers among them."""
    if not attributes:
        return []  # the parser's own, around a fragment
    handlers = [
        refused_attribute(tag, name, HANDLER) for name in attributes if name.startswith("on")
    ]
    return [structure_fault(tag), *handlers]


def attribute_fault(
    tag: str, name: str, value: str, allowed: frozenset[str], *, rendered: bool = False
) -> Phrase | None:
    """Why one attribute may not be on an element, or None if it may."""
    if name.startswith("on"):
        return refused_attribute(tag, name, HANDLER)
    if name == "ping":
        return refused_attribute(tag, name, PING)
    if name == "style":
        return style_fault(tag, value)
    if name in ("class", "id"):
        fault = _theme_class_fault(value, rendered) if name == "class" else _theme_id_fault(value)
        return fault and refused_attribute(tag, name, fault)
    if tag == "svg" and name == "transform":
        return refused_attribute(tag, name, OUTER_TRANSFORM)
    if tag in SVG_ELEMENTS and (call := css_call(value)):
        return refused_attribute(tag, name, phrase("svg_inline_calls_file", call=call))
    if name in GLOBAL_ATTRIBUTES or name in allowed or name.startswith("aria-"):
        return None
    if name.startswith("data-"):
        return refused_attribute(tag, name, phrase("reason_data_attribute"))
    listed = ", ".join(sorted(allowed | GLOBAL_ATTRIBUTES - {"markdown"}))
    return refused_attribute(
        tag, name, phrase("reason_attribute_not_listed", tag=tag, listed=listed)
    )


def style_fault(tag: str, value: str) -> Phrase | None:
    """Why an inline style is refused: only 'text-align' (left, right, center, justify) is kept."""
    reason = _style_reason(value)
    return reason and phrase("style_refused", tag=tag, value=_short(value), reason=reason)


def _style_reason(value: str) -> Phrase | None:
    """What an inline style would do that the site refuses (completes "'<style>' ..."), or None
    if it only aligns text."""
    if all(TEXT_ALIGN.fullmatch(part + ";") for part in value.split(";") if part.strip()):
        return None
    lowered = re.sub(r"\s+", "", value.lower())
    if "url(" in lowered or "@import" in lowered or "image-set(" in lowered:
        return LOADS
    if any(word in lowered for word in ("expression(", "behavior:", "-moz-binding")):
        return RUNS_CODE
    if "position:" in lowered or "inset" in lowered:
        return phrase("reason_places_over")
    return phrase("reason_restyles_page")


def _short(value: str, limit: int = 60) -> str:
    """A value as a message quotes it: one line, cut with '…' when long."""
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1] + "…"


ATTR_LIST_NAMES = frozenset(
    {"width", "height", "alt", "loading", "rel", "hreflang", "start", "colspan", "rowspan"}
)
"""What a Markdown attribute list may set beyond the global attributes (URLs are links)."""


def attr_list_fault(name: str, value: str) -> Phrase | None:
    """Why a Markdown attribute list ('{: ... }') may not set name=value (completes 'sets ...')."""
    if name in (".", "class"):
        return _theme_class_fault(value)
    if name in ("#", "id"):
        return _theme_id_fault(value)
    if name == "style":
        reason = _style_reason(value)
        return reason and phrase("attr_list_style", value=_short(value), reason=reason)
    if name in GLOBAL_ATTRIBUTES or name in ATTR_LIST_NAMES or name.startswith("aria-"):
        return None
    listed = ", ".join(sorted(ATTR_LIST_NAMES | GLOBAL_ATTRIBUTES - {"markdown"}))
    return phrase("attr_list_not_listed", name=name, listed=listed)


def _theme_class_fault(value: str, rendered: bool = False) -> Phrase | None:
    """Why a class list names a class members may not use (see MEMBER_CLASSES), or None: in
    HTML the site's renderer made (`rendered`), the classes it writes itself are allowed too."""
    refused = [c for c in value.split() if not (c in MEMBER_CLASSES or (rendered and renders(c)))]
    if not refused:
        return None
    if refused[0].lower().startswith(THEME_CLASSES) or refused[0] in RENDERER_CLASSES:
        return phrase("class_of_theme", name=refused[0])
    return phrase("class_refused", name=refused[0])


ADMONITION_TYPES = (
    "note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important",
    "success", "check", "done", "question", "help", "faq", "warning", "caution", "attention",
    "failure", "fail", "missing", "danger", "error", "bug", "example", "quote", "cite",
)  # fmt: skip
"""The admonition types the theme styles (`!!! tip`, or a <div class="admonition tip">)."""
MEMBER_CLASSES = frozenset(
    {*ADMONITION_TYPES, "admonition", "admonition-title", "md-button", "md-button--primary"}
)
"""The classes members may write (in HTML, attribute lists and admonitions): the theme's
scripts act on classes (a <pre class="mermaid"> loads a program from another site, an
'annotate' rewrites the page), so classes are an allowlist like elements and attributes.
`md-button` styles a link as a button, and nothing more."""
RENDERED_CLASSES = frozenset(
    {
        "highlight", "highlighttable", "linenos", "linenodiv", "normal", "special", "code",
        "filename", "hll", "footnote", "footnote-ref", "footnote-backref", "headerlink",
        "toclink",
        # Pygments' token classes, which the site's code highlighting writes:
        "bp", "c", "c1", "ch", "cm", "cp", "cpf", "cs", "dl", "err", "esc", "fm", "g", "gd", "ge",
        "ges", "gh", "gi", "go", "gp", "gr", "gs", "gt", "gu", "il", "k", "kc", "kd", "kn", "kp",
        "kr", "kt", "l", "ld", "m", "mb", "mf", "mh", "mi", "mo", "n", "na", "nb", "nc", "nd",
        "ne", "nf", "ni", "nl", "nn", "no", "nt", "nv", "nx", "o", "ow", "p", "pm", "py", "s",
        "s1", "s2", "sa", "sb", "sc", "sd", "se", "sh", "si", "sr", "ss", "sx", "vc", "vg", "vi",
        "vm", "w", "x",
    }
)  # fmt: skip
"""Classes the site's renderer writes itself (code blocks, footnotes, permalinks), which the
last guard accepts in a rendered body and the check refuses in what members write."""
LANGUAGE_CLASS = re.compile(r"language-[\w+#.-]+")


def renders(name: str) -> bool:
    """Whether the site's renderer writes this class itself (code, footnotes, permalinks)."""
    return name in RENDERED_CLASSES or LANGUAGE_CLASS.fullmatch(name) is not None


def _theme_id_fault(value: str) -> Phrase | None:
    """Why an id is the theme's own, or None."""
    if not value.strip().startswith("__"):
        return None
    return phrase("id_of_theme", id=value.strip())


CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})[ \t\n\r\f]?|\r\n|[\n\r\f]|(.)|$)", re.DOTALL)
"""A CSS escape: up to six hex digits (and one space after), a line continuation, or any
other character standing for itself."""
CSS_CALL = re.compile(r"url\(['\"]?([^'\")]*)|@import|@font-face|image-set\(|(?<![a-z-])src\(")
"""What makes CSS fetch a file: url() (unless it names a part of this document, #id),
@import, @font-face, image-set() (which takes bare strings) and src(), as `css_read` has it."""


def css_read(text: str) -> tuple[str, ...]:
    """CSS as browsers read it, for matching: escapes decoded ('u\\72l(' is 'url('), lowercase,
    without whitespace; once with its comments and once without, since a '/*' inside a string
    starts no comment, and a comment between two words joins them in no reading that matters."""
    readings = {text, _css_uncommented(text)} if "/*" in text else {text}
    return tuple(re.sub(r"\s+", "", _css_unescaped(r).lower()) for r in sorted(readings))


def css_call(text: str) -> str | None:
    """What in CSS (a style, an SVG presentation attribute, a <style> sheet) would fetch a
    file or an address, as read by css_read ('url(https://...)', '@import'...); None if
    nothing does (url(#id) points inside the document)."""
    for reading in css_read(text) if ("(" in text or "@" in text) else ():
        for match in CSS_CALL.finditer(reading):
            if match[1] is None or not match[1].startswith("#"):
                return match[0] + (")" if match[1] is not None else "")
    return None


def _css_unescaped(text: str) -> str:
    """CSS text with its escapes decoded (code points CSS refuses become U+FFFD)."""
    if "\\" not in text:
        return text

    def decode(match: re.Match[str]) -> str:
        if match[1]:
            code = int(match[1], 16)
            return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
        return match[2] or ""  # a line continuation, or a '\\' at the very end

    return CSS_ESCAPE.sub(decode, text)


def _css_uncommented(text: str) -> str:
    """CSS text without its comments (one left open runs to the end), in one pass."""
    kept, at = [], 0
    while (start := text.find("/*", at)) != -1:
        kept.append(text[at:start])
        end = text.find("*/", start + 2)
        if end == -1:
            return "".join(kept)
        at = end + 2
    return "".join([*kept, text[at:]])
