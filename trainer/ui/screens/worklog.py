"""The work-log form: a trainee logs a day of real work under guidance in a few keystrokes."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Label, Static

from trainer.content.content_set import ContentSet
from trainer.engine.criteria import work_words
from trainer.errors import TrainerError
from trainer.services import accounts, worklog
from trainer.text import visible
from trainer.ui.messages import HomeRequested
from trainer.ui.widgets.field_keys import FIELD_TABS, FormKeys
from trainer.ui.widgets.form_field import FormField

RECENT_ENTRIES = 5


def count_id(kind: str) -> str:
    """The id of the input for a kind of work, e.g. `count-orders-on-time`."""
    return "count-" + kind.replace("_", "-")


class WorkLogScreen(FormKeys, Screen[None]):
    """A date (today unless changed), a number per kind of work, a note; Ctrl+S saves."""

    CSS_PATH = "worklog.tcss"
    AUTO_FOCUS = "#count-calls"
    BINDINGS: ClassVar[list[BindingType]] = [
        # Not a priority key: it waits behind the keys typed before it, so it saves them all.
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "back", "Back"),
        *FIELD_TABS,
    ]

    def __init__(
        self, store: accounts.Store, trainee: accounts.TraineeCard, content: ContentSet
    ) -> None:
        super().__init__()
        self.store = store
        self.trainee = trainee
        self.content = content

    def compose(self) -> ComposeResult:
        yield Static(
            Text.assemble(("Log a day's work", "bold"), ("  ·  ", "dim"), self.trainee.name),
            id="worklog-header",
        )
        # Above the form, so a problem shows whatever box the form is scrolled to.
        yield Static("", id="worklog-error")
        # Not a stop of its own for Tab, which goes round the boxes and buttons; PgUp/PgDn
        # scroll it from any box.
        with VerticalScroll(id="worklog-body", can_focus=False):
            # Two numbers a row, one line each: the whole form and Save fit in 80x24.
            with Grid(id="worklog-form"):
                yield Label("Day", classes="field-label")
                yield FormField(
                    date.today().isoformat(),
                    id="worklog-day",
                    placeholder="YYYY-MM-DD",
                    classes="wide",
                    compact=True,
                )
                for number, kind in enumerate(worklog.WORK_KINDS, start=1):
                    last_alone = number == len(worklog.WORK_KINDS) and number % 2
                    yield Label(worklog.WORK_LABELS[kind], classes="field-label")
                    yield FormField(
                        placeholder="0",
                        type="integer",
                        id=count_id(kind),
                        classes="count wide" if last_alone else "count",
                        compact=True,
                    )
                yield Label("Note", classes="field-label")
                yield FormField(  # the last box: Enter saves
                    placeholder="who, what went well or not",
                    id="worklog-note",
                    classes="wide",
                    compact=True,
                    moves_on=False,
                )
            with Horizontal(id="worklog-buttons"):
                yield Button("Save", variant="primary", id="worklog-save")
                yield Button("Back", id="worklog-back")
            yield Label("Logged lately", classes="section-title")
            yield Static("", id="worklog-recent")
        yield Footer()

    def on_mount(self) -> None:
        self._show_recent()

    def _show_recent(self) -> None:
        try:
            entries = worklog.work_entries(self.store, self.trainee.id)[:RECENT_ENTRIES]
        except TrainerError as error:
            self.query_one("#worklog-recent", Static).update(Text(str(error)))
            return
        recent = self.query_one("#worklog-recent", Static)
        if not entries:
            recent.update(Text("Nothing logged yet.", "dim"))
            return
        table = Table.grid(padding=(0, 2))
        table.add_column(no_wrap=True)
        table.add_column()
        for entry in entries:
            counts = work_words(entry.counts)
            note = f" · {visible(entry.note, multiline=False)}" if entry.note else ""
            table.add_row(Text(entry.day.strftime("%a %d %b"), "dim"), Text(counts + note))
        recent.update(table)

    def _counts(self) -> dict[str, int]:
        counts = {}
        for kind in worklog.WORK_KINDS:
            value = self.query_one(f"#{count_id(kind)}", Input).value.strip()
            try:
                counts[kind] = int(value) if value else 0
            except ValueError:  # the box takes a lone "-" on its way to a number
                label = worklog.WORK_LABELS[kind]
                raise worklog.WorkLogError(
                    f"{label}: '{value}' is not a whole number", kind
                ) from None
        return counts

    def _day(self) -> date:
        text = self.query_one("#worklog-day", Input).value.strip()
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise worklog.WorkLogError(
                f"'{text}' is not a date like {date.today().isoformat()}", "day"
            ) from None

    @on(Input.Submitted, "#worklog-note")
    def _saved_by_enter(self) -> None:
        """Enter in a number moves on to the next box (`FormField`); in the note, the last box,
        it saves."""
        self.action_save()

    @on(Button.Pressed, "#worklog-save")
    def action_save(self) -> None:
        """Save the entry; on a problem, say what it is and keep everything typed."""
        error = self.query_one("#worklog-error", Static)
        try:
            entry = worklog.log_work(
                self.store,
                self.trainee.id,
                self._day(),
                self._counts(),
                self.query_one("#worklog-note", Input).value,
            )
        except TrainerError as problem:
            error.update(Text(str(problem)))
            error.display = True
            self._focus_field(problem)
            return
        error.display = False
        self.notify(f"Logged {entry.day.strftime('%a %d %b')}.", title="Work log", markup=False)
        self.post_message(HomeRequested())

    def _focus_field(self, problem: TrainerError) -> None:
        """Put the cursor in the box the problem asks to change first, when it names one."""
        field = problem.field if isinstance(problem, worklog.WorkLogError) else None
        if field in worklog.WORK_KINDS:
            self.query_one(f"#{count_id(field)}", Input).focus()
        elif field in ("day", "note"):
            self.query_one(f"#worklog-{field}", Input).focus()

    @on(Button.Pressed, "#worklog-back")
    def action_back(self) -> None:
        self.post_message(HomeRequested())
