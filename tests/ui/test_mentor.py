"""The mentor's screens through the keyboard, over a database seeded with calls played for real
(the team and the moves a mentor makes are in `mentor_team`).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from textual.command import CommandList
from textual.widgets import Button, DataTable, Input, Static

from tests.ui.conftest import notices, rows
from tests.ui.mentor_team import (  # noqa: F401 (fixtures: pytest finds them by name)
    EXAM,
    MENTOR,
    PASSPHRASE,
    SIZE,
    TYPED,
    Team,
    app,
    build,
    cheap_hashing,
    cheap_mentor_hashing,
    give_passphrase,
    highlight_turn,
    mentor_screens,
    open_attempt,
    open_trainee,
    palette_entries,
    programme_content,
    seed_team,
    settle,
    shown,
    sign_in_as_mentor,
    table_rows,
    team,
    turn_text,
    type_into,
    with_programme,
)
from trainer.content.content_set import ContentSet
from trainer.services.accounts import MentorCard
from trainer.store.database import Store
from trainer.ui.app import TrainerApp
from trainer.ui.modals.confirm import ConfirmModal
from trainer.ui.modals.mentor_export import MentorExportModal
from trainer.ui.modals.mentor_override import MentorOverrideModal
from trainer.ui.modals.mentor_text import MentorTextModal
from trainer.ui.screens.home import HomeScreen
from trainer.ui.screens.mentor_compare import MentorCompareScreen
from trainer.ui.screens.mentor_sign_in import MentorSignInScreen
from trainer.ui.screens.mentor_trainee import MentorTraineeScreen
from trainer.ui.screens.mentor_trainees import MentorTraineesScreen
from trainer.ui.screens.mentor_transcript import MentorTranscriptScreen
from trainer.ui.screens.sign_in import SignInScreen

WIDE = (170, 36)  # every column of the tables fits; test_mentor_layout.py narrows it


# -- sign-in and who may see what -----------------------------------------------------------------


async def test_a_wrong_passphrase_is_refused_and_the_right_one_opens_the_trainees(
    app: TrainerApp,
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, MentorSignInScreen)
        assert screen.query_one("#mentor-name", Input).value == MENTOR  # the only mentor
        await give_passphrase(pilot, "not the passphrase")
        assert app.screen is screen
        assert "Wrong passphrase for Maria Head." in shown(
            screen.query_one("#mentor-error", Static)
        )
        assert screen.query_one("#mentor-passphrase", Input).value == ""
        assert mentor_screens(app) == []
        trainees = await sign_in_as_mentor(pilot)
        assert trainees.mentor == MentorCard(1, MENTOR)
        assert [type(s) for s in app.screen_stack] == [SignInScreen, MentorTraineesScreen]


async def test_repeated_failures_show_how_long_to_wait(app: TrainerApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(3):
            await give_passphrase(pilot, "guessing again")
        error = shown(app.screen.query_one("#mentor-error", Static))
        assert "(3 in a row): wait 1 second before trying again" in " ".join(error.split())
        await give_passphrase(pilot, PASSPHRASE)  # still inside the wait: refused
        assert isinstance(app.screen, MentorSignInScreen)
        assert "Too many wrong passphrases for Maria Head: wait" in shown(
            app.screen.query_one("#mentor-error", Static)
        )


async def test_without_a_mentor_the_sign_in_says_how_to_add_one(
    programme_content: ContentSet, store: Store
) -> None:
    async with build(programme_content, store).run_test(size=SIZE) as pilot:
        assert "No mentor yet: a mentor is added with `trainer mentor add NAME`" in shown(
            pilot.app.screen.query_one("#no-mentor", Static)
        )
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, SignInScreen)


async def test_the_trainee_sign_in_has_a_mentor_entry(
    programme_content: ContentSet, store: Store, team: Team
) -> None:
    async with build(programme_content, store, mentor=False).run_test(size=SIZE) as pilot:
        assert isinstance(pilot.app.screen, SignInScreen)
        await pilot.press("m")
        assert isinstance(pilot.app.screen, MentorSignInScreen)
        await sign_in_as_mentor(pilot)


async def test_a_trainee_session_cannot_reach_the_mentor_screens(
    programme_content: ContentSet, store: Store, team: Team
) -> None:
    app = build(programme_content, store, mentor=False)
    async with app.run_test(size=SIZE) as pilot:
        mentor_side = ("Trainees", "Analytics", "Sign out (mentor)", "Open trainee: Bob Stone")
        before = await palette_entries(pilot)
        await pilot.press("enter")  # Ann signs in
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        entries = await palette_entries(pilot)
        for query in ("trainee", "analytics", "mentor"):
            entries += await palette_entries(pilot, query)
        assert not [entry for entry in before + entries if entry.startswith(mentor_side)]
        for key in ("m", "a", "g"):  # the mentor's keys do nothing here
            await pilot.press(key)
            await pilot.pause()
            assert mentor_screens(app) == []
            assert not isinstance(app.screen, MentorSignInScreen)
    with pytest.raises(TypeError, match="needs the mentor who signed in"):
        MentorTraineesScreen(programme_content, store, "Maria Head")  # type: ignore[arg-type]


async def test_the_palette_offers_the_mentor_actions_once_signed_in(app: TrainerApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await sign_in_as_mentor(pilot)
        entries = await palette_entries(pilot)
        for entry in ("Trainees", "Analytics", "Sign out (mentor)", "Open trainee: Bob Stone"):
            assert entry in entries
        await pilot.press("ctrl+p", *"open trainee bob")
        for _ in range(50):
            command_list = app.screen.query(CommandList)
            if command_list and command_list.first(CommandList).option_count:
                break
            await pilot.pause(0.05)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MentorTraineeScreen)
        assert app.screen.trainee_name == "Bob Stone"


async def test_signing_out_leaves_nothing_of_the_mentor_on_the_stack(
    app: TrainerApp, team: Team
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await sign_in_as_mentor(pilot)
        await open_trainee(pilot, "Ann Lee")
        transcript = await open_attempt(pilot, team.ann_best)
        transcript.action_sign_out()
        await pilot.pause()
        assert mentor_screens(app) == []
        assert isinstance(app.screen, SignInScreen)
        assert [type(s) for s in app.screen_stack] == [SignInScreen]
        await pilot.press("a")  # the trainee sign-in's keys again: add yourself
        await pilot.pause()
        assert not mentor_screens(app)
        await pilot.press("escape")
        await pilot.press("m")  # and back in only through the passphrase
        assert isinstance(app.screen, MentorSignInScreen)


# -- what each screen shows -------------------------------------------------------------------------


async def test_the_trainees_table_has_a_row_each_with_figures_and_flags(app: TrainerApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        screen = await sign_in_as_mentor(pilot)
        table = screen.query_one("#trainees-table", DataTable)
        found = {row[0]: row for row in table_rows(table)}
        assert list(found) == ["Ann Lee", "Bob Stone", "Cy [bold]Dee[/bold]"]  # names as typed
        ann, bob, cy = found.values()
        # Trainee, Flags, Stage, Quiz best, Calls, Meetings, Applic., Deals, Hang-ups, Exam, Last
        assert ann[1:] == ["", "4 Exam", "100%", "3", "1", "0", "0", "1", "0/2", "1 day ago"]
        assert bob[1] == "stalled, repeated hang-ups"
        assert bob[8:] == ["3", "0/2", "9 days ago"]
        assert cy[1] == "exam locked" and cy[9] == "2/2 locked"
        assert "3 trainees · 2 flagged" in shown(screen.query_one("#trainees-status", Static))

        await pilot.press("f")  # flagged only
        assert [row[0] for row in table_rows(table)] == ["Bob Stone", "Cy [bold]Dee[/bold]"]
        await pilot.press("f", "slash", *"an")  # everyone again, filtered by name
        assert [row[0] for row in table_rows(table)] == ["Ann Lee"]
        screen.query_one("#name-filter", Input).value = ""
        await pilot.press("enter")  # back to the table
        await pilot.pause()
        assert table.has_focus

        await pilot.press("o")  # sort by flags: most first
        assert [row[0] for row in table_rows(table)] == [
            "Bob Stone",
            "Cy [bold]Dee[/bold]",
            "Ann Lee",
        ]
        await pilot.press("r")
        assert table_rows(table)[0][0] == "Ann Lee"
        await pilot.click(DataTable, offset=(2, 0))  # the Trainee header: by name again
        await pilot.pause()
        assert screen.sort_key == "name"
        assert table_rows(table)[0][0] == "Ann Lee"


async def test_a_trainee_shows_attempts_by_stage_answers_funnel_and_skills(
    app: TrainerApp, team: Team
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await sign_in_as_mentor(pilot)
        screen = await open_trainee(pilot, "Ann Lee")
        header = shown(screen.query_one("#trainee-header", Static))
        assert "Ann Lee · stage 4 Exam · exam 0 of 2 used" in header
        table = screen.query_one("#attempts-table", DataTable)
        listed = table_rows(table)
        assert [row[0] for row in listed] == ["Product quiz"] * 2 + ["Practice"] * 3
        assert [row[3] for row in listed] == [
            "100% passed",
            "50% not passed",
            "0% not passed",
            "83.3% not passed",
            "100% passed",
        ]
        assert [row[4] for row in listed[2:]] == [
            "the client hung up",
            "no result",
            "a meeting booked",
        ]

        table.move_cursor(row=1)  # the quiz with two wrong answers: its answers below
        await pilot.pause()
        detail = shown(screen.query_one("#attempt-detail", Static))
        assert detail.count("✗") == 2 and detail.count("✓") == 2
        assert "How many phones in a box? → Ten" in detail or "Days to ship? → 9" in detail

        await pilot.press("p")  # the progress tab
        funnel = shown(screen.query_one("#trainee-funnel", Static))
        assert "Calls" in funnel and "Meetings" in funnel and "Deals" in funnel
        assert "Ann Lee: no deal in 3 calls · below healthy: one deal in 10 clients called" in (
            " ".join(funnel.split())
        )
        trend = shown(screen.query_one("#skill-trend", Static))
        assert "First impression" in trend and "Needs discovery" in trend
        assert "None granted." in shown(screen.query_one("#retakes", Static))


async def test_the_transcript_shows_points_meters_typed_words_and_confidence(
    app: TrainerApp, team: Team
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await sign_in_as_mentor(pilot)
        await open_trainee(pilot, "Ann Lee")
        screen = await open_attempt(pilot, team.ann_typed)
        title = shown(screen.query_one("#mentor-transcript-title", Static))
        assert "Ann Lee · A first call · practice" in title
        result = shown(screen.query_one("#mentor-transcript-result", Static))
        assert "Own result 83.3% not passed · no result" in result
        typed = turn_text(screen, 1)
        assert TYPED in typed  # as typed: never read as markup
        # Heard as the reply's number on the trainee's screen and its words, never its id; how
        # close the words were: a figure over the bar, under 100 for words that are not a copy.
        sure = re.search(
            r"typed → heard as reply 1 \((\d+)% sure\): Hello Ivan, this is Ann Lee",
            " ".join(typed.split()),
        )
        assert sure is not None and 60 <= int(sure.group(1)) < 100, typed
        assert "hello/intro" not in typed, typed
        assert "points First impression +2" in typed
        assert "Coach: You introduced yourself and the company." in typed
        asked = turn_text(screen, 3)
        assert "points Needs discovery +3 · Tact +2" in asked
        assert "meters patience 40 · trust 50 (+10) · interest 30" in asked


async def test_a_note_an_override_and_a_retake_are_signed_and_leave_the_attempt_alone(
    app: TrainerApp, team: Team, db_path: Path
) -> None:
    original = rows(db_path, "SELECT * FROM attempts WHERE id = ?", team.ann_pushy)
    async with app.run_test(size=WIDE) as pilot:
        await sign_in_as_mentor(pilot)
        await open_trainee(pilot, "Ann Lee")
        screen = await open_attempt(pilot, team.ann_pushy)
        await highlight_turn(pilot, screen, 1)
        await pilot.press("c")
        assert isinstance(app.screen, MentorTextModal)
        await pilot.press("enter")  # nothing typed: refused
        assert isinstance(app.screen, MentorTextModal)
        await type_into(pilot, "#text-input", "Introduce yourself first.")
        await pilot.pause()
        assert "✎ Maria Head" in turn_text(screen, 1) and "Introduce yourself first." in (
            turn_text(screen, 1)
        )
        await pilot.press("o")
        await type_into(pilot, "#text-input", "Good recovery next time?")
        await pilot.pause()

        await pilot.press("r")
        assert isinstance(app.screen, MentorOverrideModal)
        await pilot.press(*"55", "enter")  # the score, then on to pass or fail
        await pilot.press("down", "enter")  # passed
        await pilot.press("tab", "enter")  # no reason yet: refused
        assert isinstance(app.screen, MentorOverrideModal)
        assert "needs a reason" in shown(app.screen.query_one("#override-error", Static))
        await type_into(pilot, "#override-reason", "The client was rude")
        assert isinstance(app.screen, ConfirmModal)  # passed at 55%, below the pass mark of 70%
        assert "below the pass mark of 70%" in shown(app.screen.query_one("#confirm-body", Static))
        await pilot.press("y")
        await pilot.pause()
        result = " ".join(shown(screen.query_one("#mentor-transcript-result", Static)).split())
        assert "Own result 0% not passed · the client hung up" in result
        assert "Counts 55% passed ✎ overridden by Maria Head" in result

        await pilot.press("escape")  # the trainee screen: a retake while none is used
        await settle(pilot)
        trainee = app.screen
        assert isinstance(trainee, MentorTraineeScreen)
        await pilot.press("g")
        await pilot.pause()
        assert app.screen is trainee
        assert "2 exam attempts are still unused" in notices(pilot)[-1]
        assert "exam 0 of 2 used" in shown(trainee.query_one("#trainee-header", Static))
        pushy = table_rows(trainee.query_one("#attempts-table", DataTable))[2]
        assert pushy[3] == "55% passed ✎"
        assert pushy[5] == "✎ Maria Head · 2 notes"

    assert rows(db_path, "SELECT * FROM attempts WHERE id = ?", team.ann_pushy) == original
    assert rows(db_path, "SELECT turn_index, mentor, text FROM notes ORDER BY id") == [
        (1, MENTOR, "Introduce yourself first."),
        (None, MENTOR, "Good recovery next time?"),
    ]
    assert rows(db_path, "SELECT attempt_id, mentor, score, passed, reason FROM overrides") == [
        (team.ann_pushy, MENTOR, 55.0, 1, "The client was rude")
    ]
    assert rows(db_path, "SELECT trainee_id, granted_by, reason FROM exam_retakes") == []


async def test_two_attempts_of_a_scenario_compare_turn_by_turn(app: TrainerApp, team: Team) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await sign_in_as_mentor(pilot)
        screen = await open_trainee(pilot, "Ann Lee")
        table = screen.query_one("#attempts-table", DataTable)
        table.move_cursor(row=table.get_row_index(team.ann_quizzes[0]))
        await pilot.press("m")  # a quiz cannot be compared
        assert screen.marked is None
        table.move_cursor(row=table.get_row_index(team.ann_best))
        await pilot.press("m")
        assert screen.marked is not None and screen.marked.attempt.id == team.ann_best
        assert "●" in table_rows(table)[table.get_row_index(team.ann_best)][6]
        table.move_cursor(row=table.get_row_index(team.ann_typed))
        await pilot.press("m")
        await pilot.pause()
        compare = app.screen
        assert isinstance(compare, MentorCompareScreen)
        assert (compare.attempt_a, compare.attempt_b) == (team.ann_best, team.ann_typed)
        steps = compare.query(".compare-step")
        assert [step.id for step in steps] == ["step-1", "step-2", "step-3", "step-4"]
        assert [step.has_class("same") for step in steps] == [True, True, False, False]
        assert steps[3].has_class("ending")
        first_a, first_b = (shown(side) for side in steps[0].query(Static))
        assert "Hello Ivan, this is Ann Lee from Northline." in first_a and TYPED in first_b
        third_a, third_b = (shown(side) for side in steps[2].query(Static))
        assert "[offer/meet]" in third_a and "[offer/send]" in third_b
        ending_a, ending_b = (shown(side) for side in steps[3].query(Static))
        assert "Tuesday works." in ending_a and "Fine, send it. Bye." in ending_b
        await pilot.press("b")  # on to B's transcript
        assert isinstance(app.screen, MentorTranscriptScreen)
        assert app.screen.attempt_id == team.ann_typed


async def test_export_writes_the_transcript_and_escapes_what_the_trainee_typed(
    app: TrainerApp, team: Team, store: Store, programme_content: ContentSet, tmp_path: Path
) -> None:
    target = tmp_path / "exports" / "ann.html"
    target.parent.mkdir()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in_as_mentor(pilot)
        await open_trainee(pilot, "Ann Lee")
        await open_attempt(pilot, team.ann_typed)
        await pilot.press("e")
        modal = app.screen
        assert isinstance(modal, MentorExportModal)
        modal.query_one("#export-path", Input).value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MentorTranscriptScreen)
        report = target.read_text(encoding="utf-8")
        assert "&lt;script&gt;alert(1)&lt;/script&gt; Hello Ivan" in report
        assert "<script>" not in report
        # The mentor reads the scenario's title, as the command line's export shows it, not its id.
        [(content_id,)] = rows(
            store.path, "SELECT content_id FROM attempts WHERE id = ?", team.ann_typed
        )
        title = programme_content.scenarios[str(content_id)].title
        assert f"<h2>{html.escape(title)}: Ann Lee</h2>" in report
        notices = [notification.message for notification in app._notifications]
        assert f"Wrote the HTML report ({target.stat().st_size:,} bytes) to {target}" in notices

        await pilot.press("e")  # the same as CSV: the extension follows the format
        as_csv = app.screen
        assert isinstance(as_csv, MentorExportModal)
        as_csv.query_one("#export-path", Input).value = str(target)
        await pilot.click("#format-csv")
        assert as_csv.query_one("#export-path", Input).value == str(target.with_suffix(".csv"))
        await pilot.click("#export-ok")
        await settle(pilot)
        assert target.with_suffix(".csv").read_text(encoding="utf-8").startswith("trainee_id,")


async def test_the_export_dialog_asks_before_replacing_a_file_and_refuses_the_database(
    app: TrainerApp, team: Team, store: Store, tmp_path: Path
) -> None:
    target = tmp_path / "ann.html"
    target.write_text("last week's report", encoding="utf-8")
    database = store.path.read_bytes()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in_as_mentor(pilot)
        await open_trainee(pilot, "Ann Lee")
        await open_attempt(pilot, team.ann_typed)
        await pilot.press("e")
        modal = app.screen
        assert isinstance(modal, MentorExportModal)
        path_input = modal.query_one("#export-path", Input)

        path_input.value = str(store.path)  # the database in use: never a target
        await settle(pilot)
        assert "is the database in use" in shown(modal.query_one("#export-note", Static))
        await pilot.click("#export-ok")
        await settle(pilot)
        assert app.screen is modal and store.path.read_bytes() == database

        path_input.value = str(target)
        await settle(pilot)
        assert "That file exists" in shown(modal.query_one("#export-note", Static))
        await pilot.pause(0.3)  # a button ignores clicks for a moment after one
        await pilot.click("#export-ok")  # the first press only asks
        await settle(pilot)
        assert app.screen is modal
        assert "ann.html exists. Replace it?" in shown(modal.query_one("#export-note", Static))
        assert str(modal.query_one("#export-ok", Button).label) == "Replace"
        assert target.read_text(encoding="utf-8") == "last week's report"
        await pilot.pause(0.3)  # a button ignores clicks for a moment after one
        await pilot.click("#export-ok")
        await settle(pilot)
        assert isinstance(app.screen, MentorTranscriptScreen)
        assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


async def test_the_compare_legend_is_whole_at_80_by_24(app: TrainerApp, team: Team) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in_as_mentor(pilot)
        screen = await open_trainee(pilot, "Ann Lee")
        table = screen.query_one("#attempts-table", DataTable)
        for attempt in (team.ann_best, team.ann_typed):
            table.move_cursor(row=table.get_row_index(attempt))
            await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MentorCompareScreen)
        # the title's height follows its text: a long scenario title wraps the legend, never cuts it
        title = app.screen.query_one("#compare-title", Static)
        assert title.styles.height is not None and title.styles.height.is_auto
        assert "yellow: different" in " ".join(title.render_lines(title.region)[-1].text.split())
