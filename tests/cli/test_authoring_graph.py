"""A richer map: the client's words on the nodes, the effects on the arrows; test coverage."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from trainer.cli import main
from trainer.content import drawing
from trainer.content.loader import load_content
from trainer.content.paths import bundled_content_dir
from trainer.content.scenario.model import Outcome


def test_nodes_show_the_clients_first_words_and_arrows_what_a_reply_changes(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = mini / "scenarios" / "first_call.yaml"
    path.write_text(
        path.read_text().replace(
            "        to: needs\n", "        to: needs\n        effects: {trust: +5}\n", 1
        )
    )
    assert main(["graph", "first_call", "--format", "dot", "--content", str(mini)]) == 0
    text = capsys.readouterr().out
    assert '"offer" [label="offer\\l“Alright, what do you\\lsuggest?”\\l"];' in text
    # a node that raises an objection shows the client's words for it
    assert '"needs" [label="needs\\l“It sounds expensive.”\\l"];' in text
    assert (
        '"hello" -> "needs" [label="1 intro [introduction]\\l+2 first_impression,\\ltrust +5\\l"];'
        in text
    )
    ask = next(line for line in text.splitlines() if '"needs" -> "offer"' in line)
    assert "asked = true; counters price" in ask.replace("\\l", " ")
    assert "+3 needs_discovery" in ask and "+2 tact" in ask


def test_a_long_first_line_is_cut_at_a_word_and_marked(mini: Path) -> None:
    path = mini / "scenarios" / "first_call.yaml"
    long_line = (
        "Alright, what do you suggest for thirty people who never stop talking on the phone?"
    )
    path.write_text(path.read_text().replace("Alright, what do you suggest?", long_line))
    scenario = load_content(mini).scenario("first_call")
    lines = drawing.node_lines(scenario, "offer")
    words = " ".join(lines[1:])
    assert words.endswith("…”") and len(words) <= drawing.FIRST_WORDS + 4
    assert long_line.startswith(words.strip("“”…").rstrip())


@pytest.mark.parametrize("outcome", list(drawing.OUTCOME_COLOURS))
def test_every_ending_colour_has_readable_text(outcome: Outcome) -> None:
    fill = drawing.OUTCOME_COLOURS[outcome]
    assert contrast(fill, drawing.text_colour(fill)) >= 4.5, (outcome, fill)


def test_the_bundled_drawings_stay_narrow() -> None:
    content = load_content(bundled_content_dir())
    for scenario in content.scenarios.values():
        text = drawing.dot(scenario, content)
        for label in re.findall(r'label="((?:[^"\\]|\\.)*)"', text):
            for line in label.split("\\l"):
                assert len(line) <= 40, (scenario.id, line)


def test_coverage_lists_what_the_tests_never_reach_and_follows_the_tests(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["test", "--coverage", "--content", str(mini)]) == 0
    out = capsys.readouterr().out
    assert "first_call: nodes 5 of 6 (83%), replies 5 of 8 (62%), 2 tests" in out
    scenario_file = mini / "scenarios" / "first_call.yaml"
    assert f"{scenario_file}:82:5: node 'lost' is never visited" in out
    assert "reply 2 'send' of node 'offer' is never taken" in out
    assert "reply 1 'intro'" not in out

    tests = mini / "scenarios" / "tests" / "first_call.yaml"
    tests.write_text(
        tests.read_text()
        + "  - name: a brochure loses the call\n"
        + "    replies: [intro, pitch, send]\n"
        + "    expect: {outcome: lost, passed: false}\n"
    )
    assert main(["test", "--coverage", "--content", str(mini)]) == 0
    out = capsys.readouterr().out
    assert "first_call: nodes 6 of 6 (100%), replies 7 of 8 (88%), 3 tests" in out
    assert "node 'lost'" not in out and "'send'" not in out and "'pitch'" not in out
    assert "reply 2 'sorry' of node 'annoyed' is never taken" in out


def test_coverage_keeps_the_exams_untested_replies_from_a_trainee(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["test", "--coverage"]) == 0
    out = capsys.readouterr().out
    exam = re.search(r"  final_exam_close_deal: nodes .*\n(.*)\n", out)
    assert exam is not None and not exam[1].startswith("      ")


def contrast(first: str, second: str) -> float:
    """The WCAG contrast ratio of two `#rrggbb` colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_a_test_failure_numbers_the_replies_on_offer_as_the_file_does(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scenario = mini / "scenarios" / "first_call.yaml"
    scenario.write_text(
        scenario.read_text().replace("shuffle_replies: false", "shuffle_replies: true")
    )
    tests = mini / "scenarios" / "tests" / "first_call.yaml"
    tests.write_text(
        tests.read_text()
        + "  - name: the meeting before the needs\n"
        + "    seed: 3\n"
        + "    replies: [intro, pitch, meet]\n"
        + "    expect: {outcome: meeting}\n"
    )
    assert main(["test", "--content", str(mini)]) == 1
    captured = capsys.readouterr()
    out = captured.out.replace("\n", " ")
    assert captured.err == ""
    assert (
        "step 3: reply 'meet' is not on offer here (its condition is false) (node 'offer'); "
        "on offer: 2 send"
    ) in out
    # A reply the scenario does not have at all is found without playing: at its line.
    lines = len(tests.read_text().splitlines())
    tests.write_text(
        tests.read_text()
        + "  - name: a reply that is not there\n"
        + "    replies: [intro, ask, propose]\n"
        + "    expect: {outcome: meeting}\n"
    )
    assert main(["test", "--content", str(mini)]) == 1
    err = capsys.readouterr().err
    assert f"first_call.yaml:{lines + 2}:" in err
    assert "step 3: reply 'propose' does not exist in scenario 'first_call'" in err
