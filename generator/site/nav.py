"""The site's small navigation: the four top pages, then the free pages by file name."""

from __future__ import annotations

from pathlib import Path

from markupsafe import escape

from polyvox.content.load import DEFAULT_MAX_BYTES
from polyvox.content.model import free_page_title
from polyvox.content.reader import read_document
from polyvox.i18n import Translator

TOP_PAGES = (
    ("home", ""),
    ("issues", "issues/"),
    ("ama", "ama/"),
    ("contributors", "contributors/"),
)
"""The navigation's first entries: (catalog key of the label, site path)."""


def default_nav(language: str, docs_dir: Path, theme_dirs: tuple[Path, ...] = ()) -> list:
    """The navigation as mkdocs.yml's `nav` would write it, each entry titled (pages are
    generated, so an engine cannot read their titles from files)."""
    t = Translator(language, theme_dirs)
    nav: list = [{t(key): f"{path}index.md"} for key, path in TOP_PAGES]
    for source in sorted((docs_dir / "pages").glob("*.md")):
        raw, _ = read_document(source, source.name, max_bytes=DEFAULT_MAX_BYTES)
        title = raw.meta.get("title") if raw else None
        label = str(escape(free_page_title(source.stem, title)))  # the theme prints it as HTML
        nav.append({label: f"{source.stem}/index.md"})
    return nav
