"""Home: the programme stage by stage (done, open or locked), the call log, and recent attempts."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.events import ScreenResume
from textual.screen import Screen
from textual.widgets import Footer, Label, OptionList, Static
from textual.widgets.option_list import Option

from trainer.content.content_set import ContentSet, ScenarioSummary
from trainer.content.programme import Stage, StageKey
from trainer.engine.programme import CallLog, StageState, StageStatus
from trainer.errors import StoreError
from trainer.services import accounts, records, stages, worklog
from trainer.services.stages import Item, ItemKind, shown_state, stage_note
from trainer.ui.messages import AttemptOpened, ItemPicked
from trainer.ui.wording import NOTE_MARK, attempt_result, call_log_text, sign_off_words

STAGES = {
    1: ("Introduction", "the company, its policies, tools and clients"),
    2: ("Knowing the product", "the product quiz"),
    3: ("Sales training", "practice calls"),
    4: ("Final exam", "close a deal with a demanding client"),
}
RECENT_LIMIT = 20
ATTEMPT_PREFIX = "attempt:"
STATE_STYLES = {
    StageState.DONE: ("DONE", "bold green"),
    StageState.OPEN: ("OPEN", "bold reverse"),
    StageState.LOCKED: ("LOCKED", "dim"),
}
Scores = dict[str, tuple[float | None, int]]


def record_words(best: float | None, count: int, *, untried: str = "not tried yet") -> Text:
    """The trainee's record with a scenario or quiz: best score and attempts."""
    if count == 0:
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

    GUTTER = 2  # the column before the title, then one space on each side of the title

    def __init__(self, title: Text, record: Text) -> None:
        self.title = title
        self.record = record

    def table(self) -> Table:
        row = Table.grid(expand=True, padding=(0, 1))
        row.add_column(width=self.GUTTER)
        row.add_column(ratio=1)
        row.add_column(justify="right", no_wrap=True)
        row.add_row("", self.title, self.record)
        return row

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        title, record = self.title, self.record
        room = options.max_width - self.GUTTER - 2 - record.cell_len
        if room < 1 or title.cell_len > room or "\n" in title.plain:
            yield self.table()
            return
        yield Segment(" " * (self.GUTTER + 1))
        yield from Segment.apply_style(title.render(console), console.get_style(title.style))
        yield Segment(" " * (room - title.cell_len + 1))
        yield from Segment.apply_style(record.render(console), console.get_style(record.style))
        yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.table())


def scenario_row(scenario: ScenarioSummary, best: float | None, count: int) -> ItemRow:
    """A scenario's title and the trainee's record with it (home without a programme)."""
    return item_row(Text(scenario.title), record_words(best, count), exam=scenario.exam)


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
    """When, what, and how it went."""
    row = Table.grid(expand=True, padding=(0, 1))
    row.add_column(no_wrap=True)
    row.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
    row.add_column(justify="right", no_wrap=True)
    when = attempt.started_at.strftime("%d %b %H:%M")
    row.add_row(Text(when, "dim"), Text(title), attempt_result(attempt))
    return row


class HomeScreen(Screen[None]):
    """The signed-in trainee's starting point."""

    CSS_PATH = "home.tcss"
    AUTO_FOCUS = "#programme"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "app.focus_next", "Other list"),
        Binding("l", "open('work-log')", "Work"),
        Binding("c", "open('call-log')", "Call log"),
        Binding("s", "app.sign_out", "Sign out"),
        Binding("f1", "app.keys", "Keys"),
    ]

    def __init__(
        self, content: ContentSet, store: accounts.Store, trainee: accounts.TraineeCard
    ) -> None:
        super().__init__()
        self.content = content
        self.store = store
        self.trainee = trainee

    def compose(self) -> ComposeResult:
        programme = self.content.programme
        with Horizontal(id="home-header"):
            yield Static(
                Text.assemble(("Signed in as ", "dim"), (self.trainee.name, "bold")), id="home-who"
            )
            yield Static(Text(programme.title if programme else ""), id="home-programme")
        yield Static(
            Text.assemble(
                ("✓ Cleared to work with real clients", "bold"),
                "  ·  your certificate is under Final exam",
            ),
            id="cleared",
        )
        yield OptionList(id="programme")
        yield Static(id="call-log")
        yield Label(
            f"Your recent attempts (Enter opens one; {NOTE_MARK} a mentor's comments)",
            classes="section-title",
        )
        yield OptionList(id="recent")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()

    @on(ScreenResume)
    def _refresh(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Read the trainee's progress, scores and attempts again and rebuild the lists."""
        try:
            progress: stages.Progress | None = stages.progress(
                self.store, self.trainee.id, self.content.programme
            )
            scores = records.best_scores(self.store, self.trainee.id)
            attempts = records.recent_attempts(self.store, self.trainee.id, RECENT_LIMIT)
            signed = worklog.sign_off_of(self.store, self.trainee.id)
        except StoreError as error:
            self.notify(
                str(error), title="Cannot read your records", severity="error", markup=False
            )
            progress, scores, attempts, signed = None, {}, [], None
        if progress is not None and progress.status is not None:
            self._show_programme(progress, scores)
        else:
            self._show_open_list(scores)
        cleared = progress is not None and progress.status is not None and progress.status.cleared
        self.query_one("#cleared", Static).display = cleared
        if cleared and signed is not None:
            self.query_one("#cleared", Static).update(sign_off_words(signed))
        self._show_call_log(progress.call_log if progress is not None else None)
        self._show_recent(attempts)

    # -- the programme -------------------------------------------------------------------------

    def _show_programme(self, progress: stages.Progress, scores: Scores) -> None:
        status = progress.status
        programme = self.content.programme
        assert status is not None and programme is not None
        options: list[Option] = []
        placed: set[str] = set()
        current = status.current
        first_current: str | None = None
        for stage, stage_status in zip(programme.stages, status.stages, strict=True):
            state = shown_state(status, stage_status)
            practice = (
                len(set(progress.history.passed_scenarios) & set(stage.practice_scenarios)),
                stage.pass_scenarios,
            )
            note = stage_note(status, stage_status, practice=practice)
            options.append(
                Option(
                    stage_heading(stage.number, stage.title, state, note),
                    id=f"stage:{stage.number}",
                    disabled=True,
                )
            )
            locked = state is StageState.LOCKED
            for item, row in self._stage_items(stage, stage_status, progress, scores, locked):
                options.append(Option(row, id=item.key))
                placed.add(item.key)
                if current is not None and stage_status.number == current.number:
                    first_current = first_current or item.key
        others = [
            s
            for s in self.content.summaries.values()
            if Item(ItemKind.SCENARIO, s.id).key not in placed
        ]
        other_quizzes = [
            q for q in self.content.quizzes.values() if Item(ItemKind.QUIZ, q.id).key not in placed
        ]
        if others or other_quizzes:
            options.append(
                Option(
                    stage_heading(None, "More practice", None, "outside the programme"),
                    id="stage:other",
                    disabled=True,
                )
            )
            for quiz in sorted(other_quizzes, key=lambda q: q.title):
                best, count = scores.get(quiz.id, (None, 0))
                options.append(
                    Option(
                        item_row(Text(quiz.title), record_words(best, count)),
                        id=Item(ItemKind.QUIZ, quiz.id).key,
                    )
                )
            for scenario in sorted(others, key=lambda s: (s.stage, s.title)):
                best, count = scores.get(scenario.id, (None, 0))
                options.append(
                    Option(
                        scenario_row(scenario, best, count),
                        id=Item(ItemKind.SCENARIO, scenario.id).key,
                    )
                )
        self._set_options(options, first_current)

    def _stage_items(
        self,
        stage: Stage,
        stage_status: StageStatus,
        progress: stages.Progress,
        scores: Scores,
        locked: bool,
    ) -> list[tuple[Item, ItemRow]]:
        """The items of one stage with their rows."""
        status = progress.status
        assert status is not None
        catalogue = self.content.catalogue
        items: list[tuple[Item, ItemRow]] = []
        if stage.key is StageKey.INTRODUCTION and catalogue is not None:
            count = sum(
                len(section)
                for section in (
                    catalogue.company.policies,
                    catalogue.company.tools,
                    catalogue.company.clients,
                )
            )
            items.append(
                (
                    Item(ItemKind.COMPANY),
                    item_row(
                        Text("Company cards"),
                        Text(f"{count + 1} cards", "dim"),
                        locked=locked,
                    ),
                )
            )
        if stage.key is StageKey.PRODUCT and catalogue is not None:
            items.append(
                (
                    Item(ItemKind.CATALOGUE),
                    item_row(
                        Text("Product catalogue"),
                        Text(f"{len(catalogue.products)} products", "dim"),
                        locked=locked,
                    ),
                )
            )
        if stage.quiz is not None:
            best, count = scores.get(stage.quiz.id, (None, 0))
            record = record_words(best, count, untried="not taken yet")
            passed = progress.history.quizzes.get(stage.quiz.id)
            if passed is not None and passed.passed:
                record = Text.assemble(("passed", "bold green"), " · ", record)
            items.append(
                (
                    Item(ItemKind.QUIZ, stage.quiz.id),
                    item_row(Text(f"Quiz: {stage.quiz.title}"), record, locked=locked),
                )
            )
        if stage.key is StageKey.SALES:
            passed_ids = set(progress.history.passed_scenarios)
            summaries = self.content.summaries
            scenarios = sorted(
                (summaries[s] for s in stage.practice_scenarios),
                key=lambda s: (s.stage, s.title),
            )
            for scenario in scenarios:
                best, count = scores.get(scenario.id, (None, 0))
                record = record_words(best, count)
                if scenario.id in passed_ids:
                    record = Text.assemble(("passed", "bold green"), " · ", record)
                items.append(
                    (
                        Item(ItemKind.SCENARIO, scenario.id),
                        item_row(Text(scenario.title), record, locked=locked),
                    )
                )
        if stage.key is StageKey.WORK:  # each with its key on home
            log_row = item_row(Text("Log a day's work"), Text("l", "dim"), locked=locked)
            items += [(Item(ItemKind.WORK_LOG), log_row)]
            items += [(Item(ItemKind.CALL_LOG), item_row(Text("Call log"), Text("c", "dim")))]
        if stage.key is StageKey.EXAM and stage.exam_scenario is not None:
            exam = status.exam
            if exam.passed:
                record = Text("passed", "bold green")
            else:
                record = Text(f"{exam.attempts_left} of {exam.attempts_allowed} attempts left")
            items.append(
                (
                    Item(ItemKind.SCENARIO, stage.exam_scenario),
                    item_row(Text(stage.exam_title), record, locked=locked, exam=True),
                )
            )
            if status.cleared:
                items.append(
                    (
                        Item(ItemKind.CERTIFICATE),
                        item_row(
                            Text("Your certificate", "bold"),
                            Text("cleared to work with real clients", "green"),
                        ),
                    )
                )
        return items

    def _show_open_list(self, scores: Scores) -> None:
        """Without a programme: every scenario by stage, everything open."""
        options: list[Option] = []
        by_stage: dict[int, list[ScenarioSummary]] = {}
        for scenario in self.content.summaries.values():
            by_stage.setdefault(scenario.stage, []).append(scenario)
        quizzes_by_stage: dict[int, list[str]] = {}
        for quiz in self.content.quizzes.values():
            quizzes_by_stage.setdefault(quiz.stage, []).append(quiz.id)
        catalogue = self.content.catalogue
        first_scenario: str | None = None
        for stage, (name, about) in STAGES.items():
            heading = Text.assemble((f"{stage}  {name}", "bold"), (f"  {about}", "dim"))
            options.append(Option(heading, id=f"stage:{stage}", disabled=True))
            if stage == 1 and catalogue is not None:
                options.append(
                    Option(item_row(Text("Company cards"), Text("")), id=Item(ItemKind.COMPANY).key)
                )
            if stage == 2 and catalogue is not None:
                options.append(
                    Option(
                        item_row(Text("Product catalogue"), Text("")),
                        id=Item(ItemKind.CATALOGUE).key,
                    )
                )
            for quiz_id in quizzes_by_stage.get(stage, []):
                quiz = self.content.quizzes[quiz_id]
                best, count = scores.get(quiz_id, (None, 0))
                options.append(
                    Option(
                        item_row(Text(f"Quiz: {quiz.title}"), record_words(best, count)),
                        id=Item(ItemKind.QUIZ, quiz_id).key,
                    )
                )
            scenarios = sorted(by_stage.get(stage, []), key=lambda s: (s.exam, s.title))
            for scenario in scenarios:
                best, count = scores.get(scenario.id, (None, 0))
                key = Item(ItemKind.SCENARIO, scenario.id).key
                first_scenario = first_scenario or key
                options.append(Option(scenario_row(scenario, best, count), id=key))
            if stage > 1 and not scenarios and not quizzes_by_stage.get(stage):
                options.append(Option(Text("   nothing here yet", "dim italic"), disabled=True))
        self._set_options(options, first_scenario)

    def _set_options(self, options: list[Option], preferred: str | None) -> None:
        """Show the options, keeping the highlighted one (else `preferred`, else the first)."""
        programme = self.query_one("#programme", OptionList)
        previous = programme.highlighted_option.id if programme.highlighted_option else None
        programme.set_options(options)
        ids = [option.id for option in options]
        for wanted in (previous, preferred):
            if wanted is not None and wanted in ids:
                programme.highlighted = ids.index(wanted)
                return
        programme.highlighted = next((i for i, o in enumerate(options) if not o.disabled), None)

    def action_open(self, kind: str) -> None:
        """Open the work-log form or the call log (through the programme's gate)."""
        self.post_message(ItemPicked(Item(ItemKind(kind))))

    def _show_call_log(self, log: CallLog | None) -> None:
        call_log = self.query_one("#call-log", Static)
        if log is None:
            call_log.update("")
            return
        call_log.update(call_log_text(log))

    # -- recent attempts -----------------------------------------------------------------------

    def _show_recent(self, attempts: list[records.AttemptLine]) -> None:
        recent = self.query_one("#recent", OptionList)
        highlighted = recent.highlighted
        summaries = self.content.summaries
        options = [
            Option(
                attempt_row(attempt, self._title(attempt.content_id, summaries)),
                id=f"{ATTEMPT_PREFIX}{attempt.id}",
            )
            for attempt in attempts
        ]
        if not options:
            options.append(
                Option(
                    Text("No attempts yet: pick something above and press Enter.", "dim"),
                    disabled=True,
                )
            )
        recent.set_options(options)
        if attempts:
            recent.highlighted = min(highlighted or 0, len(attempts) - 1)

    def _title(self, content_id: str, summaries: Mapping[str, ScenarioSummary]) -> str:
        scenario = summaries.get(content_id)
        if scenario is not None:
            return scenario.title
        quiz = self.content.quizzes.get(content_id)
        return quiz.title if quiz is not None else content_id

    @on(OptionList.OptionSelected, "#programme")
    def _pick(self, event: OptionList.OptionSelected) -> None:
        item = Item.parse(event.option_id or "")
        if item is not None:
            self.post_message(ItemPicked(item))

    @on(OptionList.OptionSelected, "#recent")
    def _open_attempt(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option_id or ""
        if option_id.startswith(ATTEMPT_PREFIX):
            self.post_message(AttemptOpened(option_id.removeprefix(ATTEMPT_PREFIX)))
