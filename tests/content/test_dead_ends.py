"""Guard coverage: a node a call can reach with every reply's condition false is an error that
names the node, the client and the replies that lead there; covered guards are not."""

from __future__ import annotations

from pathlib import Path

import pytest

from trainer.cli import main
from trainer.content.loader import validate

SCENARIO = Path("scenarios") / "first_call.yaml"
SEND = """      - id: send
        text: I'll send you a brochure.
        to: lost
        points: {closing: 0}
        note: A brochure is not a next step.
"""


def _edit(root: Path, old: str, new: str) -> None:
    path = root / SCENARIO
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def _dead_ends(root: Path) -> list[str]:
    return [
        str(problem)
        for problem in validate(root).problems
        if "can be reached with no reply on offer" in problem.message
    ]


def test_a_guarded_close_reached_at_low_trust_is_an_error_with_its_path(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Only `when: trust >= 50 and asked` is left at 'offer'; Ivan starts at trust 40.
    _edit(mini, SEND, "")
    assert main(["validate", str(mini), "--gameability", "off"]) == 1
    out = capsys.readouterr().out
    assert (
        f"{mini / SCENARIO}:61:5: node 'offer' can be reached with no reply on offer: with ivan "
        "as the client, 'hello/intro' -> 'needs/pitch' leads there with asked false, trust 40, "
        "and every reply's condition is false; add a reply without a condition, or one for "
        "this case"
    ) in out


def test_guards_that_cover_every_case_between_them_are_not_reported(mini: Path) -> None:
    _edit(mini, SEND, SEND.replace("to: lost", "to: lost\n        when: trust < 50 or not asked"))
    assert _dead_ends(mini) == []


def test_a_guard_only_ever_met_after_the_reply_that_opens_it_is_not_reported(mini: Path) -> None:
    # 'offer' is only reached through 'ask', which sets `asked`, once 'pitch' goes elsewhere.
    _edit(mini, SEND, "")
    _edit(mini, "when: trust >= 50 and asked", "when: asked")
    _edit(
        mini,
        "        to: offer\n        points: {needs_discovery: 0}",
        "        to: lost\n        points: {needs_discovery: 0}",
    )
    assert _dead_ends(mini) == []
    # ...but 'pitch' leading there again, without asking, is caught.
    _edit(
        mini,
        "        to: lost\n        points: {needs_discovery: 0}",
        "        to: offer\n        points: {needs_discovery: 0}",
    )
    [problem] = _dead_ends(mini)
    assert "'hello/intro' -> 'needs/pitch' leads there with asked false" in problem


def test_a_dead_end_behind_a_hang_up_is_not_reported(mini: Path) -> None:
    # Pushing twice at 'annoyed' empties Ivan's patience (40 - 25 - 25): the call ends first.
    _edit(
        mini,
        "    say: Who is this?\n    replies:",
        "    say: Who is this?\n    replies:\n      - id: stuck\n        text: Then listen.\n"
        "        to: stuck\n        tags: [pushy]",
    )
    _edit(
        mini,
        "  booked:",
        "  stuck:\n    say: Go on.\n    replies:\n      - id: never\n        text: So.\n"
        "        to: lost\n        when: patience > 90\n  booked:",
    )
    assert _dead_ends(mini) == []
    # Without the push, the client stays on the line and the shut node is reached.
    _edit(mini, "        to: stuck\n        tags: [pushy]", "        to: stuck")
    [problem] = _dead_ends(mini)
    assert "'hello/push' -> 'annoyed/stuck' leads there with patience 15" in problem


def test_the_client_that_reaches_the_dead_end_is_named(mini: Path) -> None:
    persona = (mini / "personas" / "ivan.yaml").read_text()
    olga = persona.replace("id: ivan", "id: olga").replace("Ivan Petrov", "Olga Petrova")
    (mini / "personas" / "olga.yaml").write_text(
        olga.replace("client_type: deciding", "client_type: vip")
    )
    _edit(mini, "personas: [ivan]", "personas: [ivan, olga]")
    _edit(mini, SEND, "")
    _edit(mini, "when: trust >= 50 and asked", "when: client_type == 'deciding'")
    [problem] = _dead_ends(mini)
    assert (
        "node 'offer' can be reached with no reply on offer: with olga as the client, "
        "'hello/intro' -> 'needs/ask' leads there with client_type 'vip'"
    ) in problem
