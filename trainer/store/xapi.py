"""The records as xAPI 1.0.3 statements, for a learning record store (LRS) or an LMS.

Pure functions from `Transcript`s to JSON-ready dicts; docs/lms.md has the mapping table. Every
statement's id is a UUID5 of the record it comes from (an attempt's id, a turn's index, a quiz
item, an override's id), and its content depends on nothing but that record, so building the
statements again gives the same statements: a push that is repeated, or resumed after a
failure, sends nothing an LRS would take for a new or a conflicting statement.
"""

from __future__ import annotations

import io
import json
import uuid
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Any, TextIO
from urllib.parse import quote

from trainer.engine.turns import Mode, Speaker
from trainer.store.models import (
    Attempt,
    AttemptKind,
    AttemptStatus,
    Override,
    QuizAnswer,
    StoredTurn,
    Transcript,
)
from trainer.store.worklog import SignOff
from trainer.text import json_escaped

XAPI_VERSION = "1.0.3"
# The project's own vocabulary: activity types and extension keys. `.invalid` is reserved for
# names that resolve nowhere (RFC 2606), so nobody else can mint IRIs under it; the same base
# names the JSON Schemas of the content (docs/schema).
IRI = "https://trainer.invalid/xapi"
# Statement ids are UUID5s in this namespace, of names such as "attempt/<id>/turn/3".
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, IRI)
PLATFORM = "trainer"
LANGUAGE = "en-US"

ADL = "http://adlnet.gov/expapi/verbs/"
VERBS = {
    "attempted": ADL + "attempted",
    "responded": ADL + "responded",
    "answered": ADL + "answered",
    "completed": ADL + "completed",
    "passed": ADL + "passed",
    "failed": ADL + "failed",
    "scored": ADL + "scored",
    # cmi5's verb for a session that ended without the learner finishing it
    "abandoned": "https://w3id.org/xapi/adl/verbs/abandoned",
    # cmi5's verb for a requirement met by other means than an assessment: a mentor's judgement
    "satisfied": "https://w3id.org/xapi/adl/verbs/satisfied",
}

ACTIVITY_TYPES = {
    AttemptKind.CALL: "http://adlnet.gov/expapi/activities/simulation",
    AttemptKind.QUIZ: "http://adlnet.gov/expapi/activities/assessment",
    AttemptKind.EXAM: "http://adlnet.gov/expapi/activities/assessment",
}
QUESTION = "http://adlnet.gov/expapi/activities/question"
INTERACTION = "http://adlnet.gov/expapi/activities/interaction"
PROGRAMME = "http://adlnet.gov/expapi/activities/course"

EXTENSIONS = {
    "attempt": f"{IRI}/extensions/attempt",  # context: the attempt's id, kind and mode
    "scenario": f"{IRI}/extensions/scenario",  # context: the scenario played, its version, persona
    "quiz": f"{IRI}/extensions/quiz",  # context: the quiz taken and its version
    "outcome": f"{IRI}/extensions/outcome",  # result: how the call ended (meeting, hung_up, ...)
    "skills": f"{IRI}/extensions/skills",  # result: the scorecard, one entry per skill
    "reply": f"{IRI}/extensions/reply",  # result of a turn: the reply matched, points, hint
    "override": f"{IRI}/extensions/override",  # context: the mentor's change and its reason
    "retake": f"{IRI}/extensions/retake",  # context: the grant an exam attempt was taken on
    "signoff": f"{IRI}/extensions/signoff",  # context: the readiness sign-off and its note
}


def statement_id(name: str) -> str:
    """The statement id of a record's name, e.g. "attempt/<id>/turn/3": the same every time."""
    return str(uuid.uuid5(NAMESPACE, name))


def registration(attempt_id: str) -> str:
    """The attempt's id as the UUID xAPI groups an attempt's statements by."""
    try:
        return str(uuid.UUID(hex=attempt_id))
    except ValueError:
        return statement_id(f"attempt/{attempt_id}")


def iso_duration(seconds: float) -> str:
    """An ISO 8601 duration to the hundredth of a second (xAPI's precision): PT1H2M3.5S."""
    hundredths = max(0, round(seconds * 100))
    hours, rest = divmod(hundredths, 360_000)
    minutes, rest = divmod(rest, 6_000)
    whole, fraction = divmod(rest, 100)
    text = "PT"
    if hours:
        text += f"{hours}H"
    if minutes:
        text += f"{minutes}M"
    if fraction:
        text += f"{whole}.{fraction:02d}".rstrip("0") + "S"
    elif whole or text == "PT":
        text += f"{whole}S"
    return text


def _timestamp(moment: datetime) -> str:
    if moment.tzinfo is None:  # stored times are UTC
        moment = moment.replace(tzinfo=UTC)
    return moment.isoformat()


def _verb(name: str) -> dict[str, Any]:
    return {"id": VERBS[name], "display": {LANGUAGE: name}}


def _account(homepage: str, name: str, display: str) -> dict[str, Any]:
    return {
        "objectType": "Agent",
        "name": display,
        "account": {"homePage": homepage, "name": name},
    }


def trainee_agent(homepage: str, trainee_id: int, name: str) -> dict[str, Any]:
    """The trainee as an xAPI agent: an account on `homepage` named by the stable trainee id."""
    return _account(homepage, str(trainee_id), name)


def mentor_agent(homepage: str, mentor: str) -> dict[str, Any]:
    """A mentor as an xAPI agent; mentors sign by name, so the account is named after it."""
    return _account(homepage, f"mentor:{mentor}", mentor)


def activity_base(homepage: str) -> str:
    """Where the activity ids of this trainer live: under the configured home page."""
    return homepage.rstrip("/") + "/trainer"


def attempt_activity(homepage: str, attempt: Attempt) -> dict[str, Any]:
    """The call, quiz or exam an attempt was of; every exam variant is the one final exam."""
    base = activity_base(homepage)
    if attempt.kind is AttemptKind.EXAM:
        activity_id = f"{base}/exam"
    else:
        activity_id = f"{base}/{attempt.kind.value}/{quote(attempt.content_id, safe='')}"
    return {
        "objectType": "Activity",
        "id": activity_id,
        "definition": {"type": ACTIVITY_TYPES[attempt.kind]},
    }


def _verdict(passed: bool | None, *, otherwise: str) -> str:
    return otherwise if passed is None else "passed" if passed else "failed"


def _score(raw: float, maximum: float, minimum: float = 0.0) -> dict[str, Any]:
    score: dict[str, Any] = {"raw": raw, "min": min(minimum, raw), "max": max(maximum, raw)}
    if score["max"] > 0:
        score["scaled"] = round(max(-1.0, min(1.0, raw / score["max"])), 4)
    return score


class _Builder:
    """The statements of one transcript; each method builds those of one kind of record."""

    def __init__(self, homepage: str, record: Transcript) -> None:
        self.record = record
        self.attempt = record.attempt
        self.actor = trainee_agent(homepage, self.attempt.trainee_id, record.trainee_name)
        self.activity = attempt_activity(homepage, self.attempt)
        self.homepage = homepage
        self.base = self.activity["id"]

    def _context(self, *, parent: bool = False) -> dict[str, Any]:
        attempt = self.attempt
        extensions: dict[str, Any] = {
            EXTENSIONS["attempt"]: {
                "id": attempt.id,
                "kind": attempt.kind.value,
                "mode": attempt.mode.value,
            }
        }
        if attempt.kind is AttemptKind.QUIZ:
            extensions[EXTENSIONS["quiz"]] = {
                "id": attempt.content_id,
                "version": attempt.content_hash,
            }
        else:
            extensions[EXTENSIONS["scenario"]] = {
                "id": attempt.content_id,
                "version": attempt.content_hash,
                "persona": attempt.persona_id,
            }
        retake = self.record.retake
        if retake is not None:
            extensions[EXTENSIONS["retake"]] = {
                "granted_by": retake.granted_by,
                "reason": retake.reason,
                "granted_at": _timestamp(retake.granted_at),
            }
        context: dict[str, Any] = {
            "registration": registration(attempt.id),
            "platform": PLATFORM,
            "extensions": extensions,
        }
        if parent:
            context["contextActivities"] = {"parent": [{"id": self.base}]}
        return context

    def _statement(
        self,
        name: str,
        verb: str,
        moment: datetime,
        *,
        activity: dict[str, Any] | None = None,
        result: dict[str, Any] | None = None,
        context: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        statement: dict[str, Any] = {
            "id": statement_id(f"attempt/{self.attempt.id}/{name}"),
            "version": XAPI_VERSION,
            "actor": self.actor,
            "verb": _verb(verb),
            "object": activity or self.activity,
        }
        if result is not None:
            statement["result"] = result
        statement["context"] = context or self._context()
        statement["timestamp"] = _timestamp(moment)
        return statement

    def statements(self) -> Iterator[dict[str, Any]]:
        attempt = self.attempt
        yield self._statement("attempted", "attempted", attempt.started_at)
        for turn in self.record.turns:
            if turn.speaker is Speaker.TRAINEE:
                yield self.turn(turn)
        for answer in self.record.answers:
            yield self.answer(answer)
        if attempt.status is not AttemptStatus.IN_PROGRESS and attempt.ended_at is not None:
            yield self.ending()
        passed, score = attempt.passed, attempt.score
        for override in self.record.overrides:
            passed = passed if override.passed is None else override.passed
            score = score if override.score is None else override.score
            yield self.override(override, score, passed)

    def turn(self, turn: StoredTurn) -> dict[str, Any]:
        """A trainee's reply in a call: what was said, the reply it counted as, its points."""
        reply: dict[str, Any] = {"turn": turn.index, "typed": turn.typed is not None}
        if self.attempt.mode is Mode.EXAM:
            # The exam's nodes, reply keys and points are its key, kept from trainees
            # (docs/security.md), and an LMS may show learners their own statements: an exam
            # reply is the trainee's words, said in the exam.
            return self._statement(
                f"turn/{turn.index}",
                "responded",
                turn.created_at,
                result={"response": turn.text, "extensions": {EXTENSIONS["reply"]: reply}},
            )
        reply |= {"reply": turn.reply, "points": dict(turn.points), "hint_used": turn.hint_used}
        if turn.confidence is not None:
            reply["confidence"] = turn.confidence
        if turn.tags:
            reply["tags"] = list(turn.tags)
        if turn.facts:
            reply["facts"] = dict(turn.facts)
        node = f"{self.base}/nodes/{quote(turn.node, safe='')}"
        return self._statement(
            f"turn/{turn.index}",
            "responded",
            turn.created_at,
            activity={"objectType": "Activity", "id": node, "definition": {"type": INTERACTION}},
            result={"response": turn.text, "extensions": {EXTENSIONS["reply"]: reply}},
            context=self._context(parent=True),
        )

    def answer(self, answer: QuizAnswer) -> dict[str, Any]:
        """A quiz item as answered: the answer, right or wrong, points and the time it took."""
        item = f"{self.base}/items/{quote(answer.item_id, safe='')}"
        return self._statement(
            f"answer/{answer.item_id}",
            "answered",
            answer.answered_at,
            activity={"objectType": "Activity", "id": item, "definition": {"type": QUESTION}},
            result={
                "score": _score(answer.points, answer.max_points),
                "success": answer.correct,
                "response": answer.answer_text,
                "duration": iso_duration(answer.seconds),
            },
            context=self._context(parent=True),
        )

    def _result(self, score: float | None, passed: bool | None) -> dict[str, Any]:
        result: dict[str, Any] = {}
        if score is not None:
            result["score"] = {"scaled": round(score / 100, 4), "raw": score, "min": 0, "max": 100}
        if passed is not None:
            result["success"] = passed
        return result

    def ending(self) -> dict[str, Any]:
        """How the attempt ended, with its own result (a mentor's change has its own statement)."""
        attempt = self.attempt
        assert attempt.ended_at is not None
        result = self._result(attempt.score, attempt.passed)
        if attempt.status is AttemptStatus.ABANDONED:
            verb = "abandoned"
            result["completion"] = False
        else:
            verb = _verdict(attempt.passed, otherwise="completed")
            result["completion"] = True
        seconds = (attempt.ended_at - attempt.started_at).total_seconds()
        result["duration"] = iso_duration(seconds)
        extensions: dict[str, Any] = {}
        if attempt.outcome is not None:
            extensions[EXTENSIONS["outcome"]] = attempt.outcome
        if self.record.skills:
            extensions[EXTENSIONS["skills"]] = [
                {"skill": s.skill, "earned": s.earned, "best": s.best, "percent": s.percent}
                for s in self.record.skills
            ]
        if extensions:
            result["extensions"] = extensions
        # An attempt that ends again after a resume ends at another time: another statement.
        return self._statement(
            f"ended/{_timestamp(attempt.ended_at)}", verb, attempt.ended_at, result=result
        )

    def override(
        self, override: Override, score: float | None, passed: bool | None
    ) -> dict[str, Any]:
        """A mentor's change: the result that counts from then on, signed by the mentor."""
        verb = _verdict(passed, otherwise="scored")
        context = self._context()
        context["instructor"] = mentor_agent(self.homepage, override.mentor)
        context["extensions"][EXTENSIONS["override"]] = {
            "id": override.id,
            "mentor": override.mentor,
            "reason": override.reason,
            "score": override.score,
            "passed": override.passed,
            "original": {"score": self.attempt.score, "passed": self.attempt.passed},
        }
        return self._statement(
            f"override/{override.id}",
            verb,
            override.created_at,
            result=self._result(score, passed),
            context=context,
        )


def statements_for(homepage: str, record: Transcript) -> list[dict[str, Any]]:
    """Every statement of one attempt, in the order its records were made."""
    return list(_Builder(homepage, record).statements())


def iter_statements(homepage: str, transcripts: Iterable[Transcript]) -> Iterator[dict[str, Any]]:
    """The statements of each attempt in turn, as the transcripts come."""
    for record in transcripts:
        yield from _Builder(homepage, record).statements()


def sign_off_statement(homepage: str, sign_off: SignOff, name: str) -> dict[str, Any]:
    """A mentor's readiness sign-off: the trainee satisfied the programme, the mentor as the
    instructor and their note in the `signoff` extension; one statement per trainee, ever."""
    return {
        "id": statement_id(f"trainee/{sign_off.trainee_id}/readiness"),
        "actor": trainee_agent(homepage, sign_off.trainee_id, name),
        "verb": _verb("satisfied"),
        "object": {
            "objectType": "Activity",
            "id": f"{activity_base(homepage)}/programme",
            "definition": {
                "type": PROGRAMME,
                "name": {LANGUAGE: "The training programme: readiness to work alone"},
            },
        },
        "result": {"completion": True, "success": True},
        "context": {
            "platform": PLATFORM,
            "language": LANGUAGE,
            "instructor": mentor_agent(homepage, sign_off.mentor),
            "extensions": {
                EXTENSIONS["signoff"]: {"mentor": sign_off.mentor, "note": sign_off.note}
            },
        },
        "timestamp": _timestamp(sign_off.signed_at),
        "version": XAPI_VERSION,
    }


def write_xapi(
    transcripts: Iterable[Transcript],
    out: TextIO,
    *,
    homepage: str,
    sign_offs: Iterable[tuple[SignOff, str]] = (),
) -> int:
    """Every statement as one line of JSON (JSON Lines), written as the attempts come.

    One statement a line streams in flat memory and is what `ralph validate` and most LRS
    import tools read; `jq -s .` turns the file into the JSON array an LRS's POST takes.
    Strings are kept exactly, control characters written as `\\u` escapes. Returns the number
    of attempts. `sign_offs` are readiness sign-offs with their trainee's name, written last.
    """
    count = 0
    for record in transcripts:
        count += 1
        for statement in _Builder(homepage, record).statements():
            out.write(json_escaped(json.dumps(statement, ensure_ascii=False)) + "\n")
    for sign_off, name in sign_offs:
        statement = sign_off_statement(homepage, sign_off, name)
        out.write(json_escaped(json.dumps(statement, ensure_ascii=False)) + "\n")
    return count


def statements_xapi(
    transcripts: Iterable[Transcript],
    *,
    homepage: str,
    sign_offs: Iterable[tuple[SignOff, str]] = (),
) -> str:
    """`write_xapi` into a string."""
    out = io.StringIO()
    write_xapi(transcripts, out, homepage=homepage, sign_offs=sign_offs)
    return out.getvalue()
