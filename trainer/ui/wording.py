"""Words the screens share: how outcomes and attempt results read to a trainee."""

from __future__ import annotations

from rich.text import Text

from trainer.ui.records import AttemptLine

OUTCOME_WORDS = {
    "deal": "a deal",
    "application": "an application",
    "meeting": "a meeting booked",
    "callback": "a call back agreed",
    "lost": "no result",
    "hung-up": "the client hung up",
}


def outcome_words(outcome: str | None) -> str:
    """An outcome id as a trainee would say it."""
    if outcome is None:
        return "no outcome"
    return OUTCOME_WORDS.get(outcome, outcome)


def attempt_result(attempt: AttemptLine) -> Text:
    """An attempt's result in a few words: score and verdict, or why there is none."""
    if attempt.status != "completed" or attempt.percent is None:
        return Text(attempt.status.replace("-", " "), "dim")
    verdict = Text("passed", "bold") if attempt.passed else Text("not passed")
    return Text.assemble(f"{attempt.percent:g}% ", verdict, f" · {outcome_words(attempt.outcome)}")
