"""Can a scenario be passed without judgement? Play it with mechanical rules and measure.

A scenario measures a manager's judgement only if no rule that ignores the client passes it:
"always pick the longest reply", "always the shortest", "always the first shown", "always the
last shown", or a random pick. Each rule plays the scenario against every persona it lists over
a range of seeds (the seed shuffles the order replies are shown in, and picks the client's
lines), and a rule that passes more than `MAX_PASS_SHARE` of those calls is reported. The share
of decision points where the best reply is also the longest is reported as well: when it is
high, length gives the answer away even to a trainee who reads nothing.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from trainer.content.content_set import ContentSet
from trainer.content.context import Problem, Severity
from trainer.content.rubric import Rubric
from trainer.content.scenario.model import Reply, Scenario
from trainer.engine.machine import compile_scenario
from trainer.engine.scoring import Calibration
from trainer.engine.session import Option, Session
from trainer.errors import Location, TrainerError

SEEDS = range(1, 41)  # the measure: no rule passes more than 5% of seeds 1-40
MAX_PASS_SHARE = 0.05
MAX_BEST_IS_LONGEST = 0.40  # share of decision points where the best reply is also the longest
BUDGET_SECONDS = 2.0  # per scenario; past it, the random seeds played so far are the sample
SET_BUDGET_SECONDS = 5.0  # for a whole content set in `trainer validate`
MIN_SEEDS = 5  # a budget never cuts a rule below this many seeds per persona
# A rule is gameable only once it has passed this many calls: over seeds 1-40 "more than 5%"
# already means 3 or more, so this changes no full verdict, but a budget-cut sample of five
# seeds is not called gameable on one lucky pass.
MIN_PASSES = 3

Rule = Callable[[Sequence[Option], random.Random], Option]


def _longest(options: Sequence[Option], rng: random.Random) -> Option:
    return max(options, key=lambda option: len(option.text))  # ties: the first shown


def _shortest(options: Sequence[Option], rng: random.Random) -> Option:
    return min(options, key=lambda option: len(option.text))


def _first(options: Sequence[Option], rng: random.Random) -> Option:
    return options[0]


def _last(options: Sequence[Option], rng: random.Random) -> Option:
    return options[-1]


def _random(options: Sequence[Option], rng: random.Random) -> Option:
    return rng.choice(list(options))


RULES: dict[str, Rule] = {
    "longest": _longest,
    "shortest": _shortest,
    "first": _first,
    "last": _last,
    "random": _random,
}
ORDER_BLIND = frozenset({"longest", "shortest"})  # pick by length; the order only breaks ties
RULE_WORDS = {
    "longest": "always picking the longest reply",
    "shortest": "always picking the shortest reply",
    "first": "always picking the first reply shown",
    "last": "always picking the last reply shown",
    "random": "picking replies at random",
}


@dataclass(frozen=True, slots=True)
class RuleResult:
    rule: str
    calls: int  # seeds x personas played
    passed: int

    @property
    def share(self) -> float:
        return self.passed / self.calls if self.calls else 0.0


@dataclass(frozen=True, slots=True)
class Gameability:
    """What the mechanical rules and the reply lengths say about one scenario."""

    scenario: str
    rules: tuple[RuleResult, ...]
    decision_points: int  # nodes offering 2+ replies that are not all worth the same
    best_is_longest: int  # of those, nodes where a best reply is also the longest
    seeds: int  # seeds played per persona and rule (fewer than asked if the budget ran out)
    seconds: float

    @property
    def gameable(self) -> tuple[RuleResult, ...]:
        return tuple(
            result
            for result in self.rules
            if result.share > MAX_PASS_SHARE and result.passed >= MIN_PASSES
        )

    @property
    def best_is_longest_share(self) -> float:
        return self.best_is_longest / self.decision_points if self.decision_points else 0.0


def analyse(
    content: ContentSet,
    scenario: Scenario,
    seeds: Iterable[int] = SEEDS,
    budget: float | None = BUDGET_SECONDS,
    clock: Callable[[], float] = time.perf_counter,
) -> Gameability:
    """Play `scenario` with every rule against each of its personas over `seeds`.

    Seeds are played in order for all rules together, so when `budget` seconds run out every
    rule has been measured on the same seeds (at least `MIN_SEEDS`); `seeds` in the result
    says how many. The longest and shortest rules ignore the order replies are shown in, so a
    play of theirs that met no tie is the same call for every seed and is played once.
    """
    started = clock()
    passed = dict.fromkeys(RULES, 0)
    calls = 0
    played = 0
    step_limit = 4 * len(scenario.nodes) + 10  # a rule caught in a loop has failed the call
    same_every_seed: dict[tuple[str, str], bool] = {}
    for seed in seeds:
        if budget is not None and played >= MIN_SEEDS and clock() - started > budget:
            break
        played += 1
        for persona in scenario.personas:
            calls += 1
            for name, rule in RULES.items():
                known = same_every_seed.get((persona, name))
                if known is not None:
                    passed[name] += known
                    continue
                won, tied = _play(content, scenario, persona, seed, rule, step_limit)
                passed[name] += won
                if name in ORDER_BLIND and not tied:
                    same_every_seed[persona, name] = won
    calibration = compile_scenario(scenario).calibration(content.rubric)
    points, longest = _best_is_longest(scenario, calibration, content.rubric)
    return Gameability(
        scenario.id,
        tuple(RuleResult(name, calls, passed[name]) for name in RULES),
        points,
        longest,
        played,
        round(clock() - started, 3),
    )


def _play(
    content: ContentSet, scenario: Scenario, persona: str, seed: int, rule: Rule, limit: int
) -> tuple[bool, bool]:
    """(passed, whether the rule ever had to break a tie by the order shown)."""
    session = Session(content, scenario, content.persona(persona), seed=seed)
    rng = random.Random(f"rule:{seed}:{persona}")
    tied = False
    try:
        for _ in range(limit):
            options = session.options()
            if session.ended or not options:
                break
            chosen = rule(options, rng)
            size = len(chosen.text)
            tied = tied or sum(len(option.text) == size for option in options) > 1
            session.take(chosen)
        return session.ended and session.score().passed, tied
    except TrainerError:
        return False, tied  # a move the engine refuses is a failed call, not a crash
    finally:
        session.close()


def _best_is_longest(
    scenario: Scenario, calibration: Calibration, rubric: Rubric
) -> tuple[int, int]:
    """(decision points, those where a best reply is also the longest) over the scenario.

    A decision point is a node with two or more replies that are not all worth the same; the
    best reply earns the most weighted points, and length is counted in words.
    """
    points = longest = 0
    for node in scenario.nodes.values():
        if len(node.replies) < 2:
            continue
        values = [_value(reply, calibration, rubric) for reply in node.replies]
        if max(values) == min(values):
            continue
        points += 1
        lengths = [len(reply.text.split()) for reply in node.replies]
        top = max(lengths)
        if any(v == max(values) and n == top for v, n in zip(values, lengths, strict=True)):
            longest += 1
    return points, longest


def _value(reply: Reply, calibration: Calibration, rubric: Rubric) -> float:
    """A reply's share of the weighted score, as the scorecard would count it."""
    return sum(
        rubric.skills[skill].weight * points / calibration.maxima[skill]
        for skill, points in reply.points.items()
        if calibration.maxima.get(skill) and skill in rubric.skills
    )


def problems(report: Gameability, scenario: Scenario) -> list[Problem]:
    """The findings as warnings located at the scenario, in words an author can act on."""
    where = scenario.location or Location(scenario.path)
    found = [
        Problem(
            where,
            f"gameable: {RULE_WORDS[result.rule]} passes {result.passed} of {result.calls} "
            f"calls ({100 * result.share:.0f}%, seeds 1-{report.seeds}); the most allowed is "
            f"{100 * MAX_PASS_SHARE:.0f}%",
            Severity.WARNING,
        )
        for result in report.gameable
    ]
    if report.best_is_longest_share >= MAX_BEST_IS_LONGEST and report.decision_points:
        found.append(
            Problem(
                where,
                f"gameable: the best reply is also the longest at {report.best_is_longest} of "
                f"{report.decision_points} decision points "
                f"({100 * report.best_is_longest_share:.0f}%); keep it under "
                f"{100 * MAX_BEST_IS_LONGEST:.0f}% so length does not give the answer away",
                Severity.WARNING,
            )
        )
    return found


@dataclass(frozen=True, slots=True)
class SetReport:
    """The analysis of many scenarios within one time budget."""

    reports: tuple[Gameability, ...]
    skipped: tuple[str, ...]  # scenarios the budget left no time for
    budget: float | None


def analyse_set(
    content: ContentSet,
    scenarios: Sequence[Scenario],
    budget: float | None = SET_BUDGET_SECONDS,
    clock: Callable[[], float] = time.perf_counter,
) -> SetReport:
    """Analyse `scenarios` in turn, sharing `budget` seconds (None: every seed of every one).

    Each scenario gets an equal share of what is left; once the budget is spent the rest
    are listed as skipped rather than checked on too few seeds to mean anything.
    """
    started = clock()
    reports: list[Gameability] = []
    for index, scenario in enumerate(scenarios):
        share = None
        if budget is not None:
            left = budget - (clock() - started)
            if left <= 0:
                skipped = tuple(s.id for s in scenarios[index:])
                return SetReport(tuple(reports), skipped, budget)
            share = left / (len(scenarios) - index)
        reports.append(analyse(content, scenario, budget=share, clock=clock))
    return SetReport(tuple(reports), (), budget)
