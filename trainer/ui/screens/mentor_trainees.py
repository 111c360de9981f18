"""The mentor's trainees table: one row each with figures and flags, sortable and filterable."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.events import ScreenResume
from textual.message import Message
from textual.render import measure
from textual.widgets import Checkbox, DataTable, Footer, Input, Static
from textual.worker import get_current_worker

from trainer.content.content_set import ContentSet
from trainer.content.programme import StageKey
from trainer.errors import StoreError
from trainer.services import accounts, mentor
from trainer.ui import messages
from trainer.ui.commands import PaletteCommand
from trainer.ui.screens.mentor_base import MentorScreen
from trainer.ui.widgets.mentor_text import NO_VALUE, days_ago, percent, plain
from trainer.ui.wording import plural

Row = mentor.TraineeRow


def _stage(row: Row) -> Text:
    if row.status is not None and row.status.ready:
        return Text("ready: signed off", "bold green")
    if row.exam_passed and row.stage is not None and row.stage.key is StageKey.WORK:
        return Text("cleared · at work", "green")
    if row.exam_passed:
        return Text("cleared", "green")
    if row.stage is None:
        return Text(NO_VALUE, "dim")
    return Text(f"{row.stage.number} {row.stage.title}", no_wrap=True, overflow="ellipsis")


def _exam(row: Row) -> Text:
    used = f"{row.exam_attempts_used}/{row.exam_attempts_allowed}"
    if row.exam_passed:
        return Text(f"{used} passed", "green")
    if row.exam_locked:
        return Text(f"{used} locked", "bold red")
    return Text(used)


def _number(value: int) -> Text:
    return Text(str(value), justify="right")


def _flags(row: Row) -> Text:
    return Text(", ".join(row.flags), "bold yellow") if row.flags else Text("")


def _missing_last(value: Any) -> tuple[bool, Any]:
    """Sort values with None after every real one."""
    return (value is None, value)


@dataclass(frozen=True)
class Column:
    """A column of the table: its cell, what it sorts by, and the order in words."""

    key: str
    label: str
    cell: Callable[[Row, datetime], Text]
    sort: Callable[[Row], Any]  # ascending is the order most worth a look
    order: str  # the ascending order, in words
    keep: int  # on a narrow screen, columns are dropped from the highest number down
    width: int | None = None  # None: as wide as the widest cell


COLUMNS = (
    Column(
        "name",
        "Trainee",
        lambda row, _: plain(row.trainee.name, "bold"),
        lambda row: (row.trainee.name.casefold(), row.trainee.id),
        "A to Z",
        keep=0,
    ),
    Column(
        "flags",
        "Flags",
        lambda row, _: _flags(row),
        lambda row: (-len(row.flags), row.flags),
        "most flags first",
        keep=5,
    ),
    Column(
        "stage",
        "Stage",
        lambda row, _: _stage(row),
        lambda row: (row.exam_passed, _missing_last(row.stage and row.stage.number)),
        "earliest stage first",
        keep=6,
        width=16,
    ),
    Column(
        "quiz",
        "Quiz best",
        lambda row, _: Text(percent(row.product_quiz_best), justify="right"),
        lambda row: _missing_last(row.product_quiz_best),
        "lowest first",
        keep=8,
    ),
    Column(
        "calls",
        "Calls",
        lambda row, _: _number(row.calls_made),
        lambda row: row.calls_made,
        "fewest first",
        keep=7,
    ),
    Column(
        "meetings",
        "Meetings",
        lambda row, _: _number(row.meetings),
        lambda row: row.meetings,
        "fewest first",
        keep=9,
    ),
    Column(
        "applications",
        "Applic.",
        lambda row, _: _number(row.applications),
        lambda row: row.applications,
        "fewest first",
        keep=10,
    ),
    Column(
        "deals",
        "Deals",
        lambda row, _: _number(row.deals),
        lambda row: row.deals,
        "fewest first",
        keep=1,
    ),
    Column(
        "hang_ups",
        "Hang-ups",
        lambda row, _: _number(row.hang_ups),
        lambda row: -row.hang_ups,
        "most first",
        keep=2,
    ),
    Column(
        "exam",
        "Exam",
        lambda row, _: _exam(row),
        lambda row: (row.exam_passed, -row.exam_locked, -row.exam_attempts_used),
        "locked first",
        keep=3,
    ),
    Column(
        "last",
        "Last activity",
        lambda row, now: Text(days_ago(row.last_activity, now)),
        lambda row: (row.last_activity is not None, row.last_activity),
        "longest idle first",
        keep=4,
    ),
)
COLUMN_KEYS = [column.key for column in COLUMNS]


class MentorTraineesScreen(MentorScreen):
    """Every trainee, with what is worth a look; Enter opens one."""

    CSS_PATH = "mentor_trainees.tcss"
    AUTO_FOCUS = "#trainees-table"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "filter", "Filter"),
        Binding("f", "flagged_only", "Flagged"),
        Binding("o", "sort_next", "Sort"),
        Binding("r", "sort_reverse", "Reverse order", show=False),
        Binding("a", "analytics", "Analytics"),
        Binding("s", "sign_out", "Sign out"),
    ]

    class OverviewLoaded(Message):
        """Sent by the worker with every trainee's row, read at `now`."""

        def __init__(self, rows: list[Row], now: datetime) -> None:
            super().__init__()
            self.rows = rows
            self.now = now

    class OverviewFailed(Message):
        """Sent by the worker when the store could not be read."""

        def __init__(self, problem: str) -> None:
            super().__init__()
            self.problem = problem

    def __init__(self, content: ContentSet, store: mentor.Store, card: accounts.MentorCard) -> None:
        super().__init__(content, store, card)
        self.rows: list[Row] = []
        self.now = datetime.now(UTC)
        self.sort_key = "name"
        self.reverse = False
        self.loaded = False
        self.visible_keys = list(COLUMN_KEYS)

    def compose(self) -> ComposeResult:
        yield Static(
            Text.assemble(("Trainees", "bold"), ("  mentor ", "dim"), plain(self.mentor.name)),
            id="mentor-header",
        )
        with Horizontal(id="trainee-filters"):
            yield Input(placeholder="Filter by name  (/)", id="name-filter")
            yield Checkbox("Flagged only (f)", id="flagged-only")
        yield DataTable(id="trainees-table", cursor_type="row", zebra_stripes=True, fixed_columns=1)
        yield Static("Reading the trainees…", id="trainees-status")
        yield Footer()

    @on(ScreenResume)
    def _resumed(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="overview")
    def load(self) -> None:
        """Read every trainee's row off the event loop: it reads the whole team's history."""
        now = datetime.now(UTC)
        try:
            rows = mentor.overview(self.store, self.content, now=now)
        except StoreError as error:
            self.post_message(self.OverviewFailed(str(error)))
            return
        if not get_current_worker().is_cancelled:  # a newer read is on its way
            self.post_message(self.OverviewLoaded(rows, now))

    @on(OverviewLoaded)
    def _loaded(self, message: OverviewLoaded) -> None:
        self.rows = message.rows
        self.now = message.now
        self.loaded = True
        self.show_rows()

    @on(OverviewFailed)
    def _failed(self, message: OverviewFailed) -> None:
        self.query_one("#trainees-status", Static).update(Text(message.problem))
        self.notify(
            message.problem, title="Cannot read the trainees", severity="error", markup=False
        )

    # -- the table ------------------------------------------------------------------------------

    def shown_rows(self) -> list[Row]:
        """The rows that pass the filters, in the chosen order."""
        wanted = self.query_one("#name-filter", Input).value.strip().casefold()
        flagged_only = self.query_one("#flagged-only", Checkbox).value
        column = COLUMNS[COLUMN_KEYS.index(self.sort_key)]
        rows = [
            row
            for row in self.rows
            if wanted in row.trainee.name.casefold() and (row.flags or not flagged_only)
        ]
        rows.sort(key=column.sort, reverse=self.reverse)
        return rows

    def show_rows(self) -> None:
        """Rebuild the table from the rows, keeping the highlighted trainee.

        Every column is shown whole or not at all: on a narrow screen the least needed ones
        go (`Column.keep`), and a flagged trainee's name carries ⚑ once Flags has gone.
        """
        table = self.query_one("#trainees-table", DataTable)
        highlighted = self._highlighted_id(table)
        table.clear(columns=True)
        rows = self.shown_rows()
        console = self.app.console
        widths: dict[str, int] = {}
        labels: dict[str, Text] = {}
        for column in COLUMNS:
            label = labels[column.key] = Text(column.label)
            if column.key == self.sort_key:
                label.append(" ▲" if not self.reverse else " ▼", "bold")
            # Each width is set from the cells here: left to the table, it is measured only when
            # the table is next idle, and a frame drawn before that stays cached, columns clipped.
            widths[column.key] = column.width or max(
                measure(console, renderable, 1)
                for renderable in [label, *(column.cell(row, self.now) for row in rows)]
            )
        widths["name"] += 2 if any(row.flags for row in rows) else 0  # room for " ⚑"
        shown = self.fitting_columns(widths)
        for column in shown:
            table.add_column(labels[column.key], key=column.key, width=widths[column.key])
        marked = "flags" not in {column.key for column in shown}
        for row in rows:
            cells = [column.cell(row, self.now) for column in shown]
            if marked and row.flags:
                cells[0] = Text.assemble(cells[0], (" ⚑", "bold yellow"))
            table.add_row(*cells, key=str(row.trainee.id))
        if highlighted is not None and str(highlighted) in table.rows:
            table.move_cursor(row=table.get_row_index(str(highlighted)))
        self._show_status(rows)

    def fitting_columns(self, widths: dict[str, int]) -> list[Column]:
        """The columns that fit the screen's width whole, the most needed first, in table order."""
        room = (self.size.width or self.app.size.width) - 2  # the vertical scrollbar
        kept: set[str] = set()
        for column in sorted(COLUMNS, key=lambda c: c.keep):
            need = widths[column.key] + 2  # a cell's padding, one each side
            if need <= room or not kept:
                kept.add(column.key)
                room -= need
        self.visible_keys = [column.key for column in COLUMNS if column.key in kept]
        return [column for column in COLUMNS if column.key in kept]

    def on_resize(self) -> None:
        if self.loaded:
            self.show_rows()

    def _show_status(self, rows: list[Row]) -> None:
        column = COLUMNS[COLUMN_KEYS.index(self.sort_key)]
        order = column.order if not self.reverse else f"reversed: {column.order}"
        flagged = sum(1 for row in self.rows if row.flags)
        flagged_only = self.query_one("#flagged-only", Checkbox).value
        if not self.rows:
            text = "No trainees have signed up yet."
        elif flagged_only and not flagged:
            text = "Nobody is flagged right now; f shows everyone again."
        elif len(rows) == len(self.rows):
            text = (
                f"{plural(len(rows), 'trainee')} · {flagged} flagged · by {column.label}, {order}"
            )
            text += " (o: next column, r: reverse)"
        else:
            text = f"{len(rows)} of {len(self.rows)} shown · by {column.label}, {order}"
        if self.rows and not rows and not (flagged_only and not flagged):
            text += " · nobody matches the filter"
        self.query_one("#trainees-status", Static).update(Text(text))

    def _highlighted_id(self, table: DataTable[Any]) -> int | None:
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return None if key is None else int(key)

    def highlighted_row(self) -> Row | None:
        """The trainee under the cursor, if any."""
        trainee_id = self._highlighted_id(self.query_one("#trainees-table", DataTable))
        return next((row for row in self.rows if row.trainee.id == trainee_id), None)

    @on(DataTable.RowSelected, "#trainees-table")
    def _open(self, event: DataTable.RowSelected) -> None:
        row = next((r for r in self.rows if str(r.trainee.id) == event.row_key.value), None)
        if row is not None:
            self.post_message(messages.MentorTraineeRequested(row.trainee.id, row.trainee.name))

    @on(DataTable.HeaderSelected, "#trainees-table")
    def _header_clicked(self, event: DataTable.HeaderSelected) -> None:
        key = str(event.column_key.value)
        if key == self.sort_key:
            self.reverse = not self.reverse
        else:
            self.sort_key, self.reverse = key, False
        self.show_rows()

    @on(Input.Changed, "#name-filter")
    @on(Checkbox.Changed, "#flagged-only")
    def _filters_changed(self) -> None:
        if self.loaded:
            self.show_rows()

    @on(Input.Submitted, "#name-filter")
    def _filter_done(self) -> None:
        self.query_one("#trainees-table", DataTable).focus()

    # -- actions --------------------------------------------------------------------------------

    def action_filter(self) -> None:
        self.query_one("#name-filter", Input).focus()

    def action_flagged_only(self) -> None:
        self.query_one("#flagged-only", Checkbox).toggle()

    def action_sort_next(self) -> None:
        """Sort by the next column on screen."""
        keys = self.visible_keys if self.sort_key in self.visible_keys else COLUMN_KEYS
        self.sort_key = keys[(keys.index(self.sort_key) + 1) % len(keys)]
        self.reverse = False
        self.show_rows()

    def action_sort_reverse(self) -> None:
        self.reverse = not self.reverse
        self.show_rows()

    def palette_commands(self) -> list[PaletteCommand]:
        return [
            PaletteCommand(
                "Show flagged trainees only", self.action_flagged_only, "Stalled, hang-ups, exam"
            ),
        ]
