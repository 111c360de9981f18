"""A quiz's result: the score against the pass mark, each topic, and every answer explained."""

from __future__ import annotations

from typing import ClassVar

from rich import box
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label, Static

from trainer.services import records
from trainer.services.quizzes import QuizSummary
from trainer.ui.messages import QuizStartRequested, SourceRequested
from trainer.ui.widgets.review_item import ReviewItem
from trainer.ui.wording import changed_text, mentor_notes_text


def quiz_verdict(summary: QuizSummary, mentor: records.MentorReview | None = None) -> Text:
    """Passed or not, the percent, the points and the pass mark on one line; once a mentor
    changed the result, the result that counts, with the quiz's own beside it."""
    mentor = mentor or records.MentorReview()
    percent, passed = mentor.counted(summary.percent, summary.passed)
    verdict = Text.assemble(("PASSED" if passed else "NOT PASSED", "bold"), f"  {percent:g}%")
    if mentor.changed_by is not None:
        own = "passed" if summary.passed else "did not pass"
        verdict.append(
            f"  (your mentor's result; your answers scored {summary.percent:g}% and {own})",
            "italic",
        )
    verdict.append(
        f"   {summary.points:g} of {summary.max_points:g} points · pass mark {summary.pass_mark:g}%"
    )
    return verdict


def topics_table(summary: QuizSummary) -> Table:
    """Each topic: points earned of those asked, and percent."""
    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False, show_edge=False)
    table.add_column("Topic", ratio=1)
    table.add_column("Points", justify="right", no_wrap=True)
    table.add_column("%", justify="right", no_wrap=True)
    for topic in summary.topics:
        table.add_row(
            Text(topic.name), f"{topic.earned:g}/{topic.best:g}", Text(f"{topic.percent:g}", "bold")
        )
    return table


class QuizResultScreen(Screen[None]):
    """The result of one quiz attempt, just taken or opened from the recent attempts."""

    CSS_PATH = "quiz_result.tcss"
    AUTO_FOCUS = ""  # on_mount: the first answer, so Enter opens its source at once
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "retake", "Retake"),
        Binding("escape", "app.home", "Home"),
    ]

    def __init__(
        self,
        summary: QuizSummary,
        *,
        next_step: str = "",
        mentor: records.MentorReview | None = None,
    ) -> None:
        super().__init__()
        self.summary = summary
        self.next_step = next_step
        self.mentor = mentor or records.MentorReview()

    def compose(self) -> ComposeResult:
        summary = self.summary
        yield Static(
            Text.assemble(("Quiz result", "bold"), f"  {summary.quiz.title} · {summary.quiz.mode}"),
            id="result-title",
        )
        with VerticalScroll(id="result-body"):
            _, passed = self.mentor.counted(summary.percent, summary.passed)
            yield Static(
                quiz_verdict(summary, self.mentor),
                id="quiz-verdict",
                classes="passed" if passed else "failed",
            )
            if self.next_step:
                yield Static(Text(self.next_step), id="next-step")
            if self.mentor.changed_by is not None:
                yield Static(Text(changed_text(self.mentor)), id="mentor-change")
            yield Label("By topic", classes="section-title")
            yield Static(topics_table(summary), id="topics")
            if self.mentor.notes:
                yield Label("Mentor comments", classes="section-title")
                yield Static(mentor_notes_text(self.mentor.notes), id="mentor-notes")
            yield Label(
                "Your answers (↑↓ or Tab to move, Enter opens the source)", classes="section-title"
            )
            for item in summary.items:
                yield ReviewItem(item, classes="review-item")
            missing = summary.total - summary.answered
            if missing:
                yield Static(
                    Text(
                        f"{missing} question{'s were' if missing != 1 else ' was'} not answered "
                        "and counted as wrong.",
                        "dim",
                    ),
                    id="unanswered",
                )
        yield Footer()

    def on_mount(self) -> None:
        items = self.query(ReviewItem)
        if items:  # the verdict stays in view; the first answer has focus for Enter
            items.first().focus(scroll_visible=False)
        else:
            self.query_one("#result-body").focus()

    @on(ReviewItem.Opened)
    def _open_source(self, event: ReviewItem.Opened) -> None:
        event.stop()
        self.post_message(SourceRequested(event.source))

    def action_retake(self) -> None:
        self.post_message(QuizStartRequested(self.summary.quiz.id))
