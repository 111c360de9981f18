"""Quiz engine: marking of every item type, seeded draws, and what an attempt shows when."""

from __future__ import annotations

import shutil
from collections import Counter

import pytest

from tests.conftest import MINI
from tests.content.test_quiz import QUIZ, quiz_item
from tests.content.test_quiz_bundled import bundled_quizzes
from trainer.content.loader import load_content
from trainer.content.quiz.model import Option, Quiz, QuizItem, QuizMode, Topic
from trainer.engine.marking import QuizError, mark, parse_number, text_match
from trainer.engine.quiz import QuizAttempt, draw_questions


@pytest.fixture(scope="module")
def quiz(tmp_path_factory: pytest.TempPathFactory) -> Quiz:
    root = tmp_path_factory.mktemp("quiz") / "content"
    shutil.copytree(MINI, root)
    (root / "quizzes" / "phones.yaml").write_text(QUIZ, encoding="utf-8")
    return load_content(root).quizzes["phones"]


@pytest.fixture(scope="module")
def product_quiz(tmp_path_factory: pytest.TempPathFactory) -> Quiz:
    return bundled_quizzes(tmp_path_factory.mktemp("bundled") / "content").quizzes["product_quiz"]


def item(quiz: Quiz, item_id: str) -> QuizItem:
    return quiz_item(quiz, item_id)


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


# -- single choice -------------------------------------------------------------------------------


def test_single_choice_scores_the_one_right_option(quiz: Quiz) -> None:
    warranty = item(quiz, "warranty")
    right = mark(warranty, "b")
    assert (right.correct, right.points, right.max_points) == (True, 1.0, 1.0)
    assert (right.answer, right.answer_text, right.feedback) == ("b", "Two years", "Correct.")
    wrong = mark(warranty, warranty.options[0])  # an Option works as well as its key
    assert (wrong.correct, wrong.points, wrong.answer) == (False, 0.0, "a")
    assert wrong.feedback == "Not quite. The answer: Two years."


@pytest.mark.parametrize("given", ["z", ["a", "b"], 2, None])
def test_single_choice_refuses_what_is_not_one_option(quiz: Quiz, given: object) -> None:
    with pytest.raises(QuizError):
        mark(item(quiz, "warranty"), given)


# -- multiple choice -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "picked, partial, points",
    [
        ({"a", "b"}, False, 1.0),  # exactly the right set
        ({"a", "b"}, True, 1.0),
        ({"a"}, True, 0.5),  # one of two right: (1 - 0) / 2
        ({"a"}, False, 0.0),  # all or nothing without partial credit
        ({"a", "b", "c"}, True, 0.5),  # (2 - 1) / 2
        ({"a", "c"}, True, 0.0),  # (1 - 1) / 2
        ({"c"}, True, 0.0),  # (0 - 1) / 2, floored at 0
        (set(), True, 0.0),
    ],
)
def test_multiple_choice_with_and_without_partial_credit(
    quiz: Quiz, picked: set[str], partial: bool, points: float
) -> None:
    marking = mark(item(quiz, "extras"), picked, partial_credit=partial)
    assert marking.points == points
    assert marking.correct is (points == 1.0)
    assert marking.answer == ",".join(sorted(picked))


def test_partial_credit_scales_with_the_item_points_and_says_why(quiz: Quiz) -> None:
    from dataclasses import replace

    extras = replace(item(quiz, "extras"), points=3)
    marking = mark(extras, ["a", "b", "c"], partial_credit=True)
    assert marking.points == 1.5
    assert marking.feedback == (
        "Partly right: 2 of 2 right options chosen, 1 wrong one chosen (1.5 of 3 points). "
        "The answer: HD voice; Two-year warranty."
    )


# -- true / false --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "given, correct", [(True, True), ("yes", True), ("TRUE", True), (False, False), ("no", False)]
)
def test_true_false_takes_booleans_and_words(quiz: Quiz, given: object, correct: bool) -> None:
    marking = mark(item(quiz, "packed"), given)
    assert marking.correct is correct
    assert marking.answer == ("true" if correct else "false")


def test_true_false_refuses_anything_else(quiz: Quiz) -> None:
    with pytest.raises(QuizError, match="takes true or false"):
        mark(item(quiz, "packed"), "maybe")


# -- numeric -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "given, correct",
    [
        (950, True),
        (950.5, True),  # exactly at the tolerance
        (949.5, True),
        (950.51, False),  # just past it
        (949.49, False),
        ("950,50", True),
        ("EUR 950.50", True),
        ("950.4 eur", True),
        ("€ 950", True),
        ("1,950", False),
    ],
)
def test_numeric_answers_count_within_the_tolerance(
    quiz: Quiz, given: object, correct: bool
) -> None:
    assert mark(item(quiz, "price"), given).correct is correct


def test_numeric_feedback_names_the_answer_unit_and_tolerance(quiz: Quiz) -> None:
    marking = mark(item(quiz, "price"), "900")
    assert marking.expected == "950 EUR (within 0.5)"
    assert (marking.answer, marking.answer_text) == ("900", "900 EUR")


def test_a_zero_tolerance_still_forgives_float_noise(quiz: Quiz) -> None:
    from dataclasses import replace

    exact = replace(item(quiz, "price"), value=766.30, value_text="766.30", tolerance=0.0)
    assert mark(exact, 10 * 79 * 0.97).correct  # 766.3000000000001
    assert not mark(exact, 766.31).correct


@pytest.mark.parametrize(
    "text, value",
    [
        ("1234.5", 1234.5),
        ("1,234.50", 1234.5),
        ("1.234,50", 1234.5),
        ("1 234,50", 1234.5),
        ("2,5", 2.5),
        ("2,500", 2500.0),
        ("1,000,000", 1_000_000.0),
        ("-3", -3.0),
        ("EUR 2251.50", 2251.5),
        ("12 days", 12.0),
        ("twelve", None),
        ("1.2.3,4", None),
        ("", None),
        (True, None),
    ],
)
def test_numbers_are_read_as_people_type_them(text: object, value: float | None) -> None:
    assert parse_number(text, unit="days") == value


def test_a_numeric_item_refuses_text_that_is_no_number(quiz: Quiz) -> None:
    with pytest.raises(QuizError, match="type a number"):
        mark(item(quiz, "price"), "about a thousand")


# -- text ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "given, correct, spelling",
    [
        ("the terms page", True, False),
        ("  The TERMS   page!! ", True, False),  # case, punctuation and spacing do not count
        ("northline.example/terms", True, False),
        ("Northline example terms", True, False),
        ("the terms pgae", True, True),  # a swapped pair of letters
        ("the trms page", True, True),  # a missing letter
        ("the tems pgae", True, True),  # two slips in a long answer
        ("the price page", False, False),
        ("terms", False, False),
    ],
)
def test_text_answers_are_normalised_and_forgive_small_typos(
    quiz: Quiz, given: str, correct: bool, spelling: bool
) -> None:
    marking = mark(item(quiz, "terms"), given)
    assert marking.correct is correct
    assert ("mind the spelling" in marking.feedback) is spelling


@pytest.mark.parametrize(
    "given, accepted, typos, result",
    [
        ("Compas", ["Compass"], None, (False, "Compass")),
        ("Compass", ["compass"], None, (True, None)),
        ("CMR", ["CRM"], None, (False, None)),  # short answers must be exact
        ("90 days", ["30 days"], None, (False, None)),  # digits never count as typos
        ("T510", ["T520"], None, (False, None)),
        ("Compas", ["Compass"], 0, (False, None)),  # the item may forbid typos
        ("Cmpas", ["Compass"], 2, (False, "Compass")),
        ("café", ["cafe"], None, (True, None)),  # accents do not count
    ],
)
def test_text_matching_rules(
    given: str, accepted: list[str], typos: int | None, result: tuple[bool, str | None]
) -> None:
    assert text_match(given, accepted, typos) == result


def test_an_empty_text_answer_is_refused(quiz: Quiz) -> None:
    with pytest.raises(QuizError, match="type an answer"):
        mark(item(quiz, "terms"), " ?! ")


# -- seeded draws --------------------------------------------------------------------------------


def layout(quiz: Quiz, seed: int) -> list[tuple[str, tuple[str, ...]]]:
    return [(q.id, tuple(o.key for o in q.options)) for q in draw_questions(quiz, seed)]


def test_the_same_seed_draws_the_same_items_in_the_same_order(product_quiz: Quiz) -> None:
    assert layout(product_quiz, 42) == layout(product_quiz, 42)
    assert len(layout(product_quiz, 42)) == product_quiz.draw == 20


def test_another_seed_draws_another_order(product_quiz: Quiz) -> None:
    first, second = layout(product_quiz, 1), layout(product_quiz, 2)
    assert first != second
    assert [q for q, _ in first] != [q for q, _ in second]


def test_options_are_shuffled_by_the_seed_but_keep_their_keys(quiz: Quiz) -> None:
    orders = {tuple(o.key for o in draw_questions(quiz, seed)[0].options) for seed in range(40)}
    assert len(orders) > 1
    for seed in range(5):
        for question in draw_questions(quiz, seed):
            assert sorted(o.key for o in question.options) == sorted(
                o.key for o in question.options
            )
            if question.item.options:
                assert set(question.options) == set(question.item.options)


def test_without_shuffling_the_authored_order_is_kept(quiz: Quiz) -> None:
    from dataclasses import replace

    fixed = replace(quiz, shuffle_items=False, shuffle_options=False)
    questions = draw_questions(fixed, 7)
    assert [q.id for q in questions] == [i.id for i in quiz.items]
    assert questions[0].options == quiz.items[0].options
    assert [q.number for q in questions] == [1, 2, 3, 4, 5]


def test_true_false_items_are_shown_as_two_fixed_options(quiz: Quiz) -> None:
    for seed in range(5):
        packed = next(q for q in draw_questions(quiz, seed) if q.id == "packed")
        assert [(o.key, o.text, o.correct) for o in packed.options] == [
            ("true", "True", True),
            ("false", "False", False),
        ]


def test_every_draw_of_the_product_quiz_covers_every_topic(product_quiz: Quiz) -> None:
    topics = {i.topic for i in product_quiz.items}
    for seed in range(50):
        drawn = draw_questions(product_quiz, seed)
        assert {q.item.topic for q in drawn} == topics
        assert len({q.id for q in drawn}) == 20


def test_draws_reach_every_item_of_the_pool(product_quiz: Quiz) -> None:
    seen = Counter(q.id for seed in range(200) for q in draw_questions(product_quiz, seed))
    assert set(seen) == {i.id for i in product_quiz.items}


# -- attempts ------------------------------------------------------------------------------------


def answer_all(attempt: QuizAttempt, right: bool = True) -> None:
    for question in attempt.questions:
        attempt.answer(
            question, right_answer(question.item) if right else wrong_answer(question.item)
        )


def right_answer(quiz_item: QuizItem) -> object:
    if quiz_item.options:
        keys = sorted(quiz_item.correct_keys)
        return keys[0] if quiz_item.type.value == "single" else keys
    if quiz_item.truth is not None:
        return quiz_item.truth
    if quiz_item.value is not None:
        return quiz_item.value
    return quiz_item.answers[0]


def wrong_answer(quiz_item: QuizItem) -> object:
    if quiz_item.options:
        wrong = next(o.key for o in quiz_item.options if not o.correct)
        return wrong if quiz_item.type.value == "single" else [wrong]
    if quiz_item.truth is not None:
        return not quiz_item.truth
    if quiz_item.value is not None:
        return quiz_item.value + quiz_item.tolerance + 1
    return "something else entirely"


def test_a_graded_attempt_shows_nothing_until_it_ends(quiz: Quiz) -> None:
    attempt = QuizAttempt(quiz, seed=3)
    first = attempt.current
    assert first is not None
    result = attempt.answer(first, right_answer(first.item))
    assert result.correct  # the caller stores it ...
    assert not attempt.shows_feedback  # ... but may not show it yet
    assert attempt.feedback(first.id) is None
    answer_all_rest(attempt)
    assert attempt.finished and attempt.shows_feedback
    assert attempt.feedback(first.id) == result
    assert attempt.current is None


def answer_all_rest(attempt: QuizAttempt) -> None:
    while (question := attempt.current) is not None:
        attempt.answer(question, right_answer(question.item))


def test_a_practice_attempt_shows_feedback_after_each_item(quiz: Quiz) -> None:
    from dataclasses import replace

    attempt = QuizAttempt(replace(quiz, mode=QuizMode.PRACTICE), seed=3)
    question = attempt.questions[0]
    result = attempt.answer(question.id, wrong_answer(question.item))
    assert attempt.shows_feedback
    assert attempt.feedback(question.id) == result
    assert not result.correct and result.explanation == question.item.explanation


def test_the_result_percent_and_pass(quiz: Quiz) -> None:
    attempt = QuizAttempt(quiz, seed=5)
    for question in attempt.questions:
        right = question.id != "terms"
        attempt.answer(question, right_answer(question.item) if right else "no idea")
    result = attempt.result()
    assert (result.points, result.max_points, result.percent) == (4.0, 5.0, 80.0)
    assert result.passed and result.outcome == "passed"
    assert (result.answered, result.total) == (5, 5)
    by_topic = {score.skill: score for score in result.skills}
    assert by_topic[Topic.CONDITIONS.value].percent == 100.0
    assert by_topic["other"].earned == 3.0 and by_topic["other"].best == 4.0


def test_finishing_early_counts_unanswered_items_as_wrong(quiz: Quiz) -> None:
    attempt = QuizAttempt(quiz, seed=5)
    question = attempt.questions[0]
    attempt.answer(question, right_answer(question.item))
    result = attempt.finish()
    assert (result.answered, result.total, result.percent, result.passed) == (1, 5, 20.0, False)
    assert attempt.finished and attempt.shows_feedback
    with pytest.raises(QuizError, match="the quiz is over"):
        attempt.answer(attempt.questions[1], right_answer(attempt.questions[1].item))


def test_an_item_cannot_be_answered_twice_or_from_outside_the_draw(quiz: Quiz) -> None:
    attempt = QuizAttempt(quiz, seed=5)
    question = attempt.questions[0]
    attempt.answer(question, right_answer(question.item))
    with pytest.raises(QuizError, match="already answered"):
        attempt.answer(question, right_answer(question.item))
    with pytest.raises(QuizError, match="not in this attempt"):
        attempt.answer("nope", "x")


def test_a_refused_answer_does_not_use_up_the_item(quiz: Quiz) -> None:
    attempt = QuizAttempt(quiz, seed=5)
    price = attempt.question("price")
    with pytest.raises(QuizError):
        attempt.answer(price, "a lot")
    assert attempt.answer(price, "950").correct


def test_time_per_answer_comes_from_the_injected_clock(quiz: Quiz) -> None:
    clock = Clock()
    attempt = QuizAttempt(quiz, seed=5, clock=clock)
    times = []
    for seconds in (4.0, 12.5, 0.25):
        clock.now += seconds
        question = attempt.current
        assert question is not None
        times.append(attempt.answer(question, right_answer(question.item)).seconds)
    assert times == [4.0, 12.5, 0.25]


def test_an_attempt_is_rebuilt_from_its_seed(product_quiz: Quiz) -> None:
    one, two = QuizAttempt(product_quiz, seed=99), QuizAttempt(product_quiz, seed=99)
    assert one.questions == two.questions


def test_answer_results_name_where_the_answer_lives(product_quiz: Quiz) -> None:
    attempt = QuizAttempt(product_quiz, seed=1)
    answer_all(attempt)
    result = attempt.result()
    assert result.percent == 100.0 and result.passed
    for answer in result.answers:
        assert answer.sources, answer.item_id
        assert answer.explanation


def test_all_wrong_fails_the_product_quiz(product_quiz: Quiz) -> None:
    attempt = QuizAttempt(product_quiz, seed=1)
    answer_all(attempt, right=False)
    result = attempt.result()
    assert (result.percent, result.passed) == (0.0, False)


def test_option_keys_from_the_shown_options_are_accepted(quiz: Quiz) -> None:
    attempt = QuizAttempt(quiz, seed=11)
    warranty = attempt.question("warranty")
    chosen: Option = next(o for o in warranty.options if o.correct)
    assert attempt.answer(warranty, chosen).correct


@pytest.mark.parametrize(
    "module",
    [
        "trainer.content.quiz.parse",
        "trainer.content.programme",
        "trainer.engine.quiz",
        "trainer.engine.programme",
    ],
)
def test_the_quiz_and_programme_core_does_not_import_textual(module: str) -> None:
    import subprocess
    import sys

    code = f"import sys, {module}; print('textual' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
