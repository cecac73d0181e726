"""The last safety guard on the pages an engine wrote itself (Zensical), before they replace
site/; members' fragments and every page Polyvox makes are guarded where they are made
(render/fragments.py, site/outputs.py).

`polyvox check` and the content read refuse active content first; these checks only fire if
something slipped through them, or if an engine (Zensical renders the exported pages with its
own Markdown pipeline, and no plugin hook of ours runs there) turned safe HTML into active
content. No mkdocs here: the mkdocs plugin and the other engines share these functions.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from polyvox.content.safety import page_fault_report, rendered_page_faults
from polyvox.site.assemble import GeneratedPage

PAGE_START = "<!-- polyvox page -->"
PAGE_END = "<!-- /polyvox page -->"
"""Comments around a page's own HTML in what `polyvox export` hands an engine, so the guard
finds, in the file the engine wrote, everything that came from the page and nothing of the
engine's own layout (whose scripts and forms are the theme's, not members')."""


def written_page_faults(pages: tuple[GeneratedPage, ...], site_dir: Path) -> str | None:
    """Why the build must stop on a page an engine wrote: active content in what it made of
    the page's HTML, or a page whose content cannot be found (it would go unchecked)."""
    for page in pages:
        rel = f"{page.url}index.html"
        written = site_dir / rel
        if not written.is_file():
            return f"page {rel} was not written by the engine, so the build stops: {MISSING}"
        text = written.read_text(encoding="utf-8", errors="replace")
        start, end = text.find(PAGE_START), text.rfind(PAGE_END)
        if start == -1 or end < start:
            return f"page {rel} has lost its content markers, so the build stops: {MISSING}"
        faults = rendered_page_faults(text[start:end])
        if faults:
            offset = text.count("\n", 0, start)  # lines of the written file, not of the slice
            return page_fault_report(rel, [replace(f, line=f.line + offset) for f in faults])
    return None


MISSING = (
    "polyvox checks every page the engine writes before publishing it; please report it, with "
    "the engine's name and version, to the maintainers."
)
