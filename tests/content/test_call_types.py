"""A scenario's kind of call (`call_type`), and a programme that requires one of each kind before
the exam opens, so no trainee reaches the exam without, say, a single cold call."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.content.test_quiz_programme import edit, line_of, only_problem, programme_set
from trainer.content.loader import load_content, validate
from trainer.content.paths import bundled_content_dir
from trainer.content.programme import StageKey
from trainer.content.scenario.model import CallType

FIRST_CALL = "scenarios/first_call.yaml"


@pytest.fixture
def content(mini: Path) -> Path:
    root = programme_set(mini)
    edit(root, "stage: 3\n", "stage: 3\ncall_type: cold_call\n", FIRST_CALL)
    return root


def test_a_scenario_names_its_kind_of_call(content: Path) -> None:
    assert validate(content).problems == []
    loaded = load_content(content)
    assert loaded.scenarios["first_call"].call_type is CallType.COLD_CALL
    assert loaded.scenarios["final_exam"].call_type is None  # optional: it says none
    edit(content, "call_type: cold_call", "call_type: cold", FIRST_CALL)
    assert only_problem(content).endswith(
        "call_type 'cold' is not one of: cold_call, follow_up, inbound, complaint, key_account, "
        "credit, deal (did you mean 'cold_call'?)"
    )


def test_the_programme_requires_kinds_of_call(content: Path) -> None:
    edit(
        content, "pass_scenarios: 1\n", "pass_scenarios: 1\n    required_call_types: [cold_call]\n"
    )
    assert validate(content).problems == []
    programme = load_content(content).programme
    assert programme is not None
    sales = programme.stage(StageKey.SALES)
    assert dict(sales.required_call_types) == {CallType.COLD_CALL: ("first_call",)}


def test_a_required_kind_no_practice_scenario_has_is_an_error(content: Path) -> None:
    edit(
        content, "pass_scenarios: 1\n", "pass_scenarios: 1\n    required_call_types: [complaint]\n"
    )
    line = line_of(content, "required_call_types")
    assert only_problem(content).endswith(
        f"programme.yaml:{line}:27: no practice scenario has 'call_type: complaint', so the exam "
        "could never open; give one a call_type or remove the requirement"
    )


def test_an_exam_does_not_count_as_practice_of_its_kind(content: Path) -> None:
    edit(content, "call_type: cold_call\n", "", FIRST_CALL)
    exam = content / "scenarios" / "final_exam.yaml"
    exam.write_text(
        exam.read_text(encoding="utf-8").replace("exam: true", "exam: true\ncall_type: complaint"),
        encoding="utf-8",
    )
    edit(
        content, "pass_scenarios: 1\n", "pass_scenarios: 1\n    required_call_types: [complaint]\n"
    )
    assert "no practice scenario has 'call_type: complaint'" in only_problem(content)


@pytest.mark.parametrize(
    "listed, message",
    [
        ("[cold_call, cold_call]", "call type 'cold_call' is required twice"),
        ("[cold_cal]", "each required call type 'cold_cal' is not one of:"),
    ],
)
def test_a_repeated_or_unknown_kind(content: Path, listed: str, message: str) -> None:
    edit(content, "pass_scenarios: 1\n", f"pass_scenarios: 1\n    required_call_types: {listed}\n")
    assert message in only_problem(content)


def test_the_bundled_programme_asks_for_a_mix() -> None:
    bundled = load_content(bundled_content_dir())
    assert bundled.programme is not None
    sales = bundled.programme.stage(StageKey.SALES)
    assert set(sales.required_call_types) == {
        CallType.COLD_CALL,
        CallType.COMPLAINT,
        CallType.KEY_ACCOUNT,
    }
    untyped = [s.id for s in bundled.scenarios.values() if s.call_type is None]
    assert untyped == [], "every bundled scenario says what kind of call it is"
