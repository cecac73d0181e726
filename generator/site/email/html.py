"""The HTML edition: the view through one template, CSS inlined, kept under Gmail's clip size."""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from pathlib import Path

import css_inline
import jinja2

from polyvox.i18n import Translator
from polyvox.site.email.view import EditionView

HERE = Path(__file__).parent
CHARSET = '<meta charset="utf-8">'
CLIP_BYTES = 102_000
"""Gmail clips a message whose HTML passes 102 KB; the edition stays under it."""


@cache
def _template() -> jinja2.Template:
    """The edition's template, autoescaped."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    return env.get_template("edition.html.j2")


@cache
def _inliner() -> css_inline.CSSInliner:
    """An inliner that moves plain rules into style attributes and keeps only @media rules."""
    css = (HERE / "email.css").read_text(encoding="utf-8")
    return css_inline.CSSInliner(keep_at_rules=True, load_remote_stylesheets=False, extra_css=css)


def render_html(view: EditionView) -> str:
    """The edition as one email-safe HTML document, styles inlined."""
    html = _template().render(e=view, t=Translator(view.language))
    inlined = _inliner().inline(html).replace(CHARSET + "\n", "", 1)
    # the inliner puts the kept @media rules first in <head>; the charset must come before them
    inlined = inlined.replace("<head>", "<head>" + CHARSET, 1)
    inlined = inlined.rstrip("\n") + "\n"
    return inlined if inlined.startswith("<!DOCTYPE") else "<!DOCTYPE html>\n" + inlined


COMPACTIONS = ("compact_voices", "listed", "unlinked", "questions_only")
"""What an edition still too big gives up next, in this order, once every piece is shown by
its summary; every name stays (the voices list everyone, with their roles)."""


def fitted(view: EditionView, budget: int = CLIP_BYTES) -> tuple[EditionView, str]:
    """The edition and its HTML, its longest pieces shown by summary until the HTML fits, then
    made more compact, step by step, if it still does not."""
    html = render_html(view)
    longest_first = sorted(view.pieces, key=lambda p: (-p.size, p.url))
    for piece in longest_first:
        if len(html.encode()) <= budget:
            break
        view = view.shorten(piece)
        html = render_html(view)
    for compaction in COMPACTIONS:
        if len(html.encode()) <= budget:
            break
        view = replace(view, **{compaction: True})
        html = render_html(view)
    return view, html
