"""A wrong figure the client queried, recorded as it happened: the typed line with its wrong
fact and no reply taken, the client's query, then the corrected reply without its
product-knowledge points; and a reviewer reads that the client queried it."""

from __future__ import annotations

import json
from pathlib import Path

from tests.services.conftest import rows
from trainer.content.content_set import ContentSet
from trainer.engine.session import Session
from trainer.engine.turn_details import facts_details
from trainer.engine.turns import Mode
from trainer.services.calls import RecordedCall
from trainer.services.replay import coach_heard_as
from trainer.store.database import Store
from trainer.store.models import Trainee


def test_a_queried_figure_is_stored_and_the_correction_goes_on(
    store: Store, db_path: Path, ann: Trainee, bundled: ContentSet
) -> None:
    scenario = bundled.scenario("final_exam_dispatch_hub")
    session = Session(bundled, scenario, mode=Mode.PRACTICE, seed=3, trainee="Ann Lee")
    call = RecordedCall.begin(store, ann.id, session)
    try:
        call.choose("prepared_intro")
        call.choose("ask_setup")
        offered = call.session.options()
        wrong = call.say(
            "Forty Cloud PBX seats at 84, 3,360. Forty T310 and two S24P PoE switches, 42 units "
            "at 5% off 3,980 is 3,781. 7,241 in all."
        )
        right = call.say(
            "Sorry: forty seats at 84 is 3,360, forty T310 and two S24P PoE switches, 42 units "
            "at 5% off 3,980 is 3,781, so 7,141 in all."
        )
    finally:
        call.session.close()
    stored = rows(
        db_path,
        "SELECT speaker, node, reply_key, facts_json, points_json FROM turns "
        "WHERE attempt_id = ? AND idx >= ? ORDER BY idx",
        call.attempt_id,
        wrong[0].index,
    )
    (queried, query, taken, _objection) = stored
    assert queried[:3] == ("trainee", "setup_answer", None)
    facts = json.loads(str(queried[3]))
    assert facts["queried"] == "setup_answer/full_package"
    assert any("you said €7,241" in m for m in facts["mismatches"])
    assert query[:3] == ("client", "setup_answer", None) and wrong[1].text.startswith("€7,241? ")
    assert taken[2] == "setup_answer/full_package" and right[0].reply == taken[2]
    assert "product_knowledge" not in json.loads(str(taken[4]))
    coach = coach_heard_as(wrong[0], offered, scenario.match_threshold)
    assert coach.startswith("Heard as reply ") and coach.endswith("which the client queried")
    said = [str(detail) for detail in facts_details(wrong[0].facts)]
    assert "the client queried it; the call waited for the right figure" in said
