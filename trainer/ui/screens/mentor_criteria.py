"""A trainee's work under guidance for the mentor: the seven criteria week by week, the
trainee's targets, and the readiness sign-off that closes the programme."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from trainer.content.content_set import ContentSet
from trainer.content.programme import WorkTargets
from trainer.engine.criteria import work_words
from trainer.errors import TrainerError
from trainer.services import accounts, mentor, worklog
from trainer.text import visible
from trainer.ui.commands import PaletteCommand
from trainer.ui.modals.mentor_text import MentorTextModal
from trainer.ui.modals.work_targets import WorkTargetsModal
from trainer.ui.screens.mentor_base import MentorScreen
from trainer.ui.wording import indented

STATE_STYLES = {
    worklog.CriterionState.MET: ("met", "bold green"),
    worklog.CriterionState.SHORT: ("short", "bold yellow"),
    worklog.CriterionState.NO_DATA: ("no data", "dim"),
}


def criteria_table(report: worklog.CriteriaReport) -> Table:
    """The seven criteria, one block each: the title, the weeks' sparkline and met or short on
    one line; where the trainee stands and what good work is on lines of their own below, so
    each reads whole at 80 columns as at 200."""
    first, last = report.weeks[0], report.weeks[-1]
    table = Table.grid(expand=True)
    table.add_column(ratio=1)
    table.add_row(Text(f"Weeks from {first:%d %b} to {last:%d %b}, oldest on the left", "dim"))
    for criterion in report.criteria:
        word, style = STATE_STYLES[criterion.state]
        head = Table.grid(expand=True, padding=(0, 1))
        head.add_column(ratio=1)
        head.add_column(no_wrap=True)
        head.add_column(no_wrap=True, justify="right", min_width=7)
        head.add_row(
            Text(criterion.title, "bold"),
            Text(worklog.sparkline(criterion.series), "cyan"),
            Text(word, style),
        )
        table.add_row(head)
        table.add_row(indented(Text.assemble(("Stands: ", "dim"), criterion.figure), 2))
        table.add_row(indented(Text.assemble(("Good work is: ", "dim"), (criterion.target, "")), 2))
    return table


def _plural(count: float, word: str) -> str:
    return f"{count:g} {word}{'s' * (count != 1)}"


def targets_text(board: worklog.Dashboard) -> Text:
    targets = board.targets
    text = Text.assemble(
        ("Targets: ", "bold"),
        f"{_plural(targets.meetings_per_day, 'meeting')} a day · "
        f"{_plural(targets.calls_per_week, 'call')} a week · "
        f"{_plural(targets.monthly_plan, 'deal')} a month",
    )
    chosen = board.targets_set
    if chosen is None:
        text.append("  (the programme's; t sets this trainee's own)", "dim")
    else:
        text.append(
            f"  (set by {visible(chosen.set_by, multiline=False)} on "
            f"{chosen.set_at.astimezone():%d %b %Y})",
            "dim",
        )
    return text


def recent_table(board: worklog.Dashboard) -> Table | Text:
    """The latest entries as the trainee logged them, with their notes; late ones marked."""
    if not board.recent:
        return Text("Nothing logged yet.", "dim")
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True)
    table.add_column()
    for entry in board.recent:
        line = Text(work_words(entry.counts) or "a note")
        if entry.note:
            line.append(f" · {visible(entry.note, multiline=False)}", "italic")
        late = worklog.logged_late(entry)
        if late:
            line.append(f"  (logged {late} days later)", "yellow")
        table.add_row(Text(f"{entry.day:%a %d %b}", "dim"), line)
    return table


def sign_off_text(board: worklog.Dashboard) -> Text:
    signed = board.sign_off
    if signed is not None:
        return Text.assemble(
            ("✓ Readiness signed off", "bold green"),
            f" by {visible(signed.mentor, multiline=False)} on "
            f"{signed.signed_at.astimezone():%d %b %Y}: ",
            Text(visible(signed.note, multiline=False), "italic"),
        )
    if not board.cleared:
        return Text(
            "Readiness is signed off once the final exam is passed and real work is logged.",
            "dim",
        )
    return Text(
        f"{board.report.met} of {len(board.report.criteria)} measures met. "
        "When the work shows the trainee is ready to work alone, s signs readiness off.",
    )


class MentorCriteriaScreen(MentorScreen):
    """The seven criteria for one trainee; t sets targets, s signs readiness off."""

    CSS_PATH = "mentor_criteria.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("t", "targets", "Targets"),
        Binding("s", "sign_off", "Sign off readiness"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(
        self,
        content: ContentSet,
        store: mentor.Store,
        card: accounts.MentorCard,
        trainee_id: int,
        name: str,
    ) -> None:
        super().__init__(content, store, card)
        self.trainee_id = trainee_id
        self.trainee_name = name
        self.board: worklog.Dashboard | None = None

    def compose(self) -> ComposeResult:
        yield Static(
            Text.assemble(("Work under guidance", "bold"), "  ·  ", self.trainee_name),
            id="criteria-header",
        )
        with VerticalScroll(id="criteria-body"):
            yield Static("", id="criteria-targets")
            yield Static("", id="criteria-table")
            yield Static("", id="criteria-sign-off")
            yield Static(Text("Logged lately", "bold"), classes="section")
            yield Static("", id="criteria-log")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Read the trainee's log, targets and sign-off again."""
        try:
            board = worklog.dashboard(self.store, self.trainee_id, self.content.programme)
        except TrainerError as error:
            self.notify(
                str(error), title="Cannot read the work log", severity="error", markup=False
            )
            return
        self.board = board
        self.query_one("#criteria-targets", Static).update(targets_text(board))
        about = Text(
            "Each line: the week's figure, oldest week on the left; from the trainee's work "
            "log, and for reaching the decision-maker from their calls' scores.",
            "dim",
        )
        self.query_one("#criteria-table", Static).update(Group(criteria_table(board.report), about))
        self.query_one("#criteria-sign-off", Static).update(sign_off_text(board))
        self.query_one("#criteria-log", Static).update(recent_table(board))

    def action_targets(self) -> None:
        current = self.board.targets if self.board is not None else WorkTargets()
        self.app.push_screen(WorkTargetsModal(self.trainee_name, current), self._targets_given)

    def _targets_given(self, targets: WorkTargets | None) -> None:
        if targets is None:
            return
        try:
            worklog.set_targets(self.store, self.trainee_id, self.mentor, targets)
        except TrainerError as error:
            self.notify(str(error), title="Targets not set", severity="error", markup=False)
            return
        self.notify(f"Targets set for {self.trainee_name}.", markup=False)
        self.reload()

    def action_sign_off(self) -> None:
        board = self.board
        if board is not None and board.sign_off is not None:
            self.notify("Readiness is already signed off.", markup=False)
            return
        met = (
            ""
            if board is None
            else f"{board.report.met} of {len(board.report.criteria)} measures met. "
        )
        self.app.push_screen(
            MentorTextModal(
                f"Sign off {self.trainee_name}'s readiness to work alone",
                met + "This closes the programme. What shows they are ready? "
                "The note is kept with your name.",
                placeholder="What shows the trainee is ready",
                empty="A sign-off needs a note.",
                save="Sign off",
            ),
            self._sign_off_note,
        )

    def _sign_off_note(self, note: str | None) -> None:
        if note is None:
            return
        try:
            worklog.sign_off(self.store, self.trainee_id, self.mentor, note, self.content.programme)
        except TrainerError as error:
            self.notify(str(error), title="Not signed off", severity="error", markup=False)
            return
        self.notify(f"{self.trainee_name}'s readiness is signed off.", markup=False)
        self.reload()

    def palette_commands(self) -> list[PaletteCommand]:
        return [
            PaletteCommand(
                f"Set targets for {self.trainee_name}", self.action_targets, "Meetings, calls, plan"
            ),
            PaletteCommand(
                f"Sign off {self.trainee_name}'s readiness",
                self.action_sign_off,
                "Closes the programme",
            ),
        ]
