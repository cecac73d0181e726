"""`polyvox schema`: JSON Schemas for editors that match what the check enforces."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from polyvox.commands.cli import main
from polyvox.content.editor_schemas import schema_texts
from polyvox.content.reader import parse_document
from tests.conftest import REPO


def test_shipped_schemas_are_the_generated_ones():
    """schemas/ holds exactly what `polyvox schema` writes: run it after changing schema.py."""
    shipped = {p.name: p.read_text() for p in sorted((REPO / "schemas").glob("*.json"))}
    assert shipped == schema_texts()


def test_schema_command_writes_every_kind(tmp_path):
    """`polyvox schema --out DIR` writes one file per front-matter kind."""
    result = CliRunner().invoke(main, ["schema", "--out", str(tmp_path / "s")])
    assert result.output == f"polyvox: wrote 6 JSON Schemas to {tmp_path / 's'}/\n"
    assert sorted(p.name for p in (tmp_path / "s").iterdir()) == sorted(schema_texts())


def front_matter_of(path: Path) -> dict:
    """A content file's front matter, read as YAML 1.2 editors read it (dates stay text)."""
    raw, _ = parse_document(path.read_text(encoding="utf-8"), path.name)
    return json.loads(json.dumps(raw.meta, default=str))


def kind_of(path: Path) -> str:
    """Which schema a file of the example community follows."""
    parts = path.relative_to(REPO / "content").parts
    if parts[0] in ("contributors", "pages"):
        return {"contributors": "contributor", "pages": "page"}[parts[0]]
    if parts[0] == "issues":
        return "issue" if parts[-1] == "index.md" else "contribution"
    return "session" if parts[-1] == "index.md" else "question"


@pytest.mark.parametrize(
    "path", sorted((REPO / "content").rglob("*.md")), ids=lambda p: str(p.relative_to(REPO))
)
def test_every_example_file_meets_its_json_schema(path):
    """An independent validator (jsonschema, draft 7) accepts the whole example community."""
    schema = json.loads((REPO / "schemas" / f"{kind_of(path)}.schema.json").read_text())
    jsonschema.Draft7Validator(schema).validate(front_matter_of(path))


@pytest.mark.parametrize(
    ("kind", "front_matter", "complaint"),
    [
        (
            "contribution",
            {"title": "T", "authors": ["a"], "kind": "articel"},
            "'articel' is not one of",
        ),
        (
            "contribution",
            {"title": "T", "authors": ["a"], "kind": "tip", "autors": []},
            "Additional properties",
        ),
        ("contribution", {"title": "T", "authors": [], "kind": "tip"}, "should be non-empty"),
        (
            "issue",
            {"title": "T", "number": 0, "date": "2026-09-01", "editors": ["a"]},
            "less than the minimum",
        ),
        ("contributor", {"name": "Bo", "aliases": ["Bo Old"]}, "does not match"),
        ("question", {"asked_by": "x", "date": 3}, "is not valid under any of the given schemas"),
        (
            "contribution",
            {"title": "T", "authors": ["a"], "kind": "tip", "tags": [""]},
            "non-empty",
        ),
        ("question", {"asked_by": "x", "tags": ["x" * 51]}, "is too long"),
        ("question", {"asked_by": "x", "tags": ["  "]}, "does not match"),
    ],
)
def test_json_schemas_refuse_what_the_check_refuses(kind, front_matter, complaint):
    """The schemas carry the check's rules: closed sets, unknown keys, ids, bounds."""
    schema = json.loads((REPO / "schemas" / f"{kind}.schema.json").read_text())
    errors = [e.message for e in jsonschema.Draft7Validator(schema).iter_errors(front_matter)]
    assert any(complaint in message for message in errors), errors
    assert yaml.safe_dump(front_matter)  # a front matter a member could write


def test_json_schemas_accept_tags_as_members_write_them():
    """Free-text tags in any script pass the editors' schemas, as they pass the check."""
    schema = json.loads((REPO / "schemas" / "contribution.schema.json").read_text())
    tags = ["éthique", "IA", "C++", "open source", "日本語"]
    front_matter = {"title": "T", "authors": ["a"], "kind": "tip", "tags": tags}
    assert list(jsonschema.Draft7Validator(schema).iter_errors(front_matter)) == []
