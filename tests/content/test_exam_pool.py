"""The programme's exam as a pool of variants (`scenarios: [...]`), and its located errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.content.test_quiz_programme import edit, line_of, only_problem, programme_set
from trainer.content.loader import load_content


@pytest.fixture
def content(mini: Path) -> Path:
    root = programme_set(mini)
    exam = (root / "scenarios" / "final_exam.yaml").read_text(encoding="utf-8")
    second = exam.replace("id: final_exam", "id: final_exam_b")
    (root / "scenarios" / "final_exam_b.yaml").write_text(second, encoding="utf-8")
    edit(root, "scenario: final_exam", "scenarios: [final_exam, final_exam_b]")
    return root


def test_a_pool_of_variants_loads_in_file_order(content: Path) -> None:
    programme = load_content(content).programme
    assert programme is not None
    exam = programme.exam
    assert exam.exam_variants == ("final_exam", "final_exam_b")
    assert exam.exam_scenario == "final_exam"
    # With several variants the exam is named by its stage, not by one client's scenario.
    assert exam.exam_title == "Final exam"


def test_one_scenario_is_still_accepted(content: Path) -> None:
    edit(content, "scenarios: [final_exam, final_exam_b]", "scenario: final_exam_b")
    programme = load_content(content).programme
    assert programme is not None and programme.exam.exam_variants == ("final_exam_b",)


def test_an_unknown_scenario_in_the_pool_is_located(content: Path) -> None:
    edit(content, "final_exam_b]", "final_exam_c]")
    line = line_of(content, "    scenarios: [")
    assert only_problem(content).endswith(
        f"programme.yaml:{line}:29: scenario 'final_exam_c' does not exist (did you mean "
        "'final_exam_b'?); exam scenarios: final_exam, final_exam_b"
    )


def test_a_practice_scenario_in_the_pool_is_refused(content: Path) -> None:
    edit(content, "final_exam_b]", "first_call]")
    edit(content, "pass_scenarios: 1", "pass_scenarios: 0")
    line = line_of(content, "    scenarios: [")
    assert only_problem(content).endswith(
        f"programme.yaml:{line}:29: scenario 'first_call' is not an exam: add 'exam: true' to "
        "it, or name the exam scenario here"
    )


def test_an_empty_pool_is_refused(content: Path) -> None:
    edit(content, "scenarios: [final_exam, final_exam_b]", "scenarios: []")
    line = line_of(content, "    scenarios: [")
    assert only_problem(content).endswith(
        f"programme.yaml:{line}:16: the exam pool needs at least one scenario"
    )


def test_a_variant_twice_is_refused(content: Path) -> None:
    edit(content, "final_exam_b]", "final_exam]")
    assert "scenario 'final_exam' is in the exam pool twice" in only_problem(content)


def test_both_keys_or_neither_is_refused(content: Path) -> None:
    edit(content, "scenarios: [final_exam", "scenario: final_exam\n    scenarios: [final_exam")
    assert "give either 'scenario' (one exam) or 'scenarios'" in only_problem(content)
    edit(content, "    scenario: final_exam\n    scenarios: [final_exam, final_exam_b]\n", "")
    assert "the exam needs 'scenario: ID' or 'scenarios: [ID, ...]'" in only_problem(content)
