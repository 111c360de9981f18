"""Engine: the client's own line typed back is never credited as a reply (QA B5)."""

from __future__ import annotations

import pytest

from trainer.content.content_set import ContentSet
from trainer.content.loader import load_content
from trainer.content.paths import bundled_content_dir
from trainer.engine import echo
from trainer.engine.session import Session
from trainer.engine.turns import Speaker

BUNDLED = load_content(bundled_content_dir())


@pytest.mark.parametrize("scenario_id", sorted(BUNDLED.scenarios))
def test_typing_the_client_back_earns_nothing_in_any_scenario(scenario_id: str) -> None:
    scenario = BUNDLED.scenario(scenario_id)
    for persona in scenario.personas:
        session = Session(BUNDLED, scenario, BUNDLED.persona(persona), trainee="Eve")
        for _ in range(12):
            said = echo.client_since(session.turns)
            if session.ended or not said:
                break
            session.say(said[-1])
        credited = [
            (t.reply, dict(t.points))
            for t in session.turns
            if t.speaker is Speaker.TRAINEE and t.reply is not None
        ]
        assert credited == [], persona


def test_a_summary_in_the_trainees_own_words_is_still_heard(bundled: ContentSet) -> None:
    session = Session(bundled, bundled.scenario("warranty_complaint"), trainee="Eve")
    session.jump("story")
    said = session.say(
        "ok that's not good enough from us. let me check i've got it: 12 headsets, 4 dont "
        "charge, you returned 2 three weeks ago. do you have the return number?"
    )[0]
    assert said.reply == "story/clarify_details"


def test_a_line_typed_back_after_one_not_understood_is_still_an_echo(
    bundled: ContentSet,
) -> None:
    session = Session(bundled, bundled.scenario("warranty_complaint"), trainee="Eve")
    session.jump("story")
    story = echo.client_since(session.turns)[-1]
    session.say("hmm")  # asked to say more: the client's story is still the line to answer
    assert session.say(story)[0].reply is None


@pytest.mark.parametrize(
    ("typed", "echoed"),
    [
        ("Four don't hold a charge any more, I sent two back for repair", True),
        ("So twelve BT Pro, four won't charge, two sent in three weeks ago?", False),
        ("twelve BT Pro headsets", False),  # too short to be anything but a note
    ],
)
def test_an_echo_is_whole_runs_of_the_clients_words(typed: str, echoed: bool) -> None:
    client = (
        "Five months ago we bought twelve BT Pro headsets for the reception desks. Four don't "
        "hold a charge any more. I sent two back for repair three weeks ago."
    )
    assert echo.echoes(typed, [client]) is echoed
