"""The seven criteria of work under guidance, worked out from logged days and call scores."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from trainer.content.programme import WorkTargets
from trainer.engine.criteria import (
    CriteriaReport,
    Criterion,
    CriterionState,
    WorkCounts,
    count_problems,
    criteria,
    sparkline,
    week_start,
)

TODAY = date(2026, 11, 27)  # a Friday
MONDAY = week_start(TODAY)
TARGETS = WorkTargets(meetings_per_day=1.0, calls_per_week=40, monthly_plan=2)
MET, SHORT, NO_DATA = CriterionState.MET, CriterionState.SHORT, CriterionState.NO_DATA


def good_month() -> dict[date, WorkCounts]:
    """Four weeks of a trainee doing everything right: call days and meeting days in turn."""
    days: dict[date, WorkCounts] = {}
    for week in range(4):
        monday = MONDAY - timedelta(weeks=week)
        days[monday] = WorkCounts(calls=25, referrals=1)
        days[monday + timedelta(days=1)] = WorkCounts(meetings=3, deals=3, orders_on_time=1)
        days[monday + timedelta(days=2)] = WorkCounts(calls=20, applications=1)
        days[monday + timedelta(days=3)] = WorkCounts(meetings=3, deals=3, proposals=2)
    days[MONDAY - timedelta(days=10)] = WorkCounts(events=1)
    return days


def report(
    days: dict[date, WorkCounts], scores: list[tuple[date, float]] | None = None
) -> CriteriaReport:
    return criteria(days, TARGETS, [(TODAY, 85.0)] if scores is None else scores, today=TODAY)


def by_key(found: CriteriaReport) -> dict[str, Criterion]:
    return {criterion.key: criterion for criterion in found.criteria}


def test_a_good_month_meets_all_seven() -> None:
    found = report(good_month())
    assert len(found.criteria) == 7
    assert {c.key: c.state for c in found.criteria} == dict.fromkeys(by_key(found), MET)
    assert found.met == 7
    assert found.weeks[-1] == MONDAY and len(found.weeks) == 8
    funnel = by_key(found)["funnel"]
    assert funnel.figure == "24 deals from 180 clients contacted (one in 8)"


def test_nothing_logged_is_no_data_not_a_pass() -> None:
    found = report({}, scores=[])
    assert {c.state for c in found.criteria} == {NO_DATA}
    assert found.met == 0


def test_the_funnel_wants_about_one_deal_in_ten() -> None:
    week = {MONDAY: WorkCounts(calls=30, deals=2), MONDAY + timedelta(days=1): WorkCounts(calls=20)}
    assert by_key(report(week))["funnel"].state is SHORT  # 2 in 50
    week[MONDAY] = WorkCounts(calls=30, deals=5)
    assert by_key(report(week))["funnel"].state is MET  # 5 in 50


@pytest.mark.parametrize(
    ("days", "words"),
    [
        ({MONDAY: WorkCounts(calls=1, deals=1)}, "too few to judge"),
        ({MONDAY: WorkCounts(calls=3, deals=9)}, "check the log"),
        ({MONDAY: WorkCounts(deals=12)}, "check the log"),
    ],
)
def test_the_funnel_cannot_be_won_with_a_lucky_call_or_invented_deals(
    days: dict[date, WorkCounts], words: str
) -> None:
    funnel = by_key(report(days))["funnel"]
    assert funnel.state is not MET
    assert words in funnel.figure


def test_meetings_a_day_against_the_target() -> None:
    days = {MONDAY + timedelta(days=n): WorkCounts(calls=10) for n in range(4)}
    days[MONDAY] = WorkCounts(calls=10, meetings=2)
    meetings = by_key(report(days))["meetings"]
    assert meetings.state is SHORT  # 2 meetings in 4 days worked: 0.5 a day
    assert meetings.series[-1] == 0.5
    higher = criteria(days, WorkTargets(0.5, 40, 2), [], today=TODAY)
    assert by_key(higher)["meetings"].state is MET


def test_calls_alone_do_not_alternate_with_meetings() -> None:
    days = {MONDAY - timedelta(weeks=w): WorkCounts(calls=40) for w in range(4)}
    alternation = by_key(report(days))["alternation"]
    assert alternation.state is SHORT
    assert alternation.figure.startswith("calls and meetings in 0 of 4 weeks worked")


def test_a_delayed_order_spoils_an_over_fulfilled_plan() -> None:
    days = good_month()
    plan = by_key(report(days))["plan"]
    assert plan.state is MET and "over-fulfilled" in plan.figure
    days[TODAY] = WorkCounts(orders_delayed=1)
    plan = by_key(report(days))["plan"]
    assert plan.state is SHORT and "1 of 5 orders delayed" in plan.figure


def test_referrals_are_asked_every_week_worked() -> None:
    days = good_month()
    days[MONDAY] = WorkCounts(calls=25)  # no referral asked this week
    assert by_key(report(days))["referrals"].state is SHORT


def test_events_are_judged_over_the_last_month() -> None:
    days = good_month()
    days[MONDAY - timedelta(days=10)] = WorkCounts(calls=25, referrals=1)
    days[MONDAY - timedelta(days=40)] = WorkCounts(events=3)
    events = by_key(report(days))["events"]
    assert events.state is SHORT and events.figure == "0 in the last 30 days"


def test_reaching_the_decision_maker_comes_from_the_calls_scores() -> None:
    days = good_month()
    weak = [(TODAY - timedelta(days=n), 40.0) for n in range(3)]
    assert by_key(report(days, weak))["decision_maker"].state is SHORT
    old_strong = [(TODAY - timedelta(weeks=20), 100.0)]  # outside the weeks shown
    assert by_key(report(days, old_strong))["decision_maker"].state is NO_DATA


def test_days_in_the_future_or_before_the_weeks_shown_are_left_out() -> None:
    days = {
        TODAY + timedelta(days=1): WorkCounts(calls=400, deals=100),
        MONDAY - timedelta(weeks=12): WorkCounts(calls=400, deals=100),
    }
    assert {c.state for c in report(days, []).criteria} == {NO_DATA}


def test_sparkline_scales_to_the_largest_and_leaves_gaps() -> None:
    assert sparkline([0.0, 5.0, None, 10.0]) == "▁▅ █"
    assert sparkline([None, 0.0]) == " ▁"
    assert sparkline([]) == ""


def test_count_problems_catch_slips() -> None:
    assert count_problems({"calls": 12, "meetings": 2}) == []
    assert count_problems({"calls": -1}) == ["calls cannot be negative (-1)"]
    assert "more than 500" in count_problems({"deals": 501})[0]


def test_counts_add_up() -> None:
    total = WorkCounts(calls=2, deals=1) + WorkCounts(calls=3, referrals=1)
    assert total == WorkCounts(calls=5, deals=1, referrals=1)
    assert WorkCounts().empty and not total.empty


def test_one_week_one_call_and_one_deal_are_said_in_the_singular() -> None:
    days = {MONDAY: WorkCounts(calls=1, deals=1, orders_on_time=1)}
    found = by_key(report(days))
    assert "calls and meetings in 0 of 1 week worked; 1 call in the last week" in (
        found["alternation"].figure
    )
    assert found["referrals"].figure == "asked in 0 of the last 1 week worked"
    assert found["plan"].figure.startswith("1 deal in the last 30 days")
    assert "1 weeks" not in " ".join(criterion.figure for criterion in found.values())
