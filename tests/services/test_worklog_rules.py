"""What a day of the work log may hold: the day judged as a whole (a day's entries add up),
results only from clients spoken to, no more than fits in a working day, and the same entry
never saved twice; each refusal says what to fix and writes nothing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from trainer.services import worklog
from trainer.store import worklog as stored
from trainer.store.database import Store
from trainer.store.models import Trainee

TODAY = date(2026, 11, 29)
DAY = TODAY - timedelta(days=1)


def log(
    store: Store, trainee: Trainee, counts: dict[str, int], note: str = "", day: date = DAY
) -> worklog.WorkEntry:
    return worklog.log_work(store, trainee.id, day, counts, note, today=TODAY)


def refused(store: Store, trainee: Trainee, counts: dict[str, int], note: str = "") -> str:
    """The refusal's words; the log must be as it was."""
    before = worklog.work_entries(store, trainee.id)
    with pytest.raises(worklog.WorkLogError) as problem:
        log(store, trainee, counts, note)
    assert worklog.work_entries(store, trainee.id) == before
    return str(problem.value)


def test_results_need_clients_spoken_to_that_day(store: Store, ann: Trainee) -> None:
    said = refused(store, ann, {"applications": 50})
    assert said.startswith("50 applications from 0 calls and 0 meetings:")
    assert "log those calls and meetings too, or check the number" in said
    assert refused(store, ann, {"calls": 2, "referrals": 3}).startswith(
        "3 referrals asked from 2 calls and 0 meetings:"
    )
    log(store, ann, {"calls": 20, "meetings": 2, "applications": 5, "referrals": 3})
    # an exhibition counts as up to 20 clients met
    fair = DAY - timedelta(days=1)
    log(store, ann, {"events": 1, "applications": 20}, day=fair)
    with pytest.raises(worklog.WorkLogError, match="21 applications from 0 calls, 0 meetings"):
        log(store, ann, {"applications": 1}, day=fair)


def test_the_day_is_judged_as_its_entries_add_up(store: Store, ann: Trainee) -> None:
    """Splitting a day into several entries never gets past a rule."""
    log(store, ann, {"calls": 60}, "morning")
    log(store, ann, {"calls": 60}, "afternoon")
    said = refused(store, ann, {"calls": 60}, "evening")
    assert said == (
        "180 calls in one day (the day's entries added up) is more than a day holds "
        "(150 at most): check the number"
    )
    assert refused(store, ann, {"calls": 1000}, "typo") == (
        "1120 calls in one day (the day's entries added up) is more than a day holds "
        "(150 at most): check the number"
    )  # one slip, said once: not also as hours that do not fit
    log(store, ann, {"calls": 30})  # 150: a long day, but a day
    # applications logged apart from the calls they came from are judged with them
    log(store, ann, {"applications": 12})
    assert worklog.totals(worklog.work_entries(store, ann.id)).calls == 150


def test_what_does_not_fit_in_a_working_day_is_refused(store: Store, ann: Trainee) -> None:
    said = refused(store, ann, {"calls": 140, "meetings": 10})
    assert said.startswith("140 calls and 10 meetings take at least 14 h 30 min")
    assert "3 minutes a call, 45 a meeting and 3 hours an event" in said
    log(store, ann, {"calls": 120})
    assert "(the day's entries added up) take at least 15 hours" in refused(
        store, ann, {"meetings": 12}
    )
    assert refused(store, ann, {"events": 4}).startswith("4 events attended in one day")
    log(store, ann, {"meetings": 6})  # 6 h + 4 h 30 min


def test_the_same_entry_saved_twice_is_refused(store: Store, ann: Trainee) -> None:
    first = log(store, ann, {"calls": 12, "meetings": 2}, "Clinics in the north")
    said = refused(store, ann, {"calls": 12, "meetings": 2}, "  Clinics in the north ")
    assert said.startswith(f"that entry is in the log for {DAY.isoformat()} already (logged ")
    assert "If it is more work of the same day, say so in the note" in said
    # more of the same day with its own note, or the same work on another day, is new
    log(store, ann, {"calls": 12, "meetings": 2}, "Afternoon: clinics in the south")
    log(store, ann, {"calls": 12, "meetings": 2}, "Clinics in the north", day=TODAY)
    assert first in worklog.work_entries(store, ann.id)
    assert len(worklog.work_entries(store, ann.id)) == 3


def test_negative_numbers_say_so_before_any_other_rule(store: Store, ann: Trainee) -> None:
    said = refused(store, ann, {"calls": -5, "applications": 3})
    assert said == "calls cannot be negative (-5): give 0 or more"


def test_a_note_is_never_refused_for_a_day_logged_before_these_rules(
    store: Store, ann: Trainee
) -> None:
    """A day the store took earlier (the rules are newer) may still get a line of note, but
    adding to what made it implausible is refused."""
    stored.log_work(store, ann.id, DAY, {"applications": 40})
    log(store, ann, {}, "The 40 came from the mailing of the week before")
    log(store, ann, {"deals": 1})
    assert "41 applications from 0 calls" in refused(store, ann, {"applications": 1})


def test_meetings_need_calls_that_arranged_them(store: Store, ann: Trainee) -> None:
    """12 meetings from no call at all is refused; a real week, its meetings arranged by the
    calls of the days before, is taken."""
    said = refused(store, ann, {"meetings": 12})
    assert said.startswith(f"12 meetings in the 31 days up to {DAY.isoformat()} from 0 calls")
    assert "log the calls that arranged them, or check the number" in said
    monday = DAY - timedelta(days=DAY.weekday())
    for offset, counts in enumerate(
        [
            {"calls": 30},
            {"calls": 25, "meetings": 1},
            {"meetings": 5},  # a day out seeing clients
            {"calls": 20, "meetings": 2},
            {"meetings": 4},
        ]
    ):
        log(store, ann, counts, day=monday - timedelta(weeks=1) + timedelta(days=offset))
    assert worklog.totals(worklog.work_entries(store, ann.id)).meetings == 12
    log(store, ann, {"meetings": 12})  # arranged by last week's calls
    # a day of meetings two months back, from one call, made up
    with pytest.raises(worklog.WorkLogError, match="from 1 call and 0 events"):
        log(store, ann, {"calls": 1, "meetings": 12}, day=DAY - timedelta(days=60))
    assert worklog.totals(worklog.work_entries(store, ann.id)).meetings == 24
