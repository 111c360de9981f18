"""`trainer validate` checks conversation tests against the scenario's graph without playing them:
a reply id the scenario does not have, a reply the call cannot be offered where the steps lead,
and a path that is not a route of the graph, each at the line of the wrong item."""

from __future__ import annotations

from pathlib import Path

import pytest

from trainer.cli import main

TESTS = Path("scenarios") / "tests" / "first_call.yaml"
HEAD = "kind: test\nscenario: first_call\ntests:\n  - name: a test\n"


def problems_of(root: Path, body: str, capsys: pytest.CaptureFixture[str]) -> list[str]:
    (root / TESTS).write_text(HEAD + body)
    assert main(["validate", str(root), "--gameability", "off"]) == 1
    out = capsys.readouterr().out
    assert "Traceback" not in out
    return [line for line in out.splitlines() if line.startswith(str(root))]


def test_an_unknown_reply_id_is_refused_at_its_line(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = (
        "    replies:\n      - intro\n      - akk\n      - meet\n    expect: {outcome: meeting}\n"
    )
    assert problems_of(mini, body, capsys) == [
        f"{mini / TESTS}:7:9: step 2: reply 'akk' does not exist in scenario 'first_call' "
        "(did you mean 'ask'?)"
    ]


def test_a_reply_of_another_node_is_refused_where_the_steps_lead(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = "    replies: [intro, meet]\n    expect: {outcome: meeting}\n"
    assert problems_of(mini, body, capsys) == [
        f"{mini / TESTS}:5:22: step 2: the steps before it lead to node 'needs', which has no "
        "reply 'meet'; its replies: ask, pitch"
    ]


def test_a_reply_after_the_call_has_ended_is_refused(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = "    replies: [intro, ask, meet, ask]\n    expect: {outcome: meeting}\n"
    assert problems_of(mini, body, capsys) == [
        f"{mini / TESTS}:5:33: step 4: the steps before it lead to node 'booked', which has no "
        "reply 'ask': the call has ended there"
    ]


def test_after_typed_words_only_the_reply_ids_are_checked(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Where typed words lead is known only when played: `trainer test` judges the rest.
    (mini / TESTS).write_text(
        HEAD + "    replies: [{say: 'Hello, Ann from Northline'}, meet]\n    expect: {}\n"
    )
    assert main(["validate", str(mini), "--gameability", "off"]) == 0, capsys.readouterr().out


@pytest.mark.parametrize(
    ("path", "column", "problem"),
    [
        ("[hello, offer, booked]", 46, "path: no reply of node 'hello' leads to 'offer'"),
        ("[needs, offer, booked]", 39, "path: a call starts at 'hello', not 'needs'"),
    ],
)
def test_an_expected_path_must_follow_the_graph(
    mini: Path, capsys: pytest.CaptureFixture[str], path: str, column: int, problem: str
) -> None:
    body = f"    replies: [intro, ask, meet]\n    expect: {{outcome: meeting, path: {path}}}\n"
    assert problems_of(mini, body, capsys) == [f"{mini / TESTS}:6:{column}: {problem}"]
