"""The rows of home's lists: a programme item with the trainee's record, a stage, an attempt."""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from trainer.content.content_set import ScenarioSummary
from trainer.engine.programme import StageState
from trainer.services import records
from trainer.ui.wording import attempt_result

STATE_STYLES = {
    StageState.DONE: ("DONE", "bold green"),
    StageState.OPEN: ("OPEN", "bold reverse"),
    StageState.LOCKED: ("LOCKED", "dim"),
}


def record_words(
    best: float | None,
    count: int,
    *,
    untried: str = "not tried yet",
    unfinished: int = 0,
    exam: bool = False,
) -> Text:
    """The trainee's record with a scenario or quiz: best score and completed attempts; with
    none completed, the attempts left unfinished (an exam's cannot be picked up again)."""
    if count == 0:
        if unfinished:
            left = "abandoned" if exam else "not finished"
            return Text(f"{unfinished} attempt{'s' * (unfinished != 1)}, {left}", "italic")
        return Text(untried, "dim")
    tries = f"{count} attempt{'s' * (count != 1)}"
    return Text(f"best {best:g}% · {tries}" if best is not None else tries)


def item_row(title: Text, record: Text, *, locked: bool = False, exam: bool = False) -> ItemRow:
    """An item's title on the left and the trainee's record with it on the right."""
    shown = Text()
    if exam:
        shown.append(" EXAM ", "dim reverse" if locked else "bold reverse")
        shown.append(" ")
    shown.append_text(title)
    if locked:
        shown.stylize("dim")
        record = Text("locked", "dim italic")
    return ItemRow(shown, record)


class ItemRow:
    """A row of the programme: a gutter, the title, and the record flush right.

    It is drawn as a grid table (the title wraps when it must), but a row that fits on one
    line, as nearly all do, is drawn directly, cell for cell as the table draws it: the list
    measures every row each time it lays itself out, and a library of a thousand scenarios
    took seconds of tables to show home.
    """

    GUTTER = 2  # the column before the title, then one space before the title
    # At least this many cells between the title and the record: with one, a title that
    # filled its line read on into the record ("…before you locked").
    GAP = 3
    MARGIN = 1  # after the record, which would otherwise touch the list's scrollbar

    def __init__(self, title: Text, record: Text) -> None:
        self.title = title
        self.record = record

    def room(self, width: int) -> int:
        """The cells the title has on one line of a row `width` cells wide."""
        return width - self.GUTTER - 1 - self.GAP - self.record.cell_len - self.MARGIN

    def table(self) -> Table:
        row = Table.grid(expand=True)
        row.add_column(width=self.GUTTER + 1)
        row.add_column(ratio=1)
        row.add_column(width=self.GAP)
        row.add_column(justify="right", no_wrap=True)
        row.add_column(width=self.MARGIN)
        row.add_row("", self.title, "", self.record, "")
        return row

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        title, record = self.title, self.record
        room = self.room(options.max_width)
        if room < 1 or title.cell_len > room or "\n" in title.plain:
            yield self.table()
            return
        yield Segment(" " * (self.GUTTER + 1))
        yield from Segment.apply_style(title.render(console), console.get_style(title.style))
        yield Segment(" " * (room - title.cell_len + self.GAP))
        yield from Segment.apply_style(record.render(console), console.get_style(record.style))
        yield Segment(" " * self.MARGIN)
        yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.table())


def scenario_row(
    scenario: ScenarioSummary, best: float | None, count: int, unfinished: int = 0
) -> ItemRow:
    """A scenario's title and the trainee's record with it (home without a programme)."""
    record = record_words(best, count, unfinished=unfinished, exam=scenario.exam)
    return item_row(Text(scenario.title), record, exam=scenario.exam)


def stage_heading(number: int | None, title: str, state: StageState | None, note: str) -> Table:
    """A stage's number and title, its state on the right, and a line on what it still needs."""
    row = Table.grid(expand=True, padding=(0, 1))
    row.add_column(width=2, no_wrap=True)
    row.add_column(ratio=1)
    row.add_column(justify="right", no_wrap=True)
    badge = Text()
    if state is not None:
        word, style = STATE_STYLES[state]
        badge = Text(f" {word} ", style)
    row.add_row(Text(str(number) if number else "", "bold"), Text(title, "bold"), badge)
    if note:
        row.add_row("", Text(note, "dim italic"), "")
    return row


def attempt_row(attempt: records.AttemptLine, title: str) -> Table:
    """When, what, and how it went; spaced as a programme row is (`ItemRow`)."""
    row = Table.grid(expand=True)
    row.add_column(no_wrap=True)
    row.add_column(width=1)
    row.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
    row.add_column(width=ItemRow.GAP)
    row.add_column(justify="right", no_wrap=True)
    row.add_column(width=ItemRow.MARGIN)
    when = attempt.started_at.strftime("%d %b %H:%M")
    row.add_row(Text(when, "dim"), "", Text(title), "", attempt_result(attempt), "")
    return row
