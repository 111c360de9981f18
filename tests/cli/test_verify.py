"""`trainer mentor verify` and `verify-certificate`, through main(), on a real team's database."""

from __future__ import annotations

import io
import json
import sqlite3
import uuid
from pathlib import Path

import pytest

from tests.services.seeded import Team, seed_team
from trainer.cli import main
from trainer.content.content_set import ContentSet
from trainer.content.loader import load_content
from trainer.content.paths import bundled_content_dir
from trainer.services.accounts import TraineeCard
from trainer.services.certificates import certificate, save_certificate
from trainer.services.integrity import check_records
from trainer.store.database import open_store
from trainer.store.mentors import add_mentor

MENTOR, PASSPHRASE = "Olga Sidorova", "correct horse battery"


@pytest.fixture(scope="module")
def bundled() -> ContentSet:
    return load_content(bundled_content_dir())


@pytest.fixture
def team(tmp_path: Path, bundled: ContentSet) -> tuple[Path, Team]:
    """A team's records as the services write them (less the call the seeding jumps through a
    test device, whose turns rightly do not follow from its moves)."""
    db = tmp_path / "trainer.db"
    with open_store(db) as store:
        team = seed_team(store, bundled, add_mentor(store, MENTOR, PASSPHRASE))
        (jumped,) = [f.attempt_id for f in check_records(store, bundled) if f.flagged]
    tamper(db, "DELETE FROM attempts WHERE id = ?", jumped)
    return db, team


def tamper(db: Path, sql: str, *parameters: object) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute(sql, parameters)


def run(db: Path, monkeypatch: pytest.MonkeyPatch, *words: str) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSPHRASE + "\n"))
    return main([*words, "--db", str(db), "--content", str(bundled_content_dir())])


def saved_certificate(db: Path, team: Team, bundled: ContentSet, path: Path) -> Path:
    assert bundled.programme is not None
    with open_store(db) as store:
        card = TraineeCard(team.anna.id, team.anna.name, has_pin=False)
        found = certificate(store, card, bundled.programme)
    assert found is not None
    return save_certificate(found, bundled.scenario(found.scenario_id).title, path)


def test_an_honest_team_verifies_clean(
    team: tuple[Path, Team], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db, _ = team
    assert run(db, monkeypatch, "mentor", "verify") == 0
    out = capsys.readouterr().out
    assert "FLAGGED" not in out
    assert "match their transcripts, 0 flagged" in out


def test_tampered_records_are_listed_and_exit_1(
    team: tuple[Path, Team], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db, crew = team
    with sqlite3.connect(db) as conn:
        _, content_id, content_hash = conn.execute(
            "SELECT id, content_id, content_hash FROM attempts WHERE kind = 'exam' LIMIT 1"
        ).fetchone()
        call_id = conn.execute(
            "SELECT id FROM attempts WHERE kind = 'call' AND trainee_id = ? "
            "AND status = 'completed' LIMIT 1",
            (crew.ben.id,),
        ).fetchone()[0]
    forged = uuid.uuid4().hex
    tamper(
        db,
        "INSERT INTO attempts (id, trainee_id, kind, content_id, content_hash, seed, mode, "
        "started_at, ended_at, status, outcome, score, passed, pid, host) VALUES (?, ?, 'exam', "
        "?, ?, 1, 'exam', '2026-11-29T10:00:00+00:00', '2026-11-29T10:05:00+00:00', "
        "'completed', 'deal_closed', 97.5, 1, 1, 'x')",
        forged,
        crew.ben.id,
        content_id,
        content_hash,
    )
    tamper(db, "UPDATE attempts SET score = 99, passed = 1 WHERE id = ?", call_id)
    assert run(db, monkeypatch, "mentor", "verify") == 1
    out = capsys.readouterr().out
    assert out.count("FLAGGED") == 2
    assert f"FLAGGED {forged}" in out and "a finished exam with no turns" in out
    assert f"FLAGGED {call_id}" in out and "is not what its turns earn" in out
    assert "2 flagged" in out
    # One trainee's records only: Anna's are untouched.
    assert run(db, monkeypatch, "mentor", "verify", "--trainee", "anna berg") == 0
    assert "0 flagged" in capsys.readouterr().out
    # An export asked to check carries each record's verdict.
    assert run(db, monkeypatch, "export", "--format", "json", "--verify") == 0
    exported = json.loads(capsys.readouterr().out)["attempts"]
    flags = {a["id"]: a["integrity"] for a in exported if a["integrity"] != "ok"}
    assert set(flags) == {forged, call_id}
    assert flags[forged].startswith("this record does not match its transcript: ")
    assert run(db, monkeypatch, "export", "--format", "csv", "--verify") == 0
    rows = capsys.readouterr().out.splitlines()
    column = rows[0].split(",").index("integrity")
    assert all(
        row.split(",")[column] == "ok"
        for row in rows[1:]
        if call_id not in row and forged not in row
    )
    assert run(db, monkeypatch, "export", "--format", "md", "--verify") == 0
    assert capsys.readouterr().out.count("FLAGGED: this record does not match") == 2
    # Unasked, an export does not play every call again: it says nothing was checked.
    assert run(db, monkeypatch, "export", "--format", "json") == 0
    exported = json.loads(capsys.readouterr().out)["attempts"]
    assert {a["integrity"] for a in exported} == {None}
    assert run(db, monkeypatch, "export", "--format", "xapi", "--verify") == 1
    assert "--verify does not apply to xapi" in capsys.readouterr().err


def test_verify_needs_the_mentors_passphrase(
    team: tuple[Path, Team], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db, _ = team
    monkeypatch.setattr("sys.stdin", io.StringIO("not the passphrase\n"))
    assert main(["mentor", "verify", "--db", str(db)]) != 0
    assert "only a mentor can" in capsys.readouterr().err


@pytest.mark.parametrize("suffix", [".md", ".txt"])
def test_a_real_certificate_verifies_and_an_edited_one_does_not(
    team: tuple[Path, Team],
    bundled: ContentSet,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    suffix: str,
) -> None:
    db, crew = team
    saved = saved_certificate(db, crew, bundled, tmp_path / f"cert{suffix}")
    text = saved.read_text(encoding="utf-8")
    assert "Check code:" in text
    assert run(db, monkeypatch, "mentor", "verify-certificate", str(saved)) == 0
    assert "valid" in capsys.readouterr().out
    assert run(db, monkeypatch, "mentor", "verify", "--certificate", str(saved)) == 0
    capsys.readouterr()
    edits = {
        "score": text.replace("91%", "99%"),
        "name": text.replace("Anna Berg", "Ben Okoro"),
        "code": text.replace("Check code:", "Check code: 0000-").replace("0000- ", "0000-"),
    }
    assert all(edited != text for edited in edits.values())
    for what, edited in edits.items():
        forged = tmp_path / f"forged-{what}{suffix}"
        forged.write_text(edited, encoding="utf-8")
        assert run(db, monkeypatch, "mentor", "verify-certificate", str(forged)) == 1, what
        out = capsys.readouterr().out
        assert "NOT valid" in out, what
    # The certificate's record tampered with afterwards: a turn gone.
    attempt = text.split("Attempt:")[1].split()[0].strip("`")
    tamper(db, "DELETE FROM turns WHERE attempt_id = ? AND idx = 2", attempt)
    assert run(db, monkeypatch, "mentor", "verify-certificate", str(saved)) == 1
    assert "does not match its transcript" in capsys.readouterr().out


def test_a_certificate_for_a_hand_inserted_exam_is_not_valid(
    team: tuple[Path, Team],
    bundled: ContentSet,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db, crew = team
    saved = saved_certificate(db, crew, bundled, tmp_path / "cert.md")
    real = saved.read_text(encoding="utf-8").split("Attempt:")[1].split()[0].strip("`")
    forged = uuid.uuid4().hex
    tamper(
        db,
        "INSERT INTO attempts (id, trainee_id, kind, content_id, content_hash, seed, mode, "
        "started_at, ended_at, status, outcome, score, passed, pid, host) "
        "SELECT ?, ?, kind, content_id, content_hash, seed, mode, started_at, ended_at, status, "
        "outcome, 91, 1, pid, host FROM attempts WHERE id = ?",
        forged,
        crew.ben.id,
        real,
    )
    # The forger writes the certificate text and even recomputes the code from the data.
    from trainer.services.certificates import check_code
    from trainer.store.attempts import get_attempt

    with open_store(db) as store:
        row = get_attempt(store, forged)
    assert row.ended_at is not None
    code = check_code(forged, "Ben Okoro", row.ended_at, 91)
    text = saved.read_text(encoding="utf-8").replace("Anna Berg", "Ben Okoro")
    text = text.replace(real, forged)
    text = "\n".join(
        f"- Check code: `{code}`" if line.startswith("- Check code:") else line
        for line in text.splitlines()
    )
    fake = tmp_path / "ben.md"
    fake.write_text(text, encoding="utf-8")
    assert run(db, monkeypatch, "mentor", "verify-certificate", str(fake)) == 1
    out = capsys.readouterr().out
    assert "a finished exam with no turns" in out and "NOT valid" in out
    assert run(db, monkeypatch, "mentor", "verify-certificate", str(tmp_path / "none.md")) == 1


def test_a_file_that_is_no_certificate_is_refused(
    team: tuple[Path, Team],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db, _ = team
    note = tmp_path / "note.txt"
    note.write_text("Anna Berg is cleared to work with real clients.\n", encoding="utf-8")
    assert run(db, monkeypatch, "mentor", "verify-certificate", str(note)) == 1
    assert "not a trainer certificate" in capsys.readouterr().out


def test_a_certificate_whose_pass_a_mentor_withdrew_is_not_valid(
    team: tuple[Path, Team],
    bundled: ContentSet,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from trainer.store.reviews import override_attempt

    db, crew = team
    saved = saved_certificate(db, crew, bundled, tmp_path / "cert.txt")
    with open_store(db) as store:
        override_attempt(store, crew.overridden, MENTOR, reason="read from notes", passed=False)
    assert run(db, monkeypatch, "mentor", "verify-certificate", str(saved)) == 1
    out = capsys.readouterr().out
    assert f"the exam {crew.overridden} is not passed in the records" in out
