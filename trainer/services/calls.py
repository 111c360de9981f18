"""A call played and recorded: the exam's variant drawn, the attempt opened, each turn stored as
it is said, the attempt finished with its score or abandoned.

The call screen drives a `RecordedCall`; so can a test or a script, with no Textual at all.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from trainer.content.content_set import ContentSet
from trainer.content.programme import DEFAULT_EXAM_ATTEMPTS
from trainer.engine.programme import draw_exam_variant
from trainer.engine.turns import Mode, Speaker, Turn
from trainer.errors import DialogueError, StoreError
from trainer.services.stages import (  # made ready as the app starts, where home needs no calls
    abandon_stale as abandon_stale,
    fix_exam_rules as fix_exam_rules,
)
from trainer.store.attempt_record import AttemptKind, AttemptStatus
from trainer.store.attempts import (
    abandon_attempt,
    attempts_for,
    finish_attempt,
    get_attempt,
    record_turn,
    resume_attempt,
    start_attempt,
    turns_for,
)
from trainer.store.database import Store
from trainer.store.drafts import as_kept, clear_draft, draft_of, save_draft
from trainer.store.exams import ExamRules, exam_rules_for, exam_standing, start_exam_attempt

if TYPE_CHECKING:  # the engine's session loads with the first call, not with home's records
    from trainer.content.scenario.model import Scenario
    from trainer.engine.scoring import Score
    from trainer.engine.session import Session
    from trainer.services.replay import Replay

PREVIEW_ATTEMPT = "preview"  # the attempt id of a preview, which is never stored


@dataclass(frozen=True, slots=True)
class ExamDraw:
    """The exam variant a trainee's next attempt plays, drawn with `seed`; or why none can."""

    scenario_id: str | None
    seed: int
    refused: str = ""  # in words, when scenario_id is None
    pool: tuple[str, ...] = ()  # the variants it was drawn from, for the store to check again
    attempt: int = 1  # which exam attempt this is, by the records
    left_after: int | None = None  # attempts the records leave after this one


@dataclass(frozen=True, slots=True)
class Unfinished:
    """A practice call the trainee left before it ended, which can be picked up again."""

    attempt_id: str
    scenario_id: str
    persona_id: str | None
    started_at: datetime
    replies: int  # how many times the trainee had spoken
    drafted: bool = False  # words were left typed in the reply box, not sent


def unfinished_call(
    store: Store, trainee_id: int, content: ContentSet, scenario_id: str
) -> Unfinished | None:
    """The trainee's last call at the scenario, when it is a practice call left unfinished.

    Only the last one: a call finished or started since replaces it. It must have at least one
    reply in it (else starting afresh is the same) and be of the scenario as it is now.
    """
    scenario = content.scenarios.get(scenario_id)
    if scenario is None or scenario.exam:
        return None
    last = attempts_for(store, trainee_id, content_id=scenario_id, limit=1)
    if not last:
        return None
    attempt = last[0]
    if (
        attempt.kind is not AttemptKind.CALL
        or attempt.mode is not Mode.PRACTICE
        or attempt.status is not AttemptStatus.ABANDONED
        or attempt.content_hash != scenario.digest
    ):
        return None
    turns = turns_for(store, attempt.id, trainee_id=trainee_id)
    replies = sum(1 for turn in turns if turn.speaker is Speaker.TRAINEE)
    drafted = bool(draft_of(store, attempt.id))
    if replies == 0 and not drafted:
        return None
    return Unfinished(
        attempt.id, scenario_id, attempt.persona_id, attempt.started_at, replies, drafted
    )


def reshuffled(store: Store, trainee_id: int, scenario: Scenario, attempt_id: str) -> bool:
    """Whether the call just begun offers its replies in another order than the trainee's
    earlier call at the scenario did (its replies are shuffled, and there was one)."""
    if not scenario.shuffle_replies:
        return False
    last_two = attempts_for(store, trainee_id, content_id=scenario.id, limit=2)
    return any(
        attempt.id != attempt_id and attempt.kind is not AttemptKind.QUIZ for attempt in last_two
    )


def replay_attempt(
    store: Store, trainee_id: int, content: ContentSet, attempt_id: str, trainee: str
) -> Replay | None:
    """The trainee's stored call played again (see `services.replay`); None when its scenario
    is no longer in the content."""
    from trainer.services.replay import replay

    attempt = get_attempt(store, attempt_id, trainee_id)
    scenario = content.scenarios.get(attempt.content_id)
    if scenario is None or attempt.kind is AttemptKind.QUIZ:
        return None
    persona = attempt.persona_id if attempt.persona_id in content.personas else None
    turns = turns_for(store, attempt_id, trainee_id=trainee_id)
    try:
        played = replay(
            content,
            scenario,
            persona,
            seed=attempt.seed,
            mode=attempt.mode,
            trainee=trainee,
            turns=turns,
        )
    except DialogueError:
        return None
    played.session.close()
    return played


def offered_variants(content: ContentSet, rules: ExamRules) -> tuple[str, ...]:
    """The records' exam variants this content has (accepted as they are now or not)."""
    return tuple(
        variant
        for variant in rules.pool
        if variant in content.scenarios and content.scenarios[variant].exam
    )


def draw_exam(
    store: Store, trainee_id: int, content: ContentSet, seed: int, asked: str
) -> ExamDraw:
    """The variant of the trainee's next exam attempt: one they have not had (see the rules).

    `asked` is the exam the trainee opened; it is the one played only while the records fix no
    exam rules (content without a programme, never used with one).
    """
    rules = exam_rules_for(store, content)
    default = (
        content.programme.exam.exam_attempts
        if content.programme is not None
        else DEFAULT_EXAM_ATTEMPTS
    )
    standing = exam_standing(store, trainee_id, default_attempts=default)
    if standing.passed:
        return ExamDraw(None, seed, "you have passed it already")
    if standing.left <= 0:
        used = len(standing.taken)
        return ExamDraw(
            None,
            seed,
            f"all {used} of {standing.allowed} attempts are used; a mentor must grant a retake",
        )
    attempt, left_after = len(standing.taken) + 1, standing.left - 1
    if rules is None:
        return ExamDraw(asked, seed, attempt=attempt, left_after=left_after)
    offered = offered_variants(content, rules)
    if not offered:
        return ExamDraw(None, seed, "none of the exam's variants is in this content set")
    pool = tuple(v for v in offered if rules.accepts(v, content.scenarios[v].digest))
    if not pool:
        return ExamDraw(
            None,
            seed,
            "the exam has changed since a mentor accepted it; a mentor must review and "
            "accept it before you can take it",
        )
    variant = draw_exam_variant(pool, standing.taken, seed)
    return ExamDraw(variant, seed, pool=pool, attempt=attempt, left_after=left_after)


class RecordedCall:
    """One call's session and its attempt in the store: every move's turns are stored before
    they are returned, so a crash loses nothing the trainee said.

    Open it with `begin`; make moves with `choose`, `say` and `hang_up`; close it with `finish`
    once the session has ended, or `abandon` when the trainee leaves before. A `StoreError`
    from any of them means the call cannot be recorded and should stop.
    """

    def __init__(self, store: Store | None, session: Session, attempt_id: str) -> None:
        self.store = store  # None: a preview, which records nothing
        self.session = session
        self.attempt_id = attempt_id
        self.open = True  # in the store and neither finished nor abandoned
        self.draft = ""  # the words typed and not sent, as last kept in the store

    @classmethod
    def preview(cls, session: Session) -> RecordedCall:
        """A call a trainer plays as a trainee would, recording nothing: no attempt, no turn.

        It opens no database, so no one's records (an exam's attempts included) can change.
        """
        return cls(None, session, PREVIEW_ATTEMPT)

    @classmethod
    def begin(
        cls,
        store: Store,
        trainee_id: int,
        session: Session,
        *,
        exam_attempts: int | None = None,
        offered: tuple[str, ...] | None = None,
    ) -> RecordedCall:
        """Open the attempt of a call that has just started and store its opening turns.

        An exam is always counted by the store against the records' limit (`exam_attempts`, the
        programme's, only fixes it at first use), at a variant of the records' pool (of
        `offered`, the programme's, when given); a StoreError when none is left, in one
        transaction.
        """
        attempt_id = _open_attempt(
            store, trainee_id, session, exam_attempts=exam_attempts, offered=offered
        )
        call = cls(store, session, attempt_id)
        try:
            call.record(session.turns)
        except StoreError:
            # The error that stops the call is the one to report; should closing the attempt
            # fail too, the next start marks it abandoned (`abandon_stale`).
            with contextlib.suppress(StoreError):
                call.abandon()
            raise
        return call

    @classmethod
    def resume(
        cls,
        store: Store,
        trainee_id: int,
        content: ContentSet,
        attempt_id: str,
        *,
        trainee: str,
        clock: Callable[[], float] = time.monotonic,
    ) -> tuple[RecordedCall, Replay]:
        """Pick up a practice call left unfinished: the same attempt, its turns played again.

        A DialogueError when the stored call cannot be played again as it went (its scenario
        changed since); a StoreError when the attempt is not a practice call left unfinished.
        """
        from trainer.services.replay import replay

        attempt = get_attempt(store, attempt_id, trainee_id)
        scenario = content.scenarios.get(attempt.content_id)
        if attempt.kind is not AttemptKind.CALL or attempt.mode is not Mode.PRACTICE:
            raise StoreError("only a practice call can be picked up again; the exam never can")
        if attempt.status is not AttemptStatus.ABANDONED:
            raise StoreError(
                f"the attempt {attempt_id} is {attempt.status.value.replace('-', ' ')}; "
                "only a call left unfinished can resume"
            )
        if scenario is None or scenario.digest != attempt.content_hash:
            raise DialogueError(
                "this call's scenario has changed since it was left: start it afresh"
            )
        persona = attempt.persona_id if attempt.persona_id in content.personas else None
        played = replay(
            content,
            scenario,
            persona,
            seed=attempt.seed,
            mode=Mode.PRACTICE,
            trainee=trainee,
            turns=turns_for(store, attempt_id, trainee_id=trainee_id),
            clock=clock,
        )
        if not played.complete or played.session.ended:
            played.session.close()
            raise DialogueError("this call cannot be played again as it went: start it afresh")
        resume_attempt(store, attempt_id, trainee_id)
        call = cls(store, played.session, attempt_id)
        call.draft = draft_of(store, attempt_id)
        return call, played

    @property
    def ended(self) -> bool:
        """The conversation is over (it may still have to be finished in the store)."""
        return self.session.ended

    def choose(self, choice: int | str) -> list[Turn]:
        """Pick an offered reply by its number or key; its turns, stored."""
        return self.move(lambda session: session.choose(choice))

    def say(self, words: str) -> list[Turn]:
        """Say the trainee's own words; the turns they lead to, stored."""
        return self.move(lambda session: session.say(words))

    def hang_up(self) -> list[Turn]:
        """The trainee hangs up; the closing turns, stored."""
        return self.move(lambda session: session.hang_up())

    def move(self, move: Callable[[Session], list[Turn]]) -> list[Turn]:
        """Make a move on the session and store its turns before returning them.

        A DialogueError (a move the conversation refuses) leaves the session and the store as
        they were.
        """
        if not self.open:
            raise StoreError(f"attempt {self.attempt_id} is closed; the call cannot go on")
        turns = move(self.session)
        self.record(turns)
        return turns

    def record(self, turns: Iterable[Turn]) -> None:
        """Write the turns to the attempt one by one, each committed as it is written."""
        if self.store is None:
            return
        for turn in turns:
            record_turn(self.store, self.attempt_id, turn)

    def keep_draft(self, text: str) -> None:
        """Keep the words typed and not sent, to give back when the call is picked up again.

        Only a practice call in the store keeps them: the exam is never picked up. Nothing is
        written when they are what was kept last, so a caller may ask as often as it likes.
        """
        if self.store is None or not self.open or self.session.mode is not Mode.PRACTICE:
            return
        if as_kept(text) != self.draft:
            self.draft = save_draft(self.store, self.attempt_id, text)

    def finish(self) -> Score:
        """Close the attempt as completed with the session's score; the score.

        A DialogueError while the conversation goes on: a call is scored only once it ended.
        """
        if not self.session.ended:
            raise DialogueError("the call has not ended yet: hang up to end it")
        score = self.session.score()
        if self.store is not None:
            finish_attempt(self.store, self.attempt_id, score)
            if self.draft:  # nothing is left to pick up
                clear_draft(self.store, self.attempt_id)
                self.draft = ""
        self.open = False
        return score

    def abandon(self) -> None:
        """Close the attempt as left before the call ended; its turns are kept."""
        if self.open:
            self.open = False
            if self.store is not None:
                abandon_attempt(self.store, self.attempt_id)


def _open_attempt(
    store: Store,
    trainee_id: int,
    session: Session,
    *,
    exam_attempts: int | None,
    offered: tuple[str, ...] | None,
) -> str:
    scenario = session.scenario
    if scenario.exam:
        return start_exam_attempt(
            store,
            trainee_id,
            content_id=scenario.id,
            content_hash=scenario.digest,
            seed=session.seed,
            persona_id=session.persona.id,
            allowed=DEFAULT_EXAM_ATTEMPTS if exam_attempts is None else exam_attempts,
            offered=offered,
        ).id
    return start_attempt(
        store,
        trainee_id,
        kind=AttemptKind.CALL.value,
        content_id=scenario.id,
        content_hash=scenario.digest,
        seed=session.seed,
        mode=session.mode.value,
        persona_id=session.persona.id,
    ).id
