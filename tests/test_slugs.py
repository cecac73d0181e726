"""The one slug function: ids, file names and tags made from text as members write it."""

from __future__ import annotations

import re

import pytest

from polyvox.content.schema import ID_PATTERN
from polyvox.content.slugs import fold, slugify


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hélène Dubois-Martin", "helene-dubois-martin"),
        ("He\u0301le\u0300ne Dubois-Martin", "helene-dubois-martin"),
        ("Tomás R.", "tomas-r"),
        ("Siobhán O'Neill", "siobhan-o-neill"),
        ("Straße & Łódź", "strasse-and-lodz"),
        ("Søren Ægir", "soren-aegir"),
        ("L'éthique, ça se discute ?", "l-ethique-ca-se-discute"),
        ("C++ in 2026", "c-plus-plus-in-2026"),
        ("Q&A with @amara", "q-and-a-with-at-amara"),
        ("渡辺 芽衣", ""),
        ("!!!", ""),
    ],
)
def test_ids_and_file_names_are_ascii_slugs(text, expected):
    """Ids transliterate Latin accents and match the id pattern; other scripts give no id."""
    slug = slugify(text)
    assert slug == expected
    assert slug == "" or re.match(ID_PATTERN, slug)


def test_a_long_id_is_cut_at_a_word_boundary():
    """A slug over 60 characters ends on a whole word."""
    text = "Comment faire une place aux voix qui ne se sont encore jamais exprimées ici"
    slug = slugify(text)
    assert slug == "comment-faire-une-place-aux-voix-qui-ne-se-sont-encore"
    assert len(slug) <= 60


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("éthique", "ethique"),
        ("Éthique", "ethique"),
        ("ethique", "ethique"),
        ("IA", "ia"),
        ("c", "c"),
        ("C++", "c-plus-plus"),
        ("c#", "c-sharp"),
        ("open source", "open-source"),
        ("日本語", "日本語"),
        ("ガイド", "ガイド"),
        ("हिंदी", "हिंदी"),
        ("Этика", "этика"),
        ("ΗΘΟΣ", "ηθος"),
        ("R&D", "r-and-d"),
    ],
)
def test_tag_slugs_keep_every_script_and_every_meaningful_symbol(tag, expected):
    """Tag slugs fold case and Latin accents, keep other scripts whole, spell out + # & @."""
    assert slugify(tag, unicode=True, max_length=None) == expected


def test_c_cpp_and_csharp_get_three_slugs():
    """Symbols that change a word's meaning keep distinct tags apart."""
    assert len({slugify(t, unicode=True) for t in ("c", "c++", "c#", "C", "C++")}) == 3


def test_fold_ignores_case_and_latin_accents_only():
    """Folding is for comparing and sorting: accents of other scripts are letters, kept."""
    assert fold("Éthique") == fold("ethique") == "ethique"
    assert fold("ガ") != fold("カ")
    assert fold("й") != fold("и")
