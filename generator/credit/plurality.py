"""How plural each issue is: who is heard how often, measured on the credit ledger's acts.

An act is one credit: one person in one role on one item (see `credit.ledger`). Every measure
here counts acts per person inside one issue, AMA sessions featured in it included.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from polyvox.content.model import Community
from polyvox.content.problems import Problem, warning
from polyvox.credit import ledger as credit
from polyvox.i18n.phrases import Share, phrase


@dataclass(frozen=True)
class IssueVoices:
    """The plurality measures of one issue."""

    issue: str
    acts: int
    """How many acts the issue holds."""
    voices: int
    """How many distinct people took part."""
    first_voices: int
    """How many of them took part for the first time anywhere."""
    top_person: str | None
    """The person with the most acts (the first by id on a tie), None for an empty issue."""
    top_acts: int
    """How many acts that person holds."""
    effective: float
    """The effective number of voices: 1 / sum of squared shares (inverse Simpson index)."""
    half: int
    """The smallest number of people who together account for half the acts or more."""
    top_three_acts: int = 0
    """How many acts the three most present voices hold together (all of them, if fewer)."""

    @property
    def top_share(self) -> float:
        """The most present voice's share of the acts, from 0 to 1 (0 for an empty issue)."""
        return self.top_acts / self.acts if self.acts else 0.0

    @property
    def top_three_share(self) -> float:
        """The share of the acts held by the three most present voices, from 0 to 1."""
        return self.top_three_acts / self.acts if self.acts else 0.0


@dataclass(frozen=True)
class VoiceRules:
    """Warnings an editor may ask `polyvox check` for; both off by default."""

    max_share: float | None = None
    """Warn when one person holds more than this share of an issue's acts."""
    require_first_voice: bool = False
    """Warn when nobody takes part in an issue for the first time."""


NO_VOICE_RULES = VoiceRules()
TOP_VOICES = 3
"""How many of the most present voices the top-voices share adds up."""


def effective_number(counts: Iterable[int]) -> float:
    """The inverse Simpson index of act counts: 1 / sum((count / total) ** 2); 0 if no acts."""
    counts = [c for c in counts if c]
    total = sum(counts)
    return total * total / sum(c * c for c in counts) if total else 0.0


def half_count(counts: Iterable[int]) -> int:
    """The fewest people whose acts add up to at least half of all acts."""
    ordered = sorted(counts, reverse=True)
    total, running = sum(ordered), 0
    for people, count in enumerate(ordered, start=1):
        running += count
        if 2 * running >= total:
            return people
    return 0


def measure(issue_id: str, acts: Iterable[credit.Credit], first: set[str]) -> IssueVoices:
    """The measures of one issue from its acts and the set of its first voices."""
    counts = Counter(act.person for act in acts)
    total = sum(counts.values())
    top = min(counts.items(), key=lambda item: (-item[1], item[0]), default=None)
    return IssueVoices(
        issue=issue_id,
        acts=total,
        voices=len(counts),
        first_voices=len(first & counts.keys()),
        top_person=top[0] if top else None,
        top_acts=top[1] if top else 0,
        effective=effective_number(counts.values()),
        half=half_count(counts.values()),
        top_three_acts=sum(sorted(counts.values(), reverse=True)[:TOP_VOICES]),
    )


def measure_issues(
    issue_ids: Iterable[str], credits: tuple[credit.Credit, ...]
) -> dict[str, IssueVoices]:
    """The measures of each issue named, computed on one pass over the ledger."""
    acts, firsts = credit.by_issue(credits), credit.first_voices(credits)
    return {i: measure(i, acts.get(i, []), firsts.get(i, set())) for i in issue_ids}


def voice_warnings(community: Community, rules: VoiceRules) -> list[Problem]:
    """The warnings `rules` asks for, one per issue and rule, on the issue's index.md."""
    if rules.max_share is None and not rules.require_first_voice:
        return []
    measured = measure_issues([i.id for i in community.issues], credit.ledger(community))
    problems = []
    for issue in community.issues:
        voices = measured[issue.id]
        if rules.max_share is not None and voices.top_share > rules.max_share:
            problems.append(_dominance_warning(community, issue.source, voices, rules.max_share))
        if rules.require_first_voice and voices.acts and not voices.first_voices:
            problems.append(warning(issue.source, None, phrase("voice_no_newcomer")))
    return problems


def _dominance_warning(
    community: Community, source: str, voices: IssueVoices, limit: float
) -> Problem:
    """The warning for an issue whose most present voice holds more than `limit` of its acts."""
    person = community.person(voices.top_person or "")
    who = phrase("an_anonymous_member") if person.meta.anonymous else person.meta.name
    return warning(
        source,
        None,
        phrase(
            "voice_dominance",
            count=voices.acts,
            variant_by="who",
            who=who,
            top=voices.top_acts,
            share=Share(voices.top_share),
            limit=Share(limit),
        ),
    )
