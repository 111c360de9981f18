"""The app served to browsers: whoever opens the page learns nobody's name, and signs in only
with a name and the PIN that goes with it."""

from __future__ import annotations

import html
import random
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from tests.ui.conftest import frozen_clock, rows
from tests.ui.mentor_team import cheap_hashing, settle, shown
from trainer.content.content_set import ContentSet
from trainer.services.accounts import NO_MATCH, PIN_NEEDED
from trainer.store.database import Store
from trainer.store.mentors import add_mentor
from trainer.store.trainees import add_trainee, set_pin
from trainer.ui.app import TrainerApp, make_app
from trainer.ui.modals.add_trainee import AddTraineeModal
from trainer.ui.screens.home import HomeScreen
from trainer.ui.screens.mentor_sign_in import MentorSignInScreen
from trainer.ui.screens.served_sign_in import ServedSignInScreen

NAMES = ("Pia Pin", "Ann Lee", "Olga Mentor")


@pytest.fixture(autouse=True)
def team(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    cheap_hashing(monkeypatch)
    add_trainee(store, "Pia Pin", pin="2468")
    add_trainee(store, "Ann Lee")  # signed up in the terminal, without a PIN
    add_mentor(store, "Olga Mentor", "correct horse battery")


def served(content: ContentSet, store: Store, *, mentor: bool = False) -> TrainerApp:
    return make_app(
        content,
        store.path,
        typing_delay=0,
        clock=frozen_clock,
        seeds=random.Random(7),
        served=True,
        mentor=mentor,
    )


def drawn(pilot: Pilot[Any]) -> str:
    """Every character on the terminal, as the browser shows it."""
    return html.unescape(pilot.app.export_screenshot()).replace("\xa0", " ")


async def sign_in(pilot: Pilot[Any], name: str, pin: str) -> None:
    screen = pilot.app.screen
    screen.query_one("#name-input", Input).value = name
    screen.query_one("#pin-input", Input).value = pin
    screen.query_one("#pin-input", Input).focus()
    await pilot.press("enter")
    await pilot.pause()


def error_of(pilot: Pilot[Any]) -> str:
    return shown(pilot.app.screen.query_one("#served-error", Static)).strip()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_first_page_shows_no_name(
    content: ContentSet, store: Store, size: tuple[int, int]
) -> None:
    app = served(content, store)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ServedSignInScreen)
        assert not app.screen.query(OptionList)
        page = drawn(pilot)
        assert "Who is practising today?" in page and "Add yourself" in page
        assert not [name for name in NAMES if name in page or name.split()[0] in page]
        assert "Sign in" in page and "Mentor" in page  # every button fits


async def test_a_name_and_its_pin_sign_in(content: ContentSet, store: Store) -> None:
    app = served(content, store)
    async with app.run_test(size=(100, 30)) as pilot:
        await sign_in(pilot, "  pia   PIN ", "2468")
        assert isinstance(app.screen, HomeScreen)
        assert app.trainee is not None and app.trainee.name == "Pia Pin"
        app.action_sign_out()
        await pilot.pause()
        assert isinstance(app.screen, ServedSignInScreen)
        assert app.screen.query_one("#name-input", Input).value == ""


@pytest.mark.parametrize(
    ("name", "pin"),
    [
        ("Pia Pin", "1111"),  # a wrong PIN
        ("Nobody Here", "2468"),  # nobody has this name
        ("Ann Lee", ""),  # no PIN: anyone could type her name
        ("Ann Lee", "anything"),
    ],
)
async def test_every_refusal_reads_the_same(
    content: ContentSet, store: Store, name: str, pin: str
) -> None:
    app = served(content, store)
    async with app.run_test(size=(100, 30)) as pilot:
        await sign_in(pilot, name, pin)
        assert isinstance(app.screen, ServedSignInScreen)
        assert app.trainee is None
        assert error_of(pilot) == NO_MATCH
        assert app.screen.query_one("#pin-input", Input).value == ""


async def test_a_trainee_without_a_pin_signs_in_once_a_mentor_sets_one(
    content: ContentSet, store: Store
) -> None:
    ann = next(row for row in rows(store.path, "SELECT id FROM trainees WHERE name = 'Ann Lee'"))
    set_pin(store, int(str(ann[0])), "1357")
    app = served(content, store)
    async with app.run_test(size=(100, 30)) as pilot:
        await sign_in(pilot, "Ann Lee", "1357")
        assert app.trainee is not None and app.trainee.name == "Ann Lee"


async def test_adding_yourself_needs_a_pin(content: ContentSet, store: Store) -> None:
    app = served(content, store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.click("#add-yourself")
        await pilot.pause()
        assert isinstance(app.screen, AddTraineeModal)
        app.screen.query_one("#name-input", Input).value = "Nia New"
        await pilot.press("enter", "enter")  # to the PIN, then add without one
        await pilot.pause()
        assert isinstance(app.screen, AddTraineeModal)
        assert shown(app.screen.query_one("#add-error", Static)).strip() == PIN_NEEDED
        assert rows(store.path, "SELECT * FROM trainees WHERE name = 'Nia New'") == []
        app.screen.query_one("#new-pin-input", Input).value = "9753"
        await pilot.press("enter")
        await pilot.pause()
        assert app.trainee is not None and app.trainee.name == "Nia New"
    assert rows(store.path, "SELECT pin_hash IS NOT NULL FROM trainees WHERE name = 'Nia New'") == [
        (1,)
    ]


async def test_the_mentor_sign_in_lists_no_mentor(content: ContentSet, store: Store) -> None:
    app = served(content, store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.click("#mentor")
        await settle(pilot)
        assert isinstance(app.screen, MentorSignInScreen)
        assert not app.screen.query(OptionList)
        assert app.screen.query_one("#mentor-name", Input).value == ""
        assert app.screen.query_one("#mentor-name", Input).suggester is None
        assert "Olga" not in drawn(pilot)


async def test_the_app_in_a_terminal_still_lists_the_names(
    content: ContentSet, store: Store
) -> None:
    app = make_app(content, store.path, typing_delay=0, clock=frozen_clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "Pia Pin" in drawn(pilot)
