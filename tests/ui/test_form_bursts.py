"""Every form takes a fast typist's keys in the order typed: Tab, Enter, Backspace and arrows read
in one burst act where they were meant, before the keys after them."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input

from tests.ui.conftest import (
    AppFactory,
    Build,
    frozen_clock,
    pick,
    rows,
    sign_in,
    unlock_stage,
    use_exam_attempt,
)
from tests.ui.mentor_team import cheap_hashing, settle
from tests.ui.test_quiz_units import QUIZ, seed_asking_business_days_first
from tests.ui.test_worklog import cleared, home, work_log
from trainer.content.content_set import ContentSet
from trainer.store.database import Store
from trainer.store.mentors import add_mentor
from trainer.store.models import Trainee
from trainer.store.trainees import add_trainee
from trainer.ui.app import make_app
from trainer.ui.modals.save_certificate import SaveCertificateModal
from trainer.ui.screens.certificate import CertificateScreen
from trainer.ui.screens.home import HomeScreen
from trainer.ui.screens.mentor_sign_in import MentorSignInScreen
from trainer.ui.screens.mentor_trainees import MentorTraineesScreen
from trainer.ui.screens.quiz import QuizScreen

SIZE = (80, 24)
CHARACTERS = {"tab": "\t", "enter": "\r", "space": " ", "backspace": "\x7f", "ctrl+s": "\x13"}


async def burst(pilot: Pilot[int], *keys: str) -> None:
    """Keys queued to the app before it has handled the first, as one terminal read hands
    them over: `typed("ab")` for text, key names for the rest."""
    for key in keys:
        character = CHARACTERS.get(key, key if len(key) == 1 else None)
        pilot.app.post_message(events.Key(key, character))
    await pilot.pause()
    await pilot.pause()


def typed(text: str) -> list[str]:
    return ["space" if character == " " else character for character in text]


def box(pilot: Pilot[int], selector: str) -> str:
    return pilot.app.screen.query_one(selector, Input).value


@pytest.fixture
def logging_trainee(bundled: ContentSet, store: Store, ann: Trainee) -> Trainee:
    """Ann, with the exam passed: the work log is open to her."""
    cleared(store, ann, bundled)
    return ann


async def test_work_log_tab_in_a_burst_moves_before_the_next_digits(
    logging_trainee: Trainee, build: Build, db_path: Path
) -> None:
    app = build()
    async with app.run_test(size=SIZE) as pilot:
        await home(pilot)
        await work_log(pilot)
        await burst(pilot, "1", "2", "tab", "2", "ctrl+s")
        assert isinstance(app.screen, HomeScreen)
    assert rows(db_path, "SELECT calls, meetings, applications FROM work_entries") == [(12, 2, 0)]


async def test_work_log_tab_shift_tab_backspace_and_enter_land_in_their_boxes(
    logging_trainee: Trainee, build: Build, db_path: Path
) -> None:
    app = build()
    async with app.run_test(size=SIZE) as pilot:
        await home(pilot)
        form = await work_log(pilot)
        await burst(pilot, "3", "tab", "4", "tab", "5")
        assert [box(pilot, f"#count-{kind}") for kind in ("calls", "meetings", "applications")] == [
            "3",
            "4",
            "5",
        ]
        assert app.focused is form.query_one("#count-applications")
        # Back to Meetings (its 4 selected, as on any focus): Backspace clears it, 6 is typed.
        await burst(pilot, "shift+tab", "backspace", "6", "enter", "7", "9", "backspace", "enter")
        assert [box(pilot, f"#count-{kind}") for kind in ("calls", "meetings", "applications")] == [
            "3",
            "6",
            "7",
        ]
        assert app.focused is form.query_one("#count-proposals")
        assert rows(db_path, "SELECT count(*) FROM work_entries") == [(0,)]


@pytest.fixture
def olga(store: Store, monkeypatch: pytest.MonkeyPatch) -> str:
    cheap_hashing(monkeypatch)
    add_mentor(store, "Olga Sidorova", "correct horse 9")
    return "Olga Sidorova"


def failed_mentor_sign_ins(db_path: Path) -> list[tuple[object, ...]]:
    return rows(db_path, "SELECT name, failed_attempts FROM mentors")


async def test_the_only_mentor_signs_in_with_name_tab_passphrase_in_one_burst(
    olga: str, ann: Trainee, make: AppFactory, db_path: Path
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        assert isinstance(app.screen, MentorSignInScreen)
        await burst(pilot, *typed(olga), "tab", *typed("correct horse 9"), "enter")
        await settle(pilot)
        assert isinstance(app.screen, MentorTraineesScreen)
    assert failed_mentor_sign_ins(db_path) == [(olga, 0)]


async def test_a_passphrase_corrected_with_backspace_in_a_burst_signs_in(
    olga: str, ann: Trainee, make: AppFactory, db_path: Path
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        keys = ["tab", "x", "y", "z", "backspace", "backspace", "backspace"]
        await burst(pilot, *keys, *typed("correct horse 9"), "enter")
        await settle(pilot)
        assert isinstance(app.screen, MentorTraineesScreen)
    assert failed_mentor_sign_ins(db_path) == [(olga, 0)]


async def test_a_space_in_the_passphrase_is_typed_never_a_button_press(
    olga: str, ann: Trainee, make: AppFactory, db_path: Path
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        screen = app.screen
        # Typed straight away, as a mentor alone might: the name box (selected) takes it.
        await burst(pilot, *typed("Olga Sidorova"), "tab", *typed("wrong horse"))
        await settle(pilot)
        assert app.screen is screen
        assert box(pilot, "#mentor-name") == olga
        assert box(pilot, "#mentor-passphrase") == "wrong horse"
    assert failed_mentor_sign_ins(db_path) == [(olga, 0)]


async def test_a_pin_corrected_with_backspace_in_a_burst_signs_in(
    ann: Trainee, store: Store, make: AppFactory
) -> None:
    add_trainee(store, "Pat Lin", "4711")
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "enter")  # Pat Lin, after Ann Lee
        await burst(pilot, "4", "7", "9", "backspace", "1", "1", "enter")
        assert isinstance(app.screen, HomeScreen)


async def test_add_yourself_with_enter_between_the_boxes_in_one_burst(
    make: AppFactory, db_path: Path
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await burst(pilot, *typed("Dana Kirk"), "enter", *typed("1234"), "enter")
        assert isinstance(app.screen, HomeScreen)
    ((name, pin_hash),) = rows(db_path, "SELECT name, pin_hash FROM trainees")
    assert name == "Dana Kirk" and pin_hash and "1234" not in str(pin_hash)


async def test_a_quiz_answer_corrected_with_backspace_in_a_burst_is_marked_as_typed(
    build: Build, bundled: ContentSet, store: Store, ann: Trainee, db_path: Path
) -> None:
    unlock_stage(store, ann.id, bundled, 2)
    app = build(seed_asking_business_days_first(bundled))
    async with app.run_test(size=(100, 30)) as pilot:
        await sign_in(pilot)
        await pick(pilot, f"quiz:{QUIZ}")
        await pilot.press("enter")
        await pilot.pause()
        quiz = app.screen
        assert isinstance(quiz, QuizScreen) and quiz.attempt is not None
        item = quiz.attempt.questions[0].item
        assert item.value is not None
        await burst(pilot, "9", "backspace", *typed(f"{item.value:g} days"), "enter")
    assert rows(db_path, "SELECT answer, correct FROM quiz_answers WHERE item_id = ?", item.id) == [
        (f"{item.value:g}", 1)
    ]


async def test_served_sign_in_name_enter_pin_with_backspace_in_one_burst(
    content: ContentSet, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    cheap_hashing(monkeypatch)
    add_trainee(store, "Pia Pin", pin="2468")
    app = make_app(
        content, store.path, typing_delay=0, clock=frozen_clock, seeds=random.Random(7), served=True
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await burst(
            pilot, *typed("Pia Pin"), "enter", "2", "4", "7", "backspace", "6", "8", "enter"
        )
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.trainee is not None and app.trainee.name == "Pia Pin"


async def test_a_certificate_path_corrected_with_backspace_in_a_burst_is_saved_there(
    build: Build, store: Store, ann: Trainee, bundled: ContentSet, tmp_path: Path
) -> None:
    unlock_stage(store, ann.id, bundled, 4)
    use_exam_attempt(store, ann.id, bundled, passed=True)
    target = tmp_path / "ann.html"
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await sign_in(pilot)
        await pick(pilot, "certificate:")
        assert isinstance(app.screen, CertificateScreen)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SaveCertificateModal)
        # The suggested path is selected: typing replaces it.
        await burst(pilot, *typed(str(target)[:-4]), "x", "backspace", *typed("html"), "enter")
        assert not isinstance(app.screen, SaveCertificateModal)
    assert target.is_file() and "Ann Lee" in target.read_text(encoding="utf-8")
