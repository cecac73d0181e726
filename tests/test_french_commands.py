"""A French community hears its command line in French: every problem `polyvox check` names,
what `polyvox new` asks and says, what `polyvox import` reports and refuses, and the preview's
error page, from the catalogs; French grammar (elision, plural forms, typography) from them too.

The mistakes are those the other tests make (their tables), checked in a French project: no
message may hold an English word outside what the member wrote, paths, keys and names."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from polyvox.commands.cli import main
from tests import (
    test_check,
    test_editor_month,
    test_hostile_inputs,
    test_member_mistakes,
    test_safety,
    test_svg,
)
from tests.conftest import MINIMAL_TREE, write_tree

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

