"""The programme file (kind: programme): four stages, references to quizzes and scenarios checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.content.test_quiz import QUIZ
from trainer.content.loader import load_content, validate
from trainer.content.programme import REQUIRED_STAGES

INTRO_QUIZ = """\
kind: quiz
id: intro
title: Introduction check
stage: 1
mode: practice
pass_mark: 70
items:
  - id: company
    type: text
    question: What is our company called?
    answers: [Northline]
    explanation: See the company card.
    source: {company: about}
"""

PROGRAMME = """\
kind: programme
title: Onboarding
stages:
  introduction:
    quiz: intro
  product:
    title: Knowing the phones
    quiz: phones
  sales:
    pass_scenarios: 1
  exam:
    scenario: final_exam
    attempts: 2
"""

FILE = "quizzes/programme.yaml"


def programme_set(root: Path) -> Path:
    """Add two quizzes, an exam scenario and a programme to a copy of the mini content set."""
    (root / "quizzes" / "phones.yaml").write_text(QUIZ, encoding="utf-8")
    (root / "quizzes" / "intro.yaml").write_text(INTRO_QUIZ, encoding="utf-8")
    first_call = (root / "scenarios" / "first_call.yaml").read_text(encoding="utf-8")
    exam = first_call.replace("id: first_call", "id: final_exam").replace(
        "stage: 3", "stage: 4\nexam: true"
    )
    assert "exam: true" in exam
    (root / "scenarios" / "final_exam.yaml").write_text(exam, encoding="utf-8")
    (root / FILE).write_text(PROGRAMME, encoding="utf-8")
    return root


@pytest.fixture
def content(mini: Path) -> Path:
    return programme_set(mini)


def edit(root: Path, old: str, new: str, file: str = FILE) -> None:
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"the fixture no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(root: Path, fragment: str) -> int:
    lines = (root / FILE).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if fragment in line)


def only_problem(root: Path) -> str:
    problems = [str(problem) for problem in validate(root).problems]
    assert len(problems) == 1, problems
    return problems[0]


def test_the_programme_loads_with_its_references_resolved(content: Path) -> None:
    assert validate(content).problems == []
    loaded = load_content(content)
    programme = loaded.programme
    assert programme is not None
    assert [stage.key for stage in programme.stages] == list(REQUIRED_STAGES)
    assert [stage.number for stage in programme.stages] == [1, 2, 3, 4]
    assert programme.work is None  # work under guidance is optional
    intro, product, sales, exam = programme.stages
    assert intro.title == "Introduction to the work"  # the default
    assert intro.quiz is loaded.quizzes["intro"]
    assert product.title == "Knowing the phones"
    assert product.quiz is loaded.quizzes["phones"]
    assert sales.scenario_stages == (2, 3)
    assert sales.practice_scenarios == ("first_call",)  # the exam is not practice
    assert sales.pass_scenarios == 1
    assert (exam.exam_scenario, exam.exam_attempts) == ("final_exam", 2)
    assert exam.exam_title == "A first call"


def test_a_content_set_without_a_programme_still_loads(mini: Path) -> None:
    assert load_content(mini).programme is None


def test_an_unknown_quiz_is_suggested(content: Path) -> None:
    edit(content, "quiz: phones", "quiz: phone")
    assert only_problem(content).endswith(
        f"programme.yaml:{line_of(content, 'quiz: phone')}:11: quiz 'phone' does not exist "
        "(did you mean 'phones'?); quizzes: intro, phones"
    )


def test_the_exam_scenario_must_be_an_exam(content: Path) -> None:
    edit(content, "scenario: final_exam", "scenario: first_call")
    edit(content, "pass_scenarios: 1", "pass_scenarios: 0")
    assert only_problem(content).endswith(
        f"programme.yaml:{line_of(content, 'scenario: first_call')}:15: scenario 'first_call' "
        "is not an exam: add 'exam: true' to it, or name the exam scenario here"
    )


def test_an_unknown_exam_scenario_lists_the_exams(content: Path) -> None:
    edit(content, "scenario: final_exam", "scenario: final_exm")
    assert only_problem(content).endswith(
        "scenario 'final_exm' does not exist (did you mean 'final_exam'?); "
        "exam scenarios: final_exam"
    )


def test_more_practice_scenarios_to_pass_than_exist(content: Path) -> None:
    edit(content, "pass_scenarios: 1", "pass_scenarios: 3")
    assert only_problem(content).endswith(
        f"programme.yaml:{line_of(content, 'pass_scenarios')}:21: pass_scenarios is 3, but there "
        "is only 1 practice scenario of stage 2, 3: first_call; the exam could never open"
    )


def test_a_missing_stage(content: Path) -> None:
    edit(content, "  exam:\n    scenario: final_exam\n    attempts: 2\n", "")
    assert only_problem(content).endswith(
        "programme.yaml:4:3: stages is missing the required key 'exam'"
    )


def test_an_unknown_stage_key_is_suggested(content: Path) -> None:
    edit(content, "  sales:", "  sale:")
    problems = [str(problem) for problem in validate(content).problems]
    assert any(
        f"programme.yaml:{line_of(content, 'sale:')}:3: unknown key 'sale' in stages "
        "(did you mean 'sales'?)" in problem
        for problem in problems
    ), problems


def test_zero_exam_attempts(content: Path) -> None:
    edit(content, "attempts: 2", "attempts: 0")
    assert "attempts must be at least 1, not 0" in only_problem(content)


def test_a_quiz_from_another_stage_is_a_warning(content: Path) -> None:
    edit(content, "quiz: intro", "quiz: phones")
    result = validate(content)
    assert result.errors == []
    [warning] = result.warnings
    assert (
        "warning: quiz 'phones' says it belongs to stage 2, but stage 'introduction' is stage 1"
        in str(warning)
    )


def test_a_broken_quiz_is_reported_once_not_again_by_the_programme(content: Path) -> None:
    edit(content, "pass_mark: 80", "pass_mark: 800", file="quizzes/phones.yaml")
    assert "pass_mark must be from 0 to 100, not 800" in only_problem(content)


def test_a_second_programme(content: Path) -> None:
    (content / "quizzes" / "other.yaml").write_text(PROGRAMME, encoding="utf-8")
    assert "a content set has one programme; this is a second one" in only_problem(content)
