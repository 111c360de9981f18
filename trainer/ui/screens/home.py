"""Home: the programme at a glance, your scores per scenario, and your recent attempts."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.events import ScreenResume
from textual.screen import Screen
from textual.widgets import Footer, Label, OptionList, Static
from textual.widgets.option_list import Option

from trainer.content.models import ContentSet, Scenario
from trainer.errors import StoreError
from trainer.ui import records
from trainer.ui.messages import ScenarioPicked, TranscriptRequested
from trainer.ui.wording import attempt_result

STAGES = {
    1: ("Introduction", "the company, its policies, tools and clients"),
    2: ("Knowing the product", "the product quiz"),
    3: ("Sales training", "practice calls"),
    4: ("Final exam", "close a deal with a demanding client"),
}
RECENT_LIMIT = 20
SCENARIO_PREFIX = "scenario:"
ATTEMPT_PREFIX = "attempt:"


def scenario_row(scenario: Scenario, best: float | None, count: int) -> Table:
    """A scenario's title on the left and the trainee's record with it on the right."""
    row = Table.grid(expand=True, padding=(0, 1))
    row.add_column(width=2)
    row.add_column(ratio=1)
    row.add_column(justify="right", no_wrap=True)
    title = Text()
    if scenario.exam:
        title.append(" EXAM ", "bold reverse")
        title.append(" ")
    title.append(scenario.title)
    if count == 0:
        record = Text("not tried yet", "dim")
    else:
        tries = f"{count} attempt{'s' * (count != 1)}"
        record = Text(f"best {best:g}% · {tries}" if best is not None else tries)
    row.add_row("", title, record)
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
        Binding("s", "app.sign_out", "Sign out"),
    ]

    def __init__(
        self, content: ContentSet, store: records.Store, trainee: records.TraineeCard
    ) -> None:
        super().__init__()
        self.content = content
        self.store = store
        self.trainee = trainee

    def compose(self) -> ComposeResult:
        yield Static(
            Text.assemble(("Signed in as ", "dim"), (self.trainee.name, "bold")), id="home-header"
        )
        yield Label("Your programme", classes="section-title")
        yield OptionList(id="programme")
        yield Label("Your recent attempts (Enter opens the transcript)", classes="section-title")
        yield OptionList(id="recent")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()

    @on(ScreenResume)
    def _refresh(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Read the trainee's scores and attempts again and rebuild both lists."""
        try:
            scores = records.best_scores(self.store, self.trainee.id)
            attempts = records.recent_attempts(self.store, self.trainee.id, RECENT_LIMIT)
        except StoreError as error:
            self.notify(
                str(error), title="Cannot read your records", severity="error", markup=False
            )
            scores, attempts = {}, []
        self._show_programme(scores)
        self._show_recent(attempts)

    def _show_programme(self, scores: dict[str, tuple[float | None, int]]) -> None:
        programme = self.query_one("#programme", OptionList)
        highlighted = programme.highlighted
        options: list[Option] = []
        by_stage: dict[int, list[Scenario]] = {}
        for scenario in self.content.scenarios.values():
            by_stage.setdefault(scenario.stage, []).append(scenario)
        for stage, (name, about) in STAGES.items():
            heading = Text.assemble((f"{stage}  {name}", "bold"), (f"  {about}", "dim"))
            options.append(Option(heading, id=f"stage:{stage}", disabled=True))
            scenarios = sorted(by_stage.get(stage, []), key=lambda s: (s.exam, s.title))
            for scenario in scenarios:
                best, count = scores.get(scenario.id, (None, 0))
                options.append(
                    Option(scenario_row(scenario, best, count), id=SCENARIO_PREFIX + scenario.id)
                )
            if stage > 1 and not scenarios:
                options.append(Option(Text("   nothing here yet", "dim italic"), disabled=True))
        programme.set_options(options)
        first = next((i for i, o in enumerate(options) if not o.disabled), None)
        programme.highlighted = highlighted if highlighted is not None else first

    def _show_recent(self, attempts: list[records.AttemptLine]) -> None:
        recent = self.query_one("#recent", OptionList)
        highlighted = recent.highlighted
        options = [
            Option(
                attempt_row(attempt, self._title(attempt.content_id)),
                id=f"{ATTEMPT_PREFIX}{attempt.id}",
            )
            for attempt in attempts
        ]
        if not options:
            options.append(
                Option(
                    Text("No attempts yet: pick a scenario above and press Enter.", "dim"),
                    disabled=True,
                )
            )
        recent.set_options(options)
        if attempts:
            recent.highlighted = min(highlighted or 0, len(attempts) - 1)

    def _title(self, content_id: str) -> str:
        scenario = self.content.scenarios.get(content_id)
        return scenario.title if scenario else content_id

    @on(OptionList.OptionSelected, "#programme")
    def _pick_scenario(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option_id or ""
        if option_id.startswith(SCENARIO_PREFIX):
            self.post_message(ScenarioPicked(option_id.removeprefix(SCENARIO_PREFIX)))

    @on(OptionList.OptionSelected, "#recent")
    def _open_attempt(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option_id or ""
        if option_id.startswith(ATTEMPT_PREFIX):
            self.post_message(TranscriptRequested(option_id.removeprefix(ATTEMPT_PREFIX)))
