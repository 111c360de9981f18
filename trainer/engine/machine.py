"""A scenario's `transitions` machine, compiled once and shared by every session of it.

Nodes are states and replies are transitions with their guards; an `after` callback hands the
reply to the session that took it, which applies its points, meters and variables. No session is
added to the machine: a session triggers an event with itself as the model (see `Played`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from typing import Any, Protocol, cast

from transitions import EventData, Machine

from trainer.content.graph import skill_maxima
from trainer.content.rubric import Rubric
from trainer.content.scenario.model import Reply, Scenario
from trainer.engine.scoring import Calibration, calibrate


class Played(Protocol):
    """What the machine's callbacks need of the session whose event fired."""

    def environment(self) -> dict[str, Any]:
        """The values guards read."""
        ...

    def apply_reply(self, reply: Reply) -> None:
        """Apply a reply whose transition the machine has just taken."""
        ...


class CompiledScenario:
    """A scenario's machine and score ceilings, built once and shared by its sessions."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.maxima = skill_maxima(scenario)
        self._calibrations: dict[int, tuple[Rubric, Calibration]] = {}
        self.machine = Machine(
            model=None,
            states=list(scenario.nodes),
            initial=scenario.start,
            auto_transitions=False,
            send_event=True,
        )
        for reply in scenario.replies():
            guard = reply.condition.guard if reply.condition else None
            self.machine.add_transition(
                trigger=reply.key,
                source=reply.node,
                dest=reply.target,
                conditions=[partial(_check_guard, guard)] if guard else None,
                after=[partial(_apply_reply, reply)],
            )

    def calibration(self, rubric: Rubric) -> Calibration:
        """What calls are measured against under `rubric` (computed once per rubric)."""
        cached = self._calibrations.get(id(rubric))
        if cached is None or cached[0] is not rubric:
            cached = self._calibrations[id(rubric)] = (rubric, calibrate(self.scenario, rubric))
        return cached[1]


def _check_guard(guard: Callable[[Mapping[str, Any]], bool], event: EventData) -> bool:
    session = cast(Played, event.model)
    return guard(session.environment())


def _apply_reply(reply: Reply, event: EventData) -> None:
    session = cast(Played, event.model)
    session.apply_reply(reply)


_compiled: dict[tuple[str, str], CompiledScenario] = {}


def compile_scenario(scenario: Scenario) -> CompiledScenario:
    """The compiled machine for `scenario`, reused while the file is unchanged."""
    key = (scenario.id, scenario.digest)
    compiled = _compiled.get(key)
    if compiled is None or compiled.scenario is not scenario:
        compiled = _compiled[key] = CompiledScenario(scenario)
    return compiled
