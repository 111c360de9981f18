"""What one day of real work can hold: the checks a mentor would make of a work-log entry.

Pure functions over counts. They judge the day as a whole (what was logged for it already and
the new entry added up, since a day's entries add up), and its meetings against the calls and
events that could have arranged them in the month before, and say what to fix in words; empty
when the day is plausible. The rules are written out for people in docs/programme.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from trainer.engine.criteria import WORK_KINDS, WORK_LABELS, WorkCounts

# The most of each kind one working day holds; more is a slip of the keyboard.
DAY_CEILINGS: Mapping[str, int] = {
    "calls": 150,  # one every three minutes for eight hours
    "meetings": 12,
    "applications": 50,
    "proposals": 50,
    "events": 3,
    "referrals": 150,
    "deals": 20,
    "orders_on_time": 50,
    "orders_delayed": 50,
}
EVENT_CONTACTS = 20  # clients an exhibition or conference counts as met, at most
# The least each takes, and the longest day: more than fits is a slip, not overtime.
MINUTES_EACH: Mapping[str, int] = {"calls": 3, "meetings": 45, "events": 180}
LONGEST_DAY_MINUTES = 14 * 60
# A meeting is arranged before it is held, in a call or at an event on its day or in the month
# before it; a few a month come another way (a client's e-mail, an account a mentor hands on).
ARRANGING_DAYS = 30  # the days before a meeting's day in which it was arranged
ARRANGED_ELSEWHERE = 2  # meetings in such a month that need no logged call or event
# Results that come only from a client spoken to that day, and what to do about too many.
FROM_CONTACTS: Mapping[str, str] = {
    "applications": "an application comes from a client you were in touch with that day",
    "referrals": "you ask for a referral in a call, a meeting or at an event",
}


_ONE: Mapping[str, str] = {
    "calls": "call",
    "meetings": "meeting",
    "applications": "application",
    "proposals": "proposal sent",
    "events": "event attended",
    "referrals": "referral asked",
    "deals": "deal",
    "orders_on_time": "order on time",
    "orders_delayed": "order delayed",
}


def _count(value: int, kind: str) -> str:
    """`3 calls`, `1 call`: a count in words."""
    return f"{value} {_ONE[kind] if value == 1 else WORK_LABELS[kind].lower()}"


def _spoken(day: WorkCounts) -> str:
    """`12 calls and 2 meetings` (and the events, when there were any)."""
    parts = [_count(day.calls, "calls"), _count(day.meetings, "meetings")]
    if day.events:
        parts.append(f"{day.events} event{'s' if day.events != 1 else ''}")
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _hours(minutes: int) -> str:
    whole, rest = divmod(minutes, 60)
    return f"{whole} h {rest:02d} min" if rest else f"{whole} hours"


@dataclass(frozen=True, slots=True)
class DayProblem:
    """Something implausible about a day, and the kind of work whose number to check first."""

    kind: str
    words: str

    def __str__(self) -> str:
        return self.words


def contacts(day: WorkCounts) -> int:
    """The clients the day's calls, meetings and events could have reached, at most."""
    return day.calls + day.meetings + EVENT_CONTACTS * day.events


def day_problems(logged: WorkCounts, adding: WorkCounts) -> list[DayProblem]:
    """What is implausible about a day once `adding` joins what is `logged` for it already.

    Only what the new entry adds to is judged, so a day logged before the rules is never in
    the way of a note added to it.
    """
    negative = [
        DayProblem(
            kind,
            f"{WORK_LABELS[kind].lower()} cannot be negative ({getattr(adding, kind)}): "
            "give 0 or more",
        )
        for kind in WORK_KINDS
        if getattr(adding, kind) < 0
    ]
    if negative:
        return negative
    day = logged + adding
    added = "" if logged.empty else " (the day's entries added up)"
    problems: list[DayProblem] = []
    too_many = set()
    for kind in WORK_KINDS:
        value, ceiling = getattr(day, kind), DAY_CEILINGS[kind]
        if value > ceiling and getattr(adding, kind):
            too_many.add(kind)
            problems.append(
                DayProblem(
                    kind,
                    f"{_count(value, kind)} in one day{added} is more than a day holds "
                    f"({ceiling} at most): check the number",
                )
            )
    for kind, why in FROM_CONTACTS.items():
        value = getattr(day, kind)
        if value > contacts(day) and getattr(adding, kind) and kind not in too_many:
            problems.append(
                DayProblem(
                    kind,
                    f"{_count(value, kind)} from {_spoken(day)}{added}: {why}; log those calls "
                    "and meetings too, or check the number",
                )
            )
    minutes = sum(getattr(day, kind) * each for kind, each in MINUTES_EACH.items())
    if (
        minutes > LONGEST_DAY_MINUTES
        and any(getattr(adding, kind) for kind in MINUTES_EACH)
        and not too_many & MINUTES_EACH.keys()  # one slip, said once
    ):
        problems.append(
            DayProblem(
                "calls",
                f"{_spoken(day)}{added} take at least {_hours(minutes)}, more than a working "
                "day at 3 minutes a call, 45 a meeting and 3 hours an event: check the numbers",
            )
        )
    return problems


def meeting_problems(
    log: Mapping[date, WorkCounts], day: date, adding: WorkCounts
) -> list[DayProblem]:
    """Whether the meetings `adding` brings to `day` could have been arranged, given the
    trainee's `log` by day (without `adding`).

    Each call, and each client met at an event, arranges one meeting at most, held that day or
    within `ARRANGING_DAYS` after it. So over the days up to any day, meetings held are at most
    the calls and event contacts of those days and the `ARRANGING_DAYS` before them, plus
    `ARRANGED_ELSEWHERE`. The new meetings count in the month that ends on their day and in
    every month after it that they fall in, each judged as the log stands with them.
    """
    if adding.meetings <= 0:
        return []
    days = dict(log)
    days[day] = days.get(day, WorkCounts()) + adding
    span = timedelta(days=ARRANGING_DAYS)
    for end in sorted(d for d in days if day <= d <= day + span):
        month = [counts for d, counts in days.items() if end - span <= d <= end]
        held = sum(counts.meetings for counts in month)
        calls = sum(counts.calls for counts in month)
        events = sum(counts.events for counts in month)
        if held > calls + EVENT_CONTACTS * events + ARRANGED_ELSEWHERE:
            spoken = f"{_count(calls, 'calls')} and {events} event{'s' if events != 1 else ''}"
            return [
                DayProblem(
                    "meetings",
                    f"{_count(held, 'meetings')} in the {ARRANGING_DAYS + 1} days up to "
                    f"{end.isoformat()} from {spoken}: a meeting is arranged in a call or at an "
                    f"event, on its day or in the {ARRANGING_DAYS} days before (up to "
                    f"{ARRANGED_ELSEWHERE} a month another way); log the calls that arranged "
                    "them, or check the number",
                )
            ]
    return []
