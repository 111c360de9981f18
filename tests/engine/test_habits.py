"""The habit a call shows: named from the tags of the trainee's replies, never from one stray
reply, and never from what the client said."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.content.test_loader import edit, line_of
from trainer.content.loader import load_content, validate
from trainer.content.paths import bundled_content_dir
from trainer.content.rubric import Rubric
from trainer.engine.habits import habit_seen
from trainer.engine.turns import Speaker, Turn

HABITS = """\
habits:
  hard_sell:
    name: The hard sell
    tags: [pushy]
    advice: Pressing scares a client off. Hear the objection out.
  drift:
    name: The slow pace
    tags: [discovery, next-step]
    advice: Lead the call.
tags:
"""


@pytest.fixture
def rubric(mini: Path) -> Rubric:
    edit(mini, "scenarios/rubric.yaml", "tags:\n", HABITS)
    assert validate(mini).problems == []
    return load_content(mini).rubric


def said(*tags: tuple[str, ...], speaker: Speaker = Speaker.TRAINEE) -> list[Turn]:
    return [Turn(n, speaker, "Ann", "a line", "node", tags=t) for n, t in enumerate(tags)]


def test_two_replies_with_a_habits_tags_name_it(rubric: Rubric) -> None:
    seen = habit_seen(rubric, said(("pushy",), ("introduction",), ("pushy", "next-step")))
    assert seen is not None and (seen.habit.id, seen.replies) == ("hard_sell", 2)
    assert seen.sentence() == (
        "The hard sell (2 of your replies): Pressing scares a client off. Hear the objection out."
    )


def test_one_stray_reply_is_not_a_habit(rubric: Rubric) -> None:
    assert habit_seen(rubric, said(("pushy",), ("introduction",))) is None
    assert habit_seen(rubric, said()) is None


def test_a_reply_counts_once_however_many_of_the_tags_it_carries(rubric: Rubric) -> None:
    # one reply tagged discovery and next-step is one reply of the slow pace, not two
    assert habit_seen(rubric, said(("discovery", "next-step"), ("pushy",))) is None


def test_the_clients_lines_do_not_count(rubric: Rubric) -> None:
    turns = said(("pushy",), ("pushy",), speaker=Speaker.CLIENT) + said(("pushy",))
    assert habit_seen(rubric, turns) is None


def test_the_most_shown_habit_wins_and_the_rubric_order_breaks_a_tie(rubric: Rubric) -> None:
    three = said(("discovery",), ("next-step",), ("discovery",), ("pushy",), ("pushy",))
    seen = habit_seen(rubric, three)
    assert seen is not None and seen.habit.id == "drift"
    tie = said(("discovery",), ("next-step",), ("pushy",), ("pushy",))
    seen = habit_seen(rubric, tie)
    assert seen is not None and seen.habit.id == "hard_sell"


def test_an_undeclared_habit_tag_is_a_located_error(mini: Path) -> None:
    edit(mini, "scenarios/rubric.yaml", "tags:\n", HABITS.replace("[pushy]", "[pushi]"))
    line = line_of(mini, "scenarios/rubric.yaml", "[pushi]")
    [problem] = [str(p) for p in validate(mini).problems]
    assert problem.endswith(
        f"rubric.yaml:{line}:12: tag 'pushi' of habit 'hard_sell' is not declared under tags "
        "(did you mean 'pushy'?)"
    )


def test_a_habit_needs_its_advice(mini: Path) -> None:
    edit(
        mini,
        "scenarios/rubric.yaml",
        "tags:\n",
        HABITS.replace("    advice: Lead the call.\n", ""),
    )
    [problem] = [str(p) for p in validate(mini).problems]
    assert "habit 'drift'" in problem and "advice" in problem


def test_the_bundled_habits_are_the_managers_patterns_in_plain_words() -> None:
    rubric = load_content(bundled_content_dir()).rubric
    assert [h.name for h in rubric.habits.values()] == [
        "The slow pace",
        "The lecture",
        "By the book",
        "The hard sell",
    ]
    for habit in rubric.habits.values():
        assert set(habit.tags) <= set(rubric.tags)
        assert not {"melancholic", "erudite", "compliant", "article", "seed"} & set(
            habit.advice.lower().split()
        )
    bundled = load_content(bundled_content_dir())
    tagged = {
        tag
        for scenario in bundled.scenarios.values()
        for reply in scenario.replies()
        for tag in reply.tags
    }
    # every habit can be shown: some bundled reply carries each one's tags
    assert all(tagged.intersection(h.tags) for h in rubric.habits.values())
