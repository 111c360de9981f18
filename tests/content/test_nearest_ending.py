"""`nearest_ending`: which authored ending's coaching a hang-up at a node shows."""

from __future__ import annotations

from pathlib import Path

from tests.content.test_loader import edit
from trainer.content.graph import nearest_ending
from trainer.content.loader import load_content
from trainer.content.scenario.model import Outcome

TWO_HANG_UPS = """\
  near_hang_up:
    say: Enough.
    ending:
      outcome: hung-up
      note: The near one.
  far_hang_up:
    say: Goodbye.
    ending:
      outcome: hung-up
      note: The far one.
"""


def test_the_nearest_hang_up_ending_along_the_replies_is_chosen(mini: Path) -> None:
    path = mini / "scenarios" / "first_call.yaml"
    path.write_text(path.read_text() + TWO_HANG_UPS)
    # from 'offer', the brochure now leads to the far one; from 'annoyed', pushing to the near one
    edit(mini, "scenarios/first_call.yaml", "        to: lost\n", "        to: far_hang_up\n")
    edit(
        mini,
        "scenarios/first_call.yaml",
        "        to: annoyed\n        tags: [pushy]\n        note: Still pushy.",
        "        to: near_hang_up\n        tags: [pushy]\n        note: Still pushy.",
    )
    scenario = load_content(mini).scenario("first_call")
    near = nearest_ending(scenario, "annoyed", Outcome.HUNG_UP, None)
    far = nearest_ending(scenario, "offer", Outcome.HUNG_UP, None)
    assert near is not None and near.note == "The near one."
    assert far is not None and far.note == "The far one."
    # from the start, 'annoyed' (and its near hang-up) is closer than 'offer'
    start = nearest_ending(scenario, "hello", Outcome.HUNG_UP, None)
    assert start is not None and start.note == "The near one."


def test_another_speakers_ending_or_none_at_all_gives_no_coaching(mini: Path) -> None:
    scenario = load_content(mini).scenario("first_call")
    assert nearest_ending(scenario, "hello", Outcome.HUNG_UP, None) is None
    assert nearest_ending(scenario, "hello", Outcome.MEETING, "gatekeeper") is None
    booked = nearest_ending(scenario, "hello", Outcome.MEETING, None)
    assert booked is not None and booked.note == "Meeting booked."
