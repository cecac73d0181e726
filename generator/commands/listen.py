"""`polyvox listen`: the listening report for editors, as Markdown (a terminal or a job summary)."""

from __future__ import annotations

from polyvox.commands import markdown as md
from polyvox.content.model import Community, link_to
from polyvox.credit.ledger import question_title
from polyvox.credit.listening import Listening
from polyvox.i18n import Translator


def report_markdown(
    report: Listening, community: Community, t: Translator, *, site_url: str = ""
) -> str:
    """The report as Markdown: one heading, then a section per question editors ask."""
    issue = report.issue
    lines = [
        "## " + md.say(t, "listen_title", number=issue.meta.number, title=issue.meta.title),
        "",
        t("listen_as_of", date=t.date(report.today)),
        "",
        *_first_voices(report, community, t, site_url),
        *_quiet(report, community, t, site_url),
        *_waiting(report, community, t, site_url),
        *_askers(report, community, t, site_url),
        *_shares(report, community, t),
    ]
    return "\n".join(lines) + "\n"


def _section(title: str, definition: str) -> list[str]:
    """A section's heading and the sentence that defines what it lists."""
    return ["### " + title, "", definition, ""]


def _first_voices(report: Listening, community: Community, t: Translator, site_url: str):
    """First voices of the issue, and of the last three months."""
    yield from _section(t("listen_first_voices"), t("listen_first_text"))
    who = md.people(community, report.first_in_issue, t, site_url)
    yield f"- {t('label', label=t('listen_first_in_issue'))} {who}"
    recent = md.people(community, report.first_recent, t, site_url)
    since = t("listen_first_recent", date=t.date(report.since))
    yield f"- {t('label', label=since)} {recent}"
    yield ""


def _numbers(community: Community, issue_ids, t: Translator) -> str:
    """Issues named by their numbers, e.g. 'Issue 4, Issue 5'."""
    by_id = {issue.id: issue for issue in community.issues}
    return ", ".join(t("issue_number", number=by_id[i].meta.number) for i in issue_ids)


def _quiet(report: Listening, community: Community, t: Translator, site_url: str):
    """Voices gone quiet, with the issues they took part in and their last act."""
    last = _numbers(community, report.last_three, t)
    yield from _section(t("listen_quiet"), t("listen_quiet_text", issues=last))
    for quiet in report.quiet:
        who = md.person(community, quiet.person, t, site_url)
        took_part = _numbers(community, quiet.active_in, t)
        row = t("listen_quiet_row", issues=took_part, date=t.date(quiet.last_act))
        yield f"- {who}: {row}"
    if not report.quiet:
        yield t("listen_nobody")
    yield ""


def _waiting(report: Listening, community: Community, t: Translator, site_url: str):
    """Newcomers' questions still waiting, oldest first, as a table."""
    yield from _section(t("listen_waiting"), t("listen_waiting_text"))
    if not report.waiting:
        yield from (t("listen_no_question"), "")
        return
    header = [t(f"col_{key}") for key in ("asked_on", "person", "question", "session", "waiting")]
    rows = []
    for waiting in report.waiting:
        question, session = waiting.question, waiting.session
        url = md.site_link(site_url, link_to(question.page, question.anchor))
        session_url = md.site_link(site_url, session.page)
        rows.append(
            [
                t.date(waiting.asked),
                md.person(community, question.meta.asked_by, t, site_url),
                md.link(md.text(question_title(question.text)), url),
                md.link(md.text(session.meta.title), session_url),
                t.plural("waiting_days", (report.today - waiting.asked).days),
            ]
        )
    yield from (*md.table(header, rows), "")


def _askers(report: Listening, community: Community, t: Translator, site_url: str):
    """People who only ever asked, and people never answered."""
    yield from _section(t("listen_only_asked"), t("listen_only_asked_text"))
    if report.only_asked:
        header = [t("col_person"), t("questions"), t("col_answered")]
        rows = [
            [md.person(community, a.person, t, site_url), str(a.asked), str(a.answered)]
            for a in report.only_asked
        ]
        yield from md.table(header, rows)
    else:
        yield t("listen_nobody")
    yield ""
    yield from _section(t("listen_never_answered"), t("listen_never_answered_text"))
    for asker in report.never_answered:
        who = md.person(community, asker.person, t, site_url)
        yield f"- {who} ({t.plural('question_count', asker.asked)})"
    if not report.never_answered:
        yield t("listen_nobody")
    yield ""


def _shares(report: Listening, community: Community, t: Translator):
    """The top three voices' share of each of the last six issues, and how it moved."""
    yield from _section(t("listen_share"), t("listen_share_text"))
    by_id = {issue.id: issue for issue in community.issues}
    header = [t("col_issue"), t("col_acts"), t("col_top_three")]
    rows = [
        [
            t("issue_number", number=by_id[v.issue].meta.number),
            str(v.acts),
            t.percent(v.top_three_share),
        ]
        for v in report.shares
    ]
    yield from md.table(header, rows)
    first, last = report.shares[0], report.shares[-1]
    if len(report.shares) > 1:
        moved = t(
            "listen_share_moved",
            first=t.percent(first.top_three_share),
            start=by_id[first.issue].meta.number,
            last=t.percent(last.top_three_share),
            end=by_id[last.issue].meta.number,
        )
        yield from ("", moved)
