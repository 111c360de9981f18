"""The call log at 80 and 120 columns: the result of every call is on screen and whole."""

from __future__ import annotations

from typing import Any

import pytest
from textual.geometry import Region
from textual.widgets import DataTable

from tests.ui.conftest import Build, SeededScore, sign_in, unlock_stage, use_exam_attempt
from trainer.content.content_set import ContentSet
from trainer.engine.criteria import WorkCounts, work_words
from trainer.store.attempts import finish_attempt, start_attempt
from trainer.store.database import Store
from trainer.store.models import Trainee
from trainer.ui.screens.call_log import CallLogScreen, column_widths


def seen(table: DataTable[Any]) -> str:
    """The table as the trainee sees it, line by line."""
    region = Region(0, 0, table.size.width, table.size.height)
    return "\n".join(strip.text for strip in table.render_lines(region))


def longest_title(content: ContentSet) -> str:
    return max((s for s in content.summaries.values() if not s.exam), key=lambda s: len(s.title)).id


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_every_result_is_whole_on_screen(
    build: Build, bundled: ContentSet, store: Store, ann: Trainee, size: tuple[int, int]
) -> None:
    unlock_stage(store, ann.id, bundled, 4)
    use_exam_attempt(store, ann.id, bundled, passed=True)
    long_id = longest_title(bundled)
    attempt = start_attempt(
        store, ann.id, kind="call", content_id=long_id, content_hash="x", seed=1, mode="practice"
    )
    # a deal on a failed call: the longest result there is
    score = SeededScore(outcome="deal", percent=33.3, passed=False)
    finish_attempt(store, attempt.id, score)  # type: ignore[arg-type]
    app = build()
    async with app.run_test(size=size) as pilot:
        await sign_in(pilot)
        await pilot.press("c")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CallLogScreen)
        table = screen.query_one("#log-table", DataTable)
        assert table.virtual_size.width <= table.scrollable_content_region.width  # no side-scroll
        shown = seen(table)
        header = shown.splitlines()[0].split()
        assert header == ["When", "What", "Kind", "Result"], shown
        flat = " ".join(shown.split())
        assert "a deal · 90% passed" in flat  # whole: not "passe"
        assert "a deal · 88% passed" in flat  # the exam
        assert "33.3% not passed" in flat and "(not counted:" in flat  # wrapped, never cut
        title = bundled.scenario(long_id).title
        if size[0] == 80:
            assert title not in flat and "…" in shown  # the title gives way, with an ellipsis


def test_the_result_gets_its_room_before_the_title() -> None:
    assert column_widths(100, 20, 20) == (12, 20, 8, 60)  # everything fits: the rest to Result
    when, what, kind, result = column_widths(60, 70, 60)  # 80 columns less padding
    assert result == 30 and what == 60 - when - kind - result
    assert column_widths(100, 70, 25)[3] == 25  # a short result keeps its own width


def test_logged_work_is_counted_in_the_singular_for_one() -> None:
    counts = WorkCounts(calls=9, deals=1, proposals=1, orders_on_time=2)
    assert work_words(counts) == "9 calls, 1 proposal sent, 1 deal, 2 orders on time"
