"""The tag index: every tag used, once, with the spelling it is shown in, its slug and pieces.

Members write tags in their own words. Tags with one slug are one tag ('Éthique', 'éthique'
and 'ethique'); it is shown in its most used spelling, ties going to the one written first
(oldest issue first, pieces in file order). Pages and feeds ask the index for labels and
addresses instead of deriving them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from polyvox.content.model import Contribution, Issue, tag_page
from polyvox.content.schema import tag_slug
from polyvox.content.slugs import fold


@dataclass(frozen=True)
class Tag:
    """One tag: the spelling shown, the slug of its page and feed, and the pieces carrying it."""

    label: str
    slug: str
    pieces: tuple[Contribution, ...]

    @property
    def page(self) -> str:
        """The site path of the tag's page (its feeds sit in the same folder)."""
        return tag_page(self.slug)


@dataclass(frozen=True)
class TagIndex:
    """Every tag of a set of issues, by slug, in alphabetical order of label."""

    by_slug: dict[str, Tag]

    def __iter__(self) -> Iterator[Tag]:
        """The tags, A to Z (case and accents ignored)."""
        return iter(self.by_slug.values())

    def __len__(self) -> int:
        """How many distinct tags there are."""
        return len(self.by_slug)

    def of(self, written: str) -> Tag:
        """The tag a spelling belongs to, e.g. 'ethique' -> the tag shown as 'éthique'."""
        return self.by_slug[tag_slug(written)]

    def label(self, written: str) -> str:
        """The spelling a tag is shown in; a spelling the index lacks is shown as written."""
        tag = self.by_slug.get(tag_slug(written))
        return tag.label if tag else written


def tag_index(issues: Iterable[Issue]) -> TagIndex:
    """Index the tags of the pieces in these issues (pass the issues readers may see)."""
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    pieces: dict[str, list[Contribution]] = defaultdict(list)
    for issue in issues:
        for piece in issue.contributions:
            for written in piece.meta.tags:
                slug = tag_slug(written)
                spellings[slug][written] += 1
                pieces[slug].append(piece)
    tags = [
        Tag(counts.most_common(1)[0][0], slug, tuple(pieces[slug]))
        for slug, counts in spellings.items()
    ]
    tags.sort(key=lambda tag: (fold(tag.label), tag.slug))
    return TagIndex({tag.slug: tag for tag in tags})
