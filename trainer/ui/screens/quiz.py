"""The quiz: one question at a time, each answer stored as it is given, feedback as the mode allows.

Practice quizzes show right or wrong and the explanation after each question; graded ones show
nothing until the end. The attempt is opened with its seed when the screen mounts and closed
with its result at the end, or when the trainee leaves (unanswered questions count as wrong).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Static

from trainer.content.quiz.model import ItemType, Quiz, QuizMode
from trainer.engine.marking import QuizError, UnitError
from trainer.engine.quiz import AnswerResult, Question, QuizAttempt, is_choice
from trainer.errors import StoreError
from trainer.services import accounts, quizzes
from trainer.services.quizzes import from_result
from trainer.ui.messages import QuizAbandoned, QuizFinished
from trainer.ui.modals.confirm import ConfirmModal
from trainer.ui.widgets.call_timer import CallTimer
from trainer.ui.widgets.choice_list import ChoiceList
from trainer.ui.widgets.form_field import FormField


def how_to_answer(question: Question) -> str:
    """One line under the question on how to answer it by keyboard."""
    item = question.item
    if question.type is ItemType.MULTIPLE:
        return "More than one may be right: tick with space or the numbers, then press Enter."
    if question.type is ItemType.TRUE_FALSE:
        return "True or false? Press 1 or 2 (or the arrows and Enter)."
    if question.type is ItemType.SINGLE:
        return "Press the number of your answer (or the arrows and Enter)."
    if question.type is ItemType.NUMERIC:
        unit = f" (in {item.unit})" if item.unit else ""
        return f"Type a number{unit}, then press Enter. 1234.50 and 1,234.50 both work."
    return "Type your answer, then press Enter. Small typing errors are forgiven."


def feedback_text(answer: AnswerResult) -> Text:
    """Right or wrong, the right answer, why, and where to read it."""
    text = Text()
    if answer.correct:
        text.append("✓ ", "bold")
    elif answer.partial:
        text.append("◐ ", "bold")
    else:
        text.append("✗ ", "bold")
    text.append(answer.feedback, "bold")
    if answer.explanation:
        text.append("\n")
        text.append(" ".join(answer.explanation.split()))
    if answer.sources:
        text.append("\nRead more: ", "italic")
        text.append("; ".join(answer.sources), "italic")
    return text


def _not_an_answer(question: Question, error: QuizError) -> str:
    """Why typed input is not an answer, in the trainee's words (the engine's names item ids)."""
    if isinstance(error, UnitError):
        return f"Give the answer in {error.unit}: a number, then press Enter."
    if question.type is ItemType.NUMERIC:
        return (
            "That is not a number. Type digits (1234.50 or 1,234.50) or words (three), "
            "then press Enter."
        )
    if question.type is ItemType.TEXT:
        return "Type your answer in words, then press Enter."
    return str(error)


class QuizScreen(Screen[None]):
    """One attempt at one quiz by the signed-in trainee."""

    CSS_PATH = "quiz.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "Leave the quiz"),
        # From the choices, the typed answer or Next alike: the question and its explanation
        # are read back by keys, with no Tab stop of their own.
        Binding("pageup", "scroll_body(-1)", "Scroll", show=False, priority=True),
        Binding("pagedown", "scroll_body(1)", "Scroll down", show=False, priority=True),
    ]

    def __init__(
        self,
        store: accounts.Store,
        trainee: accounts.TraineeCard,
        quiz: Quiz,
        seed: int,
        *,
        clock: Callable[[], float],
    ) -> None:
        super().__init__()
        self.store = store
        self.trainee = trainee
        self.quiz = quiz
        self.seed = seed
        self.clock = clock
        self.attempt: QuizAttempt | None = None
        self.attempt_id: str | None = None
        self.attempt_open = False  # opened in the store and neither finished nor abandoned
        self.question: Question | None = None
        self._asking_to_quit = False  # the quit question is on screen

    @property
    def practice(self) -> bool:
        return self.quiz.mode is QuizMode.PRACTICE

    def compose(self) -> ComposeResult:
        with Horizontal(id="quiz-header"):
            yield Static(Text(self.quiz.title, "bold"), id="quiz-title")
            yield Static(self.quiz.mode.value.upper(), id="quiz-mode", classes=self.quiz.mode.value)
            yield Static("", id="quiz-progress")
            yield CallTimer(self.clock, label="Time", id="quiz-timer")
        # Not a stop of its own for Tab: the answer is; PgUp/PgDn scroll it from anywhere.
        with VerticalScroll(id="quiz-body", can_focus=False):
            yield Static(id="question-topic")
            yield Static(id="question-text")
            yield Static(id="question-help")
            yield ChoiceList(id="choices")
            with Horizontal(id="typed-answer"):
                # Its keys act in its turn: a Backspace typed fast deletes what it was meant to.
                yield FormField(id="answer-input", compact=True, moves_on=False)
                yield Static("", id="answer-unit")
            yield Static(id="feedback")
        yield Button("Next question", variant="primary", id="next")
        yield Footer()

    def on_mount(self) -> None:
        attempt = QuizAttempt(self.quiz, self.seed, clock=self.clock)
        self.attempt = attempt
        try:
            self.attempt_id = quizzes.begin_quiz(self.store, self.trainee.id, attempt)
        except StoreError as error:
            self._store_failed(error)
            return
        self.attempt_open = True
        self.query_one(CallTimer).start()
        self._ask(attempt.current)

    def on_unmount(self) -> None:
        """Leaving any other way (quitting the app) scores what was answered, as Esc does."""
        if not self.attempt_open or self.attempt is None or self.attempt_id is None:
            return
        self.attempt_open = False
        try:
            if self.attempt.answers:
                quizzes.finish_quiz(self.store, self.attempt_id, self.attempt.finish())
            else:
                quizzes.abandon_quiz(self.store, self.attempt_id)
        except StoreError as error:
            self.log.error(f"could not close quiz attempt {self.attempt_id}: {error}")

    # -- asking ------------------------------------------------------------------------------

    def _ask(self, question: Question | None) -> None:
        if question is None:
            self._finish()
            return
        self.question = question
        item = question.item
        total = len(self.attempt.questions) if self.attempt else 0
        self.query_one("#quiz-progress", Static).update(f"Question {question.number} of {total}")
        topic = item.topic.label if item.topic else ""
        self.query_one("#question-topic", Static).update(Text(topic))
        self.query_one("#question-text", Static).update(
            Text.assemble((f"{question.number}. ", "bold"), " ".join(question.text.split()))
        )
        self.query_one("#question-help", Static).update(Text(how_to_answer(question)))
        feedback = self.query_one("#feedback", Static)
        feedback.update("")
        feedback.set_classes("")
        self.query_one("#next", Button).display = False
        choices = self.query_one(ChoiceList)
        typed = self.query_one("#typed-answer")
        answer_input = self.query_one("#answer-input", Input)
        if is_choice(question):
            typed.display = False
            choices.display = True
            choices.disabled = False
            choices.show_choices(question.options, multiple=question.type is ItemType.MULTIPLE)
            choices.focus()
        else:
            choices.display = False
            typed.display = True
            answer_input.disabled = False
            answer_input.clear()
            answer_input.placeholder = (
                "A number" if question.type is ItemType.NUMERIC else "Your answer"
            )
            self.query_one("#answer-unit", Static).update(Text(item.unit))
            answer_input.focus()
        self.query_one("#quiz-body", VerticalScroll).scroll_home(animate=False)

    @on(ChoiceList.Chosen, "#choices")
    def _chosen(self, event: ChoiceList.Chosen) -> None:
        question = self.question
        if question is None:
            return
        if question.type is ItemType.MULTIPLE:
            if not event.keys:
                self.notify("Tick at least one option (space or its number), then press Enter.")
                return
            self._answer(event.keys)
        else:
            self._answer(event.keys[0])

    @on(Input.Submitted, "#answer-input")
    def _typed(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            self.notify("Type your answer first, then press Enter.")
            return
        self._answer(event.value)

    def _answer(self, given: str | tuple[str, ...]) -> None:
        """Mark the answer, store it before anything else, then show what the mode allows."""
        attempt, question = self.attempt, self.question
        if attempt is None or question is None or self.attempt_id is None or not self.attempt_open:
            return
        try:
            answer = attempt.answer(question, given)
        except QuizError as error:
            self.notify(_not_an_answer(question, error), severity="warning", markup=False)
            return
        try:
            quizzes.save_answer(self.store, self.attempt_id, answer)
        except StoreError as error:
            self._store_failed(error)
            return
        self.question = None
        if not self.practice:
            self._ask(attempt.current)
            return
        self._show_feedback(question, answer, given)

    def _show_feedback(
        self, question: Question, answer: AnswerResult, given: str | tuple[str, ...]
    ) -> None:
        choices = self.query_one(ChoiceList)
        if is_choice(question):
            picked = {given} if isinstance(given, str) else set(given)
            choices.show_verdict(picked, {o.key for o in question.options if o.correct})
            choices.disabled = True
        else:
            self.query_one("#answer-input", Input).disabled = True
        feedback = self.query_one("#feedback", Static)
        feedback.update(feedback_text(answer))
        feedback.set_classes(
            "right" if answer.correct else "partial" if answer.partial else "wrong"
        )
        assert self.attempt is not None
        button = self.query_one("#next", Button)
        button.label = (
            "See your result (Enter)" if self.attempt.finished else "Next question (Enter)"
        )
        button.display = True
        button.focus()
        self.query_one("#quiz-body", VerticalScroll).scroll_end(animate=False)

    def action_scroll_body(self, pages: int) -> None:
        """Scroll the question and its feedback a page back (-1) or on (1)."""
        body = self.query_one("#quiz-body", VerticalScroll)
        if pages < 0:
            body.scroll_page_up(animate=False)
        else:
            body.scroll_page_down(animate=False)

    @on(Button.Pressed, "#next")
    def _next(self) -> None:
        if self.attempt is not None:
            self._ask(self.attempt.current)

    # -- ending ------------------------------------------------------------------------------

    def _finish(self) -> None:
        """Score the attempt, store the result, and hand it to the result screen."""
        attempt = self.attempt
        if attempt is None or self.attempt_id is None or not self.attempt_open:
            return
        self.query_one(CallTimer).stop()
        result = attempt.finish()
        try:
            quizzes.finish_quiz(self.store, self.attempt_id, result)
        except StoreError as error:
            self._store_failed(error)
            return
        self.attempt_open = False
        self.post_message(QuizFinished(from_result(self.quiz, self.attempt_id, result)))

    def action_leave(self) -> None:
        attempt = self.attempt
        if attempt is None or not self.attempt_open:
            self.post_message(QuizAbandoned())
            return
        if not attempt.answers:
            self.post_message(QuizAbandoned())  # nothing answered: unmounting abandons it
            return
        left = len(attempt.questions) - len(attempt.answers)
        if left == 0:
            self._finish()
            return
        self.app.push_screen(
            ConfirmModal(
                "Leave the quiz?",
                f"{left} of {len(attempt.questions)} questions are not answered yet. They count "
                "as wrong, and the quiz is scored now.",
                yes="Leave and score it",
                no="Keep going",
                danger=True,
            ),
            self._leave_confirmed,
        )

    def _leave_confirmed(self, confirmed: bool | None) -> None:
        if confirmed:
            self._finish()

    def ask_before_quit(self) -> bool:
        """Ctrl+Q or the palette's Quit during the quiz: ask first, and True; False when the
        attempt is over and nothing would be lost. A second Ctrl+Q while asking is the same slip.

        Quitting keeps the answers given: the attempt is scored as it stands on the way out
        (`on_unmount`), and with none given it does not count."""
        attempt = self.attempt
        if attempt is None or not self.attempt_open:
            return False
        if self._asking_to_quit:
            return True
        self._asking_to_quit = True
        given, total = len(attempt.answers), len(attempt.questions)
        if given:
            body = (
                f"Your {given} answer{'s' * (given != 1)} so far {'are' if given != 1 else 'is'} "
                f"kept and the quiz is scored now: the {total - given} questions not answered "
                "count as wrong."
            )
        else:
            body = "Nothing is answered yet: this attempt will not count, and you can start again."
        self.app.push_screen(
            ConfirmModal(
                "Quit the trainer in the middle of the quiz?",
                body,
                yes="Quit",
                no="Keep going",
                danger=bool(given),
            ),
            self._quit_confirmed,
        )
        return True

    def _quit_confirmed(self, confirmed: bool | None) -> None:
        self._asking_to_quit = False
        if confirmed:
            self.app.exit()

    def _store_failed(self, error: StoreError) -> None:
        self.attempt_open = False
        self.notify(
            f"{error} The quiz cannot be recorded, so it stops here.",
            title="Could not save the quiz",
            severity="error",
            markup=False,
        )
        self.post_message(QuizAbandoned())
