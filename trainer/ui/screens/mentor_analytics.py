"""The team's analytics: the funnel, each scenario's results and drop-off, each quiz item."""

from __future__ import annotations

from typing import ClassVar

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Footer, Label, Static
from textual.worker import get_current_worker

from trainer.content.content_set import ContentSet
from trainer.errors import StoreError
from trainer.services import accounts, mentor
from trainer.ui.screens.mentor_base import MentorScreen
from trainer.ui.widgets.mentor_text import NO_VALUE, counts_table, find_reply, funnel_view, plain
from trainer.ui.wording import outcome_words

FLAG = "⚑"


class MentorAnalyticsScreen(MentorScreen):
    """Where the team's calls end, which replies they choose, which quiz items to rewrite."""

    CSS_PATH = "mentor_analytics.tcss"
    AUTO_FOCUS = "#analytics-body"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "refresh", "Refresh"),
        Binding("escape", "back", "Trainees"),
    ]

    class AnalyticsLoaded(Message):
        """Sent by the worker with the team's figures."""

        def __init__(self, analytics: mentor.TeamAnalytics) -> None:
            super().__init__()
            self.analytics = analytics

    class AnalyticsFailed(Message):
        """Sent by the worker when the store could not be read."""

        def __init__(self, problem: str) -> None:
            super().__init__()
            self.problem = problem

    def __init__(self, content: ContentSet, store: mentor.Store, card: accounts.MentorCard) -> None:
        super().__init__(content, store, card)
        self.analytics: mentor.TeamAnalytics | None = None

    def compose(self) -> ComposeResult:
        yield Static(Text("Analytics", "bold"), id="analytics-title")
        with VerticalScroll(id="analytics-body"):
            yield Static(Text("Reading every attempt…", "dim"), id="analytics-loading")
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="analytics")
    def load(self) -> None:
        """Read the team's figures off the event loop: they go over every attempt."""
        try:
            analytics = mentor.team_analytics(self.store, self.content)
        except StoreError as error:
            self.post_message(self.AnalyticsFailed(str(error)))
            return
        if not get_current_worker().is_cancelled:  # a newer read is on its way
            self.post_message(self.AnalyticsLoaded(analytics))

    def action_refresh(self) -> None:
        self.load()

    @on(AnalyticsFailed)
    def _failed(self, message: AnalyticsFailed) -> None:
        self.query_one("#analytics-body", VerticalScroll).remove_children()
        self.notify(message.problem, title="Cannot read the team", severity="error", markup=False)

    @on(AnalyticsLoaded)
    def _loaded(self, message: AnalyticsLoaded) -> None:
        analytics = self.analytics = message.analytics
        body = self.query_one("#analytics-body", VerticalScroll)
        body.remove_children()
        widgets: list[Static | Label] = [
            Label("Team funnel: calls → meetings → applications → deals", classes="section"),
            Static(funnel_view(analytics.funnel, "Team"), id="team-funnel"),
        ]
        untried = []
        for found in analytics.scenarios:
            if not found.attempts:
                untried.append(self._scenario_title(found.content_id))
                continue
            widgets.append(Label(self._scenario_heading(found), classes="section"))
            widgets.append(Static(self._scenario_view(found), id=f"scenario-{found.content_id}"))
        if untried:
            widgets.append(
                Static(Text(f"No attempts yet: {', '.join(untried)}.", "dim"), id="untried")
            )
        for quiz in analytics.quizzes:
            widgets.append(Label(plain(f"Quiz items: {quiz.title}"), classes="section"))
            widgets.append(Static(self._quiz_view(quiz), id=f"quiz-{quiz.quiz_id}"))
        body.mount_all(widgets)

    def _scenario_title(self, content_id: str) -> str:
        scenario = self.content.scenarios.get(content_id)
        return scenario.title if scenario is not None else content_id

    def _scenario_heading(self, found: mentor.ScenarioAnalytics) -> Text:
        scenario = self.content.scenarios.get(found.content_id)
        heading = plain(self._scenario_title(found.content_id))
        if scenario is not None and scenario.exam:
            heading.append(" (exam)")
        return heading

    def _scenario_view(self, found: mentor.ScenarioAnalytics) -> RenderableType:
        ended = found.completed + found.abandoned
        rate = found.pass_rate
        summary = Text(
            f"{found.attempts} attempts: {found.completed} completed, {found.abandoned} abandoned"
            f" · pass rate {NO_VALUE if rate is None else f'{rate:.0%}'}"
            f" ({found.passed} of {ended} ended)"
        )
        parts: list[RenderableType] = [summary]
        if found.outcomes:
            parts.append(Text("How completed calls ended", "italic"))
            parts.append(
                counts_table(
                    (Text(outcome_words(outcome)), count)
                    for outcome, count in found.outcomes.items()
                )
            )
        parts.append(Text("Where calls end without success (drop-off by node)", "italic"))
        if found.drop_off:
            parts.append(counts_table((plain(count.key), count.count) for count in found.drop_off))
        else:
            parts.append(Text("  none", "dim"))
        parts.append(
            Text(
                "Weak replies chosen most (they cost points, or earn none where another would)",
                "italic",
            )
        )
        if found.weak_replies:
            parts.append(
                counts_table(
                    (self._reply_label(found.content_id, count.key), count.count)
                    for count in found.weak_replies
                )
            )
        else:
            parts.append(Text("  none", "dim"))
        return Group(*parts)

    def _reply_label(self, content_id: str, key: str) -> Text:
        label = plain(key)
        reply = find_reply(self.content, content_id, key)
        if reply is not None:
            label.append(" “", "dim")
            label.append_text(plain(reply.text, "dim"))
            label.append("”", "dim")
        return label

    def _quiz_view(self, quiz: mentor.QuizItems) -> RenderableType:
        if not quiz.items:
            return Text("No completed attempts yet.", "dim")
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, expand=True)
        table.add_column("", width=1, no_wrap=True)
        table.add_column("Item", no_wrap=True, overflow="ellipsis", max_width=24)
        table.add_column("Asked", justify="right", no_wrap=True)
        table.add_column("Right", justify="right", no_wrap=True)
        table.add_column("Discr.", justify="right", no_wrap=True)
        table.add_column("Worth a look", ratio=1)
        for item in quiz.items:
            discrimination = (
                NO_VALUE if item.discrimination is None else f"{item.discrimination:+.2f}"
            )
            table.add_row(
                Text(FLAG, "bold yellow") if item.worth_rewriting else "",
                plain(item.item_id),
                str(item.attempts),
                f"{item.difficulty:.0%}",
                discrimination,
                Text("; ".join(item.flags), "yellow") if item.flags else Text("fine", "dim"),
            )
        flagged = sum(1 for item in quiz.items if item.worth_rewriting)
        note = Text(
            f"{FLAG} {flagged} of {len(quiz.items)} items worth rewriting. Right: share answered "
            "fully right (difficulty); Discr.: best 27% minus worst 27% (discrimination).",
            "dim",
        )
        return Group(table, note)
