"""Untrusted content: members' HTML against the allowlist, SVG files, and what pages may carry.

HTML is read with lxml (libxml2's HTML parser), the way a browser tokenizes it. Comments are not
honoured, so nothing can hide inside one; elements whose content browsers and parsers read
differently (raw-text elements) are refused outright, so no parser difference can hide code.
Members' HTML (in Markdown, or rendered from it) is judged by the allowlist
(generator/content/allowlist.py); SVG files and whole rendered pages, which hold markup members
did not write (exported drawings, the site's own), by the list of what is active.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from markupsafe import Markup

from polyvox.content import allowlist
from polyvox.content.allowlist import (
    CHANGES_LOADING,
    COLLECTS,
    EMBEDS,
    HANDLER,
    LOADS_FILES,
    PING,
    READ_DIFFERENTLY,
    REDIRECTS,
    RESTYLES,
    RUNS_CODE,
    refused_attribute,
    refused_element,
    structure_fault,
)
from polyvox.content.links import (
    BLANK_LINE,
    LOOKAROUND,
    MARKDOWN_ATTRIBUTE,
    SAFE_SCHEMES,
    Link,
    code_masked,
    form_words,
    line_ends,
    link_fault,
    markdown_links,
    markdown_text,
    scheme_of,
    shown,
    tracking_parameters,
    url_fault,
    without_fenced_code,
    without_tracking,
)
from polyvox.content.markup import Reading, fitted, markup_faults, read_markup
from polyvox.content.problems import Problem, error, warning
from polyvox.content.reader import too_big
from polyvox.errors import UnsafeContent
from polyvox.i18n.phrases import Count, Phrase, phrase

ACTIVE_ELEMENTS: dict[str, Phrase] = {
    "script": RUNS_CODE,
    "iframe": EMBEDS,
    "frame": EMBEDS,
    "frameset": EMBEDS,
    "object": EMBEDS,
    "embed": EMBEDS,
    "applet": EMBEDS,
    "portal": EMBEDS,
    "style": RESTYLES,
    "link": LOADS_FILES,
    "form": COLLECTS,
    "meta": CHANGES_LOADING,
    "base": REDIRECTS,
    "noscript": READ_DIFFERENTLY,
    "noembed": READ_DIFFERENTLY,
    "noframes": READ_DIFFERENTLY,
    "xmp": READ_DIFFERENTLY,
    "plaintext": READ_DIFFERENTLY,
    "title": READ_DIFFERENTLY,
    "textarea": READ_DIFFERENTLY,
}
"""Elements a whole rendered page or an SVG file may not contain, and why (completes 'it ...');
members' HTML is judged by the allowlist instead."""
PAGE_STRUCTURE = frozenset({"html", "head", "body"})
"""Elements every page already has: a second one merges its attributes into the page's own."""
ALLOWED_IN_SVG_FILES = frozenset({"style", "title"})
"""In an SVG image, <style> only styles the image and <title> names it."""
SVG_REFERENCES = frozenset({"use", "image", "feimage"})
"""SVG elements that draw another file: in an SVG file, only this file's own parts (#id)."""
URL_ATTRIBUTES = frozenset(
    {
        "href", "src", "srcset", "poster", "action", "formaction", "background", "cite",
        "longdesc", "lowsrc", "dynsrc", "usemap", "codebase", "classid", "data", "manifest",
        "icon", "profile", "archive",
    }
)  # fmt: skip
ANIMATIONS = frozenset({"animate", "set", "animatemotion", "animatetransform"})
"""SVG elements whose to/from/values/by can rewrite another attribute, href included."""
RASTER_DATA = ("data:image/png", "data:image/jpeg", "data:image/gif", "data:image/webp")
"""data: URLs an SVG image may embed: pictures only, never markup."""


@dataclass(frozen=True)
class Finding:
    """One piece of active content, on a line counted from 1 in the text scanned."""

    line: int
    said: Phrase | str
    """What is wrong, in no language yet (text, when read back from the fragment cache)."""

    @property
    def message(self) -> str:
        """What is wrong, in English."""
        return str(self.said)


@dataclass(frozen=True)
class HtmlScan:
    """What a piece of HTML holds: active content, and the URLs its attributes carry."""

    findings: list[Finding]
    links: list[Link]


def scan_html(text: str, *, data_scripts: frozenset[str] = frozenset()) -> HtmlScan:
    """Find active elements and attributes, and every URL, in HTML."""
    root, parse_faults = _parse_html(_uncommented(text))
    scan = _scan_tree(root, judge=_page_faults, data_scripts=data_scripts)
    return HtmlScan(parse_faults + scan.findings, scan.links)


def members_html_scan(text: str) -> HtmlScan:
    """Faults of members' HTML against the allowlist, and every URL it carries."""
    root, parse_faults = _parse_html(_uncommented(text))
    scan = _scan_tree(root, judge=allowlist.element_faults, data_scripts=frozenset())
    return HtmlScan(parse_faults + scan.findings, scan.links)


def scan_markdown_html(masked: str) -> HtmlScan:
    """Raw HTML in code-blanked Markdown, read as a whole and again from each tag start.

    Python-Markdown decides tag by tag what is HTML and escapes the rest, so a tag that a
    whole-text parser reads as part of another one can come out live: the <script> in
    '<a href=( ` <script>'. Reading each tag start on its own as well means no element can
    hide inside another in one reading only.
    """
    text = _uncommented(_autolinks_blanked(masked))
    whole = members_html_scan(text)
    findings, links = dict.fromkeys(whole.findings), dict.fromkeys(whole.links)
    tag_findings: dict[Finding, None] = {}
    tag_links: dict[Link, None] = {}
    for match in TAG_NAME.finditer(text):
        element = _first_element(text[match.start() : match.start() + LOOKAROUND], match[1])
        if element is not None:
            part = _scan_tree(
                element, judge=allowlist.element_faults, data_scripts=frozenset(), deep=False
            )
            line = text.count("\n", 0, match.start()) + 1  # where the tag starts
            tag_findings.update(dict.fromkeys(Finding(line, f.said) for f in part.findings))
            tag_links.update(dict.fromkeys(Link(k.url, line, k.form) for k in part.links))
    findings = [*_at_tag_starts(list(findings), list(tag_findings)), *tag_findings]
    links = [*_at_tag_starts(list(links), list(tag_links)), *tag_links]
    return HtmlScan(sorted(findings, key=lambda f: f.line), sorted(links, key=lambda k: k.line))


def _at_tag_starts(whole: list, at_starts: list) -> Iterator:
    """The findings (or links) of the whole-text reading that the tag-by-tag one did not
    make: a parser gives the line where a tag ends, the tag-by-tag reading the line where it
    starts, which is the one a member looks for."""
    unmatched = list(at_starts)
    for found in sorted(whole, key=lambda f: f.line):
        twin = next((f for f in unmatched if _same(f, found) and f.line <= found.line), None)
        if twin is None:
            yield found
        else:
            unmatched.remove(twin)


def _same(one: Finding | Link, other: Finding | Link) -> bool:
    """Whether two findings (or links) say the same thing, whatever line each names."""
    if isinstance(one, Link):
        return one._replace(line=0) == other._replace(line=0)
    return one.said == other.said


def _first_element(fragment: str, name: str):
    """The element a fragment opens with (named name), as lxml reads it, or None.

    A tag left open at the end of a body is closed by whatever the page puts after it, so
    it is read as closed too, quoted value and all.
    """
    wanted = _local_name(name)
    for ending in ("", ">", '">', "'>"):
        root, _ = _parse_html(fragment + ending)
        for element in root.iter() if root is not None else ():
            if isinstance(element.tag, str) and _local_name(element.tag) == wanted:
                return element
    return None


def _autolinks_blanked(text: str) -> str:
    """Autolinks ('<https://...>', '<a@b.org>') blanked: Python-Markdown makes them links,
    checked with the others. One holding '=' stays, as a browser could read an attribute in it
    (inside a raw HTML block, autolinks are not made)."""
    if "://" not in text and "@" not in text:
        return text
    from markdown.inlinepatterns import AUTOLINK_RE, AUTOMAIL_RE

    return re.sub(
        f"{AUTOLINK_RE}|{AUTOMAIL_RE}",
        lambda m: m[0] if "=" in m[0] else " " * len(m[0]),
        text,
    )


def _rendered_faults(tag: str, attributes: dict[str, str]) -> list[Phrase]:
    """The allowlist's faults of an element of HTML rendered from members' Markdown."""
    return allowlist.element_faults(tag, attributes, rendered=True)


COVERS_OR_CALLS = re.compile(
    r"url\(|@import|image-set\(|src\(|position|expression\(|behavior|binding|transform"
)
"""What in an inline style calls another address, runs code or can place an element anywhere
(the site's own pages carry no inline style at all)."""


def _page_faults(tag: str, attributes: dict[str, str]) -> list[Phrase]:
    """What is active about an element of a whole rendered page (the site's markup included)."""
    faults = element_faults(tag, attributes, svg_file=False)
    style = attributes.get("style", "")
    if style and any(COVERS_OR_CALLS.search(read) for read in allowlist.css_read(style)):
        faults.append(allowlist.style_fault(tag, style))
    return faults


def _svg_file_faults(tag: str, attributes: dict[str, str]) -> list[Phrase]:
    """What is active about an element of an SVG file, or makes it call another address."""
    return element_faults(tag, attributes, svg_file=True)


def _scan_tree(root, *, judge, data_scripts: frozenset[str], deep: bool = True) -> HtmlScan:
    """Walk a parsed tree (HTML or XML), or one element: faults of each, and the URLs."""
    findings, links = [], []
    elements = (root.iter() if deep else [root]) if root is not None else ()
    for element in elements:
        if isinstance(element.tag, str):
            line, tag = element.sourceline or 1, _local_name(element.tag)
            attributes = {_local_name(k): v for k, v in element.attrib.items()}
            if not (tag == "script" and attributes.get("type", "").lower() in data_scripts):
                faults = judge(tag, attributes)
                findings += [Finding(line, message) for message in faults]
            links += [Link(url, line, form) for form, url in _urls(tag, attributes)]
    return HtmlScan(findings, links)


def _uncommented(text: str) -> str:
    """Blank the openers and closers of comments and declarations, so their content is read.

    Browsers end comments in ways parsers do not all follow ('<!-->', '--!>'), so instead of
    guessing where a comment ends, the check reads what is inside as if it were live.
    """
    if "<!" not in text and "<?" not in text:
        return text
    return text.replace("<!", "  ").replace("<?", "  ").replace("-->", "   ")


def _parse_html(text: str):
    """Parse HTML with lxml; return the root (or None) and the faults that stop a safe reading."""
    import lxml.etree  # imported on first use: most bodies hold no HTML at all

    parser = lxml.etree.HTMLParser(
        recover=True, no_network=True, remove_comments=True, remove_pis=True
    )
    try:
        root = lxml.etree.fromstring(text.replace("\x00", "\ufffd"), parser)
    except lxml.etree.LxmlError as exc:
        return None, [Finding(1, phrase("html_unreadable", reason=str(exc)))]
    faults = [
        Finding(entry.line, _parse_fault_message(entry.message))
        for entry in parser.error_log
        if entry.level_name == "FATAL" or "misplaced <" in entry.message
    ]
    return root, faults


def _parse_fault_message(message: str) -> Phrase:
    """Explain a parser error that could hide content from the check."""
    misplaced = re.search(r"misplaced <(\w+)>", message)
    if misplaced:
        return structure_fault(misplaced[1].lower())
    if "Excessive depth" in message:
        return phrase("html_too_deep")
    return phrase("html_uncheckable", reason=message.strip())


NAMESPACE_PREFIXES = frozenset({"svg", "math", "xlink", "xml", "xhtml", "html", "xmlns"})
"""Prefixes that name a namespace; with any other, the whole name is what browsers read."""


def _local_name(name: str) -> str:
    """A tag or attribute name without namespace or prefix, lowercase ('svg:script' -> 'script')."""
    name = name.rpartition("}")[2].lower()
    prefix, _, local = name.rpartition(":")
    return local if local and prefix in NAMESPACE_PREFIXES else name


def element_faults(tag: str, attributes: dict[str, str], *, svg_file: bool = False) -> list[Phrase]:
    """What is active about one element itself and its attributes (URLs are checked apart)."""
    faults = []
    if tag in ACTIVE_ELEMENTS and not (svg_file and tag in ALLOWED_IN_SVG_FILES):
        faults.append(refused_element(tag, ACTIVE_ELEMENTS[tag]))
    if tag in PAGE_STRUCTURE and attributes:
        faults.append(structure_fault(tag))
    if svg_file:
        faults += _svg_file_reference_faults(tag, attributes)
    for name, value in attributes.items():
        if name.startswith("on"):
            faults.append(refused_attribute(tag, name, HANDLER))
        elif name == "ping":
            faults.append(refused_attribute(tag, "ping", PING))
        elif name == "attributename" and value.strip().lower().startswith("on"):
            faults.append(phrase("svg_animates_handler", tag=tag, value=value.strip()))
    return faults


def _svg_file_reference_faults(tag: str, attributes: dict[str, str]) -> list[Phrase]:
    """Parts of an SVG file that would draw or style it from another file or address."""
    if tag == "foreignobject":
        return [refused_element("foreignObject", EMBEDS, phrase("hint_remove"))]
    faults = []
    for name, value in attributes.items():
        if tag in SVG_REFERENCES and name == "href" and not _inside_drawing(tag, value):
            faults.append(phrase("svg_reference_outside", tag=tag, url=shown(value)))
        elif name == "href" and tag not in ("a", *SVG_REFERENCES) and not value.startswith("#"):
            faults.append(phrase("svg_href_outside", tag=tag, url=shown(value)))
        elif call := allowlist.css_call(value):
            reason = phrase("svg_file_calls_file", call=shown(call, 60))
            faults.append(refused_attribute(tag, name, reason))
    return faults


def _inside_drawing(tag: str, url: str) -> bool:
    """Whether an SVG reference stays in the file: #id, or (for images) an embedded picture."""
    url = url.strip()
    return url.startswith("#") or (tag != "use" and url.lower().startswith(RASTER_DATA))


def _svg_style_faults(root) -> list[Finding]:
    """<style> text in an SVG file that would load another file (url(), @import, ...)."""
    return [
        Finding(element.sourceline or 1, phrase("svg_style_calls_file", call=shown(call, 60)))
        for element in root.iter()
        if isinstance(element.tag, str) and _local_name(element.tag) == "style"
        for call in [allowlist.css_call("".join(element.itertext()))]
        if call
    ]


SVG_NAMESPACE = "http://www.w3.org/2000/svg"
LIVE_NAMESPACES = {
    "http://www.w3.org/1999/xhtml": phrase("namespace_html"),
    "http://www.w3.org/1998/Math/MathML": phrase("namespace_mathml"),
}
"""Namespaces whose elements an SVG file may not hold (completes 'it is ...'); elements of
any other (Inkscape's, RDF metadata) are inert, and SVG's own are allowlisted."""
SVG_FILE_ELEMENTS = frozenset(
    {
        "svg", "g", "defs", "symbol", "use", "switch", "title", "desc", "metadata", "style",
        "a", "view", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text",
        "tspan", "textpath", "image", "lineargradient", "radialgradient", "stop", "pattern",
        "clippath", "mask", "marker", "filter", "feblend", "fecolormatrix",
        "fecomponenttransfer", "fecomposite", "feconvolvematrix", "fediffuselighting",
        "fedisplacementmap", "fedistantlight", "fedropshadow", "feflood", "fefunca", "fefuncb",
        "fefuncg", "fefuncr", "fegaussianblur", "feimage", "femerge", "femergenode",
        "femorphology", "feoffset", "fepointlight", "fespecularlighting", "fespotlight",
        "fetile", "feturbulence",
    }
)  # fmt: skip
"""The SVG elements a drawing exported by a drawing program needs: shapes, text, paint,
clipping and filters; no script, no foreign content, no animation."""


def _svg_document_faults(root, data: bytes) -> list[Finding]:
    """What makes an SVG file read otherwise by a browser than by this check, or hold what a
    drawing does not need: its own entities or DTD, processing instructions (a style sheet
    from elsewhere), a root that is not SVG, elements outside the allowlist."""
    import lxml.etree

    faults = []
    encoding = root.getroottree().docinfo.encoding or "utf-8"
    if _internal_subset(data.decode(encoding, errors="replace")):
        faults.append(Finding(1, INTERNAL_DTD))
    for node in [*root.itersiblings(preceding=True), *root.iter()]:
        line = node.sourceline or 1
        if isinstance(node, lxml.etree._Entity):
            faults.append(Finding(line, phrase("svg_entity", name=node.name)))
        elif isinstance(node, lxml.etree._ProcessingInstruction):
            faults.append(Finding(line, phrase("svg_instruction", target=node.target)))
    if root.tag != f"{{{SVG_NAMESPACE}}}svg":
        faults.append(Finding(root.sourceline or 1, NOT_SVG))
    stack = [root]
    while stack:  # depth first; what a refused element holds is not named again
        element = stack.pop()
        refused = _svg_element_fault(element)
        faults += refused
        if not refused and element.tag.lower() != f"{{{SVG_NAMESPACE}}}foreignobject":
            stack += [child for child in reversed(element) if isinstance(child.tag, str)]
    return faults


def _internal_subset(text: str) -> bool:
    """Whether a document's DOCTYPE has an internal subset ('[...]'), its quoted identifiers
    skipped as XML reads them (one pass; a DOCTYPE cannot be anywhere else)."""
    start = text.find("<!DOCTYPE")
    index, quote = start + len("<!DOCTYPE"), ""
    while start != -1 and index < len(text):
        char = text[index]
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "[>":
            return char == "["
        index += 1
    return False


def _svg_element_fault(element) -> list[Finding]:
    """Why an element of an SVG file is not allowed by its namespace or name (a known active
    element has its own message, from element_faults)."""
    namespace, _, name = element.tag.removeprefix("{").rpartition("}")
    line = element.sourceline or 1
    lowered = name.lower()
    if lowered in ACTIVE_ELEMENTS or lowered == "foreignobject":
        return []  # element_faults says why
    if namespace in LIVE_NAMESPACES:
        return [
            Finding(line, phrase("svg_live_namespace", tag=name, what=LIVE_NAMESPACES[namespace]))
        ]
    if namespace == SVG_NAMESPACE and lowered not in SVG_FILE_ELEMENTS:
        reason = allowlist.REASONS.get(lowered, phrase("reason_not_in_drawings"))
        return [Finding(line, phrase("svg_element_refused", tag=name, reason=reason))]
    return []


INTERNAL_DTD = phrase("svg_internal_dtd")
NOT_SVG = phrase("svg_not_svg")


def _urls(tag: str, attributes: dict[str, str]) -> Iterator[tuple[str, str]]:
    """Each URL an element's attributes carry, as (form, url): srcset and values split."""
    for name, value in attributes.items():
        if name in URL_ATTRIBUTES or (tag in ANIMATIONS and name in ("to", "from", "by", "values")):
            form = f"<{tag} {name}>"
            if name == "srcset":
                yield from ((form, part.split()[0]) for part in value.split(",") if part.split())
            elif name == "values":
                yield from ((form, part) for part in value.split(";"))
            else:
                yield form, value


def scheme_faults(links: Iterable[Link], *, svg_file: bool = False) -> list[Finding]:
    """The links whose scheme is not http, https or mailto (SVG images may embed pictures)."""
    return [
        Finding(link.line, link_fault(link, url_fault(link.url)))
        for link in links
        if scheme_of(link.url) not in (None, *SAFE_SCHEMES)
        and not (svg_file and link.url.strip().lower().startswith(RASTER_DATA))
    ]


def attr_list_scan(masked: str, first_line: int, written: str | None = None) -> HtmlScan:
    """Attribute lists ('{: onclick=... }') that would give an element a handler, a URL or an
    attribute or class members may not use. `written` is the body before code was masked,
    for what stands right before a brace (a code span's closing backtick, say)."""
    from markdown.extensions.attr_list import get_attrs_and_remainder

    findings, links, ends = [], [], line_ends(masked)
    for match in ATTR_LIST.finditer(masked):
        attributes, _ = get_attrs_and_remainder(match[1])
        line = first_line + bisect_left(ends, match.start())
        for name, value in ((k.lower(), v) for k, v in attributes):
            if value is None:
                if not _read_as_attr_list(masked, match, written or masked, ends):
                    continue  # a word in braces in prose: Markdown leaves it as text
                value = name  # a bare word: the attribute, without a value
            braces = shown(match[0], 40)
            if name.startswith("on") or name == "ping":
                reason = PING if name == "ping" else HANDLER
                sets = phrase("attr_list_sets_attribute", written=braces, name=name, reason=reason)
                findings.append(Finding(line, sets))
            elif name in URL_ATTRIBUTES:
                links.append(Link(value, line, f"attribute list '{name}'"))
            elif fault := allowlist.attr_list_fault(name, value):
                findings.append(
                    Finding(line, phrase("attr_list_sets", written=braces, fault=fault))
                )
    return HtmlScan(findings, links)


ATTR_LIST = re.compile(r"\{:?([^\n{}]*)\}?")
"""Something in braces, which Python-Markdown's attr_list may read as an attribute list."""
UNDERLINE = re.compile(r"[ ]{0,3}(=+|-+)[ \t]*")
NOT_BLANK = re.compile(r"\S")


def _read_as_attr_list(masked: str, match: re.Match[str], written: str, ends: list[int]) -> bool:
    """Whether attr_list reads these braces as an attribute list (where a bare word becomes an
    attribute): '{:', alone on its line, at the end of a heading, or right after an inline
    element (emphasis, code, a link). Where it could, it is taken to."""
    start, end = match.span()
    if match[0].startswith("{:"):
        return True
    before = written[start - 1] if start else "\n"
    if not (before.isspace() or before.isalnum()):
        return True  # right after '*', '`', ')', ']', '>'...
    index = bisect_left(ends, start)  # the line of the braces, by its end
    line_start = ends[index - 1] + 1 if index else 0
    line_end = ends[index] if index < len(ends) else len(masked)
    next_end = ends[index + 1] if index + 1 < len(ends) else len(masked)
    if NOT_BLANK.search(masked, end, line_end):
        return False  # text follows on the line: only the last braces of a line can be read
    head = masked[line_start:start].lstrip(" \t>")
    following = masked[line_end + 1 : next_end]
    return not head or head.startswith("#") or UNDERLINE.fullmatch(following) is not None


ADMONITION = re.compile(r"^[ \t>]*(?:!!!|\?\?\?\+?) ?([\w-]+(?: +[\w-]+)*)", re.MULTILINE)
"""An admonition's opening line ('!!! tip', '??? note' with details): its words are classes."""


def admonition_scan(masked: str, first_line: int) -> list[Finding]:
    """Admonitions whose type words are classes members may not use ('!!! mermaid')."""
    findings, ends = [], line_ends(masked)
    for match in ADMONITION.finditer(masked):
        line = first_line + bisect_left(ends, match.start())
        for word in match[1].lower().split():
            if fault := allowlist.attr_list_fault(".", word):
                opening = shown(match[0].strip(), 40)
                findings.append(
                    Finding(line, phrase("admonition_sets", written=opening, fault=fault))
                )
    return findings


def scan_svg_file(data: bytes) -> list[Finding]:
    """Find active content in an SVG image file (a file opened on its own runs its scripts)."""
    import lxml.etree

    parser = lxml.etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = lxml.etree.fromstring(data, parser)
    except lxml.etree.XMLSyntaxError as exc:
        return [Finding(exc.lineno or 1, phrase("svg_not_xml", reason=exc.msg))]
    scan = _scan_tree(root, judge=_svg_file_faults, data_scripts=frozenset())
    findings = _svg_document_faults(root, data) + scan.findings + _svg_style_faults(root)
    findings += scheme_faults(scan.links, svg_file=True)
    return sorted(findings, key=lambda f: f.line)


def fragment_faults(html: str, *, own_site: str = "") -> list[Finding]:
    """What in a rendered fragment of members' HTML the allowlist refuses, line by line.

    The build's last guard: call it on each body's HTML as rendered (or as an output carries
    it: see `guarded`), apart from the page around it, so the theme's and the site's own markup
    is never judged by it. Pictures at `own_site` (the address outputs make links absolute
    against) are the site's own, not another site's.
    """
    if "<" not in html:
        return []
    root, faults = _parse_html(html)
    scan = _scan_tree(root, judge=_rendered_faults, data_scripts=frozenset())
    findings = faults + scan.findings + scheme_faults(scan.links)
    findings += _outside_embeds(scan.links, own_site)
    return sorted(findings, key=lambda f: f.line)


class UnsafeOutput(UnsafeContent):
    """An output would carry members' HTML that the last guard refuses: nothing is written."""


def guarded(html: str, *, source: str, output: str, own_site: str = "") -> str:
    """Members' HTML as one output carries it, once the build's fragment guard has passed it.

    The one last guard for every output that carries members' HTML, whatever it did to the
    HTML on the way (links rebased or made absolute, headings moved, parts dropped): the
    site's pages, a feed item's quoted body, an email's body, an exported page. Raises
    UnsafeOutput naming the source (a content file or a page) and the output.
    """
    faults = fragment_faults(html, own_site=own_site)
    if faults:
        raise UnsafeOutput(output_fault_report(source, output, faults))
    return html


def output_fault_report(source: str, output: str, findings: list[Finding]) -> str:
    """Why an output stops on members' HTML that the last guard refuses (output completes
    'would put active content ...', e.g. 'in the email')."""
    lines = [f"  its HTML there, line {f.line}: {f.message}" for f in findings]
    return "\n".join(
        [
            f"{source} would put active content {output}, so nothing is written:",
            *lines,
            "'polyvox check' should have refused it: please report it, with the content file, "
            "to the maintainers.",
        ]
    )


def rendered_page_faults(html: str) -> list[Finding]:
    """Active content in a rendered page's HTML; JSON-LD data blocks are not code."""
    scan = scan_html(html, data_scripts=frozenset({"application/ld+json"}))
    findings = scan.findings + scheme_faults(scan.links) + _outside_embeds(scan.links)
    return sorted(findings, key=lambda f: f.line)


def path_fault(target: str, folder: Path, content_dir: Path) -> Phrase | None:
    """What is wrong with a file path a page embeds (image, video): it must stay in content/."""
    path = unquote(target.split("#")[0].split("?")[0]).strip()
    if not path or scheme_of(path) is not None or path.startswith("//"):
        return None
    if path.startswith(("/", "\\")) or re.match(r"[A-Za-z]:[\\/]", path):
        meant = relative_image_path(path, folder, content_dir)
        return phrase("path_absolute", meant=meant)
    if not (folder / path).resolve().is_relative_to(content_dir.resolve()):
        if _climbs_out(Path(*folder.relative_to(content_dir).parts, path)):
            return phrase("path_leaves_content")
        return phrase("path_link_outside")
    return None


def relative_image_path(path: str, folder: Path, content_dir: Path) -> str:
    """The path an absolute image path most likely meant, written from `folder`: the file it
    names below content/, or else a file of that name in content/assets/."""
    below = re.sub(r"^[A-Za-z]:", "", path).replace("\\", "/").lstrip("/")
    name = below.rpartition("/")[2] or "photo.png"
    target = content_dir / below
    if not target.is_file():
        target = content_dir / "assets" / name
    return Path(os.path.relpath(target, folder)).as_posix()


EMBEDS_OUTSIDE = phrase("embeds_outside")
EMBEDDING = frozenset({"image", "image definition", "<img src>", "<img srcset>", "<use href>"})
"""The forms of the links that allowed members' markup shows in the page itself."""


def _outside_embeds(links: Iterable[Link], own_site: str = "") -> list[Finding]:
    """The pictures and drawings a page would fetch from another site."""
    return [
        Finding(link.line, link_fault(link, EMBEDS_OUTSIDE))
        for link in links
        if _is_outside(link, own_site)
    ]


def _is_outside(link: Link, own_site: str = "") -> bool:
    """Whether a link's target is shown in the page and lies on another site, as a browser
    reads the address: entities decoded, tabs and line breaks dropped, '\\' taken for '/'
    (an address under `own_site`, the site's own, is not another site)."""
    if link.form not in EMBEDDING:
        return False
    url = re.sub(r"[\t\n\r]", "", unescape(link.url)).strip().replace("\\", "/")
    if own_site and _under(url, own_site):
        return False
    return url.startswith("//") or scheme_of(url) in ("http", "https")


def _under(url: str, site: str) -> bool:
    """Whether an address is on a site (same scheme, host and port), as a browser resolves it."""
    target, home = urlsplit(urljoin(site, url)), urlsplit(site)
    return (target.scheme, target.netloc.lower()) == (home.scheme, home.netloc.lower())


def _climbs_out(relative: Path) -> bool:
    """Whether a path relative to content/ climbs above it with '..'."""
    depth = 0
    for part in relative.parts:
        depth += -1 if part == ".." else 0 if part == "." else 1
        if depth < 0:
            return True
    return False


MAX_MARKUP = 2_000
"""Most '<' or '[' a body may hold outside code: Python-Markdown slows down quadratically on
unclosed ones (4,000 unclosed '[' take 3.5 s to render, a megabyte of them hours)."""
BLOCKED_ASSETS = frozenset(
    {
        ".html", ".htm", ".xhtml", ".xht", ".shtml", ".mht", ".mhtml", ".xml", ".xsl", ".xslt",
        ".svgz", ".js", ".mjs", ".swf", ".wasm",
    }
)  # fmt: skip
"""File types a browser would run as a page or a program of this site if a reader opened one."""
TAG_START = re.compile(r"</?[A-Za-z]")
TAG_NAME = re.compile(r"<([A-Za-z][^\s/<>]*)")


def check_body(
    body: str, first_line: int, rel: str, *, folder: Path, content_dir: Path
) -> tuple[list[Problem], list[Link]]:
    """Every active-content, link and path problem in a Markdown body, and the links it holds."""
    body = markdown_text(body)  # lines as the renderer reads them
    overload = rendering_overload(body)
    overload = overload or (_markup_overload(body) and _markup_overload(code_masked(body)))
    if overload:
        return [error(rel, first_line + overload[0], overload[1])], []
    last_mark = max(
        body.rfind("<"), body.rfind("]("), body.rfind("]:"), body.rfind("{"), body.rfind("!!!"),
        body.rfind("???"),
    )  # fmt: skip
    if last_mark == -1:
        return [], []
    first_code = min(_find(body, "`"), _find(body, "~~~"))
    masked = body if first_code > last_mark else code_masked(body)  # no code before any mark
    findings, links = [], []
    if "<" in masked and TAG_START.search(masked):
        reading = read_markup(body, masked)
        scan = scan_markdown_html(reading.live)
        findings += [
            Finding(first_line + f.line - 1, fitted(f.said, f.line, reading, masked))
            for f in scan.findings
        ]
        links += [Link(k.url, first_line + k.line - 1, k.form) for k in scan.links]
        faulty = {finding.line for finding in findings}  # one thing at a time on a line
        breaking = markup_findings(reading, masked, first_line)
        findings += [finding for finding in breaking if finding.line not in faulty]
    if "]" in masked or "://" in masked:
        links += markdown_links(masked, first_line)
    if "{" in masked:
        scan = attr_list_scan(masked, first_line, body)
        findings, links = findings + scan.findings, links + scan.links
    if "!!!" in masked or "???" in masked:
        findings += admonition_scan(masked, first_line)
    if len(links) > 1:
        links.sort(key=lambda link: link.line)
    problems = [error(rel, f.line, f.said) for f in findings]
    return problems + link_problems(links, rel, folder=folder, content_dir=content_dir), links


def markup_findings(reading: Reading, masked: str, first_line: int) -> list[Finding]:
    """The tags of a body that would break its page (polyvox.content.markup), on their line."""
    return [
        Finding(first_line + masked.count("\n", 0, at), message)
        for at, message in markup_faults(reading, masked)
    ]


def _find(text: str, what: str) -> int:
    """Where what first occurs in text, or len(text) if it does not."""
    index = text.find(what)
    return len(text) if index == -1 else index


def _markup_overload(text: str) -> tuple[int, Phrase] | None:
    """Where and why, if the text holds more '<' or '[' than the renderer copes with."""
    if len(text) <= MAX_MARKUP:
        return None
    for mark in "<[":
        count = text.count(mark)
        if count > MAX_MARKUP:
            return text.count("\n", 0, text.find(mark)), phrase(
                "markup_overload", marks=Count(count), mark=mark, limit=Count(MAX_MARKUP)
            )
    return None


RENDER_WORK = 2_000_000_000
"""How much inline work a body may ask of the renderer: Python-Markdown's time on a paragraph
grows with its length times the marks it holds (each mark can restart a scan of the rest),
and a failed code span rescans the paragraph from every backtick. 2e9 is about a second."""
INLINE_MARKS = "`*_[]<>&\\!~"
BACKTICK_WEIGHT = 60
"""How much dearer a backtick is than another mark (measured: an unclosed code span's scan)."""
MAX_NESTING = 100
"""How deep lists, quotes, indented blocks and Markdown-in-HTML blocks may nest: the renderer
recurses once per level and stops with an error past a few hundred."""


def rendering_overload(body: str) -> tuple[int, Phrase] | None:
    """Where and why, if rendering the body would take the renderer too long or too deep:
    a paragraph long and dense with marks (its cost grows with the square of its length), or
    blocks nested past MAX_NESTING. Linear itself: it runs before anything else reads code.
    Most bodies are found well inside both bounds at once, as if each were one paragraph
    whose every line could be deep."""
    dense = _inline_work(body) > RENDER_WORK and _dense_paragraph(without_fenced_code(body))
    if dense:
        return dense
    if DEEP_PREFIX.search("\n" + body) or body.count("markdown") > MAX_NESTING:
        return _nesting_overload(without_fenced_code(body))
    return None


DEEP_PREFIX = re.compile(rf"\n[ \t>*+\-0-9.)]{{{MAX_NESTING + 1}}}")
"""A line starting with more characters that can open or indent a block than MAX_NESTING:
the only kind of line that can nest deeper (each character opens one level at most)."""


def _inline_work(text: str) -> int:
    """The renderer's inline work on a text taken as one paragraph (see RENDER_WORK); a short
    text is not counted, since even one made of backticks alone stays under the bound."""
    if (BACKTICK_WEIGHT + 1) * len(text) ** 2 <= RENDER_WORK:
        return 0
    return len(text) * (sum(map(text.count, INLINE_MARKS)) + BACKTICK_WEIGHT * text.count("`"))


def _dense_paragraph(text: str) -> tuple[int, Phrase] | None:
    """Where and why, if the paragraphs of a text (fenced code blanked) ask too much work."""
    work, start = 0, 0
    for end in [*(m.start() for m in BLANK_LINE.finditer(text)), len(text)]:
        block = text[start:end]
        marks = sum(map(block.count, INLINE_MARKS)) + BACKTICK_WEIGHT * block.count("`")
        work += len(block) * marks
        if work > RENDER_WORK:
            first = start + len(block) - len(block.lstrip())  # where its text starts
            return text.count("\n", 0, first), DENSE_PARAGRAPH
        start = end
    return None


DENSE_PARAGRAPH = phrase("markup_dense_paragraph")


def _nesting_overload(text: str) -> tuple[int, Phrase] | None:
    """Where and why, if lists, quotes or indented blocks nest past MAX_NESTING."""
    lined = "\n" + text  # every line starts after a line end, the first one too
    for match in DEEP_PREFIX.finditer(lined):
        line_end = lined.find("\n", match.start() + 1)
        line = lined[match.start() + 1 : len(lined) if line_end == -1 else line_end]
        depth = _nesting(line) if line.strip() else 0  # blank, or code blanked out
        if depth > MAX_NESTING:
            return lined.count("\n", 1, match.start() + 1), phrase(
                "markup_nested", depth=depth, most=MAX_NESTING
            )
    marked = list(MARKDOWN_ATTRIBUTE.finditer(text)) if "markdown" in text else []
    if len(marked) > MAX_NESTING:
        blocks = len(marked)
        return text.count("\n", 0, marked[0].start()), phrase(
            "markup_markdown_blocks", blocks=blocks, most=MAX_NESTING
        )
    return None


def _nesting(line: str) -> int:
    """How many blocks a line opens or sits in: quote marks, list markers, and four columns of
    indentation each (a tab counting to the next multiple of four)."""
    depth, column, index = 0, 0, 0
    while index < len(line):
        start = column
        while index < len(line) and line[index] in " \t":
            column = column + 4 - column % 4 if line[index] == "\t" else column + 1
            index += 1
        depth += (column - start) // 4
        marker = LIST_MARKER.match(line, index)
        if index < len(line) and line[index] == ">":
            depth, index, column = depth + 1, index + 1, column + 1
        elif marker:
            depth, index = depth + 1, marker.end()
            column += marker.end() - marker.start()
        else:
            return depth
    return depth


LIST_MARKER = re.compile(r"(?:[-*+]|[0-9]{1,9}[.)])(?=[ \t])")


def link_problems(
    links: Iterable[Link], rel: str, *, folder: Path, content_dir: Path
) -> list[Problem]:
    """Errors for bad schemes, malformed URLs and images outside content/; tracking warnings."""
    problems = []
    for link in links:
        fault = url_fault(link.url)
        if fault is None and link.is_image:
            fault = EMBEDS_OUTSIDE if _is_outside(link) else None
            fault = fault or path_fault(link.url, folder, content_dir)
        if fault:
            problems.append(error(rel, link.line, link_fault(link, fault)))
        elif scheme_of(link.url) in ("http", "https"):
            problems += _tracking_warnings(link, rel)
    return problems


def _tracking_warnings(link: Link, rel: str) -> list[Problem]:
    """A warning if a web address carries tracking parameters, with the address without them."""
    names = tracking_parameters(link.url)
    if not names:
        return []
    clean = shown(without_tracking(link.url.strip()))
    tracking = phrase(
        "link_tracking",
        count=len(names),
        form=form_words(link.form),
        url=shown(link.url),
        names=", ".join(names),
        clean=clean,
    )
    return [warning(rel, link.line, tracking)]


ASSET_TYPES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg")
"""The files content/ may hold beside Markdown: images, whatever the case of their extension."""


def check_asset(path: Path, rel: str, *, max_bytes: int) -> list[Problem]:
    """Accept images only (matched without regard to case), and SVG images with nothing active."""
    suffix = path.suffix.lower()
    if suffix in BLOCKED_ASSETS:
        return [error(rel, None, phrase("asset_blocked", suffix=suffix))]
    if suffix not in ASSET_TYPES:
        renamed = markdown_name(path.name)
        if renamed:
            return [error(rel, None, phrase("asset_markdown", suffix=path.suffix, renamed=renamed))]
        types = ", ".join(t[1:] for t in ASSET_TYPES)
        if path.suffix:
            return [error(rel, None, phrase("asset_refused", suffix=path.suffix, types=types))]
        return [error(rel, None, phrase("asset_no_suffix", types=types))]
    if suffix != ".svg":
        return _image_type_faults(path, rel, suffix)
    data = path.read_bytes()
    if len(data) > max_bytes:
        return [error(rel, None, too_big(len(data), max_bytes))]
    return [error(rel, f.line, f.said) for f in scan_svg_file(data)]


MARKDOWN_SUFFIXES = (".markdown", ".mdown", ".mkd", ".mkdn", ".mdwn", ".mdtext")
"""Other extensions Markdown files go by: renamed '.md', they are read."""


def markdown_name(name: str) -> str | None:
    """The name a Markdown file saved with another extension should have ('x.markdown' and
    'x.md.txt', an editor's '.txt' after '.md', give 'x.md'), or None for any other file (a
    plain 'notes.txt' may not be meant for the site at all)."""
    stem, dot, suffix = name.rpartition(".")
    if not dot or not stem.strip("."):
        return None
    if stem.lower().endswith(".md") and stem[:-3]:
        return f"{stem[:-3]}.md"
    return f"{stem}.md" if f".{suffix.lower()}" in MARKDOWN_SUFFIXES else None


IMAGE_SIGNATURES = {
    ".png": (b"\x89PNG",),
    ".jpg": (b"\xff\xd8",),
    ".jpeg": (b"\xff\xd8",),
    ".gif": (b"GIF87a", b"GIF89a"),
}
"""How each raster type's files start."""
IMAGE_NAMES = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".gif": "GIF", ".webp": "WebP"}


def _image_type_faults(path: Path, rel: str, suffix: str) -> list[Problem]:
    """An error if a raster image's bytes are not of the type its name says (a Markdown file,
    a page or a script named .png would be published as it is)."""
    with path.open("rb") as file:
        head = file.read(64)
    if _is_image(head, suffix):
        return []
    name = IMAGE_NAMES.get(suffix, suffix[1:].upper())
    start = repr(shown(head[:12].decode("latin-1"), 30))
    return [error(rel, None, phrase("asset_not_image", type=name, start=start))]


def _is_image(head: bytes, suffix: str) -> bool:
    """Whether a file's first bytes are those of the image type its extension names."""
    if suffix in IMAGE_SIGNATURES:
        return head.startswith(IMAGE_SIGNATURES[suffix])
    if suffix == ".webp":
        return head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    if suffix == ".avif":  # an ISO media file whose brands say AVIF
        return head[4:8] == b"ftyp" and any(b in head[8:64] for b in (b"avif", b"avis"))
    return False


def fragment_fault_report(source: str, findings: list[Finding]) -> str:
    """Why the build stops on a member's rendered body that carries active content."""
    lines = [f"  its rendered HTML, line {f.line}: {f.message}" for f in findings]
    return "\n".join(
        [
            f"{source} would put active content on the site, so the build stops and nothing "
            "is published:",
            *lines,
            "'polyvox check' should have refused this file: please report it, with the file, "
            "to the maintainers.",
        ]
    )


def page_fault_report(page: str, findings: list[Finding]) -> str:
    """Why the build stops on a rendered page that carries active content."""
    lines = [f"  rendered HTML line {f.line}: {f.message}" for f in findings]
    return "\n".join(
        [
            f"page {page} would carry active content, so the build stops and nothing is published:",
            *lines,
            "polyvox never writes this itself, and 'polyvox check' should have refused the "
            "content behind it: please report it, with the content file, to the maintainers.",
        ]
    )


INERT = str.maketrans(
    {
        **{char: f"&#{ord(char)};" for char in "\\`*_[]{}#|!~"},
        **{"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;"},
    }
)
"""HTML and Markdown punctuation as character references: shown as written, never as syntax."""
CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
"""Control characters: nothing displays them, HTML forbids most, Python-Markdown uses some."""


def inert(value: object) -> object:
    """A template value as plain text in Markdown and HTML alike (Markup is left as it is).

    Autoescape alone makes '<' harmless but leaves Markdown syntax live: a title such as
    '[x](javascript:...)' would become a link. Character references are read as text by
    Python-Markdown and shown as the character by browsers, in text and attributes alike.
    Line breaks and other control characters become spaces: a value is one line of text
    (other whitespace, such as the no-break space in '32 %', stays as it is).
    """
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    return Markup(CONTROLS.sub(" ", value).translate(INERT))
