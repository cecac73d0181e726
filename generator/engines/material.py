"""One correction to mkdocs-material's script, made in the built site, never in the theme.

Material's language selector (its `alternate` integration) looks up every
`<link rel="alternate">` of a page as if it named the same site in another language: for each
it fetches a `sitemap.xml` beside the link's address, to find the same page in that language.
Feed links are alternates too (RSS autodiscovery needs `rel="alternate"`), so every page asked
for `ama/sitemap.xml`, `contributors/<id>/sitemap.xml`... (404s and console errors) and, for the
feeds at the root, fetched the whole site's sitemap once per feed. Material's own language links
always carry `hreflang`, so the integration is narrowed to those: the selector it queries is the
only change. Material is in maintenance mode; the pinned release has the selector exactly once.
"""

from __future__ import annotations

from pathlib import Path

ANY_ALTERNATE = '"link[rel=alternate]"'
LANGUAGE_ALTERNATE = '"link[rel=alternate][hreflang]"'


def narrow_language_links(site_dir: Path) -> list[Path]:
    """Make the language selector of Material's bundle in a built site look at language links
    only; return the bundles changed (none when already changed, or another release)."""
    changed = []
    for bundle in sorted(site_dir.glob("assets/javascripts/bundle.*.min.js")):
        script = bundle.read_text(encoding="utf-8")
        if script.count(ANY_ALTERNATE) == 1:
            bundle.write_text(script.replace(ANY_ALTERNATE, LANGUAGE_ALTERNATE), encoding="utf-8")
            changed.append(bundle)
    return changed
