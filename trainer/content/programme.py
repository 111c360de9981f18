"""The training programme (kind: programme): its stages and what finishes each."""

from __future__ import annotations

from collections.abc import Mapping, Set
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from trainer.content.frozen import frozen_map
from trainer.content.quiz.model import Quiz
from trainer.content.scenario.kinds import CallType, Outcome
from trainer.content.shapes import Choice, Id as IdShape, ListOf, Number, Obj, Text, file_kind
from trainer.content.suggest import suggestion
from trainer.errors import Location

if TYPE_CHECKING:
    import yaml

    from trainer.content.context import Reader
    from trainer.content.scenario.model import Scenario  # checked against, never held


class StageKey(StrEnum):
    INTRODUCTION = "introduction"
    PRODUCT = "product"
    SALES = "sales"
    EXAM = "exam"
    WORK = "work"

    @property
    def number(self) -> int:
        return list(StageKey).index(self) + 1


DEFAULT_TITLES = {
    StageKey.INTRODUCTION: "Introduction to the work",
    StageKey.PRODUCT: "Knowing what you sell",
    StageKey.SALES: "Sales training",
    StageKey.EXAM: "Final exam",
    StageKey.WORK: "Work under guidance",
}
# The stages every programme has; the last one, work under guidance, is optional.
REQUIRED_STAGES = (StageKey.INTRODUCTION, StageKey.PRODUCT, StageKey.SALES, StageKey.EXAM)
DEFAULT_SCENARIO_STAGES = (2, 3)
DEFAULT_EXAM_ATTEMPTS = 2


@dataclass(frozen=True, slots=True)
class WorkTargets:
    """What a trainee working under guidance aims at, until their mentor sets their own."""

    meetings_per_day: float = 1.0  # business clients: one or two a day is good work
    calls_per_week: int = 50
    monthly_plan: int = 4  # deals a month


DEFAULT_TARGETS = WorkTargets()


@dataclass(frozen=True, slots=True)
class PassRule:
    """A practice scenario's mark and goal, by which the gates judge its stored calls."""

    pass_mark: float  # the scenario's own mark, else the rubric's
    success: frozenset[Outcome]


@dataclass(frozen=True, slots=True)
class Stage:
    """One stage; it is done when every requirement it has is met (the stage-specific fields)."""

    key: StageKey
    title: str
    about: str = ""
    quiz: Quiz | None = None  # introduction and product: pass it
    scenario_stages: tuple[int, ...] = ()  # sales: practice scenarios are those of these stages
    practice_scenarios: tuple[str, ...] = ()  # sales: their ids
    pass_scenarios: int = 0  # sales: how many distinct practice scenarios to pass
    # sales: each kind of call the trainee must pass at least once, with its practice scenarios
    required_call_types: Mapping[CallType, tuple[str, ...]] = field(default_factory=frozen_map)
    practice_rules: Mapping[str, PassRule] = field(default_factory=frozen_map)  # sales: by id
    exam_scenario: str | None = None  # exam: the first variant of the pool
    exam_pool: tuple[str, ...] = ()  # exam: every variant a trainee may draw, in file order
    exam_title: str = ""
    exam_attempts: int = 0  # exam: attempts before a mentor must grant a retake
    targets: WorkTargets | None = None  # work: the targets a mentor starts from
    location: Location | None = None

    @property
    def number(self) -> int:
        return self.key.number

    @property
    def exam_variants(self) -> tuple[str, ...]:
        """The exam scenarios a trainee may draw (one when the stage names a single scenario)."""
        if self.exam_pool:
            return self.exam_pool
        return () if self.exam_scenario is None else (self.exam_scenario,)


@dataclass(frozen=True, slots=True)
class Programme:
    title: str
    stages: tuple[Stage, ...]  # in order: the four required ones, then work when given
    path: Path
    about: str = ""
    location: Location | None = None

    def stage(self, key: StageKey | str) -> Stage:
        return self.stages[StageKey(key).number - 1]

    @property
    def work(self) -> Stage | None:
        """Work under guidance, which a mentor's readiness sign-off closes; None without it."""
        return self.stages[-1] if self.stages[-1].key is StageKey.WORK else None

    @property
    def exam(self) -> Stage:
        return self.stage(StageKey.EXAM)


# ---------------------------------------------------------------------------------------------
# Shapes

INTRODUCTION = Obj(
    "Stage 1: the company cards and a short check.",
    optional={
        "title": Text(),
        "about": Text(),
        "quiz": IdShape("The check; passing it finishes the stage."),
    },
)
PRODUCT = Obj(
    "Stage 2: the catalogue and the product quiz.",
    required={"quiz": IdShape("Passing it, at its own pass mark, finishes the stage.")},
    optional={"title": Text(), "about": Text()},
)
SALES = Obj(
    "Stage 3: practice calls.",
    required={
        "pass_scenarios": Number("Distinct practice scenarios to pass.", minimum=0, whole=True)
    },
    optional={
        "title": Text(),
        "about": Text(),
        "scenario_stages": ListOf(
            "Practice scenarios are the scenarios of these stages (default 2 and 3).",
            Number(minimum=2, maximum=4, whole=True),
        ),
        "required_call_types": ListOf(
            "Kinds of call (a scenario's call_type) the trainee must pass at least one "
            "practice scenario of, besides the count, before the exam opens.",
            Choice(values=tuple(call_type.value for call_type in CallType)),
        ),
    },
)
EXAM = Obj(
    "Stage 4: the close-a-deal exam, one scenario or a pool of variants (give one of the two).",
    optional={
        "scenario": IdShape("A scenario with exam: true."),
        "scenarios": ListOf(
            "The exam pool: each attempt draws one of these exam scenarios, a retake one the "
            "trainee has not had yet.",
            IdShape("A scenario with exam: true."),
        ),
        "title": Text(),
        "about": Text(),
        "attempts": Number("Attempts before a mentor must grant a retake.", minimum=1, whole=True),
    },
)
_TARGETS = Obj(
    "The targets each trainee starts from; a mentor sets a trainee's own.",
    optional={
        "meetings_per_day": Number(
            "Meetings a working day (one or two for business clients).", minimum=0
        ),
        "calls_per_week": Number("Calls a week.", minimum=0, whole=True),
        "monthly_plan": Number("Deals a month: the plan.", minimum=0, whole=True),
    },
)
WORK = Obj(
    "Stage 5: normal work under a mentor's guidance. It stays open until a mentor signs the "
    "trainee's readiness off; the trainee logs their real work meanwhile.",
    optional={
        "title": Text(),
        "about": Text(),
        "targets": _TARGETS,
    },
)
STAGES = Obj(
    "The stages: the four required ones, then work under guidance.",
    required={"introduction": INTRODUCTION, "product": PRODUCT, "sales": SALES, "exam": EXAM},
    optional={"work": WORK},
)
PROGRAMME = Obj(
    "The training programme.",
    required={
        "kind": file_kind("programme"),
        "title": Text(),
        "stages": STAGES,
    },
    optional={"about": Text()},
)
_STAGE_SHAPES = {
    StageKey.INTRODUCTION: INTRODUCTION,
    StageKey.PRODUCT: PRODUCT,
    StageKey.SALES: SALES,
    StageKey.EXAM: EXAM,
    StageKey.WORK: WORK,
}


# ---------------------------------------------------------------------------------------------
# Parser


def parse_programme(
    reader: Reader,
    root: yaml.Node,
    quizzes: Mapping[str, Quiz],
    scenarios: Mapping[str, Scenario],
    broken: Set[str],
) -> Programme | None:
    """The programme in one file, its stages checked against the quizzes and scenarios read
    before it; ids in `broken` name files already reported faulty, so not reported again."""
    fields = reader.mapping(root, "the programme", PROGRAMME)
    if fields is None:
        return None
    title = reader.string(fields["title"], "title") if "title" in fields else None
    about = reader.string(fields["about"], "about") if "about" in fields else ""
    stage_nodes = reader.mapping(fields["stages"], "stages", STAGES) if "stages" in fields else None
    stages = []
    for key in StageKey:
        if stage_nodes is None or key.value not in stage_nodes:
            continue
        scope = _StageScope(reader, quizzes, scenarios, broken, key)
        stage = scope.stage(stage_nodes[key.value])
        if stage is not None:
            stages.append(stage)
    found = {stage.key for stage in stages}
    if title is None or about is None or not found.issuperset(REQUIRED_STAGES):
        return None
    if (
        stage_nodes is not None
        and StageKey.WORK.value in stage_nodes
        and StageKey.WORK not in found
    ):
        return None
    return Programme(title, tuple(stages), reader.path, about, reader.loc(root))


@dataclass
class _StageScope:
    reader: Reader
    quizzes: Mapping[str, Quiz]
    scenarios: Mapping[str, Scenario]
    broken: Set[str]
    key: StageKey

    @property
    def what(self) -> str:
        return f"stage '{self.key.value}'"

    def stage(self, node: yaml.Node) -> Stage | None:
        reader = self.reader
        fields = reader.mapping(node, self.what, _STAGE_SHAPES[self.key])
        if fields is None:
            return None
        title = (
            reader.string(fields["title"], f"the title of {self.what}")
            if "title" in fields
            else DEFAULT_TITLES[self.key]
        )
        about = reader.string(fields["about"], f"about {self.what}") if "about" in fields else ""
        if title is None or about is None:
            return None
        base = Stage(self.key, title, about, location=reader.loc(node))
        if self.key in (StageKey.INTRODUCTION, StageKey.PRODUCT):
            if "quiz" not in fields:
                return base
            quiz = self.quiz(fields["quiz"])
            return None if quiz is None else replace(base, quiz=quiz)
        if self.key is StageKey.SALES:
            return self.sales(base, fields)
        if self.key is StageKey.WORK:
            return self.work(base, fields)
        return self.exam(base, fields)

    def work(self, base: Stage, fields: dict[str, yaml.Node]) -> Stage | None:
        if "targets" not in fields:
            return replace(base, targets=DEFAULT_TARGETS)
        reader = self.reader
        given = reader.mapping(fields["targets"], "targets", _TARGETS)
        if given is None:
            return None
        meetings = (
            reader.number(given["meetings_per_day"], "meetings_per_day", 0)
            if "meetings_per_day" in given
            else DEFAULT_TARGETS.meetings_per_day
        )
        calls = (
            reader.integer(given["calls_per_week"], "calls_per_week", 0)
            if "calls_per_week" in given
            else DEFAULT_TARGETS.calls_per_week
        )
        plan = (
            reader.integer(given["monthly_plan"], "monthly_plan", 0)
            if "monthly_plan" in given
            else DEFAULT_TARGETS.monthly_plan
        )
        if meetings is None or calls is None or plan is None:
            return None
        return replace(base, targets=WorkTargets(float(meetings), calls, plan))

    def quiz(self, node: yaml.Node) -> Quiz | None:
        reader = self.reader
        quiz_id = reader.identifier(node, f"the quiz of {self.what}")
        if quiz_id is None or quiz_id in self.broken:
            return None
        if quiz_id not in self.quizzes:
            reader.error(
                node,
                f"quiz '{quiz_id}' does not exist{suggestion(quiz_id, self.quizzes)}"
                + (f"; quizzes: {', '.join(sorted(self.quizzes))}" if self.quizzes else ""),
            )
            return None
        quiz = self.quizzes[quiz_id]
        if quiz.stage != self.key.number:
            reader.warn(
                node,
                f"quiz '{quiz_id}' says it belongs to stage {quiz.stage}, but {self.what} is "
                f"stage {self.key.number}",
            )
        return quiz

    def sales(self, base: Stage, fields: dict[str, yaml.Node]) -> Stage | None:
        reader = self.reader
        stages: tuple[int, ...] | None = DEFAULT_SCENARIO_STAGES
        if "scenario_stages" in fields:
            items = reader.sequence(fields["scenario_stages"], "scenario_stages")
            numbers = [reader.integer(item, "each scenario stage", 2, 4) for item in items or []]
            if items is not None and not items:
                reader.error(fields["scenario_stages"], "scenario_stages needs at least one stage")
            stages = (
                tuple(sorted({n for n in numbers if n is not None}))
                if items and None not in numbers
                else None
            )
        needed = (
            reader.integer(fields["pass_scenarios"], "pass_scenarios", 0)
            if "pass_scenarios" in fields
            else None
        )
        if stages is None or needed is None:
            return None
        practice = sorted(
            scenario.id
            for scenario in self.scenarios.values()
            if scenario.stage in stages and not scenario.exam
        )
        # With a scenario file broken the count would be short; its own errors come first.
        if needed > len(practice) and not self.broken:
            shown = ", ".join(str(stage) for stage in stages)
            listed = f": {', '.join(practice)}" if practice else ""
            reader.error(
                fields["pass_scenarios"],
                f"pass_scenarios is {needed}, but there {_are(len(practice))} practice "
                f"scenario{'s' if len(practice) != 1 else ''} of stage {shown}{listed}; "
                "the exam could never open",
            )
            return None
        required = self.required_call_types(fields.get("required_call_types"), practice)
        if required is None:
            return None
        return replace(
            base,
            scenario_stages=stages,
            practice_scenarios=tuple(practice),
            pass_scenarios=needed,
            required_call_types=frozen_map(required),
        )

    def required_call_types(
        self, node: yaml.Node | None, practice: list[str]
    ) -> dict[CallType, tuple[str, ...]] | None:
        """Each kind of call the sales stage requires, with the practice scenarios of that kind;
        None (reported) when a kind is unknown, repeated or has no practice scenario."""
        if node is None:
            return {}
        reader = self.reader
        items = reader.sequence(node, "required_call_types")
        if items is None:
            return None
        required: dict[CallType, tuple[str, ...]] = {}
        for item in items:
            call_type = reader.choice(item, "each required call type", CallType)
            if call_type is None:
                return None
            if call_type in required:
                reader.error(item, f"call type '{call_type}' is required twice")
                return None
            ids = tuple(i for i in practice if self.scenarios[i].call_type is call_type)
            # With a scenario file broken the kind may be missing; its own errors come first.
            if not ids and not self.broken:
                reader.error(
                    item,
                    f"no practice scenario has 'call_type: {call_type}', so the exam could "
                    "never open; give one a call_type or remove the requirement",
                )
                return None
            required[call_type] = ids
        return required

    def exam(self, base: Stage, fields: dict[str, yaml.Node]) -> Stage | None:
        reader = self.reader
        attempts = (
            reader.integer(fields["attempts"], "attempts", 1)
            if "attempts" in fields
            else DEFAULT_EXAM_ATTEMPTS
        )
        nodes = self.pool_nodes(base, fields)
        if nodes is None or attempts is None:
            return None
        pool: list[str] = []
        for node in nodes:
            scenario_id = self.exam_scenario(node)
            if scenario_id is None:
                return None
            if scenario_id in pool:
                reader.error(node, f"scenario '{scenario_id}' is in the exam pool twice")
                return None
            pool.append(scenario_id)
        first = self.scenarios[pool[0]]
        title = first.title if len(pool) == 1 else base.title
        return replace(
            base,
            exam_scenario=pool[0],
            exam_pool=tuple(pool),
            exam_title=title,
            exam_attempts=attempts,
        )

    def pool_nodes(self, base: Stage, fields: dict[str, yaml.Node]) -> list[yaml.Node] | None:
        """The nodes naming the exam's scenarios: `scenario: one` or `scenarios: [a, b, c]`."""
        reader = self.reader
        if "scenario" in fields and "scenarios" in fields:
            reader.error(
                fields["scenarios"],
                "give either 'scenario' (one exam) or 'scenarios' (a pool of variants), not both",
            )
            return None
        if "scenario" in fields:
            return [fields["scenario"]]
        if "scenarios" not in fields:
            where = base.location or reader.loc(next(iter(fields.values())))
            reader.error(
                where,
                "the exam needs 'scenario: ID' or 'scenarios: [ID, ...]' (scenarios with "
                "exam: true)",
            )
            return None
        items = reader.sequence(fields["scenarios"], "scenarios")
        if items is None:
            return None
        if not items:
            reader.error(fields["scenarios"], "the exam pool needs at least one scenario")
            return None
        return list(items)

    def exam_scenario(self, node: yaml.Node) -> str | None:
        """The id of an exam scenario named at `node`; None (reported) when it is not one."""
        reader = self.reader
        scenario_id = reader.identifier(node, "the exam scenario")
        if scenario_id is None or scenario_id in self.broken:
            return None
        scenario: Scenario | None = self.scenarios.get(scenario_id)
        if scenario is None:
            exams = sorted(s.id for s in self.scenarios.values() if s.exam)
            reader.error(
                node,
                f"scenario '{scenario_id}' does not exist"
                f"{suggestion(scenario_id, self.scenarios)}"
                + (f"; exam scenarios: {', '.join(exams)}" if exams else ""),
            )
            return None
        if not scenario.exam:
            reader.error(
                node,
                f"scenario '{scenario_id}' is not an exam: add 'exam: true' to it, or name the "
                "exam scenario here",
            )
            return None
        return scenario_id


def _are(count: int) -> str:
    return f"is only {count}" if count == 1 else f"are only {count}" if count else "are no"
