"""Closing the terminal (SIGHUP) or a polite kill (SIGTERM) closes the app as a confirmed quit
does: the words typed in a call's reply box, the call marked left, a quiz's answers scored.
The real program on a real pseudo-terminal, read back from its database file."""

from __future__ import annotations

import signal
import sys
from pathlib import Path

import pytest

from tests.conftest import MINI
from tests.ui.conftest import rows
from tests.ui.terminal import Terminal, trainer
from trainer.store.database import open_store
from trainer.store.trainees import add_trainee

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX terminals and signals")

WORDS = "Could you tell me who decides on the phones"
DOWN = "\x1b[B"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A database file with one trainee, without a PIN, to sign in with Enter."""
    path = tmp_path / "trainer.db"
    with open_store(path) as store:
        add_trainee(store, "Ann Lee")
    return path


def in_a_call(terminal: Terminal) -> None:
    terminal.wait_for("practising")
    terminal.type("\r")  # the first name
    terminal.wait_for("A first call")
    terminal.type("\r")  # the briefing
    terminal.wait_for("Start")
    terminal.type("\r")  # the call
    terminal.wait_for("Hang up")
    # The replies are offered once the client's first line is shown; a pick before is not one.
    terminal.wait_for("Buy our phones now!")


def test_closing_the_terminal_mid_word_keeps_the_words_and_leaves_the_call(db_path: Path) -> None:
    with trainer(db_path, MINI) as terminal:
        in_a_call(terminal)
        terminal.type("1")  # a reply said, then words typed and not sent
        terminal.wait_for("Before we talk price")
        terminal.forget()
        terminal.type(WORDS)
        terminal.wait_for("decides on the phones")
        terminal.close()  # well within the second after which typing is kept anyway
        assert terminal.ended() == 128 + signal.SIGHUP
    assert rows(db_path, "SELECT text FROM reply_drafts") == [(WORDS,)]
    # Left as a quit leaves it, so the briefing offers to pick it up at once.
    assert rows(db_path, "SELECT status FROM attempts") == [("abandoned",)]
    said = rows(db_path, "SELECT reply_key, typed_text FROM turns WHERE speaker = 'trainee'")
    assert said == [("hello/intro", None)]  # the words were never sent: not a turn


def test_sigterm_closes_the_app_without_a_traceback_and_the_terminal_as_it_was(
    db_path: Path,
) -> None:
    with trainer(db_path, MINI) as terminal:
        in_a_call(terminal)
        terminal.forget()
        terminal.type("12 phones")  # one read from the list: a sentence, not reply 1 or 2
        terminal.wait_for("12 phones")
        terminal.signal(signal.SIGTERM)
        assert terminal.ended() == 128 + signal.SIGTERM
        written = terminal.output
    assert rows(db_path, "SELECT text FROM reply_drafts") == [("12 phones",)]
    assert rows(db_path, "SELECT * FROM turns WHERE speaker = 'trainee'") == []
    assert b"Traceback" not in written
    assert b"\x1b[?1049l" in written  # out of the alternate screen: the shell's is back


def answered(db_path: Path, terminal: Terminal) -> bool:
    """Whether the quiz's first answer is in the database within a few seconds."""
    for _ in range(20):
        terminal.read(0.25)
        if rows(db_path, "SELECT count(*) FROM quiz_answers") == [(1,)]:
            return True
    return False


def test_closing_the_terminal_mid_quiz_scores_the_answers_given(db_path: Path) -> None:
    """As Ctrl+Q does once confirmed: a closed terminal is no way to escape a quiz's score."""
    with Terminal("--db", str(db_path), "--no-cache") as terminal:  # the bundled programme
        terminal.wait_for("practising")
        terminal.type("\r")
        terminal.wait_for("Introduction check")
        terminal.type(DOWN)  # from the company cards to the quiz
        terminal.read(0.3)
        terminal.type("\r")
        terminal.wait_for("Start the quiz")
        terminal.type("\r")
        terminal.wait_for("Question 1 of")
        terminal.type("2")  # a single answer, or a tick that Enter then gives
        if not answered(db_path, terminal):
            terminal.type("\r")
        assert answered(db_path, terminal)
        terminal.close()
        assert terminal.ended() == 128 + signal.SIGHUP
    assert rows(db_path, "SELECT kind, status, score IS NOT NULL FROM attempts") == [
        ("quiz", "completed", 1)
    ]
    assert len(rows(db_path, "SELECT * FROM quiz_answers")) == 1
