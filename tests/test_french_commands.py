"""A French community hears its command line in French: every problem `polyvox check` names,
what `polyvox new` asks and says, what `polyvox import` reports and refuses, and the preview's
error page, from the catalogs; French grammar (elision, plural forms, typography) from them too.

The mistakes are those the other tests make (their tables), checked in a French project: no
message may hold an English word outside what the member wrote, paths, keys and names."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner

from polyvox.commands.cli import main
from polyvox.commands.community import MANIFEST, read_manifest
from polyvox.engines.preview import Preview
from tests import (
    test_check,
    test_editor_month,
    test_hostile_inputs,
    test_member_mistakes,
    test_safety,
    test_svg,
)
from tests.conftest import MINIMAL_TREE, build_project, copy_project, copy_settings, write_tree
from tests.test_import import CLAIMS, run_import

NNBSP, NBSP, APOSTROPHE = "\u202f", "\u00a0", "\u2019"
FRENCH_SITE = "theme:\n  name: material\n  language: fr\n"
ENGLISH = frozenset(
    re.findall(
        r"\S+",
        """the and of by with to for this that from your you is are not found expects remove add
    write missing unknown must should which its has have empty already does exist exists
    allowed only instead these contains holds give needs between would could them they their
    there here was were been be nothing cannot did mean see run open wrote written imported
    checked problems problem errors warnings file files issue piece pieces answer answers
    asked question's questions' it put quotes line lines folder folders leads outside mean
    means contributor contributors named names text words next when then than every each
    readers reader site's browser browsers after before ask keep kept""",
    )
)
"""English words no French message needs (none is a French word, a key or a value here)."""
CODE = re.compile(r"`[^`]*`|«[^»]*»|'[^'\s][^']*'|\"[^\"]*\"|<[^<>]*>|\S*[/\\.#]\S*|--[\w-]+")
"""What a message quotes rather than says: code, quoted values, tags, paths and addresses,
file names, options."""
PARSER = re.compile(r"\((?=[A-Z])[^()]*\)")
"""What libxml2 or Python's own parsers say of a file they cannot read, quoted in parentheses
as they wrote it, capital first ('XML mal formé (Entity 'nbsp' not defined, ...)'): no catalog
has their hundreds of messages."""
PREFIX = re.compile(r"^(?:\S+?(?::\d+)?: (?:error|warning): |polyvox: (?:warning: )?|::\w+ .*?::)")
"""Where a line is and how bad (the form editors read), and the program's name."""


def french(files: dict) -> dict:
    """A test tree's files with the site's language set to French."""
    config = files.get("mkdocs.yml", MINIMAL_TREE["mkdocs.yml"])
    return {**files, "mkdocs.yml": FRENCH_SITE + config}


def written_texts(files: dict) -> list[str]:
    """What a member wrote in the test's files (lines and front-matter values), longest first:
    a message quotes it as written."""
    texts = set()
    for value in files.values():
        text = value.decode("latin-1") if isinstance(value, bytes) else value or ""
        for line in text.splitlines():
            texts |= {line.strip(), *(part.strip(" \"'") for part in line.split(": ", 1))}
    return sorted((t for t in texts if len(t) > 1), key=len, reverse=True)


def english_words(line: str, written: list[str] = ()) -> set[str]:
    """The English words of a message once its place, what the member wrote and what it
    quotes are taken out."""
    rest = PREFIX.sub("", line)
    for text in written:
        rest = rest.replace(text, " ")
    rest = CODE.sub(" ", PARSER.sub(" ", rest))
    return set(re.findall(r"[a-z]+", rest.lower())) & ENGLISH


def check(root: Path, *args: str) -> tuple[int, list[str]]:
    """`polyvox check` on a project: exit code and lines."""
    result = CliRunner().invoke(main, ["check", str(root), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output.splitlines()


def cases():
    """The mistakes other tests make, as (files, check's arguments), each with its test's id."""
    piece, head = test_safety.PIECE, test_safety.HEAD
    found = [(p, p.values[0], ()) for p in test_check.BAD_INPUTS]
    mistakes = test_member_mistakes
    for p in mistakes.LINKS_AND_IMAGES + mistakes.ANCHORS + mistakes.WRITING_ABOUT_HTML:
        found.append((p, mistakes.tree(p.values[0]), ("--today", "2026-09-30")))
    found += [(p, p.values[0], ()) for p in mistakes.FRONT_MATTER + mistakes.MISLEADING]
    found += [(p, {**test_safety.IMAGES, **p.values[0]}, ()) for p in test_safety.HOSTILE]
    found += [(p, p.values[0], ()) for p in test_safety.WARNINGS]
    for p in test_editor_month.CONTENT_RULES:
        found.append((p, p.values[0], ("--strict", "--today", p.values[1])))
    found += [
        (p, {test_editor_month.I + "hosting.md": p.values[0]}, ())
        for p in test_editor_month.YAML_MESSAGES
    ]
    found += [(p, {test_svg.LOGO: p.values[0]}, ()) for p in test_svg.SVG_FILES]
    found += [(p, {piece: head + p.values[0]}, ()) for p in test_svg.INLINE]
    found += [(p, {piece: head + p.values[0]}, ()) for p in test_hostile_inputs.BODIES]
    return [pytest.param(files, args, id=p.id) for p, files, args in found]


@pytest.mark.parametrize(("files", "args"), cases())
def test_every_mistake_is_told_in_french(tmp_path, files, args):
    """Each mistake of the other tests' tables, checked in a French project: its problems
    and the summary hold no English word, and are not the English messages."""
    english = check(write_tree(tmp_path / "en", files), *args)
    code, lines = check(write_tree(tmp_path / "fr", french(files)), *args)
    assert code == english[0]
    assert len(lines) == len(english[1])
    written = written_texts(files)
    assert {line: english_words(line, written) for line in lines} == {line: set() for line in lines}
    assert not set(lines) & set(english[1])


def french_project(root: Path) -> Path:
    """The example project's settings (or a whole copy of it) made French."""
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("language: en", "language: fr"))
    return root


ISSUE = "content/issues/2026-09/"
SHARE = "site_name: Circle\nplugins:\n  - polyvox:\n      max_voice_share: {}\n"
INVITE = (
    f"{NNBSP}: invitez d{APOSTROPHE}autres personnes à écrire, à poser une question ou à relire, ou relevez "
    "max_voice_share dans mkdocs.yml"
)


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        pytest.param(
            {"mkdocs.yml": SHARE.format(0.4)},
            [
                f"{ISSUE}index.md: warning: la part d{APOSTROPHE}Amara Okafor dans ce numéro (50{NBSP}%, 5 sur 10 "
                f"participations) dépasse ce que permet max_voice_share (40{NBSP}%){INVITE}",
                f"polyvox: 10 fichiers vérifiés{NNBSP}: 0 erreur, 1 avertissement.",
            ],
            id="elision before a name",
        ),
        pytest.param(
            {"mkdocs.yml": SHARE.format(0.9), **test_check.ANONYMOUS_ISSUE},
            [
                f"content/issues/2026-10/index.md: warning: la part d{APOSTROPHE}un membre anonyme dans ce "
                f"numéro (100{NBSP}%, 2 sur 2 participations) dépasse ce que permet "
                f"max_voice_share (90{NBSP}%){INVITE}",
                f"polyvox: 12 fichiers vérifiés{NNBSP}: 0 erreur, 1 avertissement.",
            ],
            id="elision before an anonymous member",
        ),
        pytest.param(
            {
                ISSUE
                + "index.md": "---\ntitle: R\nnumber: 1\ndate: 2026-02-30\neditors: [amara]\n---\n"
            },
            [
                f"{ISSUE}index.md:4: error: «{NNBSP}date{NNBSP}»{NNBSP}: «{NNBSP}2026-02-30{NNBSP}» "
                f"n{APOSTROPHE}est pas une vraie date (ce mois n{APOSTROPHE}a pas ce jour)",
                f"polyvox: 10 fichiers vérifiés{NNBSP}: 1 erreur, 0 avertissement.",
            ],
            id="a day the month does not have",
        ),
        pytest.param(
            {
                ISSUE
                + "index.md": "---\ntitle: R\nnumber: 1\ndate: 0000-01-01\neditors: [amara]\n---\n"
            },
            [
                f"{ISSUE}index.md:4: error: «{NNBSP}date{NNBSP}»{NNBSP}: «{NNBSP}0000-01-01{NNBSP}» "
                f"n{APOSTROPHE}est pas une vraie date (l{APOSTROPHE}année 0 n{APOSTROPHE}existe pas)",
                f"polyvox: 10 fichiers vérifiés{NNBSP}: 1 erreur, 0 avertissement.",
            ],
            id="year zero",
        ),
    ],
)
def test_check_says_each_line_in_french(tmp_path, files, expected):
    """What `polyvox check` prints in a French project, line for line: 'de' elided before a
    vowel (d'Amara, d'un membre), plural forms by count, why a date is not one."""
    assert check(write_tree(tmp_path, french(files)))[1] == expected


def test_new_asks_and_answers_in_french(tmp_path, monkeypatch):
    """`polyvox new` in a French project: the missing options named, the questions asked at a
    terminal, what it wrote, the next step, and its refusal to write a file twice."""
    project = french_project(copy_project(tmp_path))
    args = ["new", "contribution", "--project", str(project), "--title", "Bonjour"]
    stopped = CliRunner().invoke(main, args)
    assert (stopped.exit_code, stopped.output.splitlines()[-1]) == (
        2,
        f"Error: il manque --author, --kind{NNBSP}: donnez-les en options "
        "(voir `polyvox new contribution --help`)",
    )
    monkeypatch.setattr("polyvox.commands.authoring.interactive", lambda: True)
    asked = CliRunner().invoke(main, args, input="amara-okafor, tomas-rivera\ntip\n")
    next_step = (
        f"Ensuite{NNBSP}: écrivez votre texte sous l{APOSTROPHE}en-tête{NNBSP}; prévisualisez avec "
        "`polyvox serve`, lancez `polyvox check`, puis ouvrez une pull request (voir "
        "CONTRIBUTING.md)."
    )
    assert (asked.exit_code, asked.output.splitlines()) == (
        0,
        [
            f"auteur ou autrice{NNBSP}: amara-okafor, tomas-rivera",
            f"genre (article, counterpoint, story, tip, showcase, event, link){NNBSP}: tip",
            f"polyvox: écrit{NNBSP}: content/issues/2026-11/bonjour.md",
            next_step,
        ],
    )
    again = CliRunner().invoke(main, [*args, "--author", "amara-okafor", "--kind", "tip"])
    assert (again.exit_code, again.output.splitlines()) == (
        1,
        [
            f"content/issues/2026-11/bonjour.md: error: existe déjà{NNBSP}: choisissez un autre "
            "nom",
            f"polyvox: rien n{APOSTROPHE}a été écrit.",
        ],
    )


def test_import_reports_in_french(tmp_path):
    """`polyvox import`'s summary in a French project, line for line: counts in plural forms,
    a post that is not a question named with French quotes, what to do next."""
    root = french_project(copy_settings(write_tree(tmp_path, CLAIMS)))
    code, output = run_import(root, "reddit")
    moved = (
        f"  tomas-r-reddit{NNBSP}: l{APOSTROPHE}identifiant était pris par tomas{NNBSP}; si tomas est cette "
        "personne, déplacez la ligne `reddit:` de content/contributors/tomas-r-reddit.md dans "
        "content/contributors/tomas.md, ajoutez tomas-r-reddit à ses alias, et supprimez "
        "tomas-r-reddit.md"
    )
    assert (code, output.splitlines()[1:]) == (
        0,
        [
            "  2 questions, 3 réponses, 1 relance",
            "  3 nouveaux contributeurs (tomas-r-reddit, lina-k, hiro-t)",
            "  1 personne reconnue dans les profils existants (amara)",
            moved,
            f"  pas une question (un message de premier niveau d{APOSTROPHE}un invité, d{APOSTROPHE}un robot, ou d{APOSTROPHE}un "
            f"hôte auquel aucun invité n{APOSTROPHE}a répondu){NNBSP}: AutoModerator{NNBSP}: "
            f"«{NNBSP}Welcome to the AMA! Please be kind.{NNBSP}»",
            f"  1 question et 2 réponses supprimées ou masquées sur Reddit{NNBSP}: laissées de "
            "côté, leurs auteurs non crédités",
            f"  8 commentaires manquent dans l{APOSTROPHE}export, non importés{NNBSP}: exportez le fil "
            "entier et importez-le de nouveau pour les ajouter",
            "  6 fichiers écrits, 0 mis à jour, 0 inchangés",
            f"Ensuite{NNBSP}: lancez `polyvox check`, relisez les fichiers, puis ouvrez une pull "
            "request.",
        ],
    )


def test_the_preview_waits_in_french(tmp_path, caplog):
    """The French preview's error page and its log, when a member's file has a mistake: the
    title, what to do, and the problem, all in French."""
    project = french_project(copy_project(tmp_path / "project"))
    piece = project / "content/issues/2026-10/links-october.md"
    piece.write_text(piece.read_text().replace("kind: link", "kind: linky"), encoding="utf-8")
    problem = (
        f"content/issues/2026-10/links-october.md:4: error: «{NNBSP}kind{NNBSP}» attend une "
        "valeur parmi article, counterpoint, story, tip, showcase, event, link"
        f"{NNBSP}; trouvé «{NNBSP}linky{NNBSP}»{NNBSP}; vouliez-vous dire «{NNBSP}link{NNBSP}»"
        f"{NNBSP}?"
    )
    preview = Preview(project / "mkdocs.yml", tmp_path / "served")
    try:
        with caplog.at_level(logging.ERROR, logger="mkdocs.plugins.polyvox"):
            preview.rebuild()
    finally:
        preview.builder.close()
    page = lxml.html.fromstring((tmp_path / "served/index.html").read_bytes())
    assert preview.failed and page.get("lang") == "fr"
    assert [page.cssselect("h1")[0].text_content(), page.cssselect("h1 + p")[0].text_content()] == [
        f"L{APOSTROPHE}aperçu attend{NNBSP}: le contenu a des erreurs",
        f"Corrigez chaque problème ci-dessous et enregistrez{NNBSP}: l{APOSTROPHE}aperçu se reconstruit et "
        f"cette page se recharge d{APOSTROPHE}elle-même.",
    ]
    assert [li.text_content() for li in page.cssselect(".pv-errors li")] == [problem]
    assert caplog.messages == [f"le contenu a des erreurs{NNBSP}:\n{problem}"]


def test_build_says_what_it_made_in_french(tmp_path):
    """`polyvox build` in a French project: its last line, how many pages, where and how long
    (with a decimal comma), and once nothing changed; a refused file stops it in French."""
    project = french_project(copy_project(tmp_path))
    site = re.escape(str(project / "site"))
    built = build_project(project)[1].splitlines()[-1]
    pages = len(list((project / "site").rglob("*.html")))
    assert re.fullmatch(
        rf"polyvox: {pages} pages construites dans {site} en \d+,\d{NBSP}s\.", built
    )
    assert re.fullmatch(
        rf"polyvox: rien n{APOSTROPHE}a changé depuis la dernière construction{NNBSP}: les "
        rf"{pages} pages de {site} sont à jour \(\d+,\d{NBSP}s\)\.",
        build_project(project)[1].splitlines()[-1],
    )
    piece = project / "content/issues/2026-10/links-october.md"
    piece.write_text(piece.read_text().replace("kind: link", "kind: linky"), encoding="utf-8")
    code, output = build_project(project)
    assert (code, output.splitlines()[-1]) == (
        1,
        f"polyvox: la construction a échoué{NNBSP}; le site précédent est resté tel quel.",
    )


def run(*args: str) -> tuple[int, list[str]]:
    """A command of the real command line: exit code and every line it printed."""
    result = CliRunner().invoke(main, [str(arg) for arg in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output.splitlines()


def test_init_speaks_the_language_it_is_given(tmp_path):
    """`polyvox init --language fr`: the report of the first command a French community runs,
    its refusals and the mistakes in its options, then its upgrade, in French."""
    made = tmp_path / "cercle"
    code, lines = run("init", made, "--language", "fr", "--name", "Cercle")
    count = sum(1 for path in made.rglob("*") if path.is_file())
    assert (code, lines) == (
        0,
        [
            f"polyvox: {count} fichiers écrits dans {made}. Ensuite{NNBSP}:",
            f"  cd {made}",
            f"  polyvox serve    # l{APOSTROPHE}aperçu en direct, brouillons compris, sur "
            "http://127.0.0.1:8000",
            "  polyvox build    # vérifie le contenu, puis construit le site dans site/",
            f"polyvox: une fois le dépôt créé, indiquez son adresse dans `repo_url` de mkdocs.yml"
            f"{NNBSP}: la page «{NNBSP}à propos{NNBSP}», les crédits et l{APOSTROPHE}e-mail y "
            "renvoient.",
        ],
    )
    assert run("init", made, "--language", "fr")[1][-1] == (
        f"Error: {made} n{APOSTROPHE}est pas vide{NNBSP}: polyvox init écrit une nouvelle "
        "communauté dans un dossier nouveau ou vide, et ne remplace jamais un fichier (pour "
        f"mettre à jour une communauté qu{APOSTROPHE}il a créée, lancez "
        f"`polyvox init --upgrade {made}`)"
    )
    other = tmp_path / "autre"
    assert run("init", other, "--language", "fr", "--url", "ftp://x")[1][-1] == (
        f"Error: Invalid value for --url: attend une adresse commençant par `https://`, "
        f"trouvé «{NNBSP}ftp://x{NNBSP}»"
    )
    assert run("init", other, "--language", "fr", "--example", "--name", "X")[1][-1] == (
        f"Error: --example écrit la communauté d{APOSTROPHE}exemple telle quelle{NNBSP}: retirez "
        "--name, --language (modifiez son mkdocs.yml ensuite)"
    )
    owned = read_manifest((made / MANIFEST).read_text(encoding="utf-8"))[1]
    (made / ".gitignore").unlink()
    code, lines = run("init", "--upgrade", made)
    assert code == 0
    assert lines[1:] == [
        f"  laissé tel quel  .gitignore{NNBSP}: vous l{APOSTROPHE}avez supprimé{NNBSP}; il reste "
        "supprimé",
        f"polyvox: {len(owned) - 1} fichiers étaient déjà à jour{NNBSP}; mkdocs.yml, content/ et vos "
        f"surcharges du thème sont à vous et n{APOSTROPHE}ont pas été touchés.",
    ]


def test_email_says_what_it_wrote_and_refuses_in_french(tmp_path, monkeypatch):
    """`polyvox email` in a French project: what it wrote, the size warning (its numbers
    grouped the French way), --send without --to, and --send with no way to unsubscribe."""
    project = french_project(copy_project(tmp_path / "project"))
    config, out = project / "mkdocs.yml", tmp_path / "out"
    monkeypatch.setattr("polyvox.site.email.html.CLIP_BYTES", 1000)
    result = CliRunner().invoke(main, ["email", "-f", str(config), "2026-10", "-o", str(out)])
    size = format((out / "2026-10.html").stat().st_size, ",").replace(",", NNBSP)
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        f"polyvox: 2026-10.html, .txt et .eml écrits dans {out}.\n",
        f"polyvox: warning: 2026-10.html pèse {size} octets, même rendu aussi compact que "
        f"possible{NNBSP}; Gmail coupe un message au-delà de 1{NNBSP}000 octets\n",
    )
    assert run("email", "-f", config, "--send")[1][-1] == (
        "Error: --send demande au moins un --to ADRESSE"
    )
    assert run("email", "-f", config, "--send", "--to", "a@example.org")[1] == [
        f"Error: {config}{NNBSP}: email.list_unsubscribe n{APOSTROPHE}est pas défini, les "
        f"lecteurs n{APOSTROPHE}auraient donc aucun moyen de se désabonner{NNBSP}: donnez-lui "
        f"l{APOSTROPHE}adresse de désabonnement de votre liste, ou ajoutez --no-unsubscribe si "
        f"le serveur de la liste ajoute son propre lien{NNBSP}; rien n{APOSTROPHE}a été envoyé"
    ]


def test_export_credits_forms_schema_and_listen_in_french(tmp_path):
    """What export, credits, forms, schema and listen print in a French project."""
    project = french_project(copy_project(tmp_path / "project"))
    config, target = project / "mkdocs.yml", tmp_path / "exported"
    code, lines = run("export", target, "-f", config)
    count = sum(1 for path in (target / "docs").rglob("*") if path.is_file())
    built = target / "mkdocs.yml"
    assert (code, lines[-1]) == (
        0,
        f"polyvox: {count} fichiers écrits dans {target}{NNBSP}; construisez-les avec "
        f"`zensical build -f {built}` ou `mkdocs build -f {built}`.",
    )
    credits = tmp_path / "credits.csv"
    result = CliRunner().invoke(main, ["credits", "-f", str(config), "-o", str(credits)])
    rows = len(credits.read_text(encoding="utf-8").splitlines()) - 1
    assert re.fullmatch(
        rf"polyvox: {rows} crédits de \d+ personnes écrits dans {re.escape(str(credits))}\.\n",
        result.stderr.splitlines(keepends=True)[-1],
    )
    assert run("credits", "-f", config, "--format", "markdown")[1][-1] == (
        f"Error: --diff et --format markdown vont ensemble{NNBSP}: "
        "`polyvox credits --diff BASE...HEAD --format markdown`"
    )
    form = project / ".github/ISSUE_TEMPLATE/piece.yml"
    form.parent.mkdir(parents=True, exist_ok=True)
    form.write_text("name: ours\n", encoding="utf-8")
    code, lines = run("forms", "-f", config)
    assert (
        code == 0
        and (
            f"polyvox: .github/ISSUE_TEMPLATE/piece.yml laissé tel quel{NNBSP}: il n{APOSTROPHE}a "
            "pas été écrit par `polyvox forms`."
        )
        in lines
    )
    assert f"polyvox: écrit{NNBSP}: .github/ISSUE_TEMPLATE/question.yml" in lines
    assert run("listen", "1999-01", "-f", config)[1][-1] == (
        f"Error: aucun numéro «{NNBSP}1999-01{NNBSP}» dans {project / 'content'}{NNBSP}: donnez "
        f"l{APOSTROPHE}un de 2026-08, 2026-09, 2026-10, 2026-11"
    )
