"""Limits on hostile sizes: each fails fast, with a located message, in bounded memory."""

from __future__ import annotations

import tracemalloc

from polyvox.content.load import load_community

C = "content/contributors/"
LAUGHS = "".join(
    f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 10)}]\n" for n in range(1, 10)
)  # 10**9 values once every alias is expanded
BILLION_LAUGHS = f"---\nname: Bo\nl0: &l0 [lol]\n{LAUGHS}---\n"


def peak_memory_of(function, *args, **kwargs) -> tuple[object, int]:
    """Call function and return its result with the peak memory it allocated, in bytes."""
    tracemalloc.start()
    try:
        result = function(*args, **kwargs)
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_billion_laughs_fails_fast_in_bounded_memory(content_tree):
    """A 10**9-value alias bomb is refused before any value is built, in under 5 MB."""
    root = content_tree({C + "bo.md": BILLION_LAUGHS})
    loaded, peak = peak_memory_of(load_community, root)
    assert [p.as_text() for p in loaded.problems] == [
        "content/contributors/bo.md:1: error: front matter expands to more than 10,000 values "
        "(YAML aliases nested too deep): write the values out plainly"
    ]
    assert peak < 5_000_000


def test_deeply_nested_front_matter_is_refused_without_crashing(content_tree):
    """libyaml crashed the process on ~30,000 nested lists (before PyYAML 6.0.4, which caps
    nesting itself): whichever layer stops first, the member gets the same located message."""
    deep = "[" * 200_000 + "]" * 200_000
    root = content_tree({C + "bo.md": f"---\nname: Bo\npronouns: {deep}\n---\n"})
    loaded, peak = peak_memory_of(load_community, root)
    assert [p.as_text() for p in loaded.problems] == [
        "content/contributors/bo.md:3: error: front matter nests lists or mappings more than 50 "
        "levels deep: no key needs that; write the values out plainly"
    ]
    assert peak < 5_000_000


def test_deep_block_nesting_is_refused_too(content_tree):
    """Nesting written as block sequences ('- - - x') meets the same bound."""
    root = content_tree({C + "bo.md": "---\nname: Bo\npronouns:\n  " + "- " * 5_000 + "x\n---\n"})
    messages = [p.as_text() for p in load_community(root).problems]
    assert messages == [
        "content/contributors/bo.md:4: error: front matter nests lists or mappings more than 50 "
        "levels deep: no key needs that; write the values out plainly"
    ]


def test_shallow_front_matter_with_many_dashes_is_fine(content_tree):
    """Dates and ids are full of '-': only real nesting counts, not the characters."""
    authors = ", ".join(f"a-b-c-{n}" for n in range(40))
    root = content_tree(
        {
            "content/issues/2026-09/hosting.md": (
                f"---\ntitle: T\nauthors: [{authors}]\nkind: article\n---\nx\n"
            )
        }
    )
    messages = [p.message for p in load_community(root).problems]
    assert messages and all(m.startswith("unknown contributor 'a-b-c-") for m in messages)


def test_markdown_file_over_the_size_limit_is_refused(content_tree, run_check):
    """A file over 1 MB (the default) is refused before it is parsed."""
    body = "x" * 1_000_000
    root = content_tree({C + "bo.md": f"---\nname: Bo\n---\n{body}\n"})
    code, lines = run_check(root)
    assert (code, lines[0]) == (
        1,
        "content/contributors/bo.md: error: file is 1,000,018 bytes; the limit is 1,000,000",
    )


def test_size_limit_is_an_option_that_covers_svg_images(content_tree, run_check):
    """max_file_size in mkdocs.yml applies to Markdown and to the SVG files the check reads."""
    root = content_tree(
        {
            C + "bo.md": "---\nname: Bo\n---\n" + "y" * 300 + "\n",
            "content/assets/big.svg": "<svg>" + " " * 300 + "</svg>",
        }
    )
    (root / "mkdocs.yml").write_text("plugins:\n  - polyvox:\n      max_file_size: 200\n")
    _, lines = run_check(root)
    assert lines[:-1] == [
        "content/assets/big.svg: error: file is 311 bytes; the limit is 200",
        "content/contributors/bo.md: error: file is 318 bytes; the limit is 200",
    ]
