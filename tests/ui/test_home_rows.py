"""Home over a large library: rows drawn directly are the grid table's cell for cell, and a
library read back from the content cache builds a scenario only when it is opened."""

from __future__ import annotations

import io
import itertools
import shutil
from pathlib import Path

import pytest
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.widgets import OptionList

from tests.conftest import MINI
from tests.ui.conftest import frozen_clock, sign_in
from trainer.content.cache import ContentCache
from trainer.content.content_set import LazyScenarios
from trainer.content.loader import load_content, validate
from trainer.store.database import Store
from trainer.store.models import Trainee
from trainer.ui.app import make_app
from trainer.ui.screens.home import HomeScreen
from trainer.ui.widgets.programme_rows import item_row, record_words

TITLES = [
    "A",
    "A first call",
    "Cold call: a buyer who has heard every pitch and wants the price before hello",
    "Ünïcode 日本語 title",
]
RECORDS = [record_words(None, 0), record_words(50, 2), record_words(87.5, 1), record_words(None, 3)]


def cells(segments: list[Segment]) -> list[tuple[str, Style | None]]:
    """Each cell's character and style, a null style read as none."""
    return [
        (character, segment.style or None)
        for segment in segments
        if not segment.control
        for character in segment.text
    ]


@pytest.mark.parametrize(("exam", "locked"), itertools.product([False, True], repeat=2))
def test_a_row_drawn_directly_is_the_table_cell_for_cell(exam: bool, locked: bool) -> None:
    console = Console(width=200, color_system="truecolor", file=io.StringIO())
    direct = 0
    for title, record, width in itertools.product(TITLES, RECORDS, range(6, 100, 3)):
        row = item_row(Text(title), record, exam=exam, locked=locked)
        options = console.options.update_width(width)
        drawn = list(console.render(row, options))
        table = list(console.render(row.table(), options))
        assert cells(drawn) == cells(table), (title, width)
        fits = row.title.cell_len <= row.room(width)
        direct += fits
    assert direct > 100  # most rows took the direct path, so it is what was compared


async def test_home_over_a_library_read_back_builds_no_scenario_until_one_opens(
    tmp_path: Path, store: Store, ann: Trainee
) -> None:
    """Home lists a cached library from its summaries; a scenario's nodes are read back when
    the trainee opens it, and only that one."""
    library = tmp_path / "library"
    shutil.copytree(MINI, library)
    cache = ContentCache(tmp_path / "data" / "cache")
    first = validate(library, cache=cache).content
    assert first is not None and first.programme is None  # home lists every scenario
    content = load_content(library, cache)
    scenarios = content.scenarios
    assert isinstance(scenarios, LazyScenarios)
    app = make_app(content, store.path, typing_delay=0, clock=frozen_clock)
    async with app.run_test(size=(110, 36)) as pilot:
        await sign_in(pilot)
        assert isinstance(app.screen, HomeScreen)
        listed = app.screen.query_one("#programme", OptionList)
        shown = [str(listed.get_option_at_index(i).id) for i in range(listed.option_count)]
        assert [f"scenario:{key}" for key in first.scenarios] == [
            key for key in shown if key.startswith("scenario:")
        ]
        assert not scenarios._built
        listed.highlighted = shown.index("scenario:first_call")
        await pilot.press("enter")
        await pilot.pause()
        assert set(scenarios._built) == {"first_call"}
