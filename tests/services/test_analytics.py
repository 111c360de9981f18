"""The team's analytics as a mentor reads them: question text and the answers given, a caution
under thirty answers, the client's line where calls stall, and filters by date and cohort."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.services.seeded import play, take_quiz
from trainer.content.content_set import ContentSet, LazyScenarios
from trainer.content.scenario.model import Scenario
from trainer.errors import StoreError, TrainerError
from trainer.services import analytics
from trainer.store.cohorts import cohort_names, cohort_of, set_cohort
from trainer.store.database import Store
from trainer.store.trainees import add_trainee


def move_attempts(db_path: Path, trainee_id: int, days: int) -> None:
    """Date a trainee's attempts `days` back, as if they had played then."""
    moment = (datetime.now(UTC) - timedelta(days=days)).isoformat(timespec="microseconds")
    with sqlite3.connect(db_path) as conn:
        conn.execute(
            "UPDATE attempts SET started_at = ? WHERE trainee_id = ?", (moment, trainee_id)
        )


@pytest.fixture
def team(store: Store, bundled: ContentSet, db_path: Path) -> tuple[int, int]:
    """Anna (Spring) played a month ago, Ben (Autumn) this week; both took the product quiz."""
    anna, ben = add_trainee(store, "Anna Berg"), add_trainee(store, "Ben Okoro")
    for trainee, every in ((anna, 1), (ben, 2)):
        play(store, trainee, bundled, "book_meeting", pick=1)
        take_quiz(store, trainee, bundled, "product_quiz", every)
    set_cohort(store, anna.id, "Spring 2026", mentor="Olga")
    set_cohort(store, ben.id, "Autumn 2026", mentor="Olga")
    move_attempts(db_path, anna.id, 30)
    return anna.id, ben.id


def test_quiz_items_show_their_question_and_the_answers_given(
    store: Store, bundled: ContentSet, team: tuple[int, int]
) -> None:
    found = analytics.team_analytics(store, bundled)
    [quiz] = [q for q in found.quizzes if q.quiz_id == "product_quiz"]
    questions = {
        item.id: " ".join(item.question.split()) for item in bundled.quizzes["product_quiz"].items
    }
    assert quiz.items and all(
        view.question == questions[view.statistics.item_id] for view in quiz.items
    )
    for view in quiz.items:
        stats = view.statistics
        # every answer given is counted once, and the right ones are marked right
        assert sum(answer.count for answer in stats.answers) == stats.attempts
        assert sum(a.count for a in stats.answers if a.correct) == stats.correct
        assert view.few  # two trainees: far under thirty answers
    wrongly = [view for view in quiz.items if view.statistics.correct < view.statistics.attempts]
    assert wrongly and all(any(not a.correct for a in v.statistics.answers) for v in wrongly)


def test_drop_off_names_what_the_client_said(
    store: Store, bundled: ContentSet, team: tuple[int, int]
) -> None:
    found = analytics.team_analytics(store, bundled)
    [view] = [v for v in found.scenarios if v.figures.content_id == "book_meeting"]
    assert view.title == bundled.scenario("book_meeting").title
    assert view.drop_off, "the seeded calls hang up short of the goal"
    for drop in view.drop_off:
        assert drop.line and "{" not in drop.line  # placeholders filled, never a raw template
        node = bundled.scenario("book_meeting").nodes[drop.node]
        assert drop.line.split()[0] in " ".join(node.lines) or node.raises is not None


def test_a_cohort_and_a_date_range_narrow_every_figure(
    store: Store, bundled: ContentSet, team: tuple[int, int]
) -> None:
    everyone = analytics.team_analytics(store, bundled)
    assert everyone.funnel.calls == 2 and everyone.cohorts == ("Autumn 2026", "Spring 2026")
    spring = analytics.team_analytics(store, bundled, analytics.scope_from(cohort="spring 2026"))
    assert spring.funnel.calls == 1
    assert [
        v.figures.attempts for v in spring.scenarios if v.figures.content_id == "book_meeting"
    ] == [1]
    week_ago = (datetime.now() - timedelta(days=7)).date().isoformat()
    recent = analytics.team_analytics(store, bundled, analytics.scope_from(since=week_ago))
    assert recent.funnel.calls == 1  # Ben's call only
    [quiz] = [q for q in recent.quizzes if q.quiz_id == "product_quiz"]
    assert all(view.statistics.attempts == 1 for view in quiz.items)
    nobody = analytics.scope_from(since=week_ago, cohort="Spring 2026")
    assert analytics.team_analytics(store, bundled, nobody).funnel.calls == 0
    assert analytics.scope_words(nobody).startswith("cohort Spring 2026, ")


@pytest.mark.parametrize(
    "since, until, message",
    [
        ("1 Nov", None, "--since '1 Nov' is not a date: write it as YYYY-MM-DD, e.g. 2026-11-01"),
        ("2026-11-30", "2026-11-01", "the range ends (2026-11-01) before it starts (2026-11-30)"),
    ],
)
def test_a_wrong_date_says_what_to_type(since: str, until: str | None, message: str) -> None:
    with pytest.raises(TrainerError, match="^" + message.replace("(", r"\(").replace(")", r"\)")):
        analytics.scope_from(since, until)


def test_an_unknown_cohort_lists_the_known_ones() -> None:
    with pytest.raises(TrainerError, match="no cohort 'Winter'; cohorts: Autumn, Spring"):
        analytics.scope_from(cohort="Winter", known_cohorts=("Autumn", "Spring"))


def test_the_until_day_is_included() -> None:
    scope = analytics.scope_from("2026-11-01", "2026-11-01")
    assert scope.since is not None and scope.until is not None
    assert scope.until - scope.since == timedelta(days=1)
    assert analytics.scope_words(scope) == "1 Nov 2026 to 1 Nov 2026"


def test_cohorts_keep_one_spelling_and_can_be_cleared(store: Store) -> None:
    anna, ben = add_trainee(store, "Anna Berg"), add_trainee(store, "Ben Okoro")
    set_cohort(store, anna.id, "Spring  2026", mentor="Olga")
    set_cohort(store, ben.id, "spring 2026", mentor="Olga")
    assert cohort_names(store) == ["Spring 2026"] and cohort_of(store, ben.id) == "Spring 2026"
    set_cohort(store, ben.id, None, mentor="Olga")
    assert cohort_of(store, ben.id) is None
    with pytest.raises(StoreError, match="a cohort needs a name"):
        set_cohort(store, anna.id, "   ", mentor="Olga")
    with pytest.raises(StoreError, match="no trainee with id 999"):
        set_cohort(store, 999, "Spring 2026", mentor="Olga")


def test_records_for_other_tools_carry_every_kind(
    store: Store, bundled: ContentSet, team: tuple[int, int]
) -> None:
    records = list(analytics.analytics_records(analytics.team_analytics(store, bundled)))
    kinds = {record["record"] for record in records}
    assert kinds == {"funnel", "scenario", "drop_off", "quiz_item", "quiz_answer"}
    item = next(r for r in records if r["record"] == "quiz_item")
    assert item["question"] and item["few_answers"] is True


def test_a_large_library_builds_only_the_scenarios_that_were_attempted(
    store: Store, bundled: ContentSet, team: tuple[int, int]
) -> None:
    built: list[str] = []

    def build(scenario_id: str) -> Scenario:
        built.append(scenario_id)
        return bundled.scenarios[scenario_id]

    summaries = dict(bundled.summaries)
    lazy = replace(bundled, scenarios=LazyScenarios(summaries, build))
    found = analytics.team_analytics(store, lazy)
    assert built == ["book_meeting"]
    # every scenario is still listed, the untried ones with their titles and no attempts
    assert [view.title for view in found.scenarios] == [
        view.title for view in analytics.team_analytics(store, bundled).scenarios
    ]
    untried = [view for view in found.scenarios if view.figures.content_id != "book_meeting"]
    assert len(untried) == len(summaries) - 1
    assert all(view.figures.attempts == 0 and not view.drop_off for view in untried)
