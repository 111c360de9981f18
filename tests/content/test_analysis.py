"""Scenario analysis: each defect planted in a small scenario is found, and the clean one passes."""

from __future__ import annotations

from pathlib import Path

from tests.content.test_loader import edit, line_of
from trainer.content.analysis import score_ranges
from trainer.content.context import Severity
from trainer.content.graph import weak_replies
from trainer.content.loader import load_content, validate


def found(root: Path) -> list[tuple[str, str]]:
    return [(p.severity.value, f"{p.location.line}: {p.message}") for p in validate(root).problems]


def test_the_clean_scenario_has_no_problems(mini: Path) -> None:
    assert validate(mini).problems == []


def test_a_condition_that_can_never_be_true_is_a_warning(mini: Path) -> None:
    edit(
        mini,
        "scenarios/first_call.yaml",
        "when: trust >= 50 and asked",
        "when: trust > 100 and asked",
    )
    line = line_of(mini, "scenarios/first_call.yaml", "when: trust > 100")
    problems = found(mini)
    severity, message = problems[0]
    assert severity == "warning"
    assert message.startswith(
        f"{line}: the condition of reply 1 of node 'offer' can never be true (trust > 100 and asked)"
    )
    # the reply was the only way to the meeting, so the analysis follows through
    assert (
        "warning",
        f"{line + 10}: ending 'booked' can never be reached from 'hello'",
    ) in problems
    assert ("error", "1: no reachable ending has a success outcome (meeting)") in problems


def test_a_variable_that_is_never_set_to_the_tested_value(mini: Path) -> None:
    edit(mini, "scenarios/first_call.yaml", "set: {asked: true}", "set: {asked: false}")
    problems = found(mini)
    assert any("can never be true (trust >= 50 and asked)" in m for _, m in problems)
    # with the only way to 'booked' gone, the goal cannot be reached any more
    assert ("error", "1: no reachable ending has a success outcome (meeting)") in problems


def test_a_node_whose_every_reply_is_impossible_is_an_error(mini: Path) -> None:
    edit(
        mini,
        "scenarios/first_call.yaml",
        "        text: I'll send you a brochure.",
        "        when: patience < 0\n        text: I'll send you a brochure.",
    )
    edit(mini, "scenarios/first_call.yaml", "when: trust >= 50 and asked", "when: trust > 100")
    messages = [m for severity, m in found(mini) if severity == "error"]
    assert any("node 'offer' offers no reply that can ever be taken" in m for m in messages)
    assert any("no ending can be reached from node 'offer'" in m for m in messages)


def test_an_unreachable_node_and_ending_are_warnings(mini: Path) -> None:
    path = mini / "scenarios" / "first_call.yaml"
    path.write_text(
        path.read_text() + "  orphan:\n    say: Hello?\n    ending:\n      outcome: lost\n"
    )
    assert found(mini) == [
        (
            "warning",
            f"{line_of(mini, 'scenarios/first_call.yaml', 'orphan:') + 1}: ending 'orphan' can never be reached from 'hello'",
        )
    ]


def test_a_goal_reached_only_through_a_critical_breach_is_an_error(mini: Path) -> None:
    edit(
        mini, "scenarios/rubric.yaml", "tags:\n", "critical:\n  pushy: Pressed the client.\ntags:\n"
    )
    assert found(mini) == []  # pushy replies exist, but an honest way to the meeting remains
    edit(mini, "scenarios/first_call.yaml", "tags: [next-step]", "tags: [next-step, pushy]")
    assert found(mini) == [
        (
            "error",
            "1: no call can pass: every way to the goal goes through a reply tagged with a "
            "critical tag (pushy), and one such reply fails the call",
        )
    ]


def test_a_must_pass_skill_no_reply_scores_is_a_scoring_hole(mini: Path) -> None:
    edit(mini, "scenarios/first_call.yaml", "points: {tact: -2}", "points: {first_impression: -1}")
    edit(
        mini,
        "scenarios/first_call.yaml",
        "points: {needs_discovery: 3, tact: 2}",
        "points: {needs_discovery: 3}",
    )
    [(severity, message)] = found(mini)
    assert severity == "warning"
    assert "scoring hole: must-pass skill 'tact' earns no points in this scenario" in message


def test_objections_never_raised_or_never_countered_are_warnings(mini: Path) -> None:
    edit(mini, "scenarios/first_call.yaml", "        counters: price\n", "")
    assert any(
        "node 'needs' raises the objection 'price' but no reply in the scenario counters it" in m
        for _, m in found(mini)
    )
    edit(
        mini,
        "personas/ivan.yaml",
        "objections:\n  price: It sounds expensive.",
        "objections:\n  price: It sounds expensive.\n  timing: Call me next quarter.",
    )
    line = line_of(mini, "personas/ivan.yaml", "timing:")
    assert (
        "warning",
        f"{line}: persona 'ivan' has the objection 'timing', which no scenario raises",
    ) in found(mini)


def test_score_ranges_over_every_path(mini: Path) -> None:
    content = load_content(mini)
    ranges = score_ranges(content.scenario("first_call"), content.rubric)
    assert ranges.skills["tact"].low == -2 and ranges.skills["tact"].high == 2
    assert ranges.skills["closing"].high == 4
    assert ranges.total.high == 100.0 and ranges.total.low == 0.0
    assert ranges.passing_best == 100.0


def test_warnings_do_not_stop_loading(mini: Path) -> None:
    edit(
        mini,
        "scenarios/first_call.yaml",
        "when: trust >= 50 and asked",
        "when: trust > 100 or asked",
    )
    result = validate(mini)
    assert result.content is not None and all(
        p.severity is Severity.WARNING for p in result.problems
    )


def test_weak_replies_cost_points_or_earn_none_where_another_would(mini: Path) -> None:
    scenario = load_content(mini).scenario("first_call")
    assert weak_replies(scenario) == {
        "hello/push",  # tact -2
        "annoyed/push_again",  # no points where saying sorry earns some
        "needs/pitch",  # 0 where asking earns 5
        "offer/send",  # 0 where the meeting earns 3
    }
    # where no reply earns anything, choosing either is no mistake
    edit(mini, "scenarios/first_call.yaml", "points: {closing: 3}", "points: {closing: 0}")
    neutral = weak_replies(load_content(mini).scenario("first_call"))
    assert "offer/meet" not in neutral and "offer/send" not in neutral


def test_the_same_condition_is_judged_by_each_scenarios_own_variables(mini: Path) -> None:
    """A condition written alike in two scenarios can hold in one and never in the other:
    what one scenario's variables allow must not decide for the other's."""
    text = (mini / "scenarios/first_call.yaml").read_text(encoding="utf-8")
    never = text.replace("id: first_call", "id: never_asked", 1)
    never = never.replace("set: {asked: true}", "set: {asked: false}", 1)
    (mini / "scenarios/never_asked.yaml").write_text(never, encoding="utf-8")
    for _ in range(2):  # and again, once both are known
        warned = {
            problem.location.path.name
            for problem in validate(mini).problems
            if "can never be true (trust >= 50 and asked)" in problem.message
        }
        assert warned == {"never_asked.yaml"}
