"""The call log: every call (practice and exam, the exam marked) and every day of work logged,
with filters by kind, result and period, and the counters every screen shares."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.events import Resize, ScreenResume
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from trainer.content.content_set import ContentSet
from trainer.content.scenario.model import Outcome
from trainer.engine.criteria import work_words
from trainer.errors import TrainerError
from trainer.services import accounts, worklog
from trainer.text import visible
from trainer.ui.messages import AttemptOpened, HomeRequested
from trainer.ui.wording import call_log_text, outcome_words

KINDS = tuple(worklog.LogKind)
OUTCOMES = (worklog.ANY_OUTCOME, *(outcome.value for outcome in Outcome))
PERIODS = tuple(worklog.Period)
KIND_WORDS = {
    worklog.LogKind.ALL: "everything",
    worklog.LogKind.PRACTICE: "practice calls",
    worklog.LogKind.EXAM: "exam calls",
    worklog.LogKind.WORK: "work log",
}
PERIOD_WORDS = {
    worklog.Period.ALL: "all time",
    worklog.Period.TODAY: "today",
    worklog.Period.WEEK: "last 7 days",
    worklog.Period.MONTH: "last 30 days",
}


COLUMNS = ("When", "What", "Kind", "Result")
WHEN_WIDTH = len("29 Nov 15:22")
KIND_WIDTH = len("work log")
NOTHING = "Nothing matches these filters."
# No filter set and still empty: nothing recorded at all (work is logged only after the exam).
NOTHING_YET = "No calls yet."
RESULT_ROOM = 30  # "a meeting booked · 100% passed" on one line; longer results wrap


def column_widths(room: int, what: int, result: int) -> tuple[int, int, int, int]:
    """Widths of When, What, Kind and Result in `room` cells, padding left out: the result (the
    point of the log) first, up to half the room beyond `RESULT_ROOM`; What the rest, cut."""
    free = max(room - WHEN_WIDTH - KIND_WIDTH, 2)
    if what + result <= free:
        return WHEN_WIDTH, what, KIND_WIDTH, free - what
    shown = min(result, max(RESULT_ROOM, free // 2), free - 1)
    return WHEN_WIDTH, free - shown, KIND_WIDTH, shown


def _next(values: tuple[str, ...], current: str) -> str:
    return values[(values.index(current) + 1) % len(values)]


def call_result(call: worklog.CallLine) -> Text:
    """How a call ended, as the counters count it."""
    if not call.counted:
        return Text("in progress", "dim")
    words = Text(outcome_words(call.outcome))
    if call.outcome == Outcome.DEAL.value and not call.deal_counted:
        words.append(" (not counted: the call did not pass)", "italic")
    if call.score is not None:
        verdict = "passed" if call.passed else "not passed"
        words.append(f" · {call.score:g}% {verdict}", "dim")
    elif call.status.value == "abandoned":
        words.append(" · left", "dim")
    return words


class CallLogScreen(Screen[None]):
    """The trainee's calls and work log; k, r and d change the filters, Enter opens a call."""

    CSS_PATH = "call_log.tcss"
    AUTO_FOCUS = "#log-table"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("k", "kind", "Kind"),
        Binding("r", "outcome", "Result"),
        Binding("d", "period", "Period"),
        Binding("escape", "back", "Home"),
    ]

    def __init__(
        self, store: accounts.Store, trainee: accounts.TraineeCard, content: ContentSet
    ) -> None:
        super().__init__()
        self.store = store
        self.trainee = trainee
        self.content = content
        self.kind = worklog.LogKind.ALL
        self.outcome = worklog.ANY_OUTCOME
        self.period = worklog.Period.ALL
        self.view: worklog.CallLogView | None = None

    def compose(self) -> ComposeResult:
        yield Static(
            Text.assemble(("Call log", "bold"), ("  ·  ", "dim"), self.trainee.name),
            id="log-header",
        )
        yield Static("", id="log-counters")
        yield Static("", id="log-filters")
        yield DataTable(id="log-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.reload()

    @on(Resize)
    def _resized(self) -> None:
        if self.view is not None:
            self._show(self.view)

    @on(ScreenResume)
    def _resumed(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Read the log again with the filters as they are."""
        try:
            self.view = worklog.call_log(
                self.store,
                self.trainee.id,
                self.content.programme,
                kind=self.kind,
                outcome=self.outcome,
                period=self.period,
            )
        except TrainerError as error:
            self.notify(str(error), title="Cannot read your log", severity="error", markup=False)
            return
        self._show(self.view)

    def _show(self, view: worklog.CallLogView) -> None:
        counters = call_log_text(view.counters)
        self.query_one("#log-counters", Static).update(counters)
        outcome = (
            "any result" if self.outcome == worklog.ANY_OUTCOME else outcome_words(self.outcome)
        )
        filters = Text.assemble(
            ("Showing ", "dim"),
            (KIND_WORDS[self.kind], "bold"),
            (" · ", "dim"),
            (outcome, "bold"),
            (" · ", "dim"),
            (PERIOD_WORDS[self.period], "bold"),
            (f"   {view.shown_calls} calls", "dim"),
        )
        work = work_words(view.work_totals)
        if work:
            filters.append(f" · work logged: {work}", "dim")
        self.query_one("#log-filters", Static).update(filters)
        table = self.query_one("#log-table", DataTable)
        cells = [
            (self._cells(line), self._key(line, number)) for number, line in enumerate(view.lines)
        ]
        # The columns share the screen's width so the result is never scrolled off or cut: a long
        # title ends in an ellipsis, a long result wraps onto a second line.
        padding = 2 * table.cell_padding * len(COLUMNS) + table.styles.scrollbar_size_vertical
        widths = column_widths(
            self.size.width - padding,
            max((row[1].cell_len for row, _ in cells), default=len(NOTHING_YET)),
            max((row[3].cell_len for row, _ in cells), default=0),
        )
        table.clear(columns=True)
        for label, width in zip(COLUMNS, widths, strict=True):
            table.add_column(label, width=width)
        for row, key in cells:
            when, what, kind, result = row
            what.no_wrap, what.overflow = True, "ellipsis"
            table.add_row(when, what, kind, result, key=key, height=None)
        if not view.lines:
            table.add_row("", Text(self._nothing(), "dim"), "", "", key="none")

    def _nothing(self) -> str:
        """Why the list is empty: the filters, or nothing recorded yet."""
        unfiltered = (
            self.kind is worklog.LogKind.ALL
            and self.outcome == worklog.ANY_OUTCOME
            and self.period is worklog.Period.ALL
        )
        return NOTHING_YET if unfiltered else NOTHING

    def _cells(self, line: worklog.LogLine) -> tuple[Text, Text, Text, Text]:
        if line.call is not None:
            call = line.call
            scenario = self.content.scenarios.get(call.content_id)
            title = scenario.title if scenario is not None else call.content_id
            kind = Text(" EXAM ", "bold reverse") if call.exam else Text("practice")
            when = call.started_at.astimezone().strftime("%d %b %H:%M")
            return Text(when, "dim"), Text(title), kind, call_result(call)
        assert line.entry is not None
        entry = line.entry
        note = visible(entry.note, multiline=False)
        return (
            Text(entry.day.strftime("%d %b"), "dim"),
            Text(work_words(entry.counts) or "a note"),
            Text("work log"),
            Text(note, "italic"),
        )

    @staticmethod
    def _key(line: worklog.LogLine, number: int) -> str:
        if line.call is not None:
            return f"attempt:{line.call.attempt_id}"
        return f"work:{number}"

    @on(DataTable.RowSelected, "#log-table")
    def _open(self, event: DataTable.RowSelected) -> None:
        key = event.row_key.value or ""
        if key.startswith("attempt:"):
            self.post_message(AttemptOpened(key.removeprefix("attempt:")))

    def action_kind(self) -> None:
        self.kind = worklog.LogKind(_next(KINDS, self.kind))
        self.reload()

    def action_outcome(self) -> None:
        self.outcome = _next(OUTCOMES, self.outcome)
        self.reload()

    def action_period(self) -> None:
        self.period = worklog.Period(_next(PERIODS, self.period))
        self.reload()

    def action_back(self) -> None:
        self.post_message(HomeRequested())
