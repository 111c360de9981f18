"""The mentor's tables at 80x24 and 120x40: every column on screen is shown whole, and those a
mentor needs are always there; "Flagged only" with nobody flagged says so."""

from __future__ import annotations

import html
from datetime import UTC, datetime
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from tests.ui.mentor_team import (
    MENTOR,
    PASSPHRASE,
    Team,
    build,
    cheap_hashing,
    open_trainee,
    seed_team,
    settle,
    shown,
    sign_in_as_mentor,
    table_rows,
    with_programme,
)
from trainer.content.content_set import ContentSet
from trainer.store.database import Store
from trainer.store.mentors import add_mentor
from trainer.store.reviews import add_note, override_attempt
from trainer.store.trainees import add_trainee

SIZES = [(80, 24), (120, 40)]


@pytest.fixture(autouse=True)
def cheap_mentor_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    cheap_hashing(monkeypatch)


@pytest.fixture(scope="session")
def programme_content(content: ContentSet) -> ContentSet:
    return with_programme(content)


def drawn(pilot: Pilot[Any]) -> str:
    return html.unescape(pilot.app.export_screenshot()).replace("\xa0", " ")


def labels(table: DataTable[Any]) -> list[str]:
    return [column.label.plain.rstrip(" ▲▼") for column in table.ordered_columns]


def assert_whole(pilot: Pilot[Any], table: DataTable[Any]) -> None:
    """Every column fits inside the screen, and every cell is as wide as its column allows."""
    used = sum(column.get_render_width(table) for column in table.ordered_columns)
    assert used <= pilot.app.size.width - 2, labels(table)
    lines = [table.render_line(y).text for y in range(table.size.height)]
    page = "\n".join(lines)
    for label in labels(table):
        assert label in lines[0], label
    for row in table_rows(table):
        for cell in row:
            assert cell in page, cell


@pytest.mark.parametrize("size", SIZES)
async def test_the_trainees_table_keeps_what_a_mentor_needs(
    programme_content: ContentSet, store: Store, size: tuple[int, int]
) -> None:
    seed_team(store, programme_content, datetime.now(UTC))
    async with build(programme_content, store).run_test(size=size) as pilot:
        screen = await sign_in_as_mentor(pilot)
        await settle(pilot)
        table = screen.query_one("#trainees-table", DataTable)
        shown_labels = labels(table)
        for needed in ("Trainee", "Deals", "Hang-ups", "Exam", "Last activity"):
            assert needed in shown_labels, shown_labels
        assert_whole(pilot, table)
        names = [row[0] for row in table_rows(table)]
        if "Flags" not in shown_labels:  # a flagged trainee is marked instead
            assert names == ["Ann Lee", "Bob Stone ⚑", "Cy [bold]Dee[/bold] ⚑"]
        await pilot.press("o")  # sorting moves through the columns on screen only
        assert screen.sort_key in screen.visible_keys


@pytest.mark.parametrize("size", SIZES)
async def test_the_trainee_page_keeps_outcome_and_mentor(
    programme_content: ContentSet, store: Store, size: tuple[int, int]
) -> None:
    team: Team = seed_team(store, programme_content, datetime.now(UTC))
    override_attempt(store, team.ann_pushy, MENTOR, reason="rude client", score=55.0)
    add_note(store, team.ann_pushy, MENTOR, "Slow down.")
    async with build(programme_content, store).run_test(size=size) as pilot:
        await sign_in_as_mentor(pilot)
        screen = await open_trainee(pilot, "Ann Lee")
        table = screen.query_one("#attempts-table", DataTable)
        shown_labels = labels(table)
        for needed in ("What", "Counts", "Outcome", "Mentor"):
            assert needed in shown_labels, shown_labels
        assert_whole(pilot, table)
        page = "\n".join(table.render_line(y).text for y in range(table.size.height))
        assert "the client hung up" in page and "✎ Maria Head · 1 note" in page


async def test_flagged_only_with_nobody_flagged_says_so(
    programme_content: ContentSet, store: Store
) -> None:
    add_mentor(store, MENTOR, PASSPHRASE)
    add_trainee(store, "Nia New")
    async with build(programme_content, store).run_test(size=(80, 24)) as pilot:
        screen = await sign_in_as_mentor(pilot)
        await settle(pilot)
        await pilot.press("f")
        await pilot.pause()
        status = shown(screen.query_one("#trainees-status", Static))
        assert "Nobody is flagged right now; f shows everyone again." in status
        assert "Nobody is flagged right now" in drawn(pilot)  # whole, not cut
