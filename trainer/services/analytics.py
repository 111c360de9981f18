"""The team's analytics for mentors, as a learning platform reports them: how each scenario's
calls end and where they stall (with the client's line there), how each quiz item performs
(its question, the answers given, difficulty and discrimination with their sample size), and
the funnel; read for a date range and a cohort.

The figures come from `trainer.store.analytics`; this module joins them with the content (the
questions and lines a mentor reads instead of ids) and parses the mentor's filters.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from trainer.content import templates
from trainer.content.content_set import ContentSet
from trainer.content.graph import weak_replies
from trainer.content.scenario.model import Scenario
from trainer.engine.placeholders import placeholder_values
from trainer.errors import TrainerError
from trainer.store.analytics import (
    FEW_ANSWERS,
    attempted,
    funnel,
    quiz_item_statistics,
    scenario_analytics,
)
from trainer.store.cohorts import cohort_names
from trainer.store.database import Store
from trainer.store.models import (
    AnswerCount as AnswerCount,
    Count,
    Funnel,
    ItemStatistics,
    ScenarioAnalytics,
)
from trainer.store.scope import EVERYTHING as EVERYTHING, Scope

FEW_ANSWERS_NOTE = f"fewer than {FEW_ANSWERS} answers: one more trainee can change these figures"
TRAINEE_SHOWN = "(the trainee)"


@dataclass(frozen=True, slots=True)
class ItemView:
    """One quiz item's figures with its question."""

    statistics: ItemStatistics
    question: str

    @property
    def few(self) -> bool:
        """Too few answers to read the figures as more than a hint."""
        return self.statistics.attempts < FEW_ANSWERS


@dataclass(frozen=True, slots=True)
class QuizItems:
    """One quiz's items."""

    quiz_id: str
    title: str
    items: tuple[ItemView, ...]


@dataclass(frozen=True, slots=True)
class DropOff:
    """A node where calls ended without success, with what the client said there."""

    node: str
    line: str  # the client's line at the node, as a trainee heard it ("" when unknown)
    count: int


@dataclass(frozen=True, slots=True)
class ScenarioView:
    """One scenario's figures with its title and the client's lines where calls stall."""

    figures: ScenarioAnalytics
    title: str
    exam: bool
    drop_off: tuple[DropOff, ...]


@dataclass(frozen=True, slots=True)
class TeamAnalytics:
    """The analytics screen's figures: per scenario, per quiz item, and the team's funnel."""

    scenarios: tuple[ScenarioView, ...]
    quizzes: tuple[QuizItems, ...]
    funnel: Funnel
    scope: Scope = EVERYTHING
    cohorts: tuple[str, ...] = ()  # every cohort in the records, for the filter


def team_analytics(store: Store, content: ContentSet, scope: Scope = EVERYTHING) -> TeamAnalytics:
    """Every scenario's and quiz's figures over the attempts in `scope`, each scenario judged by
    its own success outcomes. Several queries over every attempt: call it from a worker."""
    # Only a scenario that was attempted is built and queried: a library's untried scenarios
    # are listed by their summaries, which a cached library has without building them.
    tried = attempted(store, scope)
    summaries = sorted(content.summaries.values(), key=lambda s: (s.stage, s.exam, s.title))
    found = tuple(
        _scenario_view(content, content.scenario(summary.id), scope, store)
        if summary.id in tried
        else ScenarioView(_untried(summary.id), summary.title, summary.exam, ())
        for summary in summaries
    )
    quizzes = tuple(
        QuizItems(
            quiz.id,
            quiz.title,
            tuple(
                ItemView(item, questions.get(item.item_id, item.item_id))
                for item in quiz_item_statistics(store, quiz.id, scope=scope)
            ),
        )
        for quiz in sorted(content.quizzes.values(), key=lambda q: (q.stage, q.title))
        for questions in [{item.id: " ".join(item.question.split()) for item in quiz.items}]
    )
    return TeamAnalytics(
        found, quizzes, funnel(store, scope=scope), scope, tuple(cohort_names(store))
    )


def _scenario_view(
    content: ContentSet, scenario: Scenario, scope: Scope, store: Store
) -> ScenarioView:
    figures = scenario_analytics(
        store,
        scenario.id,
        success={outcome.value for outcome in scenario.success},
        weak=weak_replies(scenario),
        scope=scope,
    )
    return ScenarioView(
        figures,
        scenario.title,
        scenario.exam,
        tuple(_drop_off(content, scenario, count) for count in figures.drop_off),
    )


def _untried(content_id: str) -> ScenarioAnalytics:
    return ScenarioAnalytics(content_id, 0, 0, 0, 0, {}, (), ())


def _drop_off(content: ContentSet, scenario: Scenario, count: Count) -> DropOff:
    return DropOff(count.key, client_line(content, scenario, count.key), count.count)


def client_line(content: ContentSet, scenario: Scenario, node_id: str) -> str:
    """What the client says at a node, its first variant, as a trainee hears it; "" for a node
    the content has no more. A node whose line is an objection says the objection's words."""
    node = scenario.nodes.get(node_id)
    line = None if node is None else scenario.first_line(node, content.personas)
    if line is None:
        return ""
    client = content.personas.get(scenario.personas[0])
    if client is not None:
        values = placeholder_values(content, scenario, client, trainee=TRAINEE_SHOWN)
        line = templates.render(line, values)
    return " ".join(line.split())


# -- the mentor's filters ----------------------------------------------------------------------


def scope_from(
    since: str | None = None,
    until: str | None = None,
    cohort: str | None = None,
    *,
    known_cohorts: tuple[str, ...] | None = None,
) -> Scope:
    """The scope the mentor typed: dates as YYYY-MM-DD in local time, `until` included; a
    TrainerError saying what to type when a date is not one or ends before it starts, or when
    the cohort is not in `known_cohorts` (when given)."""
    start = _day(since, "--since") if since else None
    end = _day(until, "--until") if until else None
    if start is not None and end is not None and end < start:
        raise TrainerError(f"the range ends ({end}) before it starts ({start})")
    chosen = " ".join(cohort.split()) if cohort else None
    if chosen is not None and known_cohorts is not None:
        match = next((c for c in known_cohorts if c.casefold() == chosen.casefold()), None)
        if match is None:
            listed = ", ".join(known_cohorts) if known_cohorts else "none yet"
            raise TrainerError(f"no cohort '{chosen}'; cohorts: {listed}")
        chosen = match
    return Scope(
        since=None if start is None else _local_midnight(start),
        until=None if end is None else _local_midnight(end + timedelta(days=1)),
        cohort=chosen,
    )


def scope_words(scope: Scope) -> str:
    """The scope as a heading says it: "all attempts", or e.g. "cohort Spring 2026, 1 Nov 2026
    to 30 Nov 2026"."""
    parts = []
    if scope.cohort is not None:
        parts.append(f"cohort {scope.cohort}")
    if scope.since is not None or scope.until is not None:
        start = _shown(scope.since) if scope.since is not None else "the start"
        end = _shown(scope.until - timedelta(days=1)) if scope.until is not None else "today"
        parts.append(f"{start} to {end}")
    return ", ".join(parts) if parts else "all attempts"


def _day(text: str, flag: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise TrainerError(
            f"{flag} '{text}' is not a date: write it as YYYY-MM-DD, e.g. 2026-11-01"
        ) from None


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time()).astimezone()


def _shown(moment: datetime) -> str:
    return f"{moment.day} {moment:%b %Y}"


# -- as data, for other tools --------------------------------------------------------------------


def analytics_records(team: TeamAnalytics) -> Iterator[dict[str, object]]:
    """The figures as flat records, one kind a record (`record`), for CSV and JSON exports."""
    scope = scope_words(team.scope)
    yield {"record": "funnel", "scope": scope, **_funnel(team.funnel)}
    for view in team.scenarios:
        figures = view.figures
        yield {
            "record": "scenario",
            "scope": scope,
            "scenario": figures.content_id,
            "title": view.title,
            "exam": view.exam,
            "attempts": figures.attempts,
            "completed": figures.completed,
            "abandoned": figures.abandoned,
            "passed": figures.passed,
            "pass_rate": figures.pass_rate,
        }
        for drop in view.drop_off:
            yield {
                "record": "drop_off",
                "scope": scope,
                "scenario": figures.content_id,
                "node": drop.node,
                "client_line": drop.line,
                "count": drop.count,
            }
    for quiz in team.quizzes:
        for item in quiz.items:
            stats = item.statistics
            yield {
                "record": "quiz_item",
                "scope": scope,
                "quiz": quiz.quiz_id,
                "item": stats.item_id,
                "question": item.question,
                "answers": stats.attempts,
                "right": stats.correct,
                "difficulty": round(stats.difficulty, 3),
                "discrimination": None
                if stats.discrimination is None
                else round(stats.discrimination, 3),
                "few_answers": item.few,
                "flags": "; ".join(stats.flags),
            }
            for answer in stats.answers:
                yield {
                    "record": "quiz_answer",
                    "scope": scope,
                    "quiz": quiz.quiz_id,
                    "item": stats.item_id,
                    "answer": answer.answer,
                    "right": answer.correct,
                    "count": answer.count,
                }


def _funnel(found: Funnel) -> dict[str, object]:
    return {
        "calls": found.calls,
        "meetings": found.meetings,
        "applications": found.applications,
        "deals": found.deals,
        "hang_ups": found.hang_ups,
    }
