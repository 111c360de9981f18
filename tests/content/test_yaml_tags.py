"""A YAML tag other than YAML's own is refused by name, at its line, through `trainer validate`;
nothing it names is ever run."""

from __future__ import annotations

from pathlib import Path

import pytest

from trainer.cli import main

SCENARIO = Path("scenarios") / "first_call.yaml"


def problems_of(root: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    assert main(["validate", str(root), "--gameability", "off"]) == 1
    out = capsys.readouterr().out
    assert "Traceback" not in out
    return [line for line in out.splitlines() if line.startswith(str(root))]


def test_a_python_tag_is_refused_by_name_and_never_run(
    mini: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    planted = tmp_path / "PWNED"
    (mini / "scenarios" / "zz.yaml").write_text(
        f'kind: !!python/object/apply:os.system ["touch {planted}"]\n'
    )
    assert problems_of(mini, capsys) == [
        f"{mini / 'scenarios' / 'zz.yaml'}:1:7: YAML tags such as "
        "'!!python/object/apply:os.system' are not allowed in content files; remove the tag"
    ]
    assert not planted.exists()


@pytest.mark.parametrize(
    ("old", "new", "where", "tag"),
    [
        ("title: A first call", "title: !custom A first call", "3:8", "!custom"),
        (
            "goal: Book a meeting.",
            "goal: !!python/name:os.getcwd ''",
            "6:7",
            "!!python/name:os.getcwd",
        ),
    ],
)
def test_a_tag_deep_in_a_scenario_is_pointed_at(
    mini: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, where: str, tag: str
) -> None:
    path = mini / SCENARIO
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    assert problems_of(mini, capsys) == [
        f"{path}:{where}: YAML tags such as '{tag}' are not allowed in content files; "
        "remove the tag"
    ]


def test_yamls_own_tags_and_exclamation_marks_in_text_are_fine(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = mini / SCENARIO
    text = path.read_text()
    path.write_text(
        text.replace("title: A first call", "title: !!str A first call!", 1).replace(
            "goal: Book a meeting.", "goal: Book a meeting! Now !", 1
        )
    )
    assert main(["validate", str(mini), "--gameability", "off"]) == 0, capsys.readouterr().out
