"""Who hangs up and with what coaching, trust at 0 closing doors, and attempt placeholders."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tests.content.test_loader import edit
from trainer.content.content_set import ContentSet
from trainer.content.loader import load_content
from trainer.content.persona import Meter
from trainer.content.scenario.model import Outcome
from trainer.engine.session import CLOSED_DOOR_LINE, Session
from trainer.engine.turns import Speaker
from trainer.errors import DialogueError

NONSENSE = "purple elephants dance quietly"


def test_the_receptionist_hangs_up_before_the_director_is_on_the_line(
    bundled: ContentSet,
) -> None:
    scenario = bundled.scenario("cold_call_gatekeeper")
    receptionist = bundled.persona(scenario.cast["gatekeeper"])
    authored = next(
        node.ending
        for node in scenario.nodes.values()
        if node.ending and node.ending.outcome is Outcome.HUNG_UP and node.speaker == "gatekeeper"
    )
    session = Session(bundled, scenario, trainee="Ann")
    while not session.ended:
        session.say(NONSENSE)  # each one costs patience at the front desk
    goodbye = session.turns[-1]
    assert session.outcome is Outcome.HUNG_UP and goodbye.node == scenario.start
    assert goodbye.speaker is Speaker.CLIENT
    assert goodbye.name == receptionist.name != session.persona.name
    assert goodbye.text in receptionist.hang_up_lines
    assert session.ending_note == session.render(authored.note)
    assert "ran out of patience" not in session.ending_note


def test_the_client_hangs_up_with_their_own_scenario_coaching(mini: Path) -> None:
    edit(
        mini,
        "scenarios/first_call.yaml",
        "      outcome: lost\n",
        "      outcome: lost\n"
        "  walked_out:\n    say: Goodbye.\n    ending:\n      outcome: hung-up\n"
        "      note: Pushing twice before saying who you are ends calls.\n",
    )
    content = load_content(mini)
    session = Session(content, content.scenario("first_call"))
    session.choose("push")
    session.choose("push_again")
    assert session.outcome is Outcome.HUNG_UP
    assert session.turns[-1].name == "Ivan Petrov"
    assert session.ending_note == "Pushing twice before saying who you are ends calls."


def test_without_an_authored_hang_up_ending_the_note_names_who_hung_up(mini: Path) -> None:
    content = load_content(mini)
    session = Session(content, content.scenario("first_call"))
    session.choose("push")
    session.choose("push_again")
    assert session.ending_note == "Ivan Petrov ran out of patience and hung up."


# -- trust at 0 -------------------------------------------------------------------------------


def distrustful(root: Path, *, only_success: bool = False) -> ContentSet:
    """The mini set where a pitch costs all of Ivan's trust and a meeting needs no guard."""
    path = "scenarios/first_call.yaml"
    edit(root, path, "        when: trust >= 50 and asked\n", "")
    edit(
        root,
        path,
        "        points: {needs_discovery: 0}\n",
        "        points: {needs_discovery: 0}\n        effects: {trust: -40}\n",
    )
    if only_success:
        edit(
            root,
            path,
            "      - id: send\n        text: I'll send you a brochure.\n"
            "        to: lost\n        points: {closing: 0}\n"
            "        note: A brochure is not a next step.\n",
            "",
        )
    return load_content(root)


def test_at_trust_0_the_client_agrees_to_nothing(mini: Path) -> None:
    content = distrustful(mini)
    session = Session(content, content.scenario("first_call"))
    session.choose("intro")
    session.choose("pitch")
    assert session.meters[Meter.TRUST] == 0
    assert [option.reply.id for option in session.options()] == ["send"]
    with pytest.raises(DialogueError, match="'meet' is not on offer right now"):
        session.choose("meet")
    session.say("Let's meet on Tuesday and I'll bring a sample")  # typed words neither
    said = [turn for turn in session.turns if turn.speaker is Speaker.TRAINEE][-1]
    assert said.reply != "offer/meet" and session.outcome is not Outcome.MEETING


def test_trust_rebuilt_above_0_opens_the_door_again(mini: Path) -> None:
    content = distrustful(mini)
    session = Session(content, content.scenario("first_call"))
    session.choose("intro")
    session.choose("pitch")
    session.set_value("trust", 5)
    assert {option.reply.id for option in session.options()} == {"meet", "send"}


def test_with_only_agreement_on_offer_a_distrustful_client_ends_the_call_politely(
    mini: Path,
) -> None:
    content = distrustful(mini, only_success=True)
    session = Session(content, content.scenario("first_call"))
    session.choose("intro")
    turns = session.choose("pitch")
    assert session.outcome is Outcome.LOST  # politely: not a hang-up, and not a meeting
    assert turns[-1].speaker is Speaker.CLIENT and turns[-1].text == CLOSED_DOOR_LINE
    assert "no longer trusted you" in session.ending_note
    assert not session.score().passed


def test_a_client_who_trusts_the_caller_still_agrees(mini: Path) -> None:
    content = distrustful(mini, only_success=True)
    session = Session(content, content.scenario("first_call"))
    for move in ("intro", "ask", "meet"):
        session.choose(move)
    assert session.outcome is Outcome.MEETING


# -- attempts -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "attempt, left, shown",
    [
        (1, 1, "Attempt 1; attempts left: 1."),
        (2, 0, "Attempt 2; attempts left: 0."),
        (1, None, "Attempt 1; attempts left: no limit."),
    ],
)
def test_notes_know_which_attempt_this_is(
    mini: Path, attempt: int, left: int | None, shown: str
) -> None:
    edit(
        mini,
        "scenarios/first_call.yaml",
        "note: Meeting booked.",
        "note: 'Meeting booked. Attempt {attempt}; attempts left: {attempts_left}.'",
    )
    content = load_content(mini)
    session = Session(content, content.scenario("first_call"), attempt=attempt, attempts_left=left)
    for move in ("intro", "ask", "meet"):
        session.choose(move)
    assert session.ending_note == f"Meeting booked. {shown}"


def test_no_bundled_client_agrees_to_anything_at_trust_0(bundled: ContentSet) -> None:
    """Random plays of every bundled scenario: at trust 0 no reply leads to a success ending."""
    closed = 0
    for scenario in bundled.scenarios.values():
        for seed in range(1, 31):
            rng = random.Random(seed)
            session = Session(bundled, scenario, seed=seed)
            while not session.ended:
                options = session.options()
                if session.meters[Meter.TRUST] == 0:
                    closed += 1
                    for option in options:
                        ending = scenario.nodes[option.reply.target].ending
                        assert ending is None or ending.outcome not in scenario.success
                session.take(rng.choice(options))
            session.close()
    assert closed > 0  # the random plays do reach trust 0, so the check was exercised


def test_an_option_taken_after_trust_fell_to_0_is_refused(mini: Path) -> None:
    content = distrustful(mini)
    session = Session(content, content.scenario("first_call"))
    session.choose("intro")
    session.choose("ask")
    [meet] = [option for option in session.options() if option.reply.id == "meet"]
    session.set_value("trust", 0)
    with pytest.raises(DialogueError, match="'meet' is not on offer right now"):
        session.take(meet)
    stale = session.options()[0]
    session.set_value("trust", 50)
    session.take(stale)
    with pytest.raises(DialogueError):
        session.take(stale)  # the call has ended, or moved on from that node
