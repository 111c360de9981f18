"""`trainer mentor exam`: the exam's rules in the records, changed only with a mentor's passphrase."""

from __future__ import annotations

import io
import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.cli.conftest import PASSPHRASE
from trainer.cli import main
from trainer.content.paths import bundled_content_dir
from trainer.store.database import open_store
from trainer.store.exams import exam_rule_changes, exam_rules
from trainer.store.mentors import add_mentor


def typed(monkeypatch: pytest.MonkeyPatch, *lines: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(line + "\n" for line in lines)))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "trainer.db"
    with open_store(path) as records:
        add_mentor(records, "Olga", PASSPHRASE)
    return path


def test_a_mentor_sets_the_attempts_and_the_audit_line_says_who_what_why(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    typed(monkeypatch, PASSPHRASE)
    args = ["mentor", "exam", "attempts", "3", "--reason", "Board decision", "--db", str(db)]
    assert main(args) == 0
    assert "now allows 3 attempts" in capsys.readouterr().out
    with open_store(db) as records:
        rules = exam_rules(records)
        assert rules is not None and rules.attempts == 3
        # First use fixed the bundled programme's pool; then the mentor's change.
        assert len(rules.pool) >= 3
        last = exam_rule_changes(records)[-1]
    assert (last.mentor, last.change, last.reason) == ("Olga", "attempts 2 -> 3", "Board decision")
    typed(monkeypatch, PASSPHRASE)
    assert main(["mentor", "exam", "show", "--db", str(db)]) == 0
    shown = capsys.readouterr().out
    assert "Attempts before a retake is needed: 3" in shown
    assert "Olga: attempts 2 -> 3 (Board decision)" in shown


def test_a_wrong_passphrase_changes_nothing(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    typed(monkeypatch, "not the passphrase")
    args = ["mentor", "exam", "attempts", "9", "--reason", "I want more", "--db", str(db)]
    assert main(args) == 1
    assert "only a mentor can change the exam's rules" in capsys.readouterr().err
    with sqlite3.connect(db) as raw:
        assert raw.execute("SELECT count(*) FROM exam_rule_changes").fetchone() == (0,)


def test_a_reason_is_required_and_bad_input_is_one_line(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["mentor", "exam", "attempts", "3", "--db", str(db)])
    assert exit_.value.code != 0
    typed(monkeypatch, PASSPHRASE)
    args = ["mentor", "exam", "attempts", "0", "--reason", "none", "--db", str(db)]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "at least one attempt" in err and "Traceback" not in err


def test_a_changed_exam_file_needs_the_mentors_acceptance(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "content"
    for folder in ("scenarios", "personas", "quizzes"):
        shutil.copytree(bundled_content_dir() / folder, copy / folder)
    typed(monkeypatch, PASSPHRASE)
    assert main(["mentor", "exam", "show", "--db", str(db), "--content", str(copy)]) == 0
    capsys.readouterr()
    typed(monkeypatch, PASSPHRASE)
    fix = ["mentor", "exam", "attempts", "2", "--reason", "first", "--db", str(db)]
    assert main([*fix, "--content", str(copy)]) == 0
    exam = copy / "scenarios" / "final_exam_clinic_group.yaml"
    exam.write_text(exam.read_text(encoding="utf-8") + "# prices checked\n", encoding="utf-8")
    typed(monkeypatch, PASSPHRASE)
    assert main(["mentor", "exam", "show", "--db", str(db), "--content", str(copy)]) == 0
    assert "final_exam_clinic_group: CHANGED since accepted" in capsys.readouterr().out
    typed(monkeypatch, PASSPHRASE)
    accept = ["mentor", "exam", "accept", "final_exam_clinic_group", "--reason", "Checked"]
    assert main([*accept, "--db", str(db), "--content", str(copy)]) == 0
    typed(monkeypatch, PASSPHRASE)
    assert main(["mentor", "exam", "show", "--db", str(db), "--content", str(copy)]) == 0
    assert "final_exam_clinic_group: accepted as it is" in capsys.readouterr().out
    typed(monkeypatch, PASSPHRASE)
    assert main(["mentor", "exam", "accept", "no_such_exam", "--reason", "x", "--db", str(db)]) == 1
    assert "'no_such_exam' is no exam scenario of the content" in capsys.readouterr().err
