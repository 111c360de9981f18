"""A whole content set: every kind of content, read and checked together, as the app uses it."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from trainer.content.catalogue import Catalogue
from trainer.content.conversation_tests import ConversationTest
from trainer.content.frozen import frozen_map
from trainer.content.persona import Persona
from trainer.content.programme import Programme
from trainer.content.quiz.model import Quiz
from trainer.content.rubric import Rubric
from trainer.content.scenario.model import CallType, Scenario
from trainer.content.suggest import suggestion
from trainer.errors import TrainerError


@dataclass(frozen=True, slots=True)
class ScenarioSummary:
    """What lists of scenarios show and sort by, without the scenario's nodes."""

    id: str
    title: str
    stage: int
    exam: bool
    goal: str
    call_type: CallType | None
    path: Path
    examples: bool  # whether a reply says how a trainee might put it in their own words

    @classmethod
    def of(cls, scenario: Scenario) -> ScenarioSummary:
        examples = any(reply.examples for reply in scenario.replies())
        return cls(
            scenario.id,
            scenario.title,
            scenario.stage,
            scenario.exam,
            scenario.goal,
            scenario.call_type,
            scenario.path,
            examples,
        )


class LazyScenarios(Mapping[str, Scenario]):
    """Scenarios by id, each built by `load` the first time it is asked for.

    A large library read back from the content cache starts with only its summaries; a
    screen that lists scenarios reads those, and a scenario's nodes are built when it is
    opened. The app reads from two threads (its worker and the screens), hence the lock.
    """

    def __init__(
        self, summaries: Mapping[str, ScenarioSummary], load: Callable[[str], Scenario]
    ) -> None:
        self.summaries = summaries
        self._load = load
        self._built: dict[str, Scenario] = {}
        self._lock = threading.Lock()

    def __getitem__(self, scenario_id: str) -> Scenario:
        built = self._built.get(scenario_id)
        if built is not None:
            return built
        if scenario_id not in self.summaries:
            raise KeyError(scenario_id)
        with self._lock:
            built = self._built.get(scenario_id)
            if built is None:
                built = self._built[scenario_id] = self._load(scenario_id)
        return built

    def __contains__(self, scenario_id: object) -> bool:
        return scenario_id in self.summaries

    def __iter__(self) -> Iterator[str]:
        return iter(self.summaries)

    def __len__(self) -> int:
        return len(self.summaries)


@dataclass(frozen=True, slots=True)
class ContentSet:
    root: Path
    rubric: Rubric
    personas: Mapping[str, Persona]
    scenarios: Mapping[str, Scenario]
    catalogue: Catalogue | None
    tests: tuple[ConversationTest, ...] = ()
    quizzes: Mapping[str, Quiz] = field(default_factory=frozen_map)
    programme: Programme | None = None

    def scenario(self, scenario_id: str) -> Scenario:
        return _lookup(self.scenarios, scenario_id, "scenario")

    def persona(self, persona_id: str) -> Persona:
        return _lookup(self.personas, persona_id, "persona")

    @property
    def summaries(self) -> Mapping[str, ScenarioSummary]:
        """Every scenario's summary by id, in the scenarios' order; builds no scenario that a
        large library has not built yet."""
        if isinstance(self.scenarios, LazyScenarios):
            return self.scenarios.summaries
        return {key: ScenarioSummary.of(scenario) for key, scenario in self.scenarios.items()}


_T = TypeVar("_T")


def _lookup(items: Mapping[str, _T], key: str, what: str) -> _T:
    """`items[key]`, or an error naming the closest known id and listing the others."""
    if key in items:
        return items[key]
    known = ", ".join(sorted(items)) or "none"
    raise TrainerError(f"no {what} '{key}'{suggestion(key, items)}; known {what}s: {known}")
