"""Authoring commands: graph, schema and new, through the entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from trainer.cli import main
from trainer.content import schema
from trainer.content.loader import validate

REPO = Path(__file__).parent.parent.parent


def test_graph_as_mermaid_colours_endings_and_labels_replies(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["graph", "first_call", "--content", str(mini)]) == 0
    text = capsys.readouterr().out
    assert text.startswith("flowchart TD\n")
    assert '    n_booked(["booked: meeting"])' in text
    assert (
        '    n_offer -->|"1 meet [next-step] +3 closing if trust >= 50 and asked"| n_booked' in text
    )
    assert "    classDef meeting fill:#1565c0,color:#ffffff\n    class n_booked meeting" in text


def test_graph_as_dot(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["graph", "first_call", "--format", "dot", "--content", str(mini)]) == 0
    text = capsys.readouterr().out
    assert text.startswith('digraph "first_call" {')
    assert '"hello" -> "annoyed" [label="2 push [pushy] -2 tact"];' in text
    assert '"lost" [label="lost\\nlost", shape=ellipse, style=filled, fillcolor="#c62828"' in text


def test_schema_writes_one_valid_json_schema_per_kind(tmp_path: Path) -> None:
    assert main(["schema", "--output", str(tmp_path / "schema")]) == 0
    written = sorted(path.name for path in (tmp_path / "schema").iterdir())
    assert written == sorted(f"{kind}.schema.json" for kind in schema.all_kinds())
    persona = json.loads((tmp_path / "schema" / "persona.schema.json").read_text())
    assert persona["additionalProperties"] is False
    assert set(persona["required"]) >= {"kind", "id", "meters", "lines"}
    assert persona["properties"]["client_type"]["enum"] == [
        "advice",
        "deciding",
        "partnership",
        "key-account",
        "vip",
        "gatekeeper",
    ]


def test_the_committed_schema_files_are_up_to_date(tmp_path: Path) -> None:
    assert main(["schema", "--output", str(tmp_path)]) == 0
    for kind in schema.all_kinds():
        name = f"{kind}.schema.json"
        assert (REPO / "docs" / "schema" / name).read_text() == (tmp_path / name).read_text(), (
            f"docs/schema/{name} is stale: run 'trainer schema --output docs/schema'"
        )


def test_the_schema_knows_every_key_the_loader_accepts(mini: Path) -> None:
    # A key missing from the schema would be flagged by editors although the loader takes it.
    scenario = schema.json_schema("scenario")
    node = scenario["properties"]["nodes"]["additionalProperties"]
    reply = node["properties"]["replies"]["items"]
    assert set(reply["properties"]) == {
        "text",
        "to",
        "id",
        "tags",
        "points",
        "effects",
        "note",
        "keywords",
        "examples",
        "when",
        "set",
        "counters",
    }


@pytest.mark.parametrize("kind", ["scenario", "persona", "quiz"])
def test_new_writes_a_starter_that_validates_with_no_problems(
    mini: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", kind, "fresh_one", "--dir", str(mini)]) == 0
    folder = {"scenario": "scenarios", "persona": "personas", "quiz": "quizzes"}[kind]
    path = mini / folder / "fresh_one.yaml"
    assert f"wrote {path}" in capsys.readouterr().out
    assert path.read_text().startswith(f"# A {kind}:")
    result = validate(mini)
    assert [str(p) for p in result.problems] == []
    assert result.content is not None


def test_new_never_overwrites_and_refuses_bad_names(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "scenario", "first_call", "--dir", str(mini)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert main(["new", "persona", "Bad Name", "--dir", str(mini)]) == 1
    assert "'Bad Name' is not a valid id" in capsys.readouterr().err


def test_a_starter_played_by_its_best_path_passes(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "scenario", "fresh_one", "--dir", str(mini)]) == 0
    replies = "introduce,ask_needs,book"
    assert main(["play", "fresh_one", "--content", str(mini), "--replies", replies, "--json"]) == 0
    played = json.loads(capsys.readouterr().out.split("\n", 1)[1])
    assert played["outcome"] == "meeting" and played["passed"] is True and played["score"] == 100
