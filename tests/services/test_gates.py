"""Stage gates judge stored quiz and practice results against the content in use, as a trainee
with an edited copy of the content (`trainer init`, marks lowered) would try to game them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.services.conftest import rows
from tests.services.test_quizzes import right_answer, wrong_answer
from trainer.cli import main
from trainer.content.content_set import ContentSet
from trainer.content.loader import load_content
from trainer.content.programme import StageKey
from trainer.engine.programme import StageState, StageStatus
from trainer.engine.quiz import QuizAttempt
from trainer.engine.session import Session
from trainer.services import mentor as mentoring, quizzes, stages
from trainer.services.accounts import MentorCard
from trainer.services.calls import RecordedCall
from trainer.store.database import Store
from trainer.store.mentors import Mentor
from trainer.store.models import Trainee


def content_copy(tmp_path: Path, edit: dict[str, list[tuple[str, str]]]) -> ContentSet:
    """The bundled content as `trainer init` writes it, each file edited by regex as given."""
    root = tmp_path / "copy"
    assert main(["init", str(root)]) == 0
    for relative, substitutions in edit.items():
        path = root / relative
        text = path.read_text(encoding="utf-8")
        for pattern, replacement in substitutions:
            text, count = re.subn(pattern, replacement, text, flags=re.MULTILINE)
            assert count, f"{pattern} not in {relative}"
        path.write_text(text, encoding="utf-8")
    return load_content(root)


LOW_QUIZ_MARKS = {
    "quizzes/company_intro.yaml": [(r"^pass_mark: .*$", "pass_mark: 1")],
    "quizzes/product_quiz.yaml": [(r"^pass_mark: .*$", "pass_mark: 1")],
}


def take_quiz(store: Store, trainee: Trainee, content: ContentSet, quiz_id: str, right: int) -> str:
    """The quiz taken on `content` with the first `right` questions right, the rest wrong."""
    attempt = QuizAttempt(content.quizzes[quiz_id], seed=5)
    attempt_id = quizzes.begin_quiz(store, trainee.id, attempt)
    for number, question in enumerate(attempt.questions):
        item = question.item
        given = right_answer(item) if number < right else wrong_answer(item)
        quizzes.save_answer(store, attempt_id, attempt.answer(question, given))
    quizzes.finish_quiz(store, attempt_id, attempt.finish())
    return attempt_id


def intro(content: ContentSet, store: Store, trainee: Trainee) -> StageStatus:
    programme = content.programme
    assert programme is not None
    status = stages.progress(store, trainee.id, programme).status
    assert status is not None
    return status.stages[StageKey.INTRODUCTION.number - 1]


def test_a_quiz_passed_on_a_copy_with_a_lowered_mark_does_not_finish_the_stage(
    store: Store, db_path: Path, ann: Trainee, bundled: ContentSet, tmp_path: Path
) -> None:
    copy = content_copy(tmp_path, LOW_QUIZ_MARKS)
    attempt_id = take_quiz(store, ann, copy, "company_intro", right=1)
    stored = rows(db_path, "SELECT score, passed, content_hash FROM attempts")
    score, passed, content_hash = stored[0]
    assert passed == 1 and isinstance(score, float) and score < 10  # the copy said "passed"
    assert content_hash != bundled.quizzes["company_intro"].digest

    # While the copy is in use its own mark is the rule...
    assert intro(copy, store, ann).state is StageState.DONE
    # ...but the team's content judges the same record again: 6.7% is not 70%.
    stage = intro(bundled, store, ann)
    assert stage.state is StageState.OPEN
    assert stage.progress == f"quiz best {score:g}%, needs 70%"
    assert any("needs 70%" in need for need in stage.to_finish)
    assert rows(db_path, "SELECT passed FROM attempts WHERE id = ?", attempt_id) == [(1,)]

    # The mentor's trainees table applies the same rule as home: the trainee is still at stage 1.
    (row,) = mentoring.overview(store, bundled)
    assert row.status is not None and row.status.current is not None
    assert row.status.current.key is StageKey.INTRODUCTION


def test_the_gate_counts_the_score_not_the_stored_flag_both_ways(
    store: Store, ann: Trainee, bundled: ContentSet, tmp_path: Path
) -> None:
    """Trainers raising a quiz's mark: an earlier pass below the new mark stops counting; one
    above it still counts (a typo fixed in a question changes no trainee's standing)."""
    take_quiz(store, ann, bundled, "company_intro", right=12)  # 80% of 15, passed at 70
    assert intro(bundled, store, ann).state is StageState.DONE
    stricter = content_copy(
        tmp_path, {"quizzes/company_intro.yaml": [(r"^pass_mark: .*$", "pass_mark: 90")]}
    )
    stage = intro(stricter, store, ann)
    assert stage.state is StageState.OPEN
    assert stage.progress == "quiz best 80%, needs 90%"
    take_quiz(store, ann, bundled, "company_intro", right=14)  # 93.3%, on the old questions
    assert intro(stricter, store, ann).state is StageState.DONE


def test_a_mentor_override_counts_as_the_mentor_set_it(
    store: Store, ann: Trainee, mentor: Mentor, bundled: ContentSet, tmp_path: Path
) -> None:
    copy = content_copy(tmp_path, LOW_QUIZ_MARKS)
    low = take_quiz(store, ann, copy, "company_intro", right=1)
    card = MentorCard(mentor.id, mentor.name)
    mentoring.override(store, card, low, reason="oral check passed", score=None, passed=True)
    assert intro(bundled, store, ann).state is StageState.DONE

    # And the other way: a mentor failing a high-scoring attempt is not undone by its score.
    assert bundled.programme is not None
    high = take_quiz(store, ann, bundled, "product_quiz", right=99)
    product = stages.progress(store, ann.id, bundled.programme).status
    assert product is not None and product.stages[1].state is StageState.DONE
    mentoring.override(store, card, high, reason="answers copied", score=None, passed=False)
    product = stages.progress(store, ann.id, bundled.programme).status
    assert product is not None and product.stages[1].state is not StageState.DONE


CHEAT_CALL = {
    "scenarios/book_meeting.yaml": [(r"^success: .*$", "success: [meeting, lost]\npass_mark: 0")],
    "scenarios/rubric.yaml": [(r"^(\s*)must_pass: .*$", r"\1must_pass: 0")],
}


@pytest.mark.parametrize("override", [None, True], ids=["as-stored", "mentor-passed"])
def test_a_practice_call_passed_on_a_copy_counts_only_by_the_scenario_in_use(
    store: Store,
    db_path: Path,
    ann: Trainee,
    mentor: Mentor,
    bundled: ContentSet,
    tmp_path: Path,
    override: bool | None,
) -> None:
    copy = content_copy(tmp_path, CHEAT_CALL)
    session = Session(copy, copy.scenario("book_meeting"), seed=3, trainee=ann.name)
    call = RecordedCall.begin(store, ann.id, session)
    try:
        call.hang_up()  # no meeting, 0%: "passed" by the copy's goal and mark
        score = call.finish()
    finally:
        session.close()
    assert score.passed and score.percent == 0
    assert rows(db_path, "SELECT outcome, passed FROM attempts") == [("lost", 1)]
    assert bundled.programme is not None
    if override:
        card = MentorCard(mentor.id, mentor.name)
        mentoring.override(store, card, call.attempt_id, reason="fine", score=None, passed=True)
    history = stages.progress(store, ann.id, bundled.programme).history
    assert ("book_meeting" in history.passed_scenarios) is bool(override)
    (row,) = mentoring.overview(store, bundled)
    assert ("book_meeting" in row.history.passed_scenarios) is bool(override)


def test_the_mentor_sees_play_on_other_content_in_the_table_and_the_exports(
    store: Store, ann: Trainee, bundled: ContentSet, tmp_path: Path
) -> None:
    copy = content_copy(tmp_path, LOW_QUIZ_MARKS)
    own = take_quiz(store, ann, bundled, "company_intro", right=12)
    cheat = take_quiz(store, ann, copy, "company_intro", right=1)
    short = copy.quizzes["company_intro"].digest[:8]
    mark = f"played on other content ({short})"

    (row,) = mentoring.overview(store, bundled)
    assert row.other_content == (short,) and mark in row.flags
    # Under the copy, it is the team's file that is the other one.
    (row,) = mentoring.overview(store, copy)
    assert row.other_content == (bundled.quizzes["company_intro"].digest[:8],)

    written = {}
    for attempt_id in (own, cheat):
        for format in (mentoring.ExportFormat.MARKDOWN, mentoring.ExportFormat.HTML):
            path = tmp_path / f"{attempt_id}.{format.value}"
            mentoring.export_transcript(store, attempt_id, format, path, content=bundled)
            written[(attempt_id, format)] = path.read_text(encoding="utf-8")
    assert f"- Content: **{mark}**" in written[(cheat, mentoring.ExportFormat.MARKDOWN)]
    assert f'<dd class="failed">{mark}</dd>' in written[(cheat, mentoring.ExportFormat.HTML)]
    assert "other content" not in written[(own, mentoring.ExportFormat.MARKDOWN)]
    assert "other content" not in written[(own, mentoring.ExportFormat.HTML)]
    transcript = mentoring.transcript(store, cheat)
    assert mentoring.other_content(bundled, transcript.attempt) == mark
    assert mentoring.other_content(copy, transcript.attempt) == ""


def test_a_trainee_who_only_played_the_content_in_use_raises_no_flag(
    store: Store, ann: Trainee, bundled: ContentSet
) -> None:
    take_quiz(store, ann, bundled, "company_intro", right=3)
    (row,) = mentoring.overview(store, bundled)
    assert row.other_content == () and not any("other content" in flag for flag in row.flags)
