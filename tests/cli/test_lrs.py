"""`trainer lrs push` and `trainer export --format xapi` against a real LRS on loopback (ralph)."""

from __future__ import annotations

import http.server
import io
import json
import threading
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import PASSPHRASE, store_call
from tests.cli.lrs_team import seed
from tests.lrs_server import PASSWORD, USERNAME, LrsServer, free_port
from trainer.cli import main
from trainer.content.loader import load_content
from trainer.store.database import open_store
from trainer.store.lrs import pushed_count
from trainer.store.trainees import add_trainee

# ralph's LRS, and what its server needs (the `lrs` extra); ralph.api itself is imported only
# by the server process, which configures it.
for _module in ("ralph.models.xapi", "fastapi", "uvicorn", "bcrypt"):
    pytest.importorskip(_module, reason="the LRS tests need ralph: pip install 'ralph-malph[lrs]'")


@pytest.fixture(scope="session")
def lrs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LrsServer]:
    """One LRS for the whole run: each test keeps to its own accounts' home page."""
    server = LrsServer(tmp_path_factory.mktemp("lrs"))
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def homepage(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    """A home page of this test's own, the LRS's credentials in the environment, no config."""
    page = f"https://team-{uuid.uuid4().hex[:8]}.example"
    monkeypatch.setenv("TRAINER_XAPI_HOMEPAGE", page)
    monkeypatch.setenv("TRAINER_LRS_USERNAME", USERNAME)
    monkeypatch.setenv("TRAINER_LRS_PASSWORD", PASSWORD)
    monkeypatch.delenv("TRAINER_LRS_CONFIG", raising=False)
    monkeypatch.delenv("TRAINER_LRS_ENDPOINT", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return page


@pytest.fixture
def team(mini: Path, tmp_path: Path) -> tuple[Path, dict[str, str]]:
    path = tmp_path / "trainer.db"
    return path, seed(mini, path)


def run(monkeypatch: pytest.MonkeyPatch, *argv: str, stdin: str = PASSPHRASE) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin + "\n"))
    return main(list(argv))


def exported(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], db: Path
) -> list[dict[str, Any]]:
    assert run(monkeypatch, "export", "--db", str(db), "--format", "xapi") == 0
    lines = capsys.readouterr().out.splitlines()
    return [json.loads(line) for line in lines]


def test_the_export_is_one_valid_xapi_statement_a_line(
    team: tuple[Path, dict[str, str]],
    homepage: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from pydantic import ValidationError
    from ralph.models.xapi.base.statements import BaseXapiStatement

    db, ids = team
    output = tmp_path / "team.jsonl"
    assert (
        run(monkeypatch, "export", "--db", str(db), "--format", "xapi", "--output", str(output))
        == 0
    )
    assert capsys.readouterr().err.strip() == f"wrote 5 attempts to {output}"
    text = output.read_text(encoding="utf-8")
    assert text.endswith("\n") and oct(output.stat().st_mode)[-3:] == "600"
    statements = [json.loads(line) for line in text.splitlines()]
    for statement in statements:
        BaseXapiStatement.model_validate(statement)  # ralph's strict xAPI 1.0.3 model
    # ... which does refuse what breaks the spec: the check can fail.
    for broken in (
        {**statements[0], "verb": {"id": "attempted"}},
        {**statements[0], "timestamp": "yesterday"},
        {**statements[-1], "result": {"score": {"scaled": 1.5}}},
        {key: value for key, value in statements[0].items() if key != "actor"},
    ):
        with pytest.raises(ValidationError):
            BaseXapiStatement.model_validate(broken)
    assert len({s["id"] for s in statements}) == len(statements)
    verbs = Counter(s["verb"]["display"]["en-US"] for s in statements)
    # 5 attempts started; 3 + 2 + 1 + 3 trainee replies; 2 quiz answers; 4 attempts ended
    # (the won call and the exam passed, the lost call and the quiz failed); 2 overrides: the
    # first passes the lost call, the second keeps that pass and gives it a new score.
    assert verbs == Counter(attempted=5, responded=9, answered=2, passed=4, failed=2), verbs
    by_registration = Counter(s["context"]["registration"] for s in statements)
    assert by_registration[str(uuid.UUID(ids["open"]))] == 2  # attempted, one reply, no end
    # Exported again: byte for byte the same statements (the ids and the content).
    assert exported(monkeypatch, capsys, db) == statements


def test_push_sends_everything_and_the_lrs_returns_it(
    lrs: LrsServer,
    team: tuple[Path, dict[str, str]],
    homepage: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db, ids = team
    statements = exported(monkeypatch, capsys, db)
    assert run(monkeypatch, "lrs", "--db", str(db)) == 0
    assert "Nothing was sent to an LRS yet" in capsys.readouterr().out
    assert run(monkeypatch, "lrs", "push", "--endpoint", lrs.endpoint, "--db", str(db)) == 0
    out = capsys.readouterr().out
    assert f"Sent {len(statements)} new statements to {lrs.endpoint}" in out
    assert run(monkeypatch, "lrs", "--db", str(db)) == 0
    assert (
        f"{lrs.endpoint}: {len(statements)} statements, the latest sent " in capsys.readouterr().out
    )

    stored = lrs.statements(homepage)
    assert sorted(s["id"] for s in stored) == sorted(s["id"] for s in statements)
    # A sample read back by id: the exam's result, as the LRS keeps it.
    exam_end = next(
        s
        for s in statements
        if s["context"]["registration"] == str(uuid.UUID(ids["exam"]))
        and s["verb"]["display"]["en-US"] == "passed"
    )
    kept = lrs.statement(exam_end["id"])
    for part in ("actor", "verb", "object", "result", "context"):
        assert kept[part] == exam_end[part], part
    assert kept["actor"]["account"] == {
        "homePage": homepage,
        "name": kept["actor"]["account"]["name"],
    }
    assert kept["object"]["id"] == f"{homepage}/trainer/exam"
    assert kept["result"]["score"]["scaled"] == round(kept["result"]["score"]["raw"] / 100, 4)


def test_a_second_push_sends_nothing_new_and_a_new_attempt_alone(
    lrs: LrsServer,
    team: tuple[Path, dict[str, str]],
    mini: Path,
    homepage: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db, _ = team
    assert run(monkeypatch, "lrs", "push", "--endpoint", lrs.endpoint, "--db", str(db)) == 0
    first = len(lrs.statements(homepage))
    capsys.readouterr()
    assert run(monkeypatch, "lrs", "push", "--endpoint", lrs.endpoint + "/", "--db", str(db)) == 0
    assert "Nothing new to send" in capsys.readouterr().out
    assert len(lrs.statements(homepage)) == first

    with open_store(db) as records:
        trainee = add_trainee(records, "Chen")
        store_call(records, load_content(mini), trainee.id, [("pick", "push")], seed=8)
    assert run(monkeypatch, "lrs", "push", "--endpoint", lrs.endpoint, "--db", str(db)) == 0
    # The new call alone: attempted, one reply, its end.
    assert "Sent 3 new statements" in capsys.readouterr().out
    assert len(lrs.statements(homepage)) == first + 3


def test_a_stopped_lrs_fails_in_one_line_and_the_next_push_completes(
    lrs: LrsServer,
    team: tuple[Path, dict[str, str]],
    homepage: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db, _ = team
    total = len(exported(monkeypatch, capsys, db))
    lrs.stop()
    try:
        code = run(monkeypatch, "lrs", "push", "--endpoint", lrs.endpoint, "--db", str(db))
        err = capsys.readouterr().err
    finally:
        lrs.start()
    assert code == 1
    line = err.strip().splitlines()[-1]
    assert line.startswith(f"trainer: the LRS at {lrs.endpoint} cannot be reached (")
    assert "nothing is lost: the next push sends the rest" in line
    assert "Traceback" not in err
    with open_store(db) as records:
        assert pushed_count(records, lrs.endpoint) == 0

    assert run(monkeypatch, "lrs", "push", "--endpoint", lrs.endpoint, "--db", str(db)) == 0
    assert f"Sent {total} new statements" in capsys.readouterr().out
    assert len(lrs.statements(homepage)) == total


def test_a_push_stopped_part_way_resumes_after_the_last_batch_the_lrs_took(
    lrs: LrsServer,
    team: tuple[Path, dict[str, str]],
    homepage: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Batches of 4; the third request finds the LRS gone: the first two are kept as sent."""
    from trainer.services import lrs as service

    db, _ = team
    total = len(exported(monkeypatch, capsys, db))
    calls = 0
    real_post = service.LrsClient.post

    def flaky(self: service.LrsClient, batch: Any) -> None:
        nonlocal calls
        calls += 1
        if calls == 3:
            raise service.Unreachable("Connection reset by peer")
        real_post(self, batch)

    monkeypatch.setattr(service, "BATCH", 4)
    monkeypatch.setattr(service.LrsClient, "post", flaky)
    assert run(monkeypatch, "lrs", "push", "--endpoint", lrs.endpoint, "--db", str(db)) == 1
    err = capsys.readouterr().err
    assert "8 statements were sent first and are recorded" in err
    assert len(lrs.statements(homepage)) == 8

    monkeypatch.setattr(service.LrsClient, "post", real_post)
    assert run(monkeypatch, "lrs", "push", "--endpoint", lrs.endpoint, "--db", str(db)) == 0
    assert f"Sent {total - 8} new statements" in capsys.readouterr().out
    assert len(lrs.statements(homepage)) == total


def test_statements_the_lrs_has_but_the_database_forgot_are_taken_again(
    lrs: LrsServer,
    team: tuple[Path, dict[str, str]],
    homepage: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A crash between the LRS's answer and the record: the same statements, no conflict."""
    db, _ = team
    assert run(monkeypatch, "lrs", "push", "--endpoint", lrs.endpoint, "--db", str(db)) == 0
    count = len(lrs.statements(homepage))
    with open_store(db) as records:
        records.conn.execute("DELETE FROM lrs_pushes")
    capsys.readouterr()
    assert run(monkeypatch, "lrs", "push", "--endpoint", lrs.endpoint, "--db", str(db)) == 0
    assert f"Sent {count} new statements" in capsys.readouterr().out
    assert len(lrs.statements(homepage)) == count


def test_wrong_credentials_are_refused_in_one_line_and_nothing_is_marked_sent(
    lrs: LrsServer,
    team: tuple[Path, dict[str, str]],
    homepage: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db, _ = team
    monkeypatch.setenv("TRAINER_LRS_PASSWORD", "not the password")
    assert run(monkeypatch, "lrs", "push", "--endpoint", lrs.endpoint, "--db", str(db)) == 1
    err = capsys.readouterr().err.strip()
    assert err.splitlines()[-1].startswith(
        f"trainer: the LRS at {lrs.endpoint} refused the credentials of '{USERNAME}' (HTTP 401"
    )
    assert "not the password" not in err
    with open_store(db) as records:
        assert pushed_count(records, lrs.endpoint) == 0
    assert lrs.statements(homepage) == []


def test_a_statement_the_lrs_refuses_is_named_and_the_rest_before_it_are_kept(
    lrs: LrsServer,
    team: tuple[Path, dict[str, str]],
    homepage: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A statement that breaks xAPI (here an id that is no UUID) is found in its batch by
    halving it; the statements before it are stored and recorded, none after it is lost."""
    from trainer.store import xapi

    db, ids = team
    real_id = xapi.statement_id

    def broken(name: str) -> str:
        return "not-a-uuid" if "/answer/" in name else real_id(name)

    monkeypatch.setattr(xapi, "statement_id", broken)
    assert run(monkeypatch, "lrs", "push", "--endpoint", lrs.endpoint, "--db", str(db)) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert f"refused the 'answered' statement not-a-uuid of attempt {ids['quiz']}" in err[0]
    assert "(HTTP 422: " in err[0] and "nothing is lost" in err[0]
    sent = lrs.statements(homepage)
    assert sent and all(s["verb"]["display"]["en-US"] != "answered" for s in sent)

    monkeypatch.setattr(xapi, "statement_id", real_id)  # fixed: the next push sends the rest
    assert run(monkeypatch, "lrs", "push", "--endpoint", lrs.endpoint, "--db", str(db)) == 0
    capsys.readouterr()
    assert len(lrs.statements(homepage)) == len(exported(monkeypatch, capsys, db))


def test_push_needs_a_mentors_passphrase(
    lrs: LrsServer,
    team: tuple[Path, dict[str, str]],
    homepage: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db, _ = team
    code = run(
        monkeypatch, "lrs", "push", "--endpoint", lrs.endpoint, "--db", str(db), stdin="guess"
    )
    assert code == 1
    assert "only a mentor can send trainees' records to an LRS" in capsys.readouterr().err
    assert lrs.statements(homepage) == []


def test_nothing_listening_is_one_line_too(
    team: tuple[Path, dict[str, str]],
    homepage: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db, _ = team
    endpoint = f"http://127.0.0.1:{free_port()}/xAPI"
    assert run(monkeypatch, "lrs", "push", "--endpoint", endpoint, "--db", str(db)) == 1
    err = capsys.readouterr().err.strip()
    assert err == (
        f"trainer: the LRS at {endpoint} cannot be reached (Connection refused); nothing is "
        "lost: the next push sends the rest"
    )


def test_an_address_that_is_not_the_lrs_s_xapi_base_marks_nothing_sent(
    lrs: LrsServer,
    team: tuple[Path, dict[str, str]],
    homepage: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db, _ = team
    wrong = lrs.endpoint.removesuffix("/xAPI") + "/api"
    assert run(monkeypatch, "lrs", "push", "--endpoint", wrong, "--db", str(db)) == 1
    err = capsys.readouterr().err.strip()
    assert err == (
        f"trainer: the LRS at {wrong} has no statements at {wrong}/statements (HTTP 404: Not "
        "Found): is it the LRS's xAPI base URL?; nothing is lost: the next push sends the rest"
    )

    # A web server that says 200 to anything: a success that is no LRS's is not taken as one.
    class Welcome(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers["Content-Length"]))
            page = b"<html><body>Welcome to our intranet</body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, format: str, *args: object) -> None:
            pass

    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), Welcome) as web:
        threading.Thread(target=web.serve_forever, daemon=True).start()
        try:
            site = f"http://127.0.0.1:{web.server_address[1]}/xAPI"
            assert run(monkeypatch, "lrs", "push", "--endpoint", site, "--db", str(db)) == 1
        finally:
            web.shutdown()
    err = capsys.readouterr().err.strip()
    assert "did not answer as an xAPI LRS does (HTTP 200 without the ids" in err
    with open_store(db) as records:
        assert pushed_count(records, site) == 0


def test_a_statement_changed_since_the_lrs_took_it_is_a_named_conflict(
    lrs: LrsServer,
    team: tuple[Path, dict[str, str]],
    homepage: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The database forgot what it sent, and the statements now differ: the LRS keeps its own."""
    from trainer.store import xapi

    db, ids = team
    assert run(monkeypatch, "lrs", "push", "--endpoint", lrs.endpoint, "--db", str(db)) == 0
    before = lrs.statements(homepage)
    with open_store(db) as records:
        records.conn.execute("DELETE FROM lrs_pushes")
    monkeypatch.setattr(xapi, "PLATFORM", "trainer 2")
    capsys.readouterr()
    assert run(monkeypatch, "lrs", "push", "--endpoint", lrs.endpoint, "--db", str(db)) == 1
    (line,) = capsys.readouterr().err.strip().splitlines()
    first = xapi.statement_id(f"attempt/{ids['won']}/attempted")
    assert line.startswith(
        f"trainer: the LRS at {lrs.endpoint} already holds a different statement with the id "
        f"of the 'attempted' statement {first} of attempt {ids['won']} (HTTP 409: "
    )
    assert lrs.statements(homepage) == before


def test_the_home_page_of_an_lrs_cannot_change_under_it(
    lrs: LrsServer,
    team: tuple[Path, dict[str, str]],
    homepage: str,
    mini: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Anna under another home page would be another learner in the LRS: refused, nothing sent."""
    db, _ = team
    assert run(monkeypatch, "lrs", "push", "--endpoint", lrs.endpoint, "--db", str(db)) == 0
    with open_store(db) as records:
        store_call(records, load_content(mini), 1, [("pick", "intro")], seed=2)
    moved = homepage + "/elsewhere"
    monkeypatch.setenv("TRAINER_XAPI_HOMEPAGE", moved)
    capsys.readouterr()
    assert run(monkeypatch, "lrs", "push", "--endpoint", lrs.endpoint, "--db", str(db)) == 1
    assert capsys.readouterr().err.strip() == (
        f"trainer: the LRS at {lrs.endpoint} has this database's statements with the trainees' "
        f"home page {homepage}; this push would use {moved}, and the LRS would take the same "
        f"trainees for other people: set TRAINER_XAPI_HOMEPAGE={homepage}, or push to another LRS"
    )
    assert lrs.statements(moved) == []
    assert run(monkeypatch, "lrs", "--db", str(db)) == 0
    assert f"(trainees' home page {homepage})" in capsys.readouterr().out
