"""The integrity check of records: does each attempt's result follow from its own transcript?

Someone who can write the database file can change it (docs/security.md); this cannot stop
that, but it lets a mentor see it. A call or exam is played again, move by move, on the content
it was played on (its hash must match) and must give back the same turns, outcome, score and
pass; a quiz's score must be its answers' points; turns must run in order and in time; an exam
must be on content a mentor accepted; an override must come after the attempt it changes.
Anything else is flagged with a reason in plain words.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from itertools import pairwise

from trainer.content.content_set import ContentSet
from trainer.engine.quiz import quiz_passed, quiz_percent
from trainer.engine.session import Session
from trainer.engine.turns import Speaker, Turn
from trainer.errors import DialogueError, TrainerError
from trainer.services.coach import replay_session
from trainer.services.quizzes import from_stored
from trainer.services.replay import HUNG_UP
from trainer.store.database import Store
from trainer.store.exams import ExamRules, exam_rules
from trainer.store.integrity import StoredRecord, stored_records, transcript_record
from trainer.store.models import AttemptKind, AttemptStatus, StoredTurn, Transcript

SLACK = timedelta(seconds=5)  # clocks and commits: a turn a moment past the attempt's end is fine
SCORE_TOLERANCE = 0.05  # percent; the stored score is the engine's float, kept as it was


@dataclass(frozen=True, slots=True)
class Finding:
    """What the check found on one attempt: `reasons` is empty when the record holds together;
    `unchecked` says why it could not be replayed (other content), which is no fault of its own."""

    attempt_id: str
    trainee: str | None
    kind: AttemptKind
    content_id: str
    started_at: datetime
    reasons: tuple[str, ...] = ()
    unchecked: str | None = None

    @property
    def flagged(self) -> bool:
        return bool(self.reasons)

    @property
    def message(self) -> str:
        """The mentor's flag: "this record does not match its transcript: <reasons>"."""
        return "this record does not match its transcript: " + "; ".join(self.reasons)


def check_records(
    store: Store,
    content: ContentSet | None,
    *,
    trainee_id: int | None = None,
    attempt_id: str | None = None,
) -> list[Finding]:
    """Every attempt checked (or one trainee's, or one), oldest first."""
    rules = exam_rules(store)
    return [
        check_record(store, content, record, rules)
        for record in stored_records(store, trainee_id=trainee_id, attempt_id=attempt_id)
    ]


def flagged_ids(
    store: Store, content: ContentSet | None, *, trainee_id: int | None = None
) -> dict[str, str]:
    """The flagged attempts' messages by attempt id, for views and exports to mark them."""
    return {
        finding.attempt_id: finding.message
        for finding in check_records(store, content, trainee_id=trainee_id)
        if finding.flagged
    }


def flag_of(store: Store, content: ContentSet | None, attempt_id: str) -> str | None:
    """The flag of one attempt ("this record does not match its transcript: ..."), or None."""
    for finding in check_records(store, content, attempt_id=attempt_id):
        if finding.flagged:
            return finding.message
    return None


def with_flags(
    store: Store, content: ContentSet | None, transcripts: Iterable[Transcript]
) -> Iterator[Transcript]:
    """The transcripts, each with its flag set when the check flags it; checked as they come,
    from what each transcript holds, so an export still streams."""
    rules = exam_rules(store)
    for transcript in transcripts:
        finding = check_record(store, content, transcript_record(transcript), rules)
        yield replace(transcript, flag=finding.message if finding.flagged else None, checked=True)


def check_record(
    store: Store, content: ContentSet | None, record: StoredRecord, rules: ExamRules | None
) -> Finding:
    """One attempt checked against its transcript (see the module's docstring)."""
    attempt = record.attempt
    reasons: list[str] = []
    unchecked: str | None = None
    if record.trainee is None:
        reasons.append("it belongs to no trainee in the records")
    reasons.extend(_timing(record))
    finished = attempt.status is AttemptStatus.COMPLETED
    # Without exam rules (content with no programme) there is nothing a mentor accepted.
    if (
        attempt.kind is AttemptKind.EXAM
        and rules is not None
        and not rules.accepts(attempt.content_id, attempt.content_hash)
    ):
        reasons.append("the exam was played on content no mentor accepted")
    if attempt.kind is AttemptKind.QUIZ:
        unchecked = _quiz(content, record, reasons) if finished else None
    elif finished and not record.turns:
        reasons.append(f"a finished {_noun(attempt.kind)} with no turns")
    elif finished or record.turns:
        unchecked = _call(store, content, record, reasons)
    for made in record.overrides:
        if made < attempt.started_at - SLACK:
            reasons.append("a mentor's override dated before the attempt began")
            break
    return Finding(
        attempt.id,
        record.trainee,
        attempt.kind,
        attempt.content_id,
        attempt.started_at,
        tuple(reasons),
        unchecked,
    )


def _noun(kind: AttemptKind) -> str:
    return {"exam": "exam", "quiz": "quiz"}.get(kind.value, "call")


def _timing(record: StoredRecord) -> list[str]:
    """Turns numbered 0, 1, 2… with no gap, each written after the one before and inside the
    attempt's time."""
    attempt, turns = record.attempt, record.turns
    reasons = []
    if attempt.ended_at is not None and attempt.ended_at < attempt.started_at:
        reasons.append("it ended before it began")
    if [turn.index for turn in turns] != list(range(len(turns))):
        reasons.append("its turns are not numbered in order: one is missing or was added")
    written = [turn.created_at for turn in turns]
    if any(later < earlier for earlier, later in pairwise(written)):
        reasons.append("its turns were not written in the order they were said")
    elapsed = [turn.elapsed for turn in turns]
    if any(later < earlier for earlier, later in pairwise(elapsed)):
        reasons.append("its turns' times run backwards")
    outside = [
        moment
        for moment in written
        if moment < attempt.started_at - SLACK
        or (attempt.ended_at is not None and moment > attempt.ended_at + SLACK)
    ]
    if outside:
        reasons.append("a turn was written outside the attempt's time")
    return reasons


def _quiz(content: ContentSet | None, record: StoredRecord, reasons: list[str]) -> str | None:
    """A finished quiz: answered, and its score is what its answers earned."""
    attempt, answers = record.attempt, record.answers
    if not answers:
        reasons.append("a finished quiz with no answers")
        return None
    quiz = None if content is None else content.quizzes.get(attempt.content_id)
    if quiz is not None and quiz.digest == attempt.content_hash:
        # Redrawn from the seed: every question asked counts, answered or not.
        percent = from_stored(quiz, attempt.id, attempt.seed, None, None, answers).percent
    else:
        possible = sum(answer.max_points for answer in answers)
        percent = quiz_percent(sum(answer.points for answer in answers), possible)
    if attempt.score is None or abs(percent - attempt.score) > SCORE_TOLERANCE:
        stored = "none" if attempt.score is None else f"{attempt.score:g}%"
        reasons.append(f"its score ({stored}) is not what its answers earned ({percent:g}%)")
    if (
        quiz is not None
        and attempt.passed is not None
        and bool(attempt.passed) != quiz_passed(quiz, attempt.score or 0.0)
    ):
        reasons.append("its pass does not follow from its score")
    if any(answer.points > answer.max_points for answer in answers):
        reasons.append("an answer earned more points than it was worth")
    return None if quiz is not None else "the quiz is not in this content"


def _call(
    store: Store, content: ContentSet | None, record: StoredRecord, reasons: list[str]
) -> str | None:
    """A call or exam played again on its content; its differences added to `reasons`.

    Returns why it could not be played again (the scenario is gone or has changed), else None.
    """
    attempt = record.attempt
    if content is None:
        return "the content cannot be read, so it cannot be played again"
    scenario = content.scenarios.get(attempt.content_id)
    if scenario is None:
        return "its scenario is not in this content, so it cannot be played again"
    if scenario.digest != attempt.content_hash:
        return "it was played on another version of its scenario, so it cannot be played again"
    if record.trainee is None:
        return "it cannot be played again without its trainee"
    try:
        session = replay_session(store, content, attempt)
    except TrainerError as error:
        return f"it cannot be played again: {error}"
    try:
        stopped = _play(session, record.turns)
        reasons.extend(_compare(session, record, stopped))
    finally:
        session.close()
    return None


def _play(session: Session, turns: Sequence[StoredTurn]) -> str | None:
    """The stored moves made again, until the turns they give part from the stored ones (the
    comparison then says where); why a move could not be made, or None."""
    checked = 0
    try:
        for turn in turns:
            if _parted(session, turns, checked):
                return None
            checked = len(session.turns)
            if turn.speaker is Speaker.SYSTEM and turn.text == HUNG_UP and not session.ended:
                session.hang_up()
                continue
            if turn.speaker is not Speaker.TRAINEE:
                continue
            if session.ended:
                return f"the call ends before turn {turn.index}"
            if turn.hint_used:
                session.hint()
            if turn.typed is not None:
                session.say(turn.typed)
            elif turn.reply is not None:
                session.choose(turn.reply.rsplit("/", 1)[-1])
            else:
                return f"turn {turn.index} is a reply no move makes"
    except DialogueError as error:
        return f"the moves cannot be made again ({error})"
    return None


def _parted(session: Session, turns: Sequence[StoredTurn], checked: int) -> bool:
    """Whether the turns played since `checked` differ from the stored ones at their places."""
    played = session.turns[checked:]
    stored = turns[checked : checked + len(played)]
    return len(stored) < len(played) or any(
        _line(a) != _line(b) for a, b in zip(played, stored, strict=False)
    )


def _line(turn: Turn) -> tuple[object, ...]:
    return (turn.speaker, turn.text, turn.node, turn.reply)


def _compare(session: Session, record: StoredRecord, stopped: str | None) -> list[str]:
    attempt, turns = record.attempt, record.turns
    if stopped is not None:
        return [f"its moves do not play back: {stopped}"]
    for stored, played in zip(turns, session.turns, strict=False):
        if _line(stored) != _line(played):
            return [f"turn {stored.index} is not what its moves give"]
    if len(turns) != len(session.turns):
        return [f"it has {len(turns)} turns where its moves give {len(session.turns)}"]
    if attempt.status is not AttemptStatus.COMPLETED:
        return []
    if not session.ended:
        return [f"it is marked finished, but its {_noun(attempt.kind)} had not ended"]
    score = session.score()
    reasons = []
    if attempt.outcome != str(score.outcome):
        reasons.append(
            f"its outcome ({attempt.outcome or 'none'}) is not the one its turns reach "
            f"({score.outcome})"
        )
    if attempt.score is None or abs(score.percent - attempt.score) > SCORE_TOLERANCE:
        kept = "none" if attempt.score is None else f"{attempt.score:g}%"
        reasons.append(f"its score ({kept}) is not what its turns earn ({score.percent:g}%)")
    if attempt.passed is None or bool(attempt.passed) != score.passed:
        said = {True: "passed", False: "failed", None: "no result"}[attempt.passed]
        reasons.append(f"it is recorded as {said}, but its turns {_verdict(score.passed)}")
    return reasons


def _verdict(passed: bool) -> str:
    return "pass" if passed else "fail"
