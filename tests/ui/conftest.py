"""UI fixtures: the mini and bundled content, a real database in tmp_path, the app over them, and
history seeded through the store so a test can start at any stage of the programme."""

from __future__ import annotations

import functools
import io
import random
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest
from rich.console import Console
from textual.content import Content
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static

from tests.conftest import MINI
from trainer.content.content_set import ContentSet
from trainer.content.loader import load_content, validate
from trainer.content.paths import bundled_content_dir
from trainer.content.programme import Stage, StageKey
from trainer.content.quiz.model import ItemType, Quiz
from trainer.engine.quiz import Question, QuizAttempt
from trainer.services import calls
from trainer.store.attempts import abandon_attempt, finish_attempt, start_attempt
from trainer.store.database import Store
from trainer.store.exams import start_exam_attempt
from trainer.store.models import Trainee
from trainer.store.quizzes import finish_quiz_attempt, record_answer, start_quiz_attempt
from trainer.store.trainees import add_trainee
from trainer.ui.app import TrainerApp, make_app
from trainer.ui.screens.call import CallScreen
from trainer.ui.screens.home import HomeScreen

AppFactory = Callable[[], TrainerApp]


def frozen_clock() -> float:
    """A clock that never moves, so the call timer always reads 00:00."""
    return 0.0


@pytest.fixture(scope="session")
def content() -> ContentSet:
    return load_content(MINI)


@pytest.fixture
def make(content: ContentSet, store: Store) -> AppFactory:
    """Build the app as the CLI does, without the typing pause and with a frozen clock and seed."""

    def build() -> TrainerApp:
        return make_app(
            content, store.path, typing_delay=0, clock=frozen_clock, seeds=random.Random(7)
        )

    return build


def rows(db_path: Path, sql: str, *parameters: object) -> list[tuple[object, ...]]:
    """Read the database file directly, as a mentor's tool would."""
    with sqlite3.connect(db_path) as conn:
        return conn.execute(sql, parameters).fetchall()


async def sign_up(pilot: Pilot[int], name: str) -> None:
    """Add a trainee through the sign-in screen, as a person would."""
    await pilot.press("a")
    pilot.app.screen.query_one("#name-input", Input).value = name
    await pilot.press("enter", "enter")  # to the PIN field, then add without a PIN
    await pilot.pause()


@pytest.fixture
def ann(store: Store) -> Trainee:
    """A trainee already signed up, without a PIN."""
    return add_trainee(store, "Ann Lee")


async def sign_in(pilot: Pilot[int]) -> None:
    """Pick the first name on the sign-in list."""
    await pilot.press("enter")
    await pilot.pause()


async def start_call(pilot: Pilot[int]) -> CallScreen:
    """From home: open the first scenario of the programme and start the call; its screen."""
    await pilot.press("enter")  # the briefing
    await pilot.press("enter")  # start
    await pilot.pause()
    call = pilot.app.screen
    assert isinstance(call, CallScreen)
    return call


# -- the programme's history, seeded through the store's own functions --------------------------


@dataclass(frozen=True)
class SeededScore:
    """A call's result as `finish_attempt` takes it, for history the tests do not play by keys."""

    outcome: str = "deal"
    percent: float = 90.0
    passed: bool = True
    skills: tuple[object, ...] = ()


def right_answer(question: Question) -> object:
    """What a trainee who knows the catalogue answers."""
    item = question.item
    if item.type is ItemType.SINGLE:
        return next(option.key for option in question.options if option.correct)
    if item.type is ItemType.MULTIPLE:
        return tuple(option.key for option in question.options if option.correct)
    if item.type is ItemType.TRUE_FALSE:
        return "true" if item.truth else "false"
    if item.type is ItemType.NUMERIC:
        return item.value
    return item.answers[0]


def take_quiz(store: Store, trainee_id: int, quiz: Quiz, *, right: int | None = None) -> str:
    """Store a completed attempt at `quiz` with the first `right` answers right (all: None) and
    the rest left unanswered; returns the attempt id."""
    attempt = QuizAttempt(quiz, 1, clock=frozen_clock)
    stored = start_quiz_attempt(
        store, trainee_id, quiz_id=quiz.id, content_hash=quiz.digest, seed=attempt.seed
    )
    for question in attempt.questions[:right]:
        record_answer(store, stored.id, attempt.answer(question, right_answer(question)))
    finish_quiz_attempt(store, stored.id, attempt.finish())
    return stored.id


@functools.cache
def _bundled_scenarios() -> dict[str, tuple[frozenset[str], str]]:
    """Each bundled scenario's success outcomes and file hash: a stored pass reaches the goal,
    played on the content in use (the gates and the mentor's marks judge both)."""
    return {
        scenario.id: (frozenset(outcome.value for outcome in scenario.success), scenario.digest)
        for scenario in load_content(bundled_content_dir()).scenarios.values()
    }


def pass_practice(store: Store, trainee_id: int, scenario_ids: Iterable[str]) -> None:
    """Store a passed practice call for each scenario, ended as a deal where that is its goal,
    else in a result the scenario counts as success."""
    for scenario_id in scenario_ids:
        goals, digest = _bundled_scenarios().get(scenario_id, (frozenset({"deal"}), "seeded"))
        outcome = "deal" if "deal" in goals else min(goals)
        attempt = start_attempt(
            store,
            trainee_id,
            kind="call",
            content_id=scenario_id,
            content_hash=digest,
            seed=1,
            mode="practice",
        )
        score = SeededScore(outcome=outcome)
        finish_attempt(store, attempt.id, score)  # type: ignore[arg-type]


def unlock_stage(store: Store, trainee_id: int, content: ContentSet, stage: int) -> None:
    """Store what it takes to open `stage` (2, 3 or 4) of the bundled programme."""
    programme = content.programme
    assert programme is not None
    if stage >= 2:
        intro = programme.stage(StageKey.INTRODUCTION).quiz
        assert intro is not None
        take_quiz(store, trainee_id, intro)
    if stage >= 3:
        product = programme.stage(StageKey.PRODUCT).quiz
        assert product is not None
        take_quiz(store, trainee_id, product)
    if stage >= 4:
        pass_practice(
            store, trainee_id, practice_that_opens_the_exam(programme.stage(StageKey.SALES))
        )


def practice_that_opens_the_exam(sales: Stage) -> tuple[str, ...]:
    """The fewest practice scenarios whose passes finish the sales stage: one of each kind of call
    it requires, then others up to the count."""
    kinds = [ids[0] for ids in sales.required_call_types.values()]
    others = [s for s in sales.practice_scenarios if s not in kinds]
    return (*kinds, *others[: max(0, sales.pass_scenarios - len(kinds))])


def use_exam_attempt(
    store: Store, trainee_id: int, content: ContentSet, *, passed: bool | None
) -> str:
    """Start an exam attempt as the app does; finish it passed or failed, or leave it (None)."""
    programme = content.programme
    assert programme is not None and programme.exam.exam_scenario is not None
    draw = calls.draw_exam(store, trainee_id, content, 1, programme.exam.exam_scenario)
    assert draw.scenario_id is not None, draw.refused
    attempt = start_exam_attempt(
        store,
        trainee_id,
        content_id=draw.scenario_id,
        content_hash=content.scenario(draw.scenario_id).digest,
        seed=draw.seed,
        allowed=programme.exam.exam_attempts,
        offered=draw.pool,
    )
    if passed is None:
        abandon_attempt(store, attempt.id)
    else:
        score = SeededScore(
            outcome="deal" if passed else "lost", percent=88.0 if passed else 40.0, passed=passed
        )
        finish_attempt(store, attempt.id, score)  # type: ignore[arg-type]
    return attempt.id


@pytest.fixture(scope="session")
def bundled() -> ContentSet:
    """The bundled content set, with its programme."""
    result = validate(bundled_content_dir())
    assert result.content is not None, [str(problem) for problem in result.errors]
    return result.content


def shown_text(widget: Widget, width: int = 120) -> str:
    """The plain text a widget shows (Rich tables and grids included), as a reader sees it."""
    rendered = widget.render()
    if isinstance(rendered, Content):
        return rendered.plain
    renderable = getattr(rendered, "_renderable", rendered)
    if isinstance(renderable, Content):
        return renderable.plain
    console = Console(width=width, record=True, file=io.StringIO(), color_system=None)
    console.print(renderable)
    return console.export_text()


def screen_text(pilot: Pilot[int]) -> str:
    """Everything the current screen shows in its Static widgets, scrolled off or not."""
    return "\n".join(shown_text(widget) for widget in pilot.app.screen.query(Static))


def notices(pilot: Pilot[int]) -> list[str]:
    """The notifications the app has shown so far (newest last)."""
    return [notification.message for notification in pilot.app._notifications]


async def answer_by_keys(pilot: Pilot[int], question: Question, *, right: bool = True) -> None:
    """Answer one quiz question as a trainee does: numbers, space and Enter, or typed text."""
    item = question.item
    numbers = [str(n) for n, option in enumerate(question.options, start=1) if option.correct]
    wrong = [str(n) for n, option in enumerate(question.options, start=1) if not option.correct]
    if item.type in (ItemType.SINGLE, ItemType.TRUE_FALSE):
        await pilot.press(numbers[0] if right else wrong[0])
    elif item.type is ItemType.MULTIPLE:
        picked = numbers if right else wrong[:1]
        await pilot.press(*picked, "enter")
    else:
        if item.type is ItemType.NUMERIC:
            text = item.value_text if right else "987654"
        else:
            text = item.answers[0] if right else "qwertyuiop"
        await pilot.press(*text, "enter")


# -- the programme over the bundled content --------------------------------------------------------


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


def exam_id(content: ContentSet) -> str:
    assert content.programme is not None and content.programme.exam.exam_scenario is not None
    return content.programme.exam.exam_scenario
