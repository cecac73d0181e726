"""Untrusted bodies, rendered as the site renders them: nothing active gets through.

Pages are rendered here with Python-Markdown and the extensions of the example mkdocs.yml (what
mkdocs does), then read with lxml.html, a parser the product's checker does not share.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import lxml.html
import markdown
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.pages import demote_headings
from generator.safety import check_body
from tests.conftest import REPO, write_tree

SITE_CONFIG = yaml.safe_load((REPO / "mkdocs.yml").read_text())
EXTENSIONS = [
    next(iter(e)) if isinstance(e, dict) else e for e in SITE_CONFIG["markdown_extensions"]
]
EXTENSION_CONFIGS = {
    next(iter(e)): e[next(iter(e))]
    for e in SITE_CONFIG["markdown_extensions"]
    if isinstance(e, dict)
}
ACTIVE_TAGS = {
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "style", "link",
    "form", "meta", "base", "noscript", "textarea", "title", "xmp", "plaintext", "noembed",
}  # fmt: skip
URL_ATTRIBUTES = {
    "href",
    "src",
    "srcset",
    "action",
    "formaction",
    "poster",
    "xlink:href",
    "to",
    "values",
}

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def render(page_markdown: str) -> str:
    """HTML of a generated page's Markdown, as mkdocs renders it (front matter dropped)."""
    body = re.sub(r"\A---\n.*?\n---\n", "", page_markdown, flags=re.DOTALL)
    return markdown.markdown(body, extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)


def active_content(html: str) -> list[str]:
    """What in rendered HTML would run or load something, read by lxml.html."""
    if not html.strip():
        return []
    found = []
    for element in lxml.html.fragments_fromstring(f"<div>{html}</div>")[0].iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag.lower().rpartition(":")[2] in ACTIVE_TAGS:
            found.append(f"<{element.tag}>")
        for name, value in element.attrib.items():
            bare = re.sub(r"[\x00-\x20]", "", value).lower()
            if name.lower().startswith("on"):
                found.append(f"{name} on <{element.tag}>")
            elif name.lower() in URL_ATTRIBUTES and bare.startswith(
                ("javascript:", "vbscript:", "data:")
            ):
                found.append(f"{name}={value!r} on <{element.tag}>")
    return found


BODY_PIECES = st.sampled_from(
    [
        "`", "``", "```", "~~~", "\n", "\n\n", "    ", "> ", "- ", "1. ", "# ", "\\", "!", "[", "]",
        "(", ")", "<", ">", "{", "}", ":", '"', "'", "=", "x", " ", "<script>", "</script>",
        "<img src=x onerror=alert(1)>", "<a href=", "javascript:alert(1)", "data:x", "&#106;",
        "<!--", "-->", "<!-->", "<div>", "</div>", "<div markdown>", "{: onclick=x}",
        "{ #id .class }", "[a](", "![i](", "[r]: ", "[r]", "<https://x.org>", "<javascript://x>",
        "<svg>", "<p title=\"", "<noscript>", "`<script>`", "```html\n", "\n```\n", "!!! note\n",
        "\t", "<pre>", "<code>", "</code>", "<!-- answer: amara -->", "<a title=\"x>\" onclick=y>",
        "<img alt=\"a>", " onerror=alert(1) ", "{ href=javascript:x }", "&#x6A;avascript:", "</p>",
        "<svg><set attributeName=onclick to=x>", "[x]: <javascript:y>", "<style>", "<b>", "*", "_",
    ]
)  # fmt: skip
BODIES = st.lists(BODY_PIECES, min_size=1, max_size=40).map("".join)


@SETTINGS
@given(body=BODIES)
def test_bodies_the_check_accepts_render_without_active_content(body):
    """The check and the renderer agree: a body the check lets through renders nothing active."""
    with tempfile.TemporaryDirectory() as folder:
        content = Path(folder)
        problems, _ = check_body(body, 6, "x.md", folder=content, content_dir=content)
    if not any(p.severity == "error" for p in problems):
        html = markdown.markdown(
            demote_headings(body), extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS
        )
        assert active_content(html) == [], html


PROBLEM_LINE = re.compile(
    r"^content/\S+?(:\d+)?: (error|warning): .+$|^polyvox: \d+ files checked, .+\.$"
)


@settings(max_examples=60, deadline=None)
@given(
    data=st.binary(max_size=400) | BODIES.map(str.encode),
    where=st.sampled_from(["contributors/bo.md", "issues/2026-09/hosting.md", "assets/x.svg"]),
)
def test_check_never_shows_a_traceback(data, where):
    """Whatever bytes a file holds, check answers with located lines and exit code 0 or 1."""
    with tempfile.TemporaryDirectory() as folder:
        root = write_tree(Path(folder), {f"content/{where}": data})
        result = CliRunner().invoke(main, ["check", str(root)])
    assert result.exit_code in (0, 1), result.output
    assert isinstance(result.exception, SystemExit | None)
    assert all(PROBLEM_LINE.match(line) for line in result.output.splitlines()), result.output
