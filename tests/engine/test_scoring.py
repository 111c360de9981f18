"""Scoring: a critical breach fails any call, and calls are measured against what an honest,
successful call can earn."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import MINI
from tests.content.test_loader import edit
from trainer.content.content_set import ContentSet
from trainer.content.graph import skill_maxima
from trainer.content.loader import load_content
from trainer.content.scenario.model import Outcome
from trainer.engine.scoring import calibrate, score_call
from trainer.engine.session import Session

UNTRUE = "Told the client something untrue."


def with_untruth(root: Path) -> ContentSet:
    """The mini set, where introducing yourself is (for the test's sake) an untruth."""
    edit(
        root,
        "scenarios/rubric.yaml",
        "tags:\n",
        f"critical:\n  untruth: {UNTRUE}\ntags:\n  untruth: Says something untrue.\n",
    )
    edit(root, "scenarios/first_call.yaml", "tags: [introduction]", "tags: [introduction, untruth]")
    return load_content(root)


def play(content: ContentSet, moves: list[str]) -> Session:
    session = Session(content, content.scenario("first_call"), trainee="Ann")
    for move in moves:
        if " " in move:
            session.say(move)
        else:
            session.choose(move)
    return session


def test_a_critical_breach_fails_a_call_that_scores_full_marks(mini: Path) -> None:
    session = play(with_untruth(mini), ["intro", "ask", "meet"])
    score = session.score()
    assert session.outcome is Outcome.MEETING and score.percent == 100.0
    assert not score.passed
    assert score.breaches == ("untruth",)
    assert score.reasons == (UNTRUE,)


def test_the_same_call_without_the_breach_passes(mini: Path) -> None:
    edit(mini, "scenarios/rubric.yaml", "tags:\n", "critical:\n  pushy: Pressed.\ntags:\n")
    score = play(load_content(mini), ["intro", "ask", "meet"]).score()
    assert score.passed and score.breaches == ()


def test_typed_words_that_match_a_critical_reply_breach_too(mini: Path) -> None:
    session = play(with_untruth(mini), ["Hello Ivan, this is Ann from Northline", "ask", "meet"])
    assert session.turns[1].typed is not None
    assert session.score().breaches == ("untruth",)


def test_a_breach_is_reported_once_and_leads_the_reasons(mini: Path) -> None:
    content = with_untruth(mini)
    scenario = content.scenario("first_call")
    calibration = calibrate(scenario, content.rubric)
    score = score_call(
        scenario,
        content.rubric,
        calibration,
        {"first_impression": 2},
        Outcome.LOST,
        ["introduction", "untruth", "pushy", "untruth"],  # a typed turn's tags count as well
    )
    assert score.breaches == ("untruth",)
    assert score.reasons[0] == UNTRUE
    assert score.reasons.count(UNTRUE) == 1
    assert "the call ended with no result; the goal was a meeting booked" in score.reasons


def test_after_a_breach_the_ending_note_leads_with_it_and_never_praises_alone(
    mini: Path, tmp_path: Path
) -> None:
    session = play(with_untruth(mini), ["intro", "ask", "meet"])
    assert session.ending_note.startswith(UNTRUE)
    assert "fails the call" in session.ending_note
    assert session.ending_note.endswith("Meeting booked.")
    shutil.copytree(MINI, tmp_path / "clean")
    clean = play(load_content(tmp_path / "clean"), ["intro", "ask", "meet"])
    assert clean.breaches() == [] and clean.ending_note == "Meeting booked."


def test_a_hang_up_reason_is_in_plain_words(mini: Path) -> None:
    score = play(load_content(mini), ["push", "push_again"]).score()
    assert score.reasons[0] == "the client hung up; the goal was a meeting booked"
    assert not any("'" in reason or "hung-up" in reason for reason in score.reasons)


# -- calibration ---------------------------------------------------------------------------


def two_routes(root: Path) -> ContentSet:
    """Two ways to the meeting: asking (discovery, tact) or pitching (a lot of closing)."""
    edit(root, "scenarios/first_call.yaml", "when: trust >= 50 and asked", "when: trust >= 20")
    edit(root, "scenarios/first_call.yaml", "points: {needs_discovery: 0}", "points: {closing: 5}")
    return load_content(root)


def test_the_best_honest_call_scores_full_marks_when_skill_bests_lie_on_different_calls(
    mini: Path,
) -> None:
    content = two_routes(mini)
    scenario = content.scenario("first_call")
    calibration = calibrate(scenario, content.rubric)
    # closing's best (9) is on the pitching route, discovery's and tact's on the asking one
    assert calibration.maxima == {
        "first_impression": 2,
        "needs_discovery": 3,
        "tact": 2,
        "closing": 9,
    }
    # the asking route: (100 + 2*100 + 2*100 + 44.4) / 6 = 90.7 against the maxima
    assert calibration.best == 90.7
    asking = play(content, ["intro", "ask", "meet"]).score()
    assert asking.percent == 100.0 and asking.passed
    pitching = play(content, ["intro", "pitch", "meet"]).score()
    assert pitching.percent == pytest.approx(100 * (200 / 6) / 90.7, abs=0.1)
    assert not pitching.passed


def test_points_only_a_failed_call_earns_do_not_raise_the_bar(mini: Path) -> None:
    edit(mini, "scenarios/first_call.yaml", "points: {closing: 0}", "points: {closing: 10}")
    content = load_content(mini)
    scenario = content.scenario("first_call")
    assert skill_maxima(scenario)["closing"] == 4  # meet (3) + the booked ending (1), not 10
    assert play(content, ["intro", "ask", "meet"]).score().percent == 100.0


def test_points_only_a_breach_earns_do_not_raise_the_bar(mini: Path) -> None:
    two_routes(mini)
    edit(mini, "scenarios/rubric.yaml", "tags:\n", "critical:\n  pushy: Pressed.\ntags:\n")
    edit(
        mini,
        "scenarios/first_call.yaml",
        "        to: offer\n        points: {closing: 5}",
        "        to: offer\n        tags: [pushy]\n        points: {closing: 5}",
    )
    content = load_content(mini)
    calibration = calibrate(content.scenario("first_call"), content.rubric)
    assert calibration.maxima["closing"] == 4 and calibration.best == 100.0
    pitching = play(content, ["intro", "pitch", "meet"]).score()
    assert not pitching.passed and pitching.breaches == ("pushy",)
