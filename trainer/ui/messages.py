"""The app's intents: what a screen asks to happen next, each served by the router's table.

A screen never opens a sibling screen: it posts one of these and `trainer.ui.routes.router`
looks its type up in `ROUTES`. Every intent is an `Intent`, and a test checks that each has a
route.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:  # annotations only: the sign-in screen posts these before the engine is loaded
    from trainer.content.quiz.model import Source
    from trainer.engine.scoring import Score
    from trainer.engine.turns import Mode, Turn
    from trainer.services.accounts import MentorCard, TraineeCard
    from trainer.services.quizzes import QuizSummary
    from trainer.services.stages import Item


class Intent(Message):
    """Something a screen (or the palette) asks the app to open or close; the router serves it."""


# -- signing in and out ---------------------------------------------------------------------------


class SignedIn(Intent):
    """Sent when a trainee has picked their name (and given the right PIN) or added themselves."""

    def __init__(self, trainee: TraineeCard) -> None:
        super().__init__()
        self.trainee = trainee


class SignedOut(Intent):
    """Sent when the trainee signs out; the list of names shows again."""


class MentorSignInRequested(Intent):
    """Sent when someone asks for the mentor sign-in from the trainee sign-in screen."""


class MentorSignedIn(Intent):
    """Sent when a mentor's passphrase was right; the mentor screens are built for this mentor."""

    def __init__(self, mentor: MentorCard) -> None:
        super().__init__()
        self.mentor = mentor


class MentorSignedOut(Intent):
    """Sent when the mentor signs out; the app closes every mentor screen."""


# -- the trainee's programme ----------------------------------------------------------------------


class HomeRequested(Intent):
    """Sent when the trainee asks for their programme, closing whatever is open above it."""


class ItemPicked(Intent):
    """Sent when the trainee picks something on home: cards, catalogue, a quiz, a call, the exam."""

    def __init__(self, item: Item) -> None:
        super().__init__()
        self.item = item


class CallRequested(Intent):
    """Sent when the trainee starts a call (from the briefing, or to retry from the scorecard)."""

    def __init__(
        self, scenario_id: str, persona_id: str, mode: Mode, *, resume: str | None = None
    ) -> None:
        """With `resume`, the id of a practice call left unfinished, picked up where it was."""
        super().__init__()
        self.scenario_id = scenario_id
        self.persona_id = persona_id
        self.mode = mode
        self.resume = resume


@dataclass(frozen=True)
class CallResult:
    """What a finished call hands to its scorecard."""

    attempt_id: str
    scenario_id: str
    persona_id: str
    mode: Mode
    score: Score
    turns: tuple[Turn, ...]
    ending_note: str


class CallFinished(Intent):
    """Sent when a call has ended and its attempt is stored as completed."""

    def __init__(self, result: CallResult) -> None:
        super().__init__()
        self.result = result


class CallAbandoned(Intent):
    """Sent when a call could not go on (the store refused it); the app goes back home."""


class TranscriptRequested(Intent):
    """Sent when the trainee opens a stored attempt to read its transcript."""

    def __init__(self, attempt_id: str) -> None:
        super().__init__()
        self.attempt_id = attempt_id


class AttemptOpened(Intent):
    """Sent when the trainee opens one of their stored attempts (its scorecard or quiz result)."""

    def __init__(self, attempt_id: str) -> None:
        super().__init__()
        self.attempt_id = attempt_id


class QuizStartRequested(Intent):
    """Sent when the trainee starts a quiz (from its introduction, or to retake it)."""

    def __init__(self, quiz_id: str) -> None:
        super().__init__()
        self.quiz_id = quiz_id


class QuizFinished(Intent):
    """Sent when a quiz has ended and its attempt is stored as completed."""

    def __init__(self, summary: QuizSummary) -> None:
        super().__init__()
        self.summary = summary


class QuizAbandoned(Intent):
    """Sent when a quiz could not go on (the store refused it), or was left before any answer."""


class SourceRequested(Intent):
    """Sent when the trainee asks to read where a quiz answer lives (a product or company card)."""

    def __init__(self, source: Source) -> None:
        super().__init__()
        self.source = source


# -- the mentor's review --------------------------------------------------------------------------


class MentorTraineesRequested(Intent):
    """Sent when the mentor goes back to the trainees table, closing the screens above it."""


class MentorTraineeRequested(Intent):
    """Sent when the mentor opens one trainee's attempts and progress."""

    def __init__(self, trainee_id: int, name: str) -> None:
        super().__init__()
        self.trainee_id = trainee_id
        self.name = name


class MentorTranscriptRequested(Intent):
    """Sent when the mentor opens an attempt turn by turn, to comment, override or export it."""

    def __init__(self, attempt_id: str) -> None:
        super().__init__()
        self.attempt_id = attempt_id


class MentorComparisonRequested(Intent):
    """Sent when the mentor has marked two attempts of one scenario to read side by side."""

    def __init__(self, attempt_a: str, attempt_b: str) -> None:
        super().__init__()
        self.attempt_a = attempt_a
        self.attempt_b = attempt_b


class MentorAnalyticsRequested(Intent):
    """Sent when the mentor opens the team's analytics."""


class MentorCriteriaRequested(Intent):
    """Sent when the mentor asks for a trainee's work under guidance: the criteria, targets and
    readiness sign-off."""

    def __init__(self, trainee_id: int, name: str) -> None:
        super().__init__()
        self.trainee_id = trainee_id
        self.name = name
