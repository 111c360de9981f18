"""A first start with no content cache: home shows the trainee's records as soon as they sign in,
says how far the reading of the content has come, and fills in its lists when it arrives."""

from __future__ import annotations

import random
import shutil
import threading
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from tests.ui.conftest import frozen_clock, pass_practice, shown_text, shown_text_of
from trainer.content.cache import ContentCache
from trainer.content.content_set import ContentSet
from trainer.content.loader import validate
from trainer.content.paths import CONTENT_FOLDERS, bundled_content_dir
from trainer.services import accounts
from trainer.store.database import Store
from trainer.store.trainees import add_trainee
from trainer.ui.app import ReadingProgress, TrainerApp, make_app
from trainer.ui.screens.home import HomeScreen

WAIT = 10.0  # seconds a test waits for the other thread before failing


def library(tmp_path: Path) -> Path:
    """A copy of the bundled content, which no cache has seen yet."""
    folder = tmp_path / "library"
    for name in CONTENT_FOLDERS:
        shutil.copytree(bundled_content_dir() / name, folder / name)
    return folder


def options_text(home: HomeScreen, list_id: str) -> str:
    """Every option of one of home's lists, as the trainee reads it."""
    shown = home.query_one(list_id, OptionList)
    return "\n".join(shown_text_of(option.prompt) for option in shown.options)


def programme_text(home: HomeScreen) -> str:
    return options_text(home, "#programme")


def recent_text(home: HomeScreen) -> str:
    return options_text(home, "#recent")


async def until(pilot: Pilot[int], done: object) -> None:
    """Let the app run until `done()` is true (or give up after a few seconds)."""
    for _ in range(int(WAIT / 0.02)):
        if done():  # type: ignore[operator]
            return
        await pilot.pause(0.02)


async def test_home_shows_before_a_cold_library_is_read_and_fills_in_after(
    tmp_path: Path, store: Store
) -> None:
    folder = library(tmp_path)
    cache = ContentCache(tmp_path / "cache")
    ann = add_trainee(store, "Ann Lee")
    pass_practice(store, ann.id, ["cold_call_gatekeeper"])  # a record home can show at once
    reading = ReadingProgress()
    halfway, release = threading.Event(), threading.Event()

    def progress(done: int, total: int) -> None:
        reading.report(done, total)
        if done == total // 2:  # the real, cold read, held half-way until the test has looked
            halfway.set()
            release.wait(WAIT)

    def load() -> ContentSet:
        result = validate(folder, progress=progress, cache=cache)
        assert result.content is not None, result.errors
        return result.content

    app = TrainerApp(
        load,
        accounts.open_database(store.path),
        typing_delay=0,
        clock=frozen_clock,
        seeds=random.Random(7),
        reading=reading,
    )
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("enter")  # Ann Lee, who has no PIN
            await until(pilot, lambda: halfway.is_set() and isinstance(app.screen, HomeScreen))
            home = app.screen
            assert isinstance(home, HomeScreen) and halfway.is_set()
            assert not app.router.loaded and not home.loading
            assert "Ann Lee" in shown_text(home.query_one("#home-who", Static))
            done, total = reading.steps
            assert total > 0 and done == total // 2
            words = f"Reading the programme and its scenarios… {done * 100 // total}%"
            await until(pilot, lambda: words in programme_text(home))  # at the timer's next tick
            assert words in programme_text(home)
            assert "Sales training" not in programme_text(home)
            # the attempt is in the records already; its title comes with the content
            assert "cold_call_gatekeeper" in recent_text(home)
            assert list(cache.folder.glob("*.cache")) == []

            release.set()
            await until(pilot, lambda: app.router.loaded)
            await pilot.pause()
            assert home.is_current
            shown = programme_text(home)
            assert "Reading" not in shown
            assert "Sales training" in shown and "Final exam" in shown
            title = app.router.content.scenario("cold_call_gatekeeper").title
            assert title in shown and title in recent_text(home)
            assert "cold_call_gatekeeper" not in recent_text(home)
            assert len(list(cache.folder.glob("*.cache"))) == 1  # the next start is warm
    finally:
        release.set()


async def test_the_app_reads_a_folder_with_no_cache_entry_and_fills_home_in(
    tmp_path: Path, store: Store
) -> None:
    """Through `make_app` as the command runs it: a fresh cache folder, the content read in the
    worker, its progress passed on, and home's lists filled once it has arrived. The command
    gives the cache as a function, which the worker calls: the first screen never waits for it."""
    folder = library(tmp_path)
    cache = ContentCache(tmp_path / "cache")
    made_in: list[threading.Thread] = []

    def make_cache() -> ContentCache:
        made_in.append(threading.current_thread())
        return cache

    add_trainee(store, "Ann Lee")
    app = make_app(folder, store.path, typing_delay=0, clock=frozen_clock, cache=make_cache)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        home = app.screen
        assert isinstance(home, HomeScreen)
        await until(pilot, lambda: app.router.loaded)
        await pilot.pause()
        assert "Sales training" in programme_text(home)
        assert "Reading" not in programme_text(home)
        assert len(list(cache.folder.glob("*.cache"))) == 1
        assert len(made_in) == 1 and made_in[0] is not threading.main_thread()


async def test_content_that_arrives_before_home_is_mounted_shows_when_it_is(
    store: Store, content: ContentSet
) -> None:
    """The content can arrive between the sign-in switching to home and home's first compose."""
    trainee = accounts.TraineeCard(add_trainee(store, "Ann Lee").id, "Ann Lee", has_pin=False)
    app = make_app(content, store.path, typing_delay=0, clock=frozen_clock)
    async with app.run_test(size=(100, 30)) as pilot:
        home = HomeScreen(None, app.store, trainee)
        home.content_arrived(content)  # before it is composed: nothing to update yet
        await app.push_screen(home)
        await pilot.pause()
        shown = programme_text(home)
        assert "Reading" not in shown
        assert content.scenario("first_call").title in shown
