"""The email edition of an issue: HTML, text and .eml, made from the site's data (pure).

`edition()` makes one issue's edition; `edition_files()` makes every published issue's, for
a build that writes them next to the site.
"""

from __future__ import annotations

from dataclasses import dataclass
from email.message import EmailMessage

from polyvox.content.model import Issue
from polyvox.site.email.html import fitted
from polyvox.site.email.message import eml_bytes, message
from polyvox.site.email.text import render_text
from polyvox.site.email.view import Addressing, EditionView, RenderBody, edition_view
from polyvox.site.view import SiteContext

__all__ = ["Addressing", "Edition", "RenderBody", "edition", "edition_files"]


@dataclass(frozen=True)
class Edition:
    """One issue's email: its view, its two renderings and the message holding both."""

    issue_id: str
    view: EditionView
    html: str
    text: str
    message: EmailMessage

    def files(self) -> dict[str, bytes]:
        """The edition's files by name: <issue>.html, <issue>.txt and <issue>.eml."""
        return {
            f"{self.issue_id}.html": self.html.encode(),
            f"{self.issue_id}.txt": self.text.encode(),
            f"{self.issue_id}.eml": eml_bytes(self.message),
        }


def edition(
    site: SiteContext, issue: Issue, *, render_body: RenderBody, addressing: Addressing
) -> Edition:
    """The email edition of one issue, under Gmail's clip size."""
    view, html = fitted(edition_view(site, issue, render_body=render_body, addressing=addressing))
    text = render_text(view)
    return Edition(issue.id, view, html, text, message(view, html, text))


def edition_files(
    site: SiteContext, *, render_body: RenderBody, addressing: Addressing
) -> dict[str, bytes]:
    """The files of every published issue's edition, by name (for `build`, under email/)."""
    files: dict[str, bytes] = {}
    for issue in site.community.issues:
        if issue.published:
            made = edition(site, issue, render_body=render_body, addressing=addressing)
            files.update(made.files())
    return files
