"""The sign-in is the app's first screen itself: nothing is composed under it, its CSS is read
with the app's, and signing out shows it again as it first showed (names read afresh)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.css.stylesheet import Stylesheet
from textual.widgets import OptionList

from tests.ui.conftest import AppFactory, sign_in
from trainer.store.database import Store
from trainer.store.models import Trainee
from trainer.store.trainees import add_trainee
from trainer.ui.screens.home import HomeScreen
from trainer.ui.screens.sign_in import SignInScreen


def listed(app: Any) -> list[str]:
    trainees = app.screen.query_one("#trainee-list", OptionList)
    return [str(trainees.get_option_at_index(i).prompt) for i in range(trainees.option_count)]


async def test_the_sign_in_is_the_only_screen_and_the_stylesheet_is_parsed_once(
    make: AppFactory, ann: Trainee, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A screen's CSS read when it first opens makes Textual parse every rule again; the
    sign-in's is read with the app's, so the first frame never waits for that."""
    reparsed: list[Stylesheet] = []
    original = Stylesheet.reparse

    def counted(stylesheet: Stylesheet) -> None:
        reparsed.append(stylesheet)
        original(stylesheet)

    monkeypatch.setattr(Stylesheet, "reparse", counted)
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert [type(screen) for screen in app.screen_stack] == [SignInScreen]
        assert reparsed == []
        panel = app.screen.query_one("#sign-in-panel")
        assert panel.styles.border_top[0] == "round"  # the screen's own CSS applies
        assert panel.styles.width is not None and panel.styles.width.value == 64
        assert listed(app) == ["Ann Lee", "+ Add yourself…"]
        assert app.focused is app.screen.query_one("#trainee-list", OptionList)


async def test_signing_out_shows_the_sign_in_again_with_the_names_read_afresh(
    make: AppFactory, store: Store, ann: Trainee
) -> None:
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        sign_in_screen = app.screen
        trainees = sign_in_screen.query_one("#trainee-list", OptionList)
        await pilot.press("down")  # the cursor left on "Add yourself"
        assert trainees.highlighted == 1
        await pilot.press("up")
        await sign_in(pilot)
        assert [type(screen) for screen in app.screen_stack] == [SignInScreen, HomeScreen]
        add_trainee(store, "Bo Berg")  # signed up meanwhile, at another terminal
        await pilot.press("s")  # sign out
        await pilot.pause()
        assert app.screen is sign_in_screen and app.screen_stack == [sign_in_screen]
        assert app.trainee is None
        assert listed(app) == ["Ann Lee", "Bo Berg", "+ Add yourself…"]
        assert trainees.highlighted == 0 and app.focused is trainees
        await pilot.press("down", "enter")  # the new name signs in like any other
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.trainee is not None and app.trainee.name == "Bo Berg"
        assert len(app.screen_stack) == 2
        await pilot.press("s")
        await pilot.pause()
        assert app.screen_stack == [sign_in_screen] and app.trainee is None


def test_each_sign_in_the_app_reads_first_is_a_sign_in_stylesheet() -> None:
    """The app reads the sign-ins' files; every rule in them is scoped under its screen, so
    reading them app-wide changes no other screen."""
    from trainer.ui.app import TrainerApp

    for name in TrainerApp.CSS_PATH:
        path = Path(__file__).parents[2] / "trainer" / "ui" / str(name)
        assert path.is_file(), path
        screen = {"sign_in.tcss": "SignInScreen", "served_sign_in.tcss": "ServedSignInScreen"}[
            path.name
        ]
        selectors = [
            line.split("{")[0].strip()
            for line in path.read_text(encoding="utf-8").splitlines()
            if "{" in line
        ]
        assert selectors and all(s.split()[0] == screen for s in selectors), selectors
