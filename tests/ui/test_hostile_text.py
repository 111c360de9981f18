"""A mentor's note holding a terminal escape never reaches the trainee's terminal: their
scorecard and transcript show it as marks, whether it was stored before or after sanitising."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from textual.widgets import Static

from tests.ui.conftest import AppFactory, shown_text, sign_in
from trainer.content.content_set import ContentSet
from trainer.engine.session import Session
from trainer.store.attempts import finish_attempt, record_turn, start_attempt
from trainer.store.database import Store
from trainer.store.mentors import add_mentor
from trainer.store.models import Trainee
from trainer.store.reviews import add_note
from trainer.ui.screens.scorecard import ScorecardScreen
from trainer.ui.screens.transcript import TranscriptScreen

PWNED = "\x1b]0;PWNED\x1b\\ \x1b[2J\x1b[5;31m"  # the note: title, clear screen, red
SHOWN = "\u241b]0;PWNED\u241b\\ \u241b[2J\u241b[5;31m"  # the same, as marks on the screen
RAW = ("\x1b", "\x07", "\x9d", "\u202e", "\u200b")


def stored_call(store: Store, content: ContentSet, trainee: Trainee) -> str:
    scenario = content.scenario("first_call")
    session = Session(content, scenario, trainee=trainee.name)
    while not session.ended:
        session.choose(1)
    attempt = start_attempt(
        store,
        trainee.id,
        kind="call",
        content_id=scenario.id,
        content_hash=scenario.digest,
        seed=1,
        mode="practice",
        persona_id=scenario.personas[0],
    )
    for turn in session.turns:
        record_turn(store, attempt.id, turn)
    finish_attempt(store, attempt.id, session.score())
    return attempt.id


def assert_no_raw_characters(texts: list[str]) -> None:
    for text in texts:
        assert [f"U+{ord(c):04X}" for c in RAW if c in text] == [], text


async def test_a_hostile_mentor_note_is_shown_as_marks_on_the_trainees_screens(
    ann: Trainee, make: AppFactory, store: Store, content: ContentSet, db_path: Path
) -> None:
    attempt_id = stored_call(store, content, ann)
    add_mentor(store, "Maria Senior", "a long passphrase")
    add_note(store, attempt_id, "Maria Senior", f"New: {PWNED}")  # cleaned as it is stored
    with sqlite3.connect(db_path) as conn:  # a note stored by an older trainer, unfiltered
        conn.execute(
            "INSERT INTO notes (attempt_id, turn_index, mentor, text, created_at) "
            "VALUES (?, 1, 'Maria Senior', ?, '2026-01-01T00:00:00+00:00')",
            (attempt_id, f"Old: {PWNED} \u202eevil\u200b\x07"),
        )
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        await sign_in(pilot)
        await pilot.press("tab", "enter")  # the recent attempt
        await pilot.pause()
        assert isinstance(app.screen, ScorecardScreen)
        notes = shown_text(app.screen.query_one("#mentor-notes", Static))
        assert "New: ]0;PWNED\\ [2J[5;31m" in notes
        assert f"Old: {SHOWN} \\u202eevil\\u200b\u2407" in notes
        assert_no_raw_characters([shown_text(widget) for widget in app.screen.query(Static)])
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TranscriptScreen)
        lines = [shown_text(line) for line in app.screen.query(".mentor-line").results(Static)]
        assert lines == [
            "Mentor Maria Senior: New: ]0;PWNED\\ [2J[5;31m",
            f"Mentor Maria Senior: Old: {SHOWN} \\u202eevil\\u200b\u2407",
        ]
        assert_no_raw_characters([shown_text(widget) for widget in app.screen.query(Static)])
