"""Work under guidance: the trainee logs their work, the mentor sets targets, reads the seven
criteria week by week and signs readiness off; and the call log that lists it all.

Used by the app and the command line alike; no Textual. The figures come from
`trainer.engine.criteria` over the records, the call counters from `stages.progress`, so every
screen and export shows the same numbers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from trainer.content.content_set import ContentSet
from trainer.content.programme import DEFAULT_TARGETS, Programme, WorkTargets
from trainer.engine.criteria import (
    WEEKS_SHOWN,
    WORK_KINDS,
    WORK_LABELS,
    CriteriaReport,
    Criterion,
    CriterionState,
    WorkCounts,
    criteria,
    sparkline,
)
from trainer.engine.programme import CallLog
from trainer.engine.workday import ARRANGING_DAYS, day_problems, meeting_problems
from trainer.errors import TrainerError
from trainer.services.accounts import MentorCard
from trainer.services.stages import Item, ItemKind, lock_reason, progress
from trainer.store import worklog as records
from trainer.store.database import Store
from trainer.store.history import CallLine, call_lines
from trainer.store.models import AttemptStatus
from trainer.store.trainees import get_trainee
from trainer.store.worklog import SignOff, TargetsSet, TraineeCriteria, WorkEntry
from trainer.text import clean

__all__ = [
    "WORK_KINDS",
    "WORK_LABELS",
    "CallLine",
    "CriteriaReport",
    "Criterion",
    "CriterionState",
    "SignOff",
    "TargetsSet",
    "WorkCounts",
    "WorkEntry",
    "sparkline",
]

OLDEST_DAY = timedelta(days=366)  # work older than a year is not logged after the fact
RECENT_ENTRIES = 8  # entries the mentor's dashboard lists
LATE_AFTER = timedelta(days=2)  # an entry logged later than this after its day is marked


def logged_late(entry: WorkEntry) -> int:
    """How many days after its day the entry was logged, when later than a day or two; else 0."""
    late = entry.created_at.astimezone().date() - entry.day
    return late.days if late > LATE_AFTER else 0


class WorkLogError(TrainerError):
    """A work-log entry, target or sign-off that cannot be taken, in words for the user.

    `field` names what to change first when one thing is: "day", a kind of work, or "note".
    """

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def check_day(day: date, today: date) -> None:
    """Refuse a day in the future or more than a year back."""
    if day > today:
        raise WorkLogError(f"{day.isoformat()} is in the future: log work once it is done", "day")
    if day < today - OLDEST_DAY:
        raise WorkLogError(f"{day.isoformat()} is more than a year ago", "day")


def log_work(
    store: Store,
    trainee_id: int,
    day: date,
    counts: Mapping[str, int],
    note: str = "",
    *,
    today: date | None = None,
) -> WorkEntry:
    """Add a day's work to the trainee's log (several entries of a day add up).

    A WorkLogError says what to fix when the day would not be plausible (see
    `engine.workday`) or the entry is one already logged for it, saved twice by a slip.
    """
    check_day(day, today or date.today())
    adding = WorkCounts(**{kind: int(counts.get(kind, 0)) for kind in WORK_KINDS})
    logged = records.work_entries(store, trainee_id, since=day, until=day)
    problems = day_problems(totals(logged), adding) or meeting_problems(
        records.work_days(store, trainee_id, since=day - timedelta(days=ARRANGING_DAYS)),
        day,
        adding,
    )
    if problems:
        raise WorkLogError("; ".join(map(str, problems)), problems[0].kind)
    same = next(
        (e for e in logged if e.counts == adding and e.note == clean(note, multiline=True)), None
    )
    if same is not None:
        when = same.created_at.astimezone().strftime("%d %b %H:%M")
        raise WorkLogError(
            f"that entry is in the log for {day.isoformat()} already (logged {when}): a day's "
            "entries add up, so saving it again would count it twice. If it is more work of "
            "the same day, say so in the note",
            "note",
        )
    return records.log_work(store, trainee_id, day, counts, note)


def why_locked(store: Store, trainee_id: int, content: ContentSet) -> str | None:
    """Why the trainee cannot log work yet (the programme's gate, as home applies it); None
    when they can."""
    status = progress(store, trainee_id, content.programme).status
    return lock_reason(content, status, Item(ItemKind.WORK_LOG))


def work_entries(
    store: Store, trainee_id: int, *, since: date | None = None, until: date | None = None
) -> list[WorkEntry]:
    """The trainee's work log, newest day first."""
    return records.work_entries(store, trainee_id, since=since, until=until)


def totals(entries: Sequence[WorkEntry]) -> WorkCounts:
    """The entries' counts added up."""
    total = WorkCounts()
    for entry in entries:
        total = total + entry.counts
    return total


def trainee_targets(store: Store, trainee_id: int, programme: Programme | None) -> WorkTargets:
    """The targets the trainee works to: their mentor's, else the programme's."""
    chosen = records.targets_of(store, trainee_id)
    if chosen is not None:
        return chosen.targets
    work = programme.work if programme is not None else None
    return work.targets if work is not None and work.targets is not None else DEFAULT_TARGETS


def set_targets(
    store: Store, trainee_id: int, mentor: MentorCard, targets: WorkTargets
) -> TargetsSet:
    """The trainee's targets from now on, signed by the mentor."""
    return records.set_targets(store, trainee_id, mentor.name, targets)


def criteria_report(
    store: Store,
    trainee_id: int,
    programme: Programme | None,
    *,
    today: date | None = None,
    weeks: int = WEEKS_SHOWN,
) -> CriteriaReport:
    """The seven criteria for the trainee over the last `weeks` weeks."""
    day = today or date.today()
    since = day - timedelta(weeks=weeks + 1)
    return criteria(
        records.work_days(store, trainee_id, since=since),
        trainee_targets(store, trainee_id, programme),
        records.decision_maker_scores(store, trainee_id, since=since),
        today=day,
        weeks=weeks,
    )


@dataclass(frozen=True, slots=True)
class Dashboard:
    """What the mentor's criteria screen shows for one trainee."""

    trainee_id: int
    name: str
    report: CriteriaReport
    targets: WorkTargets
    targets_set: TargetsSet | None  # None: the programme's targets apply
    sign_off: SignOff | None
    cleared: bool  # passed the final exam, so working with real clients
    has_work_stage: bool
    recent: tuple[WorkEntry, ...] = ()  # the latest entries, newest day first


def dashboard(
    store: Store, trainee_id: int, programme: Programme | None, *, today: date | None = None
) -> Dashboard:
    """The seven criteria, the targets and the sign-off of one trainee."""
    trainee = get_trainee(store, trainee_id)
    status = progress(store, trainee_id, programme).status
    return Dashboard(
        trainee_id=trainee_id,
        name=trainee.name,
        report=criteria_report(store, trainee_id, programme, today=today),
        targets=trainee_targets(store, trainee_id, programme),
        targets_set=records.targets_of(store, trainee_id),
        sign_off=records.sign_off_of(store, trainee_id),
        cleared=status is not None and status.cleared,
        has_work_stage=programme is not None and programme.work is not None,
        recent=tuple(records.work_entries(store, trainee_id)[:RECENT_ENTRIES]),
    )


def sign_off(
    store: Store, trainee_id: int, mentor: MentorCard, note: str, programme: Programme | None
) -> SignOff:
    """Sign the trainee's readiness to work on their own off, closing the programme.

    Only for a trainee who passed the final exam: readiness is judged on real work.
    """
    status = progress(store, trainee_id, programme).status
    if status is not None and not status.cleared:
        raise WorkLogError("readiness is signed off after the final exam is passed")
    return records.sign_off(store, trainee_id, mentor.name, note)


def sign_off_of(store: Store, trainee_id: int) -> SignOff | None:
    """The trainee's readiness sign-off; None before it."""
    return records.sign_off_of(store, trainee_id)


def export_criteria(
    store: Store,
    trainee_id: int | None,
    programme: Programme | None,
    *,
    today: date | None = None,
) -> list[TraineeCriteria]:
    """Each trainee's criteria for the HTML export: the one given, else everyone at work."""
    if trainee_id is not None:
        wanted = [(trainee_id, get_trainee(store, trainee_id).name)]
    else:
        wanted = records.trainees_at_work(store)
    return [
        TraineeCriteria(
            name,
            criteria_report(store, found, programme, today=today),
            trainee_targets(store, found, programme),
            records.sign_off_of(store, found),
        )
        for found, name in wanted
    ]


# -- the call log -----------------------------------------------------------------------------


class LogKind(StrEnum):
    ALL = "all"
    PRACTICE = "practice"
    EXAM = "exam"
    WORK = "work"


class Period(StrEnum):
    ALL = "all"
    TODAY = "today"
    WEEK = "7 days"
    MONTH = "30 days"

    def since(self, today: date) -> date | None:
        days = {Period.TODAY: 0, Period.WEEK: 6, Period.MONTH: 29}.get(self)
        return None if days is None else today - timedelta(days=days)


ANY_OUTCOME = "any"
# what a filter on a result finds in a work entry: the count of that kind
_WORK_OUTCOMES = {"deal": "deals", "meeting": "meetings", "application": "applications"}


@dataclass(frozen=True, slots=True)
class LogLine:
    """One line of the call log: a call (practice or exam) or a work-log entry."""

    when: datetime | date
    day: date
    call: CallLine | None = None
    entry: WorkEntry | None = None

    @property
    def kind(self) -> LogKind:
        if self.entry is not None:
            return LogKind.WORK
        assert self.call is not None
        return LogKind.EXAM if self.call.exam else LogKind.PRACTICE


@dataclass(frozen=True, slots=True)
class CallLogView:
    """The call log as filtered, with the counters that every screen and export shares."""

    lines: tuple[LogLine, ...]
    counters: CallLog  # every call made, as home and the mentor count them
    shown_calls: int  # calls among the lines shown
    work_totals: WorkCounts  # the work-log entries among the lines shown, added up


def _matches_outcome(line: LogLine, outcome: str) -> bool:
    if outcome == ANY_OUTCOME:
        return True
    if line.call is not None:
        if outcome == "deal":
            return line.call.deal_counted
        return line.call.outcome == outcome
    assert line.entry is not None
    kind = _WORK_OUTCOMES.get(outcome)
    return kind is not None and getattr(line.entry.counts, kind) > 0


def call_log(
    store: Store,
    trainee_id: int,
    programme: Programme | None,
    *,
    kind: LogKind = LogKind.ALL,
    outcome: str = ANY_OUTCOME,
    period: Period = Period.ALL,
    today: date | None = None,
) -> CallLogView:
    """Every call and work-log entry of the trainee, newest first, filtered by kind, result
    and period; the counters are those of the whole record."""
    day = today or date.today()
    since = period.since(day)
    lines: list[LogLine] = []
    if kind in (LogKind.ALL, LogKind.PRACTICE, LogKind.EXAM):
        for call in call_lines(store, trainee_id):
            local = call.started_at.astimezone()
            lines.append(LogLine(local, local.date(), call=call))
    if kind in (LogKind.ALL, LogKind.WORK):
        for entry in records.work_entries(store, trainee_id):
            lines.append(LogLine(entry.day, entry.day, entry=entry))
    shown = tuple(
        line
        for line in sorted(lines, key=_newest_first, reverse=True)
        if (kind is LogKind.ALL or line.kind is kind)
        and (since is None or line.day >= since)
        and _matches_outcome(line, outcome)
    )
    return CallLogView(
        lines=shown,
        counters=progress(store, trainee_id, programme).call_log,
        shown_calls=sum(
            1
            for line in shown
            if line.call is not None and line.call.status is not AttemptStatus.IN_PROGRESS
        ),
        work_totals=totals([line.entry for line in shown if line.entry is not None]),
    )


def _newest_first(line: LogLine) -> tuple[date, bool, str, int]:
    """Sorted with reverse=True: newest day first, a day's calls (newest first) above its work
    entries, which sum the day up."""
    moment = line.when.isoformat() if line.call is not None else ""
    entry_id = line.entry.id if line.entry is not None else 0
    return (line.day, line.call is not None, moment, entry_id)
