"""The mechanical-rule check: rules that pass without judgement are found, honest content is
not flagged, and the time budget is kept."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from tests.content.test_loader import edit
from trainer.content.content_set import ContentSet
from trainer.content.loader import load_content
from trainer.engine import gameability
from trainer.engine.gameability import MIN_SEEDS, RULES, analyse, analyse_set, problems


def shares(report: gameability.Gameability) -> dict[str, tuple[int, int]]:
    return {result.rule: (result.passed, result.calls) for result in report.rules}


def test_a_scenario_where_the_longest_and_the_first_reply_always_win_is_flagged(
    mini: Path,
) -> None:
    # In the fixture the best reply is the longest at every node, and replies are not shuffled.
    content = load_content(mini)
    scenario = content.scenario("first_call")
    report = analyse(content, scenario, seeds=range(1, 41), budget=None)
    assert shares(report) == {
        "longest": (40, 40),
        "shortest": (0, 40),
        "first": (40, 40),
        "last": (0, 40),
        "random": shares(report)["random"],
    }
    assert report.seeds == 40
    assert {result.rule for result in report.gameable} >= {"longest", "first"}
    assert (report.decision_points, report.best_is_longest) == (4, 4)
    messages = [problem.message for problem in problems(report, scenario)]
    assert (
        "gameable: always picking the longest reply passes 40 of 40 calls (100%, seeds 1-40); "
        "the most allowed is 5%"
    ) in messages
    assert any(
        "the best reply is also the longest at 4 of 4 decision points" in m for m in messages
    )


def test_a_long_trap_and_shuffled_replies_defeat_the_rules(mini: Path) -> None:
    edit(mini, "scenarios/first_call.yaml", "shuffle_replies: false", "shuffle_replies: true")
    # the pitch becomes a polished monologue, longer than the sharp question
    edit(
        mini,
        "scenarios/first_call.yaml",
        "text: Our price is the best on the market.",
        "text: Our price is the best on the market, and our phones are the best you can buy, "
        "with the best support and the best warranty in the whole country.",
    )
    content = load_content(mini)
    report = analyse(content, content.scenario("first_call"), budget=None)
    assert shares(report)["longest"] == (0, 40)
    assert shares(report)["shortest"] == (0, 40)
    assert report.best_is_longest == 3  # intro, meet and sorry are still the longest


def test_the_order_blind_shortcut_gives_what_playing_every_seed_gives(
    bundled: ContentSet,
) -> None:
    content = bundled
    for scenario in content.scenarios.values():
        report = analyse(content, scenario, seeds=range(1, 9), budget=None)
        limit = 4 * len(scenario.nodes) + 10
        for rule in gameability.ORDER_BLIND:
            brute = sum(
                gameability._play(content, scenario, persona, seed, RULES[rule], limit)[0]
                for seed, persona in itertools.product(range(1, 9), scenario.personas)
            )
            assert shares(report)[rule][0] == brute, (scenario.id, rule)


class Clock:
    """A clock that moves one second each time it is read."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        self.now += 1.0
        return self.now


def test_a_spent_budget_stops_after_the_minimum_of_seeds(mini: Path) -> None:
    content = load_content(mini)
    report = analyse(content, content.scenario("first_call"), budget=0.5, clock=Clock())
    assert report.seeds == MIN_SEEDS
    assert all(result.calls == MIN_SEEDS for result in report.rules)


def test_a_set_budget_skips_what_it_has_no_time_for(bundled: ContentSet) -> None:
    content = bundled
    scenarios = list(content.scenarios.values())
    found = analyse_set(content, scenarios, budget=3.0, clock=Clock())
    assert [r.scenario for r in found.reports] == [s.id for s in scenarios[: len(found.reports)]]
    assert found.skipped == tuple(s.id for s in scenarios[len(found.reports) :])
    assert found.skipped  # a fake second per clock read spends 3 seconds fast
    unlimited = analyse_set(content, scenarios[:2], budget=None)
    assert unlimited.skipped == () and all(r.seeds == 40 for r in unlimited.reports)


@pytest.fixture(scope="module")
def bundled_reports(bundled: ContentSet) -> dict[str, gameability.Gameability]:
    """Every bundled scenario measured on the full 40 seeds, once for the tests below."""
    return {
        scenario.id: analyse(bundled, scenario, seeds=range(1, 41), budget=None)
        for scenario in bundled.scenarios.values()
    }


def test_no_mechanical_rule_passes_the_practice_scenarios(
    bundled: ContentSet, bundled_reports: dict[str, gameability.Gameability]
) -> None:
    practice = [scenario for scenario in bundled.scenarios.values() if not scenario.exam]
    assert len(practice) >= 8
    for scenario in practice:
        assert len(scenario.personas) >= 2, f"{scenario.id} is played against one persona"
        report = bundled_reports[scenario.id]
        assert report.gameable == (), (scenario.id, report.gameable)
        assert report.best_is_longest_share < gameability.MAX_BEST_IS_LONGEST, scenario.id


def test_no_mechanical_rule_passes_the_bundled_scenarios(
    bundled: ContentSet, bundled_reports: dict[str, gameability.Gameability]
) -> None:
    gameable = {}
    points = longest = 0
    assert bundled_reports.keys() == bundled.scenarios.keys()
    for scenario in bundled.scenarios.values():
        report = bundled_reports[scenario.id]
        points += report.decision_points
        longest += report.best_is_longest
        if report.gameable:
            gameable[scenario.id] = [(r.rule, r.passed, r.calls) for r in report.gameable]
    assert gameable == {}
    assert longest / points < gameability.MAX_BEST_IS_LONGEST


def test_one_lucky_pass_in_a_budget_cut_sample_is_not_gameable() -> None:
    """Five seeds and one pass is 20%, but it is luck; the full measure needs 3 of 40."""
    report = gameability.Gameability(
        scenario="s",
        rules=(
            gameability.RuleResult("random", calls=5, passed=1),
            gameability.RuleResult("first", calls=40, passed=3),
            gameability.RuleResult("last", calls=40, passed=2),
            gameability.RuleResult("longest", calls=5, passed=5),
        ),
        decision_points=4,
        best_is_longest=1,
        seeds=5,
        seconds=0.1,
    )
    assert [result.rule for result in report.gameable] == ["first", "longest"]
