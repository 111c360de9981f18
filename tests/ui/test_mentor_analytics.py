"""The mentor's analytics screen: where calls stall with the client's line there, each quiz
item's question and the answers given, the funnel; narrowed by a cohort and a date range."""

from __future__ import annotations

from datetime import datetime, timedelta

from textual.widgets import Input, Select, Static

from tests.store.test_quizzes import QUIZ
from tests.ui.mentor_team import (  # noqa: F401 (fixtures: pytest finds them by name)
    EXAM,
    SIZE,
    Team,
    app,
    cheap_mentor_hashing,
    programme_content,
    settle,
    shown,
    sign_in_as_mentor,
    team,
)
from trainer.store.cohorts import set_cohort
from trainer.store.database import Store
from trainer.ui.app import TrainerApp
from trainer.ui.screens.mentor_analytics import MentorAnalyticsScreen


async def test_analytics_show_drop_off_weak_replies_items_and_the_funnel(app: TrainerApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await sign_in_as_mentor(pilot)
        await pilot.press("a")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MentorAnalyticsScreen)
        scenario = " ".join(shown(screen.query_one("#scenario-first_call", Static)).split())
        assert "6 attempts: 6 completed, 0 abandoned · pass rate 17% (1 of 6 ended)" in scenario
        assert "4 ████████████████ the client hung up 1 ████ no result" in scenario
        drop_off = "what the client said there 4 ████████████████ “Who is this?”"
        assert f"{drop_off} 1 ████ “Fine, send it. Bye.”" in scenario  # pushed; the brochure
        weak = "4 ████████████████ annoyed/push_again “Just buy them, they are great!”"
        assert f"{weak} 4 ████████████████ hello/push “Buy our phones now!”" in scenario
        assert "1 ████ offer/send “I'll send you a brochure.”" in scenario
        exam = " ".join(shown(screen.query_one(f"#scenario-{EXAM}", Static)).split())
        assert "2 attempts: 2 completed, 0 abandoned · pass rate 0% (0 of 2 ended)" in exam
        items = " ".join(shown(screen.query_one(f"#quiz-{QUIZ.id}", Static)).split())
        # right in 2 of 5, the best right and the worst not; each answer given, counted
        assert (
            "How many phones in a box? 5 answered · 40% right · discrimination +1.00 · fewer "
            "than 30 answers: one more trainee can change these figures answers: 3 said “Ten” · "
            "2 said “One” ✓"
        ) in items
        assert ("⚑ Two-year warranty? 5 answered · 100% right · discrimination +0.00") in items
        assert (
            "worth a look: too easy: 100% answer it right; does not tell strong from "
            "weak trainees apart (discrimination 0.00) answers: 5 said “True” ✓"
        ) in items
        assert "⚑ 1 of 4 items worth rewriting" in items
        funnel = " ".join(shown(screen.query_one("#team-funnel", Static)).split())
        # Six practice calls and Cy's two exam calls: every call counts, the exam's too.
        assert "Calls ████████████████████████ 8" in funnel
        assert "Team: no deal in 8 calls · below healthy" in funnel


def funnel_calls(screen: MentorAnalyticsScreen) -> str:
    return " ".join(shown(screen.query_one("#team-funnel", Static)).split())


async def test_a_cohort_and_dates_narrow_the_figures(
    app: TrainerApp, team: Team, store: Store
) -> None:
    set_cohort(store, team.bob, "Spring 2026", mentor="Maria Head")
    async with app.run_test(size=SIZE) as pilot:
        await sign_in_as_mentor(pilot)
        await pilot.press("a")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MentorAnalyticsScreen)
        assert "Calls ████████████████████████ 8" in funnel_calls(screen)
        assert "all attempts" in shown(screen.query_one("#analytics-title", Static))
        screen.query_one("#cohort", Select).value = "Spring 2026"
        await settle(pilot)
        title = shown(screen.query_one("#analytics-title", Static))
        assert "cohort Spring 2026" in title
        assert "Calls ████████████████████████ 3 " in funnel_calls(screen)  # Bob's three
        # a date that is not one: a warning, and the figures stay as they were
        since = screen.query_one("#since", Input)
        since.value = "last week"
        since.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert any(
            "--since 'last week' is not a date" in str(n.message) for n in app._notifications
        )
        assert "cohort Spring 2026" in shown(screen.query_one("#analytics-title", Static))
        # the whole team, from tomorrow on: nothing played yet
        screen.query_one("#cohort", Select).clear()
        since.value = (datetime.now() + timedelta(days=1)).date().isoformat()
        since.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert "cohort" not in shown(screen.query_one("#analytics-title", Static))
        assert funnel_calls(screen).startswith("Calls 0 Meetings 0")
