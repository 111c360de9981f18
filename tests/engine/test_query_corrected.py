"""After "check your numbers", a line giving the corrected figure is the reply the client queried:
the call goes on (without the product points the query cost); a wrong or missing figure does not."""

from __future__ import annotations

import pytest

from trainer.content.content_set import ContentSet
from trainer.engine.session import Session
from trainer.engine.turns import Mode, Speaker

EXAM = "final_exam_close_deal"
PACKAGE = "setup_answer/propose_package"
WRONG_TOTAL = (
    "Sixty Cloud PBX seats 5,040, sixty Duo headsets and the G5 router for the fibre, 3,551.20 "
    "after 8% off, first invoice 8,951.20."
)


def queried(content: ContentSet, mode: Mode = Mode.EXAM) -> Session:
    session = Session(content, content.scenario(EXAM), mode=mode, seed=5, trainee="Dana Kirk")
    session.choose("crisp_intro")
    session.choose("ask_three")
    assert session.state == "setup_answer"
    said = session.say(WRONG_TOTAL)
    assert said[0].facts is not None and said[0].facts.get("queried") == PACKAGE
    assert said[-1].speaker is Speaker.CLIENT and said[-1].text.startswith("€8,951.20? ")
    return session


@pytest.mark.parametrize(
    "correction",
    [
        "My mistake, it's 8,591.20.",
        "You're right, 5,040 plus 3,551.20 is 8,591.20.",
        "Sorry, I mean 8,591.20: seats 5,040 and hardware 3,551.20 after 8% off.",
        "sorry typo, 8591.20",
        "Apologies, the first invoice comes to €8,591.20.",
    ],
)
@pytest.mark.parametrize("mode", [Mode.EXAM, Mode.PRACTICE])
def test_the_corrected_figure_alone_is_the_queried_reply(
    bundled: ContentSet, correction: str, mode: Mode
) -> None:
    session = queried(bundled, mode)
    said = session.say(correction)
    assert said[0].reply == PACKAGE and said[0].typed == correction
    assert session.state == "price_obj"
    # the query already cost the reply's product points: correcting it does not buy them back
    assert "product_knowledge" not in said[0].points
    assert session.earned.get("product_knowledge", 0) == 0
    assert said[0].facts is not None and not said[0].facts.get("mismatches")


@pytest.mark.parametrize(
    "line",
    [
        "My mistake, it's 8,519.20.",  # another wrong figure
        "Sorry, 8,591.20, or maybe 8,951.20, let me see.",  # the right one among wrong ones
        "sorry typo, 8591.20 or 8519.20",  # bare figures, one of them wrong
        "8,591.20? No, 8,951.20 is right.",
        "Seats are 5,040.",  # a right figure, but not the one queried
        "Sorry, my mistake.",  # a filler states no figure
        "ok",
        "Let me check.",
    ],
)
def test_a_line_without_the_right_figure_is_not_the_correction(
    bundled: ContentSet, line: str
) -> None:
    session = queried(bundled)
    said = session.say(line)
    assert said[0].reply != PACKAGE
    assert session.state == "setup_answer"


def test_the_right_figure_with_an_offer_the_policy_forbids_is_still_a_breach(
    bundled: ContentSet,
) -> None:
    session = queried(bundled)
    said = session.say("My mistake, it's 8,591.20, and I'll throw in the router for free.")
    assert said[0].facts is not None and said[0].facts.get("breaches")
    assert not (said[0].reply == PACKAGE and session.state == "price_obj" and not said[0].tags)


def test_a_bare_figure_before_any_query_is_still_not_a_reply(bundled: ContentSet) -> None:
    session = Session(bundled, bundled.scenario(EXAM), mode=Mode.EXAM, seed=5, trainee="Dana Kirk")
    session.choose("crisp_intro")
    session.choose("ask_three")
    said = session.say("8,591.20")
    assert said[0].reply is None and session.state == "setup_answer"


def test_the_correction_is_heard_only_at_the_node_where_the_query_was_made(
    bundled: ContentSet,
) -> None:
    session = queried(bundled)
    session.say("My mistake, it's 8,591.20.")
    assert session.state == "price_obj"
    said = session.say("8,591.20")  # the price objection asks for no figure
    assert said[0].reply is None and session.state == "price_obj"
