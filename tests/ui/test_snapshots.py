"""How the key screens look at 80x24. Review a changed snapshot with `pytest --snapshot-update`."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot

from tests.ui.conftest import frozen_clock
from trainer.content.models import ContentSet
from trainer.store import Store, add_trainee
from trainer.ui.app import TrainerApp, make_app

SIZE = (80, 24)
Snap = Callable[..., bool]


def build(content: ContentSet, store: Store) -> TrainerApp:
    return make_app(content, store, typing_delay=0, clock=frozen_clock, seeds=random.Random(7))


async def into_call(pilot: Pilot[Any]) -> None:
    await pilot.press("enter", "enter", "enter")  # sign in, open the scenario, start the call
    await pilot.pause()


def test_sign_in(snap_compare: Snap, content: ContentSet, store: Store) -> None:
    """The sign-in panel centred on the screen: the title "Call trainer" and its tagline, the list
    "Who is practising today?" with Ann Lee (highlighted), "Pia Pin (PIN)" and "+ Add yourself…",
    the help line, and the footer with "a Add yourself", "^q Quit" and "^p palette"."""
    add_trainee(store, "Ann Lee")
    add_trainee(store, "Pia Pin", pin="1234")
    assert snap_compare(build(content, store), terminal_size=SIZE)


def test_call_in_practice(snap_compare: Snap, content: ContentSet, store: Store) -> None:
    """A practice call after the first reply: the header "Ivan Petrov, Office manager, Delta
    Logistics", a green PRACTICE badge and "Call 00:00" (frozen clock); the three meters
    (patience 40%, trust 40%, interest 30%); Ivan's greeting on the left, Ann's introduction
    offset to the right in another colour with the coach's note under it, Ivan's price objection;
    then the two numbered replies, the input for typed words and the footer (1-9, h, esc)."""
    add_trainee(store, "Ann Lee")

    async def run_before(pilot: Pilot[Any]) -> None:
        await into_call(pilot)
        await pilot.press("1")
        await pilot.pause()

    assert snap_compare(build(content, store), terminal_size=SIZE, run_before=run_before)


def test_scorecard(snap_compare: Snap, content: ContentSet, store: Store) -> None:
    """The scorecard of a call that went wrong (a pushy opening, then an apology, discovery and a
    brochure instead of a meeting): a red "NOT PASSED 41.7%" with the outcome "no result" and the
    pass mark, "Your first completed attempt at this scenario.", the three reasons it failed, the
    skills table with points, percent and level, the coach notes turn by turn, and the footer with
    "r Retry", "t Transcript" and "esc Home"."""
    add_trainee(store, "Ann Lee")

    async def run_before(pilot: Pilot[Any]) -> None:
        await into_call(pilot)
        await pilot.press("2", "2", "1", "1")  # push, sorry, ask, send
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(build(content, store), terminal_size=SIZE, run_before=run_before)
