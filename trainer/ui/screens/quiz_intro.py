"""Before a quiz: what it asks, how it is marked, and the trainee's record with it so far."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label, Static

from trainer.content.quiz.model import Quiz, QuizMode
from trainer.ui.messages import QuizStartRequested
from trainer.ui.wording import plural

MODE_TEXT = {
    QuizMode.PRACTICE: (
        "You see right or wrong, the right answer and the explanation after every question."
    ),
    QuizMode.GRADED: (
        "Graded: no feedback until the end. Then you see your score per topic and every "
        "answer with its explanation and where it lives in the catalogue."
    ),
}
HOW_TO_ANSWER = (
    "Options: press the option's number (or the arrows and Enter). Several right answers: "
    "tick them with space or their numbers, then press Enter. Numbers and words: type, then "
    "Enter. Every answer is saved as you give it; Esc leaves the quiz, and questions not "
    "answered count as wrong."
)


def record_text(best: float | None, attempts: int, pass_mark: float) -> Text:
    """The trainee's best score and attempts at the quiz, against its pass mark."""
    if attempts == 0 or best is None:
        return Text("Not taken yet.")
    verdict = "passed" if best >= pass_mark else f"needs {pass_mark:g}%"
    tries = f"{attempts} attempt{'s' * (attempts != 1)}"
    return Text(f"Best {best:g}% ({verdict}) · {tries}")


class QuizIntroScreen(Screen[None]):
    """Read what the quiz is about, then start it with Enter."""

    CSS_PATH = "quiz_intro.tcss"
    AUTO_FOCUS = "#quiz-intro-body"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "start", "Start the quiz"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, quiz: Quiz, best: float | None, attempts: int) -> None:
        super().__init__()
        self.quiz = quiz
        self.best = best
        self.attempts = attempts

    def compose(self) -> ComposeResult:
        quiz = self.quiz
        with Horizontal(id="quiz-intro-header"):
            yield Static(Text(quiz.title, "bold"), id="quiz-intro-title")
            yield Static(quiz.mode.value.upper(), id="quiz-intro-mode", classes=quiz.mode.value)
        with VerticalScroll(id="quiz-intro-body"):
            if quiz.description:
                yield Static(Text(" ".join(quiz.description.split())), id="quiz-description")
            yield Label("The quiz", classes="section-title")
            yield Static(
                Text(
                    f"{plural(quiz.size, 'question')} · pass mark {quiz.pass_mark:g}% · "
                    + MODE_TEXT[quiz.mode]
                ),
                id="quiz-facts",
            )
            yield Label("Your record", classes="section-title")
            yield Static(record_text(self.best, self.attempts, quiz.pass_mark), id="quiz-record")
            yield Label("How to answer", classes="section-title")
            yield Static(HOW_TO_ANSWER, id="quiz-how")
        yield Footer()

    def action_start(self) -> None:
        self.post_message(QuizStartRequested(self.quiz.id))

    def action_back(self) -> None:
        self.dismiss()
