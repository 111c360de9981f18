"""Where each request of the programme's screens leads: the app's routes once content is loaded.

Every way into a stage's content (home, the command palette, a "next step" key) goes through
`open_item`, which asks the programme's rules first, so a locked item never opens. The app
hands each message of `trainer.ui.messages` to the method of the same name here.
"""

from __future__ import annotations

import dataclasses
from functools import partial
from typing import TYPE_CHECKING

from trainer.content.content_set import ContentSet
from trainer.content.programme import StageKey
from trainer.content.quiz.model import Quiz
from trainer.content.scenario.model import Outcome
from trainer.engine.programme import ProgrammeStatus, StageState
from trainer.engine.scoring import calibrate, score_call
from trainer.engine.turns import Speaker
from trainer.errors import StoreError
from trainer.services import calls, certificates, records, stages
from trainer.services.quizzes import QuizSummary, from_stored
from trainer.services.stages import Item, ItemKind, is_exam, lock_reason, stage_number
from trainer.store.exams import exam_rules_for
from trainer.ui import messages
from trainer.ui.commands import PaletteCommand
from trainer.ui.modals.confirm import ConfirmModal
from trainer.ui.screens.briefing import BriefingScreen
from trainer.ui.screens.call import CallScreen
from trainer.ui.screens.catalogue import CatalogueScreen
from trainer.ui.screens.certificate import CertificateScreen
from trainer.ui.screens.company import CompanyScreen
from trainer.ui.screens.home import HomeScreen
from trainer.ui.screens.quiz import QuizScreen
from trainer.ui.screens.quiz_intro import QuizIntroScreen
from trainer.ui.screens.quiz_result import QuizResultScreen
from trainer.ui.screens.scorecard import ScorecardScreen
from trainer.ui.screens.transcript import TranscriptScreen

if TYPE_CHECKING:
    from trainer.services.accounts import TraineeCard
    from trainer.ui.app import TrainerApp


class Routes:
    """The screens of the programme over one content set, opened on the app's screen stack."""

    def __init__(self, app: TrainerApp, content: ContentSet) -> None:
        self.app = app
        self.content = content
        self.store = app.store
        self._exam_draw: calls.ExamDraw | None = None  # the variant the briefing shows
        try:
            # The programme's first use fixes the exam's rules in the records; later content
            # cannot change them.
            exam_rules_for(self.store, content)
        except StoreError as error:
            app.log.error(f"the exam's rules could not be fixed in the records: {error}")

    @property
    def trainee(self) -> TraineeCard:
        """The signed-in trainee, whom every route but the mentor's serves."""
        if self.app.trainee is None:
            raise RuntimeError("no trainee is signed in")
        return self.app.trainee

    @property
    def in_call(self) -> bool:
        """A call or a quiz is going on: nothing else may be opened until it ends."""
        return any(isinstance(screen, CallScreen | QuizScreen) for screen in self.app.screen_stack)

    def home(self, trainee: TraineeCard) -> None:
        """The signed-in trainee's programme, in place of the sign-in."""
        self.app.switch_screen(HomeScreen(self.content, self.store, trainee))

    # -- the programme's gate ------------------------------------------------------------------

    def programme_status(self) -> ProgrammeStatus | None:
        """The signed-in trainee's stages, read now; None without a programme or a trainee."""
        if self.app.trainee is None or self.content.programme is None:
            return None
        return stages.progress(self.store, self.trainee.id, self.content.programme).status

    def locked_because(self, item: Item) -> str | None:
        """Why `item` cannot be opened now, or None when it can."""
        try:
            status = self.programme_status()
        except StoreError as error:
            return f"Your records cannot be read, so nothing new can open: {error}"
        return lock_reason(self.content, status, item)

    def open_item(self, item: Item) -> None:
        """Open what the trainee picked, unless the programme keeps it locked (then say why)."""
        if self.app.trainee is None:
            return
        reason = self.locked_because(item)
        if reason is not None:
            self.app.notify(reason, title="Locked", severity="warning", markup=False)
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

    def call_requested(self, message: messages.CallRequested) -> None:
        if self.app.trainee is None:
            return
        item = Item(ItemKind.SCENARIO, message.scenario_id)
        reason = self.locked_because(item)
        if reason is not None:
            self.app.notify(reason, title="Locked", severity="warning", markup=False)
            return
        programme = self.content.programme
        if not self.content.scenario(message.scenario_id).exam:
            self._start_call(message, None)
            return
        draw = self._exam_draw
        if draw is None or draw.scenario_id != message.scenario_id:
            # A retake from the scorecard, or an exam asked for by name: draw the variant first.
            self.show_briefing(message.scenario_id)
            return
        status = self.programme_status()
        if status is None:
            left = "the records count every attempt"
        else:
            exam = status.exam
            left = f"{exam.attempts_left} of {exam.attempts_allowed} left"
        attempts = None if programme is None else programme.exam.exam_attempts
        self.app.push_screen(
            ConfirmModal(
                "Start the final exam now?",
                f"This uses one of your exam attempts ({left}). Once it starts it counts, "
                "even if you hang up, quit or the computer crashes. No hints, meters or coach "
                "notes until the call ends.",
                yes="Start the exam",
                no="Not now",
                danger=True,
            ),
            partial(self._exam_confirmed, message, attempts, draw),
        )

    def _exam_confirmed(
        self,
        message: messages.CallRequested,
        attempts: int | None,
        draw: calls.ExamDraw,
        confirmed: bool | None,
    ) -> None:
        if confirmed:
            self._exam_draw = None  # a draw is used once
            self._start_call(message, attempts, draw)

    def _start_call(
        self,
        message: messages.CallRequested,
        exam_attempts: int | None,
        draw: calls.ExamDraw | None = None,
    ) -> None:
        seed = draw.seed if draw is not None else self.app.seeds.randrange(1, 2**31)
        call = CallScreen(
            self.content,
            self.store,
            self.trainee,
            self.content.scenario(message.scenario_id),
            self.content.persona(message.persona_id),
            message.mode,
            seed,
            typing_delay=self.app.typing_delay,
            clock=self.app.clock,
            exam_attempts=exam_attempts,
            exam_pool=(draw.pool or None) if draw is not None else None,
            attempt=draw.attempt if draw is not None else 1,
            attempts_left=draw.left_after if draw is not None else None,
        )
        self.app.back_to_home()
        self.app.push_screen(call)

    def call_finished(self, message: messages.CallFinished) -> None:
        result = message.result
        try:
            previous = records.previous_percent(
                self.store, self.trainee.id, result.scenario_id, result.attempt_id
            )
        except StoreError as error:
            self.app.log.error(f"no previous score for the scorecard: {error}")
            previous = None
        passed_exam = result.score.passed and is_exam(
            self.content, Item(ItemKind.SCENARIO, result.scenario_id)
        )
        self.app.switch_screen(
            ScorecardScreen(self.content, result, previous, certificate=passed_exam)
        )
        if passed_exam:
            self.show_certificate()

    def transcript_requested(self, message: messages.TranscriptRequested) -> None:
        try:
            review = records.review(self.store, self.trainee.id, message.attempt_id)
        except StoreError as error:
            self.app.notify(
                str(error), title="Cannot open that attempt", severity="error", markup=False
            )
            return
        self.app.push_screen(TranscriptScreen(self.content, review))

    def attempt_opened(self, message: messages.AttemptOpened) -> None:
        """A stored attempt: a quiz opens its result, a finished call its scorecard, else its
        transcript."""
        try:
            line = records.attempt_line(self.store, self.trainee.id, message.attempt_id)
            if line.kind is records.QUIZ_KIND:
                self._open_stored_quiz(line)
                return
            scenario = self.content.scenarios.get(line.content_id)
            if (
                line.status is not records.AttemptStatus.COMPLETED
                or scenario is None
                or line.outcome is None
            ):
                self.transcript_requested(messages.TranscriptRequested(line.id))
                return
            self._open_stored_call(line)
        except StoreError as error:
            self.app.notify(
                str(error), title="Cannot open that attempt", severity="error", markup=False
            )

    def _open_stored_quiz(self, line: records.AttemptLine) -> None:
        quiz = self.content.quizzes.get(line.content_id)
        if quiz is None:
            self.app.notify(
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
            if line.status is records.AttemptStatus.ABANDONED
            else ""
        )
        self.app.push_screen(QuizResultScreen(summary, next_step=left, mentor=stored.mentor))

    def _open_stored_call(self, line: records.AttemptLine) -> None:
        scenario = self.content.scenario(line.content_id)
        stored = records.stored_call(self.store, self.trainee.id, line.id)
        try:
            outcome = Outcome(line.outcome or Outcome.LOST.value)
        except ValueError:
            outcome = Outcome.LOST
        said = [
            tag for turn in stored.turns if turn.speaker is Speaker.TRAINEE for tag in turn.tags
        ]
        score = score_call(
            scenario,
            self.content.rubric,
            calibrate(scenario, self.content.rubric),
            stored.earned,
            outcome,
            said,
        )
        if line.percent is not None and line.passed is not None:
            score = dataclasses.replace(score, percent=line.percent, passed=line.passed)
        persona_id = line.persona_id or scenario.personas[0]
        result = messages.CallResult(
            attempt_id=line.id,
            scenario_id=scenario.id,
            persona_id=persona_id,
            mode=line.mode,
            score=score,
            turns=stored.turns,
            ending_note="",
        )
        previous = records.previous_percent(self.store, self.trainee.id, scenario.id, line.id)
        passed_exam = bool(line.passed) and is_exam(
            self.content, Item(ItemKind.SCENARIO, scenario.id)
        )
        self.app.push_screen(
            ScorecardScreen(
                self.content, result, previous, mentor=stored.mentor, certificate=passed_exam
            )
        )

    def quiz_start_requested(self, message: messages.QuizStartRequested) -> None:
        if self.app.trainee is None:
            return
        reason = self.locked_because(Item(ItemKind.QUIZ, message.quiz_id))
        if reason is not None:
            self.app.notify(reason, title="Locked", severity="warning", markup=False)
            return
        quiz = self.content.quizzes[message.quiz_id]
        screen = QuizScreen(
            self.store,
            self.trainee,
            quiz,
            self.app.seeds.randrange(1, 2**31),
            clock=self.app.clock,
        )
        self.app.back_to_home()
        self.app.push_screen(screen)

    def quiz_finished(self, message: messages.QuizFinished) -> None:
        summary = message.summary
        self.app.switch_screen(QuizResultScreen(summary, next_step=self._after_quiz(summary)))

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

    def source_requested(self, message: messages.SourceRequested) -> None:
        source = message.source
        if source.product is not None:
            item = Item(ItemKind.CATALOGUE)
        elif source.company is not None:
            item = Item(ItemKind.COMPANY)
        else:
            return
        reason = self.locked_because(item)
        if reason is not None:
            self.app.notify(reason, title="Locked", severity="warning", markup=False)
            return
        if source.product is not None:
            self.show_catalogue(product_id=source.product)
        else:
            self.show_company(section=source.company, title=source.title)

    # -- the mentor's review: in only through the passphrase, out back to the trainee sign-in --

    def mentor_signed_in(self, message: messages.MentorSignedIn) -> None:
        # The review's screens, analytics and exports load when a mentor signs in: trainees
        # never need them.
        from trainer.ui.screens.mentor_trainees import MentorTraineesScreen

        self.app.switch_screen(MentorTraineesScreen(self.content, self.store, message.mentor))

    def palette(self) -> list[PaletteCommand]:
        """The command palette's entries: home, sign out, and everything the trainee can open."""
        content = self.content
        commands = [
            PaletteCommand("Home", self.app.action_home, "Your programme and recent attempts"),
            PaletteCommand("Sign out", self.app.action_sign_out, "Back to the list of names"),
        ]
        if content.catalogue is not None:
            company = content.catalogue.company.name
            commands += [
                PaletteCommand(
                    "Company cards",
                    partial(self.open_item, Item(ItemKind.COMPANY)),
                    f"{company}: about, policies, tools such as the CRM, clients",
                ),
                PaletteCommand(
                    "Product catalogue",
                    partial(self.open_item, Item(ItemKind.CATALOGUE)),
                    "Every product: characteristics, packaging, stock, delivery, prices, terms",
                ),
            ]
        for quiz in sorted(content.quizzes.values(), key=lambda q: (q.stage, q.title)):
            commands.append(
                PaletteCommand(
                    f"Take the quiz: {quiz.title}",
                    partial(self.open_item, Item(ItemKind.QUIZ, quiz.id)),
                    f"{quiz.size} questions, pass mark {quiz.pass_mark:g}%",
                )
            )
        scenarios = sorted(content.scenarios.values(), key=lambda s: (s.exam, s.stage, s.title))
        exam_listed = False
        for scenario in scenarios:
            if scenario.exam:
                # One entry for the exam: the variant is drawn when it opens.
                if exam_listed:
                    continue
                exam_listed = True
                commands.append(
                    PaletteCommand(
                        "Take the final exam",
                        partial(self.open_item, Item(ItemKind.SCENARIO, scenario.id)),
                        "A demanding client drawn from the exam's variants",
                    )
                )
                continue
            commands.append(
                PaletteCommand(
                    f"Practise: {scenario.title}",
                    partial(self.open_item, Item(ItemKind.SCENARIO, scenario.id)),
                    " ".join(scenario.goal.split()),
                )
            )
        if content.programme is not None:
            commands.append(
                PaletteCommand(
                    "Certificate",
                    partial(self.open_item, Item(ItemKind.CERTIFICATE)),
                    "Your certificate, once you have passed the final exam",
                )
            )
        return commands

    # -- showing things -------------------------------------------------------------------------

    def show_company(self, *, section: str | None = None, title: str | None = None) -> None:
        """Open the company cards on top of the current screen."""
        catalogue = self.content.catalogue
        if catalogue is None:
            self.app.notify("This content set has no company cards.", severity="warning")
            return
        quiz = self.stage_quiz(StageKey.INTRODUCTION)
        self.app.push_screen(CompanyScreen(catalogue.company, quiz, section=section, title=title))

    def show_catalogue(self, *, product_id: str | None = None) -> None:
        """Open the product catalogue on top of the current screen."""
        catalogue = self.content.catalogue
        if catalogue is None:
            self.app.notify("This content set has no product catalogue.", severity="warning")
            return
        quiz = self.stage_quiz(StageKey.PRODUCT)
        self.app.push_screen(CatalogueScreen(catalogue, quiz, product_id=product_id))

    def show_quiz_intro(self, quiz_id: str) -> None:
        """Open a quiz's introduction on top of home."""
        try:
            best, count = records.best_scores(self.store, self.trainee.id).get(quiz_id, (None, 0))
        except StoreError as error:
            self.app.log.error(f"no record for the quiz introduction: {error}")
            best, count = None, 0
        self.app.back_to_home()
        self.app.push_screen(QuizIntroScreen(self.content.quizzes[quiz_id], best, count))

    def show_briefing(self, scenario_id: str) -> None:
        """Open the briefing of a scenario on top of home; for the exam, of the variant drawn."""
        scenario = self.content.scenario(scenario_id)
        if scenario.exam and self.app.trainee is not None:
            seed = self.app.seeds.randrange(1, 2**31)
            try:
                draw = calls.draw_exam(self.store, self.trainee.id, self.content, seed, scenario_id)
            except StoreError as error:
                self.app.notify(
                    str(error), title="Cannot read your exam", severity="error", markup=False
                )
                return
            if draw.scenario_id is None:
                self.app.notify(
                    f"The final exam cannot start: {draw.refused}.",
                    title="Locked",
                    severity="warning",
                    markup=False,
                )
                return
            self._exam_draw = draw
            scenario = self.content.scenario(draw.scenario_id)
        self.app.back_to_home()
        self.app.push_screen(BriefingScreen(self.content, scenario))

    def show_certificate(self) -> None:
        """Open the trainee's certificate, if they have passed the final exam."""
        programme = self.content.programme
        if self.app.trainee is None or programme is None:
            return
        try:
            certificate = certificates.certificate(self.store, self.trainee, programme)
        except StoreError as error:
            self.app.notify(
                str(error), title="Cannot read your exam", severity="error", markup=False
            )
            return
        if certificate is None:
            self.app.notify(
                "The certificate comes with a passed final exam whose content a mentor accepted.",
                severity="warning",
            )
            return
        exam = self.content.scenarios.get(certificate.scenario_id)
        title = exam.title if exam is not None else programme.exam.exam_title
        self.app.push_screen(CertificateScreen(certificate, title))
