"""Home: the programme stage by stage (done, open or locked), the call log, and recent attempts.

Home opens as soon as the trainee signs in, even while the content is still being read (a large
library's first read takes a while): the trainee's recent attempts show at once, the programme's
place says how far the reading has come, and the lists fill in when the content arrives.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, ClassVar

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
from trainer.services import accounts, records, stages
from trainer.services.stages import Item, ItemKind, shown_state, stage_note
from trainer.ui.messages import AttemptOpened, ItemPicked
from trainer.ui.widgets.programme_rows import (
    ItemRow,
    attempt_row,
    item_row,
    record_words,
    scenario_row,
    stage_heading,
)
from trainer.ui.wording import NOTE_MARK, call_log_text, plural, sign_off_words

if TYPE_CHECKING:
    from trainer.services.worklog import SignOff

STAGES = {
    1: ("Introduction", "the company, its policies, tools and clients"),
    2: ("Knowing the product", "the product quiz"),
    3: ("Sales training", "practice calls"),
    4: ("Final exam", "close a deal with a demanding client"),
}
RECENT_LIMIT = 20
ATTEMPT_PREFIX = "attempt:"
Scores = dict[str, tuple[float | None, int]]


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
        self, content: ContentSet | None, store: accounts.Store, trainee: accounts.TraineeCard
    ) -> None:
        """`content` is None while it is still being read: see `content_arrived`."""
        super().__init__()
        self.content = content
        self.store = store
        self.trainee = trainee
        self._read = (0, 0)  # steps of the content's reading done, of all
        self._unfinished: dict[str, int] = {}  # attempts left unfinished, per scenario or quiz
        self._stage_shown: int | None = None  # the stage the trainee was in at the last reload
        self._withdrawn: list[str] = []  # mentors who changed an exam pass to not passed

    def compose(self) -> ComposeResult:
        programme = self.content.programme if self.content is not None else None
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

    def content_arrived(self, content: ContentSet) -> None:
        """The content has been read: fill in the programme and the titles of the attempts."""
        self.content = content
        if not self.is_mounted:  # not composed yet: compose and mount will show it
            return
        if content.programme is not None:
            self.query_one("#home-programme", Static).update(Text(content.programme.title))
        self.reload()

    def reading(self, done: int, total: int) -> None:
        """How far the content has been read, shown in the programme's place until it arrives."""
        self._read = (done, total)
        if self.content is None and self.is_mounted:
            self._show_reading()

    def reload(self) -> None:
        """Read the trainee's progress, scores and attempts again and rebuild the lists."""
        content = self.content
        if content is None:
            self._reload_while_reading()
            return
        try:
            progress: stages.Progress | None = stages.progress(
                self.store, self.trainee.id, content.programme
            )
            scores = records.best_scores(self.store, self.trainee.id)
            self._unfinished = records.unfinished_counts(self.store, self.trainee.id)
            exams = content.programme.exam.exam_variants if content.programme else ()
            self._withdrawn = records.withdrawn_passes(self.store, self.trainee.id, exams)
            attempts = records.recent_attempts(self.store, self.trainee.id, RECENT_LIMIT)
            status = progress.status if progress is not None else None
            signed = _sign_off(self.store, self.trainee.id) if status and status.cleared else None
        except StoreError as error:
            self.notify(
                str(error), title="Cannot read your records", severity="error", markup=False
            )
            progress, scores, attempts, signed = None, {}, [], None
        if progress is not None and progress.status is not None:
            self._show_programme(content, progress, scores)
        else:
            self._show_open_list(content, scores)
        cleared = progress is not None and progress.status is not None and progress.status.cleared
        self.query_one("#cleared", Static).display = cleared
        if cleared and signed is not None:
            self.query_one("#cleared", Static).update(sign_off_words(signed))
        self._show_call_log(progress.call_log if progress is not None else None)
        self._show_recent(attempts)

    def _reload_while_reading(self) -> None:
        """Before the content arrives: the recent attempts, and how far the reading has come."""
        try:
            attempts = records.recent_attempts(self.store, self.trainee.id, RECENT_LIMIT)
        except StoreError as error:
            self.notify(
                str(error), title="Cannot read your records", severity="error", markup=False
            )
            attempts = []
        self.query_one("#cleared", Static).display = False
        self._show_call_log(None)
        self._show_reading()
        self._show_recent(attempts)

    def _show_reading(self) -> None:
        done, total = self._read
        words = "Reading the programme and its scenarios…"
        if total:
            words += f" {min(done, total) * 100 // total}%"
        self.query_one("#programme", OptionList).set_options(
            [Option(Text(f"   {words}", "italic"), id="reading", disabled=True)]
        )

    # -- the programme -------------------------------------------------------------------------

    def _show_programme(
        self, content: ContentSet, progress: stages.Progress, scores: Scores
    ) -> None:
        status = progress.status
        programme = content.programme
        assert status is not None and programme is not None
        options: list[Option] = []
        placed: set[str] = set()
        current = status.current
        first_current: str | None = None
        # A stage just passed (a quiz, the practice calls): the cursor goes on to the next step.
        moved_on = current is not None and self._stage_shown not in (None, current.number)
        self._stage_shown = current.number if current is not None else None
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
            shown = self._stage_items(content, stage, stage_status, progress, scores, locked)
            for item, row in shown:
                options.append(Option(row, id=item.key))
                placed.add(item.key)
                if current is not None and stage_status.number == current.number:
                    first_current = first_current or item.key
        # The exam's other variants are not practice: listed, they would show the exam's
        # client pool before stage 4; the stage's "Final exam" row stands for all of them.
        others = [
            s
            for s in content.summaries.values()
            if Item(ItemKind.SCENARIO, s.id).key not in placed
            and s.id not in programme.exam.exam_variants
        ]
        other_quizzes = [
            q for q in content.quizzes.values() if Item(ItemKind.QUIZ, q.id).key not in placed
        ]
        if others or other_quizzes:
            options.append(
                Option(
                    stage_heading(None, "More practice outside the programme", None, ""),
                    id="stage:other",
                    disabled=True,
                )
            )
            for quiz in sorted(other_quizzes, key=lambda q: q.title):
                best, count = scores.get(quiz.id, (None, 0))
                options.append(
                    Option(
                        item_row(Text(quiz.title), self._record(quiz.id, best, count)),
                        id=Item(ItemKind.QUIZ, quiz.id).key,
                    )
                )
            for scenario in sorted(others, key=lambda s: (s.stage, s.title)):
                best, count = scores.get(scenario.id, (None, 0))
                options.append(
                    Option(
                        scenario_row(scenario, best, count, self._unfinished.get(scenario.id, 0)),
                        id=Item(ItemKind.SCENARIO, scenario.id).key,
                    )
                )
        self._set_options(options, first_current, moved_on=moved_on)

    def _stage_items(
        self,
        content: ContentSet,
        stage: Stage,
        stage_status: StageStatus,
        progress: stages.Progress,
        scores: Scores,
        locked: bool,
    ) -> list[tuple[Item, ItemRow]]:
        """The items of one stage with their rows."""
        status = progress.status
        assert status is not None
        catalogue = content.catalogue
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
                        Text(plural(count + 1, "card"), "dim"),
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
                        Text(plural(len(catalogue.products), "product"), "dim"),
                        locked=locked,
                    ),
                )
            )
        if stage.quiz is not None:
            best, count = scores.get(stage.quiz.id, (None, 0))
            record = self._record(stage.quiz.id, best, count, untried="not taken yet")
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
            summaries = content.summaries
            scenarios = sorted(
                (summaries[s] for s in stage.practice_scenarios),
                key=lambda s: (s.stage, s.title),
            )
            for scenario in scenarios:
                best, count = scores.get(scenario.id, (None, 0))
                record = self._record(scenario.id, best, count)
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
                if self._withdrawn:  # a saved certificate must not look valid to its holder
                    record = Text.assemble(("certificate withdrawn", "bold"), " · ", record)
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

    def _show_open_list(self, content: ContentSet, scores: Scores) -> None:
        """Without a programme: every scenario by stage, everything open."""
        options: list[Option] = []
        by_stage: dict[int, list[ScenarioSummary]] = {}
        for scenario in content.summaries.values():
            by_stage.setdefault(scenario.stage, []).append(scenario)
        quizzes_by_stage: dict[int, list[str]] = {}
        for quiz in content.quizzes.values():
            quizzes_by_stage.setdefault(quiz.stage, []).append(quiz.id)
        catalogue = content.catalogue
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
                quiz = content.quizzes[quiz_id]
                best, count = scores.get(quiz_id, (None, 0))
                options.append(
                    Option(
                        item_row(Text(f"Quiz: {quiz.title}"), self._record(quiz_id, best, count)),
                        id=Item(ItemKind.QUIZ, quiz_id).key,
                    )
                )
            scenarios = sorted(by_stage.get(stage, []), key=lambda s: (s.exam, s.title))
            for scenario in scenarios:
                best, count = scores.get(scenario.id, (None, 0))
                key = Item(ItemKind.SCENARIO, scenario.id).key
                first_scenario = first_scenario or key
                unfinished = self._unfinished.get(scenario.id, 0)
                options.append(Option(scenario_row(scenario, best, count, unfinished), id=key))
            if stage > 1 and not scenarios and not quizzes_by_stage.get(stage):
                options.append(Option(Text("   nothing here yet", "dim italic"), disabled=True))
        self._set_options(options, first_scenario)

    def _record(
        self, item_id: str, best: float | None, count: int, *, untried: str = "not tried yet"
    ) -> Text:
        unfinished = self._unfinished.get(item_id, 0)
        return record_words(best, count, untried=untried, unfinished=unfinished)

    def _set_options(
        self, options: list[Option], preferred: str | None, *, moved_on: bool = False
    ) -> None:
        """Show the options, keeping the highlighted one (else `preferred`, else the first);
        `preferred` first once the trainee `moved_on` to another stage."""
        programme = self.query_one("#programme", OptionList)
        previous = programme.highlighted_option.id if programme.highlighted_option else None
        programme.set_options(options)
        ids = [option.id for option in options]
        for wanted in (preferred, previous) if moved_on else (previous, preferred):
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
        summaries = self.content.summaries if self.content is not None else {}
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
        quiz = self.content.quizzes.get(content_id) if self.content is not None else None
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


def _sign_off(store: accounts.Store, trainee_id: int) -> SignOff | None:
    """The mentor's sign-off a cleared trainee's home quotes. The work log's service (with its
    records and criteria) is imported here, when a trainee is cleared: no other home needs it."""
    from trainer.services.worklog import sign_off_of

    return sign_off_of(store, trainee_id)
