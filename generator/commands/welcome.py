"""The comment a pull request gets: what it adds to the credits, person by person, a welcome to
each first voice in the community's language, and the check's summary (pure: Markdown out)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from polyvox.commands import markdown as md
from polyvox.content.model import Community, link_to
from polyvox.content.problems import Problem, summary_line
from polyvox.credit.diff import PersonCredits
from polyvox.credit.ledger import Credit
from polyvox.i18n import Translator

MARKER = "<!-- polyvox:credits -->"
"""The first line of the comment: the workflow finds it by this to update it, not add another."""
MAX_PROBLEMS = 50
"""Problems listed in the comment; the check's own annotations name every one."""


@dataclass(frozen=True)
class Links:
    """Where the comment's links point: the site (or a preview of it), and the workflow run."""

    site: str = ""
    run: str = ""


def credits_markdown(
    changes: list[PersonCredits],
    head: Community | None,
    check: tuple[list[Problem], int],
    t: Translator,
    *,
    site_name: str,
    links: Links = Links(),
    mention: str | None = None,
) -> str:
    """The whole comment: the marker, each person's new credits, then the check's summary.

    `head` is None when the head's content has errors (nothing can be credited yet); `mention`
    is the GitHub login of the pull request's author, the one person the comment @-mentions.
    """
    lines = [MARKER, "### " + t("pr_credits_title"), ""]
    if head is None:
        lines += [t("pr_credits_blocked"), ""]
    elif not changes:
        lines += [t("pr_credits_none"), ""]
    else:
        for change in changes:
            lines += _person(change, head, t, site_name=site_name, links=links, mention=mention)
    lines += _check(*check, t)
    if links.run:
        lines += ["", "<sub>" + md.link(t("pr_preview"), links.run) + "</sub>"]
    return "\n".join(lines) + "\n"


def _login_of(head: Community, person: str) -> str | None:
    """The GitHub login a person's profile claims, if any."""
    return head.contributors[person].meta.github


def _person(
    change: PersonCredits,
    head: Community,
    t: Translator,
    *,
    site_name: str,
    links: Links,
    mention: str | None,
) -> list[str]:
    """One person's block: who, a welcome if it is their first voice, then each new credit."""
    who = head.person(change.person)
    login = _login_of(head, change.person)
    mentioned = (
        not who.meta.anonymous
        and mention is not None
        and login is not None
        and login.casefold() == mention.casefold()
        and re.fullmatch(r"[A-Za-z0-9-]+", login)
    )
    shown = md.person(head, change.person, t, links.site)
    heading = f"**{shown}** (@{login})" if mentioned else f"**{shown}**"
    lines = [heading, ""]
    if change.first_voice:
        first = change.credits[0]
        named = t("anonymous_member") if who.meta.anonymous else who.meta.name
        name = f"@{login}" if mentioned else md.text(named)
        lines += ["> " + t(f"welcome_{first.role}", name=name, site=md.text(site_name)), ""]
    for act in change.credits:
        lines.append("- " + _act(act, head, t, links.site))
    if change.new_profile and not who.meta.anonymous:
        profile = md.link(md.text(who.page), md.site_link(links.site, who.page))
        lines.append("- " + t("pr_new_profile", profile=profile))
    return [*lines, ""]


def _act(act: Credit, head: Community, t: Translator, site: str) -> str:
    """One new credit: role, the item linked where it will appear, and the page holding it."""
    role = f"{act.role.emoji} {t('role_' + act.role)}"
    item = md.link(md.text(act.title), md.site_link(site, link_to(act.page, act.anchor)))
    place = _place(act, head, t)
    return f"{t('label', label=role)} {item}" + (f" · {place}" if place else "")


def _place(act: Credit, head: Community, t: Translator) -> str:
    """The page that will show an act, named as readers know it (an issue, a session)."""
    for issue in head.issues:
        if issue.page == act.page:
            if act.anchor == "":
                return ""
            return md.say(t, "issue_title", number=issue.meta.number, title=issue.meta.title)
    for session in head.sessions:
        if session.page == act.page:
            return "" if act.anchor == "" else md.text(session.meta.title)
    return ""


def _check(problems: list[Problem], files_read: int, t: Translator) -> list[str]:
    """The check's summary line, and its problems (first MAX_PROBLEMS) as a code block."""
    lines = ["### " + t("pr_check_title"), "", md.text(summary_line(problems, files_read, t))]
    if problems:
        shown = "\n".join(p.as_text(t) for p in problems[:MAX_PROBLEMS])
        fence = "`" * max(3, _longest_backticks(shown) + 1)
        lines += ["", fence + "text", shown, fence]
        if len(problems) > MAX_PROBLEMS:
            lines += ["", t.plural("pr_more_problems", len(problems) - MAX_PROBLEMS)]
    return lines


def _longest_backticks(text: str) -> int:
    """The longest run of backticks in text (a code fence must be longer)."""
    return max((len(run) for run in re.findall("`+", text)), default=0)
