"""Guard coverage: a state a call can reach in which every reply of a node is false, found by
playing the scenario's replies over the meters and variables their conditions read."""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping, Set
from dataclasses import dataclass

from trainer.content import conditions
from trainer.content.conditions import Value
from trainer.content.context import Problem
from trainer.content.persona import METER_MAX, METER_MIN, Meter, Persona
from trainer.content.scenario.model import ANSWERED_PREFIX, Reply, Scenario
from trainer.errors import Location

MAX_STATES = 20_000  # per persona; past it the rest is left unexplored, never guessed at

_METERS = tuple(Meter)
_MORE_IS_BETTER = (Meter.PATIENCE, Meter.TRUST)  # a hang-up at 0; agreement withheld at 0

_Seen = dict[tuple[object, ...], list[tuple[int, ...]]]


@dataclass(frozen=True, slots=True)
class _State:
    node: str
    meters: tuple[int, ...]  # in the order of _METERS
    variables: tuple[tuple[str, Value], ...]
    answered: frozenset[str]


def dead_ends(
    scenario: Scenario, personas: Mapping[str, Persona], skip: Set[str] = frozenset()
) -> list[Problem]:
    """One error per node a call can reach with every reply's condition false, naming the
    replies that lead there and the values that shut them; nodes in `skip` (already reported
    as never offering a reply) are left out."""
    # Only a node whose every reply has a condition can shut; most scenarios have none.
    suspects = {
        node_id
        for node_id, node in scenario.nodes.items()
        if node.replies and node_id not in skip and all(r.condition for r in node.replies)
    }
    if not suspects:
        return []
    read = frozenset(
        name
        for reply in scenario.replies()
        if reply.condition is not None
        for name in conditions.names_in(reply.condition.tree)
    )
    found: dict[str, Problem] = {}
    for persona_id in scenario.personas:
        persona = personas.get(persona_id)
        if persona is not None and len(found) < len(suspects):
            _explore(scenario, persona, suspects, read, found)
    return [found[node_id] for node_id in scenario.nodes if node_id in found]


def _explore(
    scenario: Scenario,
    persona: Persona,
    suspects: Set[str],
    read: frozenset[str],
    found: dict[str, Problem],
) -> None:
    """Breadth first, so the path named is a shortest one.

    States differ only in what the conditions read. Of the meters they do not read, patience
    and trust matter only as more being better, so a state with no more of either than one
    already seen at the same point is not played again.
    """
    start = _State(
        scenario.start,
        tuple(persona.meters.get(meter, METER_MIN) for meter in _METERS),
        tuple(sorted(scenario.variables.items())),
        frozenset(),
    )
    came_from: dict[_State, tuple[_State, Reply] | None] = {start: None}
    seen: _Seen = {}
    _visit(start, read, seen)
    queue = deque([start])
    success = {
        node_id
        for node_id, node in scenario.nodes.items()
        if node.ending is not None and node.ending.outcome in scenario.success
    }
    trust_at = _METERS.index(Meter.TRUST)
    while queue:
        state = queue.popleft()
        node = scenario.nodes[state.node]
        if node.ending is not None or not node.replies:
            continue
        env = _environment(state, persona)
        offered = [r for r in node.replies if r.condition is None or r.condition.guard(env)]
        if not offered:
            if state.node in suspects and state.node not in found:
                found[state.node] = _problem(scenario, persona, state, env, came_from)
                if len(found) == len(suspects):
                    return
            continue
        for reply in offered:
            if state.meters[trust_at] <= METER_MIN and reply.target in success:
                continue  # the engine withholds agreement while trust is at 0
            after = _after(state, reply, persona)
            if after is None or after in came_from or not _visit(after, read, seen):
                continue
            if len(came_from) >= MAX_STATES:
                return
            came_from[after] = (state, reply)
            queue.append(after)


def _visit(state: _State, read: frozenset[str], seen: _Seen) -> bool:
    """Record the state; False when one seen before is at least as good in every way."""
    meters = dict(zip(_METERS, state.meters, strict=True))
    key = (
        state.node,
        tuple(meters[meter] if meter.value in read else None for meter in _METERS),
        tuple(item for item in state.variables if item[0] in read),
        frozenset(o for o in state.answered if ANSWERED_PREFIX + o in read),
    )
    better = tuple(0 if m.value in read else meters[m] for m in _MORE_IS_BETTER)
    kept = seen.setdefault(key, [])
    if any(all(old >= new for old, new in zip(seen_as, better, strict=True)) for seen_as in kept):
        return False
    kept.append(better)
    return True


def _after(state: _State, reply: Reply, persona: Persona) -> _State | None:
    """The state a reply leads to, or None when the client hangs up on it."""
    meters = dict(zip(_METERS, state.meters, strict=True))
    for effects in (reply.effects, *(persona.reactions.get(tag, {}) for tag in reply.tags)):
        for meter, change in effects.items():
            meters[meter] = max(METER_MIN, min(METER_MAX, meters[meter] + change))
    if meters[Meter.PATIENCE] <= METER_MIN:
        return None
    variables = dict(state.variables)
    variables.update(reply.sets)
    answered = state.answered | {reply.counters} if reply.counters else state.answered
    return _State(
        reply.target,
        tuple(meters[meter] for meter in _METERS),
        tuple(sorted(variables.items())),
        answered,
    )


def _environment(state: _State, persona: Persona) -> dict[str, Value]:
    env: dict[str, Value] = {m.value: v for m, v in zip(_METERS, state.meters, strict=True)}
    env.update(state.variables)
    env["persona"] = persona.id
    env["client_type"] = persona.client_type.value
    for objection in persona.objections:
        env[ANSWERED_PREFIX + objection] = objection in state.answered
    return env


def _problem(
    scenario: Scenario,
    persona: Persona,
    state: _State,
    env: Mapping[str, Value],
    came_from: Mapping[_State, tuple[_State, Reply] | None],
) -> Problem:
    replies: list[str] = []
    step = came_from[state]
    while step is not None:
        previous, reply = step
        replies.append(f"'{reply.key}'")
        step = came_from[previous]
    node = scenario.nodes[state.node]
    names = sorted(
        {
            name
            for reply in node.replies
            if reply.condition is not None
            for name in conditions.names_in(reply.condition.tree)
        }
    )
    values = ", ".join(f"{name} {_shown(env.get(name))}" for name in names)
    path = " -> ".join(reversed(replies)) or "the start"
    return Problem(
        node.location or scenario.location or Location(scenario.path),
        f"node '{state.node}' can be reached with no reply on offer: with {persona.id} as the "
        f"client, {path} leads there with {values}, and every reply's condition is false; add "
        "a reply without a condition, or one for this case",
    )


def _shown(value: Value | None) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"'{value}'"
    return "unset" if value is None else f"{value:g}"
