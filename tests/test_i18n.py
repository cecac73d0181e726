"""The UI in any language: gettext catalogs, plural rules, French typography, German and Spanish
sites, a community's own catalog, and the one warning a language without a catalog gets."""

from __future__ import annotations

import re
import subprocess
from datetime import date
from pathlib import Path

import feedparser
import lxml.html
import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_keywords, parse_mapping_cfg
from babel.messages.pofile import read_po

from polyvox.i18n import LANGUAGES, LOCALE_DIR, Translator, missing_catalog_message
from polyvox.i18n.messages import KEYWORDS, MESSAGES
from polyvox.site.templates import environment as _environment
from tests.conftest import REPO, copy_project, site_in

NNBSP = "\u202f"
ISSUE = "issues/2026-10/index.html"
SESSION = "ama/2026-10-08-growing-plural-voices/"
SAME_ON_PURPOSE = {
    "fr": {
        "ama",
        "kind_article",
        "sessions",
        "questions",
        "question_count",
        "label.colon",
        "email_subject.colon",
        "col_question",
        "col_session",
        "form_question_label",
        "field_session",
        "form_image",
        "prompt_date",
        "prompt_question",
        "prompt_session",
        "import_questions",
        "char_named",
        "import_counts",
        "import_listed",
    },
    "de": {
        "ama",
        "kind_link",
        "links",
        "sessions",
        "label",
        "feed_person_title",
        "feed_tag_title",
        "email_subject",
        "col_person",
        "field_links",
        "field_name",
        *("quoted", "found_text", "char_named", "meta_value_fault", "submit_cut"),
        *("import_counts", "import_listed", "import_post_start", "prompt_suffix"),
        "upgrade_why",
    },
    "es": {
        *("ama", "label", "label.colon", "feed_person_title", "feed_tag_title"),
        *("email_subject", "email_subject.colon"),
        *("quoted", "found_text", "char_named", "meta_value_fault", "submit_cut"),
        *("import_counts", "import_listed", "import_post_start", "prompt_suffix"),
        "upgrade_why",
    },
}
"""Messages whose translation is the English text on purpose (a loanword, or only fields)."""


def catalog(language: str):
    """The shipped catalog of a language, as Babel reads it."""
    with (LOCALE_DIR / language / "LC_MESSAGES" / "messages.po").open("rb") as file:
        return read_po(file)


def entries(messages) -> dict[tuple[str | None, object], object]:
    """(msgctxt, msgid) -> message, without the header."""
    return {(m.context, m.id): m for m in messages if m.id}


def extracted() -> dict[tuple[str | None, object], object]:
    """What Babel extracts from the source, with the mapping and keywords `make messages` uses."""
    with (REPO / "generator/i18n/babel.cfg").open() as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    keywords = {**DEFAULT_KEYWORDS, **parse_keywords(list(KEYWORDS))}
    found = extract_from_dir(str(REPO), method_map, options_map, keywords)
    return {(context, message): message for _, _, message, _, context in found}


def test_babel_extracts_every_message_and_the_template_holds_them():
    """Each key of the table is extracted with its English, and messages.pot is up to date."""
    found = extracted()
    table = {
        (key, m.text if m.plural is None else (m.text, m.plural)) for key, m in MESSAGES.items()
    }
    assert set(found) == table
    with (LOCALE_DIR / "messages.pot").open("rb") as file:
        assert set(entries(read_po(file))) == table, "run `make messages`"


def test_make_messages_extracts_with_the_same_keywords():
    """The Makefile passes Babel the marker specs this suite extracts with."""
    recipe = subprocess.run(
        ["make", "-n", "messages"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout
    assert all(f"-k {spec}" in recipe for spec in KEYWORDS), recipe


def test_english_french_german_and_spanish_are_shipped():
    """The four languages of the issue each have a catalog."""
    assert LANGUAGES == ("de", "en", "es", "fr")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_catalog_translates_every_message(language):
    """Same messages as the source, none empty, fuzzy or obsolete, every plural form filled."""
    messages = catalog(language)
    found = entries(messages)
    assert set(found) == set(extracted())
    assert not messages.obsolete
    for (context, _), message in found.items():
        strings = message.string if message.pluralizable else (message.string,)
        assert all(strings) and not message.fuzzy, context
        if message.pluralizable:
            assert len(strings) == messages.num_plurals, context


@pytest.mark.parametrize("language", sorted(SAME_ON_PURPOSE))
def test_no_english_is_left_in_a_translated_catalog(language):
    """Only the messages listed as identical on purpose read as their English."""
    same = {
        context
        for (context, msgid), message in entries(catalog(language)).items()
        if message.string == msgid
        or (
            message.pluralizable
            and message.string == (msgid[0], *[msgid[1]] * (len(message.string) - 1))
        )
    }
    assert same == SAME_ON_PURPOSE[language]


def test_the_english_catalog_is_the_source_text():
    """en's translations are its msgids: a community may copy it to start a language."""
    for (context, msgid), message in entries(catalog("en")).items():
        assert message.string in (msgid, (*msgid,)), context


def test_french_catalog_follows_french_typography():
    """A narrow no-break space before : ; ! ? and inside « », never a plain or wide one;
    code spans (`asked_by: <id>`) keep their ASCII."""
    checked = 0
    for (context, _), message in entries(catalog("fr")).items():
        strings = message.string if message.pluralizable else (message.string,)
        for text in strings:
            prose = re.sub(r"`[^`]*`", "", text)
            for match in re.finditer(r"[:;!?»]", prose):
                assert prose[match.start() - 1] == NNBSP, (context, prose)
                checked += 1
            for match in re.finditer("«", prose):
                assert prose[match.end()] == NNBSP, (context, prose)
            assert not re.search('["“”„]', prose), (context, prose)
    assert checked >= 20


@pytest.mark.parametrize(
    ("language", "counts"),
    [
        ("en", {0: "0 questions", 1: "1 question", 2: "2 questions"}),
        (
            "fr",
            {0: "0 question", 1: "1 question", 2: "2 questions", 1_000_000: "1000000 questions"},
        ),
        ("de", {0: "0 Fragen", 1: "1 Frage", 2: "2 Fragen"}),
        (
            "es",
            {0: "0 preguntas", 1: "1 pregunta", 2: "2 preguntas", 1_000_000: "1000000 preguntas"},
        ),
    ],
)
def test_plurals_follow_each_languages_rule(language, counts):
    """ngettext with the catalog's Plural-Forms: French counts 0 as singular, English does not."""
    t = Translator(language)
    assert {n: t.plural("question_count", n) for n in counts} == counts


def test_templates_can_use_jinja_i18n_with_the_sites_catalogs():
    """The environment has Jinja's i18n extension, with the site's gettext callables."""
    env = _environment((), Translator("de").translations)
    template = env.from_string(
        '{{ pgettext("home", "Home") }}|{% trans %}Untranslated{% endtrans %}|'
        '{{ npgettext("question_count", "%(num)d question", "%(num)d questions", 3) }}'
    )
    assert template.render() == "Startseite|Untranslated|3 questions"


def test_a_language_without_a_catalog_is_english_and_says_so():
    """An unknown language falls back to English strings and English formats, and knows why."""
    t = Translator("it")
    assert (t("home"), t.date(date(2026, 10, 8))) == (
        "Home",
        "October 8, 2026",
    )
    assert t.language == "en"
    assert t.missing == missing_catalog_message("it")
    assert Translator("fr-CA").language == "fr" and Translator("fr-CA").missing is None


@pytest.fixture(scope="module", params=["de", "es"])
def other_site(request, tmp_path_factory) -> tuple[str, Path]:
    """The example community built in German, then in Spanish."""
    project = copy_project(tmp_path_factory.mktemp(request.param))
    code, output = site_in(project, request.param)
    assert code == 0, output
    return request.param, project / "site"


LABELS = {
    "de": {
        "h1": "Ausgabe 3: In good faith",
        "tabs": ["Startseite", "Ausgaben", "AMA", "Mitwirkende"],
        "bylines": {"Herausgegeben von", "Von", "Schlagwörter:", "Gast:", "Moderation:"},
        "meta": "14 Personen haben an dieser Ausgabe mitgewirkt · 2 neue Stimmen · Wie vielstimmig ist jede Ausgabe?",
        "voices": "Die Stimmen dieser Ausgabe",
        "role": "Antwort (11)",
        "first": "Neue Stimme",
        "date": "26. Oktober 2026",
        "feed": "Alle Ausgaben von Commons Circle, vollständig.",
        "ama_feed": (
            "Commons Circle: AMA-Sessions",
            "Alle AMA-Sessions von Commons Circle, mit ihren Fragen und Antworten.",
        ),
        "answer": "Antwort: ",
    },
    "es": {
        "h1": "Número 3: In good faith",
        "tabs": ["Inicio", "Números", "AMA", "Participantes"],
        "bylines": {"Editado por", "Por", "Etiquetas:", "Persona invitada:", "Moderación:"},
        "meta": "14 personas han participado en este número · 2 primeras voces · ¿Cuán plural es cada número?",
        "voices": "Las voces de este número",
        "role": "Respuesta (11)",
        "first": "Primera voz",
        "date": "26 de octubre de 2026",
        "feed": "Todos los números de Commons Circle, completos.",
        "ama_feed": (
            "Commons Circle: sesiones AMA",
            "Todas las sesiones AMA de Commons Circle, con sus preguntas y respuestas.",
        ),
        "answer": "Respuesta: ",
    },
}


def test_issue_page_speaks_the_sites_language(other_site):
    """German or Spanish headings, bylines, counts, roles, badges, dates and navigation."""
    language, site = other_site
    expected = LABELS[language]
    page = lxml.html.parse(str(site / ISSUE)).getroot()
    article = page.cssselect("article")[0]
    assert page.get("lang") == language
    assert article.cssselect("h1")[0].text_content().rstrip("¶") == expected["h1"]
    assert [a.text_content().strip() for a in page.cssselect(".md-tabs__link")][:4] == expected[
        "tabs"
    ]
    assert {
        (e.text or "").strip() for e in article.cssselect("p.pv-byline, p.pv-tags")
    } == expected["bylines"]
    assert expected["meta"] in [e.text_content() for e in article.cssselect("p.pv-meta")]
    assert expected["date"] in [e.text_content() for e in article.cssselect("p.pv-meta")]
    assert expected["voices"] in [h.text_content().rstrip("¶") for h in article.cssselect("h2")]
    roles = article.cssselect('[class^="pv-role-"]')
    assert expected["role"] in [e.text_content() for e in roles]
    assert expected["first"] in [e.text_content() for e in article.cssselect(".pv-first-voice")]


def test_feeds_speak_the_sites_language(other_site):
    """Feed titles, descriptions, item titles and the language element, as feedparser reads them."""
    language, site = other_site
    expected = LABELS[language]
    for name in ("feed.xml", "atom.xml"):
        newsletter = feedparser.parse(str(site / name))
        assert newsletter.feed.subtitle == expected["feed"]
        assert newsletter.entries[0].title == expected["h1"]
        ama = feedparser.parse(str(site / "ama" / name))
        assert (ama.feed.title, ama.feed.subtitle) == expected["ama_feed"]
    assert feedparser.parse(str(site / "feed.xml")).feed.language == language
    person = feedparser.parse(str(site / "contributors/farah-siddiqui/feed.xml"))
    assert any(e.title.startswith(expected["answer"]) for e in person.entries)


def test_french_pages_feeds_and_charts_follow_french_typography(french_site):
    """Labels that end in a colon or a question, tag titles in « », in pages, feeds and charts."""
    issue = lxml.html.parse(str(french_site / ISSUE)).getroot().cssselect("article")[0]
    assert issue.cssselect("h1")[0].text_content().rstrip("¶") == f"Numéro 3{NNBSP}: In good faith"
    assert (
        issue.cssselect("a[rel=prev]")[0].text_content()
        == f"← Numéro précédent{NNBSP}: Plural voices"
    )
    assert (
        issue.cssselect("p.pv-meta a")[0].text_content()
        == f"Quelle pluralité dans chaque numéro{NNBSP}?"
    )
    assert issue.cssselect(".pv-answered")[0].text_content().startswith(f"Réponse{NNBSP}: ")
    profile = lxml.html.parse(str(french_site / "contributors/farah-siddiqui/index.html")).getroot()
    assert (
        profile.cssselect("p.pv-meta")[0].text_content().startswith(f"Première apparition{NNBSP}: ")
    )
    tag = lxml.html.parse(str(french_site / "tags/facilitation/index.html")).getroot()
    assert (
        tag.cssselect("article h1")[0].text_content().rstrip("¶")
        == f"Étiquette «{NNBSP}facilitation{NNBSP}»"
    )
    archive = lxml.html.parse(str(french_site / "issues/index.html")).getroot()
    assert f"Numéro 1{NNBSP}: Switchboards, not vaults" in [
        a.text_content() for a in archive.cssselect("article li a")
    ]
    newsletter = feedparser.parse(str(french_site / "feed.xml"))
    assert [e.title for e in newsletter.entries][-1] == f"Numéro 1{NNBSP}: Switchboards, not vaults"
    assert (
        feedparser.parse(str(french_site / "ama/atom.xml")).feed.title
        == f"Commons Circle{NNBSP}: sessions AMA"
    )
    person = feedparser.parse(str(french_site / "contributors/farah-siddiqui/feed.xml"))
    assert any(e.title.startswith(f"Réponse{NNBSP}: ") for e in person.entries)
    voices = lxml.html.parse(str(french_site / "voices/index.html")).getroot()
    captions = [c.text_content() for c in voices.cssselect("figcaption")]
    assert "Part de la voix la plus présente" in captions
    legend = {t.text for t in voices.cssselect("svg text")}
    assert {"Voix déjà entendues", "Premières voix", "Nombre effectif de voix"} <= legend
    definitions = voices.cssselect("article li")[0].text_content()
    assert definitions.startswith(f"Voix{NNBSP}: les personnes")


ITALIAN = """\
# Italian strings of the community, a few of them.
msgid ""
msgstr ""
"Language: it\\n"
"Content-Type: text/plain; charset=utf-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

msgctxt "home"
msgid "Home"
msgstr "Pagina iniziale"

msgctxt "voices_in_issue"
msgid "Voices in this issue"
msgstr "Le voci di questo numero"

msgctxt "people_took_part"
msgid "{count} person took part in this issue"
msgid_plural "{count} people took part in this issue"
msgstr[0] "{count} persona ha partecipato a questo numero"
msgstr[1] "{count} persone hanno partecipato a questo numero"

#, fuzzy
msgctxt "issues"
msgid "Issues"
msgstr "Numeri"
"""


def test_a_language_without_a_catalog_builds_in_english_with_one_warning(tmp_path):
    """theme.language: it, no it.po: English pages and one warning naming the missing catalog,
    which --strict counts."""
    project = copy_project(tmp_path)
    code, output = site_in(project, "it")
    assert code == 0, output
    warning = (
        "WARNING -  theme.language is 'it' but there is no 'it' catalog: pages, feeds and charts "
        "are in English. Add polyvox/locale/it.po to the theme's custom_dir to translate them "
        "(README: 'The UI in your language')."
    )
    assert [line for line in output.splitlines() if "catalog" in line] == [warning]
    issue = lxml.html.parse(str(project / "site" / ISSUE)).getroot()
    assert "Voices in this issue" in [
        h.text_content().rstrip("¶") for h in issue.cssselect("article h2")
    ]
    assert (
        feedparser.parse(str(project / "site/feed.xml")).feed.subtitle
        == "Every issue of Commons Circle, in full."
    )


def test_strict_build_stops_on_the_missing_catalog(tmp_path):
    """With strict: true in mkdocs.yml the warning fails the build and keeps the old site."""
    project = copy_project(tmp_path)
    code, output = site_in(project, "it", strict=True)
    assert code != 0
    assert "there is no 'it' catalog" in output
    assert not (project / "site").exists()


def test_a_community_adds_its_language_with_one_po_file(tmp_path):
    """theme/polyvox/locale/it.po is picked up: its strings and plural rule, Italian dates,
    English for what it leaves out or marks fuzzy, and no warning."""
    project = copy_project(tmp_path)
    (project / "theme/polyvox/locale").mkdir(parents=True)
    (project / "theme/polyvox/locale/it.po").write_text(ITALIAN, encoding="utf-8")
    code, output = site_in(project, "it")
    assert code == 0, output
    assert "catalog" not in output
    page = lxml.html.parse(str(project / "site" / ISSUE)).getroot()
    article = page.cssselect("article")[0]
    assert "Le voci di questo numero" in [
        h.text_content().rstrip("¶") for h in article.cssselect("h2")
    ]
    meta = [e.text_content() for e in article.cssselect("p.pv-meta")]
    assert "26 ottobre 2026" in meta
    assert any(
        m.startswith("14 persone hanno partecipato a questo numero · 2 first voices") for m in meta
    )
    assert [a.text_content().strip() for a in page.cssselect(".md-tabs__link")][:2] == [
        "Pagina iniziale",
        "Issues",
    ]
    assert feedparser.parse(str(project / "site/feed.xml")).feed.language == "it"


def test_a_community_catalog_rewords_a_shipped_language(tmp_path):
    """A partial fr.po in the theme changes what it names and leaves the rest of French as it is."""
    project = copy_project(tmp_path)
    (project / "theme/polyvox/locale").mkdir(parents=True)
    (project / "theme/polyvox/locale/fr.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: fr\\n"\n\n'
        'msgctxt "home"\nmsgid "Home"\nmsgstr "Sommaire"\n',
        encoding="utf-8",
    )
    assert site_in(project, "fr")[0] == 0
    page = lxml.html.parse(str(project / "site" / ISSUE)).getroot()
    assert [a.text_content().strip() for a in page.cssselect(".md-tabs__link")][:2] == [
        "Sommaire",
        "Numéros",
    ]


@pytest.mark.parametrize(
    ("po", "message"),
    [
        (
            ITALIAN.replace('msgstr[0] "{count} persona', 'msgstr[0] "{cout} persona'),
            "{path}:17: msgctxt 'people_took_part': the translation uses {{cout}}, which the "
            "English text does not have (its fields: {{count}})",
        ),
        (
            ITALIAN.replace('msgstr "Pagina iniziale"', 'msgstr "Pagina iniziale'),
            '{path}:10: expected a keyword and one quoted string, e.g. msgstr "...", '
            'found: msgstr "Pagina iniziale',
        ),
        (
            ITALIAN.replace('msgstr "Pagina iniziale"', "msgstr Pagina iniziale"),
            '{path}:10: expected a keyword and one quoted string, e.g. msgstr "...", '
            "found: msgstr Pagina iniziale",
        ),
        (
            ITALIAN.replace('msgstr "Pagina iniziale"\n', ""),
            "{path}:9: not a valid .po file: missing msgstr for msgid 'Home'",
        ),
    ],
)
def test_a_broken_community_catalog_is_named_with_its_line(tmp_path, po, message):
    """A translation naming an unknown field, or a .po that does not parse: the file, the line,
    and no traceback; nothing is published."""
    project = copy_project(tmp_path)
    path = project / "theme/polyvox/locale/it.po"
    path.parent.mkdir(parents=True)
    path.write_text(po, encoding="utf-8")
    code, output = site_in(project, "it")
    assert code != 0
    assert "Traceback" not in output
    assert f"ERROR   -  the build stopped: {message.format(path=path)}\n" in output
    assert not (project / "site").exists()


def test_the_themes_footer_speaks_the_sites_language(french_site):
    """Material's 'Made with' line, which it only has in English, is the catalog's."""
    for page in ("", "issues/2026-10/", "about/"):
        footer = lxml.html.parse(str(french_site / page / "index.html")).getroot()
        line = footer.cssselect(".md-copyright")[0]
        assert " ".join(line.text_content().split()) == "Fait avec Material for MkDocs"
        assert line.cssselect("a")[0].text_content().strip() == "Material for MkDocs"
