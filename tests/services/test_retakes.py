"""A retake is one more exam attempt for a trainee who used every one and did not pass."""

from __future__ import annotations

import pytest

from tests.store.conftest import call
from tests.store.test_history import EXAM
from trainer.content.content_set import ContentSet
from trainer.errors import TrainerError
from trainer.services import mentor as review
from trainer.services.accounts import MentorCard
from trainer.store.database import Store
from trainer.store.mentors import Mentor
from trainer.store.models import Trainee


def card(signed: Mentor) -> MentorCard:
    return MentorCard(signed.id, signed.name)


def test_no_retake_while_an_attempt_is_unused(
    store: Store, trainee: Trainee, mentor: Mentor, mini_content: ContentSet
) -> None:
    call(store, trainee.id, kind="exam", content_id=EXAM, outcome="lost", passed=False)
    assert "1 exam attempt is still unused (1 of 2 taken)" in review.retake_refusal(
        store, mini_content, trainee.id
    )
    with pytest.raises(TrainerError, match="still unused"):
        review.grant_retake(store, card(mentor), trainee.id, "why not", mini_content)
    call(store, trainee.id, kind="exam", content_id=EXAM, outcome="lost", passed=False)
    assert review.retake_refusal(store, mini_content, trainee.id) == ""
    review.grant_retake(store, card(mentor), trainee.id, "ill on the day", mini_content)
    with pytest.raises(TrainerError, match=r"1 exam attempt is still unused \(2 of 3"):
        review.grant_retake(store, card(mentor), trainee.id, "and another", mini_content)


def test_no_retake_once_the_exam_is_passed(
    store: Store, trainee: Trainee, mentor: Mentor, mini_content: ContentSet
) -> None:
    call(store, trainee.id, kind="exam", content_id=EXAM, outcome="lost", passed=False)
    call(store, trainee.id, kind="exam", content_id=EXAM, outcome="deal", passed=True)
    with pytest.raises(TrainerError, match="passed already"):
        review.grant_retake(store, card(mentor), trainee.id, "for fun", mini_content)
