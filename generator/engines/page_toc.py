"""A Python-Markdown extension for exported pages: the table of contents Polyvox made for them.

An exported page reaches its engine as HTML, where Python-Markdown's toc finds no heading. The
page carries its table of contents in a comment (`polyvox export` writes it); this extension
takes the comment out and hands its headings over as the toc's tokens, which mkdocs and
Zensical both read, so "On this page" lists what it lists in the plugin's build.
"""

from __future__ import annotations

import json
import re

from markdown import Markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

TOC_LINE = re.compile(r"<!-- polyvox toc: (\[.*\]) -->")
"""The page's headings as JSON (written with < > & escaped, so it cannot end the comment)."""


def toc_comment(tokens: list[dict]) -> str:
    """The comment that carries a page's nested toc tokens, with the keys engines read."""
    from jinja2.utils import htmlsafe_json_dumps

    return f"<!-- polyvox toc: {htmlsafe_json_dumps(_for_engines(tokens))} -->"


def _for_engines(tokens: list[dict]) -> list[dict]:
    """Toc tokens with the keys Python-Markdown 3.8 gives (Zensical reads `html` and
    `data-toc-label` too)."""
    return [
        {**t, "html": t["name"], "data-toc-label": "", "children": _for_engines(t["children"])}
        for t in tokens
    ]


class _TakeToc(Preprocessor):
    """Removes the toc comment from the page's lines and keeps its headings."""

    def run(self, lines: list[str]) -> list[str]:
        """The lines without the comment."""
        kept = []
        for line in lines:
            found = TOC_LINE.fullmatch(line)
            if found:
                self.md.polyvox_toc = json.loads(found[1])
            else:
                kept.append(line)
        return kept


class _GiveToc(Postprocessor):
    """Once the toc extension has looked for headings, hands it the page's own."""

    def run(self, text: str) -> str:
        """The text as it is; the toc tokens replaced when the page carried some."""
        if self.md.polyvox_toc is not None:
            self.md.toc_tokens = self.md.polyvox_toc
        return text


class PageTocExtension(Extension):
    """Gives an exported page the table of contents its comment carries."""

    def extendMarkdown(self, md: Markdown) -> None:
        """Take the comment before HTML blocks are read; give the toc after it has run."""
        self.md = md
        md.polyvox_toc = None
        md.preprocessors.register(_TakeToc(md), "polyvox_toc", 25)  # before html_block (20)
        md.postprocessors.register(_GiveToc(md), "polyvox_toc", 0)
        md.registerExtension(self)

    def reset(self) -> None:
        """A new document carries its own toc, or none."""
        self.md.polyvox_toc = None


def makeExtension(**kwargs) -> PageTocExtension:
    """The extension, as Python-Markdown loads it by module name."""
    return PageTocExtension(**kwargs)
