"""Engine: off-script lines, fillers and fallbacks get a human answer in the persona's voice."""

from __future__ import annotations

import pytest

from trainer.content.loader import load_content
from trainer.content.paths import bundled_content_dir
from trainer.content.persona import Meter
from trainer.content.scenario.model import CallType, Outcome
from trainer.engine import matching, offscript
from trainer.engine.offscript import Kind
from trainer.engine.session import Session
from trainer.engine.turns import Speaker

BUNDLED = load_content(bundled_content_dir())
FOLLOW = "I don't follow"


def call(scenario: str = "upsell_volume_deferred", seed: int = 1) -> Session:
    return Session(BUNDLED, BUNDLED.scenario(scenario), seed=seed)


@pytest.mark.parametrize(
    "typed, kind",
    [
        ("Calm down, mate", Kind.RUDE),
        ("calm down mate!!", Kind.RUDE),
        ("are you stupid or what", Kind.RUDE),
        ("you're an idiot", Kind.RUDE),
        ("sign today or lose the deal", Kind.PUSHY),
        ("just sign it now", Kind.PUSHY),
        ("how's the weather over there?", Kind.SMALL_TALK),
        ("did you see the match last night?", Kind.SMALL_TALK),
        ("bye", Kind.GOODBYE),
        ("talk later", Kind.GOODBYE),
        ("ok talk to you later", Kind.GOODBYE),
        ("can you repeat that?", Kind.REPEAT),
        ("sorry, could you say that again", Kind.REPEAT),
        ("pardon?", Kind.REPEAT),
    ],
)
def test_off_script_kinds_are_recognised(typed: str, kind: Kind) -> None:
    assert offscript.classify(typed) is kind


@pytest.mark.parametrize(
    "typed",
    [
        "what is the price of the switch",
        "how many phones do you have on the second floor",
        "can we deliver before the weekend?",
        "I can match the delivery date you need",
        "what did you pay for the old system",
        "ok",
        "could you run that by me again",  # not a goodbye: that would end the call
        "we deliver tomorrow",
    ],
)
def test_business_lines_are_not_taken_for_off_script(typed: str) -> None:
    assert offscript.classify(typed) is None


def test_rudeness_gets_the_personas_answer_a_tag_and_costs_trust() -> None:
    # Issue 12: "Calm down, mate" got "I don't follow", with no reaction to the tone.
    session = call()
    trust, patience = session.meters[Meter.TRUST], session.meters[Meter.PATIENCE]
    said, answer = session.say("Calm down, mate")
    assert said.tags == ("rude",)
    assert said.facts is not None and said.facts["off_script"] == "rude"
    rude = session.persona.off_script["rude"].lines
    assert answer.text in {session.render(line) for line in rude}
    assert FOLLOW not in answer.text
    assert session.meters[Meter.TRUST] < trust and session.meters[Meter.PATIENCE] < patience


def test_pushing_is_tagged_pushy_and_answered() -> None:
    session = call()
    said, answer = session.say("just sign it now")
    assert said.tags == ("pushy",)
    assert answer.text in {session.render(x) for x in session.persona.off_script["pushy"].lines}


def test_small_talk_is_answered_in_character_not_with_confusion() -> None:
    session = call()
    node = session.state
    said, answer = session.say("how's the weather over there?")
    assert said.reply is None and "unclear" not in said.tags
    lines = session.persona.off_script["small_talk"].lines
    assert answer.text in {session.render(line) for line in lines}
    assert session.state == node


def test_repeat_brings_back_the_clients_last_line_for_a_little_patience() -> None:
    session = call()
    last = session.turns[-1].text
    patience = session.meters[Meter.PATIENCE]
    said, answer = session.say("sorry, can you repeat that?")
    assert answer.text == last and answer.speaker is Speaker.CLIENT
    assert patience - session.meters[Meter.PATIENCE] <= 2
    assert said.points == {} and said.tags == ()


@pytest.mark.parametrize("aside", ["how's the weather over there?", "blue giraffe saxophone"])
def test_repeat_after_an_aside_brings_back_the_call_s_line_not_the_answer_to_it(
    aside: str,
) -> None:
    """Small talk or a line not understood is answered; "say that again" then wants what the
    client said before it, which may be off the screen by now."""
    session = call()
    last = session.turns[-1].text
    session.say(aside)
    assert session.turns[-1].text != last
    _, answer = session.say("sorry, could you say that again?")
    assert answer.text == last


def test_small_talk_on_a_call_the_client_made_never_asks_why_we_called() -> None:
    """In an inbound call the client rang us: their answer to small talk takes them back to
    their own matter."""
    for seed in range(6):
        session = call("book_meeting", seed=seed)
        assert session.scenario.call_type is CallType.INBOUND
        lines = session.persona.off_script["small_talk"].lines
        for line in lines:
            assert "call" not in line.lower() and "what's up" not in line.lower(), line
        session.say("what's the weather like over there?")
        assert "call" not in session.turns[-1].text.lower()


def test_goodbye_ends_the_call_as_the_trainee_hanging_up() -> None:
    session = call()
    turns = session.say("talk later")
    assert [t.speaker for t in turns] == [Speaker.TRAINEE, Speaker.CLIENT, Speaker.SYSTEM]
    assert session.outcome is Outcome.LOST and session.ended
    assert "goodbye" in session.ending_note


def test_a_lone_filler_asks_for_more_and_costs_less_than_nonsense() -> None:
    filler, nonsense = call(), call()
    start = filler.meters[Meter.PATIENCE]
    said, answer = filler.say("ok")
    nonsense.say("purple invoices dance under the lighthouse")
    assert said.points == {} and said.reply is None
    ask_more = filler.persona.ask_more_lines
    assert answer.text in {filler.render(line) for line in ask_more}
    filler_cost = start - filler.meters[Meter.PATIENCE]
    assert 0 < filler_cost < start - nonsense.meters[Meter.PATIENCE]


def test_a_persona_without_authored_lines_gets_the_defaults() -> None:
    from tests.conftest import MINI

    mini = load_content(MINI)
    session = Session(mini, mini.scenario("first_call"))
    assert not session.persona.off_script and not session.persona.ask_more_lines
    _, answer = session.say("Calm down, mate")
    assert answer.text in offscript.DEFAULTS[Kind.RUDE].lines
    _, answer = session.say("so")
    assert answer.text in offscript.ASK_MORE


def test_the_fallback_never_repeats_back_to_back() -> None:
    # Issue 12: the same fallback line twice in a row.
    for seed in range(1, 30):
        session = call(seed=seed)
        answers = [session.say(f"purple {word} banana lighthouse")[-1].text for word in "abc"]
        assert answers[0] != answers[1] != answers[2], seed


def test_the_gatekeeper_never_asks_who_you_are_after_you_said_it() -> None:
    # Issue 12: "Sorry, who did you say you were?" after a full introduction.
    for seed in range(1, 30):
        session = call("cold_call_gatekeeper", seed=seed)
        session.say(
            "Good morning Marta, this is Anna from Northline, we look after phone systems for "
            "logistics firms. Who is responsible for the phones at your dispatch desk?"
        )
        if session.ended:
            continue
        for word in ("purple", "zebra", "walrus"):
            answer = session.say(f"{word} umbrella crossing lighthouse")[-1]
            if session.ended:
                break
            assert "who did you say" not in answer.text.lower(), seed


def test_before_an_introduction_the_gatekeeper_may_still_ask() -> None:
    seen = set()
    for seed in range(1, 30):
        session = call("cold_call_gatekeeper", seed=seed)
        seen.add(session.say("zebra umbrella crossing lighthouse")[-1].text)
    assert "Sorry, who did you say you were?" in seen


def test_every_bundled_persona_has_lines_for_every_kind() -> None:
    for persona in BUNDLED.personas.values():
        assert persona.ask_more_lines, persona.id
        for kind in ("rude", "pushy", "small_talk", "offer", "goodbye"):
            assert persona.off_script[kind].lines, (persona.id, kind)


@pytest.mark.parametrize(
    "typed, kind",
    [
        ("mate you need to chill", Kind.RUDE),
        ("got any holiday plans", Kind.SMALL_TALK),
        ("come on, sign the contract today", Kind.PUSHY),
        ("speak later", Kind.GOODBYE),
        ("I missed what you said there", Kind.REPEAT),
    ],
)
def test_off_script_lines_in_other_words_are_recognised_by_meaning(typed: str, kind: Kind) -> None:
    from trainer.engine import matching

    assert matching.warm_up(), "the embedding model ships with wordllama, a dependency"
    assert offscript.classify(typed) is kind


# -- dismissive rudeness (issue 12): a brush-off is rude, and never the polite reply -----------


@pytest.mark.parametrize(
    "typed",
    [
        "ugh whatever, just send it yourself, i dont have all day",
        "Whatever, you're wasting my time too.",
        "whatever",
        "not my problem, mate",
        "I don't care, just book it",
        "do it yourself",
        "I couldn't care less",
        "shut up and book the slot",
    ],
)
def test_a_brush_off_is_rude(typed: str) -> None:
    assert offscript.classify(typed) is Kind.RUDE


@pytest.mark.parametrize(
    "typed",
    [
        "Whatever the other two quote, I'll come in under them.",
        "whatever it is, we'll fix it today",
        "I'll deal with it myself this afternoon",
        "I don't want to waste your time, I'll call back",
    ],
)
def test_whatever_and_friends_in_a_business_line_are_not_rude(typed: str) -> None:
    assert offscript.classify(typed) is not Kind.RUDE


def _at_diary_condition() -> Session:
    session = call("gatekeeper_follow_up")
    session.jump("diary_condition")
    return session


def test_a_dismissive_line_is_not_heard_as_the_polite_reply_and_books_nothing() -> None:
    # The tester's line was heard as "Sure, no problem at all. I'll send it ..." (66%) and the
    # receptionist booked the meeting.
    session = _at_diary_condition()
    trust, patience = session.meters[Meter.TRUST], session.meters[Meter.PATIENCE]
    turns = session.say("ugh whatever, just send it yourself, i dont have all day")
    said = turns[0]
    assert said.reply is None
    assert said.tags == ("rude",)
    # the receptionist answers the tone (and may hang up), never books on it
    assert session.outcome in (None, Outcome.HUNG_UP)
    assert all(turn.reply != "diary_condition/just_info" for turn in session.turns)
    assert session.meters[Meter.TRUST] < trust and session.meters[Meter.PATIENCE] < patience


def test_a_reply_said_with_a_brush_off_is_not_that_reply_and_costs_tact() -> None:
    # QA M2: a good reply said rudely was taken, with its points; the client hears the tone
    session = _at_diary_condition()
    trust = session.meters[Meter.TRUST]
    said = session.say(
        "fine, I'll send it to the info@ address again this afternoon, I don't have all day"
    )[0]
    assert said.reply is None
    assert said.tags == ("rude",)
    assert dict(said.points) == {"tact": -1.0}
    assert session.meters[Meter.TRUST] < trust


@pytest.mark.parametrize(
    "typed",
    [
        "it's not a problem at all",
        "not a problem, I will send it today",
        "no problem at all, happy to help",
        "don't worry, we'll sort it out this week",
    ],
)
def test_a_reassurance_is_never_taken_for_rudeness(typed: str) -> None:
    # "not a problem" reads by its word vectors like "that's your problem, not mine"
    matching.warm_up()
    assert offscript.classify(typed) is not Kind.RUDE


THREATS = [
    "pay now or we cut off your lines",
    "We'll cut you off if you don't pay by Friday",
    "pay by friday or else",
    "settle it this week or we hand it to our lawyers",
    "we are going to send this to collections",
]


@pytest.mark.parametrize("typed", THREATS)
def test_a_threat_is_pressure_however_it_is_put(typed: str) -> None:
    assert offscript.classify(typed) is Kind.PUSHY


@pytest.mark.parametrize(
    "typed",
    [
        "do you want to pay now or later?",
        "we can cancel your order if you like",
        "we will switch your old line off on the porting day",
        "or we can cut the order to ten units",
        "Pay by Friday, or I can set up a payment plan",
    ],
)
def test_options_and_plans_are_no_threat(typed: str) -> None:
    assert not offscript.threatens(typed)


def test_no_bundled_reply_reads_as_a_threat() -> None:
    """The reading must not take what the content teaches for a threat."""
    assert [
        f"{scenario.id}/{reply.id}"
        for scenario in BUNDLED.scenarios.values()
        for reply in scenario.replies()
        if offscript.threatens(reply.text)
    ] == []


def test_threatening_a_client_over_an_invoice_costs_trust() -> None:
    session = call("overdue_invoice")
    trust = session.meters[Meter.TRUST]
    said, _ = session.say(THREATS[0])
    assert "pushy" in said.tags and said.points == {}
    assert session.meters[Meter.TRUST] < trust
