"""Work under guidance in the app: the trainee's work-log form and call log from home, and the
mentor's criteria dashboard with targets and the readiness sign-off."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static

from tests.test_plain_words import SOURCE_WORDS
from tests.ui.conftest import (
    Build,
    frozen_clock,
    notices,
    programme_row,
    rows,
    screen_text,
    shown_text,
    unlock_stage,
    use_exam_attempt,
)
from tests.ui.mentor_team import (
    MENTOR,
    PASSPHRASE,
    cheap_hashing,
    open_trainee,
    settle,
    sign_in_as_mentor,
    table_rows,
    type_into,
)
from trainer.content.content_set import ContentSet
from trainer.store.database import Store
from trainer.store.mentors import add_mentor
from trainer.store.models import Trainee
from trainer.store.worklog import log_work
from trainer.ui.app import TrainerApp, make_app
from trainer.ui.modals.mentor_text import MentorTextModal
from trainer.ui.modals.work_targets import WorkTargetsModal
from trainer.ui.screens.call_log import CallLogScreen
from trainer.ui.screens.home import HomeScreen
from trainer.ui.screens.mentor_criteria import MentorCriteriaScreen
from trainer.ui.screens.worklog import WorkLogScreen

SIZE = (110, 40)


def cleared(store: Store, trainee: Trainee, content: ContentSet) -> str:
    """Everything up to a passed exam, stored; returns the exam attempt's id."""
    unlock_stage(store, trainee.id, content, 4)
    return use_exam_attempt(store, trainee.id, content, passed=True)


def on_top(app: TrainerApp) -> object:
    """The screen showing now (read afresh: a modal may have closed since the last look)."""
    return app.screen


async def home(pilot: Pilot[int]) -> HomeScreen:
    await pilot.press("enter")  # the first (only) name signs in
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, HomeScreen)
    return screen


async def work_log(pilot: Pilot[int]) -> WorkLogScreen:
    """The work-log form, opened from home with `l` as a trainee opens it."""
    await pilot.press("l")
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, WorkLogScreen)
    return form


async def test_a_cleared_trainee_logs_a_day_from_home(
    build: Build, bundled: ContentSet, store: Store, ann: Trainee, db_path: Path
) -> None:
    cleared(store, ann, bundled)
    app = build()
    async with app.run_test(size=SIZE) as pilot:
        await home(pilot)
        heading = programme_row(pilot, "stage:5")
        assert "Work under guidance" in heading and "OPEN" in heading
        assert "Log a day's work" in programme_row(pilot, "work-log:")
        form = await work_log(pilot)
        assert form.query_one("#worklog-day", Input).value == date.today().isoformat()
        await pilot.press("1", "2", "enter", "2")  # calls 12, Enter to meetings, 2
        await pilot.pause()
        assert app.screen is form  # Enter in a number moves on; it does not save half a day
        assert rows(db_path, "SELECT count(*) FROM work_entries") == [(0,)]
        assert form.query_one("#count-meetings", Input).value == "2"
        form.query_one("#count-referrals", Input).value = "1"
        note = form.query_one("#worklog-note", Input)
        note.value = "Clinic group asked for a proposal"
        note.focus()
        await pilot.press("enter")  # Enter in the note, the last box, saves
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert any("Logged" in notice for notice in notices(pilot))
    assert rows(
        db_path, "SELECT day, calls, meetings, referrals, deals, note FROM work_entries"
    ) == [(date.today().isoformat(), 12, 2, 1, 0, "Clinic group asked for a proposal")]


async def test_the_form_s_recent_days_count_one_in_the_singular(
    build: Build, bundled: ContentSet, store: Store, ann: Trainee
) -> None:
    cleared(store, ann, bundled)
    log_work(store, ann.id, date.today(), {"calls": 9, "meetings": 1, "deals": 1})
    app = build()
    async with app.run_test(size=SIZE) as pilot:
        await home(pilot)
        form = await work_log(pilot)
        recent = shown_text(form.query_one("#worklog-recent", Static))
        assert "9 calls, 1 meeting" in recent and "1 deal" in recent
        assert "1 deals" not in recent and "1 meetings" not in recent


async def test_a_bad_entry_keeps_everything_typed_and_says_why(
    build: Build, bundled: ContentSet, store: Store, ann: Trainee, db_path: Path
) -> None:
    cleared(store, ann, bundled)
    app = build()
    async with app.run_test(size=SIZE) as pilot:
        await home(pilot)
        form = await work_log(pilot)
        form.query_one("#worklog-day", Input).value = "2030-01-01"
        form.query_one("#count-calls", Input).value = "7"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "in the future" in shown_text(form.query_one("#worklog-error", Static))
        assert form.query_one("#count-calls", Input).value == "7"  # nothing lost
        form.query_one("#worklog-day", Input).value = "yesterday"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "is not a date" in shown_text(form.query_one("#worklog-error", Static))
        form.query_one("#count-calls", Input).value = ""
        form.query_one("#worklog-day", Input).value = date.today().isoformat()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "nothing to log" in shown_text(form.query_one("#worklog-error", Static))
    assert rows(db_path, "SELECT count(*) FROM work_entries") == [(0,)]


async def test_work_cannot_be_logged_before_the_exam_is_passed(
    build: Build, bundled: ContentSet, store: Store, ann: Trainee, db_path: Path
) -> None:
    unlock_stage(store, ann.id, bundled, 4)
    app = build()
    async with app.run_test(size=SIZE) as pilot:
        await home(pilot)
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert any("Work under guidance opens once you" in n for n in notices(pilot))
        await pilot.press("c")  # the call log is a record: always open
        await pilot.pause()
        assert isinstance(app.screen, CallLogScreen)


async def test_a_new_trainees_call_log_says_no_calls_yet_not_a_filter_miss(
    build: Build, ann: Trainee
) -> None:
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await home(pilot)
        await pilot.press("c")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CallLogScreen)
        table = screen.query_one("#log-table", DataTable)
        assert [row[1] for row in table_rows(table)] == ["No calls yet."]
        assert list(table.columns.values())[1].width >= len("No calls yet.")  # shown whole
        await pilot.press("d")  # a filter set: now it is the filter that finds nothing
        await pilot.pause()
        assert table_rows(table)[0][1] == "Nothing matches these filters."


async def test_the_call_log_lists_calls_and_work_marks_the_exam_and_filters(
    build: Build, bundled: ContentSet, store: Store, ann: Trainee
) -> None:
    cleared(store, ann, bundled)
    log_work(store, ann.id, date.today(), {"calls": 9, "deals": 1}, "Trade fair follow-ups")
    app = build()
    async with app.run_test(size=SIZE) as pilot:
        await home(pilot)
        await pilot.press("c")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CallLogScreen)
        table = screen.query_one("#log-table", DataTable)
        shown = table_rows(table)
        kinds = [row[2] for row in shown]
        assert kinds.count("EXAM") == 1 and "practice" in kinds and "work log" in kinds
        practice = bundled.programme.stage("sales").pass_scenarios  # type: ignore[union-attr]
        counters = shown_text(screen.query_one("#log-counters", Static))
        assert (
            f"Calls made {practice + 1}" in counters
            and "the final exam's calls among them: 1" in counters
        )
        assert "9 calls, 1 deal" in " ".join(row[1] for row in shown)

        await pilot.press("k")  # practice calls only
        await pilot.pause()
        assert {row[2] for row in table_rows(table)} == {"practice"}
        await pilot.press("k")  # exam calls only
        await pilot.pause()
        assert [row[2] for row in table_rows(table)] == ["EXAM"]
        await pilot.press("k", "k")  # everything again
        for _ in range(6):  # to "hung up": nothing of the kind
            await pilot.press("r")
        await pilot.pause()
        assert "client hung up" in shown_text(screen.query_one("#log-filters", Static))
        assert table_rows(table)[0][1] == "Nothing matches these filters."
        filters = shown_text(screen.query_one("#log-filters", Static))
        assert "Calls made" not in filters  # the counters stay the whole record's, above
        assert counters == shown_text(screen.query_one("#log-counters", Static))

        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


@pytest.fixture
def mentor_app(bundled: ContentSet, store: Store, monkeypatch: pytest.MonkeyPatch) -> TrainerApp:
    cheap_hashing(monkeypatch)
    add_mentor(store, MENTOR, PASSPHRASE)
    return make_app(
        bundled,
        store.path,
        typing_delay=0,
        clock=frozen_clock,
        seeds=random.Random(7),
        mentor=True,
    )


async def test_the_mentor_reads_the_criteria_sets_targets_and_signs_readiness_off(
    mentor_app: TrainerApp, bundled: ContentSet, store: Store, ann: Trainee, db_path: Path
) -> None:
    cleared(store, ann, bundled)
    log_work(store, ann.id, date.today(), {"calls": 25, "meetings": 2, "events": 1})
    ten_days_ago = date.today() - timedelta(days=10)
    log_work(store, ann.id, ten_days_ago, {"deals": 3}, "[red]Big[/red] win")  # reported late
    async with mentor_app.run_test(size=SIZE) as pilot:
        await sign_in_as_mentor(pilot)
        await open_trainee(pilot, "Ann Lee")
        await pilot.press("w")
        await pilot.pause()
        screen = mentor_app.screen
        assert isinstance(screen, MentorCriteriaScreen)
        text = shown_text(screen.query_one("#criteria-table", Static), width=240)
        for title in (
            "Attending events and exhibitions",
            "Calls alternating with meetings",
            "Asking for referrals",
            "Meetings a day",
            "Reaching the decision-maker",
            "Plan over-fulfilled, orders not delayed",
            "Keeping the funnel full",
        ):
            assert title in text
        assert "1 in the last 30 days" in text
        assert "the programme's; t sets this trainee's own" in screen_text(pilot)
        logged = shown_text(screen.query_one("#criteria-log", Static), width=200)
        assert "3 deals · [red]Big[/red] win  (logged 10 days later)" in logged  # as typed
        assert "25 calls, 2 meetings, 1 event attended" in logged
        assert not SOURCE_WORDS.search(screen_text(pilot))  # plain words, no "criterion 5"

        await pilot.press("t")
        await pilot.pause()
        assert isinstance(mentor_app.screen, WorkTargetsModal)
        mentor_app.screen.query_one("#target-meetings", Input).value = "2"
        mentor_app.screen.query_one("#target-calls", Input).value = "60"
        await type_into(pilot, "#target-plan", "5")
        assert on_top(mentor_app) is screen
        assert "2 meetings a day · 60 calls a week · 5 deals a month" in screen_text(pilot)

        await pilot.press("s")
        await pilot.pause()
        assert isinstance(mentor_app.screen, MentorTextModal)
        await pilot.press("enter")  # no note: refused
        assert isinstance(mentor_app.screen, MentorTextModal)
        await type_into(pilot, "#text-input", "Steady over plan, no order late.")
        await settle(pilot)
        assert on_top(mentor_app) is screen
        assert "Readiness signed off by Maria Head" in screen_text(pilot)
        await pilot.press("s")  # once only
        await pilot.pause()
        assert on_top(mentor_app) is screen
        await pilot.press("escape", "escape")  # the trainee, then the trainees table
        await settle(pilot)
        table = mentor_app.screen.query_one("#trainees-table", DataTable)
        (ann_row,) = [row for row in table_rows(table) if row[0] == "Ann Lee"]
        assert "ready: signed off" in ann_row
    assert rows(
        db_path, "SELECT meetings_per_day, calls_per_week, monthly_plan, set_by FROM work_targets"
    ) == [(2.0, 60, 5, MENTOR)]
    assert rows(db_path, "SELECT trainee_id, mentor, note FROM readiness_signoffs") == [
        (ann.id, MENTOR, "Steady over plan, no order late.")
    ]


async def test_the_criteria_read_whole_at_80_columns(
    mentor_app: TrainerApp, bundled: ContentSet, store: Store, ann: Trainee
) -> None:
    """Every measure's standing and 'good work is' whole, met or short beside its title, and
    one week said in the singular, on a terminal 80 columns wide."""
    cleared(store, ann, bundled)
    log_work(store, ann.id, date.today(), {"calls": 1, "meetings": 12})
    async with mentor_app.run_test(size=(80, 24)) as pilot:
        await sign_in_as_mentor(pilot)
        await open_trainee(pilot, "Ann Lee")
        await pilot.press("w")
        await pilot.pause()
        screen = mentor_app.screen
        assert isinstance(screen, MentorCriteriaScreen)
        table = screen.query_one("#criteria-table", Static)
        width = table.content_region.width
        assert width <= 78
        shown = shown_text(table, width=width)
        assert max(len(line.rstrip()) for line in shown.splitlines()) <= width
        flat = " ".join(shown.split())
        assert screen.board is not None
        for criterion in screen.board.report.criteria:
            assert " ".join(criterion.figure.split()) in flat, criterion.figure
            assert " ".join(criterion.target.split()) in flat, criterion.target
        title_lines = [
            line
            for line in shown.splitlines()
            for criterion in screen.board.report.criteria
            if line.startswith(criterion.title)
        ]
        assert len(title_lines) == len(screen.board.report.criteria)
        assert all(line.rstrip().endswith(("met", "short", "no data")) for line in title_lines)
        assert "1 weeks" not in flat and "1 week" in flat


async def test_the_trainees_home_shows_the_sign_off(
    build: Build, bundled: ContentSet, store: Store, ann: Trainee
) -> None:
    from trainer.store.worklog import sign_off

    cleared(store, ann, bundled)
    add_mentor(store, MENTOR, PASSPHRASE)
    sign_off(store, ann.id, MENTOR, "Ready.")
    app = build()
    async with app.run_test(size=SIZE) as pilot:
        screen = await home(pilot)
        banner = shown_text(screen.query_one("#cleared", Static))
        assert f"Readiness signed off by {MENTOR}" in banner and "programme is complete" in banner
