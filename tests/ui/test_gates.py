"""What a trainee's cheat with an edited content copy comes to in the app: home re-judges the
quiz against the content in use, and the mentor sees the attempt marked as other content."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from tests.services.test_gates import LOW_QUIZ_MARKS, content_copy, take_quiz
from tests.ui.conftest import Build, programme_row, sign_in
from tests.ui.mentor_team import (
    MENTOR,
    PASSPHRASE,
    SIZE,
    build as build_mentor_app,
    cheap_hashing,
    open_attempt,
    open_trainee,
    shown,
    sign_in_as_mentor,
    table_rows,
)
from trainer.content.content_set import ContentSet
from trainer.store.database import Store
from trainer.store.mentors import add_mentor
from trainer.store.models import Trainee


async def test_home_does_not_finish_stage_one_for_a_pass_scored_on_a_lowered_copy(
    build: Build, store: Store, ann: Trainee, tmp_path: Path
) -> None:
    copy = content_copy(tmp_path, LOW_QUIZ_MARKS)
    take_quiz(store, ann, copy, "company_intro", right=1)  # 6.7%, "passed" at the copy's 1%
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await sign_in(pilot)
        stage = programme_row(pilot, "stage:1")
        assert "DONE" not in stage and "OPEN" in stage
        assert "Quiz best 6.7%, needs 70%" in stage
        quiz = programme_row(pilot, "quiz:company_intro")
        assert "passed" not in quiz and "6.7%" in quiz
        assert "LOCKED" in programme_row(pilot, "stage:2")


async def test_the_mentor_sees_the_attempt_played_on_other_content(
    monkeypatch: pytest.MonkeyPatch,
    bundled: ContentSet,
    store: Store,
    ann: Trainee,
    tmp_path: Path,
) -> None:
    cheap_hashing(monkeypatch)
    add_mentor(store, MENTOR, PASSPHRASE)
    copy = content_copy(tmp_path, LOW_QUIZ_MARKS)
    honest = take_quiz(store, ann, bundled, "company_intro", right=12)
    cheat = take_quiz(store, ann, copy, "company_intro", right=1)
    mark = f"played on other content ({copy.quizzes['company_intro'].digest[:8]})"
    app = build_mentor_app(bundled, store)
    async with app.run_test(size=SIZE) as pilot:
        trainees = await sign_in_as_mentor(pilot)
        (row,) = table_rows(trainees.query_one("#trainees-table", DataTable))
        assert any(mark in cell for cell in row), row
        await open_trainee(pilot, ann.name)
        screen = await open_attempt(pilot, cheat)
        assert mark in shown(screen.query_one("#mentor-transcript-title", Static))
        await pilot.press("escape")
        await pilot.pause()
        screen = await open_attempt(pilot, honest)
        assert "other content" not in shown(screen.query_one("#mentor-transcript-title", Static))
