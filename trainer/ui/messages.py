"""App-wide messages: what a screen asks the app to do next, handled by the app's routing."""

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


class SignedIn(Message):
    """Sent when a trainee has picked their name (and given the right PIN) or added themselves."""

    def __init__(self, trainee: TraineeCard) -> None:
        super().__init__()
        self.trainee = trainee


class ItemPicked(Message):
    """Sent when the trainee picks something on home: cards, catalogue, a quiz, a call, the exam."""

    def __init__(self, item: Item) -> None:
        super().__init__()
        self.item = item


class CallRequested(Message):
    """Sent when the trainee starts a call (from the briefing, or to retry from the scorecard)."""

    def __init__(self, scenario_id: str, persona_id: str, mode: Mode) -> None:
        super().__init__()
        self.scenario_id = scenario_id
        self.persona_id = persona_id
        self.mode = mode


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


class CallFinished(Message):
    """Sent when a call has ended and its attempt is stored as completed."""

    def __init__(self, result: CallResult) -> None:
        super().__init__()
        self.result = result


class CallAbandoned(Message):
    """Sent when a call could not go on (the store refused it); the app goes back home."""


class TranscriptRequested(Message):
    """Sent when the trainee opens a stored attempt to read its transcript."""

    def __init__(self, attempt_id: str) -> None:
        super().__init__()
        self.attempt_id = attempt_id


class AttemptOpened(Message):
    """Sent when the trainee opens one of their stored attempts (its scorecard or quiz result)."""

    def __init__(self, attempt_id: str) -> None:
        super().__init__()
        self.attempt_id = attempt_id


class QuizStartRequested(Message):
    """Sent when the trainee starts a quiz (from its introduction, or to retake it)."""

    def __init__(self, quiz_id: str) -> None:
        super().__init__()
        self.quiz_id = quiz_id


class QuizFinished(Message):
    """Sent when a quiz has ended and its attempt is stored as completed."""

    def __init__(self, summary: QuizSummary) -> None:
        super().__init__()
        self.summary = summary


class QuizAbandoned(Message):
    """Sent when a quiz could not go on (the store refused it), or was left before any answer."""


class SourceRequested(Message):
    """Sent when the trainee asks to read where a quiz answer lives (a product or company card)."""

    def __init__(self, source: Source) -> None:
        super().__init__()
        self.source = source


class MentorSignInRequested(Message):
    """Sent when someone asks for the mentor sign-in from the trainee sign-in screen."""


class MentorSignedIn(Message):
    """Sent when a mentor's passphrase was right; the mentor screens are built for this mentor."""

    def __init__(self, mentor: MentorCard) -> None:
        super().__init__()
        self.mentor = mentor


class MentorSignedOut(Message):
    """Sent when the mentor signs out; the app closes every mentor screen."""
