"""Keys read in one go by "Add yourself" (a fast typist, a password manager, a paste the
terminal does not mark): Tab moves to the PIN field before the keys after it are read, so the
PIN never lands in the name that the shared sign-in list prints."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.pilot import Pilot

from tests.ui.conftest import AppFactory, rows
from trainer.ui.screens.home import HomeScreen


async def burst(pilot: Pilot[int], *keys: str) -> None:
    """Keys queued to the app before it has handled the first, as one terminal read hands
    them over; a one-letter key is its own character."""
    for key in keys:
        character = {"tab": "\t", "enter": "\r", "space": " "}.get(key, key)
        pilot.app.post_message(events.Key(key, character if len(character) == 1 else None))
    await pilot.pause()
    await pilot.pause()


def typed(text: str) -> list[str]:
    return ["space" if character == " " else character for character in text]


async def test_tab_in_a_burst_moves_to_the_pin_and_the_pin_stays_out_of_the_name(
    make: AppFactory, db_path: Path
) -> None:
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        await burst(pilot, *typed("Dana Kirk"), "tab", *typed("1234"), "enter")
        assert isinstance(app.screen, HomeScreen)
        ((name, pin_hash),) = rows(db_path, "SELECT name, pin_hash FROM trainees")
        assert name == "Dana Kirk"
        assert pin_hash and "1234" not in str(pin_hash)


async def test_shift_tab_in_a_burst_goes_back_to_the_name(make: AppFactory, db_path: Path) -> None:
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        # Back in the name, its text selected as on any focus: typing replaces it.
        await burst(pilot, *typed("Dan"), "tab", *typed("99"), "shift+tab", *typed("Dana Kirk"))
        await burst(pilot, "tab", "enter")
        assert isinstance(app.screen, HomeScreen)
        ((name, pin_hash),) = rows(db_path, "SELECT name, pin_hash FROM trainees")
        assert name == "Dana Kirk" and pin_hash
