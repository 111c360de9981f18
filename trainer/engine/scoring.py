"""Score a call: per-skill percent of the scenario's best, weighted, and pass or fail."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from trainer.content.analysis import score_ranges
from trainer.content.graph import skill_maxima
from trainer.content.outcomes import outcome_label, outcomes_label
from trainer.content.rubric import Rubric
from trainer.content.scenario.model import Outcome, Reply, Scenario


@dataclass(frozen=True, slots=True)
class SkillScore:
    skill: str
    name: str
    earned: float
    best: float
    percent: float
    weight: float
    level: str
    must_pass: float | None

    @property
    def met(self) -> bool:
        return self.must_pass is None or self.percent >= self.must_pass


@dataclass(frozen=True, slots=True)
class Score:
    outcome: Outcome
    percent: float
    pass_mark: float
    passed: bool
    skills: tuple[SkillScore, ...]
    reasons: tuple[str, ...]  # why the call did not pass, breaches first; empty when it passed
    breaches: tuple[str, ...] = ()  # the critical tags the trainee breached, once each, in order


@dataclass(frozen=True, slots=True)
class Calibration:
    """What a scenario's calls are measured against, computed once from its graph.

    `maxima` is the most each skill can earn on one call that reaches the goal without a
    critical breach; `best` is the weighted percent of the best such call against those
    maxima. The best skills seldom all lie on one path, so `best` is under 100 and a call's
    weighted percent is scaled by it: the best honest call scores 100%, and a clean
    alternative is not marked down for points no single call could have earned together.
    """

    maxima: Mapping[str, float]
    best: float


def calibrate(scenario: Scenario, rubric: Rubric) -> Calibration:
    """The maxima and best weighted percent of `scenario` under `rubric`."""
    critical = frozenset(rubric.critical)

    def honest(reply: Reply) -> bool:
        return not critical.intersection(reply.tags)

    maxima = skill_maxima(scenario, critical)
    best = score_ranges(scenario, rubric, honest, maxima).passing_best
    return Calibration(maxima, best if best and best > 0 else 100.0)


def score_call(
    scenario: Scenario,
    rubric: Rubric,
    maxima: Mapping[str, float] | Calibration,
    earned: Mapping[str, float],
    outcome: Outcome,
    tags: Iterable[str] = (),
) -> Score:
    """The scorecard of a call that earned `earned` points and ended with `outcome`.

    `tags` are the tags of everything the trainee said; one critical tag among them fails
    the call whatever the score, with the rubric's reason for it.
    """
    calibration = maxima if isinstance(maxima, Calibration) else Calibration(maxima, 100.0)
    skills = []
    for skill_id, skill in rubric.skills.items():
        best = calibration.maxima.get(skill_id, 0.0)
        if best <= 0:
            continue
        got = earned.get(skill_id, 0.0)
        percent = round(max(0.0, min(100.0, 100.0 * got / best)), 1)
        skills.append(
            SkillScore(
                skill_id,
                skill.name,
                got,
                best,
                percent,
                skill.weight,
                skill.level(percent),
                skill.must_pass,
            )
        )
    total_weight = sum(item.weight for item in skills)
    raw = sum(item.percent * item.weight for item in skills) / total_weight if total_weight else 0
    percent = round(max(0.0, min(100.0, 100.0 * raw / calibration.best)), 1)
    pass_mark = scenario.pass_mark if scenario.pass_mark is not None else rubric.pass_mark
    breaches = tuple(dict.fromkeys(tag for tag in tags if tag in rubric.critical))
    reasons = [rubric.critical[tag] for tag in breaches]
    if outcome not in scenario.success:
        reasons.append(f"{_ended(outcome)}; the goal was {outcomes_label(scenario.success)}")
    if percent < pass_mark:
        reasons.append(f"the score {percent:g}% is below the pass mark of {pass_mark:g}%")
    for item in skills:
        if not item.met:
            reasons.append(
                f"{item.name} scored {item.percent:g}%, below its must-pass {item.must_pass:g}%"
            )
    return Score(outcome, percent, pass_mark, not reasons, tuple(skills), tuple(reasons), breaches)


def _ended(outcome: Outcome) -> str:
    if outcome is Outcome.HUNG_UP:
        return "the client hung up"
    return f"the call ended with {outcome_label(outcome)}"
