"""GitHub-flavoured Markdown that Polyvox writes for people to read on GitHub: pull-request and
issue comments, job summaries. Every value taken from content is text, never markup."""

from __future__ import annotations

import re

from polyvox.content.model import Community
from polyvox.i18n import Translator

SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#|!~])")
"""ASCII punctuation that could start Markdown, HTML or an autolink inside a line."""
WORD_JOINER = "\u2060"
MENTION = re.compile(r"@(?=[A-Za-z0-9])")


def text(value: object) -> str:
    """A value as plain text inside a Markdown line: punctuation escaped, entities written as
    they are, lines joined, and no @mention (a word joiner after '@' keeps GitHub from calling
    anyone a member's text names)."""
    flat = " ".join(str(value).split())
    escaped = SPECIAL.sub(r"\\\1", flat.replace("&", "&amp;"))
    return MENTION.sub("@" + WORD_JOINER, escaped)


def say(t: Translator, key: str, **values: object) -> str:
    """A message in the site's language (trusted text) with each value made plain text."""
    return t(key, **{name: text(value) for name, value in values.items()})


def link(label: str, url: str | None) -> str:
    """A Markdown link with a text label (already escaped), or the label when there is no URL."""
    return f"[{label}]({url.replace(' ', '%20').replace(')', '%29')})" if url else label


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    """A Markdown table whose cells are already Markdown (escaped text or links)."""
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def site_link(site_url: str, path: str) -> str | None:
    """The absolute address of a site path, or None when the site has no address."""
    if not site_url:
        return None
    return (site_url if site_url.endswith("/") else site_url + "/") + path


def person(community: Community, person_id: str, t: Translator, site_url: str) -> str:
    """A person as Markdown: their name linked to their profile; an anonymous member unnamed."""
    who = community.person(person_id)
    if who.meta.anonymous:
        return text(t("anonymous_member"))
    return link(text(who.meta.name), site_link(site_url, who.page))


def people(community: Community, ids, t: Translator, site_url: str) -> str:
    """People as a comma-separated Markdown line, or the translation of 'none'."""
    shown = [person(community, pid, t, site_url) for pid in ids]
    return ", ".join(shown) if shown else t("listen_nobody")
