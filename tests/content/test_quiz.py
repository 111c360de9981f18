"""Quiz files: a good one loads into typed models; every mistake is located by line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from trainer.content.loader import load_content, validate
from trainer.content.quiz.model import ItemType, Quiz, QuizItem, QuizMode, Topic


def quiz_item(quiz: Quiz, item_id: str) -> QuizItem:
    """The item of `quiz` with this id: tests look items up; the app takes them in order."""
    (found,) = (item for item in quiz.items if item.id == item_id)
    return found


QUIZ = """\
kind: quiz
id: phones
title: Phone quiz
stage: 2
mode: graded
pass_mark: 80
items:
  - id: warranty
    type: single
    topic: conditions
    question: How long is the warranty?
    options:
      - One year
      - text: Two years
        correct: true
      - Three years
    explanation: Two years, see the catalogue.
    source: {product: phone-1, field: differs}
  - id: extras
    type: multiple
    question: Which are true of the desk phone?
    options:
      - text: HD voice
        correct: true
      - text: Two-year warranty
        correct: true
      - Colour screen
    explanation: See its characteristics.
  - id: packed
    type: true-false
    question: It ships in a box of one.
    answer: true
    explanation: Box of one.
  - id: price
    type: numeric
    question: What do 10 phones cost with 5% off?
    answer: 950
    tolerance: 0.5
    unit: EUR
    explanation: 10 x 100 less 5%.
  - id: terms
    type: text
    question: Where are the terms published?
    answers: [the terms page, northline.example/terms]
    explanation: On the terms page.
"""

FILE = "quizzes/phones.yaml"


@pytest.fixture
def content(mini: Path) -> Path:
    (mini / FILE).write_text(QUIZ, encoding="utf-8")
    return mini


def edit(root: Path, old: str, new: str) -> None:
    path = root / FILE
    text = path.read_text(encoding="utf-8")
    assert old in text, f"the quiz fixture no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(root: Path, fragment: str, after: int = 0) -> int:
    lines = (root / FILE).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if n > after and fragment in line)


def problems_of(root: Path) -> list[str]:
    return [str(problem) for problem in validate(root).problems]


def only_problem(root: Path) -> str:
    problems = problems_of(root)
    assert len(problems) == 1, problems
    return problems[0]


def test_a_good_quiz_loads_into_typed_models(content: Path) -> None:
    assert problems_of(content) == []
    quiz = load_content(content).quizzes["phones"]
    assert (quiz.title, quiz.stage, quiz.mode, quiz.pass_mark) == (
        "Phone quiz",
        2,
        QuizMode.GRADED,
        80,
    )
    assert quiz.draw is None and quiz.size == 5
    assert quiz.shuffle_items and quiz.shuffle_options and not quiz.partial_credit
    warranty = quiz_item(quiz, "warranty")
    assert warranty.type is ItemType.SINGLE and warranty.topic is Topic.CONDITIONS
    assert [(o.key, o.text, o.correct) for o in warranty.options] == [
        ("a", "One year", False),
        ("b", "Two years", True),
        ("c", "Three years", False),
    ]
    assert warranty.sources[0].label == "Desk phone: difference from competitors"
    assert quiz_item(quiz, "extras").correct_keys == {"a", "b"}
    assert quiz_item(quiz, "packed").truth is True
    price = quiz_item(quiz, "price")
    assert (price.value, price.tolerance, price.unit, price.points) == (950, 0.5, "EUR", 1)
    assert quiz_item(quiz, "terms").answers == ("the terms page", "northline.example/terms")


def test_an_unknown_key_names_the_item_and_suggests(content: Path) -> None:
    edit(content, "    explanation: Box of one.", "    explantion: Box of one.")
    line = line_of(content, "explantion:")
    assert only_problem(content).endswith(
        f"phones.yaml:{line}:5: unknown key 'explantion' in item 'packed' "
        "(did you mean 'explanation'?)"
    )


def test_a_single_choice_item_with_two_correct_options_points_at_the_second(
    content: Path,
) -> None:
    edit(content, "      - Three years", "      - text: Three years\n        correct: true")
    line = line_of(content, "- text: Three years")
    assert only_problem(content).endswith(
        f"phones.yaml:{line}:9: item 'warranty' is single choice but options 2 and 3 are marked "
        "correct; mark one, or make it 'type: multiple'"
    )
    edit(content, "      - One year", "      - text: One year\n        correct: true")
    assert "but options 1, 2 and 3 are marked correct" in only_problem(content)


def test_a_single_choice_item_without_a_correct_option(content: Path) -> None:
    edit(content, "      - text: Two years\n        correct: true", "      - Two years")
    line = line_of(content, "- One year")
    assert only_problem(content).endswith(
        f"phones.yaml:{line}:7: item 'warranty' needs exactly one correct option; none is marked "
        "(add 'correct: true' to it)"
    )


def test_a_negative_tolerance(content: Path) -> None:
    edit(content, "tolerance: 0.5", "tolerance: -0.5")
    line = line_of(content, "tolerance:")
    assert only_problem(content).endswith(
        f"phones.yaml:{line}:16: the tolerance of item 'price' must be at least 0, not -0.5"
    )


def test_draw_larger_than_the_pool(content: Path) -> None:
    edit(content, "pass_mark: 80\n", "pass_mark: 80\ndraw: 6\n")
    assert only_problem(content).endswith(
        "phones.yaml:7:7: draw is 6, but the quiz has only 5 items; draw at most 5 or add items"
    )


def test_a_key_that_belongs_to_another_item_type(content: Path) -> None:
    edit(content, "    topic: conditions\n", "    topic: conditions\n    tolerance: 1\n")
    line = line_of(content, "tolerance: 1")
    assert only_problem(content).endswith(
        f"phones.yaml:{line}:5: 'tolerance' does not apply to a single item like item "
        "'warranty'; it is for numeric items"
    )


def test_a_numeric_item_without_its_answer(content: Path) -> None:
    edit(content, "    answer: 950\n", "")
    line = line_of(content, "- id: price")
    assert only_problem(content).endswith(
        f"phones.yaml:{line}:5: item 'price' is a numeric item and needs 'answer'"
    )


def test_an_unknown_type_suggests_the_nearest(content: Path) -> None:
    edit(content, "type: multiple", "type: multi")
    line = line_of(content, "type: multi")
    assert only_problem(content).endswith(
        f"phones.yaml:{line}:11: type 'multi' is not one of: single, multiple, true-false, "
        "numeric, text (did you mean 'multiple'?)"
    )


def test_two_items_with_one_id(content: Path) -> None:
    edit(content, "  - id: packed", "  - id: warranty")
    first = line_of(content, "- id: warranty")
    second = line_of(content, "- id: warranty", after=first)
    assert only_problem(content).endswith(
        f"phones.yaml:{second}:9: two items have the id 'warranty' (the first is on line {first})"
    )


def test_an_option_given_twice(content: Path) -> None:
    edit(content, "      - Colour screen", "      - hd voice")
    line = line_of(content, "- hd voice")
    assert only_problem(content).endswith(
        f"phones.yaml:{line}:9: option 3 of item 'extras' repeats option 1 ('hd voice')"
    )


def test_a_source_product_that_is_not_in_the_catalogue(content: Path) -> None:
    edit(content, "product: phone-1", "product: phone-2")
    line = line_of(content, "product: phone-2")
    assert only_problem(content).endswith(
        f"phones.yaml:{line}:23: product 'phone-2' is not in the catalogue "
        "(did you mean 'phone-1'?)"
    )


def test_a_source_field_that_products_do_not_have(content: Path) -> None:
    edit(content, "field: differs", "field: packing")
    problem = only_problem(content)
    assert f"phones.yaml:{line_of(content, 'field: packing')}:39: " in problem
    assert "products have no field 'packing' (did you mean 'packaging'?)" in problem


def test_a_source_field_the_product_leaves_empty(content: Path) -> None:
    edit(content, "field: differs", "field: options")
    assert only_problem(content).endswith(
        f"phones.yaml:{line_of(content, 'field: options')}:39: product 'phone-1' has no "
        "equipment options in the catalogue"
    )


def test_a_company_card_that_does_not_exist(content: Path) -> None:
    edit(content, "{product: phone-1, field: differs}", "{company: policies, title: Returns}")
    assert only_problem(content).endswith(
        f"phones.yaml:{line_of(content, 'title: Returns')}:40: the company's policies have no "
        "card 'Returns'"
    )


def test_an_accepted_answer_without_letters_or_digits(content: Path) -> None:
    edit(content, "answers: [the terms page, ", "answers: ['?!', ")
    assert only_problem(content).endswith(
        f"phones.yaml:{line_of(content, 'answers:')}:15: the accepted answer '?!' of item "
        "'terms' has no letters or digits"
    )


def test_a_multiple_choice_item_where_every_option_is_right_is_a_warning(
    content: Path,
) -> None:
    edit(content, "      - Colour screen", "      - text: Colour screen\n        correct: true")
    result = validate(content)
    assert result.errors == []
    [warning] = result.warnings
    assert "every option of item 'extras' is correct, so it tests nothing" in str(warning)


def test_every_problem_in_a_quiz_is_reported(content: Path) -> None:
    edit(content, "pass_mark: 80", "pass_mark: 180")
    edit(content, "tolerance: 0.5", "tolerance: -1")
    edit(content, "answer: true", "answer: maybe")
    problems = problems_of(content)
    assert any("pass_mark must be from 0 to 100, not 180" in p for p in problems)
    assert any("the tolerance of item 'price' must be at least 0" in p for p in problems)
    assert any("the answer of item 'packed' must be true or false" in p for p in problems)
    assert len(problems) == 3, problems


def test_a_misspelt_kind_is_suggested(content: Path) -> None:
    edit(content, "kind: quiz", "kind: quizz")
    assert "unknown kind 'quizz' (did you mean 'quiz'?)" in only_problem(content)


def test_shuffle_can_be_set_for_items_and_options_apart(content: Path) -> None:
    edit(
        content, "pass_mark: 80\n", "pass_mark: 80\nshuffle: {items: false}\npartial_credit: true\n"
    )
    quiz = load_content(content).quizzes["phones"]
    assert (quiz.shuffle_items, quiz.shuffle_options, quiz.partial_credit) == (False, True, True)


def test_two_quizzes_with_one_id(content: Path) -> None:
    (content / "quizzes" / "copy.yaml").write_text(QUIZ, encoding="utf-8")
    assert "quiz id 'phones' is already used by" in only_problem(content)


def test_the_quiz_shapes_give_a_json_schema() -> None:
    import json

    from trainer.content.programme import PROGRAMME
    from trainer.content.quiz.shape import QUIZ as QUIZ_SHAPE

    quiz = json.loads(json.dumps(QUIZ_SHAPE.schema()))
    assert quiz["required"] == ["kind", "id", "title", "stage", "mode", "pass_mark", "items"]
    item = quiz["properties"]["items"]["items"]
    assert "tolerance" in item["properties"] and item["additionalProperties"] is False
    programme = json.loads(json.dumps(PROGRAMME.schema()))
    assert set(programme["properties"]["stages"]["required"]) == {
        "introduction",
        "product",
        "sales",
        "exam",
    }
