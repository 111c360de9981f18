"""A client never answers a reply they did not hear: `trainer validate` warns of a line whose
every variant asks for the name a call can have given its speaker, and of a line that opens by
echoing words a reply leading to it never said; each with its line and column."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from trainer.cli import main
from trainer.content.heard import asks, echoed
from trainer.content.loader import validate
from trainer.content.paths import bundled_content_dir

SCENARIO = Path("scenarios") / "first_call.yaml"
# 'annoyed' ("Who is this?") is reached from 'push', which gives no name; 'intro' gives it.
INTRO_TO_ANNOYED = (
    "        text: Hello {first_name}, this is {trainee} from {our_company}.\n        to: needs",
    "        text: Hello {first_name}, this is {trainee} from {our_company}.\n        to: annoyed",
)


def _edit(root: Path, old: str, new: str) -> None:
    path = root / SCENARIO
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def _heard(root: Path) -> list[str]:
    return [
        str(problem)
        for problem in validate(root).problems
        if "did not hear" in problem.message or "asks for the trainee's name" in problem.message
    ]


def test_asking_the_name_just_given_is_a_located_warning(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _heard(mini) == []  # 'Who is this?' follows only the pushy reply, which names nobody
    _edit(mini, *INTRO_TO_ANNOYED)
    assert main(["validate", str(mini), "--gameability", "off", "--strict"]) == 1
    assert (
        f"{mini / SCENARIO}:31:5: warning: every line of node 'annoyed' asks for the trainee's "
        "name, but a call can get there after reply 'hello/intro' gave it"
    ) in capsys.readouterr().out


def test_a_variant_that_does_not_ask_is_the_fix(mini: Path) -> None:
    _edit(mini, *INTRO_TO_ANNOYED)
    _edit(mini, "    say: Who is this?", "    say: [Who is this?, Why are you calling me?]")
    assert _heard(mini) == []


def test_a_name_given_to_someone_else_is_not_given_to_this_speaker(mini: Path) -> None:
    """The director never heard what the trainee told the receptionist."""
    _edit(mini, *INTRO_TO_ANNOYED)
    _edit(
        mini,
        "  annoyed:\n    say: Who is this?",
        "  annoyed:\n    speaker: boss\n    say: Who is this?",
    )
    _edit(mini, "personas: [ivan]", "personas: [ivan]\ncast: {boss: ivan}")
    assert _heard(mini) == []


def test_an_echo_of_words_the_reply_never_said_is_a_located_warning(mini: Path) -> None:
    _edit(mini, "    say: Tuesday works.", "    say: A brochure? Tuesday works.")
    assert _heard(mini) == [
        f"{mini / SCENARIO}:76:5: warning: node 'booked' opens with \"A brochure?\", but reply "
        "'offer/meet' that leads there never says 'brochure': the client would answer a line "
        "they did not hear; reword the line so it fits every reply that leads there"
    ]


@pytest.mark.parametrize(
    "line",
    ["A sample? Tuesday works.", "Samples? Fine.", "Really? Tuesday works.", "Tuesday? Fine."],
)
def test_an_echo_of_what_was_said_is_not_reported(mini: Path, line: str) -> None:
    _edit(mini, "    say: Tuesday works.", f"    say: {line!r}")
    assert _heard(mini) == []


@pytest.mark.parametrize(
    ("line", "asked"),
    [
        ("Who's calling, please?", {"name"}),
        ("I'm sorry, who exactly is calling, and from which company?", {"name", "company"}),
        ("There's nothing in the diary. What did you say your name was?", {"name"}),
        ("And you are? I don't put calls through.", {"name"}),
        ("Who am I speaking to? I don't have long.", {"name"}),
        ("Do you even know who I'm talking to?", set()),
        ("Who else should be in the room?", set()),
        ("What is it regarding?", set()),
    ],
)
def test_what_a_line_asks_for(line: str, asked: set[str]) -> None:
    assert asks(line) == asked


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("Our contract? We're not your clients.", ["contract"]),
        ("Ten percent? Your price list says otherwise.", []),
        ("Seriously? You want to sell me more?", []),
        ("Headsets in a clinic and for whom? Hm.", []),  # past three words: not an echo
        ("Fine. What now?", []),
    ],
)
def test_what_an_opening_echo_repeats(line: str, words: list[str]) -> None:
    assert echoed(line) == words


def test_the_gatekeeper_who_asked_the_name_she_was_given_is_caught(tmp_path: Path) -> None:
    """The reported case: caught out after 'it's Alex from Northline, returning a call', the
    receptionist asked 'What did you say your name was?'."""
    for folder in ("scenarios", "personas", "quizzes"):
        shutil.copytree(bundled_content_dir() / folder, tmp_path / folder, ignore=ignore_tests)
    path = tmp_path / "scenarios" / "cold_call_gatekeeper.yaml"
    text = path.read_text()
    fixed = "      - There's nothing in the diary about that. What is this really about?"
    assert fixed in text
    path.write_text(text.replace(fixed, "      - Expecting you? Who are you, exactly?"))
    found = _heard(tmp_path)
    assert any(
        "node 'caught_out' asks for the trainee's name, but a call can get there after reply "
        "'reception/returning_call' gave it" in problem
        for problem in found
    ), found


def ignore_tests(folder: str, names: list[str]) -> list[str]:
    return ["tests"] if folder.endswith("scenarios") else []


def _bundled_copy(root: Path) -> Path:
    for folder in ("scenarios", "personas", "quizzes"):
        shutil.copytree(bundled_content_dir() / folder, root / folder, ignore=ignore_tests)
    return root


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_a_greeting_typed_with_the_name_at_a_step_that_offers_an_introduction_is_caught(
    tmp_path: Path,
) -> None:
    """'Good morning Bram, Dana Kirk from Northline. How are you today?' is heard as the small
    talk reply that names nobody: the next step must have a line that does not ask the name."""
    root = _bundled_copy(tmp_path)
    _replace(
        root / "scenarios" / "cold_call_direct_dial.yaml",
        "      - Fine, thanks. And what is it you want? I don't have long.\n",
        "",
    )
    found = _heard(root)
    assert any(
        "cold_call_direct_dial.yaml:73:5: warning: every line of node 'who_calling' asks for the "
        "trainee's name, but a call can get there after reply 'answer/how_are_you' typed with "
        "it" in problem
        for problem in found
    ), found


def test_an_objection_every_client_words_as_who_is_calling_is_caught(tmp_path: Path) -> None:
    """A node that raises an objection says the client persona's lines for it."""
    root = _bundled_copy(tmp_path)
    _replace(
        root / "personas" / "kees_janssen.yaml",
        "    - Again? I get forty of these calls a week, I don't remember yours. What's it about?\n",
        "",
    )
    found = _heard(root)
    assert any(
        "node 'who_calling_node' asks for the trainee's name, but a call can get there after "
        "reply 'reception/hi_its_me' typed with it" in problem
        for problem in found
    ), found


def test_a_reply_that_opens_without_a_greeting_is_not_assumed_to_name_anyone(
    mini: Path,
) -> None:
    """'Buy our phones now!' is not where a trainee says their name: 'Who is this?' fits it."""
    assert _heard(mini) == []
    _edit(mini, "        text: Buy our phones now!", "        text: Hello! Buy our phones now!")
    assert any("node 'annoyed' asks for the trainee's name" in p for p in _heard(mini))
