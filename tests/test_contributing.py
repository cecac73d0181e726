"""CONTRIBUTING.md states the contract the code enforces: its examples pass, its tables match."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from polyvox.commands.cli import main
from polyvox.content.layout import DocKind
from polyvox.content.load import SCHEMA_BY_KIND
from polyvox.content.schema import AiAssistance, ContributionKind, IssueStatus, SessionStatus
from tests.conftest import BUILD_DAY, REPO, copy_project

GUIDE = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
EXAMPLE = re.compile(r"^```markdown (content/\S+)\n(.*?)^```$", re.MULTILINE | re.DOTALL)
SECTION_OF = {
    DocKind.CONTRIBUTOR: "### Contributor:",
    DocKind.ISSUE: "### Issue:",
    DocKind.CONTRIBUTION: "### Contribution:",
    DocKind.SESSION: "### AMA session:",
    DocKind.QUESTION: "### Question:",
}


def section(heading: str) -> str:
    """The text of the guide from a heading to the next heading of the same level."""
    start = GUIDE.index(heading)
    following = GUIDE.find("\n### ", start + 1)
    return GUIDE[start : following if following != -1 else len(GUIDE)]


def test_every_example_in_the_guide_passes_the_strict_check(tmp_path):
    """The full examples, added to the example community, pass `polyvox check --strict`."""
    project = copy_project(tmp_path)
    examples = EXAMPLE.findall(GUIDE)
    for rel, text in examples:
        (project / rel).parent.mkdir(parents=True, exist_ok=True)
        (project / rel).write_text(text, encoding="utf-8")
    kinds = {
        rel.split("/")[1] + ("/index" if rel.endswith("index.md") else "") for rel, _ in examples
    }
    assert kinds >= {"contributors", "issues/index", "issues", "ama/index", "ama", "pages"}
    result = CliRunner().invoke(main, ["check", str(project), "--strict", "--today", BUILD_DAY])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("kind", list(SECTION_OF), ids=str)
def test_each_key_table_lists_the_schema_keys_and_which_are_required(kind):
    """Every key of a kind is in its table, once, with 'yes' exactly when the schema requires it."""
    rows = re.findall(r"^\| `(\w+)` \| (yes|no) \|", section(SECTION_OF[kind]), re.MULTILINE)
    fields = SCHEMA_BY_KIND[kind].model_fields
    assert dict(rows) == {k: "yes" if f.is_required() else "no" for k, f in fields.items()}


@pytest.mark.parametrize(
    ("heading", "closed_set"),
    [
        ("### Contribution:", ContributionKind),
        ("### Contribution:", AiAssistance),
        ("### Issue:", IssueStatus),
        ("### AMA session:", SessionStatus),
    ],
)
def test_closed_sets_are_listed_in_full(heading, closed_set):
    """Every value of every closed set is named, in code, where its key is described."""
    text = section(heading)
    assert all(f"`{value}`" in text for value in closed_set)


def test_turn_markers_are_the_ones_the_reader_knows():
    """The AMA markers documented are the two the question reader recognises."""
    from polyvox.content.turns import MARKER_WORDS

    for word in MARKER_WORDS:
        assert f"`<!-- {word}: <id> -->`" in section("### Question:")
