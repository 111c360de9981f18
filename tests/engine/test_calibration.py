"""Calibration of the bundled scenarios, generated from their graphs: one critical breach fails
the best call it can be swapped into, and a clean alternative that reaches the goal passes."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from trainer.content.content_set import ContentSet
from trainer.content.loader import load_content
from trainer.content.paths import bundled_content_dir
from trainer.content.scenario.model import Reply, Scenario
from trainer.engine.machine import compile_scenario
from trainer.engine.scoring import Calibration
from trainer.engine.session import Session

BUNDLED = load_content(bundled_content_dir())


def value(reply: Reply, calibration: Calibration) -> float:
    """How much a reply adds to the weighted score (what "best" means when choosing)."""
    weights = {s: BUNDLED.rubric.skills[s].weight for s in calibration.maxima}
    return sum(
        weights[skill] * points / calibration.maxima[skill]
        for skill, points in reply.points.items()
        if skill in weights
    )


def replay(scenario: Scenario, persona: str, moves: list[str]) -> Session:
    session = Session(BUNDLED, scenario, BUNDLED.persona(persona))
    for move in moves:
        session.choose(move)
    return session


def best_call_through(
    scenario: Scenario, persona: str, breach: Reply, *, honest: bool = True
) -> list[str]:
    """The best honest call with `breach` swapped in: the best replies to its node, the breach,
    then the best replies on to an ending (a successful one if the breach leaves one). With
    `honest` false, other breaches may be taken to get there (a reply that only follows one)."""
    critical = set(BUNDLED.rubric.critical) if honest else set()
    calibration = compile_scenario(scenario).calibration(BUNDLED.rubric)
    seen: set[tuple[bool, str]] = set()
    fallback: list[str] = []

    def search(moves: list[str], taken: bool) -> list[str] | None:
        nonlocal fallback
        session = replay(scenario, persona, moves)
        if session.ended:
            if taken and session.outcome in scenario.success:
                return moves
            if taken and not fallback:
                fallback = moves
            return None
        if (taken, session.state) in seen:
            return None
        seen.add((taken, session.state))
        options = [option.reply for option in session.options()]
        if not taken and breach in options:
            return search([*moves, breach.id], True)
        allowed = [reply for reply in options if not critical.intersection(reply.tags)]
        key: Callable[[Reply], float] = lambda reply: value(reply, calibration)  # noqa: E731
        for reply in sorted(allowed, key=key, reverse=True):
            found = search([*moves, reply.id], taken)
            if found is not None:
                return found
        return None

    return search([], False) or fallback


def critical_replies(content: ContentSet) -> list[tuple[str, str, str]]:
    critical = set(content.rubric.critical)
    return [
        (scenario.id, persona, reply.key)
        for scenario in content.scenarios.values()
        for persona in scenario.personas
        for reply in scenario.replies()
        if critical.intersection(reply.tags)
    ]


CASES = critical_replies(BUNDLED)


def test_every_scenario_with_a_breach_on_offer_is_covered() -> None:
    covered = {scenario for scenario, _, _ in CASES}
    offering = {
        scenario.id
        for scenario in BUNDLED.scenarios.values()
        if any(set(BUNDLED.rubric.critical) & set(r.tags) for r in scenario.replies())
    }
    assert covered == offering and covered  # the bundled content offers breaches to fail


@pytest.mark.parametrize("scenario_id, persona, reply_key", CASES)
def test_a_single_critical_breach_fails_the_best_call_it_is_swapped_into(
    scenario_id: str, persona: str, reply_key: str
) -> None:
    scenario = BUNDLED.scenario(scenario_id)
    breach = next(reply for reply in scenario.replies() if reply.key == reply_key)
    tags = tuple(tag for tag in breach.tags if tag in BUNDLED.rubric.critical)
    moves = best_call_through(scenario, persona, breach)
    if moves:
        session = replay(scenario, persona, moves)
        score = session.score()
        assert not score.passed, (moves, score)
        assert score.breaches == tags
        assert score.reasons[: len(tags)] == tuple(BUNDLED.rubric.critical[tag] for tag in tags)
        assert session.ending_note.startswith(BUNDLED.rubric.critical[tags[0]])
    else:
        # Only reachable after another breach (a second lie once caught in the first).
        moves = best_call_through(scenario, persona, breach, honest=False)
        assert moves, f"no call reaches {reply_key} against {persona}"
        score = replay(scenario, persona, moves).score()
        assert not score.passed and set(tags) <= set(score.breaches)


def test_the_clean_follow_up_that_books_the_call_honestly_passes() -> None:
    scenario = BUNDLED.scenario("gatekeeper_follow_up")
    moves = [
        "intro_followup",
        "slot_anyway",
        "ask_best_time",
        "counter_email_plain",
        "spell_out_confirm",
    ]
    session = replay(scenario, scenario.personas[0], moves)
    score = session.score()
    assert session.outcome in scenario.success and score.breaches == ()
    assert score.passed, score.reasons
