"""Engine: right figures in any notation are never wrong facts; wrong ones still are (QA B1, M1).

The dev set: whole honest lines, typed as new account managers write them (a euro sign, EUR,
"euros", no unit, numbers in words, Dutch dots, spaces, the unit prices and intermediate sums
said along the way, the client's own figures and the policy's limits restated), at every step
of the three exams and of the practice calls that quote figures. Each is said in a call moved
to its step, as a trainee would say it, and must be heard as the reply it restates with no
"wrong facts" note. Beside them, lines with one figure wrong (a total, a price, a discount, a
surcharge, a delay) that must get the note.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pytest

from trainer.content.content_set import ContentSet
from trainer.engine.session import Session
from trainer.engine.turns import Mode


@dataclass(frozen=True)
class Line:
    scenario: str
    reply: str  # the reply the line restates, "node/id": the call is moved to that node
    text: str
    values: Mapping[str, object] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.scenario}:{self.reply}:{self.text[:40]}"


CLINIC, HUB, CLOSE = "final_exam_clinic_group", "final_exam_dispatch_hub", "final_exam_close_deal"
UPSELL = "upsell_volume_deferred"
BUDGET = {"switches_in": True, "headset": "mono"}
# the variables and trust a call has by the time it reaches the step, when the step needs them
ROUTERS, SWITCHES, ROUTER = {"routers_in": True}, {"switches_in": True}, {"router_in": True}

HONEST = [
    # the clinic exam
    Line(
        CLINIC,
        "setup_answer/full_package",
        "90 seats at €84 = €7,560. 90 T310 phones at €79 plus a G5 router per clinic for LTE backup: 95 units, 8% off €8,710 = €8,013.20. €15,573.20 altogether",
    ),
    Line(
        CLINIC,
        "setup_answer/full_package",
        "Ninety seats at EUR 84 is EUR 7.560; ninety T310 phones at EUR 79 and a G5 router per clinic for LTE failover, 95 units, 8% off EUR 8.710 = EUR 8.013,20. In total EUR 15.573,20",
    ),
    Line(
        CLINIC,
        "setup_answer/full_package",
        "90 seats x 84 euros = 7560 euros, 90 T310 phones x 79 euros = 7110 euros and a G5 router per clinic, 5 x 320 euros = 1600 euros: 95 units so 8% off 8710 euros = 8013.20 euros. 15573.20 euros in total",
    ),
    Line(
        CLINIC,
        "setup_answer/full_package",
        "ninety seats at eighty-four, seven thousand five hundred sixty. ninety T310 phones and a G5 router in each clinic for LTE failover, ninety-five units, eight percent off, 15,573.20 in all",
    ),
    Line(
        CLINIC,
        "setup_answer/full_package",
        "90 seats €7 560, then 90 T310 phones and a G5 router per clinic for failover: 95 units, 8% off €8 710 is €8 013.20, so €15 573.20 in all",
    ),
    Line(
        CLINIC,
        "price_obj/honest_difference",
        "Yes Vexa is €12 a seat cheaper, €1,080 a year. For that you get 99.95% uptime in the contract rather than 99.9%: roughly 22 minutes of downtime a month instead of 43, with service credits",
    ),
    Line(
        CLINIC,
        "price_obj/honest_difference",
        "Vexa is 12 euros a seat cheaper, EUR 1.080 a year for ninety seats. What you get for it: 99.95% availability in the contract instead of 99.9%, about 22 minutes of downtime a month against 43, and service credits",
    ),
    Line(
        CLINIC,
        "payment_obj/sixty_with_check",
        "90 days is only for key accounts. I can do 60 days at 2%, that's €311.46, so €15,884.66, after a one day credit check like every new client",
        ROUTERS,
    ),
    Line(
        CLINIC,
        "payment_obj/sixty_with_check",
        "ninety days is for key accounts only; sixty days I can do at two percent: €15.573,20 plus €311,46 is €15.884,66, after a one-day credit check as for every new client",
        ROUTERS,
    ),
    Line(
        CLINIC,
        "timing_obj/counter_timing",
        "Yes, 12 working days is enough. phones and routers are in stock, ship in 2 business days, seats go live the next business day. porting takes 7-10 business days so I start it tomorrow, and temporary numbers work from day one. I will reserve stock in 1C today",
        ROUTERS,
    ),
    Line(
        CLINIC,
        "timing_obj/counter_timing",
        "yes, twelve working days is plenty: phones and routers in stock, two business days to ship, seats live the next business day, porting 7 to 10 business days starting tomorrow, temporary numbers from day one, and I reserve the stock in 1C today",
        ROUTERS,
    ),
    # the dispatch hub exam
    Line(
        HUB,
        "setup_answer/full_package",
        "40 cloud seats at €84 = €3,360. 40 T310 phones at €79 and 2 S24P PoE switches at €410: 42 units, €3,980 less 5% = €3,781. Total €7,141",
    ),
    Line(
        HUB,
        "setup_answer/full_package",
        "40 Cloud PBX seats at €84 make €3.360; 40 T310 phones and 2 S24P PoE switches, 42 units, 5% off €3.980 = €3.781. In total €7.141",
    ),
    Line(
        HUB,
        "setup_answer/full_package",
        "forty seats at eighty-four is three thousand three hundred sixty, forty phones and two switches get five percent off, seven thousand one hundred forty-one in total",
    ),
    Line(
        HUB,
        "setup_answer/full_package",
        "40 Cloud PBX seats x EUR 84 = EUR 3360, 40 T310 x EUR 79 = EUR 3160 and 2 S24P PoE switches x EUR 410 = EUR 820: 42 units, minus 5% = EUR 3781, total EUR 7141",
    ),
    Line(
        HUB,
        "price_obj/explain_recording",
        "you record all calls, right? vexa adds €6 per seat per month for recording, so they're really at €146 a year vs our €84 with 90 days of recording included - about €2,480 less per year for 40 seats",
    ),
    Line(
        HUB,
        "payment_obj/terms_with_check",
        "I'm not able to drop it. 30 days is free of surcharge, 60 days costs 2% which is €142.82, so €7,283.82. being a new client there's a one day credit check, I'll ask for it today",
        SWITCHES,
    ),
    Line(
        HUB,
        "timing_obj/counter_timing",
        "Yes, 15 working days is enough. phones and switches are in stock, 2 business days to ship, seats live the day after. porting is 7-10 business days and you get temporary numbers from day one. I will reserve the stock in 1C today",
        SWITCHES,
    ),
    Line(
        HUB,
        "close_ask/ask_for_order",
        "signed order from you and your finance director today - €7,141 on 30 days or €7,283.82 on 60 once the credit check is ok. then I reserve stock",
        {**SWITCHES, "trust": 70},
    ),
    # the contact-centre exam
    Line(
        CLOSE,
        "setup_answer/propose_package",
        "60 Cloud PBX seats with queues and recording, €5,040; 60 ProVoice Duo headsets at €59 and a G5 router at €320 so the fibre fails over to LTE: 61 units, 8% off €3,860 = €3,551.20. First invoice €8,591.20, under your ten thousand",
    ),
    Line(
        CLOSE,
        "setup_answer/propose_package",
        "Sixty Cloud PBX seats with queues and recording at €84: €5.040. Sixty ProVoice Duo headsets and a G5 router for LTE failover: 61 units, 8% off €3.860, so €3.551,20. First invoice €8.591,20, under your €10.000",
    ),
    Line(
        CLOSE,
        "price_obj/explain_six",
        "Vexa's €78 leaves out call recording: €6 a seat a month, so €150 a seat a year, and you have to record for insurers. Ours includes 90 days of recording at €84: €66 a seat less, €3,960 a year for sixty agents. And their SLA is 99.9%, ours 99.95%",
    ),
    Line(
        CLOSE,
        "payment_obj/counter_terms",
        "I can't waive it: 30 days at no surcharge, or 60 days at 2%, that's €171.82, so €8,763.02, still under your €10,000. As a new client you need a one-day credit check first, I'll request it today",
        ROUTER,
    ),
    Line(
        CLOSE,
        "timing_obj/counter_timing",
        "Yes: headsets and the router are in stock and ship in 2 business days, seats are active the next business day, porting takes 7-10 business days so we start tomorrow, with temporary numbers from day one in case it runs late. I'll reserve the stock in 1C today",
        ROUTER,
    ),
    # practice calls
    Line(
        UPSELL,
        "switch_check/propose_s24p",
        "Then 2 S24P switches at €410 each, 24 PoE+ ports each so 48 ports for the 40 phones, €820 together, rack-mounted and in stock",
    ),
    Line(
        UPSELL,
        "budget_obj/counter_budget_numbers",
        "40 T310 €3,160, 2 S24P €820, 10 Mono €490: €4,470 at list. That's 52 units, so 8% off the whole order: €4,112.40",
        BUDGET,
    ),
    Line(
        UPSELL,
        "budget_obj/counter_budget_numbers",
        "Forty T310 = €3.160, two S24P = €820, ten Mono = €490, so €4.470 at list; that's 52 units and 8% off the whole order, €4.112,40 in total",
        BUDGET,
    ),
    Line(
        UPSELL,
        "payment_obj/counter_60days",
        "Then 60 days: the order is over the EUR 4,000 minimum, and with the 2% surcharge it's EUR 4,194.65. Still under your EUR 4,500 and due after the quarter opens",
        BUDGET,
    ),
    Line(
        "out_of_stock_urgent",
        "rooms/propose_mix",
        "For the two small rooms an Orbit 6 each, and in the boardroom two Orbit 6 linked together. thats 4 at 149 = 596 euro, all on the shelf",
    ),
    Line(
        "out_of_stock_urgent",
        "rooms/propose_mix",
        "An Orbit 6 in each small room for up to six, and two chained Orbit 6 in the boardroom for twelve: 4 x €149 = €596, all in stock",
    ),
    Line(
        "warranty_complaint",
        "rma_found/check_portal_policy",
        "Found it. Theyve been with us 15 business days; after ten days you get new ones, so two go out today",
    ),
    Line(
        "warranty_complaint",
        "rma_found/check_portal_policy",
        "I have RMA 24-3381 open: fifteen business days with us, that's over our ten day limit, so two new BT Pro leave our warehouse today",
    ),
    Line(
        "warranty_complaint",
        "rma_found/check_portal_policy",
        "Found it, they've been here 15 working days, that's over our ten day limit so we ship you two new ones today",
    ),
    Line(
        "vip_renewal",
        "price_obj/ask_what_matters",
        "I can't go to 7, the most I can do is 5% on a two year renewal. But before numbers, what matters most to you?",
    ),
    Line(
        "vip_renewal",
        "what_matters/summarize_offer",
        "For 24 months I can do 5%: €76 a seat, €39,520 a year, €832 above Vexa. And in the contract: your priority line, a 4-hour fault response and advance replacement",
    ),
    Line(
        "credit_check_new_client",
        "opening/explain_terms",
        "Hi Victor, Eve speaking, great that the quote works for you. For 2,846.20 I can offer 30 days with no surcharge - 60 days only starts at 4,000. And new clients go through a one day credit check first",
    ),
    Line(
        "overdue_invoice",
        "reason/separate",
        "Thanks for telling me. The 2 missing headsets go to accounting as a dispute today, with an answer in two business days. The other €3,013.40: when could you pay it?",
    ),
    Line(
        "overdue_invoice",
        "new_order/order_honest",
        "Yes. 6 T310 at €79 is €474, plus €15 delivery under €500, paid on delivery; with the plan kept it ships as normal. Shall I book it for next month?",
        {"plan_agreed": True},
    ),
    Line(
        "postpone_order",
        "impact/offer_60",
        "They would. So keep next week's delivery and move the payment to 60 days, due after the quarter: 2% on €12,222 is €244.44, so €12,466.44",
    ),
    Line(
        "written_proposal",
        "needs_check/numbers_on_phone",
        "Easy: 45 seats at €84 = €3,780 a year, 45 T310 and two S24P = €4,375, 5% off: €4,156.25. Three years: €15,496.25",
    ),
    Line(
        "book_meeting",
        "how_they_work/recommend_direct",
        "Then the phone should follow people: Cloud PBX on each laptop and mobile, nothing on the desks. 28 seats at €84 = €2,352 a year",
    ),
]

WRONG = [
    # a delay that is a figure of the policy, but not this delay's
    Line(
        CLINIC,
        "timing_obj/counter_timing",
        "Yes, 12 working days is enough: phones and routers are in stock and ship in 2 business days, seats go live the next business day, and porting takes 14 business days. I'll reserve the stock in 1C today",
        ROUTERS,
    ),
    Line(
        HUB,
        "timing_obj/counter_timing",
        "Yes. Phones and switches are in stock and ship in 5 business days; seats go live the next business day. Porting takes 7 to 10 business days, and temporary numbers work from day one. I'll reserve the stock in 1C today",
        SWITCHES,
    ),
    Line(
        CLINIC,
        "setup_answer/full_package",
        "90 seats at €84 = €7,560. 90 T310 phones and a G5 router per clinic for LTE failover: 95 units, 8% off €8,710 = €8,013.20. €16,573.20 altogether",
    ),
    Line(
        CLINIC,
        "setup_answer/full_package",
        "Ninety seats at 84, ninety T310 phones and a G5 router per clinic for LTE failover: 95 units, 8% off. 7,560 in total",
    ),
    Line(
        HUB,
        "setup_answer/full_package",
        "40 Cloud PBX seats at €84 = €3,360. 40 T310 phones and 2 S24P PoE switches: 42 units, 5% off €3,980 = €3,781. Total €7,241",
    ),
    Line(
        HUB,
        "setup_answer/full_package",
        "40 Cloud PBX seats at €84 make €3.360; 40 T310 phones and 2 S24P PoE switches, 42 units, 5% off €3.980 = €3.781. In total €7.241",
    ),
    Line(
        HUB,
        "setup_answer/full_package",
        "forty seats at eighty-four is three thousand three hundred sixty, forty phones and two S24P switches get five percent off, seven thousand two hundred forty-one in total",
    ),
    Line(
        HUB,
        "setup_answer/full_package",
        "40 Cloud PBX seats at €84 is €3,360 and 40 T310 phones with 2 S24P PoE switches are €3,980, 42 units: €7,340 in total",
    ),
    Line(
        HUB,
        "payment_obj/terms_with_check",
        "I can't waive it. 30 days has no surcharge; 60 days is 2%: €152.82, so €7,293.82. As a new client you need a one-day credit check first; I'll request it today",
        SWITCHES,
    ),
    Line(
        CLINIC,
        "payment_obj/sixty_with_check",
        "90 days is only for key accounts. I can do 60 days at 2%, that's €331.46, so €15,904.66, after a one day credit check like every new client",
        ROUTERS,
    ),
    Line(
        CLOSE,
        "setup_answer/propose_package",
        "60 Cloud PBX seats with queues and recording €5,040; 60 ProVoice Duo headsets and a G5 router for LTE failover: 61 units, 5% off €3,860 = €3,667. First invoice €8,707, under your ten thousand",
    ),
    Line(
        UPSELL,
        "budget_obj/counter_budget_numbers",
        "40 T310 €3,160, 2 S24P €820, 10 Mono €490: €4,470 at list. That's 52 units, so 8% off the whole order: €4,212.40",
        BUDGET,
    ),
    Line(
        UPSELL,
        "budget_obj/counter_budget_numbers",
        "Forty T310 is 3,160, two S24P 820, ten Mono 490: 4,470 at list. That's 52 units, so 3% off the whole order: 4,335.90 euros.",
        BUDGET,
    ),
    Line(
        "out_of_stock_urgent",
        "rooms/propose_mix",
        "An Orbit 6 in each small room for up to six, and two chained Orbit 6 in the boardroom for twelve: 4 x €159 = €636, all in stock",
    ),
    Line(
        "warranty_complaint",
        "rma_found/check_portal_policy",
        "Found it. They've been with us 15 business days; after 20 days you get new ones, so two go out today",
    ),
    Line(
        "vip_renewal",
        "what_matters/summarize_offer",
        "For 24 months I can do 5%: €77 a seat, €40,040 a year, €1,352 above Vexa. And in the contract: your priority line, a 4-hour fault response and advance replacement",
    ),
    Line(
        "postpone_order",
        "impact/offer_60",
        "They would. So keep next week's delivery and move the payment to 60 days, due after the quarter: 2% on €12,222, so €12,566.44",
    ),
    Line(
        "written_proposal",
        "needs_check/numbers_on_phone",
        "Easy: 45 seats at €84 = €3,780 a year, 45 T310 and two S24P = €4,375, 5% off: €4,156.25. Three years: €16,496.25",
    ),
    Line(
        "credit_check_new_client",
        "opening/explain_terms",
        "Hi Victor, Eve speaking, great that the quote works for you. For 2,846.20 I can offer 30 days with no surcharge - 60 days only starts at 5,000. And new clients go through a one day credit check first",
    ),
]


def _said(content: ContentSet, line: Line) -> tuple[object, tuple[str, ...], str]:
    session = Session(
        content, content.scenario(line.scenario), mode=Mode.PRACTICE, seed=1, trainee="Eve Moss"
    )
    try:
        session.jump(line.reply.split("/")[0])
        for name, value in line.values.items():
            session.set_value(name, value)
        turn = session.say(line.text)[0]
        facts = turn.facts or {}
        # a wrong fact is queried by the client: the reply it was heard as is named, not taken
        heard = turn.reply or facts.get("queried")
        return heard, tuple(facts.get("mismatches") or ()), turn.note or ""
    finally:
        session.close()


@pytest.mark.parametrize("line", HONEST, ids=str)
def test_an_honest_line_with_every_figure_right_is_no_wrong_fact(
    bundled: ContentSet, line: Line
) -> None:
    reply, wrong, note = _said(bundled, line)
    assert reply == line.reply
    assert wrong == (), wrong
    assert "wrong facts" not in note


@pytest.mark.parametrize("line", WRONG, ids=str)
def test_a_line_with_one_figure_wrong_is_a_wrong_fact(bundled: ContentSet, line: Line) -> None:
    reply, wrong, note = _said(bundled, line)
    assert reply == line.reply
    assert wrong, note
    assert wrong[0].split(":")[0] in note  # the coach names the figure


# The clinic exam as a careful trainee typed it in the app: every figure right, with euro signs,
# unit prices, the competitor's SLA, the surcharge and the client's own deadline said too.
CLINIC_EXAM = [
    "Hello Claire, Eve at Northline Communications. Five clinics onto one phone system by the 1st of next month - can I check three things about your setup before quoting?",
    "desk phones or headsets? are your switches PoE? and how is each clinic connected to the internet?",
    HONEST[0].text,
    HONEST[5].text,
    HONEST[7].text,
    "just your registration number and who approves payments. I file it today and you'll have the answer tomorrow, before the first invoice",
    HONEST[9].text,
    "your signature on the order today, I'll start the credit check and reserve the stock this afternoon",
    "call me or the service desk. I open the repair that day and a courier collects it for free; if it fails within 30 days of delivery we replace it immediately, after that the 12 month warranty covers it",
]


def _exam(content: ContentSet, lines: list[str]) -> tuple[Session, list[str]]:
    session = Session(content, content.scenario(CLINIC), mode=Mode.EXAM, seed=1, trainee="Eve Moss")
    wrong = []
    for text in lines:
        if session.outcome is not None:
            break
        turn = session.say(text)[0]
        wrong += list((turn.facts or {}).get("mismatches") or ())
    return session, wrong


def test_an_all_correct_exam_written_with_euro_signs_passes(bundled: ContentSet) -> None:
    # QA B1: this call failed the exam at 83.5% on four false "wrong facts" notes.
    session, wrong = _exam(bundled, CLINIC_EXAM)
    try:
        assert wrong == []
        assert session.outcome is not None and session.score().passed
    finally:
        session.close()


def test_the_same_exam_with_a_wrong_total_loses_its_product_points(bundled: ContentSet) -> None:
    lines = [*CLINIC_EXAM]
    lines[2] = lines[2].replace("€15,573.20 altogether", "€16,573.20 altogether")
    session, wrong = _exam(bundled, lines)
    right, _ = _exam(bundled, CLINIC_EXAM)
    try:
        assert wrong == ["you said €16,573.20: the total is €15,573.20"]
        assert session.score().percent < right.score().percent
    finally:
        session.close()
        right.close()
