"""The mentor's screens mark a record that does not match its transcript, and only such a one."""

from __future__ import annotations

import sqlite3

from textual.widgets import DataTable, Static

from tests.ui.mentor_team import (
    SIZE,
    Team,
    app,  # noqa: F401  (fixtures the tests take by name)
    cheap_mentor_hashing,  # noqa: F401
    open_attempt,
    open_trainee,
    programme_content,  # noqa: F401
    shown,
    sign_in_as_mentor,
    table_rows,
    team,  # noqa: F401
)
from trainer.content.content_set import ContentSet
from trainer.services.integrity import check_records
from trainer.store.database import Store
from trainer.ui.app import TrainerApp

FLAG = "This record does not match its transcript"


def test_the_seeded_team_holds_together(
    store: Store,
    programme_content: ContentSet,
    team: Team,
) -> None:
    assert [f.message for f in check_records(store, programme_content) if f.flagged] == []


async def test_a_score_edited_by_hand_is_flagged_on_the_trainee_and_the_transcript(
    app: TrainerApp,
    store: Store,
    team: Team,
) -> None:
    # Someone with the database file raises a lost call to a pass.
    with sqlite3.connect(store.path) as conn:
        conn.execute("UPDATE attempts SET score = 95, passed = 1 WHERE id = ?", (team.ann_pushy,))
    async with app.run_test(size=SIZE) as pilot:
        await sign_in_as_mentor(pilot)
        trainee = await open_trainee(pilot, "Ann Lee")
        table = trainee.query_one("#attempts-table", DataTable)
        rows = dict(zip(trainee.attempts, table_rows(table), strict=True))
        assert any("⚠ flagged" in cell for cell in rows[team.ann_pushy])
        others = [row for key, row in rows.items() if key != team.ann_pushy]
        assert others and not any("flagged" in cell for row in others for cell in row)
        table.move_cursor(row=table.get_row_index(team.ann_pushy))
        await pilot.pause()
        detail = " ".join(shown(trainee.query_one("#attempt-detail", Static)).split())
        assert f"{FLAG}: its score (95%) is not what its turns earn" in detail
        assert "recorded as passed, but its turns fail" in detail

        transcript = await open_attempt(pilot, team.ann_pushy)
        flag = transcript.query_one("#mentor-transcript-flag", Static)
        assert flag.display
        assert f"{FLAG}: its score (95%)" in " ".join(shown(flag).split())
        await pilot.press("escape")
        await pilot.pause()
        honest = await open_attempt(pilot, team.ann_best)
        assert not honest.query_one("#mentor-transcript-flag", Static).display
