"""One name for each call outcome, used by every screen, report, reason and export."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from trainer.content.scenario.kinds import Outcome

# How a trainee or a mentor says each outcome; the ids stay in the database and the YAML.
OUTCOME_LABELS: dict[Outcome, str] = {
    Outcome.DEAL: "a deal",
    Outcome.APPLICATION: "an application",
    Outcome.MEETING: "a meeting booked",
    Outcome.CALLBACK: "a call back agreed",
    Outcome.LOST: "no result",
    Outcome.HUNG_UP: "the client hung up",
}


# "No result" where closing without a sale is the call's goal (qualifying a lead out) would read
# as a failure beside PASSED: the scenario's own success names what was achieved.
GOAL_NO_SALE = "lead closed without a sale"


def outcome_label(outcome: Outcome | str | None, success: Collection[Outcome] = ()) -> str:
    """An outcome (or its stored id) in plain words; an unknown id is shown as it is. With the
    scenario's `success` outcomes, a call that closed the lead as its goal asks says so."""
    if outcome is None:
        return "no outcome"
    try:
        known = Outcome(outcome)
    except ValueError:
        return str(outcome)
    if known is Outcome.LOST and known in success:
        return GOAL_NO_SALE
    return OUTCOME_LABELS[known]


def outcomes_label(outcomes: Iterable[Outcome]) -> str:
    """Several outcomes joined with "or", in a stable order: "a deal or a meeting booked"."""
    labels = [OUTCOME_LABELS[outcome] for outcome in Outcome if outcome in set(outcomes)]
    return " or ".join(labels) or "no outcome"
