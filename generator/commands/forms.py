"""GitHub issue forms for people who do not use git: one declarative definition per form, written
as `.github/ISSUE_TEMPLATE/*.yml` in the community's language, and read back from the Markdown
GitHub makes of a submitted form (one `### Label` heading per field, `_No response_` for a field
left empty). Pure: texts in, texts out."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import yaml

from polyvox.commands.scaffold import _FrontMatterDumper as FrontMatterDumper
from polyvox.content.model import AmaSession
from polyvox.content.schema import AiAssistance, ContributionKind
from polyvox.i18n import Translator

FORMS_FOLDER = ".github/ISSUE_TEMPLATE"
NO_RESPONSE = "_No response_"
"""What GitHub writes under the heading of a field left empty."""


@dataclass(frozen=True)
class Field:
    """One field of a form: its id, its kind of input, and its texts' message keys."""

    id: str
    kind: str
    """input (one line), textarea (Markdown), or dropdown (one of `options`)."""
    required: bool = False

    @property
    def label_key(self) -> str:
        """The message key of its label (its heading in a submitted issue)."""
        return f"field_{self.id}"

    @property
    def description_key(self) -> str:
        """The message key of the line that explains it."""
        return f"field_{self.id}_about"


@dataclass(frozen=True)
class Form:
    """One issue form: its file, its texts' message keys, and its fields in order."""

    id: str
    fields: tuple[Field, ...]
    extra_intro: tuple[str, ...] = field(default_factory=tuple)

    @property
    def path(self) -> str:
        """Where it lives in the repository."""
        return f"{FORMS_FOLDER}/{self.id}.yml"

    def field(self, field_id: str) -> Field:
        """One of its fields by id."""
        return next(f for f in self.fields if f.id == field_id)


PIECE = Form(
    "piece",
    (
        Field("title", "input", required=True),
        Field("kind", "dropdown", required=True),
        Field("text", "textarea", required=True),
        Field("summary", "input"),
        Field("tags", "input"),
        Field("co_authors", "input"),
        Field("ai", "dropdown"),
    ),
)
QUESTION = Form(
    "question",
    (
        Field("session", "dropdown", required=True),
        Field("question", "textarea", required=True),
        Field("tags", "input"),
    ),
)
PROFILE = Form(
    "profile",
    (
        Field("name", "input", required=True),
        Field("pronouns", "input"),
        Field("links", "textarea"),
        Field("fediverse", "input"),
        Field("bio", "textarea"),
    ),
    extra_intro=("form_profile_keep",),
)
FORMS = (PIECE, QUESTION, PROFILE)


def kind_options(t: Translator) -> dict[str, str]:
    """The kind dropdown's options (as shown) by kind, in the order issues list them."""
    return {t(f"form_kind_{kind}"): kind.value for kind in ContributionKind}


def ai_options(t: Translator) -> dict[str, str]:
    """The AI-assistance dropdown's options (as shown) by value."""
    return {t(f"ai_{value}"): value.value for value in AiAssistance}


def session_option(session: AmaSession) -> str:
    """A session as the question form lists it: its title and its folder (which names it)."""
    return f"{session.meta.title} ({session.id})"


def collecting(sessions: Iterable[AmaSession]) -> list[AmaSession]:
    """The sessions taking questions, in the order they are held."""
    return sorted((s for s in sessions if s.collecting), key=lambda s: (s.meta.date, s.id))


def options_of(form_field: Field, t: Translator, sessions: list[AmaSession]) -> list[str]:
    """The choices a dropdown offers."""
    match form_field.id:
        case "kind":
            return list(kind_options(t))
        case "ai":
            return list(ai_options(t))
        case "session":
            return [session_option(s) for s in sessions]
    raise ValueError(form_field.id)


def form_data(form: Form, t: Translator, *, site: str, sessions: list[AmaSession]) -> dict:
    """A form as GitHub's issue-form schema wants it (name, description, labels, body)."""
    intro = " ".join([t("form_intro", site=site), *(t(key) for key in form.extra_intro)])
    body: list[dict] = [{"type": "markdown", "attributes": {"value": intro}}]
    for form_field in form.fields:
        body.append(_element(form_field, t, sessions))
    return {
        "name": t(f"form_{form.id}_name"),
        "description": t(f"form_{form.id}_about", site=site),
        "title": t(f"form_{form.id}_name") + ": ",
        "labels": [t(f"form_{form.id}_label")],
        "body": body,
    }


def _element(form_field: Field, t: Translator, sessions: list[AmaSession]) -> dict:
    """One field as a form element; the session dropdown becomes a line of text when no
    session takes questions (a dropdown needs a choice)."""
    kind, description = form_field.kind, t(form_field.description_key)
    attributes: dict = {"label": t(form_field.label_key), "description": description}
    if form_field.id == "session" and not sessions:
        kind, attributes["description"] = "input", t("field_session_none")
    elif kind == "dropdown":
        attributes["options"] = options_of(form_field, t, sessions)
    element: dict = {"type": kind, "id": form_field.id, "attributes": attributes}
    if form_field.required:
        element["validations"] = {"required": True}
    return element


class _FormDumper(FrontMatterDumper):
    """Block style throughout, double quotes where quotes are needed, and text on several
    lines as a literal block."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    """A string, as a literal block when it holds line breaks."""
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_FormDumper.add_representer(str, _text)
_FormDumper.add_representer(
    list, lambda dumper, items: dumper.represent_sequence("tag:yaml.org,2002:seq", items, False)
)
WRITTEN_BY = "# Written by `polyvox forms`"
"""How a form file Polyvox wrote starts (one it may write again)."""
HEADER = (
    f"{WRITTEN_BY} in the site's language: run it again after opening or\n"
    "# closing an AMA session (the question form lists the sessions collecting questions).\n"
    "# `polyvox submit` reads what people send with it.\n"
)


def form_yaml(data: dict) -> str:
    """A form's file."""
    dumped = yaml.dump(
        data, Dumper=_FormDumper, sort_keys=False, allow_unicode=True, width=1_000_000
    )
    return HEADER + dumped


def form_files(t: Translator, *, site: str, sessions: Iterable[AmaSession]) -> dict[str, str]:
    """Every form's file, by its path in the repository."""
    open_sessions = collecting(sessions)
    return {
        form.path: form_yaml(form_data(form, t, site=site, sessions=open_sessions))
        for form in FORMS
    }


@dataclass(frozen=True)
class Filled:
    """A submitted form: which one, each field's answer ('' for none), and the labels read."""

    form: Form
    values: dict[str, str]
    labels: dict[str, str]
    """Each field's label, as the form that was filled in shows it."""
    missing: tuple[str, ...]
    """Fields whose heading is not in the text (the issue was edited by hand)."""


def labels_from(data: object) -> dict[str, str]:
    """The labels of a form file's fields by id (empty for anything that is not a form)."""
    if not isinstance(data, dict) or not isinstance(data.get("body"), list):
        return {}
    labels = {}
    for element in data["body"]:
        if isinstance(element, dict) and isinstance(element.get("id"), str):
            attributes = element.get("attributes") or {}
            if isinstance(attributes, dict) and isinstance(attributes.get("label"), str):
                labels[element["id"]] = attributes["label"]
    return labels


def read_filled(body: str, labels_by_form: dict[str, dict[str, str]]) -> Filled | None:
    """Which form a submitted issue's text comes from, and its answers; None if it comes from
    none (a form's text starts with the heading of its first field)."""
    text = body.replace("\r\n", "\n").replace("\r", "\n")
    heading, newline, _ = text.lstrip().partition("\n")
    if not newline or not heading.startswith("### ") or not heading[4:].strip():
        return None
    for form in FORMS:
        labels = labels_by_form.get(form.id, {})
        if labels.get(form.fields[0].id) == heading[4:].strip():
            return _answers(form, labels, text)
    return None


def _answers(form: Form, labels: dict[str, str], text: str) -> Filled:
    """Each field's answer: the text under its heading, up to the next field's heading.

    Headings are looked for from the last field back, each the last of its kind before the one
    after it: a textarea's own '### ' lines can never cut it short.
    """
    values, missing = {}, []
    end = len(text)
    for form_field in reversed(form.fields):
        label = labels.get(form_field.id, "")
        found = list(re.finditer(rf"(?m)^### {re.escape(label)}[ \t]*$", text[:end]))
        if not label or not found:
            values[form_field.id] = ""
            missing.append(form_field.id)
            continue
        heading = found[-1]
        answer = text[heading.end() : end].strip("\n").rstrip()
        if form_field.kind != "textarea":
            answer = answer.strip()
        values[form_field.id] = "" if answer.strip() == NO_RESPONSE else answer
        end = heading.start()
    return Filled(form, values, labels, tuple(reversed(missing)))
