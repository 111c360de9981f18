"""A client queries a wrong figure instead of answering it as if the right one was said: the
call waits, the trainee can correct it and go on, and being queried never pays."""

from __future__ import annotations

import pytest

from trainer.content.content_set import ContentSet
from trainer.content.persona import Meter
from trainer.engine import queries
from trainer.engine.session import Session
from trainer.engine.turns import Mode, Speaker, Turn
from trainer.services.replay import replay

EXAM = "final_exam_dispatch_hub"
RIGHT = (
    "Forty Cloud PBX seats at 84: 3,360. Forty T310 phones and two S24P PoE switches: 42 units, "
    "so 5% off 3,980, which is 3,781. 7,141 in all."
)
WRONG_TOTAL = (
    "Forty Cloud PBX seats at 84, that's 3,360. Forty T310 phones and two S24P PoE switches, "
    "42 units, 5% off 3,980 is 3,781. 7,241 in all."
)
CORRECTED = (
    "Sorry, my mistake: forty seats at 84 is 3,360, forty T310 and two S24P PoE switches, 42 "
    "units at 5% off 3,980 is 3,781, so 7,141 in all."
)


def at_the_quote(content: ContentSet, mode: Mode = Mode.EXAM, seed: int = 3) -> Session:
    session = Session(content, content.scenario(EXAM), mode=mode, seed=seed, trainee="Alex Kim")
    session.choose("prepared_intro")
    session.choose("ask_setup")
    assert session.state == "setup_answer"
    return session


def client_lines(turns: list[Turn]) -> list[str]:
    return [turn.text for turn in turns if turn.speaker is Speaker.CLIENT]


@pytest.mark.parametrize("mode", [Mode.EXAM, Mode.PRACTICE])
def test_a_wrong_total_is_queried_and_the_call_waits(bundled: ContentSet, mode: Mode) -> None:
    session = at_the_quote(bundled, mode)
    trust = session.meters[Meter.TRUST]
    said = session.say(WRONG_TOTAL)
    assert session.state == "setup_answer" and not session.ended
    trainee, client = said
    assert trainee.reply is None and trainee.typed == WRONG_TOTAL
    assert trainee.facts is not None and trainee.facts["queried"] == "setup_answer/full_package"
    assert any("you said €7,241" in m for m in trainee.facts["mismatches"])
    assert "no product-knowledge points" in trainee.note
    authored = bundled.persona("ingrid_maas").off_script["wrong_fact"].lines
    assert client.text.startswith("€7,241? ") and client.text.removeprefix("€7,241? ") in authored
    # the client names what she heard, never the right figure, which is the trainee's to find
    assert "7,141" not in client.text and "3,360" not in client.text
    assert session.meters[Meter.TRUST] == trust - 10


def test_the_right_total_goes_on_with_its_points(bundled: ContentSet) -> None:
    session = at_the_quote(bundled)
    said = session.say(RIGHT)
    assert said[0].reply == "setup_answer/full_package" and session.state == "limit_obj"
    assert client_lines(said) == [bundled.persona("ingrid_maas").objections["signing_limit"][0]]
    assert said[0].points.get("product_knowledge") == 4


def test_the_trainee_corrects_the_figure_and_goes_on_without_its_product_points(
    bundled: ContentSet,
) -> None:
    session = at_the_quote(bundled)
    session.say(WRONG_TOTAL)
    said = session.say(CORRECTED)
    assert said[0].reply == "setup_answer/full_package" and session.state == "limit_obj"
    assert "product_knowledge" not in said[0].points
    assert said[0].points.get("needs_discovery") == 1  # the rest of the reply still counts
    assert session.earned.get("product_knowledge", 0) == 0


def test_picking_the_reply_after_a_query_does_not_buy_the_points_back(
    bundled: ContentSet,
) -> None:
    """A trainee who states any figures to be queried, then picks the right reply's number."""
    session = at_the_quote(bundled)
    session.say(WRONG_TOTAL)
    said = session.choose("full_package")
    assert session.state == "limit_obj" and "product_knowledge" not in said[0].points


def test_a_wrong_figure_said_again_is_taken_as_said_not_queried_for_ever(
    bundled: ContentSet,
) -> None:
    session = at_the_quote(bundled)
    session.say(WRONG_TOTAL)
    said = session.say(WRONG_TOTAL)
    assert said[0].reply == "setup_answer/full_package" and session.state == "limit_obj"
    assert said[0].facts is not None and said[0].facts["mismatches"]
    assert "queried" not in said[0].facts and "product_knowledge" not in said[0].points


def test_an_authored_wrong_quote_is_the_authors_trap_not_a_query(bundled: ContentSet) -> None:
    """The 8% tier is a concession: typed, it is the breach it is, never queried away."""
    session = at_the_quote(bundled)
    said = session.say(
        "Forty Cloud PBX seats, 3,360, then forty T310 phones and two S24P switches: 42 units, "
        "which puts you in the 8% tier, so 3,661.60. That's 7,021.60 for the hub."
    )
    assert session.state == "limit_obj"
    assert said[0].reply is not None and "concession" in said[0].tags


def test_a_queried_call_is_replayed_as_it_was(bundled: ContentSet) -> None:
    session = at_the_quote(bundled)
    session.say(WRONG_TOTAL)
    session.say(CORRECTED)
    again = replay(
        bundled,
        bundled.scenario(EXAM),
        "ingrid_maas",
        seed=3,
        mode=Mode.EXAM,
        trainee="Alex Kim",
        turns=session.turns,
    )
    assert again.complete and again.session.state == "limit_obj"
    queried = next(t for t in session.turns if t.facts and t.facts.get("queried"))
    assert again.heard_as(queried) == (
        "heard as reply "
        + str(next(o.number for o in again.offered[queried.index] if o.reply.id == "full_package"))
        + f" ({queried.confidence:.0f}%) with a wrong figure, which the client queried"
    )


def test_a_persona_without_its_own_words_queries_in_plain_ones(bundled: ContentSet) -> None:
    plain = bundled.persona("daniel_reyes")
    assert "wrong_fact" not in plain.off_script
    assert queries.reaction(plain).lines == queries.DEFAULT.lines
