"""The four-stage programme through the trainee's app: gating, quizzes by keys, the exam's attempts,
the exam's key kept hidden, the certificate, and mentors' comments on the trainee's own attempts.

History that a test does not play by keys is seeded through the store's own functions
(conftest.py), so each test starts where it needs to be.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.command import CommandList
from textual.pilot import Pilot
from textual.widgets import Button, Input, OptionList, Static

from tests.ui.conftest import (
    answer_by_keys,
    frozen_clock,
    notices,
    pass_practice,
    rows,
    screen_text,
    shown_text,
    sign_in,
    take_quiz,
    unlock_stage,
    use_exam_attempt,
)
from trainer.content.content_set import ContentSet
from trainer.content.programme import StageKey
from trainer.content.quiz.model import QuizMode
from trainer.engine.quiz import draw_questions
from trainer.engine.session import Session
from trainer.engine.turns import Speaker
from trainer.store.attempts import finish_attempt, record_turn, start_attempt
from trainer.store.database import Store
from trainer.store.exams import grant_retake
from trainer.store.mentors import add_mentor
from trainer.store.models import Trainee
from trainer.store.reviews import add_note
from trainer.ui.app import TrainerApp, make_app
from trainer.ui.modals.confirm import ConfirmModal
from trainer.ui.modals.hang_up import HangUpModal
from trainer.ui.modals.save_certificate import SaveCertificateModal
from trainer.ui.routes import programme as programme_routes
from trainer.ui.screens.briefing import BriefingScreen
from trainer.ui.screens.call import CallScreen
from trainer.ui.screens.catalogue import CatalogueScreen
from trainer.ui.screens.certificate import CertificateScreen
from trainer.ui.screens.company import CompanyScreen
from trainer.ui.screens.home import HomeScreen
from trainer.ui.screens.quiz import QuizScreen
from trainer.ui.screens.quiz_intro import QuizIntroScreen
from trainer.ui.screens.quiz_result import QuizResultScreen
from trainer.ui.screens.scorecard import ScorecardScreen
from trainer.ui.screens.transcript import TranscriptScreen
from trainer.ui.widgets.choice_list import ChoiceList

SIZE = (100, 30)
Build = Callable[..., TrainerApp]


@pytest.fixture
def build(bundled: ContentSet, store: Store) -> Build:
    """The app over the bundled content (with its programme), no typing pause, frozen clock."""

    def make(seed: int = 7) -> TrainerApp:
        return make_app(
            bundled, store.path, typing_delay=0, clock=frozen_clock, seeds=random.Random(seed)
        )

    return make


def programme_row(pilot: Pilot[int], option_id: str) -> str:
    programme = pilot.app.screen.query_one("#programme", OptionList)
    return shown_text_of(programme.get_option(option_id).prompt)


def shown_text_of(prompt: object) -> str:
    static = Static(prompt)  # type: ignore[arg-type]
    return shown_text(static)


async def pick(pilot: Pilot[int], option_id: str) -> None:
    """Highlight a home option by id and press Enter on it."""
    programme = pilot.app.screen.query_one("#programme", OptionList)
    programme.focus()
    programme.highlighted = programme.get_option_index(option_id)
    await pilot.press("enter")
    await pilot.pause()


async def reload_home(pilot: Pilot[int]) -> None:
    home = pilot.app.screen
    assert isinstance(home, HomeScreen)
    home.reload()
    await pilot.pause()


def seed_asking_first(content: ContentSet, quiz_id: str, item_type: str) -> int:
    """An app seed whose first quiz attempt asks an item of `item_type` first (the app draws one
    seed per quiz from its Random), so a test reaches that item with one key press."""
    quiz = content.quizzes[quiz_id]
    for seed in range(1000):
        drawn = draw_questions(quiz, random.Random(seed).randrange(1, 2**31))
        if drawn[0].type.value == item_type:
            return seed
    raise AssertionError(f"no seed asks a {item_type} item first")


def exam_id(content: ContentSet) -> str:
    assert content.programme is not None and content.programme.exam.exam_scenario is not None
    return content.programme.exam.exam_scenario


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
        assert "LOCKED" in stage_3 and "(best so far 52.2%, needs 80%)" in stage_3
        take_quiz(store, ann.id, product.quiz)
        await reload_home(pilot)
        assert "OPEN" in programme_row(pilot, "stage:3")
        assert "Passed 0 of 3 distinct scenarios needed" in programme_row(pilot, "stage:3")
        await pick(pilot, first_call)
        assert isinstance(app.screen, BriefingScreen)
        await pilot.press("escape")
        # the exam waits for three distinct practice scenarios; passing one twice counts once
        pass_practice(store, ann.id, sales.practice_scenarios[:2] * 2)
        await reload_home(pilot)
        assert "Passed 2 of 3 distinct scenarios needed" in programme_row(pilot, "stage:3")
        assert "pass 1 more practice scenario" in programme_row(pilot, "stage:4")
        await pick(pilot, exam)
        assert isinstance(app.screen, HomeScreen)
        pass_practice(store, ann.id, sales.practice_scenarios[2:3])
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
        assert "Calls made 3" in log and "deals won 3" in log
        assert "applications 0" in log and "meetings booked 0" in log and "hang-ups 0" in log


async def test_the_palette_obeys_the_same_locks(build: Build, ann: Trainee) -> None:
    app = build()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await palette(pilot, "quiz: prod")
        assert isinstance(app.screen, HomeScreen)
        assert "Knowing what you sell opens once you" in notices(pilot)[-1]
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
            assert f"Question {question.number} of 12" in shown_text(
                quiz_screen.query_one("#quiz-progress", Static)
            )
            right = question.number != 1  # the first one wrong, to see "Not quite"
            await answer_by_keys(pilot, question, right=right)
            feedback = shown_text(quiz_screen.query_one("#feedback", Static))
            assert feedback.startswith("✓ Correct" if right else "✗ Not quite"), feedback
            assert question.item.explanation.split()[0] in feedback
            next_button = quiz_screen.query_one("#next", Button)
            assert next_button.display and next_button.has_focus
            await pilot.press("enter")
        result = app.screen
        assert isinstance(result, QuizResultScreen)
        verdict = shown_text(result.query_one("#quiz-verdict", Static))
        assert verdict.startswith("PASSED") and "11 of 12 points" in verdict
        assert "Stage 2, Knowing what you sell, is open now." in screen_text(pilot)
    stored = rows(
        db_path,
        "SELECT a.content_id, a.seed, a.status, count(q.item_id), sum(q.correct) "
        "FROM attempts a JOIN quiz_answers q ON q.attempt_id = a.id GROUP BY a.id",
    )
    assert stored == [("company_intro", quiz_screen.seed, "completed", 12, 11)]
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
        await pilot.press(*"ten", "enter")
        assert notices(pilot)[-1].startswith("That is not a number.")
        assert "'" not in notices(pilot)[-1]  # no item id
        assert quiz_screen.query_one("#answer-input", Input).value == "ten"


# -- the exam ------------------------------------------------------------------------------------


async def start_exam(pilot: Pilot[int], content: ContentSet) -> None:
    """From home: the exam's briefing, Enter, and yes to the confirmation."""
    await pick(pilot, f"scenario:{exam_id(content)}")
    assert isinstance(pilot.app.screen, BriefingScreen)
    await pilot.press("enter")
    assert isinstance(pilot.app.screen, ConfirmModal)
    assert "uses one of your exam attempts (2 of 2 left)" in screen_text(pilot)
    await pilot.press("y")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CallScreen)


async def test_an_exam_attempt_counts_once_started_even_if_the_trainee_quits(
    build: Build, bundled: ContentSet, store: Store, ann: Trainee, db_path: Path
) -> None:
    unlock_stage(store, ann.id, bundled, 4)
    app = build()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await pick(pilot, f"scenario:{exam_id(bundled)}")
        await pilot.press("enter", "n")  # not now: nothing is used
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
        assert rows(db_path, "SELECT count(*) FROM attempts WHERE kind = 'exam'") == [(0,)]
        await pilot.press("escape")
        await start_exam(pilot, bundled)
        assert rows(db_path, "SELECT status FROM attempts WHERE kind = 'exam'") == [
            ("in-progress",)
        ]
        await pilot.press("1")
        await pilot.pause()
    # the app closed mid-exam (as ctrl+q does): the attempt is used
    assert rows(db_path, "SELECT status FROM attempts WHERE kind = 'exam'") == [("abandoned",)]
    app = build()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        assert "1 of 2 attempts left" in programme_row(pilot, f"scenario:{exam_id(bundled)}")
        await pick(pilot, f"scenario:{exam_id(bundled)}")
        await pilot.press("enter")
        assert "(1 of 2 left)" in screen_text(pilot)
        await pilot.press("y")
        await pilot.pause()
        await pilot.press("escape")  # hanging up counts too
        assert isinstance(app.screen, HangUpModal)
        await pilot.press("y")
        await pilot.pause()
        await pilot.press("enter")  # the scorecard
        await pilot.pause()
        assert isinstance(app.screen, ScorecardScreen)
        await pilot.press("r")  # no attempt left: retrying is refused
        await pilot.pause()
        assert isinstance(app.screen, ScorecardScreen)
        assert "a mentor must grant a retake" in notices(pilot)[-1]
    assert rows(db_path, "SELECT status, outcome FROM attempts WHERE kind = 'exam'") == [
        ("abandoned", None),
        ("completed", "lost"),
    ]


async def test_two_failed_attempts_lock_the_exam_until_a_mentor_grants_a_retake(
    build: Build, bundled: ContentSet, store: Store, ann: Trainee
) -> None:
    unlock_stage(store, ann.id, bundled, 4)
    use_exam_attempt(store, ann.id, bundled, passed=False)
    use_exam_attempt(store, ann.id, bundled, passed=False)
    exam = f"scenario:{exam_id(bundled)}"
    app = build()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        stage = programme_row(pilot, "stage:4")
        assert "LOCKED" in stage and "a mentor must grant a retake" in stage
        assert "locked" in programme_row(pilot, exam)
        await pick(pilot, exam)
        assert isinstance(app.screen, HomeScreen)
        assert notices(pilot)[-1] == (
            "The final exam is locked: all 2 exam attempts are used; a mentor must grant a retake."
        )
        programme_routes.show_briefing(
            app.router, exam_id(bundled)
        )  # even from a briefing, the call does not start
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmModal | CallScreen)
        await pilot.press("escape")
        add_mentor(store, "Maria Senior", "a long passphrase")
        grant_retake(store, ann.id, "Maria Senior", "We went through the first two calls.")
        await reload_home(pilot)
        assert "OPEN" in programme_row(pilot, "stage:4")
        assert "1 of 3 attempts left" in programme_row(pilot, exam)
        await pick(pilot, exam)
        assert isinstance(app.screen, BriefingScreen)
        await pilot.press("enter")
        assert isinstance(app.screen, ConfirmModal)
        assert "(1 of 3 left)" in screen_text(pilot)


async def test_the_exam_review_never_shows_the_key(
    build: Build, bundled: ContentSet, store: Store, ann: Trainee
) -> None:
    """After an exam, neither the scorecard nor the transcript shows a reply the trainee did
    not choose, the points of a reply, or a hint."""
    unlock_stage(store, ann.id, bundled, 4)
    app = build()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await start_exam(pilot, bundled)
        call = app.screen
        assert isinstance(call, CallScreen) and call.session is not None
        session = call.session
        scenario = session.scenario  # the variant drawn
        while not session.ended:  # a middling trainee: the second reply when there is one
            options = session.options()
            await pilot.press(str(2 if len(options) > 1 else 1))
            await pilot.pause()
        chosen = {turn.reply for turn in session.turns if turn.speaker is Speaker.TRAINEE}
        visited = {turn.node for turn in session.turns}
        unchosen = [
            reply
            for node_id in visited
            for reply in scenario.nodes[node_id].replies
            if reply.id and f"{node_id}/{reply.id}" not in chosen
        ]
        hints = [
            scenario.nodes[node_id].hint for node_id in visited if scenario.nodes[node_id].hint
        ]
        assert unchosen and hints
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ScorecardScreen)
        scorecard = screen_text(pilot)
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TranscriptScreen)
        transcript = screen_text(pilot)
        for shown in (scorecard, transcript):
            flat = " ".join(shown.split())
            for reply in unchosen:
                rendered = " ".join(session.render(reply.text).split())
                assert rendered not in flat, reply.id
            for hint in hints:
                assert " ".join(session.render(hint).split()) not in flat
            assert "Hint" not in shown and "+" not in shown  # no points per reply


async def test_passing_the_exam_shows_the_certificate_and_saves_it(
    build: Build,
    bundled: ContentSet,
    store: Store,
    ann: Trainee,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    unlock_stage(store, ann.id, bundled, 4)
    use_exam_attempt(store, ann.id, bundled, passed=True)
    monkeypatch.chdir(tmp_path)
    app = build()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        assert app.screen.query_one("#cleared", Static).display
        assert "DONE" in programme_row(pilot, "stage:4")
        await pick(pilot, "certificate:")
        certificate = app.screen
        assert isinstance(certificate, CertificateScreen)
        shown = screen_text(pilot)
        assert "Ann Lee" in shown and "is cleared to work with real clients." in shown
        assert "with a score of 88%" in shown
        await pilot.press("s")
        assert isinstance(app.screen, SaveCertificateModal)
        await pilot.press("enter")  # the suggested file, in the current directory
        await pilot.pause()
        markdown = tmp_path / "certificate-ann-lee.md"
        assert notices(pilot)[-1] == f"Saved to {markdown}"
        text = markdown.read_text()
        assert text.startswith("# Certificate: Northline onboarding programme")
        assert "**Ann Lee** is cleared to work with real clients." in text
        await pilot.press("s")
        app.screen.query_one("#save-path", Input).value = str(tmp_path / "ann.txt")
        await pilot.press("enter")
        await pilot.pause()
        plain = (tmp_path / "ann.txt").read_text()
        assert plain.startswith("CERTIFICATE: ") and "Ann Lee is cleared" in plain
        assert "**" not in plain
        await pilot.press("s", "enter")  # the same file again: asks before replacing it
        await pilot.pause()
        assert "exists: press Enter again to replace it" in screen_text(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CertificateScreen)
        # a passed exam cannot be taken again
        await pilot.press("escape")
        await pick(pilot, f"scenario:{exam_id(bundled)}")
        assert isinstance(app.screen, HomeScreen)
        assert "You have passed the final exam" in notices(pilot)[-1]


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
