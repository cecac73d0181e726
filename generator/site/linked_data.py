"""schema.org JSON-LD for issue, AMA and profile pages, built from the one credit ledger.

Issues and AMA sessions are `BlogPosting`s (never QAPage or FAQPage, which search engines keep
for other uses); profiles are `ProfilePage`s whose main entity is the `Person`. Anonymous members
appear as a Person named "Anonymous member" in the site's language, with no link.

It says what the page is, not all it says: an issue is its editors' posting in the periodical,
a session its guests' with its hosts; every piece's authors, every question and every answer
are credited on the page itself, which search engines read (on a large issue, repeating them
here made the head heavier than a tenth of the page).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from polyvox.content.model import AmaSession, Contributor, Issue
from polyvox.content.schema import IssueMeta, SessionMeta
from polyvox.credit.ledger import Credit, Role

if TYPE_CHECKING:
    from polyvox.site.view import SiteContext

CONTEXT = "https://schema.org"
AUTHORS = (Role.AUTHOR, Role.CO_AUTHOR)
WEB_LINK = ("https://", "http://")


def issue_posting(site: SiteContext, issue: Issue) -> dict[str, Any]:
    """An issue as a BlogPosting in its PublicationIssue, with its editors and the AMA
    sessions it features."""
    page = issue.page
    acts = site.credits_by_issue.get(issue.id, [])
    sessions = {a.page: a.title for a in acts if a.page != page and a.role is Role.GUEST}
    return _posting(
        site,
        page,
        issue.meta,
        editor=[_person(site, editor) for editor in issue.meta.editors],
        isPartOf=_publication_issue(site, issue),
        hasPart=[
            _compact({"@type": "BlogPosting", "headline": title, "url": site.link(url)})
            for url, title in sessions.items()
        ],
    )


def session_posting(site: SiteContext, session: AmaSession) -> dict[str, Any]:
    """An AMA session as a BlogPosting by its guests, with its hosts, in the issue that
    features it."""
    page = session.page
    acts = [a for a in site.credits_by_page.get(page, []) if a.anchor == ""]
    issue = site.issues_by_id.get(session.meta.issue or "")
    return _posting(
        site,
        page,
        session.meta,
        author=_people(site, [a for a in acts if a.role is Role.GUEST]),
        contributor=_people(site, [a for a in acts if a.role is Role.HOST]),
        isPartOf=_publication_issue(site, issue) if issue else None,
    )


def profile_page(site: SiteContext, contributor: Contributor) -> dict[str, Any]:
    """A profile as a ProfilePage whose main entity is the person, with their other pages."""
    view = site.people[contributor.id]
    links = [*contributor.meta.links.values()]
    if contributor.meta.github:
        links.append(f"https://github.com/{contributor.meta.github}")
    person = _compact(
        {
            **_person(site, contributor.id),
            "image": site.link(view.avatar),
            "sameAs": [link for link in links if link.startswith(WEB_LINK)] or None,
        }
    )
    return _compact(
        {
            "@context": CONTEXT,
            "@type": "ProfilePage",
            "url": site.link(view.profile or ""),
            "inLanguage": site.options.language,
            "mainEntity": person,
        }
    )


def _posting(
    site: SiteContext, page: str, meta: IssueMeta | SessionMeta, **parts: Any
) -> dict[str, Any]:
    """A BlogPosting at a page, titled and dated by its front matter, with the parts given."""
    return _compact(
        {
            "@context": CONTEXT,
            "@type": "BlogPosting",
            "headline": meta.title,
            "description": meta.summary,
            "datePublished": meta.date.isoformat(),
            "inLanguage": site.options.language,
            "url": site.link(page),
            **{key: value or None for key, value in parts.items()},
        }
    )


def _publication_issue(site: SiteContext, issue: Issue) -> dict[str, Any]:
    """The PublicationIssue an issue page belongs to, part of the site's Periodical."""
    periodical = {"@type": "Periodical", "name": site.options.site_name, "url": site.link("")}
    return _compact(
        {
            "@type": "PublicationIssue",
            "issueNumber": issue.meta.number,
            "name": issue.meta.title,
            "datePublished": issue.meta.date.isoformat(),
            "url": site.link(issue.page),
            "isPartOf": _compact(periodical),
        }
    )


def _people(site: SiteContext, acts: list[Credit]) -> list[dict[str, Any]]:
    """Each person credited in acts once, as a Person, in the order of their first act."""
    return [_person(site, person) for person in dict.fromkeys(a.person for a in acts)]


def _person(site: SiteContext, person_id: str) -> dict[str, Any]:
    """A Person with their name and profile URL; an anonymous member has neither."""
    view = site.people[person_id]
    if view.anonymous:
        return {"@type": "Person", "name": view.name}
    return _compact({"@type": "Person", "name": view.name, "url": site.link(view.profile or "")})


def _compact(data: dict[str, Any]) -> dict[str, Any]:
    """The mapping without its None values."""
    return {key: value for key, value in data.items() if value is not None}
