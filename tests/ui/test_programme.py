"""The four-stage programme through the trainee's app: gating, quizzes by keys, and mentors'
comments on the trainee's own attempts (the exam is in `test_programme_exam`).

History that a test does not play by keys is seeded through the store's own functions
(conftest.py), so each test starts where it needs to be.
"""

from __future__ import annotations

import random
from pathlib import Path

from textual.command import CommandList
from textual.pilot import Pilot
from textual.widgets import Button, Input, OptionList, Static

from tests.ui.conftest import (
    Build,
    answer_by_keys,
    exam_id,
    frozen_clock,
    notices,
    pass_practice,
    pick,
    programme_row,
    reload_home,
    right_answer,
    rows,
    screen_text,
    shown_text,
    shown_text_of,
    sign_in,
    take_quiz,
    unlock_stage,
)
from trainer.content.content_set import ContentSet
from trainer.content.programme import StageKey
from trainer.content.quiz.model import Quiz, QuizMode
from trainer.engine.quiz import QuizAttempt, draw_questions
from trainer.engine.session import Session
from trainer.store.attempts import finish_attempt, record_turn, start_attempt
from trainer.store.database import Store
from trainer.store.mentors import add_mentor
from trainer.store.models import Trainee
from trainer.store.reviews import add_note
from trainer.ui.modals.confirm import ConfirmModal
from trainer.ui.screens.briefing import BriefingScreen
from trainer.ui.screens.catalogue import CatalogueScreen
from trainer.ui.screens.company import CompanyScreen
from trainer.ui.screens.home import HomeScreen
from trainer.ui.screens.quiz import QuizScreen
from trainer.ui.screens.quiz_intro import QuizIntroScreen
from trainer.ui.screens.quiz_result import QuizResultScreen
from trainer.ui.screens.scorecard import ScorecardScreen
from trainer.ui.widgets.choice_list import ChoiceList

SIZE = (100, 30)


def seed_asking_first(content: ContentSet, quiz_id: str, item_type: str) -> int:
    """An app seed whose first quiz attempt asks an item of `item_type` first (the app draws one
    seed per quiz from its Random), so a test reaches that item with one key press."""
    quiz = content.quizzes[quiz_id]
    for seed in range(1000):
        drawn = draw_questions(quiz, random.Random(seed).randrange(1, 2**31))
        if drawn[0].type.value == item_type:
            return seed
    raise AssertionError(f"no seed asks a {item_type} item first")


def ten_right(quiz: Quiz) -> float:
    """The percent `take_quiz(..., right=10)` stores: the first ten drawn right, the rest unanswered."""
    attempt = QuizAttempt(quiz, 1, clock=frozen_clock)
    for question in attempt.questions[:10]:
        attempt.answer(question, right_answer(question))
    return attempt.finish().percent


# -- gating -------------------------------------------------------------------------------------


async def test_each_stage_opens_only_when_the_one_before_is_done(
    build: Build, bundled: ContentSet, store: Store, ann: Trainee
) -> None:
    programme = bundled.programme
    assert programme is not None
    intro, product = programme.stage(StageKey.INTRODUCTION), programme.stage(StageKey.PRODUCT)
    assert intro.quiz is not None and product.quiz is not None
    sales = programme.stage(StageKey.SALES)
    first_call = f"scenario:{sales.practice_scenarios[0]}"
    exam = f"scenario:{exam_id(bundled)}"
    app = build()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        # a fresh trainee: stage 1 open, everything after it locked, and why
        assert "OPEN" in programme_row(pilot, "stage:1")
        stage_2 = programme_row(pilot, "stage:2")
        assert "LOCKED" in stage_2
        assert "first pass the quiz 'Introduction check' (not taken yet, needs 70%)" in stage_2
        assert "LOCKED" in programme_row(pilot, "stage:3")
        assert "LOCKED" in programme_row(pilot, "stage:4")
        assert "locked" in programme_row(pilot, "catalogue:")
        for locked in ("catalogue:", f"quiz:{product.quiz.id}", first_call, exam):
            await pick(pilot, locked)
            assert isinstance(app.screen, HomeScreen), locked
        assert notices(pilot)[0] == (
            "Knowing what you sell opens once you pass the quiz 'Introduction check' "
            "(not taken yet, needs 70%)."
        )
        # the introduction check passed: stage 2 opens, stage 3 still waits for the product quiz
        take_quiz(store, ann.id, intro.quiz)
        await reload_home(pilot)
        assert "DONE" in programme_row(pilot, "stage:1")
        assert "OPEN" in programme_row(pilot, "stage:2")
        await pick(pilot, "catalogue:")
        assert isinstance(app.screen, CatalogueScreen)
        await pilot.press("escape")
        await pick(pilot, first_call)
        assert isinstance(app.screen, HomeScreen)
        assert "pass the quiz 'Product quiz' (not taken yet, needs 80%)" in notices(pilot)[-1]
        # a failed product quiz keeps stage 3 locked, with the best score so far
        take_quiz(store, ann.id, product.quiz, right=10)
        await reload_home(pilot)
        stage_3 = programme_row(pilot, "stage:3")
        best = f"{ten_right(product.quiz):g}%"  # the ten drawn first, whatever they weigh
        assert "LOCKED" in stage_3 and f"(best so far {best}, needs 80%)" in stage_3
        take_quiz(store, ann.id, product.quiz)
        await reload_home(pilot)
        assert "OPEN" in programme_row(pilot, "stage:3")
        assert "Passed 0 of 3 distinct scenarios needed" in programme_row(pilot, "stage:3")
        await pick(pilot, first_call)
        assert isinstance(app.screen, BriefingScreen)
        await pilot.press("escape")
        # the exam waits for three distinct practice scenarios; passing one twice counts once
        pass_practice(store, ann.id, ["book_meeting", "out_of_stock_urgent"] * 2)
        await reload_home(pilot)
        assert "Passed 2 of 3 distinct scenarios needed" in programme_row(pilot, "stage:3")
        assert "pass 1 more practice scenario" in programme_row(pilot, "stage:4")
        await pick(pilot, exam)
        assert isinstance(app.screen, HomeScreen)
        # three distinct passes are not enough while a required kind of call is missing
        pass_practice(store, ann.id, ["cold_call_gatekeeper", "gatekeeper_follow_up"])
        await reload_home(pilot)
        stage_3 = programme_row(pilot, "stage:3")
        assert "Passed 3 of 3 distinct scenarios needed" in stage_3 and "DONE" not in stage_3
        assert "still to pass: one complaint call and one key-account call" in stage_3
        assert "pass a practice complaint call" in programme_row(pilot, "stage:4")
        await pick(pilot, exam)
        assert isinstance(app.screen, HomeScreen)
        assert "pass a practice key-account call" in notices(pilot)[-1]
        pass_practice(store, ann.id, ["warranty_complaint", "vip_renewal"])
        await reload_home(pilot)
        assert "DONE" in programme_row(pilot, "stage:3")
        assert "2 of 2 attempts left" in programme_row(pilot, "stage:4")
        await pick(pilot, exam)
        assert isinstance(app.screen, BriefingScreen) and app.screen.scenario.exam


async def test_home_shows_the_call_log_the_seeds_ask_for(
    build: Build, bundled: ContentSet, store: Store, ann: Trainee
) -> None:
    unlock_stage(store, ann.id, bundled, 4)
    app = build()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        log = shown_text(app.screen.query_one("#call-log", Static))
        # the three passed calls end in their goals: a meeting for the cold call, else a deal
        assert "Calls made 3" in log and "deals won 2" in log
        assert "applications 0" in log and "meetings booked 1" in log and "hang-ups 0" in log


async def test_the_palette_obeys_the_same_locks(build: Build, ann: Trainee) -> None:
    app = build()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        # what the programme keeps locked is not offered, rather than offered and refused
        await pilot.press("ctrl+p", *"quiz")
        for _ in range(50):  # the palette searches in the background
            found = pilot.app.screen.query(CommandList)
            if found and found.first(CommandList).option_count:
                break
            await pilot.pause(0.05)
        entries = found.first(CommandList)
        offered = [
            shown_text_of(entries.get_option_at_index(i).prompt)
            for i in range(entries.option_count)
        ]
        assert any("Introduction check" in entry for entry in offered), offered
        assert not any("Product quiz" in entry for entry in offered), offered
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await palette(pilot, "company c")
        assert isinstance(app.screen, CompanyScreen)
        cards = screen_text(pilot)
        assert "About Northline Communications" in cards


async def palette(pilot: Pilot[int], query: str) -> None:
    await pilot.press("ctrl+p", *query)
    for _ in range(50):  # the palette searches in the background
        found = pilot.app.screen.query(CommandList)
        if found and found.first(CommandList).option_count:
            break
        await pilot.pause(0.05)
    await pilot.press("enter")
    await pilot.pause()


# -- the quizzes ---------------------------------------------------------------------------------


async def test_the_introduction_check_played_by_keys_stores_every_answer(
    build: Build, bundled: ContentSet, ann: Trainee, db_path: Path
) -> None:
    """Every item type answered by keys, feedback after each (practice), then the result."""
    app = build()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await pick(pilot, "company:")
        assert isinstance(app.screen, CompanyScreen)
        await pilot.press("q")  # take the check, from the cards
        await pilot.pause()
        assert isinstance(app.screen, QuizIntroScreen)
        await pilot.press("enter")
        await pilot.pause()
        quiz_screen = app.screen
        assert isinstance(quiz_screen, QuizScreen) and quiz_screen.attempt is not None
        assert quiz_screen.quiz.mode is QuizMode.PRACTICE
        questions = quiz_screen.attempt.questions
        assert {q.type.value for q in questions} >= {
            "single",
            "multiple",
            "true-false",
            "numeric",
            "text",
        }
        for question in questions:
            assert f"Question {question.number} of {len(questions)}" in shown_text(
                quiz_screen.query_one("#quiz-progress", Static)
            )
            right = question.number != 1  # the first one wrong, to see "Not quite"
            await answer_by_keys(pilot, question, right=right)
            feedback = shown_text(quiz_screen.query_one("#feedback", Static))
            assert feedback.startswith("✓ Correct" if right else "✗ Not quite"), feedback
            assert question.item.explanation.split()[0] in feedback
            next_button = quiz_screen.query_one("#next", Button)
            assert next_button.display and next_button.has_focus
            while next_button.has_class("-active"):  # a button ignores a press just after one
                await pilot.pause(0.02)
            await pilot.press("enter")
        result = app.screen
        assert isinstance(result, QuizResultScreen)
        verdict = shown_text(result.query_one("#quiz-verdict", Static))
        assert (
            verdict.startswith("PASSED")
            and f"{len(questions) - 1} of {len(questions)} points" in verdict
        )
        assert "Stage 2, Knowing what you sell, is open now." in screen_text(pilot)
    stored = rows(
        db_path,
        "SELECT a.content_id, a.seed, a.status, count(q.item_id), sum(q.correct) "
        "FROM attempts a JOIN quiz_answers q ON q.attempt_id = a.id GROUP BY a.id",
    )
    assert stored == [
        ("company_intro", quiz_screen.seed, "completed", len(questions), len(questions) - 1)
    ]
    first = rows(db_path, "SELECT item_id, correct FROM quiz_answers ORDER BY number LIMIT 1")
    assert first == [(questions[0].id, 0)]


async def test_a_graded_quiz_shows_nothing_until_the_end_and_leaving_scores_it(
    build: Build, bundled: ContentSet, store: Store, ann: Trainee, db_path: Path
) -> None:
    unlock_stage(store, ann.id, bundled, 2)
    app = build()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await pick(pilot, "quiz:product_quiz")
        await pilot.press("enter")
        await pilot.pause()
        quiz_screen = app.screen
        assert isinstance(quiz_screen, QuizScreen) and quiz_screen.attempt is not None
        first, second, third = quiz_screen.attempt.questions[:3]
        await answer_by_keys(pilot, first, right=False)
        await answer_by_keys(pilot, second)
        # straight on to the third question: no verdict, no explanation, no marks, no score
        assert quiz_screen.question is not None and quiz_screen.question.id == third.id
        assert shown_text(quiz_screen.query_one("#feedback", Static)) == ""
        assert not quiz_screen.query_one("#next", Button).display
        assert "Question 3 of 20" in shown_text(quiz_screen.query_one("#quiz-progress", Static))
        shown = screen_text(pilot)
        assert "Correct" not in shown and "Not quite" not in shown
        assert first.item.explanation not in shown and second.item.explanation not in shown
        stored = "SELECT count(*) FROM quiz_answers WHERE attempt_id = ?"
        assert rows(db_path, stored, quiz_screen.attempt_id) == [(2,)]  # stored already
        await pilot.press("escape")  # leave: asks first
        assert isinstance(app.screen, ConfirmModal)
        assert "18 of 20 questions are not answered yet" in screen_text(pilot)
        await pilot.press("y")
        await pilot.pause()
        result = app.screen
        assert isinstance(result, QuizResultScreen)
        assert shown_text(result.query_one("#quiz-verdict", Static)).startswith("NOT PASSED")
        shown = screen_text(pilot)
        assert "18 questions were not answered and counted as wrong." in shown
        assert first.item.explanation.split(";")[0] in shown  # explained at the end
        assert "Where: " in shown
    assert rows(
        db_path, "SELECT status, passed FROM attempts WHERE content_id = 'product_quiz'"
    ) == [("completed", 0)]


async def test_a_review_answer_opens_the_catalogue_where_it_lives(
    build: Build, bundled: ContentSet, store: Store, ann: Trainee
) -> None:
    unlock_stage(store, ann.id, bundled, 3)  # a stored product quiz, all right
    app = build()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await pilot.press("tab", "enter")  # the newest attempt: the product quiz
        await pilot.pause()
        result = app.screen
        assert isinstance(result, QuizResultScreen)
        assert result.summary.answered == 20 and result.summary.percent == 100
        first = result.summary.items[0]
        source = first.sources[0]
        await pilot.press("enter")  # the first answer has focus
        await pilot.pause()
        if source.product is not None:
            assert isinstance(app.screen, CatalogueScreen)
            product_list = app.screen.query_one("#product-list", OptionList)
            assert product_list.highlighted_option is not None
            assert product_list.highlighted_option.id == f"product:{source.product}"
        else:
            assert isinstance(app.screen, CompanyScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, QuizResultScreen)


async def test_a_multiple_choice_item_is_ticked_with_space_and_confirmed_with_enter(
    build: Build, bundled: ContentSet, store: Store, ann: Trainee, db_path: Path
) -> None:
    app = build(seed_asking_first(bundled, "company_intro", "multiple"))
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await pick(pilot, "quiz:company_intro")
        await pilot.press("enter")
        await pilot.pause()
        quiz_screen = app.screen
        assert isinstance(quiz_screen, QuizScreen) and quiz_screen.attempt is not None
        question = quiz_screen.attempt.questions[0]
        choices = quiz_screen.query_one(ChoiceList)
        assert choices.has_focus and choices.multiple
        await pilot.press("enter")  # nothing ticked: refused, nothing stored
        assert "Tick at least one option" in notices(pilot)[-1]
        right = [n for n, option in enumerate(question.options) if option.correct]
        for index in right:
            choices.highlighted = index
            await pilot.press("space")
        assert choices.ticked == {question.options[i].key for i in right}
        await pilot.press("enter")
        await pilot.pause()
        assert shown_text(quiz_screen.query_one("#feedback", Static)).startswith("✓ Correct")
    answers = rows(
        db_path, "SELECT answer, correct FROM quiz_answers WHERE item_id = ?", question.id
    )
    assert answers == [(",".join(sorted(question.options[i].key for i in right)), 1)]


async def test_a_number_with_no_option_says_so_and_answers_nothing(
    build: Build, bundled: ContentSet, ann: Trainee, db_path: Path
) -> None:
    app = build(seed_asking_first(bundled, "company_intro", "multiple"))
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await pick(pilot, "quiz:company_intro")
        await pilot.press("enter")
        await pilot.pause()
        quiz_screen = app.screen
        assert isinstance(quiz_screen, QuizScreen) and quiz_screen.attempt is not None
        count = len(quiz_screen.attempt.questions[0].options)
        assert count < 9
        await pilot.press("9")
        assert notices(pilot)[-1] == f"There is no option 9 here: pick 1 to {count}."
        assert quiz_screen.query_one(ChoiceList).ticked == set()
    assert rows(db_path, "SELECT count(*) FROM quiz_answers") == [(0,)]


async def test_a_quiz_answer_that_is_not_a_number_is_refused_in_plain_words(
    build: Build, bundled: ContentSet, ann: Trainee
) -> None:
    app = build(seed_asking_first(bundled, "company_intro", "numeric"))
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await pick(pilot, "quiz:company_intro")
        await pilot.press("enter")
        await pilot.pause()
        quiz_screen = app.screen
        assert isinstance(quiz_screen, QuizScreen) and quiz_screen.attempt is not None
        assert quiz_screen.attempt.questions[0].type.value == "numeric"
        await pilot.press(*"about ten", "enter")  # "ten" alone is a number in words
        assert notices(pilot)[-1].startswith("That is not a number.")
        assert "'" not in notices(pilot)[-1]  # no item id
        assert quiz_screen.query_one("#answer-input", Input).value == "about ten"


# -- mentors' comments -------------------------------------------------------------------------


async def test_the_scorecard_shows_mentor_comments_on_the_trainees_own_attempt(
    build: Build, bundled: ContentSet, store: Store, ann: Trainee
) -> None:
    unlock_stage(store, ann.id, bundled, 3)
    scenario = bundled.scenario("gatekeeper_follow_up")
    session = Session(bundled, scenario, trainee=ann.name)
    while not session.ended:
        session.choose(1)
    attempt = start_attempt(
        store,
        ann.id,
        kind="call",
        content_id=scenario.id,
        content_hash=scenario.digest,
        seed=1,
        mode="practice",
        persona_id=scenario.personas[0],
    )
    for turn in session.turns:
        record_turn(store, attempt.id, turn)
    finish_attempt(store, attempt.id, session.score())
    add_mentor(store, "Maria Senior", "a long passphrase")
    add_note(store, attempt.id, "Maria Senior", "A textbook follow-up. Keep the opening.")
    add_note(store, attempt.id, "Maria Senior", "Nice recovery here.", turn_index=1)
    app = build()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        recent = app.screen.query_one("#recent", OptionList)
        assert "✎2" in shown_text_of(recent.get_option_at_index(0).prompt)  # two comments
        await pilot.press("tab", "enter")  # the newest attempt: this call
        await pilot.pause()
        assert isinstance(app.screen, ScorecardScreen)
        notes = shown_text(app.screen.query_one("#mentor-notes", Static))
        assert "Maria Senior" in notes and "A textbook follow-up. Keep the opening." in notes
        assert "on turn 2" in notes
        await pilot.press("t")
        await pilot.pause()
        lines = [shown_text(line) for line in app.screen.query(".mentor-line").results(Static)]
        assert lines == [
            "Mentor Maria Senior: A textbook follow-up. Keep the opening.",
            "Mentor Maria Senior: Nice recovery here.",
        ]
