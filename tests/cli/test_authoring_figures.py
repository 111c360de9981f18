"""Figures in dialogue checked against the catalogue: a located warning when they disagree."""

from __future__ import annotations

import functools
import shutil
from pathlib import Path

import pytest

from trainer.cli import main
from trainer.content.loader import load_content
from trainer.content.paths import CONTENT_FOLDERS, bundled_content_dir
from trainer.engine.figures import figure_problems

SCENARIO = """\
kind: scenario
id: dental_dropouts
title: A dental clinic whose phones drop
stage: 3
personas: [{persona}]
goal: Book a meeting.
success: [meeting]
start: hello
nodes:
  hello:
    say: "{client}"
    replies:
      - id: quote
        text: "{reply}"
        to: booked
        points: {{product_knowledge: {points}}}
      - id: later
        text: I'll call you back next week with the details.
        to: booked
        points: {{closing: 1}}
  booked:
    say: Fine.
    ending: {{outcome: meeting}}
"""


@pytest.fixture(scope="module")
def bundled_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("content")
    for folder in CONTENT_FOLDERS:
        shutil.copytree(bundled_content_dir() / folder, root / folder)
    return root


@functools.cache
def first_persona(root: Path) -> str:
    """The first persona of a copy, read once: the tests add and remove a scenario, never one."""
    return sorted(load_content(root).personas)[0]


def findings(root: Path, reply: str, client: str = "Hello?", points: int = 2) -> list[str]:
    persona = first_persona(root)
    path = root / "scenarios" / "dental_dropouts.yaml"
    path.write_text(SCENARIO.format(persona=persona, client=client, reply=reply, points=points))
    try:
        content = load_content(root)
        return [p.message for p in figure_problems(content) if p.location.path.name == path.name]
    finally:
        path.unlink()


# Each wrong sentence with its right twin: the check must tell them apart, not flag figures.
CASES = [
    (
        "The MeetView Bar is about eleven hundred euros.",
        "The MeetView Bar is 1,190 euros.",
        "quotes €1,100 for the MeetView Bar: the catalogue lists it at €1,190 per unit",
    ),
    (
        "Our T310 is 89 euros a unit.",
        "Our T310 is 79 euros a unit.",
        "quotes €89 for the Northline T310 IP phone: the catalogue lists it at €79 per unit",
    ),
    (
        "Forty units puts you in the 8% discount tier.",
        "Forty units puts you in the 5% discount tier.",
        "says 8% off for 40 units: the catalogue's volume discount at 40 units is 5%",
    ),
    (
        "The Orbit 12 ships in five business days.",
        "The Orbit 12 ships in eighteen business days from the factory.",
        "says 5 days for the Orbit 12 speakerphone: the catalogue says 2 from stock, 18 from the "
        "factory",
    ),
    (
        "You can pay in 60 days at 3.5%.",
        "You can pay in 60 days at 2%.",
        "says 60 days at 3.5%: the catalogue's surcharge for 60 days is 2%",
    ),
    (
        "Forty T310 phones and two S24P switches: 42 units, so 5% off, which is 3,500 euros.",
        "Forty T310 phones and two S24P switches: 42 units, so 5% off 3,980, which is 3,781.",
        "gives a total of €3,500: by the catalogue 40 x Northline T310 IP phone and 2 x Northline "
        "S24P PoE switch come to €3,980, €3,781 with the 5% volume discount",
    ),
    (
        "We have forty products in our range, all of our 40 products in stock.",
        "All of our 19 products are in stock.",
        "says 40 products: the catalogue has 19",
    ),
]


@pytest.mark.parametrize(("wrong", "right", "message"), CASES)
def test_a_wrong_figure_is_named_with_the_catalogues_value_and_the_right_one_passes(
    bundled_copy: Path, wrong: str, right: str, message: str
) -> None:
    found = findings(bundled_copy, wrong)
    assert found == [f"reply 1 'quote' of node 'hello' {message}"]
    assert findings(bundled_copy, right) == []


def test_a_deliberately_wrong_reply_is_left_alone_but_a_client_line_is_checked(
    bundled_copy: Path,
) -> None:
    wrong = "The MeetView Bar is about eleven hundred euros."
    assert findings(bundled_copy, wrong, points=-2) == []  # marked as a mistake by its author
    found = findings(bundled_copy, "Let me check.", client=wrong)
    assert found == [
        "the client's line at node 'hello' quotes €1,100 for the MeetView Bar: the catalogue "
        "lists it at €1,190 per unit"
    ]


def test_validate_warns_at_the_replys_line_and_strict_fails(
    bundled_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    persona = first_persona(bundled_copy)
    path = bundled_copy / "scenarios" / "dental_dropouts.yaml"
    text = SCENARIO.format(
        persona=persona,
        client="Hello?",
        reply="The MeetView Bar is about eleven hundred euros.",
        points=2,
    )
    path.write_text(text)
    try:
        args = ["validate", str(path), "--gameability", "off"]
        assert main([*args, "--content", str(bundled_copy)]) == 0
        out = capsys.readouterr().out
        assert (
            f"{path}:13:9: warning: reply 1 'quote' of node 'hello' quotes €1,100 for the "
            "MeetView Bar: the catalogue lists it at €1,190 per unit"
        ) in out
        assert main([*args, "--strict", "--content", str(bundled_copy)]) == 1
    finally:
        path.unlink()


def test_the_bundled_content_quotes_the_catalogue_right() -> None:
    assert [str(p) for p in figure_problems(load_content(bundled_content_dir()))] == []
