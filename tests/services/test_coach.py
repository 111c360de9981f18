"""The coach's view of a call: the offers rebuilt as the trainee saw them, and a best reply that
a lazy or dishonest route cannot claim."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from tests.cli.conftest import store_call
from trainer.content.content_set import ContentSet
from trainer.content.rubric import Rubric
from trainer.services import coach
from trainer.store.attempts import get_attempt, turns_for
from trainer.store.database import Store
from trainer.store.trainees import add_trainee

MOVES = [("say", "Hello Ivan, Anna from Northline here"), ("pick", "ask"), ("pick", "send")]


def offers_of(store: Store, content: ContentSet, stored: ContentSet | None = None) -> coach.CallMap:
    anna = add_trainee(store, "Anna Berg")
    attempt_id = store_call(store, stored or content, anna.id, MOVES, seed=3)
    found = coach.call_map(
        store, content, get_attempt(store, attempt_id), tuple(turns_for(store, attempt_id))
    )
    assert found is not None
    return found


def test_the_offers_are_worded_and_numbered_as_the_trainee_saw_them(
    store: Store, mini_content: ContentSet
) -> None:
    found = offers_of(store, mini_content)
    first, _, last = found.offers.values()
    assert [(o.number, o.text, o.chosen, o.best) for o in first] == [
        (1, "Hello Ivan, this is Anna Berg from Northline.", True, True),
        (2, "Buy our phones now!", False, False),
    ]
    assert [(o.key, o.chosen, o.best) for o in last] == [
        ("offer/meet", False, True),
        ("offer/send", True, False),
    ]
    assert found.route == ("hello", "needs", "offer", "lost")
    assert found.best_route == ("hello", "needs", "offer", "booked")
    assert found.problem == ""


def test_a_reply_that_breaks_policy_is_never_best_however_many_points(
    store: Store, mini_content: ContentSet
) -> None:
    scenario = mini_content.scenario("first_call")
    offer = scenario.nodes["offer"]
    bribe = dataclasses.replace(
        offer.replies[1], tags=("promise",), points={"closing": 50.0}, target="booked"
    )
    tempting = dataclasses.replace(
        scenario,
        nodes={
            **scenario.nodes,
            "offer": dataclasses.replace(offer, replies=(offer.replies[0], bribe)),
        },
    )
    rubric: Rubric = dataclasses.replace(mini_content.rubric, critical={"promise": "a promise"})
    content = dataclasses.replace(
        mini_content, rubric=rubric, scenarios={**mini_content.scenarios, "first_call": tempting}
    )
    found = offers_of(store, content, stored=mini_content)
    *_, last = found.offers.values()
    assert [(o.key, o.best) for o in last] == [("offer/meet", True), ("offer/send", False)]
    assert "offer/send" not in found.best_replies


def test_a_changed_scenario_says_where_the_offers_stop(
    store: Store, mini_content: ContentSet
) -> None:
    scenario = mini_content.scenario("first_call")
    hello = scenario.nodes["hello"]
    shortcut = tuple(
        dataclasses.replace(r, target="offer") if r.id == "intro" else r for r in hello.replies
    )
    moved = dataclasses.replace(
        scenario, nodes={**scenario.nodes, "hello": dataclasses.replace(hello, replies=shortcut)}
    )
    content = dataclasses.replace(
        mini_content, scenarios={**mini_content.scenarios, "first_call": moved}
    )
    found = offers_of(store, content, stored=mini_content)
    assert list(found.offers) == [1]
    assert found.problem == "the scenario has changed since this call: turn 4 on"


def test_the_html_export_draws_the_path_on_the_map(
    store: Store, mini_content: ContentSet, tmp_path: Path
) -> None:
    from trainer.services import mentor as review

    anna = add_trainee(store, "Anna <b>Berg</b>")
    attempt_id = store_call(store, mini_content, anna.id, MOVES, seed=3)
    target = tmp_path / "call.html"
    review.export_transcript(
        store, attempt_id, review.ExportFormat.HTML, target, content=mini_content
    )
    page = target.read_text(encoding="utf-8")
    assert "<h3>Path on the map</h3>" in page
    assert "<li>●★ <b>hello</b>" in page and "<li>★ <b>booked</b>" in page
    assert "<li>▸ send → lost</li>" in page and "<li>★ meet → booked" in page
    assert "<li>▸★ intro → needs" in page
    assert "<b>Berg</b>" not in page  # the trainee's name stays text
    # Without the content the export has no map, and says nothing it cannot know.
    bare = tmp_path / "bare.html"
    review.export_transcript(store, attempt_id, review.ExportFormat.HTML, bare)
    assert "Path on the map" not in bare.read_text(encoding="utf-8")
