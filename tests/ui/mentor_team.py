"""The mentor tests' world: a team seeded through the store, the app over it, a mentor's moves.

The seed: Ann took the product quiz twice and made three calls (the best path, a typed opening
with a `<script>` in it, and a pushy one the client hung up on); Bob's three pushy calls were
hung up ten days ago (stalled, repeated hang-ups); Cy used both exam attempts and failed.
"""

from __future__ import annotations

import dataclasses
import io
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from textual.command import CommandList
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, OptionList, Static

from tests.store.test_quizzes import QUIZ, RIGHT
from tests.ui.conftest import frozen_clock
from trainer.content.content_set import ContentSet
from trainer.content.programme import Programme, Stage, StageKey
from trainer.engine.quiz import QuizAttempt
from trainer.engine.session import Session
from trainer.engine.turns import Mode
from trainer.store import mentors
from trainer.store.attempts import finish_attempt, record_turn, start_attempt
from trainer.store.database import Store
from trainer.store.mentors import add_mentor
from trainer.store.quizzes import finish_quiz_attempt, record_answer, start_quiz_attempt
from trainer.store.trainees import add_trainee, get_trainee
from trainer.ui.app import TrainerApp, make_app
from trainer.ui.screens.mentor_base import MentorScreen
from trainer.ui.screens.mentor_sign_in import MentorSignInScreen
from trainer.ui.screens.mentor_trainee import MentorTraineeScreen
from trainer.ui.screens.mentor_trainees import MentorTraineesScreen
from trainer.ui.screens.mentor_transcript import MentorTranscriptScreen

MENTOR = "Maria Head"
PASSPHRASE = "correct horse battery"
SIZE = (110, 36)
EXAM = "final_call"
TYPED = "<script>alert(1)</script> Hello Ivan, this is Ann from Northline"

PROGRAMME = Programme(
    title="Mini programme",
    stages=(
        Stage(StageKey.INTRODUCTION, "Introduction"),
        Stage(StageKey.PRODUCT, "Product", quiz=QUIZ),
        Stage(StageKey.SALES, "Sales", practice_scenarios=("first_call",), pass_scenarios=1),
        Stage(StageKey.EXAM, "Exam", exam_scenario=EXAM, exam_title="Close", exam_attempts=2),
    ),
    path=Path("programme.yaml"),
)


def cheap_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """A mentor's scrypt at a test's cost; the stored parameters make verification match it."""
    monkeypatch.setattr(mentors, "SCRYPT_N", 2**10)


def with_programme(content: ContentSet) -> ContentSet:
    """The mini content with the product quiz, an exam (the first call, played as one) and a
    programme around them."""
    first_call = content.scenario("first_call")
    exam = dataclasses.replace(
        first_call, id=EXAM, title="The final call", stage=4, exam=True, digest="exam-digest"
    )
    return dataclasses.replace(
        content,
        scenarios={**content.scenarios, EXAM: exam},
        quizzes={QUIZ.id: QUIZ},
        programme=PROGRAMME,
    )


# -- the seed --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Team:
    ann: int
    bob: int
    cy: int
    ann_quizzes: tuple[str, str]  # the 50% one, then the 100% one
    ann_best: str  # intro, ask, meet: a meeting booked
    ann_typed: str  # typed opening, ask, send: lost
    ann_pushy: str  # push, push_again: hung up
    cy_exams: tuple[str, str]


def move(store: Store, attempt_id: str, moment: datetime) -> None:
    """Set when an attempt started and ended (the tests of idle trainees and of snapshots)."""
    stamp = moment.isoformat(timespec="microseconds")
    store.conn.execute(
        "UPDATE attempts SET started_at = ?, ended_at = ? WHERE id = ?", (stamp, stamp, attempt_id)
    )
    # Its turns move with it: written inside the attempt's time, as the integrity check wants.
    store.conn.execute("UPDATE turns SET created_at = ? WHERE attempt_id = ?", (stamp, attempt_id))


def play(
    store: Store,
    content: ContentSet,
    trainee_id: int,
    moves: list[str],
    *,
    started: datetime,
    exam: bool = False,
) -> str:
    """Play the mini scenario with the real engine (`say:` types words) and store every turn."""
    scenario = content.scenario(EXAM if exam else "first_call")
    mode = Mode.EXAM if exam else Mode.PRACTICE
    # As the app plays it: with the trainee's own name (lines say it; a replay gives it back).
    name = get_trainee(store, trainee_id).name
    session = Session(content, scenario, mode=mode, seed=7, trainee=name)
    try:
        for step in moves:
            if step.startswith("say:"):
                session.say(step.removeprefix("say:"))
            else:
                session.choose(step)
        attempt = start_attempt(
            store,
            trainee_id,
            kind="exam" if exam else "call",
            content_id=scenario.id,
            content_hash=scenario.digest,
            seed=session.seed,
            mode=mode.value,
            persona_id=session.persona.id,
        )
        for turn in session.turns:
            record_turn(store, attempt.id, turn)
        finish_attempt(store, attempt.id, session.score())
    finally:
        session.close()
    move(store, attempt.id, started)
    return attempt.id


def quiz(store: Store, trainee_id: int, *, wrong: set[str], started: datetime) -> str:
    """Answer the product quiz, the items in `wrong` wrongly, and store it."""
    attempt = QuizAttempt(QUIZ, 5, clock=frozen_clock)
    stored = start_quiz_attempt(
        store, trainee_id, quiz_id=QUIZ.id, content_hash=QUIZ.digest, seed=attempt.seed
    )
    wrong_answers = {"box": "b", "ships": "9", "warranty": False, "terms": "nowhere"}
    for question in attempt.questions:
        given = wrong_answers if question.id in wrong else RIGHT
        record_answer(store, stored.id, attempt.answer(question, given[question.id]))
    finish_quiz_attempt(store, stored.id, attempt.finish())
    move(store, stored.id, started)
    return stored.id


def seed_team(store: Store, content: ContentSet, now: datetime) -> Team:
    """The mentor, three trainees and their history (times relative to `now`)."""
    add_mentor(store, MENTOR, PASSPHRASE)
    ann = add_trainee(store, "Ann Lee").id
    bob = add_trainee(store, "Bob Stone").id
    cy = add_trainee(store, "Cy [bold]Dee[/bold]").id
    day = timedelta(days=1)
    quizzes = (
        quiz(store, ann, wrong={"box", "ships"}, started=now - 3 * day),
        quiz(store, ann, wrong=set(), started=now - 3 * day + timedelta(hours=1)),
    )
    # Everyone knows the warranty: an item too easy to tell strong trainees from weak ones.
    quiz(store, bob, wrong={"box", "ships", "terms"}, started=now - 11 * day)
    quiz(store, cy, wrong={"box"}, started=now - 3 * day)
    quiz(store, cy, wrong={"ships", "terms"}, started=now - 3 * day)
    best = play(store, content, ann, ["intro", "ask", "meet"], started=now - 2 * day)
    typed = play(
        store, content, ann, [f"say:{TYPED}", "ask", "send"], started=now - 2 * day + day / 4
    )
    pushy = play(store, content, ann, ["push", "push_again"], started=now - day)
    for hours in (1, 2, 3):
        play(
            store,
            content,
            bob,
            ["push", "push_again"],
            started=now - 10 * day + timedelta(hours=hours),
        )
    exams = tuple(
        play(store, content, cy, ["push", "sorry", "pitch", "send"], started=now - day, exam=True)
        for _ in range(2)
    )
    return Team(ann, bob, cy, quizzes, best, typed, pushy, (exams[0], exams[1]))


def build(content: ContentSet, store: Store, *, mentor: bool = True) -> TrainerApp:
    return make_app(
        content,
        store.path,
        typing_delay=0,
        clock=frozen_clock,
        seeds=random.Random(7),
        mentor=mentor,
    )


# -- what a mentor sees and does -------------------------------------------------------------------


def text_of(renderable: Any, width: int = 200) -> str:
    """What a renderable shows, as plain text."""
    console = Console(width=width, file=io.StringIO(), record=True, color_system=None)
    console.print(renderable)
    return console.export_text()


def shown(static: Static) -> str:
    return text_of(static.content)


async def settle(pilot: Pilot[Any]) -> None:
    """Let the workers finish and their messages land."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def type_into(pilot: Pilot[Any], selector: str, text: str) -> None:
    """Fill an input of the screen on top (typing is slow in a test) and press Enter in it."""
    field = pilot.app.screen.query_one(selector, Input)
    field.value = text
    field.focus()
    await pilot.press("enter")
    await pilot.pause()


async def give_passphrase(pilot: Pilot[Any], passphrase: str) -> None:
    screen = pilot.app.screen
    assert isinstance(screen, MentorSignInScreen)
    screen.query_one("#mentor-passphrase", Input).value = passphrase
    screen.query_one("#mentor-passphrase", Input).focus()
    await pilot.press("enter")
    await settle(pilot)


async def sign_in_as_mentor(pilot: Pilot[Any]) -> MentorTraineesScreen:
    await give_passphrase(pilot, PASSPHRASE)
    screen = pilot.app.screen
    assert isinstance(screen, MentorTraineesScreen)
    return screen


def table_rows(table: DataTable[Any]) -> list[list[str]]:
    return [[text_of(cell).strip() for cell in table.get_row_at(n)] for n in range(table.row_count)]


def mentor_screens(app: TrainerApp) -> list[MentorScreen]:
    return [screen for screen in app.screen_stack if isinstance(screen, MentorScreen)]


async def palette_entries(pilot: Pilot[Any], query: str = "") -> list[str]:
    """Open the command palette, type `query`, and read every entry it offers; then close it."""
    await pilot.press("ctrl+p", *query)
    counts = []
    for _ in range(60):  # the palette searches in the background
        await pilot.pause(0.05)
        found = pilot.app.screen.query(CommandList)
        counts.append(found.first(CommandList).option_count if found else 0)
        if len(counts) > 6 and len(set(counts[-6:])) == 1:  # settled, perhaps on nothing
            break
    command_list = pilot.app.screen.query_one(CommandList)
    entries = [  # each entry's name, without its help line
        str(command_list.get_option_at_index(n).prompt).split("\n")[0]
        for n in range(command_list.option_count)
    ]
    await pilot.press("escape")
    await pilot.pause()
    return entries


async def open_trainee(pilot: Pilot[Any], name: str) -> MentorTraineeScreen:
    screen = pilot.app.screen
    assert isinstance(screen, MentorTraineesScreen)
    table = screen.query_one("#trainees-table", DataTable)
    names = [row[0].removesuffix(" ⚑") for row in table_rows(table)]  # ⚑: flagged, narrow
    table.move_cursor(row=names.index(name))
    await pilot.press("enter")
    await settle(pilot)
    trainee = pilot.app.screen
    assert isinstance(trainee, MentorTraineeScreen)
    return trainee


async def open_attempt(pilot: Pilot[Any], attempt_id: str) -> MentorTranscriptScreen:
    screen = pilot.app.screen
    assert isinstance(screen, MentorTraineeScreen)
    table = screen.query_one("#attempts-table", DataTable)
    table.move_cursor(row=table.get_row_index(attempt_id))
    await pilot.press("enter")
    await pilot.pause()
    transcript = pilot.app.screen
    assert isinstance(transcript, MentorTranscriptScreen)
    return transcript


def turn_text(screen: MentorTranscriptScreen, index: int) -> str:
    option = screen.query_one("#mentor-turns", OptionList).get_option(f"turn:{index}")
    return text_of(option.prompt, 120)


async def highlight_turn(pilot: Pilot[Any], screen: MentorTranscriptScreen, index: int) -> None:
    turns = screen.query_one("#mentor-turns", OptionList)
    turns.highlighted = turns.get_option_index(f"turn:{index}")
    await pilot.pause()


# -- fixtures for the mentor's screens, imported by their test modules -------------------------


@pytest.fixture(autouse=True)
def cheap_mentor_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    cheap_hashing(monkeypatch)


@pytest.fixture(scope="session")
def programme_content(content: ContentSet) -> ContentSet:
    return with_programme(content)


@pytest.fixture
def team(store: Store, programme_content: ContentSet) -> Team:
    return seed_team(store, programme_content, datetime.now(UTC))


@pytest.fixture
def app(programme_content: ContentSet, store: Store, team: Team) -> TrainerApp:
    """The app as `trainer mentor` opens it, over the seeded team."""
    return build(programme_content, store)
