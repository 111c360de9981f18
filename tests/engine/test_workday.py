"""What one day of work can hold, as plain rules over counts: the words each refusal uses, and
that only what an entry adds to is judged."""

from __future__ import annotations

import pytest

from trainer.engine.criteria import WORK_KINDS, WorkCounts
from trainer.engine.workday import DAY_CEILINGS, contacts, day_problems

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
