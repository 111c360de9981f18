"""The programme's last stage, work under guidance: optional, its targets read and checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.content.test_quiz_programme import FILE, edit, line_of, only_problem, programme_set
from trainer.content.loader import load_content, validate
from trainer.content.programme import DEFAULT_TARGETS, StageKey, WorkTargets

WORK = """\
  work:
    title: Real clients, with a mentor
    targets:
      meetings_per_day: 1.5
      calls_per_week: 40
      monthly_plan: 3
"""


@pytest.fixture
def content(mini: Path) -> Path:
    root = programme_set(mini)
    with (root / FILE).open("a", encoding="utf-8") as file:
        file.write(WORK)
    return root


def test_work_under_guidance_is_the_fifth_stage_with_its_targets(content: Path) -> None:
    assert validate(content).problems == []
    programme = load_content(content).programme
    assert programme is not None
    work = programme.work
    assert work is not None and work is programme.stage(StageKey.WORK)
    assert (work.number, work.title) == (5, "Real clients, with a mentor")
    assert work.targets == WorkTargets(1.5, 40, 3)


def test_targets_left_out_are_the_defaults(content: Path) -> None:
    edit(content, "      calls_per_week: 40\n      monthly_plan: 3\n", "")
    edit(content, "    title: Real clients, with a mentor\n", "")
    programme = load_content(content).programme
    assert programme is not None and programme.work is not None
    assert programme.work.title == "Work under guidance"
    assert programme.work.targets == WorkTargets(1.5, DEFAULT_TARGETS.calls_per_week, 4)


@pytest.mark.parametrize(
    ("old", "new", "fragment", "message"),
    [
        ("calls_per_week: 40", "calls_per_week: -4", "calls_per_week", "at least 0"),
        ("calls_per_week: 40", "calls_per_week: 4.5", "calls_per_week", "whole number"),
        ("monthly_plan: 3", "monthly_plan: lots", "monthly_plan", "whole number"),
        ("meetings_per_day: 1.5", "meetings_per_dya: 1.5", "meetings_per_dya", "meetings_per_day"),
    ],
)
def test_a_bad_target_is_located(
    content: Path, old: str, new: str, fragment: str, message: str
) -> None:
    edit(content, old, new)
    problem = only_problem(content)
    assert f"{FILE}:{line_of(content, fragment)}:" in problem, problem
    assert message in problem


def test_a_broken_work_stage_leaves_no_programme_rather_than_one_without_it(
    content: Path,
) -> None:
    edit(content, "calls_per_week: 40", "calls_per_week: -1")
    assert validate(content).problems
    with pytest.raises(Exception, match="calls_per_week"):
        load_content(content)
