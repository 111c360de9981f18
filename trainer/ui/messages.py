"""App-wide messages: what a screen asks the app to do next, handled by the app's routing."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from trainer.engine.scoring import Score
from trainer.engine.session import Mode, Turn
from trainer.ui.records import TraineeCard


class SignedIn(Message):
    """Sent when a trainee has picked their name (and given the right PIN) or added themselves."""

    def __init__(self, trainee: TraineeCard) -> None:
        super().__init__()
        self.trainee = trainee


class ScenarioPicked(Message):
    """Sent when the trainee picks a scenario to read its briefing."""

    def __init__(self, scenario_id: str) -> None:
        super().__init__()
        self.scenario_id = scenario_id


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
