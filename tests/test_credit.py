"""The credit model: one ledger of acts, first voices, and plurality measures computed by hand."""

from __future__ import annotations

from datetime import date

import pytest

from polyvox.content.load import load_community
from polyvox.credit import ledger as credit
from polyvox.credit.ledger import Credit, Role
from polyvox.credit.plurality import effective_number, half_count, measure, measure_issues


def act(person: str, role: Role = Role.AUTHOR, *, issue: str | None = "2026-10", day: int = 1):
    """A credit for one act in October 2026."""
    page = f"issues/{issue}/" if issue else "ama/2026-10-08-x/"
    return Credit(date(2026, 10, day), person, role, page, f"{person}-{role}", "T", issue)


@pytest.mark.parametrize(
    ("counts", "effective", "half"),
    [
        # 5+4+1 = 10 acts; shares .5 .4 .1; squares .25+.16+.01 = .42; 1/.42 = 2.380952...
        ([5, 4, 1], 1 / 0.42, 1),
        # 3+1+1+1 = 6; shares 1/2, 1/6 x3; squares 1/4 + 3/36 = 1/3; effective 3; 3 >= 6/2 alone
        ([3, 1, 1, 1], 3.0, 1),
        # 2+2+1+1+1+1 = 8; squares 2/16 + 4/64 = 3/16; effective 16/3; 2+2 = 4 >= 8/2
        ([2, 2, 1, 1, 1, 1], 16 / 3, 2),
        # four equal voices: effective 4; two of them make exactly half
        ([1, 1, 1, 1], 4.0, 2),
        # 6+1+1+1 = 9; squares (36+3)/81; effective 81/39 = 2.0769...; 6 >= 4.5
        ([1, 6, 1, 1], 81 / 39, 1),
        # 4+3+3 = 10: 4 < 5, 4+3 = 7 >= 5; squares (16+9+9)/100; effective 100/34
        ([3, 4, 3], 100 / 34, 2),
        ([7], 1.0, 1),
        ([], 0.0, 0),
    ],
)
def test_effective_number_and_half_count(counts, effective, half):
    """Inverse Simpson index of act counts, and the fewest people holding half the acts."""
    assert effective_number(counts) == pytest.approx(effective)
    assert half_count(counts) == half


def test_measure_counts_people_first_voices_and_the_most_present_voice():
    """Six people, eight acts in one issue: every figure computed by hand."""
    acts = [
        act("bea"),
        act("bea", Role.EDITOR),
        act("ada", Role.ASKER),
        act("ada", Role.ANSWERER),
        act("cy"),
        act("dee"),
        act("eli"),
        act("fay"),
    ]
    voices = measure("2026-10", acts, first={"cy", "fay", "zed"})
    assert (voices.acts, voices.voices, voices.first_voices) == (8, 6, 2)
    # ada and bea both hold 2 of 8 acts: the tie goes to the first id
    assert (voices.top_person, voices.top_acts, voices.top_share) == ("ada", 2, 0.25)
    assert voices.effective == pytest.approx(16 / 3)
    assert voices.half == 2
    # the three most present: ada 2, bea 2, then one of four people with 1 act
    assert (voices.top_three_acts, voices.top_three_share) == (5, 5 / 8)


def test_measure_of_an_issue_without_acts_is_all_zero():
    """An empty issue divides by nothing."""
    voices = measure("2026-10", [], first=set())
    assert (voices.acts, voices.voices, voices.top_person, voices.top_share) == (0, 0, None, 0)
    assert (voices.top_three_acts, voices.top_three_share) == (0, 0)
    assert (voices.effective, voices.half) == (0.0, 0)


def test_minimal_tree_ledger_lists_every_act_once(content_tree):
    """Editor, authors (one via an old id), guest, host, askers, answerers: ten acts."""
    acts = credit.ledger(load_community(content_tree()).community)
    assert sorted((a.person, a.role, a.anchor) for a in acts) == [
        ("amara", Role.ANSWERER, "first-answer-1"),
        ("amara", Role.ANSWERER, "second-answer-1"),
        ("amara", Role.AUTHOR, "hosting"),
        ("amara", Role.EDITOR, ""),
        ("amara", Role.GUEST, ""),
        ("anon", Role.ASKER, "first"),
        ("tomas", Role.ASKER, "second"),
        ("tomas", Role.AUTHOR, "reply"),
        ("tomas", Role.CO_AUTHOR, "hosting"),
        ("tomas", Role.HOST, ""),
    ]
    assert {a.issue for a in acts} == {"2026-09"}


def test_minimal_tree_issue_measures(content_tree):
    """amara 5, tomas 4, the anonymous asker 1: shares .5 .4 .1, effective 1/.42, all first."""
    acts = credit.ledger(load_community(content_tree()).community)
    voices = measure_issues(["2026-09"], acts)["2026-09"]
    assert (voices.acts, voices.voices, voices.first_voices, voices.half) == (10, 3, 3, 1)
    assert (voices.top_person, voices.top_share) == ("amara", 0.5)
    assert voices.effective == pytest.approx(2.380952, abs=1e-6)
    # three voices in all: the top three hold every act
    assert voices.top_three_share == 1


def test_each_turn_is_an_act_and_an_old_id_credits_the_current_person(content_tree):
    """Two answers in one thread are two acts; an old id credits the person it now names
    (one list naming a person by both ids is refused by check, see test_check)."""
    root = content_tree(
        {
            "content/ama/2026-09-10-voices/questions/first.md": (
                "---\nasked_by: anon\n---\nHow?\n\n<!-- answer: amara -->\nA.\n\n"
                "<!-- follow-up: anon -->\nAnd?\n\n<!-- answer: amara -->\nB.\n"
            ),
            "content/issues/2026-09/reply.md": (
                "---\ntitle: R\nauthors: [tomas-r]\nreviewers: [tomas]\nkind: story\n---\nx\n"
            ),
        }
    )
    acts = credit.ledger(load_community(root).community)
    first = sorted((a.anchor, a.person, a.role) for a in acts if a.anchor.startswith("first"))
    assert first == [
        ("first", "anon", Role.ASKER),
        ("first-answer-1", "amara", Role.ANSWERER),
        ("first-answer-3", "amara", Role.ANSWERER),
        ("first-follow-up-2", "anon", Role.FOLLOW_UP),
    ]
    reply = sorted((a.person, a.role) for a in acts if a.anchor == "reply")
    assert reply == [("tomas", Role.AUTHOR), ("tomas", Role.REVIEWER)]


def test_first_voice_is_where_a_person_first_took_part():
    """Returning people are no first voices; an AMA outside any issue makes no first voice."""
    acts = [
        act("ada", issue="2026-09", day=1),
        act("ada", issue="2026-10", day=2),
        act("bea", Role.ASKER, issue=None, day=1),
        act("bea", issue="2026-10", day=2),
        act("cy", issue="2026-10", day=2),
    ]
    assert credit.first_voices(acts) == {"2026-09": {"ada"}, "2026-10": {"cy"}}
    assert credit.first_appearances(credit.debuts(acts)) == {
        "ada": date(2026, 10, 1),
        "bea": date(2026, 10, 1),
        "cy": date(2026, 10, 2),
    }


def test_on_the_same_day_an_issue_wins_the_debut():
    """Debuting the same day in a standalone AMA and in an issue makes a first voice there."""
    acts = [act("ada", Role.ASKER, issue=None), act("ada", issue="2026-10")]
    assert credit.debuts(acts)["ada"].issue == "2026-10"
    assert credit.first_voices(acts) == {"2026-10": {"ada"}}


def test_roles_by_person_counts_in_documented_order():
    """Roles come in the order of the Role enum whatever the order of the acts."""
    acts = [act("ada", Role.REVIEWER), act("ada", Role.ANSWERER), act("ada", Role.AUTHOR)]
    acts.append(act("ada", Role.ANSWERER, day=2))
    assert list(credit.roles_by_person(acts)["ada"].items()) == [
        (Role.AUTHOR, 1),
        (Role.ANSWERER, 2),
        (Role.REVIEWER, 1),
    ]


def test_every_role_is_documented_with_an_emoji_and_an_export_key():
    """Roles the all-contributors spec knows use its key; askers get their own."""
    keys = {role: role.export_key for role in Role}
    assert keys[Role.ANSWERER] == "question"
    assert keys[Role.ASKER] not in {"question", ""}
    assert all(role.emoji for role in Role)
    assert len({role.export_key for role in Role if not role.all_contributors}) == 3
