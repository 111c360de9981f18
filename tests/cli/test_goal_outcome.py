"""What `trainer play` prints beside the call: an outcome named for the scenario's goal (a lead
closed without a sale is not "no result" beside PASSED), and how to give a name."""

from __future__ import annotations

import io

import pytest

from trainer.cli import main

WINNING = "greet_and_qualify,explain_fit,point_elsewhere,log_reason"


def test_a_qualify_out_played_as_its_goal_asks_names_the_lead_closed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["play", "qualify_out_event_rental", "--replies", WINNING, "--name", "Eve"]) == 0
    out = capsys.readouterr().out
    assert "Outcome: lead closed without a sale   Score: 100%" in out
    assert "PASSED" in out and "no result" not in out


def test_a_call_that_should_have_sold_and_did_not_still_says_no_result(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # A cold-calling block meant to end in a meeting, given up on the sixth call.
    replies = (
        "open_qualify,close_fast,log1_full,thank_baker,log2_full,honour,log3_dnc,note_renewal,"
        "log4_full,leave_name,log5_full,disqualify,log6_quit"
    )
    code = main(["play", "cold_call_block", "--replies", replies, "--name", "Eve"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "Outcome: no result" in out and "lead closed" not in out


def test_play_without_a_name_on_a_root_login_says_how_to_give_one(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("getpass.getuser", lambda: "root")
    monkeypatch.setattr("sys.stdin", io.StringIO("q\n"))  # the options shown, then hang up
    assert main(["play", "gatekeeper_follow_up"]) == 0
    out = capsys.readouterr().out
    assert "(your name) from" in out or "(your name)," in out  # the options, as before
    assert "add --name 'Your Name' to hear it" in out
    monkeypatch.setattr("getpass.getuser", lambda: "eve")
    monkeypatch.setattr("sys.stdin", io.StringIO("q\n"))
    assert main(["play", "gatekeeper_follow_up"]) == 0
    out = capsys.readouterr().out
    assert "(your name)" not in out and "Eve" in out
