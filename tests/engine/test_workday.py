"""What one day of work can hold, as plain rules over counts: the words each refusal uses, and
that only what an entry adds to is judged."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from trainer.engine.criteria import WORK_KINDS, WorkCounts
from trainer.engine.workday import DAY_CEILINGS, contacts, day_problems, meeting_problems

NOTHING = WorkCounts()


def said(logged: WorkCounts, adding: WorkCounts) -> list[tuple[str, str]]:
    return [(problem.kind, str(problem)) for problem in day_problems(logged, adding)]


def test_every_kind_of_work_has_a_ceiling() -> None:
    assert set(DAY_CEILINGS) == set(WORK_KINDS)


@pytest.mark.parametrize(
    ("adding", "kind", "words"),
    [
        (WorkCounts(referrals=1), "referrals", "1 referral asked from 0 calls and 0 meetings:"),
        (
            WorkCounts(calls=1, events=1, applications=22),
            "applications",
            "22 applications from 1 call, 0 meetings and 1 event:",
        ),
        (WorkCounts(events=4), "events", "4 events attended in one day is more than a day holds"),
        (WorkCounts(calls=60, meetings=15), "meetings", "15 meetings in one day"),
        (WorkCounts(calls=-1, deals=-2), "calls", "calls cannot be negative (-1): give 0 or more"),
        (WorkCounts(calls=150, meetings=12), "calls", "150 calls and 12 meetings take at least"),
    ],
)
def test_each_refusal_names_the_count_to_check(adding: WorkCounts, kind: str, words: str) -> None:
    found = said(NOTHING, adding)
    assert found and found[0][0] == kind and found[0][1].startswith(words), found


def test_plausible_days_pass() -> None:
    assert said(NOTHING, WorkCounts(calls=40, meetings=2, applications=3, referrals=2)) == []
    assert said(NOTHING, WorkCounts(deals=3, orders_on_time=5, proposals=4)) == []  # won earlier
    assert said(NOTHING, WorkCounts(events=1, applications=20)) == []  # a fair: 20 met at most
    assert contacts(WorkCounts(calls=3, meetings=2, events=2)) == 45


def test_only_what_an_entry_adds_to_is_judged() -> None:
    over = WorkCounts(applications=40)  # logged before the rules
    assert said(over, NOTHING) == []  # a note alone
    assert said(over, WorkCounts(deals=1)) == []
    assert said(over, WorkCounts(applications=1))[0][1].startswith(
        "41 applications from 0 calls and 0 meetings (the day's entries added up):"
    )


MONDAY = date(2026, 11, 2)


def week(*days: tuple[int, int] | tuple[int, int, int]) -> dict[date, WorkCounts]:
    """A log from Monday on: (calls, meetings) or (calls, meetings, events) per day."""
    return {
        MONDAY + timedelta(days=n): WorkCounts(calls=d[0], meetings=d[1], events=(d[2:] or (0,))[0])
        for n, d in enumerate(days)
    }


def logged_in_order(log: dict[date, WorkCounts]) -> list[str]:
    """Log `log` day by day as a trainee would, each day judged on what came before it."""
    kept: dict[date, WorkCounts] = {}
    said = []
    for day, counts in sorted(log.items()):
        said += [str(p) for p in meeting_problems(kept, day, counts)]
        kept[day] = counts
    return said


@pytest.mark.parametrize(
    "log",
    [
        # calls early in the week, a day out seeing the clients they arranged
        week((30, 0), (25, 1), (0, 5), (20, 2), (0, 4)),
        # the programme's targets: 50 calls a week, a meeting a day
        week((10, 1), (10, 1), (10, 1), (10, 1), (10, 1)),
        # a first day with a meeting the mentor handed on, then calls
        week((0, 1), (20, 1), (25, 2), (15, 1), (0, 3)),
        # a fair on Monday, meetings with the people met there all week
        week((0, 0, 1), (5, 4), (0, 6), (5, 5), (0, 4)),
    ],
)
def test_a_real_weeks_meetings_were_arranged(log: dict[date, WorkCounts]) -> None:
    assert logged_in_order(log) == []


def test_meetings_nobody_arranged_are_refused() -> None:
    first_day = meeting_problems({}, MONDAY, WorkCounts(meetings=12))
    assert [p.kind for p in first_day] == ["meetings"]
    assert str(first_day[0]).startswith(
        "12 meetings in the 31 days up to 2026-11-02 from 0 calls and 0 events: a meeting is "
        "arranged in a call or at an event"
    )
    # a day of meetings after one call, and the same every day after a busy Monday
    assert logged_in_order(week((1, 12)))
    assert logged_in_order(week((12, 0), (0, 12), (0, 12)))
    # the allowance is a month's, not a day's: two a day with no calls runs out
    assert logged_in_order(week((0, 2), (0, 2)))


def test_meetings_are_arranged_in_the_month_before_not_any_time() -> None:
    busy = {MONDAY: WorkCounts(calls=40)}
    assert meeting_problems(busy, MONDAY + timedelta(days=30), WorkCounts(meetings=12)) == []
    late = meeting_problems(busy, MONDAY + timedelta(days=31), WorkCounts(meetings=12))
    assert late and "from 0 calls" in str(late[0])


def test_backdated_meetings_count_in_the_months_after_them() -> None:
    """Logging meetings on an earlier day cannot use calls another day's meetings used."""
    log = {MONDAY + timedelta(days=10): WorkCounts(calls=10, meetings=12)}
    backdated = meeting_problems(log, MONDAY + timedelta(days=5), WorkCounts(calls=2, meetings=4))
    assert backdated and "up to 2026-11-12" in str(backdated[0])  # the later day's month
    assert meeting_problems(log, MONDAY + timedelta(days=5), WorkCounts(calls=4, meetings=4)) == []


def test_only_new_meetings_are_judged() -> None:
    over = {MONDAY: WorkCounts(meetings=12)}  # logged before the rule
    assert meeting_problems(over, MONDAY, WorkCounts(deals=2)) == []
    assert meeting_problems(over, MONDAY, WorkCounts(meetings=1))
