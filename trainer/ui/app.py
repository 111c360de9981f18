"""The Textual app: composition, global bindings and routing between the screens.

Every way into a stage's content (home, the command palette, a "next step" key) goes through
`open_item`, which asks the programme's rules first, so a locked item never opens.
"""

from __future__ import annotations

import dataclasses
import random
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import ClassVar

from rich.console import Console
from rich.text import Text
from textual import on
from textual.app import App
from textual.binding import Binding, BindingType

from trainer.content.graph import skill_maxima
from trainer.content.loader import load_content
from trainer.content.models import ContentSet, Outcome
from trainer.content.programme import StageKey
from trainer.content.quiz import Quiz
from trainer.engine.programme import ProgrammeStatus, StageState
from trainer.engine.scoring import score_call
from trainer.engine.session import Mode
from trainer.errors import StoreError, TrainerError
from trainer.ui import messages, records
from trainer.ui.commands import TrainerCommands
from trainer.ui.quiz_summary import QuizSummary, from_stored
from trainer.ui.screens.briefing import BriefingScreen
from trainer.ui.screens.call import CallScreen
from trainer.ui.screens.catalogue import CatalogueScreen
from trainer.ui.screens.certificate import CertificateScreen
from trainer.ui.screens.company import CompanyScreen
from trainer.ui.screens.confirm_modal import ConfirmModal
from trainer.ui.screens.home import HomeScreen
from trainer.ui.screens.mentor_sign_in import MentorSignInScreen
from trainer.ui.screens.mentor_trainees import MentorTraineesScreen
from trainer.ui.screens.quiz import QuizScreen
from trainer.ui.screens.quiz_intro import QuizIntroScreen
from trainer.ui.screens.quiz_result import QuizResultScreen
from trainer.ui.screens.scorecard import ScorecardScreen
from trainer.ui.screens.sign_in import SignInScreen
from trainer.ui.screens.transcript import TranscriptScreen
from trainer.ui.stages import Item, ItemKind, is_exam, lock_reason, stage_number

HOME_DEPTH = 2  # the default screen, then home; everything else sits on top of home


class TrainerApp(App[int]):
    """Sign in, follow the programme: company cards, quizzes, practice calls, the final exam."""

    TITLE = "Call trainer"
    COMMANDS = App.COMMANDS | {TrainerCommands}
    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+q", "quit", "Quit", priority=True)]

    def __init__(
        self,
        content: ContentSet,
        store: records.Store,
        *,
        typing_delay: float = 0.6,
        clock: Callable[[], float] | None = None,
        seeds: random.Random | None = None,
        mentor: bool = False,
    ) -> None:
        super().__init__()
        self.content = content
        self.store = store
        self.typing_delay = typing_delay
        self.clock = clock or time.monotonic
        self.seeds = seeds or random.Random()
        self.trainee: records.TraineeCard | None = None
        self.opens_on_mentor_sign_in = mentor  # only which sign-in shows first; it grants nothing

    @property
    def in_call(self) -> bool:
        """A call or a quiz is going on: nothing else may be opened until it ends."""
        return any(isinstance(screen, CallScreen | QuizScreen) for screen in self.screen_stack)

    def on_mount(self) -> None:
        self.push_screen(SignInScreen(self.store))
        if self.opens_on_mentor_sign_in:
            self.push_screen(MentorSignInScreen(self.store))

    # -- the programme's gate ------------------------------------------------------------------

    def programme_status(self) -> ProgrammeStatus | None:
        """The signed-in trainee's stages, read now; None without a programme or a trainee."""
        if self.trainee is None or self.content.programme is None:
            return None
        return records.progress(self.store, self.trainee.id, self.content.programme).status

    def locked_because(self, item: Item) -> str | None:
        """Why `item` cannot be opened now, or None when it can."""
        try:
            status = self.programme_status()
        except StoreError as error:
            return f"Your records cannot be read, so nothing new can open: {error}"
        return lock_reason(self.content, status, item)

    def open_item(self, item: Item) -> None:
        """Open what the trainee picked, unless the programme keeps it locked (then say why)."""
        if self.trainee is None:
            return
        reason = self.locked_because(item)
        if reason is not None:
            self.notify(reason, title="Locked", severity="warning", markup=False)
            return
        if item.kind is ItemKind.COMPANY:
            self.show_company()
        elif item.kind is ItemKind.CATALOGUE:
            self.show_catalogue()
        elif item.kind is ItemKind.QUIZ:
            self.show_quiz_intro(item.id)
        elif item.kind is ItemKind.SCENARIO:
            self.show_briefing(item.id)
        else:
            self.show_certificate()

    def stage_quiz(self, key: StageKey) -> Quiz | None:
        """The quiz of a stage: the programme's, else the first quiz of that stage number."""
        programme = self.content.programme
        if programme is not None:
            return programme.stage(key).quiz
        return next((q for q in self.content.quizzes.values() if q.stage == key.number), None)

    # -- routing ------------------------------------------------------------------------------

    @on(messages.SignedIn)
    def _signed_in(self, message: messages.SignedIn) -> None:
        self.trainee = message.trainee
        self.switch_screen(HomeScreen(self.content, self.store, message.trainee))

    @on(messages.ItemPicked)
    def _item_picked(self, message: messages.ItemPicked) -> None:
        self.open_item(message.item)

    @on(messages.CallRequested)
    def _call_requested(self, message: messages.CallRequested) -> None:
        if self.trainee is None:
            return
        item = Item(ItemKind.SCENARIO, message.scenario_id)
        reason = self.locked_because(item)
        if reason is not None:
            self.notify(reason, title="Locked", severity="warning", markup=False)
            return
        programme = self.content.programme
        if programme is None or not is_exam(self.content, item):
            self._start_call(message, None)
            return
        status = self.programme_status()
        assert status is not None
        exam = status.exam
        left = f"{exam.attempts_left} of {exam.attempts_allowed}"
        self.push_screen(
            ConfirmModal(
                "Start the final exam now?",
                f"This uses one of your exam attempts ({left} left). Once it starts it counts, "
                "even if you hang up, quit or the computer crashes. No hints, meters or coach "
                "notes until the call ends.",
                yes="Start the exam",
                no="Not now",
                danger=True,
            ),
            partial(self._exam_confirmed, message, programme.exam.exam_attempts),
        )

    def _exam_confirmed(
        self, message: messages.CallRequested, attempts: int, confirmed: bool | None
    ) -> None:
        if confirmed:
            self._start_call(message, attempts)

    def _start_call(self, message: messages.CallRequested, exam_attempts: int | None) -> None:
        assert self.trainee is not None
        call = CallScreen(
            self.content,
            self.store,
            self.trainee,
            self.content.scenario(message.scenario_id),
            self.content.persona(message.persona_id),
            message.mode,
            self.seeds.randrange(1, 2**31),
            typing_delay=self.typing_delay,
            clock=self.clock,
            exam_attempts=exam_attempts,
        )
        self._back_to_home()
        self.push_screen(call)

    @on(messages.CallFinished)
    def _call_finished(self, message: messages.CallFinished) -> None:
        assert self.trainee is not None
        result = message.result
        try:
            previous = records.previous_percent(
                self.store, self.trainee.id, result.scenario_id, result.attempt_id
            )
        except StoreError as error:
            self.log.error(f"no previous score for the scorecard: {error}")
            previous = None
        passed_exam = result.score.passed and is_exam(
            self.content, Item(ItemKind.SCENARIO, result.scenario_id)
        )
        self.switch_screen(ScorecardScreen(self.content, result, previous, certificate=passed_exam))
        if passed_exam:
            self.show_certificate()

    @on(messages.CallAbandoned)
    @on(messages.QuizAbandoned)
    def _abandoned(self) -> None:
        self.action_home()

    @on(messages.TranscriptRequested)
    def _transcript_requested(self, message: messages.TranscriptRequested) -> None:
        assert self.trainee is not None
        try:
            review = records.review(self.store, self.trainee.id, message.attempt_id)
        except StoreError as error:
            self.notify(
                str(error), title="Cannot open that attempt", severity="error", markup=False
            )
            return
        self.push_screen(TranscriptScreen(self.content, review))

    @on(messages.AttemptOpened)
    def _attempt_opened(self, message: messages.AttemptOpened) -> None:
        """A stored attempt: a quiz opens its result, a finished call its scorecard, else its
        transcript."""
        assert self.trainee is not None
        try:
            line = records.attempt_line(self.store, self.trainee.id, message.attempt_id)
            if line.kind == records.QUIZ_KIND:
                self._open_stored_quiz(line)
                return
            scenario = self.content.scenarios.get(line.content_id)
            if line.status != "completed" or scenario is None or line.outcome is None:
                self._transcript_requested(messages.TranscriptRequested(line.id))
                return
            self._open_stored_call(line)
        except StoreError as error:
            self.notify(
                str(error), title="Cannot open that attempt", severity="error", markup=False
            )

    def _open_stored_quiz(self, line: records.AttemptLine) -> None:
        assert self.trainee is not None
        quiz = self.content.quizzes.get(line.content_id)
        if quiz is None:
            self.notify(
                f"The quiz '{line.content_id}' is no longer in the content.",
                title="Cannot open that attempt",
                severity="warning",
                markup=False,
            )
            return
        stored = records.stored_quiz(self.store, self.trainee.id, line.id)
        summary = from_stored(quiz, line.id, stored.seed, line.percent, line.passed, stored.answers)
        left = (
            "You left this attempt before answering any question; it does not count."
            if line.status == "abandoned"
            else ""
        )
        self.push_screen(QuizResultScreen(summary, next_step=left, mentor=stored.mentor))

    def _open_stored_call(self, line: records.AttemptLine) -> None:
        assert self.trainee is not None
        scenario = self.content.scenario(line.content_id)
        stored = records.stored_call(self.store, self.trainee.id, line.id)
        try:
            outcome = Outcome(line.outcome or Outcome.LOST.value)
        except ValueError:
            outcome = Outcome.LOST
        score = score_call(
            scenario, self.content.rubric, skill_maxima(scenario), stored.earned, outcome
        )
        if line.percent is not None and line.passed is not None:
            score = dataclasses.replace(score, percent=line.percent, passed=line.passed)
        persona_id = line.persona_id or scenario.personas[0]
        result = messages.CallResult(
            attempt_id=line.id,
            scenario_id=scenario.id,
            persona_id=persona_id,
            mode=Mode(line.mode),
            score=score,
            turns=stored.turns,
            ending_note="",
        )
        previous = records.previous_percent(self.store, self.trainee.id, scenario.id, line.id)
        passed_exam = bool(line.passed) and is_exam(
            self.content, Item(ItemKind.SCENARIO, scenario.id)
        )
        self.push_screen(
            ScorecardScreen(
                self.content, result, previous, mentor=stored.mentor, certificate=passed_exam
            )
        )

    @on(messages.QuizStartRequested)
    def _quiz_start_requested(self, message: messages.QuizStartRequested) -> None:
        if self.trainee is None:
            return
        reason = self.locked_because(Item(ItemKind.QUIZ, message.quiz_id))
        if reason is not None:
            self.notify(reason, title="Locked", severity="warning", markup=False)
            return
        quiz = self.content.quizzes[message.quiz_id]
        screen = QuizScreen(
            self.store, self.trainee, quiz, self.seeds.randrange(1, 2**31), clock=self.clock
        )
        self._back_to_home()
        self.push_screen(screen)

    @on(messages.QuizFinished)
    def _quiz_finished(self, message: messages.QuizFinished) -> None:
        summary = message.summary
        self.switch_screen(QuizResultScreen(summary, next_step=self._after_quiz(summary)))

    def _after_quiz(self, summary: QuizSummary) -> str:
        """What passing (or not) the quiz means for the programme, in one sentence."""
        if not summary.passed:
            return (
                f"You need {summary.pass_mark:g}% to pass. Read the explanations below, "
                "then press r to take it again."
            )
        number = stage_number(self.content, Item(ItemKind.QUIZ, summary.quiz.id))
        try:
            status = self.programme_status()
        except StoreError:
            return ""
        if status is None or number is None or number >= len(status.stages):
            return ""
        following = status.stages[number]
        if following.state is StageState.LOCKED:
            return ""
        return f"Stage {following.number}, {following.title}, is open now."

    @on(messages.SourceRequested)
    def _source_requested(self, message: messages.SourceRequested) -> None:
        source = message.source
        if source.product is not None:
            item = Item(ItemKind.CATALOGUE)
        elif source.company is not None:
            item = Item(ItemKind.COMPANY)
        else:
            return
        reason = self.locked_because(item)
        if reason is not None:
            self.notify(reason, title="Locked", severity="warning", markup=False)
            return
        if source.product is not None:
            self.show_catalogue(product_id=source.product)
        else:
            self.show_company(section=source.company, title=source.title)

    # -- the mentor's review: in only through the passphrase, out back to the trainee sign-in --

    @on(messages.MentorSignInRequested)
    def _mentor_sign_in_requested(self) -> None:
        self.push_screen(MentorSignInScreen(self.store))

    @on(messages.MentorSignedIn)
    def _mentor_signed_in(self, message: messages.MentorSignedIn) -> None:
        self.switch_screen(MentorTraineesScreen(self.content, self.store, message.mentor))

    @on(messages.MentorSignedOut)
    def _mentor_signed_out(self) -> None:
        while len(self.screen_stack) > 1 and not isinstance(self.screen, SignInScreen):
            self.pop_screen()
        if not isinstance(self.screen, SignInScreen):
            self.push_screen(SignInScreen(self.store))

    # -- showing things -------------------------------------------------------------------------

    def show_company(self, *, section: str | None = None, title: str | None = None) -> None:
        """Open the company cards on top of the current screen."""
        catalogue = self.content.catalogue
        if catalogue is None:
            self.notify("This content set has no company cards.", severity="warning")
            return
        quiz = self.stage_quiz(StageKey.INTRODUCTION)
        self.push_screen(CompanyScreen(catalogue.company, quiz, section=section, title=title))

    def show_catalogue(self, *, product_id: str | None = None) -> None:
        """Open the product catalogue on top of the current screen."""
        catalogue = self.content.catalogue
        if catalogue is None:
            self.notify("This content set has no product catalogue.", severity="warning")
            return
        quiz = self.stage_quiz(StageKey.PRODUCT)
        self.push_screen(CatalogueScreen(catalogue, quiz, product_id=product_id))

    def show_quiz_intro(self, quiz_id: str) -> None:
        """Open a quiz's introduction on top of home."""
        assert self.trainee is not None
        try:
            best, count = records.best_scores(self.store, self.trainee.id).get(quiz_id, (None, 0))
        except StoreError as error:
            self.log.error(f"no record for the quiz introduction: {error}")
            best, count = None, 0
        self._back_to_home()
        self.push_screen(QuizIntroScreen(self.content.quizzes[quiz_id], best, count))

    def show_briefing(self, scenario_id: str) -> None:
        """Open the briefing of a scenario on top of home."""
        self._back_to_home()
        self.push_screen(BriefingScreen(self.content, self.content.scenario(scenario_id)))

    def show_certificate(self) -> None:
        """Open the trainee's certificate, if they have passed the final exam."""
        programme = self.content.programme
        if self.trainee is None or programme is None or programme.exam.exam_scenario is None:
            return
        try:
            certificate = records.certificate(self.store, self.trainee, programme)
        except StoreError as error:
            self.notify(str(error), title="Cannot read your exam", severity="error", markup=False)
            return
        if certificate is None:
            self.notify("The certificate comes with a passed final exam.", severity="warning")
            return
        title = self.content.scenario(certificate.scenario_id).title
        self.push_screen(CertificateScreen(certificate, title))

    def action_home(self) -> None:
        """Back to the programme, closing whatever is open above it."""
        if self.trainee is not None:
            self._back_to_home()

    def action_sign_out(self) -> None:
        """Forget the trainee and show the list of names again."""
        if self.trainee is None:
            return
        self.trainee = None
        self._back_to_home()
        self.switch_screen(SignInScreen(self.store))

    def _back_to_home(self) -> None:
        while len(self.screen_stack) > HOME_DEPTH:
            self.pop_screen()


def make_app(
    content: ContentSet,
    store: records.Store,
    *,
    typing_delay: float = 0.6,
    clock: Callable[[], float] | None = None,
    seeds: random.Random | None = None,
    mentor: bool = False,
) -> TrainerApp:
    """The app over a loaded content set and an open store; the CLI and the tests both use it.

    With `mentor`, it opens on the mentor sign-in (`trainer mentor`) over the trainees' one.
    """
    return TrainerApp(
        content, store, typing_delay=typing_delay, clock=clock, seeds=seeds, mentor=mentor
    )


def run_app(content_dir: Path, db_option: str | None, *, mentor: bool = False) -> int:
    """Load the content, open the store, run the app; a problem is one line on stderr and 1."""
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        content = load_content(content_dir)
        store = records.open_records(db_option)
    except TrainerError as error:
        err.print(Text(f"trainer: {error}"))
        return 1
    try:
        make_app(content, store, mentor=mentor).run()
    finally:
        store.close()
    return 0


__all__ = ["TrainerApp", "make_app", "run_app"]
