"""`trainer replay` plays every stored call again as the trainee had it and finds it the same."""

from __future__ import annotations

import io
import random
from pathlib import Path

import pytest
from textual.widgets import Input

from tests.cli.conftest import PASSPHRASE
from tests.conftest import MINI
from tests.ui.conftest import frozen_clock, sign_in, start_call
from trainer.cli import main
from trainer.content.content_set import ContentSet
from trainer.content.loader import load_content
from trainer.content.paths import bundled_content_dir
from trainer.engine.session import Session
from trainer.engine.turns import Mode
from trainer.services.calls import RecordedCall, draw_exam
from trainer.store.attempts import attempts_for, turns_for
from trainer.store.database import Store, open_store
from trainer.store.exams import grant_retake
from trainer.store.mentors import add_mentor
from trainer.store.trainees import add_trainee
from trainer.ui.app import make_app


def replay(db: Path, content: Path, attempt_id: str, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSPHRASE + "\n"))
    return main(["replay", attempt_id, "--db", str(db), "--content", str(content)])


def play(
    store: Store,
    trainee_id: int,
    name: str,
    content: ContentSet,
    scenario_id: str,
    attempt: int = 1,
    attempts_left: int | None = None,
) -> str:
    """A call recorded through the service: replies by number, a hint, the trainee's own words
    (an offered reply as they read it, so their name is in it); the attempt's id."""
    scenario = content.scenario(scenario_id)
    mode = Mode.EXAM if scenario.exam else Mode.PRACTICE
    session = Session(
        content,
        scenario,
        mode=mode,
        seed=11,
        trainee=name,
        attempt=attempt,
        attempts_left=attempts_left,
    )
    call = RecordedCall.begin(store, trainee_id, session)
    for move in range(12):
        if call.ended:
            break
        options = session.options()
        if not options:
            break
        if mode is Mode.PRACTICE and move == 1:
            session.hint()
        if move % 3 == 2:
            call.say(options[0].text)
        else:
            call.choose(options[move % len(options)].number)
    if not call.ended:
        call.hang_up()
    call.finish()
    return call.attempt_id


def test_every_call_recorded_through_the_service_replays_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    content = load_content(bundled_content_dir())
    db = tmp_path / "trainer.db"
    with open_store(db) as store:
        add_mentor(store, "Olga", PASSPHRASE)
        anna = add_trainee(store, "Anna Berg")
        practice = sorted(s.id for s in content.scenarios.values() if not s.exam)
        exams = sorted(s.id for s in content.scenarios.values() if s.exam)
        for scenario_id in practice:
            play(store, anna.id, anna.name, content, scenario_id)
        # As the app draws them: the first of two attempts lost, then a retake granted.
        draw = draw_exam(store, anna.id, content, 3, exams[0])
        assert draw.scenario_id is not None and draw.left_after == 1
        exam = Session(
            content,
            content.scenario(draw.scenario_id),
            mode=Mode.EXAM,
            seed=3,
            trainee=anna.name,
            attempt=draw.attempt,
            attempts_left=draw.left_after,
        )
        first = RecordedCall.begin(store, anna.id, exam, offered=draw.pool)
        first.hang_up()
        first.finish()
        grant_retake(store, anna.id, "Olga", "nerves on the first try")
        draw = draw_exam(store, anna.id, content, 4, exams[0])
        assert draw.scenario_id is not None and draw.attempt == 2 and draw.left_after == 1
        play(store, anna.id, anna.name, content, draw.scenario_id, attempt=2, attempts_left=1)
        attempts = attempts_for(store, anna.id)
    named = [a for a in attempts if a.content_id in practice]
    assert len(named) == len(practice) and len(attempts) == len(practice) + 2
    # The first replay reads the bundled files as the command does; the others reuse what it
    # read rather than parse the whole set again each time (twenty readings were most of this
    # test's time, and reading is tested on its own).
    read: dict[Path, ContentSet] = {}

    def read_once(root: Path) -> ContentSet:
        if root not in read:
            read[root] = load_content(root)
        return read[root]

    monkeypatch.setattr("trainer.cli.records.load_content", read_once)
    for attempt in attempts:
        code = replay(db, bundled_content_dir(), attempt.id, monkeypatch)
        out = capsys.readouterr().out
        assert code == 0, f"{attempt.content_id}: {out}"
        assert "The replay matches the stored call" in out


async def test_a_call_played_in_the_app_replays_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Played by keys: a hint, typed words, and the reply that says the trainee's name."""
    db = tmp_path / "trainer.db"
    content = load_content(MINI)
    with open_store(db) as store:
        add_mentor(store, "Olga", PASSPHRASE)
        ann = add_trainee(store, "Ann Lee")
    app = make_app(content, db, typing_delay=0, clock=frozen_clock, seeds=random.Random(7))
    async with app.run_test(size=(100, 30)) as pilot:
        await sign_in(pilot)
        await start_call(pilot)
        await pilot.press("tab")
        app.screen.query_one("#say-input", Input).value = "hm, hello?"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("f2", "1")  # the hint, then the reply that names the trainee
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
    with open_store(db) as store:
        (attempt,) = attempts_for(store, ann.id)
    monkeypatch.chdir(tmp_path)
    assert replay(db, MINI, attempt.id, monkeypatch) == 0
    out = capsys.readouterr().out
    assert "The replay matches the stored call" in out
    with open_store(db) as store:
        turns = [turn.text for turn in turns_for(store, attempt.id)]
    assert any("Ann Lee" in text for text in turns), turns
