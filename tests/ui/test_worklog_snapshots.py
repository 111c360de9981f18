"""How the mentor's work-under-guidance screen looks. Review a change with `--snapshot-update`."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.ui.mentor_team import (
    build,
    cheap_hashing,
    open_trainee,
    seed_team,
    settle,
    sign_in_as_mentor,
    with_programme,
)
from tests.ui.test_mentor_snapshots import trainees_listed
from trainer.content.content_set import ContentSet
from trainer.services import worklog
from trainer.store.database import Store
from trainer.store.worklog import log_work

Snap = Callable[..., bool]
TODAY = date(2026, 3, 6)  # a Friday


class FrozenDate(date):
    """`date` whose today is TODAY, so the weeks shown never move."""

    @classmethod
    def today(cls) -> FrozenDate:
        return cls(TODAY.year, TODAY.month, TODAY.day)


@pytest.fixture(autouse=True)
def frozen(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    cheap_hashing(monkeypatch)
    monkeypatch.setattr(worklog, "date", FrozenDate)
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_mentor_work_under_guidance(snap_compare: Snap, content: ContentSet, store: Store) -> None:
    """Ann Lee's work for the mentor at 110x48: the header "Work under guidance · Ann Lee"; the
    line "Targets: 1 meeting a day · 50 calls a week · 4 deals a month (the programme's; t sets
    this trainee's own)"; "Weeks from 12 Jan to 02 Mar, oldest on the left", then seven measures,
    each a bold title with a cyan sparkline of eight weeks (the first three blank, no work
    logged) and met/short/no data on its line, "Stands: ..." and "Good work is: ..." below: events "1 in the last 30 days" met; calls alternating with
    meetings "in 5 of 5 weeks worked; 40 calls in the last week worked, 50 planned" met, the
    calls rising week by week; referrals met; meetings a day "1.0 a day over the last 4 weeks with work logged" met; reaching the
    decision-maker "no scored call in these weeks", no data, its sparkline empty; the plan "19
    deals ... (over-fulfilled); 0 of 4 orders delayed", met; the funnel "20 deals from 160
    clients contacted (one in 8)", met. Below, a line on how to read the sparklines, that
    readiness is signed off once the final exam is passed, and "Logged lately": the last eight
    entries newest first ("Thu 05 Mar  2 meetings, 5 deals" ...), the fair's with its note in
    italics and none marked late; the footer has t Targets, s Sign off readiness, esc Back."""
    programme_content = with_programme(content)
    team = seed_team(store, programme_content, datetime(2026, 11, 1, tzinfo=UTC))
    monday = TODAY - timedelta(days=TODAY.weekday())
    for week in range(5):
        start = monday - timedelta(weeks=week)
        log_work(store, team.ann, start, {"calls": 30 - 4 * week, "referrals": 1})
        log_work(store, team.ann, start + timedelta(days=1), {"meetings": 2, "deals": 1})
        log_work(store, team.ann, start + timedelta(days=2), {"calls": 10, "orders_on_time": 1})
        log_work(store, team.ann, start + timedelta(days=3), {"meetings": 2, "deals": 5 - week})
    fair = monday - timedelta(weeks=1, days=-1)  # a meeting day: no extra day worked
    log_work(store, team.ann, fair, {"events": 1}, "Industry fair, stand 12")
    # Each logged on its evening, as a trainee does, so none shows as reported late.
    store.conn.execute("UPDATE work_entries SET created_at = day || 'T18:00:00.000000+00:00'")

    async def run_before(pilot: Pilot[Any]) -> None:
        await sign_in_as_mentor(pilot)
        await trainees_listed(pilot)
        await open_trainee(pilot, "Ann Lee")
        await pilot.press("w")
        await settle(pilot)

    app = build(programme_content, store)
    assert snap_compare(app, terminal_size=(110, 48), run_before=run_before)
