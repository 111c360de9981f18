"""The programme's rules applied to a trainee's records: the stages done, open and locked."""

from __future__ import annotations

from tests.store.conftest import call
from tests.store.test_history import PRACTICE, PROGRAMME, quiz
from trainer.content.programme import StageKey
from trainer.engine.programme import StageState
from trainer.services.stages import trainee_status
from trainer.store.database import Store
from trainer.store.models import Trainee


def test_the_programme_status_of_a_trainee(store: Store, trainee: Trainee) -> None:
    status = trainee_status(store, trainee.id, PROGRAMME)
    assert [stage.state for stage in status.stages] == [
        StageState.DONE,
        StageState.OPEN,
        StageState.LOCKED,
        StageState.LOCKED,
    ]
    quiz(store, trainee, 80.0)
    for scenario in PRACTICE[:2]:
        call(store, trainee.id, content_id=scenario, passed=True)
    status = trainee_status(store, trainee.id, PROGRAMME)
    assert status.current is not None and status.current.key is StageKey.EXAM
    assert status.exam.can_start and status.exam.attempts_left == 2
