"""Work under guidance through the services: logging, targets, the criteria, the sign-off that
closes the programme, the call log's filters and the HTML export."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest

from tests.services.seeded import Team, seed_team
from tests.test_plain_words import SOURCE_WORDS
from trainer.content.content_set import ContentSet
from trainer.content.programme import StageKey, WorkTargets
from trainer.engine.programme import StageState
from trainer.services import worklog
from trainer.services.accounts import MentorCard
from trainer.services.stages import progress
from trainer.store.database import Store
from trainer.store.export_html import write_html
from trainer.store.mentors import Mentor
from trainer.store.models import Trainee

TODAY = date(2026, 11, 27)


@pytest.fixture
def team(store: Store, bundled: ContentSet, mentor: Mentor) -> Team:
    return seed_team(store, bundled, mentor)


def card(mentor: Mentor) -> MentorCard:
    return MentorCard(mentor.id, mentor.name)


def test_a_day_in_the_future_or_over_a_year_ago_is_refused(store: Store, ann: Trainee) -> None:
    with pytest.raises(worklog.WorkLogError, match="in the future"):
        worklog.log_work(store, ann.id, TODAY + timedelta(days=1), {"calls": 1}, today=TODAY)
    with pytest.raises(worklog.WorkLogError, match="more than a year ago"):
        worklog.log_work(store, ann.id, date(2025, 11, 1), {"calls": 1}, today=TODAY)
    entry = worklog.log_work(store, ann.id, TODAY, {"calls": 4}, today=TODAY)
    assert worklog.work_entries(store, ann.id) == [entry]


def test_targets_are_the_programmes_until_a_mentor_sets_them(
    store: Store, ann: Trainee, bundled: ContentSet, mentor: Mentor
) -> None:
    programme = bundled.programme
    assert programme is not None and programme.work is not None
    assert worklog.trainee_targets(store, ann.id, programme) == programme.work.targets
    worklog.set_targets(store, ann.id, card(mentor), WorkTargets(2.0, 70, 6))
    board = worklog.dashboard(store, ann.id, programme, today=TODAY)
    assert board.targets == WorkTargets(2.0, 70, 6)
    assert board.targets_set is not None and board.targets_set.set_by == mentor.name
    assert [c.target for c in board.report.criteria if c.key == "meetings"] == [
        "2 a day (one or two is good work with business clients)"
    ]


def test_readiness_is_signed_off_only_after_the_exam_and_closes_the_programme(
    store: Store, bundled: ContentSet, mentor: Mentor, team: Team
) -> None:
    programme = bundled.programme
    assert programme is not None
    with pytest.raises(worklog.WorkLogError, match="after the final exam is passed"):
        worklog.sign_off(store, team.ben.id, card(mentor), "Keen.", programme)
    assert worklog.sign_off_of(store, team.ben.id) is None

    anna = progress(store, team.anna.id, programme).status
    assert anna is not None and anna.cleared and not anna.ready
    assert anna.stages[-1].key is StageKey.WORK and anna.stages[-1].state is not StageState.DONE
    signed = worklog.sign_off(store, team.anna.id, card(mentor), "Over plan twice.", programme)
    after = progress(store, team.anna.id, programme).status
    assert after is not None and after.ready
    assert after.stages[-1].state is StageState.DONE
    assert worklog.dashboard(store, team.anna.id, programme).sign_off == signed


def test_the_criteria_come_from_the_log(store: Store, ann: Trainee, bundled: ContentSet) -> None:
    monday = TODAY - timedelta(days=TODAY.weekday())
    worklog.log_work(store, ann.id, monday, {"calls": 30, "referrals": 1}, today=TODAY)
    worklog.log_work(store, ann.id, monday + timedelta(days=1), {"meetings": 2}, today=TODAY)
    worklog.log_work(store, ann.id, monday + timedelta(days=1), {"deals": 4}, today=TODAY)
    report = worklog.criteria_report(store, ann.id, bundled.programme, today=TODAY)
    by_key = {criterion.key: criterion for criterion in report.criteria}
    assert by_key["alternation"].series[-1] == 30.0
    assert by_key["meetings"].series[-1] == 1.0  # two meetings over two days worked
    assert by_key["funnel"].figure == "4 deals from 30 clients contacted (one in 8)"
    assert by_key["funnel"].state is worklog.CriterionState.MET
    assert by_key["events"].state is worklog.CriterionState.SHORT


def test_the_call_log_lists_calls_and_work_and_filters_them(
    store: Store, bundled: ContentSet, team: Team
) -> None:
    today = date.today()
    worklog.log_work(store, team.anna.id, today, {"calls": 9, "deals": 1}, "Stand at the fair")
    worklog.log_work(store, team.anna.id, today - timedelta(days=20), {"meetings": 2})
    programme = bundled.programme
    everything = worklog.call_log(store, team.anna.id, programme)
    kinds = [line.kind for line in everything.lines]
    assert {worklog.LogKind.PRACTICE, worklog.LogKind.EXAM, worklog.LogKind.WORK} == set(kinds)
    assert everything.shown_calls == everything.counters.calls_made
    assert everything.work_totals.calls == 9 and everything.work_totals.meetings == 2

    exams = worklog.call_log(store, team.anna.id, programme, kind=worklog.LogKind.EXAM)
    assert len(exams.lines) == 2 and all(line.call and line.call.exam for line in exams.lines)
    assert exams.counters == everything.counters  # the counters are the whole record's

    work = worklog.call_log(store, team.anna.id, programme, kind=worklog.LogKind.WORK)
    assert [line.day for line in work.lines] == [today, today - timedelta(days=20)]
    week = worklog.call_log(
        store, team.anna.id, programme, kind=worklog.LogKind.WORK, period=worklog.Period.WEEK
    )
    assert [line.day for line in week.lines] == [today]

    deals = worklog.call_log(store, team.anna.id, programme, outcome="deal")
    for line in deals.lines:
        assert (line.call is not None and line.call.deal_counted) or (
            line.entry is not None and line.entry.counts.deals > 0
        )
    counted = sum(1 for line in deals.lines if line.call is not None)
    assert counted == everything.counters.deals
    hung_up = worklog.call_log(store, team.anna.id, programme, outcome="hung-up")
    assert all(line.call is not None for line in hung_up.lines)
    assert len(hung_up.lines) == everything.counters.hang_ups


def test_the_html_export_shows_the_criteria_and_the_sign_off_as_text(
    store: Store, bundled: ContentSet, mentor: Mentor, team: Team
) -> None:
    programme = bundled.programme
    worklog.log_work(store, team.anna.id, date.today(), {"calls": 12, "events": 1})
    worklog.sign_off(store, team.anna.id, card(mentor), "Ready <script>x</script>", programme)
    found = worklog.export_criteria(store, None, programme)
    assert [each.name for each in found] == ["Anna Berg"]  # only trainees at work
    page = io.StringIO()
    write_html([], page, title="Team", criteria=found)
    html = page.getvalue()
    assert "Work under guidance: Anna Berg" in html
    for title in (
        "Attending events and exhibitions",
        "Calls alternating with meetings",
        "Asking for referrals",
        "Meetings a day",
        "Reaching the decision-maker",
        "Plan over-fulfilled, orders not delayed",
        "Keeping the funnel full",
    ):
        assert f"<th>{title}</th>" in html
    assert html.count('class="spark"') == 7
    assert "Ready &lt;script&gt;x&lt;/script&gt;" in html and "<script>" not in html
    assert not SOURCE_WORDS.search(html)  # plain words: no "criterion 5" for a mentor


def test_an_entry_logged_days_after_its_day_is_marked_late(store: Store, ann: Trainee) -> None:
    today = date.today()
    on_time = worklog.log_work(store, ann.id, today - timedelta(days=1), {"calls": 3})
    late = worklog.log_work(store, ann.id, today - timedelta(days=9), {"deals": 4})
    assert worklog.logged_late(on_time) == 0
    assert worklog.logged_late(late) == 9
