"""A goodbye typed in a block of short calls ends that call, not the hour: a node can say where
the trainee's goodbye leads (`on_goodbye`); without it a goodbye ends the call as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.content.test_loader import edit, line_of
from tests.engine.heard import at
from trainer.content.content_set import ContentSet
from trainer.content.loader import validate
from trainer.engine.session import Session
from trainer.engine.turns import Speaker


@pytest.mark.parametrize("goodbye", ["bye", "ok bye", "thanks, bye"])
def test_a_goodbye_in_the_hour_of_calls_moves_on_to_the_log(
    bundled: ContentSet, goodbye: str
) -> None:
    session = Session(bundled, bundled.scenario("cold_call_block"), seed=1, trainee="Ann")
    assert session.state == "call1"
    said = session.say(goodbye)
    assert not session.ended and session.state == "log1"
    assert [turn.speaker for turn in said][:2] == [Speaker.TRAINEE, Speaker.CLIENT]
    assert "Log the call" in said[-1].text  # the CRM form asks for this call's entry
    assert not any(turn.text == "You ended the call." for turn in said)


@pytest.mark.parametrize(
    "goodbye",
    [
        "no worries, thanks for your time, have a good day",
        "ok, thank you for your time. take care",
        "alright, thanks anyway. have a good one",
    ],
)
def test_a_polite_sign_off_without_bye_is_a_goodbye(bundled: ContentSet, goodbye: str) -> None:
    """After a no, the way a manager thanks and leaves is a goodbye, not a line to ask again."""
    session = at(bundled, "cold_call_block", "call1_no")
    said = session.say(goodbye)
    assert session.state == "log1" and said[0].tags == ()


@pytest.mark.parametrize(
    "line",
    [
        "have a good day, what's your budget?",
        "take care of the invoice please",
        "thanks for your time, could we talk again when the contract is up?",
    ],
)
def test_good_wishes_beside_a_line_of_the_call_are_no_goodbye(
    bundled: ContentSet, line: str
) -> None:
    session = at(bundled, "cold_call_block", "call1_no")
    said = session.say(line)
    assert not (said[0].reply is None and session.state == "log1")
    assert "Goodbye." not in [turn.text for turn in said]


def test_without_on_goodbye_a_goodbye_ends_the_call(bundled: ContentSet) -> None:
    session = Session(bundled, bundled.scenario("book_meeting"), seed=1, trainee="Ann")
    session.say("bye")
    assert session.ended and session.outcome is not None and session.outcome.value == "lost"


def test_on_goodbye_must_name_a_node(mini: Path) -> None:
    edit(
        mini,
        "scenarios/first_call.yaml",
        "    hint: Say who you are.\n",
        "    hint: Say who you are.\n    on_goodbye: anoyed\n",
    )
    line = line_of(mini, "scenarios/first_call.yaml", "on_goodbye: anoyed")
    [problem] = [str(p) for p in validate(mini).problems]
    assert problem.endswith(
        f"first_call.yaml:{line}:17: a goodbye in node 'hello' goes to 'anoyed', which does not "
        "exist (did you mean 'annoyed'?)"
    )


def test_an_ending_has_no_goodbye_to_lead_anywhere(mini: Path) -> None:
    text = (mini / "scenarios" / "first_call.yaml").read_text(encoding="utf-8")
    ending = next(line for line in text.splitlines() if line.strip() == "ending:")
    edit(mini, "scenarios/first_call.yaml", ending + "\n", f"    on_goodbye: hello\n{ending}\n")
    [problem] = [str(p) for p in validate(mini).problems]
    assert "ends the call: there is no goodbye to lead anywhere; remove on_goodbye" in problem
