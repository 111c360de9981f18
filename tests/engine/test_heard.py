"""The client answers what the trainee said: a speaker told the trainee's name or company does
not ask for it again, whether a picked reply or typed words told them; one never told still does."""

from __future__ import annotations

from pathlib import Path

import pytest

from trainer.content.content_set import ContentSet
from trainer.content.heard import asks
from trainer.content.loader import load_content
from trainer.engine.session import Session
from trainer.engine.turns import Speaker, Turn

GATEKEEPER = "cold_call_gatekeeper"
SEEDS = range(1, 13)


def last_client_line(turns: list[Turn]) -> str:
    return [turn.text for turn in turns if turn.speaker is Speaker.CLIENT][-1]


def gatekeeper(bundled: ContentSet, seed: int) -> Session:
    return Session(bundled, bundled.scenario(GATEKEEPER), seed=seed, trainee="Alex Kim")


@pytest.mark.parametrize("seed", SEEDS)
def test_a_receptionist_told_the_name_never_asks_who_is_calling(
    bundled: ContentSet, seed: int
) -> None:
    """'Hi Marta, it's Alex from Northline. I'm returning a call...': caught out, she does not
    ask the name she was just given."""
    session = gatekeeper(bundled, seed)
    line = last_client_line(session.choose("returning_call"))
    assert session.state == "caught_out" and "name" not in asks(line), line


def test_a_receptionist_never_told_the_name_still_asks_for_it(bundled: ContentSet) -> None:
    said = set()
    for seed in SEEDS:
        session = gatekeeper(bundled, seed)
        session.choose("demand_director")  # no name, no company
        said.add(last_client_line(session.choose("personal_matter")))
    assert any("name" in asks(line) for line in said), said


@pytest.mark.parametrize("seed", SEEDS)
def test_a_name_typed_into_a_reply_that_has_none_is_heard(bundled: ContentSet, seed: int) -> None:
    session = gatekeeper(bundled, seed)
    turns = session.say(
        "Hi, Alex Kim here. Could you put me through to your operations director, please? It's "
        "about your telephone system and it won't take long."
    )
    assert turns[0].reply == "reception/demand_director" and session.state == "gate_suspicious"
    assert "name" not in asks(last_client_line(turns))


def test_a_speaker_who_did_not_hear_the_name_may_still_ask_for_it(mini: Path) -> None:
    """Told to the client, the name is not the colleague's, who comes on after."""
    path = mini / "scenarios" / "first_call.yaml"
    # the fixture's conversation tests walk the call this test reroutes
    (mini / "scenarios" / "tests" / "first_call.yaml").unlink()
    text = path.read_text().replace("personas: [ivan]", "personas: [ivan]\ncast: {boss: ivan}", 1)
    text = text.replace(
        "        text: Hello {first_name}, this is {trainee} from {our_company}.\n        to: needs",
        "        text: Hello {first_name}, this is {trainee} from {our_company}.\n        to: annoyed",
        1,
    )
    path.write_text(
        text.replace(
            "  annoyed:\n    say: Who is this?",
            "  annoyed:\n    speaker: boss\n    say: [Who is this?, Why are you calling me?]",
            1,
        )
    )
    content = load_content(mini)
    said = set()
    for seed in SEEDS:
        session = Session(content, content.scenario("first_call"), seed=seed, trainee="Ann")
        said.add(last_client_line(session.choose("intro")))
    assert "Who is this?" in said  # the boss never heard it
    path.write_text(path.read_text().replace("    speaker: boss\n", "", 1))
    content = load_content(mini)
    for seed in SEEDS:
        session = Session(content, content.scenario("first_call"), seed=seed, trainee="Ann")
        assert last_client_line(session.choose("intro")) == "Why are you calling me?"


@pytest.mark.parametrize("seed", SEEDS)
def test_a_client_told_the_company_does_not_ask_which_company(
    bundled: ContentSet, seed: int
) -> None:
    session = Session(bundled, bundled.scenario("exhibition_follow_up"), seed=seed, trainee="Ann")
    line = last_client_line(session.choose("cold_generic"))  # "... from Northline, ..."
    assert session.state == "who_again" and "company" not in asks(line), line
