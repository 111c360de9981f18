"""Suggestions for unknown names stay useful and cost a bounded amount whatever the file's size."""

from __future__ import annotations

import gc
import time
from pathlib import Path

import pytest

from trainer.content.loader import validate
from trainer.content.suggest import CANDIDATES, Names, closest, suggestion

RUBRIC = """\
kind: rubric
pass_mark: 60
skills:
  rapport: {name: Rapport, weight: 1, description: Warmth., levels: {0: Cold., 80: Warm.}}
tags:
  pushy: Presses.
"""

PERSONA = """\
kind: persona
id: buyer
name: Boris Buyer
role: Buyer
company: Example
client_type: deciding
temperament: sanguine
brief: A buyer.
meters: {patience: 60, trust: 40, interest: 40}
lines:
  fallback: Sorry?
  hang_up: Bye.
"""


def big_scenario(nodes: int, target: str) -> str:
    """One scenario of `nodes` nodes whose replies go to `target.format(next=...)`."""
    lines = [
        "kind: scenario",
        "id: big",
        "title: Big",
        "stage: 3",
        "personas: [buyer]",
        "goal: Book a meeting.",
        "success: [meeting]",
        "start: step_0",
        "nodes:",
    ]
    for index in range(nodes - 1):
        following = f"step_{index + 1}" if index + 2 < nodes else "won"
        lines += [
            f"  step_{index}:",
            f"    say: Line {index}.",
            "    replies:",
            f"      - text: Reply {index}.\n        to: {target.format(next=following, i=index)}"
            "\n        points: {rapport: 1}",
        ]
    lines += ["  won:", "    say: Deal.", "    ending: {outcome: meeting}"]
    return "\n".join(lines) + "\n"


def content_set(root: Path, scenario: str) -> Path:
    (root / "scenarios").mkdir(parents=True)
    (root / "personas").mkdir()
    (root / "scenarios" / "rubric.yaml").write_text(RUBRIC, encoding="utf-8")
    (root / "personas" / "buyer.yaml").write_text(PERSONA, encoding="utf-8")
    (root / "scenarios" / "big.yaml").write_text(scenario, encoding="utf-8")
    return root


def test_a_generated_small_scenario_is_valid(tmp_path: Path) -> None:
    """The generator makes valid content, so the slow cases below are slow for their targets."""
    root = content_set(tmp_path, big_scenario(50, "{next}"))
    assert [str(p) for p in validate(root).problems] == []


@pytest.mark.parametrize(
    "target", ["missing_{i}", "{next}x", "stpe_{i}"], ids=["unlike", "typo", "swap"]
)
def test_five_thousand_bad_targets_validate_in_well_under_two_seconds(
    tmp_path: Path, target: str
) -> None:
    """Each unknown target was compared with every node id: 174 s for a file like this."""
    nodes = 5000
    root = content_set(tmp_path, big_scenario(nodes, target))
    started = time.process_time()  # CPU time: other work on the machine does not count
    result = validate(root)
    elapsed = time.process_time() - started
    errors = [str(problem) for problem in result.errors]
    assert len(errors) == nodes - 1
    assert all("which does not exist" in error for error in errors)
    assert elapsed < 2.0, f"{elapsed:.2f} s"


def test_typos_in_a_large_scenario_still_get_their_suggestion(tmp_path: Path) -> None:
    root = content_set(tmp_path, big_scenario(3000, "{next}x"))
    errors = [str(problem) for problem in validate(root).errors]
    assert "goes to 'step_1x', which does not exist (did you mean 'step_1'?)" in errors[0]
    assert "goes to 'step_2001x', which does not exist (did you mean 'step_2001'?)" in errors[2000]


def test_a_swapped_letter_among_thousands_of_names_is_found() -> None:
    names = Names([f"node_{n}" for n in range(10_000)] + ["ask_about_budget"])
    assert closest("ask_abuot_budget", names) == "ask_about_budget"
    assert closest("ask_about_budgte", names) == "ask_about_budget"
    assert closest("nodde_9999", names) == "node_9999"
    assert closest("completely_different", names) is None


def test_a_large_index_compares_a_word_with_a_bounded_number_of_names() -> None:
    # Thousands of names one deletion away from the same word: only CANDIDATES are compared.
    names = Names([chr(0x4E00 + n) + "bcdef" for n in range(5000)])
    compared = names._candidates("bcdef")
    assert 0 < len(compared) <= CANDIDATES
    # Nothing one or two edits away: the names of a near length, as many as the bound allows.
    assert 0 < len(names._candidates("zzzzzz")) <= CANDIDATES


def test_small_sets_match_plain_difflib_choices() -> None:
    known = ["replies", "say", "hint", "ending", "raises"]
    assert suggestion("repiles", known) == " (did you mean 'replies'?)"
    assert suggestion("sya", Names(known)) == " (did you mean 'say'?)"
    assert suggestion("zzz", known) == ""


def test_a_huge_unknown_word_gets_no_suggestion_and_costs_nothing() -> None:
    names = Names(f"node_{n}" for n in range(1000))
    word = "node_1" + "x" * 200_000
    started = time.process_time()
    assert closest(word, names) is None
    assert closest(word, [f"node_{n}" for n in range(1000)]) is None
    assert time.process_time() - started < 0.1


def test_names_behave_as_a_collection_in_their_order() -> None:
    names = Names(["b", "a", "b", "c"])
    assert list(names) == ["b", "a", "c"] and len(names) == 3
    assert "a" in names and "z" not in names


def test_checking_leaves_the_garbage_collector_as_it_found_it(tmp_path: Path) -> None:
    root = content_set(tmp_path, big_scenario(20, "{next}"))
    assert gc.isenabled()
    validate(root)
    assert gc.isenabled()
    gc.disable()
    try:
        validate(root)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_thousands_of_unknown_names_against_a_large_mapping_stay_linear() -> None:
    """A test file's path or a scenario's personas check against a plain dict of names."""
    nodes = {f"step_{n}": n for n in range(20_000)}
    started = time.process_time()
    found = [closest(f"step_{n}x", nodes) for n in range(5000)]
    # About 1 s of CPU; comparing each word with every name took minutes (5,000 x 20,000).
    assert time.process_time() - started < 4.0
    assert found[:3] == ["step_0", "step_1", "step_2"]


def test_a_mapping_changed_after_a_look_up_is_looked_up_afresh() -> None:
    names = {f"node_{n}": None for n in range(500)}
    assert closest("node_7x", names) == "node_7"
    del names["node_7"]
    names["node_77777"] = None  # the same size, another name
    assert closest("node_7x", names) != "node_7"
    names["node_8x"] = None
    assert closest("node_8xx", names) == "node_8x"
