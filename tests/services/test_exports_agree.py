"""Every export format carries the same facts: turns, answers, skill scores, mentor comments and
overrides, read back from CSV, JSON, Markdown and HTML of a team's records."""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict

from tests.services.seeded import seed_team
from trainer.content.content_set import ContentSet
from trainer.store.database import Store
from trainer.store.export import attempts_csv, attempts_json, transcript_markdown
from trainer.store.export_html import transcript_html
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
