"""The text edition: the same content and URLs as the HTML, in lines of at most 78 characters."""

from __future__ import annotations

from collections.abc import Iterable

from polyvox.i18n import Translator
from polyvox.site.email.fragments import as_text, wrap
from polyvox.site.email.view import EditionView, Person, QuestionView, VoiceView


def render_text(view: EditionView) -> str:
    """The edition as plain text for a terminal or a text-only mail client."""
    t = Translator(view.language)
    out = [
        wrap(f"{view.site_name} · {view.date}"),
        _title(view.heading, "="),
        _byline(t, "edited_by", view.editors),
        wrap(f"{t('label', label=t('email_read_online'))} <{view.url}>"),
    ]
    if view.listed:
        out.append(wrap(t.plural("email_listed", len(view.pieces))))
    elif view.shortened:
        out.append(wrap(t.plural("email_shortened", view.shortened)))
    out.append(as_text(view.editorial))
    for group in view.groups:
        out.append(_title(group.label, "="))
        for piece in group.pieces:
            out.append(_title(piece.title, "-"))
            out.append(_byline(t, "by", piece.authors))
            if piece.ai_label:  # on the byline's own next line: its names carry long URLs
                out.append(wrap(f"({piece.ai_label})"))
            if piece.responds_to:
                link = piece.responds_to
                out.append(wrap(f"{t('responds_to', piece=link.title)} <{link.url}>"))
            if view.listed:
                out.append(wrap(f"<{piece.url}>"))
            elif piece.shortened:
                out.append(wrap(piece.summary))
                out.append(wrap(f"{t('label', label=t('email_read_piece'))} <{piece.url}>"))
            else:
                out.append(as_text(piece.html))
                out.append(wrap(f"<{piece.url}>"))
            if piece.responses:
                replies = ", ".join(f"{r.title} <{r.url}>" for r in piece.responses)
                out.append(wrap(t.plural("answered_by", len(piece.responses), pieces=replies)))
            out.append(_byline(t, "with_translation_by", piece.translators))
            out.append(_byline(t, "reviewed_by", piece.reviewers))
    for ama in view.amas:
        out.append(_title(t("email_ama"), "="))
        out.append(_title(ama.title, "-"))
        out.append(wrap(f"{ama.date} <{ama.url}>"))
        out.append(_byline(t, "guests", ama.guests))
        out.append(_byline(t, "hosts", ama.hosts))
        out.append(wrap(ama.summary))
        out.append(_items(_question(t, q, view.questions_only) for q in ama.questions))
    if view.first_voices:
        out.append(_title(t("email_first_voices"), "="))
        out.append(
            wrap(
                t.plural(
                    "email_first_voices_text",
                    len(view.first_voices),
                    names=view.first_voices_text(),
                )
            )
        )
    if view.voices:
        out.append(_title(t("voices_in_issue"), "="))
        out.append(_items(_voice(t, v) for v in view.voices))
    out.append(_title(t("subscribe"), "="))
    feeds = " ".join(f"{f.title} <{f.url}>" for f in view.feeds)
    out.append(wrap(f"{t('email_feeds')} {feeds}"))
    contribute = view.addressing.contribute_url
    out.append(wrap(t("email_contribute") + (f" <{contribute}>" if contribute else "")))
    if view.addressing.list_unsubscribe:
        unsubscribe = t("label", label=t("email_unsubscribe"))
        out.append(wrap(f"{unsubscribe} <{view.addressing.list_unsubscribe}>"))
    return "\n\n".join(block for block in out if block.strip()) + "\n"


def _question(t: Translator, q: QuestionView, only: bool = False) -> str:
    """An AMA question: its title and link, who asked, who answered (unless `only`)."""
    if only:
        return f"{q.title} <{q.url}>"
    answered = _credit(t, "answer_by", q.answerers) if q.answerers else t("unanswered")
    return f"{q.title} <{q.url}> {_credit(t, 'asked_by', [q.asker])} · {answered}"


def _voice(t: Translator, v: VoiceView) -> str:
    """A voice of the issue with their roles."""
    first = f" ({t('first_voice')})" if v.first else ""
    return f"{t('label', label=_names([v.person]) + first)} {v.roles}"


def _items(lines: Iterable[str]) -> str:
    """A list, one item per entry, wrapped and indented under its dash."""
    return "\n".join(wrap(line, indent="  ", first="- ") for line in lines)


def _title(text: str, underline: str) -> str:
    """A heading, underlined to its length."""
    title = wrap(text)
    return title + "\n" + underline * max(len(line) for line in title.splitlines())


def _names(people: list[Person] | tuple[Person, ...]) -> str:
    """Names, each followed by its profile URL when it has one."""
    return ", ".join(f"{p.name} <{p.url}>" if p.url else p.name for p in people)


def _credit(t: Translator, key: str, people: list[Person] | tuple[Person, ...]) -> str:
    """The catalog's credit line for a role ("By {names}"), names with their profile URLs."""
    return t.credit(key, _names(people), people[0].name, len(people))


def _byline(t: Translator, key: str, people: tuple[Person, ...]) -> str:
    """A credit line, or nothing when nobody holds the role."""
    return wrap(_credit(t, key, people)) if people else ""
