"""A programme row's title never runs into its record: at any width, a title that fills its line
(the bundled ones at 80 and 120 columns included) keeps a clear gap before "locked" or a score,
and the record keeps a cell between itself and the list's scrollbar; a recent attempt's row
too. Counts on home read in the singular for one."""

from __future__ import annotations

import io
import itertools
from datetime import UTC, datetime

import pytest
from rich.console import Console
from rich.text import Text
from textual.widgets import OptionList

from tests.conftest import MINI
from tests.ui.conftest import sign_in
from tests.ui.mentor_team import with_programme
from trainer.content.content_set import ContentSet
from trainer.content.loader import load_content
from trainer.engine.turns import Mode
from trainer.services.records import AttemptKind, AttemptLine, AttemptStatus
from trainer.store.database import Store
from trainer.store.models import Trainee
from trainer.ui.app import make_app
from trainer.ui.screens.home import HomeScreen
from trainer.ui.widgets.programme_rows import ItemRow, attempt_row, item_row, record_words
from trainer.ui.wording import attempt_result

RECORDS = [
    record_words(None, 0),
    record_words(87.5, 12),
    record_words(None, 0, unfinished=2),
    Text("21 cards"),
]
# The list's width inside home at 80 and 120 columns (borders and scrollbar aside), and more.
WIDTHS = [*range(24, 121, 7), 76, 116]


def lines(row: ItemRow, width: int) -> list[str]:
    console = Console(width=width, file=io.StringIO(), color_system=None)
    with console.capture() as captured:
        console.print(row, width=width)
    return captured.get().splitlines()


@pytest.mark.parametrize("locked", [False, True])
def test_every_bundled_title_keeps_its_gap_before_the_record(
    bundled: ContentSet, locked: bool
) -> None:
    titles = [scenario.title for scenario in bundled.scenarios.values()]
    titles += ["A key account wants to postpone an order: find out why before you agree"]
    checked = 0
    for title, record, width in itertools.product(titles, RECORDS, WIDTHS):
        row = item_row(Text(title), record, locked=locked)
        shown = row.record.plain
        first, *_ = lines(row, width)
        assert len(first) <= width
        if not first.rstrip().endswith(shown):
            continue  # too narrow for the record beside any title: the table's own fallback
        before = first.rstrip()[: -len(shown)]
        assert before.endswith(" " * ItemRow.GAP), (title, width, first)
        assert first.endswith(" " * ItemRow.MARGIN), (title, width, first)
        checked += 1
    assert checked > 1000


def test_a_title_that_just_fits_is_not_wrapped_and_one_more_cell_wraps_it() -> None:
    record = Text("locked")
    width = 80
    room = item_row(Text("x"), record).room(width)
    fits = item_row(Text("t" * room), record)
    assert lines(fits, width) == ["   " + "t" * room + "   locked "]
    wraps = item_row(Text("t" * (room - 4) + " tail"), record)
    assert lines(wraps, width) == [
        "   " + "t" * (room - 4) + " " * 7 + "locked ",
        "   tail" + " " * (width - 7),
    ]


def test_a_recent_attempt_keeps_the_same_gap_and_margin() -> None:
    attempt = AttemptLine(
        id="a1",
        content_id="postpone",
        kind=AttemptKind.CALL,
        mode=Mode.PRACTICE,
        status=AttemptStatus.COMPLETED,
        started_at=datetime(2026, 11, 28, 20, 2, tzinfo=UTC),
        percent=100.0,
        passed=True,
        outcome=None,
        persona_id=None,
    )
    title = "A key account wants to postpone an order: find out why before you agree"
    result = attempt_result(attempt).plain
    for width in (46, 76, 116):
        console = Console(width=width, file=io.StringIO(), color_system=None)
        with console.capture() as captured:
            console.print(attempt_row(attempt, title), width=width)
        (line,) = captured.get().splitlines()
        assert line.endswith(result + " " * ItemRow.MARGIN), line
        assert line[: -len(result) - ItemRow.MARGIN].endswith(" " * ItemRow.GAP), line


async def test_home_counts_one_card_and_one_product_in_the_singular(
    ann: Trainee, store: Store
) -> None:
    content = with_programme(load_content(MINI))
    app = make_app(content, store.path, typing_delay=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot)
        assert isinstance(app.screen, HomeScreen)
        listed = app.screen.query_one("#programme", OptionList)
        shown = [listed.get_option_at_index(i).prompt for i in range(listed.option_count)]
        records = [row.record.plain for row in shown if isinstance(row, ItemRow)]
    assert "1 card" in records and "1 product" in records
