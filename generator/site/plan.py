"""The site's pages: for each, its address, its template, what it shows and what it is made of.

A page's context (what its template reads) is made only when the page is made; its inputs (the
values it is made from, see records.py) are cheap to compute for every page, so a build tells
which pages an edit changed before making any.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial

from polyvox.content.model import AmaSession, Contributor, Issue
from polyvox.site import linked_data
from polyvox.site.bodies import session_sections
from polyvox.site.records import (
    Identities,
    card,
    cards,
    issue_summary,
    piece_links,
    piece_people,
    session_people,
    session_summary,
)
from polyvox.site.view import SiteContext
from polyvox.site.voices import voices_charts


@dataclass(frozen=True)
class PlannedPage:
    """A page the site has: its address and template, and how to get its context and inputs."""

    url: str
    template: str
    context: Callable[[], dict]
    inputs: Callable[[], tuple]
    """The values the page is made from, besides the settings and templates every page reads."""


def plan_pages(site: SiteContext, ids: Identities) -> Iterator[PlannedPage]:
    """Every page of the site, in the order of the navigation's sections."""
    community, t = site.community, site.t
    issues = community.issues
    yield PlannedPage("", "home.html.j2", partial(_home, site), partial(_home_inputs, site, ids))
    yield PlannedPage(
        "issues/",
        "archive.html.j2",
        lambda: {"title": t("archive"), "years": _by_year(issues)},
        lambda: tuple(issue_summary(ids, issue) for issue in issues),
    )
    for index, issue in enumerate(issues):
        yield PlannedPage(
            issue.page,
            "issue.html.j2",
            partial(_issue, site, index),
            partial(_issue_inputs, site, ids, index),
        )
    yield PlannedPage(
        "ama/",
        "ama_index.html.j2",
        lambda: {"title": t("ama"), "sessions": community.sessions[::-1]},
        lambda: tuple(session_summary(site, ids, s) for s in community.sessions),
    )
    for session in community.sessions:
        yield PlannedPage(
            session.page,
            "session.html.j2",
            partial(_session, site, session),
            partial(_session_inputs, site, ids, session),
        )
    yield PlannedPage(
        "contributors/",
        "contributors.html.j2",
        lambda: {"title": t("contributors")},
        lambda: (tuple(card(p) for p in site.listed_people), site.anonymous_count),
    )
    yield PlannedPage(
        "contribute/",
        "contribute.html.j2",
        lambda: {"title": t("contribute")},
        partial(_contribute_inputs, site, ids),
    )
    yield PlannedPage(
        "voices/",
        "voices.html.j2",
        lambda: {"title": t("voices"), "charts": voices_charts(site)},
        lambda: (_voices_rows(site), tuple(issue_summary(ids, i) for i in issues)),
    )
    for person in community.contributors.values():
        if not person.meta.anonymous:
            yield PlannedPage(
                person.page,
                "profile.html.j2",
                partial(_profile, site, person),
                partial(_profile_inputs, site, ids, person),
            )
    yield PlannedPage(
        "tags/",
        "tags.html.j2",
        lambda: {"title": t("all_tags")},
        lambda: tuple((tag.label, tag.page, len(tag.pieces)) for tag in site.tags),
    )
    for tag in site.tags:
        yield PlannedPage(
            tag.page, "tag.html.j2", partial(_tag, site, tag), partial(_tag_inputs, site, tag)
        )
    for page in community.pages:
        yield PlannedPage(
            page.page,
            "free_page.html.j2",
            partial(dict, title=page.title, page=page),
            partial(ids.of, page),
        )


def _home(site: SiteContext) -> dict:
    """What the home page shows: the latest issue, the open one, sessions collecting."""
    issues = site.community.issues
    return {"title": site.t("home"), "latest": issues[-1] if issues else None, "hide_toc": True}


def _home_inputs(site: SiteContext, ids: Identities) -> tuple:
    """The latest issue and its pieces, the issue open for contributions, the sessions
    collecting questions, the newest voices."""
    community = site.community
    latest = community.issues[-1] if community.issues else None
    collecting = tuple(session_summary(site, ids, s) for s in community.sessions if s.collecting)
    return (
        latest and ids.of(latest),
        issue_summary(ids, community.open_issue),
        collecting,
        tuple(card(p) for p in site.newest_voices()),
        bool(site.credits),
    )


def _contribute_inputs(site: SiteContext, ids: Identities) -> tuple:
    """How to take part: the issue open for contributions, the sessions taking questions on
    the day of the build (the day is in the settings every page reads)."""
    open_issue = site.community.open_issue
    return (
        issue_summary(ids, open_issue),
        tuple(session_summary(site, ids, s) for s in site.open_sessions),
    )


def _issue(site: SiteContext, index: int) -> dict:
    """What an issue's page shows: the issue, its neighbours, its JSON-LD and any banner."""
    t, issues = site.t, site.community.issues
    issue = issues[index]
    banner = None
    if not issue.published:
        banner = t("draft_banner")
    elif issue.meta.date > site.options.today:
        banner = t("scheduled_banner", date=t.date(issue.meta.date))
    return {
        "title": issue.meta.title,
        "issue": issue,
        "previous": issues[index - 1] if index > 0 else None,
        "next": issues[index + 1] if index + 1 < len(issues) else None,
        "jsonld": linked_data.issue_posting(site, issue),
        "banner": banner,
    }


def issue_inputs(site: SiteContext, ids: Identities, issue: Issue) -> tuple:
    """What an issue's content is made of (its page, and the feed item quoting it whole): the
    issue, the credits and first voices it counts, the people it names, what its pieces link
    to, and the AMA sessions it features."""
    featured = [s for s in site.community.sessions if s.meta.issue == issue.id]
    acts = site.credits_by_issue.get(issue.id, ())
    named = [*issue.meta.editors, *(p for c in issue.contributions for p in piece_people(c))]
    named += [p for s in featured for p in (*s.meta.guests, *s.meta.hosts)]
    return (
        ids.of(issue),
        ids.rows(acts),
        tuple(sorted(site.first_voices.get(issue.id, ()))),
        cards(site, [*named, *(a.person for a in acts)]),
        tuple(piece_links(site, piece) for piece in issue.contributions),
        tuple(session_summary(site, ids, s) for s in featured),
    )


def _issue_inputs(site: SiteContext, ids: Identities, index: int) -> tuple:
    """An issue page's inputs: its content's, and its neighbours' titles."""
    issues = site.community.issues
    previous = issues[index - 1] if index > 0 else None
    following = issues[index + 1] if index + 1 < len(issues) else None
    issue = issues[index]
    return (
        issue_inputs(site, ids, issue),
        issue_summary(ids, previous),
        issue_summary(ids, following),
    )


def _session(site: SiteContext, session: AmaSession) -> dict:
    """What a session's page shows: its questions answered and waiting, JSON-LD, banner."""
    t = site.t
    answered, waiting = session_sections(session)
    future = not session.collecting and session.meta.date > site.options.today
    return {
        "title": session.meta.title,
        "session": session,
        "answered": answered,
        "waiting": waiting,
        "jsonld": linked_data.session_posting(site, session),
        "banner": t("scheduled_banner", date=t.date(session.meta.date)) if future else None,
    }


def session_inputs(site: SiteContext, ids: Identities, session: AmaSession) -> tuple:
    """What a session's content is made of: the session and its questions, the credits of its
    page, the people it names, and the issue that features it."""
    acts = site.credits_by_page.get(session.page, ())
    featured_in = site.issues_by_id.get(session.meta.issue or "")
    return (
        ids.of(session),
        ids.rows(acts),
        cards(site, [*session_people(session), *(a.person for a in acts)]),
        issue_summary(ids, featured_in),
    )


def _session_inputs(site: SiteContext, ids: Identities, session: AmaSession) -> tuple:
    """A session page's inputs."""
    return session_inputs(site, ids, session)


def _profile(site: SiteContext, person: Contributor) -> dict:
    """What a profile shows: the person, their own feeds and JSON-LD."""
    return {
        "title": person.meta.name,
        "contributor": person,
        "own_feeds": _person_feeds(site, person),
        "jsonld": linked_data.profile_page(site, person),
    }


def _person_feeds(site: SiteContext, person: Contributor) -> list:
    """A profile's own feed links (a person credited for nothing has no feed)."""
    feed = site.t("feed_person_title", site=site.options.site_name, name=person.meta.name)
    return site.own_feeds(feed, person.page) if person.id in site.credits_by_person else []


def _profile_inputs(site: SiteContext, ids: Identities, person: Contributor) -> tuple:
    """A profile's inputs: the person's file, how they appear, their acts and their debut."""
    acts = ids.rows(site.credits_by_person.get(person.id, ()))
    debut = site.debuts.get(person.id)
    return ids.of(person), card(site.people[person.id]), acts, debut and ids.row(debut)


def _tag(site: SiteContext, tag) -> dict:
    """What a tag's page shows: its label, pieces and feeds."""
    t = site.t
    feed = t("feed_tag_title", site=site.options.site_name, tag=tag.label)
    own = site.own_feeds(feed, tag.page) if site.options.tag_feeds else []
    return {
        "title": t("tag_title", tag=tag.label),
        "tag": tag.label,
        "pieces": tag.pieces,
        "own_feeds": own,
    }


def _tag_inputs(site: SiteContext, tag) -> tuple:
    """A tag page's inputs: its label and each piece's address, title and authors."""
    pieces = tuple(
        (p.page, p.anchor, p.meta.title, cards(site, p.meta.authors)) for p in tag.pieces
    )
    return tag.label, tag.page, pieces


def _voices_rows(site: SiteContext) -> tuple:
    """The plurality measures of every published issue, as plain rows."""
    return tuple(dataclasses.astuple(measures) for measures in site.issue_voices.values())


def _by_year(issues: tuple[Issue, ...]) -> list[tuple[int, list[Issue]]]:
    """Issues grouped by year, newest year and newest issue first."""
    years: dict[int, list[Issue]] = defaultdict(list)
    for issue in reversed(issues):
        years[issue.meta.date.year].append(issue)
    return sorted(years.items(), reverse=True)
