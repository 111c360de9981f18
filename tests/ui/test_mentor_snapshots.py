"""How the mentor's key screens look at 80x24. Review a changed one with `pytest --snapshot-update`."""

from __future__ import annotations

import itertools
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable

from tests.ui.mentor_team import (
    Team,
    build,
    cheap_hashing,
    open_attempt,
    open_trainee,
    seed_team,
    sign_in_as_mentor,
    with_programme,
)
from trainer.content.content_set import ContentSet
from trainer.store.database import Store
from trainer.store.reviews import add_note, override_attempt
from trainer.ui.screens.mentor_trainees import MentorTraineesScreen

SIZE = (80, 24)
Snap = Callable[..., bool]
REVIEWED_ON = datetime(2025, 6, 2, 9, 30, tzinfo=UTC)  # "now" for the transcript's seed


@pytest.fixture(autouse=True)
def fixed_local_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Local time is UTC and mentor hashing cheap, so the screens read the same everywhere."""
    cheap_hashing(monkeypatch)
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture(autouse=True)
def numbered_attempts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Attempt ids in the order the attempts were made (0…01, 0…02), so that a screen showing
    one reads the same at every run."""
    numbers = itertools.count(1)
    monkeypatch.setattr(uuid, "uuid4", lambda: uuid.UUID(int=next(numbers)))


async def trainees_listed(pilot: Pilot[Any]) -> None:
    """Wait until the trainees table holds the rows its worker read: the worker runs in a thread
    and its message lands after however many pauses the machine's load makes it take."""
    screen = pilot.app.screen
    assert isinstance(screen, MentorTraineesScreen)
    table = screen.query_one("#trainees-table", DataTable)
    deadline = time.monotonic() + 60  # a bound, so a table that never fills fails, not hangs
    while not (screen.loaded and table.row_count):
        assert time.monotonic() < deadline, "the trainees table never filled"
        await pilot.pause()


def test_mentor_trainees(snap_compare: Snap, content: ContentSet, store: Store) -> None:
    """The trainees table after the mentor signs in: a header "Trainees  mentor Maria Head", the
    name filter and an unticked "Flagged only (f)", then one row per trainee sorted by name (▲ on
    "Trainee"). At 80 columns only whole columns show: Trainee, Calls, Deals, Hang-ups, Exam and
    Last activity; Flags has no room, so Bob Stone and "Cy [bold]Dee[/bold]" (brackets shown as
    typed) carry a yellow ⚑, and Cy's exam reads "2/2 locked" in red, his two exam calls counted
    under Calls. Nothing is cut at the right edge. The status line reads "3 trainees · 2 flagged · by Trainee, A to Z", and the footer has
    / Filter, f Flagged, o Sort, a Analytics, s Sign out."""
    programme_content = with_programme(content)
    seed_team(store, programme_content, datetime.now(UTC))

    async def run_before(pilot: Pilot[Any]) -> None:
        await sign_in_as_mentor(pilot)
        await trainees_listed(pilot)

    assert snap_compare(build(programme_content, store), terminal_size=SIZE, run_before=run_before)


def test_mentor_transcript(snap_compare: Snap, content: ContentSet, store: Store) -> None:
    """Ann's call with a typed opening, for the mentor: the title "Transcript Ann Lee · A first
    call · practice · 31 May 15:30"; "Own result 83.3% not passed · no result" with, beside it,
    "Counts 90% passed ✎ overridden by Maria Head, 02 Jun 09:00"; the block of mentor records on
    the whole attempt (the override with its reason); then turn 1, Ivan's greeting with the
    meters, highlighted, and turn 2, Ann's typed words with `<script>` shown as text, "typed →
    hello/intro (100% sure)" and the reply it matched as Ann read it, the points (First impression +2),
    the replies on offer ("▸1★ Hello Ivan, this is Ann Lee from Northline." taken and best, "2
    Buy our phones now! · Tact -2"), the meters, the coach's note and Maria's note on that turn. Under the title, "Attempt" and the
    attempt's id (0…07), "y copy · u/x edit/delete your note". The footer: c Comment,
    o Overall, r Override, e Export, esc Back, all of it in sight."""
    programme_content = with_programme(content)
    team: Team = seed_team(store, programme_content, REVIEWED_ON)
    override_attempt(
        store, team.ann_typed, "Maria Head", reason="A meeting was agreed off-script", score=90.0,
        passed=True,
    )  # fmt: skip
    add_note(store, team.ann_typed, "Maria Head", "Good: name and company first.", turn_index=1)
    moment = datetime(2025, 6, 2, 9, 0, tzinfo=UTC).isoformat(timespec="microseconds")
    store.conn.execute("UPDATE notes SET created_at = ?", (moment,))
    store.conn.execute("UPDATE overrides SET created_at = ?", (moment,))

    async def run_before(pilot: Pilot[Any]) -> None:
        await sign_in_as_mentor(pilot)
        await open_trainee(pilot, "Ann Lee")
        await open_attempt(pilot, team.ann_typed)
        await pilot.pause()

    assert snap_compare(build(programme_content, store), terminal_size=SIZE, run_before=run_before)
