"""Store: what typed words stated, and how they were judged, lands with the turn in the database."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from trainer.content.loader import load_content
from trainer.content.paths import bundled_content_dir
from trainer.engine.session import Session
from trainer.store.attempts import record_turn, start_attempt, turns_for
from trainer.store.database import Store
from trainer.store.models import Trainee
from trainer.store.schema import LATEST_VERSION
from trainer.store.transcripts import transcript

BUNDLED = load_content(bundled_content_dir())


def test_facts_mismatches_and_off_script_kinds_are_stored_and_read_back(
    store: Store, trainee: Trainee, db_path: Path
) -> None:
    scenario = BUNDLED.scenario("upsell_volume_deferred")
    session = Session(BUNDLED, scenario, seed=1)
    session.jump("switch_check")
    session.say("Then take two S8P switches, 24 ports each, 410 euros each, in stock")
    session.say("Calm down, mate")
    attempt = start_attempt(
        store,
        trainee.id,
        kind="call",
        content_id=scenario.id,
        content_hash=scenario.digest,
        seed=1,
        mode="practice",
        persona_id=session.persona.id,
    )
    for turn in session.turns:
        record_turn(store, attempt.id, turn)

    raw = sqlite3.connect(db_path)
    rows = raw.execute(
        "SELECT typed_text, confidence, facts_json FROM turns WHERE attempt_id = ? "
        "AND typed_text IS NOT NULL ORDER BY idx",
        (attempt.id,),
    ).fetchall()
    raw.close()
    (wrong_typed, confidence, wrong_json), (rude_typed, _, rude_json) = rows
    assert wrong_typed.startswith("Then take two S8P") and confidence > 0
    wrong = json.loads(wrong_json)
    assert wrong["found"]["products"] == ["S8P"]
    assert "you said S8P: the reply that fits is the S24P" in wrong["mismatches"]
    assert rude_typed == "Calm down, mate" and json.loads(rude_json)["off_script"] == "rude"
    client_rows = [t for t in turns_for(store, attempt.id) if t.typed is None]
    assert all(t.facts is None for t in client_rows)

    kept = [t for t in transcript(store, attempt.id).turns if t.typed is not None]
    assert kept[0].facts is not None and kept[0].facts["mismatches"] == wrong["mismatches"]
    assert kept[1].facts is not None and kept[1].facts["off_script"] == "rude"


def test_the_facts_column_exists_at_the_latest_version(store: Store, db_path: Path) -> None:
    raw = sqlite3.connect(db_path)
    columns = {row[1] for row in raw.execute("PRAGMA table_info(turns)")}
    (version,) = raw.execute("PRAGMA user_version").fetchone()
    raw.close()
    assert "facts_json" in columns
    assert version == LATEST_VERSION
