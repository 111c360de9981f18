"""The mentor's trainees table draws whole columns in its first frame, whenever that comes."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime

from textual.widgets import DataTable

from tests.ui.mentor_team import build, seed_team, sign_in_as_mentor, with_programme
from tests.ui.test_mentor_snapshots import trainees_listed
from trainer.content.content_set import ContentSet
from trainer.store.database import Store


async def test_a_frame_drawn_as_the_rows_arrive_shows_whole_columns(
    content: ContentSet, store: Store
) -> None:
    """A table left to size its columns measures them only when next idle, and a frame drawn
    before that stays cached with every column at its label's width (names and flags clipped)
    until the rows change. Here a frame is drawn right after the rows are filled, as a busy
    machine does, and the frames after it must still show every cell whole."""
    programme_content = with_programme(content)
    seed_team(store, programme_content, datetime.now(UTC))
    async with build(programme_content, store).run_test(size=(80, 24)) as pilot:
        screen = await sign_in_as_mentor(pilot)
        await trainees_listed(pilot)
        screen.show_rows()
        pilot.app.export_screenshot()  # the frame drawn before the table is idle
        await pilot.pause()
        table = screen.query_one("#trainees-table", DataTable)
        assert table.row_count == 3
        frame = html.unescape(pilot.app.export_screenshot()).replace("\xa0", " ")
        shown = re.sub(r"<[^>]+>", "", frame.split("</style>")[-1])  # the text on screen
        # At 80 columns Flags gives way to the columns a mentor needs, and a flagged name says so
        assert "Cy [bold]Dee[/bold] ⚑" in shown and "Bob Stone ⚑" in shown
        assert "2/2 locked" in shown and "9 days ago" in shown
