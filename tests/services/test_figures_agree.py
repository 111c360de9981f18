"""Every figure shown for a trainee is the same wherever it is shown: the trainees table, the
trainee's home, the call log (its counters and its lines), the mentor's progress tab, the
`trainee_progress` view and the HTML export."""

from __future__ import annotations

import io
import re
import sqlite3

from tests.services.seeded import seed_team
from trainer.content.content_set import ContentSet
from trainer.services import mentor as review, worklog
from trainer.services.stages import trainee_status
from trainer.store.analytics import funnel
from trainer.store.database import Store
from trainer.store.export_html import write_html
from trainer.store.mentors import Mentor
from trainer.store.transcripts import iter_transcripts


def test_calls_results_and_the_exam_agree_on_every_screen_view_and_export(
    store: Store, bundled: ContentSet, mentor: Mentor
) -> None:
    team = seed_team(store, bundled, mentor)
    assert bundled.programme is not None
    table = {row.trainee.id: row for row in mentor_rows(store, bundled)}
    view_rows = sqlite3.connect(store.path)
    view_rows.row_factory = sqlite3.Row
    seen_results = 0
    for trainee in (team.anna, team.ben, team.cleo):
        row = table[trainee.id]
        home = trainee_status(store, trainee.id, bundled.programme)
        tab = review.trainee_record(store, bundled, trainee.id)
        (view,) = view_rows.execute(
            "SELECT * FROM trainee_progress WHERE trainee_id = ?", (trainee.id,)
        ).fetchall()
        log = worklog.call_log(store, trainee.id, bundled.programme)
        calls = [line.call for line in log.lines if line.call is not None and line.call.counted]
        figures = {
            "table": (row.calls_made, row.meetings, row.applications, row.deals, row.hang_ups),
            "home": (
                home.call_log.calls_made,
                home.call_log.meetings,
                home.call_log.applications,
                home.call_log.deals,
                home.call_log.hang_ups,
            ),
            "progress tab": (
                tab.funnel.calls,
                tab.funnel.meetings,
                tab.funnel.applications,
                tab.funnel.deals,
                tab.funnel.hang_ups,
            ),
            "view": (
                view["calls"],
                view["meetings"],
                view["applications"],
                view["deals"],
                view["hang_ups"],
            ),
            "html export": html_funnel(store, trainee.id),
            "call log": (
                log.counters.calls_made,
                log.counters.meetings,
                log.counters.applications,
                log.counters.deals,
                log.counters.hang_ups,
            ),
            "call log lines": (
                len(calls),
                sum(call.outcome == "meeting" for call in calls),
                sum(call.outcome == "application" for call in calls),
                sum(call.deal_counted for call in calls),
                sum(call.outcome == "hung-up" for call in calls),
            ),
        }
        assert len(set(figures.values())) == 1, (trainee.name, figures)
        exam_calls = sum(call.exam for call in calls)
        assert (
            view["exam_calls"] == log.counters.exam_calls == exam_calls == home.call_log.exam_calls
        )
        seen_results += sum(figures["table"][1:])
        exam = {
            "table": (row.exam_passed, row.exam_attempts_used, row.exam_attempts_allowed),
            "home": (home.exam.passed, home.exam.attempts_used, home.exam.attempts_allowed),
            "progress tab": (tab.exam.passed, tab.exam.used, tab.exam.allowed),
        }
        assert len(set(exam.values())) == 1, (trainee.name, exam)
        assert bool(view["exam_passed"]) is row.exam_passed
        best_quiz = row.history.quizzes.get("product_quiz")
        if best_quiz is not None:
            assert view["best_quiz_score"] == max(
                record.best_percent or 0 for record in row.history.quizzes.values()
            )
    # The seeded team has results to count, and Anna's exam passed only by the override.
    assert seen_results > 0
    assert table[team.anna.id].exam_passed and table[team.anna.id].exam_attempts_used == 2
    assert table[team.cleo.id].calls_made == 0
    # Anna's exam calls are among her calls, marked.
    assert home_exams(store, bundled, team.anna.id) == 2


def home_exams(store: Store, content: ContentSet, trainee_id: int) -> int:
    assert content.programme is not None
    return trainee_status(store, trainee_id, content.programme).call_log.exam_calls


def mentor_rows(store: Store, content: ContentSet) -> list[review.TraineeRow]:
    return review.team_overview(store, content.programme)


def html_funnel(store: Store, trainee_id: int) -> tuple[int, ...]:
    """The funnel as the HTML export prints it, read back from the page."""
    page = io.StringIO()
    write_html(
        iter_transcripts(store, trainee_id=trainee_id),
        page,
        title="record",
        funnel=funnel(store, trainee_id),
    )
    text = page.getvalue()
    found = []
    for label in ("Calls", "Meetings", "Applications", "Deals", "Hang-ups"):
        match = re.search(rf'<th>{label}</th><td class="number">(\d+)</td>', text)
        assert match, f"{label} is not in the HTML export"
        found.append(int(match.group(1)))
    return tuple(found)
