"""The team's analytics: the funnel, each scenario's results and drop-off, each quiz item."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group, RenderableType
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Footer, Input, Label, Select, Static
from textual.worker import get_current_worker

from trainer.content.content_set import ContentSet
from trainer.errors import StoreError, TrainerError
from trainer.services import accounts, analytics as team, mentor
from trainer.ui.screens.mentor_base import MentorScreen
from trainer.ui.widgets.mentor_text import NO_VALUE, counts_table, find_reply, funnel_view, plain
from trainer.ui.wording import outcome_words, plural

FLAG = "⚑"


class MentorAnalyticsScreen(MentorScreen):
    """Where the team's calls end, which replies they choose, which quiz items to rewrite."""

    CSS_PATH = "mentor_analytics.tcss"
    AUTO_FOCUS = "#analytics-body"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "refresh", "Refresh"),
        Binding("f", "filters", "Filter"),
        Binding("escape", "back", "Trainees"),
    ]

    class AnalyticsLoaded(Message):
        """Sent by the worker with the team's figures."""

        def __init__(self, analytics: team.TeamAnalytics) -> None:
            super().__init__()
            self.analytics = analytics

    class AnalyticsFailed(Message):
        """Sent by the worker when the store could not be read."""

        def __init__(self, problem: str) -> None:
            super().__init__()
            self.problem = problem

    def __init__(self, content: ContentSet, store: mentor.Store, card: accounts.MentorCard) -> None:
        super().__init__(content, store, card)
        self.analytics: team.TeamAnalytics | None = None
        self.scope = team.EVERYTHING

    def compose(self) -> ComposeResult:
        yield Static(Text("Analytics", "bold"), id="analytics-title")
        with Horizontal(id="analytics-filters"):
            yield Select[str]((), prompt="All cohorts", id="cohort")
            yield Input(placeholder="from YYYY-MM-DD", id="since")
            yield Input(placeholder="to YYYY-MM-DD", id="until")
        with VerticalScroll(id="analytics-body"):
            yield Static(Text("Reading every attempt…", "dim"), id="analytics-loading")
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="analytics")
    def load(self) -> None:
        """Read the team's figures off the event loop: they go over every attempt."""
        try:
            analytics = team.team_analytics(self.store, self.content, self.scope)
        except StoreError as error:
            self.post_message(self.AnalyticsFailed(str(error)))
            return
        if not get_current_worker().is_cancelled:  # a newer read is on its way
            self.post_message(self.AnalyticsLoaded(analytics))

    def action_refresh(self) -> None:
        self.load()

    def action_filters(self) -> None:
        self.query_one("#cohort", Select).focus()

    @on(Input.Submitted, "#since, #until")
    @on(Select.Changed, "#cohort")
    def _filter(self) -> None:
        """Read the figures again for the cohort and dates chosen; a wrong date says why."""
        cohort = self.query_one("#cohort", Select).value
        try:
            scope = team.scope_from(
                self.query_one("#since", Input).value or None,
                self.query_one("#until", Input).value or None,
                cohort if isinstance(cohort, str) else None,
            )
        except TrainerError as error:
            self.notify(str(error), title="Filter", severity="warning", markup=False)
            return
        if scope != self.scope:
            self.scope = scope
            self.load()

    @on(AnalyticsFailed)
    def _failed(self, message: AnalyticsFailed) -> None:
        self.query_one("#analytics-body", VerticalScroll).remove_children()
        self.notify(message.problem, title="Cannot read the team", severity="error", markup=False)

    @on(AnalyticsLoaded)
    async def _loaded(self, message: AnalyticsLoaded) -> None:
        analytics = self.analytics = message.analytics
        body = self.query_one("#analytics-body", VerticalScroll)
        # Awaited: a reload mounts widgets with the same ids as the ones it replaces.
        await body.remove_children()
        self._offer_cohorts(analytics.cohorts)
        self.query_one("#analytics-title", Static).update(
            Text.assemble(("Analytics", "bold"), f" · {team.scope_words(analytics.scope)}")
        )
        widgets: list[Static | Label] = [
            Label("Team funnel: calls → meetings → applications → deals", classes="section"),
            Static(funnel_view(analytics.funnel, "Team"), id="team-funnel"),
        ]
        untried = []
        for view in analytics.scenarios:
            found = view.figures
            if not found.attempts:
                untried.append(view.title)
                continue
            widgets.append(Label(self._scenario_heading(view), classes="section"))
            widgets.append(Static(self._scenario_view(view), id=f"scenario-{found.content_id}"))
        if untried:
            widgets.append(
                Static(Text(f"No attempts yet: {', '.join(untried)}.", "dim"), id="untried")
            )
        for quiz in analytics.quizzes:
            widgets.append(Label(plain(f"Quiz items: {quiz.title}"), classes="section"))
            widgets.append(Static(self._quiz_view(quiz), id=f"quiz-{quiz.quiz_id}"))
        await body.mount_all(widgets)

    def _offer_cohorts(self, cohorts: tuple[str, ...]) -> None:
        """Keep the cohort filter's choices in step with the records."""
        select = self.query_one("#cohort", Select)
        if getattr(self, "_cohorts_offered", None) != cohorts:
            self._cohorts_offered = cohorts
            chosen = select.value
            select.set_options((cohort, cohort) for cohort in cohorts)
            if isinstance(chosen, str) and chosen in cohorts:
                select.value = chosen
        select.display = bool(cohorts)

    def _scenario_heading(self, view: team.ScenarioView) -> Text:
        heading = plain(view.title)
        if view.exam:
            heading.append(" (exam)")
        return heading

    def _scenario_view(self, view: team.ScenarioView) -> RenderableType:
        found = view.figures
        ended = found.completed + found.abandoned
        rate = found.pass_rate
        summary = Text(
            f"{plural(found.attempts, 'attempt')}: {found.completed} completed, "
            f"{found.abandoned} abandoned"
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
        parts.append(
            Text("Where calls end without success, and what the client said there", "italic")
        )
        if view.drop_off:
            parts.append(
                counts_table(
                    (plain(f"“{drop.line}”" if drop.line else drop.node), drop.count)
                    for drop in view.drop_off
                )
            )
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

    def _quiz_view(self, quiz: team.QuizItems) -> RenderableType:
        if not quiz.items:
            return Text("No completed attempts yet.", "dim")
        parts: list[RenderableType] = []
        for item in quiz.items:
            stats = item.statistics
            question = Text()
            question.append(f"{FLAG} " if stats.worth_rewriting else "  ", "bold yellow")
            question.append_text(plain(item.question, "bold"))
            parts.append(question)
            discrimination = (
                NO_VALUE if stats.discrimination is None else f"{stats.discrimination:+.2f}"
            )
            figures = Text(
                f"    {stats.attempts} answered · {stats.difficulty:.0%} right · "
                f"discrimination {discrimination}"
            )
            if item.few:
                figures.append(f" · {team.FEW_ANSWERS_NOTE}", "dim italic")
            parts.append(figures)
            if stats.flags:
                parts.append(Text(f"    worth a look: {'; '.join(stats.flags)}", "yellow"))
            if stats.answers:
                given = Text("    answers: ", "dim")
                for number, answer in enumerate(stats.answers):
                    if number:
                        given.append(" · ", "dim")
                    given.append(f"{answer.count} said ")
                    given.append_text(
                        plain(f"“{answer.answer}”", "green" if answer.correct else "")
                    )
                    if answer.correct:
                        given.append(" ✓", "green")
                parts.append(given)
        flagged = sum(1 for item in quiz.items if item.statistics.worth_rewriting)
        parts.append(
            Text(
                f"{FLAG} {flagged} of {len(quiz.items)} items worth rewriting. Right: the share "
                "answered fully right (difficulty); discrimination: the best 27% of attempts "
                "minus the worst 27%.",
                "dim",
            )
        )
        return Group(*parts)
