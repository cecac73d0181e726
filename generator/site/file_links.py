"""A built site browsable from files: links to folders point at their index.html.

Pages link to each other by folder (`../2026-10/`), which a web server answers with the
folder's index.html; a browser opening the files from disk shows a listing of the folder
instead. A pull request's preview is opened from disk (CONTRIBUTING.md: download the artifact,
open index.html), so it is built with every such link ending in `index.html`, as mkdocs' own
are when `use_directory_urls` is off.
"""

from __future__ import annotations

import re

FOLDER_LINK = re.compile(r"""(<(?:a|link)\b[^<>]*?\bhref=)(["'])([^"'<>]*)\2""", re.IGNORECASE)
"""An href on an <a> or <link> tag (text about HTML has its '<' escaped, and is left alone)."""
ELSEWHERE = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:|//|/|#")
"""The start of an href that is not a relative path: a scheme, the site's root, an anchor."""


def with_index_files(html: str) -> str:
    """A page's HTML with each relative link to a folder pointed at that folder's index.html."""
    return FOLDER_LINK.sub(_to_index_file, html)


def _to_index_file(match: re.Match[str]) -> str:
    """One href, ending in index.html when it names a folder."""
    href = match[3]
    path, mark, anchor = href.partition("#")
    if ELSEWHERE.match(href) or not (path.endswith("/") or path in (".", "..")):
        return match[0]
    folder = path if path.endswith("/") else f"{path}/"
    return f"{match[1]}{match[2]}{folder}index.html{mark}{anchor}{match[2]}"
