"""schema.org JSON-LD for issue, AMA and profile pages, built from the one credit ledger.

Issues and AMA sessions are `BlogPosting`s (never QAPage or FAQPage, which search engines keep
for other uses); profiles are `ProfilePage`s whose main entity is the `Person`. Anonymous members
appear as a Person named "Anonymous member" in the site's language, with no link.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from polyvox.content.model import AmaSession, Contributor, Issue, Question, link_to
from polyvox.content.schema import IssueMeta, SessionMeta
from polyvox.credit.ledger import Credit, Role

if TYPE_CHECKING:
    from polyvox.site.view import SiteContext

CONTEXT = "https://schema.org"
AUTHORS = (Role.AUTHOR, Role.CO_AUTHOR)
WEB_LINK = ("https://", "http://")


def issue_posting(site: SiteContext, issue: Issue) -> dict[str, Any]:
    """An issue as a BlogPosting in its PublicationIssue: authors, and everyone else credited."""
    page = issue.page
    acts = site.credits_by_issue.get(issue.id, [])
    written = [a for a in acts if a.role in AUTHORS and a.page == page]
    authors = {a.person for a in written}
    sessions = {a.page: a.title for a in acts if a.page != page and a.role is Role.GUEST}
    return _posting(
        site,
        page,
        issue.meta,
        author=_people(site, written),
        contributor=_people(site, [a for a in acts if a.person not in authors]),
        isPartOf=_publication_issue(site, issue),
        hasPart=[
            _compact({"@type": "BlogPosting", "headline": title, "url": site.link(url)})
            for url, title in sessions.items()
        ],
    )


def session_posting(
    site: SiteContext, session: AmaSession, questions: list[Question]
) -> dict[str, Any]:
    """An AMA session as a BlogPosting whose parts are its questions, in the page's order."""
    page = session.page
    by_anchor: dict[str, list[Credit]] = defaultdict(list)
    for act in site.credits_by_page.get(page, []):
        by_anchor[act.anchor].append(act)
    issue = site.issues_by_id.get(session.meta.issue or "")
    return _posting(
        site,
        page,
        session.meta,
        author=_people(site, [a for a in by_anchor[""] if a.role is Role.GUEST]),
        contributor=_people(site, [a for a in by_anchor[""] if a.role is Role.HOST]),
        isPartOf=_publication_issue(site, issue) if issue else None,
        hasPart=[_question(site, page, q, by_anchor) for q in questions],
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


def _question(
    site: SiteContext, page: str, question: Question, by_anchor: dict[str, list[Credit]]
) -> dict[str, Any]:
    """One question with its asker, then each answer and follow-up at its own anchor."""
    asked = next(a for a in by_anchor[question.slug] if a.role is Role.ASKER)
    turns = [t for i in range(len(question.turns)) for t in by_anchor[question.turn_anchor(i)]]
    answers = [_turn(site, page, "Answer", t) for t in turns if t.role is Role.ANSWERER]
    follow_ups = [_turn(site, page, "Comment", t) for t in turns if t.role is Role.FOLLOW_UP]
    return _compact(
        {
            "@type": "Question",
            "name": asked.title,
            "url": site.link(link_to(page, question.anchor)),
            "dateCreated": asked.date.isoformat(),
            "author": _person(site, asked.person),
            "answerCount": len(answers),
            "suggestedAnswer": answers or None,
            "comment": follow_ups or None,
        }
    )


def _turn(site: SiteContext, page: str, kind: str, act: Credit) -> dict[str, Any]:
    """An answer or a follow-up, at its own anchor, with its author."""
    url = site.link(link_to(page, act.anchor))
    return _compact({"@type": kind, "url": url, "author": _person(site, act.person)})


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
