"""Authoring commands: graph, schema and new, through the entry point."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from trainer.cli import main
from trainer.content import schema
from trainer.content.loader import validate
from trainer.content.paths import bundled_content_dir, describe_content

REPO = Path(__file__).parent.parent.parent


def test_graph_as_mermaid_colours_endings_and_labels_replies(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["graph", "first_call", "--content", str(mini)]) == 0
    text = capsys.readouterr().out
    assert text.startswith("flowchart TD\n")
    assert '    n_booked(["booked: meeting<br/>“Tuesday works.”"])' in text
    assert (
        '    n_offer -->|"1 meet [next-step]<br/>+3 closing<br/>if trust >= 50 and asked"| n_booked'
        in text
    )
    assert "    classDef meeting fill:#1565c0,color:#ffffff\n    class n_booked meeting" in text


def test_graph_as_dot(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["graph", "first_call", "--format", "dot", "--content", str(mini)]) == 0
    text = capsys.readouterr().out
    assert text.startswith('digraph "first_call" {')
    assert '"hello" -> "annoyed" [label="2 push [pushy]\\l-2 tact\\l"];' in text
    assert (
        '"lost" [label="lost: lost\\l“Fine, send it. Bye.”\\l", shape=ellipse, style=filled, '
        'fillcolor="#c62828", fontcolor="#ffffff"];' in text
    )


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
    schema_line, title = path.read_text().splitlines()[:2]
    assert schema_line == f"# yaml-language-server: $schema=../docs/schema/{kind}.schema.json"
    assert title.startswith(f"# A {kind}:")
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
    capsys.readouterr()
    replies = "introduce,ask_needs,book"
    assert main(["play", "fresh_one", "--content", str(mini), "--replies", replies, "--json"]) == 0
    played = json.loads(capsys.readouterr().out)
    assert played["outcome"] == "meeting" and played["passed"] is True and played["score"] == 100


def _trainer(*args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run a command through the entry point, in this process: a subprocess would pay the
    start-up and a cold load of the whole content set again for every command."""
    capsys.readouterr()
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.fixture
def dental(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Path:
    """A fresh `trainer init` folder, the current directory, as the tutorial has it."""
    monkeypatch.delenv("TRAINER_CONTENT", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    monkeypatch.chdir(tmp_path)
    assert _trainer("init", "dental", capsys=capsys)[0] == 0
    folder = (tmp_path / "dental").resolve()
    monkeypatch.chdir(folder)
    return folder


def test_the_tutorials_ci_line_is_green_in_a_fresh_init_folder_and_names_it(
    dental: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, validated, problems = _trainer("validate", "--strict", capsys=capsys)
    assert status == 0, validated + problems
    assert validated.splitlines()[-1] == (
        f"No problems found; content: {dental} (the content folder you are in)"
    )
    status, tested, _ = _trainer("test", capsys=capsys)
    assert status == 0, tested
    assert tested.splitlines()[0] == f"content: {dental} (the content folder you are in)"


def test_the_tutorials_ci_line_catches_a_planted_broken_target(
    dental: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # That the same line is green on the folder as shipped is the test above.
    scenario = dental / "scenarios" / "book_meeting.yaml"
    text = scenario.read_text()
    line = next(n for n, row in enumerate(text.split("\n"), 1) if row.startswith("        to: "))
    scenario.write_text(text.replace("        to: ", "        to: no_such_node  # ", 1))
    status, broken, problems = _trainer("validate", "--strict", capsys=capsys)
    assert status == 1
    assert f"scenarios/book_meeting.yaml:{line}:13: reply 1 of node" in broken
    assert "goes to 'no_such_node', which does not exist" in broken
    assert "Traceback" not in problems
    status, _, problems = _trainer("test", capsys=capsys)
    assert status == 1 and "Traceback" not in problems


def test_a_command_below_a_content_folder_uses_it_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("TRAINER_CONTENT", raising=False)
    monkeypatch.chdir(tmp_path)
    assert main(["init", "dental"]) == 0
    folder = (tmp_path / "dental").resolve()
    monkeypatch.chdir(folder)
    assert main(["new", "scenario", "dental_dropouts"]) == 0
    monkeypatch.chdir(folder / "scenarios")  # as git does, from any folder below
    capsys.readouterr()
    assert main(["graph", "dental_dropouts"]) == 0
    drawn = capsys.readouterr()
    assert drawn.out.startswith("flowchart TD\n")
    assert drawn.err.strip() == f"content: {folder} (the content folder you are in)"
    assert main(["list"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == (
        f"content: {folder} (the content folder you are in)"
    )


def test_content_named_on_the_command_line_wins_over_the_folder_you_are_in(
    mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("TRAINER_CONTENT", raising=False)
    (tmp_path / "other" / "scenarios").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "other")
    assert main(["test", "--content", str(mini)]) == 0
    assert capsys.readouterr().out.splitlines()[0] == f"content: {mini} (from --content)"


def test_outside_any_content_folder_the_bundled_content_is_used_and_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TRAINER_CONTENT", raising=False)
    monkeypatch.chdir(tmp_path)
    assert describe_content(None) == f"content: the bundled content ({bundled_content_dir()})"


def test_init_never_writes_into_a_folder_that_has_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    assert main(["init", str(tmp_path)]) == 1
    assert "already exists and is not empty" in capsys.readouterr().err
    assert sorted(path.name for path in tmp_path.iterdir()) == ["notes.txt"]
