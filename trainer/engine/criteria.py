"""The seven ways a mentor judges work under guidance, worked out week by week from the work log.

Pure functions over plain data: the store reads the trainee's logged days, targets and practice
scores; `criteria` turns them into one `Criterion` per way of judging, each with a figure per
week (for a sparkline), a sentence on where the trainee stands and whether it is met. The
product names each in plain words, never by a number.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date, timedelta
from enum import StrEnum

from trainer.content.programme import WorkTargets

MAX_PER_DAY = 500  # more of anything in one day is a typing slip, not a day's work
WEEKS_SHOWN = 8
DEAL_RATE = 0.1  # about one deal in ten clients contacted is a healthy funnel
FUNNEL_MINIMUM = 10  # clients contacted before the funnel is judged at all
DECISION_MAKER_MARK = 70.0  # average percent on reaching the decision-maker in calls
ALTERNATION_SHARE = 0.75  # share of weeks worked with both call days and meeting days
SPARK = "▁▂▃▄▅▆▇█"


@dataclass(frozen=True, slots=True)
class WorkCounts:
    """What a trainee did in a day (or the sum of several days), kind by kind."""

    calls: int = 0
    meetings: int = 0
    applications: int = 0
    proposals: int = 0  # commercial proposals sent
    events: int = 0  # exhibitions, conferences and events attended
    referrals: int = 0  # times the trainee asked a client for referrals
    deals: int = 0
    orders_on_time: int = 0
    orders_delayed: int = 0

    def __add__(self, other: WorkCounts) -> WorkCounts:
        return WorkCounts(*(getattr(self, kind) + getattr(other, kind) for kind in WORK_KINDS))

    @property
    def empty(self) -> bool:
        return not any(getattr(self, kind) for kind in WORK_KINDS)


WORK_KINDS: tuple[str, ...] = tuple(field.name for field in fields(WorkCounts))
WORK_LABELS: Mapping[str, str] = {
    "calls": "Calls",
    "meetings": "Meetings",
    "applications": "Applications",
    "proposals": "Proposals sent",
    "events": "Events attended",
    "referrals": "Referrals asked",
    "deals": "Deals",
    "orders_on_time": "Orders on time",
    "orders_delayed": "Orders delayed",
}


def work_words(counts: WorkCounts) -> str:
    """A day's logged work in a line: `12 calls, 1 meeting, 1 proposal sent`."""
    return ", ".join(
        _counted(getattr(counts, kind), WORK_LABELS[kind].lower())
        for kind in WORK_KINDS
        if getattr(counts, kind)
    )


def _counted(count: int, label: str) -> str:
    """ "1 deal", "2 deals", "1 proposal sent": the label's first word said in the singular."""
    first, space, rest = label.partition(" ")
    if count == 1 and first.endswith("s"):
        first = first[:-1]
    return f"{count} {first}{space}{rest}"


def count_problems(values: Mapping[str, int]) -> list[str]:
    """What is wrong with a day's counts, in words; empty when they may be logged."""
    problems = []
    for kind in WORK_KINDS:
        value = values.get(kind, 0)
        label = WORK_LABELS[kind].lower()
        if value < 0:
            problems.append(f"{label} cannot be negative ({value})")
        elif value > MAX_PER_DAY:
            problems.append(f"{label}: {value} in one day is more than {MAX_PER_DAY}; a slip?")
    return problems


class CriterionState(StrEnum):
    MET = "met"
    SHORT = "short"
    NO_DATA = "no data"


@dataclass(frozen=True, slots=True)
class Criterion:
    """One way of judging the trainee's work, with its figure week by week."""

    key: str
    title: str  # in plain words, e.g. "Reaching the decision-maker"
    measure: str  # how it is measured, in one sentence
    series: tuple[float | None, ...]  # one figure a week, oldest first; None: nothing to show
    figure: str  # where the trainee stands, in words
    target: str  # what good looks like
    state: CriterionState


@dataclass(frozen=True, slots=True)
class CriteriaReport:
    """The seven criteria over the weeks shown, and the week each figure belongs to."""

    weeks: tuple[date, ...]  # each week's Monday, oldest first
    criteria: tuple[Criterion, ...]

    @property
    def met(self) -> int:
        return sum(criterion.state is CriterionState.MET for criterion in self.criteria)


def week_start(day: date) -> date:
    """The Monday of the week `day` falls in."""
    return day - timedelta(days=day.weekday())


def sparkline(series: Sequence[float | None]) -> str:
    """The figures as a line of block characters, scaled to the largest; a gap is a space."""
    top = max((value for value in series if value is not None), default=0.0)
    marks = []
    for value in series:
        if value is None:
            marks.append(" ")
        elif top <= 0:
            marks.append(SPARK[0])
        else:
            marks.append(SPARK[min(len(SPARK) - 1, int(value / top * (len(SPARK) - 1) + 0.5))])
    return "".join(marks)


def criteria(
    days: Mapping[date, WorkCounts],
    targets: WorkTargets,
    decision_maker: Sequence[tuple[date, float]],
    *,
    today: date,
    weeks: int = WEEKS_SHOWN,
) -> CriteriaReport:
    """The seven criteria for one trainee from their logged days (summed per day), their
    targets, and their calls' scores on reaching the decision-maker (day, percent)."""
    last = week_start(today)
    starts = tuple(last - timedelta(weeks=back) for back in range(weeks - 1, -1, -1))
    by_week: dict[date, dict[date, WorkCounts]] = {start: {} for start in starts}
    for day, counts in days.items():
        start = week_start(day)
        if start in by_week and day <= today:
            by_week[start][day] = counts
    month = today - timedelta(days=29)
    recent = _total(counts for day, counts in days.items() if month <= day <= today)
    window = _total(counts for week in by_week.values() for counts in week.values())
    worked = [start for start in starts if any(not c.empty for c in by_week[start].values())]
    found = (
        _events(starts, by_week, recent),
        _alternation(starts, by_week, worked, targets),
        _referrals(starts, by_week, worked),
        _meetings(starts, by_week, targets),
        _decision_maker(starts, decision_maker, today),
        _plan(starts, by_week, recent, targets),
        _funnel(starts, by_week, window),
    )
    return CriteriaReport(starts, found)


def _total(counts: Iterable[WorkCounts]) -> WorkCounts:
    total = WorkCounts()
    for each in counts:
        total = total + each
    return total


Weeks = dict[date, dict[date, WorkCounts]]


def _weekly(starts: Sequence[date], by_week: Weeks, kind: str) -> tuple[float | None, ...]:
    return tuple(
        float(sum(getattr(counts, kind) for counts in by_week[start].values()))
        if by_week[start]
        else None
        for start in starts
    )


def _events(starts: Sequence[date], by_week: Weeks, recent: WorkCounts) -> Criterion:
    series = _weekly(starts, by_week, "events")
    state = CriterionState.MET if recent.events else CriterionState.SHORT
    if not any(by_week[start] for start in starts):
        state = CriterionState.NO_DATA
    return Criterion(
        "events",
        "Attending events and exhibitions",
        "Exhibitions, conferences and company events attended, as logged, week by week.",
        series,
        f"{recent.events} in the last 30 days",
        "at least one a month",
        state,
    )


def _alternation(
    starts: Sequence[date], by_week: Weeks, worked: Sequence[date], targets: WorkTargets
) -> Criterion:
    both = []
    series: list[float | None] = []
    for start in starts:
        week = by_week[start]
        if not week:
            series.append(None)
            continue
        call_days = sum(1 for counts in week.values() if counts.calls)
        meeting_days = sum(1 for counts in week.values() if counts.meetings)
        series.append(float(sum(counts.calls for counts in week.values())))
        if start in worked:
            both.append(call_days > 0 and meeting_days > 0)
    latest_calls = next((value for value in reversed(series) if value is not None), None)
    calls_text = (
        f"; {_count(latest_calls, 'call')} in the last week worked, "
        f"{targets.calls_per_week} planned"
        if latest_calls is not None
        else ""
    )
    if not both:
        state = CriterionState.NO_DATA
    else:
        share = sum(both) / len(both)
        state = CriterionState.MET if share >= ALTERNATION_SHARE else CriterionState.SHORT
    return Criterion(
        "alternation",
        "Calls alternating with meetings",
        "Calls a week (the line), and whether each week worked had days of calls and days of "
        "meetings.",
        tuple(series),
        f"calls and meetings in {sum(both)} of {_count(len(both), 'week')} worked{calls_text}",
        f"both in most weeks ({ALTERNATION_SHARE:.0%}); {targets.calls_per_week} calls a week",
        state,
    )


def _referrals(starts: Sequence[date], by_week: Weeks, worked: Sequence[date]) -> Criterion:
    series = _weekly(starts, by_week, "referrals")
    latest = [start for start in worked[-4:]]
    asked = sum(
        1 for start in latest if sum(counts.referrals for counts in by_week[start].values())
    )
    if not latest:
        state = CriterionState.NO_DATA
    else:
        state = CriterionState.MET if asked == len(latest) else CriterionState.SHORT
    return Criterion(
        "referrals",
        "Asking for referrals",
        "Times the trainee asked a client whom else the company could help, week by week.",
        series,
        f"asked in {asked} of the last {_count(len(latest), 'week')} worked",
        "every week",
        state,
    )


def _meetings(starts: Sequence[date], by_week: Weeks, targets: WorkTargets) -> Criterion:
    series: list[float | None] = []
    for start in starts:
        week = by_week[start]
        days_worked = sum(1 for counts in week.values() if not counts.empty)
        series.append(
            sum(counts.meetings for counts in week.values()) / days_worked if days_worked else None
        )
    recent = [value for value in series[-4:] if value is not None]
    if not recent:
        state, figure = CriterionState.NO_DATA, "no working days logged in the last 4 weeks"
    else:
        average = sum(recent) / len(recent)
        weeks = f"{len(recent)} week{'s' * (len(recent) != 1)}"
        figure = f"{average:.1f} a day over the last {weeks} with work logged"
        state = CriterionState.MET if average >= targets.meetings_per_day else CriterionState.SHORT
    return Criterion(
        "meetings",
        "Meetings a day",
        "Meetings held per day worked, week by week, against the trainee's target.",
        tuple(series),
        figure,
        f"{targets.meetings_per_day:g} a day (one or two is good work with business clients)",
        state,
    )


def _decision_maker(
    starts: Sequence[date], scores: Sequence[tuple[date, float]], today: date
) -> Criterion:
    by_week: dict[date, list[float]] = {}
    for day, percent in scores:
        by_week.setdefault(week_start(day), []).append(percent)
    series = tuple(
        sum(by_week[start]) / len(by_week[start]) if start in by_week else None for start in starts
    )
    shown = [percent for day, percent in scores if starts[0] <= day <= today]
    if not shown:
        state, figure = CriterionState.NO_DATA, "no scored call in these weeks"
    else:
        average = sum(shown) / len(shown)
        figure = f"{average:.0f}% on average over {len(shown)} call{'s' * (len(shown) != 1)}"
        state = CriterionState.MET if average >= DECISION_MAKER_MARK else CriterionState.SHORT
    return Criterion(
        "decision_maker",
        "Reaching the decision-maker",
        "The score on reaching the person who decides, in the trainee's calls, week by week.",
        series,
        figure,
        f"{DECISION_MAKER_MARK:.0f}% or more",
        state,
    )


def _plan(
    starts: Sequence[date], by_week: Weeks, recent: WorkCounts, targets: WorkTargets
) -> Criterion:
    series = _weekly(starts, by_week, "deals")
    orders = recent.orders_on_time + recent.orders_delayed
    delayed = (
        f"{recent.orders_delayed} of {_count(orders, 'order')} delayed" if orders else "no orders"
    )
    plan = targets.monthly_plan
    if not any(by_week[start] for start in starts):
        state = CriterionState.NO_DATA
    elif recent.deals >= plan and recent.orders_delayed == 0:
        state = CriterionState.MET
    else:
        state = CriterionState.SHORT
    over = " (over-fulfilled)" if recent.deals > plan else ""
    return Criterion(
        "plan",
        "Plan over-fulfilled, orders not delayed",
        "Deals a week; over the last 30 days, deals against the monthly plan and orders placed "
        "late.",
        series,
        f"{_count(recent.deals, 'deal')} in the last 30 days against a plan of {plan}{over}; "
        f"{delayed}",
        f"{plan} deals a month or more, no order delayed",
        state,
    )


def _funnel(starts: Sequence[date], by_week: Weeks, window: WorkCounts) -> Criterion:
    series: list[float | None] = []
    for start in starts:
        calls = sum(counts.calls for counts in by_week[start].values())
        deals = sum(counts.deals for counts in by_week[start].values())
        series.append(deals / calls if calls else None)
    contacted = window.calls
    if window.deals > contacted:
        state = CriterionState.SHORT
        figure = (
            f"{_count(window.deals, 'deal')} but only {contacted} clients contacted: check the log"
        )
    elif contacted < FUNNEL_MINIMUM:
        state = CriterionState.NO_DATA
        figure = (
            f"{_count(window.deals, 'deal')} from {_count(contacted, 'client')} contacted: "
            "too few to judge"
        )
    else:
        rate = window.deals / contacted
        ratio = f"one in {contacted / window.deals:.0f}" if window.deals else "none yet"
        figure = (
            f"{_count(window.deals, 'deal')} from {_count(contacted, 'client')} contacted ({ratio})"
        )
        state = CriterionState.MET if rate >= DEAL_RATE else CriterionState.SHORT
    return Criterion(
        "funnel",
        "Keeping the funnel full",
        "Deals per client contacted by phone, week by week: most say no, and that is normal.",
        tuple(series),
        figure,
        "about one deal in ten clients contacted",
        state,
    )


def _count(number: float, word: str) -> str:
    """A count with its noun: "1 week", "3 weeks", "2.5 calls"."""
    return f"{number:g} {word}{'s' * (number != 1)}"
