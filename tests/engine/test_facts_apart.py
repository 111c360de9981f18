"""Engine: a line's figures tell which quote it means (QA M1) and what it may say unblamed."""

from __future__ import annotations

from trainer.content.content_set import ContentSet
from trainer.engine import facts
from trainer.engine.known import contradicts, figures, known_figures
from trainer.engine.session import Session

WITH_SWITCHES = (
    "Forty Cloud PBX seats at 84: 3,360. Forty T310 phones and two S24P PoE switches: 42 units, "
    "so 5% off 3,980, which is 3,781. 7,141 in all."
)
WITHOUT = (
    "Forty seats at 84 and forty T310 phones at 79: forty units, 5% off, so 3,002 for the phones. "
    "6,362 in total, under your seven thousand."
)
IN_WORDS = (
    "forty seats at eighty-four is three thousand three hundred sixty, forty phones and two "
    "switches get five percent off, seven thousand one hundred forty-one in total"
)


def test_figures_in_words_are_the_figures() -> None:
    assert {3360.0, 7141.0, 84.0, 5.0} <= figures(IN_WORDS)
    assert 2.0 not in figures(IN_WORDS)  # "two switches": said in passing, tells nothing


def test_a_line_stating_one_quotes_figures_contradicts_the_other() -> None:
    assert contradicts(IN_WORDS, WITHOUT, WITH_SWITCHES)
    assert not contradicts(IN_WORDS, WITH_SWITCHES, WITHOUT)
    # a line with the figures both share, or with none, contradicts neither
    assert not contradicts("forty seats at 84, five percent off", WITHOUT, WITH_SWITCHES)
    assert not contradicts("forty phones and the seats", WITHOUT, WITH_SWITCHES)


def _hub_quote(content: ContentSet, words: str) -> str | None:
    session = Session(content, content.scenario("final_exam_dispatch_hub"), seed=1)
    try:
        session.jump("setup_answer")
        return session.say(words)[0].reply
    finally:
        session.close()


def test_a_quote_in_number_words_is_heard_as_the_quote_its_figures_are(
    bundled: ContentSet,
) -> None:
    # QA M1: this line was taken for the quote without switches, whose total it contradicts,
    # and the client hung up on a right answer.
    assert _hub_quote(bundled, IN_WORDS) == "setup_answer/full_package"


def test_the_quote_without_switches_said_in_its_own_figures_is_still_that_quote(
    bundled: ContentSet,
) -> None:
    said = (
        "forty seats at eighty-four and forty phones at seventy-nine, five percent off, three "
        "thousand and two for the phones, six thousand three hundred sixty-two in total"
    )
    assert _hub_quote(bundled, said) == "setup_answer/no_switches"


def test_a_figure_worked_out_from_the_quote_is_known_and_a_made_up_one_is_not(
    bundled: ContentSet,
) -> None:
    known = known_figures([WITH_SWITCHES], "", bundled.catalogue)
    assert known.has(3160, money=True)  # forty T310 at the list price of 79
    assert known.has(820, money=True)  # two S24P at 410
    assert known.has(142.82, money=True)  # the 2% surcharge on 7,141
    assert known.has(7141, money=True) and known.has(7283.82, money=True)
    assert not known.has(7241, money=True)
    assert not known.has(6900, money=True)


def test_the_clients_own_figure_repeated_is_no_wrong_fact(bundled: ContentSet) -> None:
    reply = "Yes. Phones and switches are in stock and ship in two business days."
    typed = "Yes, your 16 working days is enough: in stock, shipped in 2 business days"
    assert facts.check(typed, reply, bundled.catalogue).mismatches  # nobody said 16
    heard = ["We open in sixteen working days. Can you make it?"]
    assert facts.check(typed, reply, bundled.catalogue, heard=heard).mismatches == ()


def test_a_sub_total_called_the_total_contradicts_the_total(bundled: ContentSet) -> None:
    checked = facts.check("forty seats and the phones, 3,360 in total", WITH_SWITCHES, None)
    assert checked.mismatches == ("you said €3,360: the total is €7,141",)
    assert facts.check("3,360 for the seats, 7,141 in total", WITH_SWITCHES, None).mismatches == ()


def test_a_delay_is_judged_against_the_reply_s_delay_for_the_same_thing(
    bundled: ContentSet,
) -> None:
    reply = "Porting takes 7 to 10 business days, and the phones ship in two business days."
    wrong = facts.check("porting takes 14 business days", reply, bundled.catalogue)
    # 14 is a factory lead time in the catalogue: right somewhere, wrong for porting
    assert wrong.mismatches == ("you said 14 days: porting takes 7 to 10 days",)
    right = "the phones ship in 2 business days, porting is 7-10 business days"
    assert facts.check(right, reply, bundled.catalogue).mismatches == ()
