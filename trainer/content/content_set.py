"""A whole content set: every kind of content, read and checked together, as the app uses it."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, overload

from trainer.content.cache import CacheError
from trainer.content.catalogue import Catalogue
from trainer.content.frozen import frozen_map
from trainer.content.problems import Problem, Severity
from trainer.content.programme import Programme
from trainer.content.quiz.model import Quiz
from trainer.content.rubric import Rubric
from trainer.content.scenario.kinds import CallType
from trainer.errors import TrainerError

if TYPE_CHECKING:  # read back, a set loads these kinds when a call or `trainer test` asks
    from trainer.content.conversation_tests import ConversationTest
    from trainer.content.persona import Persona
    from trainer.content.scenario.model import Scenario

_V = TypeVar("_V")


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
    digest: str = ""  # the file's hash, as attempts played on it store it

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
            scenario.digest,
        )


class LazyParts(Mapping[str, _V]):
    """Values by id, each built by `load` the first time it is asked for; the ids are known
    from the start, so asking whether one is there, or listing them, builds nothing.

    A library read back from the content cache starts with its scenarios' summaries and its
    personas' ids alone: a scenario's nodes, or a persona's lines, are read when a screen
    first opens them. The app reads from two threads (its worker and the screens), hence the
    lock.
    """

    def __init__(self, ids: Mapping[str, object], load: Callable[[str], _V]) -> None:
        self._ids = ids
        self._load = load
        self._built: dict[str, _V] = {}
        self._lock = threading.Lock()

    def __getitem__(self, key: str) -> _V:
        built = self._built.get(key)
        if built is not None:
            return built
        if key not in self._ids:
            raise KeyError(key)
        with self._lock:
            built = self._built.get(key)
            if built is None:
                built = self._built[key] = self._load(key)
        return built

    def __contains__(self, key: object) -> bool:
        return key in self._ids

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)

    @property
    def built(self) -> frozenset[str]:
        """The ids of the values built so far (for tests of the cache)."""
        return frozenset(self._built)


class LazyScenarios(LazyParts["Scenario"]):
    """Scenarios by id, each built when first asked for; lists read their summaries."""

    def __init__(
        self, summaries: Mapping[str, ScenarioSummary], load: Callable[[str], Scenario]
    ) -> None:
        super().__init__(summaries, load)
        self.summaries = summaries


# A persona's part in the content cache: its id after this prefix (no scenario id has a space).
PERSONA_PART = "persona "


# The content cache's part that holds a set's conversation tests; no scenario id has a space.
TESTS_PART = "conversation tests"


class LazyTests(Sequence["ConversationTest"]):
    """The conversation tests, read by `load` the first time they are asked for.

    Only `trainer test` runs them; read back from the content cache, a set leaves them in the
    cache file, so the app does not hold them (about half of what the bundled set's models
    take). Thread-safe like `LazyScenarios`.
    """

    def __init__(self, load: Callable[[], tuple[ConversationTest, ...]]) -> None:
        self._load: Callable[[], tuple[ConversationTest, ...]] | None = load
        self._tests: tuple[ConversationTest, ...] = ()
        self._lock = threading.Lock()

    def _all(self) -> tuple[ConversationTest, ...]:
        if self._load is not None:
            with self._lock:
                if self._load is not None:
                    self._tests = self._load()
                    self._load = None
        return self._tests

    @overload
    def __getitem__(self, index: int) -> ConversationTest: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[ConversationTest]: ...
    def __getitem__(self, index: int | slice) -> ConversationTest | Sequence[ConversationTest]:
        return self._all()[index]

    def __iter__(self) -> Iterator[ConversationTest]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())

    @property
    def loaded(self) -> bool:
        """Whether the tests have been read (for tests of the cache)."""
        return self._load is None


@dataclass(frozen=True, slots=True)
class ContentSet:
    root: Path
    rubric: Rubric
    personas: Mapping[str, Persona]
    scenarios: Mapping[str, Scenario]
    catalogue: Catalogue | None
    tests: Sequence[ConversationTest] = ()  # a `LazyTests` when read back from the cache
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


@dataclass(frozen=True)
class Validation:
    """The outcome of checking a content set: the set when it is usable, and every problem."""

    content: ContentSet | None
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.severity is Severity.WARNING]


_T = TypeVar("_T")


def _lookup(items: Mapping[str, _T], key: str, what: str) -> _T:
    """`items[key]`, or an error naming the closest known id and listing the others."""
    if key in items:
        return items[key]
    from trainer.content.suggest import suggestion

    known = ", ".join(sorted(items)) or "none"
    raise TrainerError(f"no {what} '{key}'{suggestion(key, items)}; known {what}s: {known}")


def split_for_cache(content: ContentSet) -> tuple[ContentSet, dict[str, object]]:
    """The set without its scenarios, personas and tests, and those as the content cache's
    parts: each scenario under its id, each persona under `PERSONA_PART` and its id, the
    conversation tests (only `trainer test` runs them) as one."""
    parts: dict[str, object] = {TESTS_PART: tuple(content.tests)}
    parts.update((PERSONA_PART + persona_id, p) for persona_id, p in content.personas.items())
    parts.update(content.scenarios)
    return replace(content, scenarios={}, personas={}, tests=()), parts


def from_cache(
    content: ContentSet,
    summaries: Mapping[str, ScenarioSummary],
    personas: Sequence[str],
    load: Callable[[str], object],
) -> ContentSet:
    """`content` as `split_for_cache` left it, its scenarios, its `personas` (their ids) and
    its tests read by `load` (a cache part by name) when first asked for; a part that is not
    what it was saved as is a CacheError."""

    def scenario(scenario_id: str) -> Scenario:
        # A scenario is made of the guard language's trees and the personas' meters too: the
        # unpickler resolves only classes already loaded, and home, which builds no scenario,
        # does not load those kinds.
        import trainer.content.conditions
        import trainer.content.persona  # noqa: F401
        from trainer.content.scenario.model import Scenario

        built = load(scenario_id)
        if not isinstance(built, Scenario):
            raise CacheError(scenario_id)
        return built

    def persona(persona_id: str) -> Persona:
        from trainer.content.persona import Persona

        built = load(PERSONA_PART + persona_id)
        if not (isinstance(built, Persona) and built.id == persona_id):
            raise CacheError(PERSONA_PART + persona_id)
        return built

    def tests() -> tuple[ConversationTest, ...]:
        from trainer.content.conversation_tests import ConversationTest

        loaded = load(TESTS_PART)
        if not (isinstance(loaded, tuple) and all(isinstance(t, ConversationTest) for t in loaded)):
            raise CacheError(TESTS_PART)
        return loaded

    return replace(
        content,
        scenarios=LazyScenarios(summaries, scenario),
        personas=LazyParts(dict.fromkeys(personas), persona),
        tests=LazyTests(tests),
    )
