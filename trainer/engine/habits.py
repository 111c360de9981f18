"""The habit a call shows: the way of working the trainee's replies slipped into, if any.

The rubric names habits (the slow pace, the lecture, the rule-reader, the hard sell) by the tags
of the replies that show them; a call shows the habit whose tags its replies carry most often,
at least twice, so one stray reply is not called a habit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from trainer.content.rubric import Habit, Rubric
from trainer.engine.turns import Speaker, Turn

MIN_REPLIES = 2


@dataclass(frozen=True, slots=True)
class HabitSeen:
    habit: Habit
    replies: int  # how many of the trainee's replies showed it

    def sentence(self) -> str:
        """The habit as the scorecard says it."""
        return f"{self.habit.name} ({self.replies} of your replies): {self.habit.advice}"


def habit_seen(rubric: Rubric | None, turns: Iterable[Turn]) -> HabitSeen | None:
    """The habit the trainee's replies show most often, at least `MIN_REPLIES` times; the
    rubric's order breaks a tie. None without a rubric, habits or such a pattern."""
    if rubric is None or not rubric.habits:
        return None
    said = [set(turn.tags) for turn in turns if turn.speaker is Speaker.TRAINEE]
    best: HabitSeen | None = None
    for habit in rubric.habits.values():
        count = sum(1 for tags in said if tags.intersection(habit.tags))
        if count >= MIN_REPLIES and (best is None or count > best.replies):
            best = HabitSeen(habit, count)
    return best
