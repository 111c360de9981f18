"""Every export format carries the same facts: turns, answers, skill scores, mentor comments and
overrides, read back from CSV, JSON, Markdown and HTML of a team's records."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections import defaultdict
from pathlib import Path

from tests.services.seeded import seed_team
from trainer.content.content_set import ContentSet
from trainer.services import mentor as review
from trainer.store.database import Store
from trainer.store.export import (
    Titles,
    attempts_csv,
    attempts_json,
    local_time,
)
from trainer.store.export_html import transcript_html
from trainer.store.export_md import transcript_markdown
from trainer.store.mentors import Mentor
from trainer.store.transcripts import iter_transcripts

Facts = dict[str, set[tuple[str, ...]]]


def from_json(text: str) -> Facts:
    facts: Facts = defaultdict(set)
    for attempt in json.loads(text)["attempts"]:
        key = attempt["id"]
        facts[key] |= {("turn", str(t["index"]), t["text"]) for t in attempt["turns"]}
        facts[key] |= {
            ("answer", a["item_id"], a["answer_text"], str(int(a["correct"])))
            for a in attempt["answers"]
        }
        facts[key] |= {("skill", s["skill"], f"{s['percent']:g}") for s in attempt["skills"]}
        facts[key] |= {("note", n["mentor"], n["text"]) for n in attempt["notes"]}
        facts[key] |= {("override", o["mentor"], o["reason"]) for o in attempt["overrides"]}
    return facts


def cell(value: str) -> str:
    """A cell as written before CSV defused a spreadsheet formula with a leading `'`."""
    return value[1:] if value[:1] == "'" and value[1:2] in ("=", "+", "-", "@") else value


def from_csv(text: str) -> Facts:
    facts: Facts = defaultdict(set)
    for raw in csv.DictReader(io.StringIO(text)):
        row = {column: cell(value) for column, value in raw.items()}
        kind, key = row["record"], row["attempt_id"]
        fields = {
            "turn": (row["turn"], row["text"]),
            "answer": (row["item_id"], row["text"], row["correct"]),
            "skill": (row["skill"], f"{float(row['percent']):g}" if row["percent"] else ""),
            "note": (row["mentor"], row["text"]),
            "override": (row["mentor"], row["reason"]),
        }.get(kind)
        if fields is not None:
            facts[key].add((kind, *fields))
    return facts


def test_csv_and_json_carry_the_same_facts_and_md_html_show_the_mentors_records(
    store: Store, bundled: ContentSet, mentor: Mentor
) -> None:
    seed_team(store, bundled, mentor)
    records = list(iter_transcripts(store))
    as_json = from_json(attempts_json(records))
    as_csv = from_csv(attempts_csv(records))
    assert as_csv == as_json
    kinds = {fact[0] for facts in as_json.values() for fact in facts}
    assert kinds == {"turn", "answer", "skill", "note", "override"}
    for record in records:
        documents = (transcript_markdown(record), transcript_html(record))
        for note in record.notes:
            assert all(note.text.rstrip(".") in document for document in documents)
        for override in record.overrides:
            assert all(override.reason in document for document in documents)
        for answer in record.answers:
            assert all(answer.answer_text.split()[0] in document for document in documents)


def test_markdown_and_html_show_titles_and_readable_dates_not_ids(
    store: Store, bundled: ContentSet, mentor: Mentor, tmp_path: Path
) -> None:
    team = seed_team(store, bundled, mentor)
    titles = Titles.of(bundled)
    records = list(iter_transcripts(store, trainee_id=team.anna.id))
    quiz = next(r for r in records if r.attempt.content_id == "product_quiz")
    call = next(r for r in records if r.attempt.kind.value == "call" and r.skills)
    for record in (quiz, call):
        for document in (
            transcript_markdown(record, titles),
            transcript_html(record, titles=titles),
        ):
            assert bundled.scenarios.get(record.attempt.content_id, None) is None or (
                bundled.scenario(record.attempt.content_id).title in document
            )
            assert not re.search(r"\d{4}-\d\d-\d\dT\d\d:\d\d", document), "an ISO timestamp"
            assert local_time(record.attempt.started_at) in document
            for skill in record.skills:
                named = titles.skill(skill.skill)
                assert named != skill.skill
                assert named in document or html.escape(named) in document
            for answer in record.answers:
                question = titles.question("product_quiz", answer.item_id)
                assert question != answer.item_id
                assert question.split()[0] in document and answer.item_id not in document
    assert bundled.quizzes["product_quiz"].title in transcript_markdown(quiz, titles)
    # The mentor's screen exports through the service with the content in use.
    path = tmp_path / "quiz.md"
    review.export_transcript(
        store, quiz.attempt.id, review.ExportFormat.MARKDOWN, path, content=bundled
    )
    assert path.read_text(encoding="utf-8") == transcript_markdown(quiz, titles)


def test_an_exam_taken_on_a_retake_carries_its_reason_in_every_format(
    store: Store, bundled: ContentSet, mentor: Mentor
) -> None:
    from tests.store.conftest import call
    from trainer.store.exams import grant_retake
    from trainer.store.trainees import add_trainee
    from trainer.store.xapi import EXTENSIONS, statements_for

    dana = add_trainee(store, "Dana Retake")
    first, second = (
        call(store, dana.id, kind="exam", content_id="x", outcome="lost", passed=False)
        for _ in range(2)
    )
    grant_retake(store, dana.id, mentor.name, "ill on exam day, <b>not</b> unprepared")
    third = call(store, dana.id, kind="exam", content_id="x", outcome="deal", passed=True)
    records = {r.attempt.id: r for r in iter_transcripts(store, trainee_id=dana.id)}
    assert [records[a.id].retake is not None for a in (first, second, third)] == [
        False,
        False,
        True,
    ]
    reason = "ill on exam day, <b>not</b> unprepared"
    record = records[third.id]
    (in_json,) = [a["retake"] for a in json.loads(attempts_json([record]))["attempts"]]
    assert (in_json["granted_by"], in_json["reason"]) == (mentor.name, reason)
    rows = [
        r for r in csv.DictReader(io.StringIO(attempts_csv([record]))) if r["record"] == "retake"
    ]
    assert [(r["mentor"], r["reason"]) for r in rows] == [(mentor.name, reason)]
    assert f"Retake: granted by **{mentor.name}**" in transcript_markdown(record)
    assert "ill on exam day" in transcript_markdown(record)
    assert html.escape(reason) in transcript_html(record)
    statements = statements_for("https://lms.example.com", record)
    grants = {
        json.dumps(s["context"]["extensions"].get(EXTENSIONS["retake"]), sort_keys=True)
        for s in statements
    }
    (only,) = grants
    assert json.loads(only)["reason"] == reason
    assert json.loads(attempts_json([records[first.id]]))["attempts"][0]["retake"] is None
