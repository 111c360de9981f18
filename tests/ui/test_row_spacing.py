"""A programme row's title never runs into its record: at any width, a title that fills its line
(the bundled ones at 80 and 120 columns included) keeps a clear gap before "locked" or a score,
and the record keeps a cell between itself and the list's scrollbar."""

from __future__ import annotations

import io
import itertools

import pytest
from rich.console import Console
from rich.text import Text

from trainer.content.content_set import ContentSet
from trainer.ui.widgets.programme_rows import ItemRow, item_row, record_words

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
