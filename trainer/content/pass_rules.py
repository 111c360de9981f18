"""What each practice call must reach to count toward the programme's sales stage."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from trainer.content.frozen import frozen_map
from trainer.content.programme import PassRule, Programme, StageKey
from trainer.content.rubric import Rubric
from trainer.content.scenario.model import Scenario


def with_pass_rules(
    programme: Programme, scenarios: Mapping[str, Scenario], rubric: Rubric
) -> Programme:
    """The programme with its sales stage's `practice_rules` filled in from the scenarios: the
    gates judge stored calls by the content in use's rule, not by the verdict stored with them."""
    sales = programme.stage(StageKey.SALES)
    rules = {
        scenario_id: PassRule(
            scenario.pass_mark if scenario.pass_mark is not None else rubric.pass_mark,
            scenario.success,
        )
        for scenario_id in sales.practice_scenarios
        if (scenario := scenarios.get(scenario_id)) is not None
    }
    stages = tuple(
        replace(stage, practice_rules=frozen_map(rules)) if stage is sales else stage
        for stage in programme.stages
    )
    return replace(programme, stages=stages)
