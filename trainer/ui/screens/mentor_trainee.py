"""One trainee for the mentor: attempts by stage, quiz answers, the funnel, skills over time."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.console import Group, RenderableType
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.events import ScreenResume
from textual.message import Message
from textual.render import measure
from textual.widgets import DataTable, Footer, Label, Static, TabbedContent, TabPane
from textual.worker import get_current_worker

from trainer.content.content_set import ContentSet
from trainer.content.programme import StageKey
from trainer.errors import StoreError, TrainerError
from trainer.services import accounts, integrity, mentor
from trainer.ui import messages
from trainer.ui.commands import PaletteCommand
from trainer.ui.modals.mentor_text import MentorTextModal
from trainer.ui.screens.mentor_base import MentorScreen
from trainer.ui.widgets.mentor_text import (
    answer_view,
    effective_text,
    funnel_view,
    plain,
    result_text,
    skills_view,
    trend_view,
    when,
)
from trainer.ui.wording import outcome_words

STAGE_NAMES = {
    StageKey.INTRODUCTION: "Intro quiz",
    StageKey.PRODUCT: "Product quiz",
}
MARK = "●"
ATTEMPT_COLUMNS = (
    ("stage", "Stage"),
    ("started", "Started"),
    ("what", "What"),
    ("counts", "Counts"),
    ("outcome", "Outcome"),
    ("mentor", "Mentor"),
    ("mark", "Cmp"),
)
# On a narrow screen, columns are dropped from the end of this list.
KEEP_ORDER = ("what", "counts", "outcome", "mentor", "mark", "stage", "started")


class MentorTraineeScreen(MentorScreen):
    """A trainee's attempts by stage and their progress; transcripts, comparisons and retakes."""

    CSS_PATH = "mentor_trainee.tcss"
    AUTO_FOCUS = "#attempts-table"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("t", "transcript", "Transcript"),
        Binding("m", "mark", "Compare"),
        Binding("g", "grant_retake", "Grant retake"),
        Binding("y", "copy_id", "Copy id", show=False),
        Binding("p", "switch_tab", "Progress"),
        Binding("w", "work", "Work & measures"),
        Binding("escape", "back", "Trainees"),
    ]

    class RecordLoaded(Message):
        """Sent by the worker with what the screen shows about the trainee."""

        def __init__(self, record: mentor.TraineeRecord, flags: dict[str, str]) -> None:
            super().__init__()
            self.record = record
            self.flags = flags  # the integrity check's flag by attempt id

    class RecordFailed(Message):
        """Sent by the worker when the trainee's records could not be read."""

        def __init__(self, problem: str) -> None:
            super().__init__()
            self.problem = problem

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
        self.record: mentor.TraineeRecord | None = None
        self.attempts: dict[str, mentor.ReviewedAttempt] = {}
        self.marked: mentor.ReviewedAttempt | None = None
        self.flags: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield Static(Text.assemble((self.trainee_name, "bold")), id="trainee-header")
        with TabbedContent(id="trainee-tabs"):
            with TabPane("Attempts", id="attempts-tab"):
                yield DataTable(id="attempts-table", cursor_type="row", zebra_stripes=True)
                with VerticalScroll(id="attempt-detail-box"):
                    yield Static("", id="attempt-detail")
            with TabPane("Progress", id="progress-tab"), VerticalScroll(id="progress-body"):
                yield Label("Funnel: calls → meetings → applications → deals", classes="section")
                yield Static("", id="trainee-funnel")
                yield Label(
                    "Score per skill across completed calls, oldest first", classes="section"
                )
                yield Static("", id="skill-trend")
                yield Label("Exam retakes granted", classes="section")
                yield Static("", id="retakes")
        yield Static("", id="trainee-status")
        yield Footer()

    @on(ScreenResume)
    def _resumed(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="trainee")
    def load(self) -> None:
        """Read the trainee's attempts, funnel and skills off the event loop."""
        try:
            record = mentor.trainee_record(self.store, self.content, self.trainee_id)
            flags = integrity.flagged_ids(self.store, self.content, trainee_id=self.trainee_id)
        except StoreError as error:
            self.post_message(self.RecordFailed(str(error)))
            return
        if not get_current_worker().is_cancelled:  # a newer read is on its way
            self.post_message(self.RecordLoaded(record, flags))

    @on(RecordFailed)
    def _failed(self, message: RecordFailed) -> None:
        self.notify(
            message.problem, title="Cannot read the trainee", severity="error", markup=False
        )

    @on(RecordLoaded)
    def _loaded(self, message: RecordLoaded) -> None:
        record = self.record = message.record
        self.flags = message.flags
        self.trainee_name = record.attempts.trainee.name
        self.query_one("#trainee-header", Static).update(self._header(record))
        self._show_attempts(record)
        self.query_one("#trainee-funnel", Static).update(
            funnel_view(record.funnel, self.trainee_name)
        )
        self.query_one("#skill-trend", Static).update(trend_view(self.content, record.trend))
        self.query_one("#retakes", Static).update(self._retakes(record))
        self._show_status()

    def _header(self, record: mentor.TraineeRecord) -> Text:
        header = Text.assemble((self.trainee_name, "bold"))
        if record.stage is not None:
            header.append(f" · stage {record.stage.number} {record.stage.title}")
        exam = record.exam
        header.append(f" · exam {exam.used} of {exam.allowed} used")
        if exam.passed:
            header.append(" · passed", "green")
        elif exam.used >= exam.allowed:
            header.append(" · locked", "bold red")
        return header

    # -- attempts -------------------------------------------------------------------------------

    def _stage_name(self, item: mentor.ReviewedAttempt) -> str:
        attempt = item.attempt
        if attempt.kind is mentor.QUIZ_KIND:
            key = mentor.quiz_stage(self.content, attempt.content_id)
            return STAGE_NAMES.get(key, "Quiz") if key is not None else "Quiz"
        return "Exam" if attempt.kind is mentor.EXAM_KIND else "Practice"

    def _title(self, content_id: str) -> str:
        scenario = self.content.scenarios.get(content_id)
        if scenario is not None:
            return scenario.title
        quiz = self.content.quizzes.get(content_id)
        return quiz.title if quiz is not None else content_id

    def _ordered(self, record: mentor.TraineeRecord) -> list[mentor.ReviewedAttempt]:
        """Quizzes (introduction, product, others), practice calls, exams; newest first in each."""
        order = {"Intro quiz": 0, "Product quiz": 1, "Quiz": 2}
        quizzes = sorted(
            record.attempts.quizzes, key=lambda item: order[self._stage_name(item)]
        )  # stable: newest first within each
        return [*quizzes, *record.attempts.calls, *record.attempts.exams]

    def _show_attempts(self, record: mentor.TraineeRecord) -> None:
        table = self.query_one("#attempts-table", DataTable)
        highlighted = self._highlighted_key(table)
        table.clear(columns=True)
        ordered = self._ordered(record)
        self.attempts = {item.attempt.id: item for item in ordered}
        if self.marked is not None:
            self.marked = self.attempts.get(self.marked.attempt.id)
        rows = [self._cells(item) for item in ordered]
        shown = self._fitting(rows)
        for key, label in ATTEMPT_COLUMNS:
            if key in shown:
                table.add_column(label, key=key, width=shown[key])
        for item, cells in zip(ordered, rows, strict=True):
            kept = [
                cell for (key, _), cell in zip(ATTEMPT_COLUMNS, cells, strict=True) if key in shown
            ]
            table.add_row(*kept, key=item.attempt.id)
        if highlighted in self.attempts:
            table.move_cursor(row=table.get_row_index(highlighted))
        self._show_detail()

    def _fitting(self, rows: list[list[Text]]) -> dict[str, int]:
        """The columns that fit the screen whole, with their widths: on a narrow screen the
        least needed go first (the start time and stage are in the detail below too)."""
        console = self.app.console
        widths = {
            key: max(measure(console, Text(label), 1), *(measure(console, r[n], 1) for r in rows))
            for n, (key, label) in enumerate(ATTEMPT_COLUMNS)
        }
        widths["what"] = min(widths["what"], 26)
        room = (self.size.width or self.app.size.width) - 2  # the vertical scrollbar
        kept: dict[str, int] = {}
        for key in KEEP_ORDER:
            if widths[key] + 2 <= room or not kept:
                kept[key] = widths[key]
                room -= widths[key] + 2
        return kept

    def on_resize(self) -> None:
        if self.record is not None:
            self._show_attempts(self.record)

    def _cells(self, item: mentor.ReviewedAttempt) -> list[Text]:
        attempt = item.attempt
        counts = effective_text(attempt, item.result)
        if attempt.status is mentor.ABANDONED and item.result.score is None:
            counts = Text("abandoned", "dim")
        call = attempt.kind is not mentor.QUIZ_KIND
        outcome = Text(outcome_words(attempt.outcome) if call and attempt.outcome else "")
        mentor_marks = Text()
        if attempt.id in self.flags:
            mentor_marks.append("⚠ flagged", "bold red")
        if item.result.overridden_by is not None:
            if mentor_marks:
                mentor_marks.append(" · ")
            # what the attempt scored itself is in the detail below and on its transcript
            mentor_marks.append(f"✎ {item.result.overridden_by}", "yellow")
        if item.notes:
            if mentor_marks:
                mentor_marks.append(" · ")
            mentor_marks.append(f"{item.notes} note{'s' if item.notes != 1 else ''}")
        marked = self.marked is not None and self.marked.attempt.id == attempt.id
        return [
            Text(self._stage_name(item)),
            Text(when(attempt.started_at)),
            plain(self._title(attempt.content_id), no_wrap=True),
            counts,
            outcome,
            mentor_marks,
            Text(MARK if marked else "", "bold yellow"),
        ]

    def _highlighted_key(self, table: DataTable[Any]) -> str | None:
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def highlighted(self) -> mentor.ReviewedAttempt | None:
        """The attempt under the cursor, if any."""
        key = self._highlighted_key(self.query_one("#attempts-table", DataTable))
        return None if key is None else self.attempts.get(key)

    @on(DataTable.RowHighlighted, "#attempts-table")
    def _show_detail(self) -> None:
        detail = self.query_one("#attempt-detail", Static)
        item = self.highlighted()
        if item is None:
            detail.update(Text(f"{self.trainee_name} has no attempts yet.", "dim"))
            return
        try:
            detail.update(self._detail(item))
        except StoreError as error:
            detail.update(Text(str(error)))

    def _detail(self, item: mentor.ReviewedAttempt) -> RenderableType:
        attempt = item.attempt
        head = Text.assemble(
            (self._title(attempt.content_id), "bold"),
            f" · {when(attempt.started_at)} · own result ",
            result_text(attempt.score, attempt.passed),
            "\n",
            ("Attempt ", "dim"),
            (attempt.id, "bold"),
            ("  y copies it", "dim"),
        )
        flag = self.flags.get(attempt.id)
        if flag is not None:
            head.append("\n")
            head.append_text(plain(f"⚠ {flag[:1].upper()}{flag[1:]}", "bold red"))
        if attempt.kind is mentor.QUIZ_KIND:
            answers = mentor.answers(self.store, attempt.id)
            if not answers:
                return Group(head, Text("No answers were given.", "dim"))
            quiz = self.content.quizzes.get(attempt.content_id)
            return Group(head, *(answer_view(answer, quiz) for answer in answers))
        skills = mentor.skills(self.store, attempt.id)
        if not skills:
            return Group(head, Text("No scorecard: the call did not end.", "dim"))
        return Group(head, skills_view(self.content, skills))

    @on(DataTable.RowSelected, "#attempts-table")
    def _selected(self) -> None:
        self.action_transcript()

    # -- progress -------------------------------------------------------------------------------

    def _retakes(self, record: mentor.TraineeRecord) -> Text:
        retakes = record.attempts.retakes
        if not retakes:
            return Text("None granted.", "dim")
        text = Text()
        for retake in retakes:
            if text:
                text.append("\n")
            text.append(f"{when(retake.granted_at)} ", "dim")
            text.append_text(plain(retake.granted_by, "bold"))
            text.append(": ")
            text.append_text(plain(retake.reason))
        return text

    # -- actions --------------------------------------------------------------------------------

    def action_switch_tab(self) -> None:
        tabs = self.query_one("#trainee-tabs", TabbedContent)
        tabs.active = "progress-tab" if tabs.active == "attempts-tab" else "attempts-tab"
        if tabs.active == "attempts-tab":
            self.query_one("#attempts-table", DataTable).focus()
        else:
            self.query_one("#progress-body", VerticalScroll).focus()

    def action_transcript(self) -> None:
        item = self.highlighted()
        if item is not None:
            self.post_message(messages.MentorTranscriptRequested(item.attempt.id))

    def action_mark(self) -> None:
        """Mark the attempt to compare; marking a second of the same scenario compares them."""
        item = self.highlighted()
        if item is None:
            return
        marked = self.marked
        if item.attempt.kind is mentor.QUIZ_KIND:
            self.notify("Comparing works on calls; quiz answers are under each quiz attempt.")
            return
        if marked is None or marked.attempt.id == item.attempt.id:
            self.marked = None if marked is not None else item
        elif marked.attempt.content_id != item.attempt.content_id:
            self.notify(
                f"Only attempts of the same scenario can be compared: the marked one is "
                f"{self._title(marked.attempt.content_id)}.",
                severity="warning",
                markup=False,
            )
            return
        else:
            self.marked = None
            first, second = sorted(
                (marked.attempt, item.attempt), key=lambda attempt: attempt.started_at
            )
            self.post_message(messages.MentorComparisonRequested(first.id, second.id))
        if self.record is not None:
            self._show_attempts(self.record)
        self._show_status()

    def _show_status(self) -> None:
        status = self.query_one("#trainee-status", Static)
        marked = self.marked
        if marked is None:
            status.update(Text("Enter: transcript · m: mark two attempts of a scenario to compare"))
            return
        status.update(
            Text(
                f"Marked {self._title(marked.attempt.content_id)}, "
                f"{when(marked.attempt.started_at)}: press m on another attempt of it to compare."
            )
        )

    def action_copy_id(self) -> None:
        """Put the highlighted attempt's id on the clipboard, for `trainer replay`."""
        item = self.highlighted()
        if item is None:
            return
        self.app.copy_to_clipboard(item.attempt.id)
        self.notify(f"Copied {item.attempt.id}", title="Attempt id", markup=False)

    def action_grant_retake(self) -> None:
        try:
            refusal = mentor.retake_refusal(self.store, self.content, self.trainee_id)
        except TrainerError as error:
            refusal = str(error)
        if refusal:
            self.notify(refusal, title="No retake needed", severity="warning", markup=False)
            return
        exam = self.record.exam if self.record is not None else None
        about = "" if exam is None else f"Exam attempts used: {exam.used} of {exam.allowed}. "
        self.app.push_screen(
            MentorTextModal(
                f"Grant {self.trainee_name} an exam retake",
                about + "Why? The reason is kept with your name.",
                placeholder="Reason for the retake",
                empty="A retake needs a reason.",
            ),
            self._retake_reason_given,
        )

    def action_work(self) -> None:
        """The trainee's work under guidance: criteria, targets, readiness sign-off."""
        self.post_message(messages.MentorCriteriaRequested(self.trainee_id, self.trainee_name))

    def _retake_reason_given(self, reason: str | None) -> None:
        if reason is None:
            return
        try:
            mentor.grant_retake(self.store, self.mentor, self.trainee_id, reason, self.content)
        except TrainerError as error:
            self.notify(str(error), title="No retake granted", severity="error", markup=False)
            return
        self.notify(f"Retake granted to {self.trainee_name}.", markup=False)
        self.load()

    def palette_commands(self) -> list[PaletteCommand]:
        return [
            PaletteCommand(
                f"Grant an exam retake to {self.trainee_name}",
                self.action_grant_retake,
                "One more exam attempt, with a reason",
            ),
            PaletteCommand(
                "Open the highlighted attempt's transcript",
                self.action_transcript,
                "Turn by turn, to comment or override",
            ),
        ]
