"""One correction to mkdocs-material's script, made in the built site, never in the theme.

Material's language selector (its `alternate` integration) looks up every
`<link rel="alternate">` of a page as if it named the same site in another language: for each
it fetches a `sitemap.xml` beside the link's address, to find the same page in that language.
Feed links are alternates too (RSS autodiscovery needs `rel="alternate"`), so every page asked
for `ama/sitemap.xml`, `contributors/<id>/sitemap.xml`... (404s and console errors) and, for the
feeds at the root, fetched the whole site's sitemap once per feed. Material's own language links
always carry `hreflang`, so the integration is narrowed to those: the selector it queries is the
only change. Material is in maintenance mode; the pinned release has the selector exactly once.
`polyvox build` and `polyvox serve` write the narrowed bundle when they write the theme's
static files (engines/build.py); the plugin narrows it after a plain `mkdocs build`.
"""

from __future__ import annotations

from fnmatch import fnmatch
from pathlib import Path

from polyvox.engines.writer import Writer

BUNDLE = "assets/javascripts/bundle.*.min.js"
"""Where Material's script is in a built site."""
ANY_ALTERNATE = '"link[rel=alternate]"'
LANGUAGE_ALTERNATE = '"link[rel=alternate][hreflang]"'


def narrowed_bundle(path: str, source: Path) -> bytes | None:
    """The bytes to write for a theme file at path: Material's bundle with its language
    selector narrowed to language links, or None for any other file (or another release,
    or a bundle narrowed already), which is copied as it is."""
    if not fnmatch(path, BUNDLE):
        return None
    script = source.read_text(encoding="utf-8")
    if script.count(ANY_ALTERNATE) != 1:
        return None
    return script.replace(ANY_ALTERNATE, LANGUAGE_ALTERNATE).encode("utf-8")


def narrow_language_links(site_dir: Path) -> list[Path]:
    """Narrow the bundle of a site mkdocs built (plain `mkdocs build`, where the plugin's last
    event runs) in place; return the bundles changed."""
    changed, writer = [], Writer(site_dir)
    for bundle in sorted(site_dir.glob(BUNDLE)):
        rel = bundle.relative_to(site_dir).as_posix()
        narrowed = narrowed_bundle(rel, bundle)
        if narrowed is not None:
            changed.append(writer.write(rel, narrowed))
    return changed
