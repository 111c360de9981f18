"""Exports of attempts as text: CSV and JSON here; Markdown in `export_md`, HTML in `export_html`.

Functions of `Transcript`s (read them with `transcript`, or `iter_transcripts` to stream), each
writing to a text stream as the attempts come, with a string-returning twin for one attempt.
Whatever a trainee typed or a content file said is data, never markup or control codes:
- HTML escapes every such string (`html.escape`) and forbids scripts by its security policy;
- Markdown backslash-escapes its punctuation and sets web and e-mail addresses as code, so
  nothing renders as a link, tag or heading;
- CSV, Markdown and HTML show control characters (an escape sequence's ESC, a bidi override)
  as visible symbols, e.g. ESC as U+241B, so printing an export cannot drive a terminal;
  CSV also prefixes a cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`) with `'`;
- JSON keeps every string exactly, with control characters as `\\u` escapes.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Mapping, MutableMapping
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TextIO

from trainer.content.quiz.model import Topic
from trainer.engine.turns import turn_record
from trainer.store.attempts import other_content
from trainer.store.models import Attempt, AttemptKind, Transcript
from trainer.text import (
    json_escaped,
    visible as visible,  # re-exported: the one escaping helper of every format
)

if TYPE_CHECKING:
    from trainer.content.content_set import ContentSet

JSON_FORMAT = "trainer-attempts"
JSON_VERSION = 1

CSV_COLUMNS = (
    "trainee_id",
    "trainee",
    "attempt_id",
    "kind",
    "content_id",
    "content_hash",
    "seed",
    "mode",
    "persona_id",
    "status",
    "started_at",
    "ended_at",
    "outcome",
    "score",
    "passed",
    "effective_score",
    "effective_passed",
    "overridden_by",
    "integrity",
    "turn",
    "speaker",
    "name",
    "text",
    "node",
    "reply",
    "typed",
    "confidence",
    "points",
    "meters",
    "tags",
    "note",
    "elapsed",
    "hint_used",
    "facts",
    # Beside the turns, one row per other record of the attempt, `record` saying which.
    "record",
    "item_id",
    "answer",
    "correct",
    "seconds",
    "skill",
    "earned",
    "best",
    "percent",
    "mentor",
    "reason",
    "override_score",
    "override_passed",
    "at",
)
_TURN_COLUMNS = CSV_COLUMNS.index("turn")

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def iso_time(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def local_time(moment: datetime | None) -> str:
    """`3 Jun 2026, 14:05` in the reader's time zone, for the documents people read; or `-`."""
    if moment is None:
        return "-"
    local = moment.astimezone()
    return f"{local.day} {local:%b %Y, %H:%M}"


def attempt_kind(attempt: Attempt) -> str:
    """What the attempt was, in words: "practice call", "final exam", "quiz", "graded quiz"."""
    graded = attempt.mode.value == "exam"
    if attempt.kind is AttemptKind.EXAM:
        return "final exam"
    if attempt.kind is AttemptKind.QUIZ:
        return "graded quiz" if graded else "quiz"
    return "exam call" if graded else "practice call"


def _nothing() -> Mapping[str, str]:
    return MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Titles:
    """What Markdown and HTML show instead of ids: scenarios' and quizzes' titles, skills'
    names, quiz items' questions. An id the content no longer has is shown as it is."""

    content: Mapping[str, str] = field(default_factory=_nothing)
    skills: Mapping[str, str] = field(default_factory=_nothing)
    questions: Mapping[str, str] = field(default_factory=_nothing)
    digests: Mapping[str, str] = field(default_factory=_nothing)  # scenario or quiz id: hash
    source: ContentSet | None = None  # for replies in the words the trainee read

    def reply_words(self, record: Transcript) -> Callable[[str], str | None]:
        """A reply's `node/id` key of the record's scenario -> its words as the trainee read
        them (None when the content has it no more)."""
        content = self.source
        scenario = content.scenarios.get(record.attempt.content_id) if content else None
        if content is None or scenario is None:
            return lambda key: None
        # Imported here: the session's placeholders are only needed once an export is written.
        from trainer.content import templates
        from trainer.engine.placeholders import placeholder_values

        persona_id = record.attempt.persona_id or scenario.personas[0]
        values: MutableMapping[str, str] = {}
        if persona_id in content.personas:
            values = placeholder_values(
                content, scenario, content.persona(persona_id), trainee=record.trainee_name
            )
            if record.attempt.mode.value == "exam":  # which attempt it was is not recorded
                del values["attempt"], values["attempts_left"]

        def words(key: str) -> str | None:
            node = scenario.nodes.get(key.partition("/")[0])
            found = next((r for r in node.replies if r.key == key), None) if node else None
            return None if found is None else " ".join(templates.render(found.text, values).split())

        return words

    @classmethod
    def of(cls, content: ContentSet) -> Titles:
        titles = {s.id: s.title for s in content.summaries.values()}
        titles.update({q.id: q.title for q in content.quizzes.values()})
        questions = {
            f"{quiz.id}/{item.id}": " ".join(item.question.split())
            for quiz in content.quizzes.values()
            for item in quiz.items
        }
        # A quiz's scorecard is by topic, a call's by the rubric's skills.
        skills = {topic.value: topic.label for topic in Topic}
        skills.update({key: skill.name for key, skill in content.rubric.skills.items()})
        digests = {s.id: s.digest for s in content.summaries.values()}
        digests.update({q.id: q.digest for q in content.quizzes.values()})
        return cls(titles, skills, questions, digests, content)

    def title(self, content_id: str) -> str:
        return self.content.get(content_id, content_id)

    def skill(self, skill_id: str) -> str:
        return self.skills.get(skill_id, skill_id)

    def question(self, quiz_id: str, item_id: str) -> str:
        return self.questions.get(f"{quiz_id}/{item_id}", item_id)

    def other_content(self, attempt: Attempt) -> str:
        """`played on other content (714828c2)` when the attempt was played on a file other
        than the content in use's; "" when it was the same, or the content is not known."""
        return other_content(attempt, self.digests.get(attempt.content_id))


NO_TITLES = Titles()


# ---------------------------------------------------------------------------------------------
# CSV


def _csv_cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return int(value)
    if not isinstance(value, str):
        return value
    value = visible(value)
    return "'" + value if value.startswith(_FORMULA_START) else value


def attempts_csv(transcripts: Iterable[Transcript]) -> str:
    """`write_csv` into a string."""
    out = io.StringIO()
    write_csv(transcripts, out)
    return out.getvalue()


def write_csv(transcripts: Iterable[Transcript], out: TextIO) -> int:
    """One table, `CSV_COLUMNS`, the attempt's columns repeated on each of its rows: one row
    per turn (`record` "turn"), quiz answer ("answer"), skill score ("skill"), mentor comment
    ("note", `turn` empty for one on the whole attempt) and override ("override"); an attempt
    with none of them has one row ("attempt").

    Points, meters, tags and facts are JSON; passes are 1 or 0; an empty cell is no value. Written
    as the attempts come, so memory does not grow with the export; returns their number.
    """
    count = 0
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for record in transcripts:
        count += 1
        head = _csv_head(record)
        rows = list(_csv_rows(record)) or [{"record": "attempt"}]
        for row in rows:
            cells = (*head, *(row.get(column) for column in CSV_COLUMNS[_TURN_COLUMNS:]))
            writer.writerow([_csv_cell(value) for value in cells])
    return count


def _csv_head(record: Transcript) -> tuple[object, ...]:
    attempt, result = record.attempt, record.result
    return (
        attempt.trainee_id,
        record.trainee_name,
        attempt.id,
        attempt.kind.value,
        attempt.content_id,
        attempt.content_hash,
        attempt.seed,
        attempt.mode.value,
        attempt.persona_id,
        attempt.status.value,
        iso_time(attempt.started_at),
        iso_time(attempt.ended_at),
        attempt.outcome,
        attempt.score,
        attempt.passed,
        result.score,
        result.passed,
        result.overridden_by,
        record.integrity,
    )


def _csv_rows(record: Transcript) -> Iterable[dict[str, object]]:
    """The attempt's records, each as its cells by column name."""
    for turn in record.turns:
        yield {
            "record": "turn",
            "turn": turn.index,
            "speaker": turn.speaker,
            "name": turn.name,
            "text": turn.text,
            "node": turn.node,
            "reply": turn.reply,
            "typed": turn.typed,
            "confidence": turn.confidence,
            "points": json.dumps(dict(turn.points), ensure_ascii=False),
            "meters": json.dumps(dict(turn.meters), ensure_ascii=False),
            "tags": json.dumps(list(turn.tags), ensure_ascii=False),
            "note": turn.note,
            "elapsed": turn.elapsed,
            "hint_used": turn.hint_used,
            "facts": None
            if turn.facts is None
            else json.dumps(dict(turn.facts), ensure_ascii=False),
            "at": iso_time(turn.created_at),
        }
    for answer in record.answers:
        yield {
            "record": "answer",
            "turn": answer.number,
            "item_id": answer.item_id,
            "answer": answer.answer,
            "text": answer.answer_text,
            "correct": answer.correct,
            "earned": answer.points,
            "best": answer.max_points,
            "seconds": answer.seconds,
            "at": iso_time(answer.answered_at),
        }
    for skill in record.skills:
        yield {
            "record": "skill",
            "skill": skill.skill,
            "earned": skill.earned,
            "best": skill.best,
            "percent": skill.percent,
        }
    for note in record.notes:
        yield {
            "record": "note",
            "turn": note.turn_index,
            "mentor": note.mentor,
            "text": note.text,
            "at": iso_time(note.created_at),
        }
    for override in record.overrides:
        yield {
            "record": "override",
            "mentor": override.mentor,
            "reason": override.reason,
            "override_score": override.score,
            "override_passed": override.passed,
            "at": iso_time(override.created_at),
        }
    if record.retake is not None:
        yield {
            "record": "retake",
            "mentor": record.retake.granted_by,
            "reason": record.retake.reason,
            "at": iso_time(record.retake.granted_at),
        }


# ---------------------------------------------------------------------------------------------
# JSON


def transcript_record(record: Transcript) -> dict[str, Any]:
    """One attempt as plain JSON-ready data: the attempt, its result, turns and mentor records."""
    attempt = record.attempt
    return {
        "id": attempt.id,
        "trainee_id": attempt.trainee_id,
        "trainee": record.trainee_name,
        "kind": attempt.kind.value,
        "content_id": attempt.content_id,
        "content_hash": attempt.content_hash,
        "seed": attempt.seed,
        "mode": attempt.mode.value,
        "persona_id": attempt.persona_id,
        "status": attempt.status.value,
        "started_at": iso_time(attempt.started_at),
        "ended_at": iso_time(attempt.ended_at),
        "outcome": attempt.outcome,
        "score": attempt.score,
        "passed": attempt.passed,
        "result": {
            "score": record.result.score,
            "passed": record.result.passed,
            "overridden_by": record.result.overridden_by,
        },
        "integrity": record.integrity,
        "skills": [
            {"skill": s.skill, "earned": s.earned, "best": s.best, "percent": s.percent}
            for s in record.skills
        ],
        "turns": [
            {**turn_record(turn), "created_at": iso_time(turn.created_at)} for turn in record.turns
        ],
        "answers": [
            {
                "item_id": answer.item_id,
                "number": answer.number,
                "topic": answer.topic,
                "answer": answer.answer,
                "answer_text": answer.answer_text,
                "correct": answer.correct,
                "points": answer.points,
                "max_points": answer.max_points,
                "seconds": answer.seconds,
                "answered_at": iso_time(answer.answered_at),
            }
            for answer in record.answers
        ],
        "notes": [
            {
                "turn_index": note.turn_index,
                "mentor": note.mentor,
                "text": note.text,
                "created_at": iso_time(note.created_at),
            }
            for note in record.notes
        ],
        "overrides": [
            {
                "mentor": override.mentor,
                "score": override.score,
                "passed": override.passed,
                "reason": override.reason,
                "created_at": iso_time(override.created_at),
            }
            for override in record.overrides
        ],
        "retake": None
        if record.retake is None
        else {
            "granted_by": record.retake.granted_by,
            "reason": record.retake.reason,
            "granted_at": iso_time(record.retake.granted_at),
        },
    }


def attempts_json(transcripts: Iterable[Transcript]) -> str:
    """`write_json` into a string."""
    out = io.StringIO()
    write_json(transcripts, out)
    return out.getvalue()


def write_json(transcripts: Iterable[Transcript], out: TextIO) -> int:
    """`{"format": "trainer-attempts", "version": 1, "attempts": [...]}`, one entry per attempt.

    Strings are kept exactly; every control character is written as a `\\u` escape. The
    document is written an attempt at a time (the same text `json.dumps(..., indent=2)` would
    give for the whole), so memory does not grow with the export; returns the attempts' number.
    """
    head = {"format": JSON_FORMAT, "version": JSON_VERSION}
    out.write(json.dumps(head, indent=2)[:-2] + ',\n  "attempts": [')
    count = 0
    for record in transcripts:
        text = json.dumps(transcript_record(record), ensure_ascii=False, indent=2)
        text = json_escaped(text)
        out.write(("," if count else "") + "\n    " + text.replace("\n", "\n    "))
        count += 1
    out.write("\n  ]\n}\n" if count else "]\n}\n")
    return count


def percent_text(value: float | None) -> str:
    return "-" if value is None else f"{round(value, 1):g}%"


def passed_text(value: bool | None) -> str:
    return "-" if value is None else "passed" if value else "not passed"


def points_text(points: Mapping[str, float]) -> str:
    return ", ".join(f"{value:+g} {skill}" for skill, value in points.items())


def result_line(record: Transcript) -> str:
    attempt, result = record.attempt, record.result
    line = f"{percent_text(result.score)}, {passed_text(result.passed)}"
    if result.overridden_by is not None:
        line += (
            f" (overridden by {result.overridden_by}; originally "
            f"{percent_text(attempt.score)}, {passed_text(attempt.passed)})"
        )
    if record.flag is not None:
        line += f". FLAGGED: {record.flag}"
    return line
