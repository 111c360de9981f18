"""Score a call: per-skill percent of the scenario's best, weighted, and pass or fail."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from trainer.content.models import Outcome, Rubric, Scenario


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
    reasons: tuple[str, ...]  # why the call did not pass; empty when it passed


def score_call(
    scenario: Scenario,
    rubric: Rubric,
    maxima: Mapping[str, float],
    earned: Mapping[str, float],
    outcome: Outcome,
) -> Score:
    """The scorecard of a call that earned `earned` points and ended with `outcome`."""
    skills = []
    for skill_id, skill in rubric.skills.items():
        best = maxima.get(skill_id, 0.0)
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
    percent = (
        round(sum(item.percent * item.weight for item in skills) / total_weight, 1)
        if total_weight
        else 0.0
    )
    pass_mark = scenario.pass_mark if scenario.pass_mark is not None else rubric.pass_mark
    reasons = []
    if outcome not in scenario.success:
        wanted = " or ".join(sorted(item.value for item in scenario.success))
        reasons.append(f"the call ended in '{outcome.value}', not {wanted}")
    if percent < pass_mark:
        reasons.append(f"the score {percent:g}% is below the pass mark of {pass_mark:g}%")
    for item in skills:
        if not item.met:
            reasons.append(
                f"{item.name} scored {item.percent:g}%, below its must-pass {item.must_pass:g}%"
            )
    return Score(outcome, percent, pass_mark, not reasons, tuple(skills), tuple(reasons))
