"""The work-log form at 80x24 refuses an implausible day where the trainee can see it: the
problem in sight above the form, the cursor in the box to fix, everything typed kept."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, Static

from tests.ui.conftest import Build, rows, shown_text
from tests.ui.test_worklog import cleared, home, work_log
from trainer.content.content_set import ContentSet
from trainer.store.database import Store
from trainer.store.models import Trainee
from trainer.ui.screens.home import HomeScreen

SIZE = (80, 24)


def in_sight(pilot: Pilot[int], widget: Static) -> str:
    """What the widget shows, provided it is on screen and on top there; else ''."""
    region = widget.region
    if not widget.display or region.height == 0 or region.bottom > SIZE[1]:
        return ""
    found, _ = pilot.app.screen.get_widget_at(region.x + 1, region.y)
    return " ".join(shown_text(widget).split()) if found is widget else ""


async def test_fifty_applications_from_no_calls_are_refused_in_sight(
    build: Build, bundled: ContentSet, store: Store, ann: Trainee, db_path: Path
) -> None:
    cleared(store, ann, bundled)
    app = build()
    async with app.run_test(size=SIZE) as pilot:
        await home(pilot)
        form = await work_log(pilot)
        error = form.query_one("#worklog-error", Static)
        assert in_sight(pilot, error) == ""  # no problem, no line for one
        form.query_one("#count-applications", Input).value = "50"
        form.query_one("#worklog-note", Input).focus()  # scrolled down to the end of the form
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        said = in_sight(pilot, error)
        assert said.startswith("50 applications from 0 calls and 0 meetings:")
        assert "log those calls and meetings too, or check the number" in said
        assert form.query_one("#count-applications", Input).has_focus
        assert form.query_one("#count-applications", Input).value == "50"  # nothing lost
        assert rows(db_path, "SELECT count(*) FROM work_entries") == [(0,)]
        form.query_one("#count-calls", Input).value = "60"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert rows(db_path, "SELECT calls, applications FROM work_entries") == [(60, 50)]


async def test_the_same_day_saved_twice_points_at_the_note(
    build: Build, bundled: ContentSet, store: Store, ann: Trainee, db_path: Path
) -> None:
    cleared(store, ann, bundled)
    app = build()
    async with app.run_test(size=SIZE) as pilot:
        await home(pilot)
        for _ in range(2):  # the second time, a slip: the same day saved again
            form = await work_log(pilot)
            await pilot.press("1", "2", "enter", "2")  # 12 calls, 2 meetings
            await pilot.press("ctrl+s")
            await pilot.pause()
        assert app.screen is form
        said = in_sight(pilot, form.query_one("#worklog-error", Static))
        assert said.startswith(f"that entry is in the log for {date.today().isoformat()} already")
        assert "If it is more work of the same day, say so in the note" in said
        assert form.query_one("#worklog-note", Input).has_focus
        await pilot.press(*"afternoon", "enter")  # the note, the last box: Enter saves
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert rows(db_path, "SELECT calls, meetings, note FROM work_entries ORDER BY id") == [
        (12, 2, ""),
        (12, 2, "afternoon"),
    ]


async def test_a_lone_minus_or_a_huge_number_says_which_box(
    build: Build, bundled: ContentSet, store: Store, ann: Trainee, db_path: Path
) -> None:
    cleared(store, ann, bundled)
    app = build()
    async with app.run_test(size=SIZE) as pilot:
        await home(pilot)
        form = await work_log(pilot)
        error = form.query_one("#worklog-error", Static)
        form.query_one("#count-meetings", Input).value = "-"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert in_sight(pilot, error) == "Meetings: '-' is not a whole number"
        assert form.query_one("#count-meetings", Input).has_focus
        form.query_one("#count-meetings", Input).value = ""
        form.query_one("#count-deals", Input).value = "9" * 40
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert in_sight(pilot, error).startswith("9999999999")
        assert "deals in one day is more than a day holds (20 at most)" in in_sight(pilot, error)
        assert form.query_one("#count-deals", Input).has_focus
    assert rows(db_path, "SELECT count(*) FROM work_entries") == [(0,)]


async def test_the_whole_form_fits_and_keys_typed_in_one_burst_land_in_their_boxes(
    build: Build, bundled: ContentSet, store: Store, ann: Trainee, db_path: Path
) -> None:
    """A fast typist on a busy machine: "12⏎2⏎⏎5^S" read in one go is 12 calls, 2 meetings and
    5 proposals, saved with all of them."""
    cleared(store, ann, bundled)
    app = build()
    async with app.run_test(size=SIZE) as pilot:
        await home(pilot)
        form = await work_log(pilot)
        save = form.query_one("#worklog-save")
        assert save.region.bottom <= SIZE[1] - 1  # Save in sight above the footer, unscrolled
        assert form.query_one("#worklog-note", Input).region.bottom <= SIZE[1] - 1
        assert form.query_one("#count-calls", Input).has_focus
        for key, character in [
            ("1", "1"),
            ("2", "2"),
            ("enter", "\r"),
            ("2", "2"),
            ("enter", "\r"),
            ("enter", "\r"),
            ("5", "5"),
            ("ctrl+s", None),
        ]:
            app.post_message(events.Key(key, character))
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert rows(db_path, "SELECT calls, meetings, applications, proposals FROM work_entries") == [
        (12, 2, 0, 5)
    ]


async def test_twelve_meetings_from_no_calls_are_refused_at_the_meetings_box(
    build: Build, bundled: ContentSet, store: Store, ann: Trainee, db_path: Path
) -> None:
    cleared(store, ann, bundled)
    app = build()
    async with app.run_test(size=SIZE) as pilot:
        await home(pilot)
        form = await work_log(pilot)
        error = form.query_one("#worklog-error", Static)
        form.query_one("#count-meetings", Input).value = "12"
        form.query_one("#worklog-note", Input).focus()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        said = in_sight(pilot, error)
        assert said.startswith("12 meetings in the 31 days up to ") and "from 0 calls" in said
        assert form.query_one("#count-meetings", Input).has_focus
        assert rows(db_path, "SELECT count(*) FROM work_entries") == [(0,)]
        form.query_one("#count-calls", Input).value = "12"  # the calls that arranged them
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert rows(db_path, "SELECT calls, meetings FROM work_entries") == [(12, 12)]
