"""What a change to content/ adds to the credits, person by person (pure: two communities in,
the new credits out). A pull request's welcome comment is made from it."""

from __future__ import annotations

from dataclasses import dataclass

from polyvox.content.model import Community
from polyvox.credit import ledger as credit


@dataclass(frozen=True)
class PersonCredits:
    """One person's part in a change: the credits it adds, and whether they are new here."""

    person: str
    credits: tuple[credit.Credit, ...]
    """The acts the change adds for them, in date order."""
    first_voice: bool
    """They had no act at all before the change: its first act is their first."""
    new_profile: bool
    """The change adds their profile."""


def _identity(act: credit.Credit) -> tuple:
    """What makes an act the same act before and after a change (its title may be edited)."""
    return (act.person, act.role, act.page, act.anchor)


def _known_ids(community: Community) -> set[str]:
    """Every id that names someone in the community, old ids included."""
    return {*community.contributors, *community.aliases}


def credit_changes(base: Community | None, head: Community) -> list[PersonCredits]:
    """Each person the change credits for something new, or whose profile it adds, with those
    credits; people with a first voice first, then in the order of their first new act."""
    before = credit.ledger(base) if base else ()
    seen = {_identity(act) for act in before}
    credited_before = {act.person for act in before}
    added = [act for act in credit.ledger(head) if _identity(act) not in seen]
    known_before = _known_ids(base) if base else set()
    people: dict[str, list[credit.Credit]] = {}
    for act in added:
        people.setdefault(act.person, []).append(act)
    for person in head.contributors:
        if person not in known_before:
            people.setdefault(person, [])
    changes = []
    for person, acts in people.items():
        names = {person, *head.contributors[person].meta.aliases}
        changes.append(
            PersonCredits(
                person=person,
                credits=tuple(acts),
                first_voice=bool(acts) and not names & credited_before,
                new_profile=not names & known_before,
            )
        )
    return sorted(changes, key=lambda c: (not c.first_voice, not c.credits, _first(c), c.person))


def _first(change: PersonCredits) -> tuple:
    """When a person's first new act is (people with none last)."""
    return (change.credits[0].date,) if change.credits else ()
