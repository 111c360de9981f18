"""A whole content set: every kind of content, read and checked together, as the app uses it."""

from __future__ import annotations

from collections.abc import Mapping
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
from trainer.content.scenario.model import Scenario
from trainer.content.suggest import suggestion
from trainer.errors import TrainerError


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


_T = TypeVar("_T")


def _lookup(items: Mapping[str, _T], key: str, what: str) -> _T:
    """`items[key]`, or an error naming the closest known id and listing the others."""
    if key in items:
        return items[key]
    known = ", ".join(sorted(items)) or "none"
    raise TrainerError(f"no {what} '{key}'{suggestion(key, items)}; known {what}s: {known}")
