"""A readiness sign-off reaches a real LRS (ralph on loopback) once, as the mapping says."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.lrs_team import MENTOR
from tests.cli.test_lrs import homepage, lrs, run, team  # noqa: F401  (the LRS fixtures)
from tests.lrs_server import LrsServer
from trainer.store.database import open_store
from trainer.store.worklog import sign_off


def test_a_sign_off_is_pushed_once_and_the_lrs_takes_it_as_valid_xapi(
    lrs: LrsServer,  # noqa: F811
    team: tuple[Path, dict[str, str]],  # noqa: F811
    homepage: str,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db, _ = team
    assert run(monkeypatch, "lrs", "push", "--endpoint", lrs.endpoint, "--db", str(db)) == 0
    before = len(lrs.statements(homepage))
    with open_store(db) as records:
        anna = records.conn.execute("SELECT id FROM trainees WHERE name = 'Anna'").fetchone()[0]
        sign_off(records, anna, MENTOR, "Over plan for two months; no order late.")
    capsys.readouterr()
    assert run(monkeypatch, "lrs", "push", "--endpoint", lrs.endpoint, "--db", str(db)) == 0
    assert "Sent 1 new statement" in capsys.readouterr().out
    statements = lrs.statements(homepage)
    assert len(statements) == before + 1
    (signed,) = [s for s in statements if s["verb"]["id"].endswith("/satisfied")]
    assert signed["object"]["id"] == f"{homepage}/trainer/programme"
    assert signed["actor"]["account"]["name"] == str(anna)
    assert signed["context"]["instructor"]["account"]["name"] == f"mentor:{MENTOR}"
    assert run(monkeypatch, "lrs", "push", "--endpoint", lrs.endpoint, "--db", str(db)) == 0
    assert "Nothing new to send" in capsys.readouterr().out
