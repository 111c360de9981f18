"""Editor help from the content itself: schemas with the content's ids, and starters naming them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from trainer.cli import main
from trainer.content import schema
from trainer.content.loader import load_content
from trainer.content.rubric import BUILTIN_TAGS

REPLY = "properties/nodes/additionalProperties/properties/replies/items/properties"
NODE = "properties/nodes/additionalProperties/properties"


def emitted(folder: Path, kind: str) -> dict[str, object]:
    loaded: dict[str, object] = json.loads((folder / f"{kind}.schema.json").read_text())
    return loaded


def test_with_ids_lists_the_ids_of_the_content_in_use(
    mini: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_dir = tmp_path / "schema"
    assert main(["schema", "--with-ids", "--content", str(mini), "--output", str(out_dir)]) == 0
    assert str(mini) in capsys.readouterr().out  # it says whose ids these are
    content = load_content(mini)
    scenario = emitted(out_dir, "scenario")
    assert schema.at_path(scenario, "properties/personas/anyOf/1/items")["enum"] == ["ivan"]
    tags = sorted({*content.rubric.tags, *BUILTIN_TAGS})
    assert schema.at_path(scenario, f"{REPLY}/tags/anyOf/1/items")["enum"] == tags
    skills = sorted(content.rubric.skills)
    assert schema.at_path(scenario, f"{REPLY}/points")["propertyNames"] == {"enum": skills}
    assert schema.at_path(scenario, f"{NODE}/ending/properties/points")["propertyNames"] == {
        "enum": skills
    }
    assert schema.at_path(scenario, f"{NODE}/raises")["enum"] == ["price"]
    assert schema.at_path(scenario, f"{REPLY}/counters")["enum"] == ["price"]
    # node ids complete but do not refuse the node being written
    to = schema.at_path(scenario, f"{REPLY}/to")
    assert to["examples"] == sorted(content.scenario("first_call").nodes) and "enum" not in to
    persona = emitted(out_dir, "persona")
    assert schema.at_path(persona, "properties/reactions")["propertyNames"] == {"enum": tags}
    test = emitted(out_dir, "test")
    assert schema.at_path(test, "properties/scenario")["enum"] == ["first_call"]
    # the id's own pattern still applies beside the list
    assert schema.at_path(scenario, f"{NODE}/raises")["pattern"] == "^[a-z][a-z0-9_-]*$"


def test_a_new_persona_adds_its_id_and_objections_and_the_plain_schema_has_none(
    mini: Path, tmp_path: Path
) -> None:
    ivan = (mini / "personas" / "ivan.yaml").read_text()
    olga = ivan.replace("id: ivan", "id: olga").replace(
        "price: It", "delivery: Late again?\n  price: It"
    )
    (mini / "personas" / "olga.yaml").write_text(olga)
    ids = schema.ContentIds.of(load_content(mini))
    with_ids = schema.json_schema("scenario", ids)
    assert schema.at_path(with_ids, "properties/cast/additionalProperties")["enum"] == [
        "ivan",
        "olga",
    ]
    assert schema.at_path(with_ids, f"{NODE}/raises")["enum"] == ["delivery", "price"]
    plain = schema.json_schema("scenario")
    assert "enum" not in schema.at_path(plain, f"{NODE}/raises")
    assert "enum" not in json.dumps(schema.at_path(plain, "properties/personas"))


def test_every_place_ids_go_exists_in_the_schema_of_its_kind() -> None:
    # A change of shape that moved one would otherwise leave its ids silently unapplied.
    for kind, places in schema.ID_PATHS.items():
        plain = schema.json_schema(kind)
        for path, _what, _use in places:
            assert isinstance(schema.at_path(plain, path), dict), f"{kind}: {path}"


def test_an_id_kind_the_content_lacks_is_left_open_not_closed_to_nothing(mini: Path) -> None:
    ids = schema.ContentIds.of(load_content(mini))
    assert ids.ids["quiz"] == ()  # the fixture set has no quizzes
    programme = schema.json_schema("programme", ids)
    quiz = schema.at_path(programme, "properties/stages/properties/product/properties/quiz")
    assert "enum" not in quiz


@pytest.mark.parametrize("kind", ["scenario", "persona", "quiz"])
def test_every_starter_names_its_schema_even_in_an_empty_folder(
    tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "fresh"
    folder.mkdir()
    assert main(["new", kind, "my_thing", "--dir", str(folder)]) == 0
    sub = {"scenario": "scenarios", "persona": "personas", "quiz": "quizzes"}[kind]
    first = (folder / sub / "my_thing.yaml").read_text().splitlines()[0]
    assert first == f"# yaml-language-server: $schema=../docs/schema/{kind}.schema.json"
    written = emitted(folder / "docs" / "schema", "scenario")
    assert "enum" in schema.at_path(written, "properties/personas/anyOf/1/items")
    assert "(for editors)" in capsys.readouterr().out


def test_init_copies_files_that_name_their_schema_and_writes_it_with_ids(tmp_path: Path) -> None:
    root = tmp_path / "mine"
    assert main(["init", str(root)]) == 0
    for path in [*root.glob("scenarios/*.yaml"), *root.glob("personas/*.yaml")]:
        first = path.read_text().splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema=../docs/schema/"), path
        target = (path.parent / first.split("=", 1)[1]).resolve()
        assert target.is_file(), path
    scenario = emitted(root / "docs" / "schema", "scenario")
    personas = schema.at_path(scenario, "properties/personas/anyOf/1/items")["enum"]
    assert personas == sorted(load_content(root).personas)
