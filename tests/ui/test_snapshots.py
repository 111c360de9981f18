"""How the key screens look at 80x24. Review a changed snapshot with `pytest --snapshot-update`."""

from __future__ import annotations

import random
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.ui.conftest import frozen_clock, unlock_stage
from trainer.content.content_set import ContentSet
from trainer.store.database import Store
from trainer.store.trainees import add_trainee
from trainer.ui.app import TrainerApp, make_app
from trainer.ui.screens.quiz import QuizScreen

SIZE = (80, 24)
Snap = Callable[..., bool]


def build(content: ContentSet, store: Store) -> TrainerApp:
    return make_app(content, store.path, typing_delay=0, clock=frozen_clock, seeds=random.Random(7))


async def into_call(pilot: Pilot[Any]) -> None:
    await pilot.press("enter", "enter", "enter")  # sign in, open the scenario, start the call
    await pilot.pause()


def test_sign_in(snap_compare: Snap, content: ContentSet, store: Store) -> None:
    """The sign-in panel centred on the screen: the title "Call trainer" and its tagline, the list
    "Who is practising today?" with Ann Lee (highlighted), "Pia Pin (PIN)" and "+ Add yourself…",
    the help line ending "m is for mentors.", and the footer with "a Add yourself", "m Mentor",
    "^q Quit", "f1 Keys" and "^p palette"."""
    add_trainee(store, "Ann Lee")
    add_trainee(store, "Pia Pin", pin="1234")
    assert snap_compare(build(content, store), terminal_size=SIZE)


def test_call_in_practice(snap_compare: Snap, content: ContentSet, store: Store) -> None:
    """A practice call after the first reply: the header "Ivan Petrov, Office manager, Delta
    Logistics", a green PRACTICE badge and "Call 00:00" (frozen clock); the three meters
    (patience 40%, trust 40%, interest 30%); Ivan's greeting on the left, Ann's introduction
    offset to the right in another colour with the coach's note under it, Ivan's price objection;
    then the two numbered replies, the input for typed words and the footer (PgUp/PgDn Scroll,
    1-9 Reply, f2 Hint, esc Hang up, f1 Keys)."""
    add_trainee(store, "Ann Lee")

    async def run_before(pilot: Pilot[Any]) -> None:
        await into_call(pilot)
        await pilot.press("1")
        await pilot.pause()

    assert snap_compare(build(content, store), terminal_size=SIZE, run_before=run_before)


def test_scorecard(snap_compare: Snap, content: ContentSet, store: Store) -> None:
    """The scorecard of a call that went wrong (a pushy opening, then an apology, discovery and a
    brochure instead of a meeting): a red "NOT PASSED 41.7%" with the outcome "no result" and the
    pass mark, "Your first completed attempt at this scenario.", "Hints used: none.", the three
    reasons it failed, the skills table with points, percent and level, the coach notes turn by turn
    (each reply's number in a column of its own, its note under its words), and the footer with
    "r Retry", "t Transcript" and "esc Home"."""
    add_trainee(store, "Ann Lee")

    async def run_before(pilot: Pilot[Any]) -> None:
        await into_call(pilot)
        await pilot.press("2", "2", "1", "1")  # push, sorry, ask, send
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(build(content, store), terminal_size=SIZE, run_before=run_before)


def fixed_times(db_path: Path) -> None:
    """Pin every attempt to one morning, so dates in lists do not move the snapshot."""
    with sqlite3.connect(db_path) as conn:
        conn.execute(
            "UPDATE attempts SET started_at = '2025-03-03T09:30:00+00:00', "
            "ended_at = '2025-03-03T09:40:00+00:00'"
        )


@pytest.fixture
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Show times in UTC whatever the machine's zone."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_home_with_the_programme(
    snap_compare: Snap, bundled: ContentSet, store: Store, db_path: Path, utc: None
) -> None:
    """Home for a trainee who passed the introduction check: the header "Signed in as Ann Lee"
    with "Northline onboarding programme" on the right; stage 1 "Introduction to the work" with a
    green DONE badge and "Quiz best 100%, passed"; its items "Company cards" (21 cards) and "Quiz:
    Introduction check" ("passed · best 100% · 1 attempt"); stage 2 "Knowing what you sell" OPEN,
    "Quiz not taken yet, needs 80%", with "Product catalogue" (highlighted) and "Quiz: Product
    quiz"; stage 3 "Sales training" LOCKED with "Locked: first pass the quiz 'Product quiz' (not
    taken yet, needs 80%)" and its scenarios dimmed with "locked" on the right; then the call log
    line (all zeros), the recent attempts list with the introduction check (03 Mar 09:30, 100%
    passed), and the footer, whole at 80 columns, with "tab Other list", "l Work" (log a day's
    work), "c Call log", "s Sign out", "f1 Keys" and "^q Quit"."""
    ann = add_trainee(store, "Ann Lee")
    unlock_stage(store, ann.id, bundled, 2)
    fixed_times(db_path)
    app = make_app(bundled, store.path, typing_delay=0, clock=frozen_clock, seeds=random.Random(7))

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.press("enter")  # sign in
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_quiz_in_practice_after_a_wrong_answer(
    snap_compare: Snap, bundled: ContentSet, store: Store
) -> None:
    """The introduction check (practice) after a wrong answer to question 1: the header
    "Introduction check", a green PRACTICE badge, "Question 1 of 15" and "Time 00:00" (frozen
    clock); the topic line, the true-or-false statement "A Cloud PBX seat that has been activated
    can be returned within 14 days like unused hardware.", the help line, the two numbered options
    (dimmed: answered) with a red ✗ on "True", the one chosen, and a green ✓ on "False"; a red
    feedback panel "✗ Not quite. The statement is false." with the explanation and "Read more:
    Company cards: policies, Returns"; the focused "Next question (Enter)" button, and the footer
    with "esc Leave the quiz". No score is shown."""
    ann = add_trainee(store, "Ann Lee")
    assert ann.id
    app = make_app(bundled, store.path, typing_delay=0, clock=frozen_clock, seeds=random.Random(7))

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.press("enter")  # sign in: the company cards are highlighted
        await pilot.pause()
        await pilot.press("down", "enter", "enter")  # the check's introduction, then start
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, QuizScreen) and screen.question is not None
        wrong = next(n for n, o in enumerate(screen.question.options, 1) if not o.correct)
        await pilot.press(str(wrong))
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
