"""Soundness checks of scenarios beyond their format: paths, guards, scoring holes, objections."""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace

from trainer.content import conditions
from trainer.content.context import Problem, Severity
from trainer.content.dead_ends import dead_ends
from trainer.content.graph import path_extremes, reachable, reverse_reachable, skill_maxima
from trainer.content.heard import asked_again, echoes_unheard
from trainer.content.persona import METER_MAX, METER_MIN, ClientType, Meter, Persona
from trainer.content.rubric import Rubric
from trainer.content.scenario.model import ANSWERED_PREFIX, Condition, Ending, Reply, Scenario
from trainer.errors import Location

MAX_GUARD_CASES = 50_000


@dataclass(frozen=True, slots=True)
class Range:
    low: float
    high: float


@dataclass(frozen=True, slots=True)
class ScoreRanges:
    """What calls through a scenario can score, over every path (guards that can hold only)."""

    skills: Mapping[str, Range]  # points per skill
    total: Range  # weighted percent over all endings
    passing_best: float | None  # best weighted percent of a call that reaches the goal


def analyse_scenario(
    scenario: Scenario, rubric: Rubric | None, personas: Mapping[str, Persona]
) -> list[Problem]:
    """Every structural and scoring problem of one scenario."""
    problems: list[Problem] = []
    where = scenario.location or Location(scenario.path)
    impossible = _impossible_guards(scenario, personas, problems)

    def usable(reply: Reply) -> bool:
        return not impossible or reply.key not in impossible

    seen = _reachable(scenario, usable)
    shut = set()
    for node_id, node in scenario.nodes.items():
        if node_id in seen:
            if node.replies and all(not usable(reply) for reply in node.replies):
                shut.add(node_id)
                problems.append(
                    Problem(
                        node.location or where,
                        f"node '{node_id}' offers no reply that can ever be taken: "
                        "every reply's condition is always false",
                    )
                )
            continue
        kind = "ending" if node.ending else "node"
        problems.append(
            Problem(
                node.location or where,
                f"{kind} '{node_id}' can never be reached from '{scenario.start}'",
                Severity.WARNING,
            )
        )
    problems.extend(dead_ends(scenario, personas, shut))
    problems.extend(asked_again(scenario, personas))
    problems.extend(echoes_unheard(scenario))
    ends = {node_id for node_id, node in scenario.nodes.items() if node.ending}
    can_end = reverse_reachable(_without(scenario, impossible), ends)
    for node_id in [n for n in scenario.nodes if n in seen and n not in can_end]:
        node = scenario.nodes[node_id]
        problems.append(
            Problem(
                node.location or where,
                f"no ending can be reached from node '{node_id}': a call that gets there "
                "loops or stops for ever",
            )
        )
    goals = [
        node_id
        for node_id in ends & seen
        if scenario.nodes[node_id].ending.outcome in scenario.success  # type: ignore[union-attr]
    ]
    if not goals:
        outcomes = ", ".join(sorted(outcome.value for outcome in scenario.success))
        problems.append(Problem(where, f"no reachable ending has a success outcome ({outcomes})"))
    if rubric is None:
        return problems
    critical = frozenset(rubric.critical)
    maxima = skill_maxima(scenario, critical)
    if not maxima:
        problems.append(
            Problem(where, "no reply or ending earns points: the call cannot be scored")
        )
        return problems
    for skill_id, skill in rubric.skills.items():
        if skill.must_pass is not None and skill_id not in maxima:
            problems.append(
                Problem(
                    where,
                    f"scoring hole: must-pass skill '{skill_id}' earns no points in this "
                    "scenario, so a call can pass without it ever being tested",
                    Severity.WARNING,
                )
            )

    def honest(reply: Reply) -> bool:
        return usable(reply) and critical.isdisjoint(reply.tags)

    # Scores are scaled to the best honest call that reaches the goal, so the pass mark can
    # be reached exactly when such a call exists.
    if goals and score_ranges(scenario, rubric, honest, maxima).passing_best is None:
        breached = ", ".join(sorted(critical))
        problems.append(
            Problem(
                where,
                "no call can pass: every way to the goal goes through a reply tagged with a "
                f"critical tag ({breached}), and one such reply fails the call",
            )
        )
    return problems


def analyse_objections(
    scenarios: Iterable[Scenario], personas: Mapping[str, Persona]
) -> list[Problem]:
    """Objections no scenario raises, and raised objections that no reply counters."""
    problems: list[Problem] = []
    raised: set[tuple[str, str]] = set()
    for scenario in scenarios:
        countered = {reply.counters for reply in scenario.replies() if reply.counters}
        for node in scenario.nodes.values():
            if node.raises is None:
                continue
            raised.update((persona, node.raises) for persona in scenario.personas)
            if node.raises not in countered:
                problems.append(
                    Problem(
                        node.location or Location(scenario.path),
                        f"node '{node.id}' raises the objection '{node.raises}' but no reply "
                        "in the scenario counters it",
                        Severity.WARNING,
                    )
                )
    for persona in personas.values():
        for objection in persona.objections:
            if (persona.id, objection) not in raised:
                problems.append(
                    Problem(
                        persona.objection_locations.get(objection)
                        or persona.location
                        or Location(persona.path),
                        f"persona '{persona.id}' has the objection '{objection}', which no "
                        "scenario raises",
                        Severity.WARNING,
                    )
                )
    return problems


def score_ranges(
    scenario: Scenario,
    rubric: Rubric,
    usable: Callable[[Reply], bool] | None = None,
    maxima: Mapping[str, float] | None = None,
) -> ScoreRanges:
    """The lowest and highest points per skill and weighted percent over all calls."""
    maxima = skill_maxima(scenario) if maxima is None else maxima
    weights = {s: rubric.skills[s].weight for s in maxima if s in rubric.skills}
    total_weight = sum(weights.values()) or 1.0

    def percent(points: Mapping[str, float]) -> float:
        return (
            sum(
                100.0 * weights[s] * value / maxima[s]
                for s, value in points.items()
                if s in weights
            )
            / total_weight
        )

    def reply_values(reply: Reply) -> dict[str, float]:
        share = percent(reply.points)
        return {**reply.points, _TOTAL: share, _PASSING: share}

    def ending_values(ending: Ending) -> dict[str, float | None]:
        share = percent(ending.points)
        passing = share if ending.outcome in scenario.success else None
        return {**ending.points, _TOTAL: share, _PASSING: passing}

    extremes = path_extremes(
        scenario,
        [*maxima, _TOTAL, _PASSING],
        reply_values,
        ending_values,
        usable or (lambda reply: True),
    )
    low, high = extremes.get(_TOTAL, (0.0, 0.0))
    passing = extremes.get(_PASSING)
    return ScoreRanges(
        {skill: Range(*extremes[skill]) for skill in maxima if skill in extremes},
        Range(round(max(0.0, low), 1), round(high, 1)),
        round(passing[1], 1) if passing else None,
    )


_TOTAL, _PASSING = "\0total", "\0passing"  # keys no skill id can take


# ---------------------------------------------------------------------------------------------
# Guards


def _impossible_guards(
    scenario: Scenario, personas: Mapping[str, Persona], problems: list[Problem]
) -> set[str]:
    """Keys of replies whose condition no meter values or variable values can make true."""
    domains = _variable_domains(scenario, personas)
    impossible = set()
    for reply in scenario.replies():
        if reply.condition is None:
            continue
        if not _satisfiable(reply.condition, domains):
            impossible.add(reply.key)
            problems.append(
                Problem(
                    reply.condition.location or reply.location or Location(scenario.path),
                    f"the condition of reply {reply.number} of node '{reply.node}' can never be "
                    f"true ({reply.condition.source}): meters run from {METER_MIN} to "
                    f"{METER_MAX} and variables only take the values the scenario sets",
                    Severity.WARNING,
                )
            )
    return impossible


def _variable_domains(
    scenario: Scenario, personas: Mapping[str, Persona]
) -> dict[str, list[conditions.Value]]:
    domains: dict[str, list[conditions.Value]] = {
        name: [value] for name, value in scenario.variables.items()
    }
    for reply in scenario.replies():
        for name, value in reply.sets.items():
            if value not in domains[name]:
                domains[name].append(value)
    domains["persona"] = [*scenario.personas]
    client_types: list[conditions.Value] = [
        personas[p].client_type.value for p in scenario.personas if p in personas
    ]
    domains["client_type"] = client_types or [kind.value for kind in ClientType]
    for reply in scenario.replies():
        if reply.counters:
            domains[ANSWERED_PREFIX + reply.counters] = [False, True]
    for name in _answered_names(scenario, personas):
        domains.setdefault(name, [False])
    return domains


def _answered_names(scenario: Scenario, personas: Mapping[str, Persona]) -> set[str]:
    return {
        ANSWERED_PREFIX + objection
        for persona_id in scenario.personas
        if persona_id in personas
        for objection in personas[persona_id].objections
    }


@dataclass(slots=True)
class _Cases:
    """What trying a condition takes: the names it reads, in order, the meter values at which
    its answer can change, and its answer for each set of variable values tried so far."""

    names: tuple[str, ...]
    meters: dict[str, list[conditions.Value]]
    variables: tuple[str, ...]
    answers: dict[tuple[object, ...], bool]


# Whether a condition can hold depends only on its source and on the values the variables it
# reads can take; a library repeats both from scenario to scenario, so each case is tried once.
_CASES: dict[str, _Cases] = {}
_CASES_KEPT = 20_000  # distinct conditions remembered
_ANSWERS_KEPT = 64  # sets of variable values remembered per condition


def _satisfiable(condition: Condition, domains: Mapping[str, list[conditions.Value]]) -> bool:
    cases = _CASES.get(condition.source)
    if cases is None:
        names = tuple(sorted(conditions.names_in(condition.tree)))
        meters = {meter.value for meter in Meter}
        cases = _Cases(
            names,
            {name: _meter_candidates(condition.tree, name) for name in names if name in meters},
            tuple(name for name in names if name not in meters),
            {},
        )
        if len(_CASES) < _CASES_KEPT:
            _CASES[condition.source] = cases
    # The values' types are part of the key: 1 and True are equal, but not the same value.
    key = tuple(tuple((type(value), value) for value in domains[name]) for name in cases.variables)
    answer = cases.answers.get(key)
    if answer is None:
        answer = _try_every_case(condition.guard, cases, domains)
        if len(cases.answers) < _ANSWERS_KEPT:
            cases.answers[key] = answer
    return answer


def _try_every_case(
    guard: conditions.Guard, cases: _Cases, domains: Mapping[str, list[conditions.Value]]
) -> bool:
    choices = [cases.meters.get(name) or domains[name] for name in cases.names]
    if math.prod(len(values) for values in choices) > MAX_GUARD_CASES:
        return True  # too many to try; assume the author knows
    names = cases.names
    return any(
        guard(dict(zip(names, values, strict=True))) for values in itertools.product(*choices)
    )


def _meter_candidates(tree: conditions.Expr, meter: str) -> list[conditions.Value]:
    """Meter values at which a comparison can change its answer, plus the range's ends."""
    values: set[int] = {METER_MIN, (METER_MIN + METER_MAX) // 2, METER_MAX}
    for constant in _constants_compared_with(tree, meter):
        for value in (
            math.floor(constant) - 1,
            math.floor(constant),
            math.ceil(constant),
            math.ceil(constant) + 1,
        ):
            if METER_MIN <= value <= METER_MAX:
                values.add(value)
    return sorted(values)


def _constants_compared_with(tree: conditions.Expr, name: str) -> list[float]:
    if isinstance(tree, conditions.BoolOp):
        return [c for operand in tree.operands for c in _constants_compared_with(operand, name)]
    if isinstance(tree, conditions.Not):
        return _constants_compared_with(tree.operand, name)
    if isinstance(tree, conditions.Compare):
        sides = (tree.left, tree.right)
        if any(isinstance(side, conditions.Name) and side.name == name for side in sides):
            return [
                float(side.value)
                for side in sides
                if isinstance(side, conditions.Literal)
                and isinstance(side.value, (int, float))
                and not isinstance(side.value, bool)
            ]
    return []


def _reachable(scenario: Scenario, usable: Callable[[Reply], bool]) -> set[str]:
    return reachable(_without(scenario, {r.key for r in scenario.replies() if not usable(r)}))


def _without(scenario: Scenario, reply_keys: set[str]) -> Scenario:
    """The scenario with some replies left out (for analysis only)."""
    if not reply_keys:
        return scenario
    nodes = {
        node_id: replace(
            node, replies=tuple(reply for reply in node.replies if reply.key not in reply_keys)
        )
        for node_id, node in scenario.nodes.items()
    }
    return replace(scenario, nodes=nodes)
