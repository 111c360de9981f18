"""`trainer test` and `trainer validate` over typed lines and reply examples, through the command
line's entry point (the bundled lines in a real process, as typed in a shell)."""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
from pathlib import Path

from trainer.cli import main

TYPED = """\
kind: typed
scenario: first_call
lines:
  - {at: needs, kind: close, expect: ask, say: "Before we talk price, how many people use the phones each day?"}
  - {at: needs, kind: paraphrase, expect: ask, say: "Before prices, how many of your staff are on the phone daily?"}
  - {at: offer, kind: casual, expect: send, say: "ill send u a brochure"}
  - {at: offer, kind: off-topic, say: "Is it raining where you are?"}
  - {at: hello, kind: content-free, say: "hello"}
"""


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """`trainer ARGS` through the command line's entry point, in this process: what these tests
    read is the report, and a process per run would cost more than the run."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(list(args))
    return subprocess.CompletedProcess(["trainer", *args], status, out.getvalue(), err.getvalue())


def shell(*args: str) -> subprocess.CompletedProcess[str]:
    """`trainer ARGS` in a real process, as typed in a shell."""
    return subprocess.run(
        [sys.executable, "-m", "trainer", *args],
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def _typed(mini: Path, text: str = TYPED) -> Path:
    folder = mini / "scenarios" / "tests" / "typed"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "first_call.yaml"
    path.write_text(text)
    return path


def test_matching_report_prints_accuracy_per_kind_for_both_halves(mini: Path) -> None:
    _typed(mini)
    result = run("test", "--content", str(mini), "--matching")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "first_call: 5 of 5 typed lines as expected" in result.stdout
    for heading in ("tuning half", "held-out half", "paraphrase", "content-free", "overall"):
        assert heading in result.stdout
    assert "100.0% (5/5)" in result.stdout


def test_the_held_back_lines_are_reported_apart(mini: Path) -> None:
    _typed(mini)
    held_back = mini / "scenarios" / "tests" / "typed" / "held_back"
    held_back.mkdir()
    (held_back / "first_call.yaml").write_text(
        TYPED.split("  - ")[0]
        + '  - {at: offer, kind: casual, expect: send, say: "will mail u a brochure"}\n'
        + '  - {at: offer, kind: off-topic, say: "Did you have a nice weekend?"}\n'
    )
    result = run("test", "--content", str(mini), "--matching")
    assert "first_call: 2 of 2 typed lines as expected" in result.stdout, result.stdout
    assert "Held-back lines, never tuned on" in result.stdout
    # the dev lines keep their own figures: the held-back ones are counted apart
    assert "100.0% (5/5)" in result.stdout and "100.0% (2/2)" in result.stdout
    assert "(7/7)" not in result.stdout


def test_each_held_back_set_is_a_column_of_its_own(mini: Path) -> None:
    _typed(mini)
    typed = mini / "scenarios" / "tests" / "typed"
    for folder, lines in (
        ("held_back", '  - {at: offer, kind: off-topic, say: "Did you have a nice weekend?"}\n'),
        (
            "held_back_2",
            '  - {at: offer, kind: casual, expect: send, say: "will mail u a brochure"}\n'
            '  - {at: offer, kind: casual, expect: meet, say: "ill post u a brochure"}\n'
            '  - {at: hello, kind: content-free, say: "hi"}\n',
        ),
    ):
        (typed / folder).mkdir()
        (typed / folder / "first_call.yaml").write_text(TYPED.split("  - ")[0] + lines)
    result = run("test", "--content", str(mini), "--matching")
    held_back = result.stdout.split("Held-back lines, never tuned on")[1]
    header = next(line for line in held_back.splitlines() if "category" in line)
    assert header.index("held_back") < header.index("held_back_2"), header
    overall = next(line for line in held_back.splitlines() if "overall" in line)
    # each set counted apart: 1 of 1 in the first, 2 of 3 in the second, never 3 of 4
    assert "100.0% (1/1)" in overall and "66.7% (2/3)" in overall, overall
    assert "(3/4)" not in result.stdout


def test_a_missed_line_is_listed_with_its_file_and_line(mini: Path) -> None:
    _typed(
        mini,
        TYPED.replace(
            'expect: send, say: "ill send u a brochure"',
            'expect: meet, say: "ill send u a brochure"',
        ),
    )
    result = run("test", "--content", str(mini))
    # the run says so in its last line, and a category under its target fails it
    assert result.returncode == 1
    assert result.stdout.rstrip().endswith(
        "passed, 0 failed; typed lines: 4 of 5 as expected, 1 category under target"
    ), result.stdout
    assert "FAIL  typed lines, casual: 0.0% (0/1), target 85%" in result.stdout
    assert "MISS  first_call: 4 of 5 typed lines as expected" in result.stdout
    assert (
        "first_call.yaml:6:5: 'ill send u a brochure' at 'offer' should be 'meet'" in result.stdout
    )
    report = run("test", "--content", str(mini), "--matching")
    assert report.returncode == 1
    assert "FAIL  typed lines, casual: 0.0% (0/1), target 85%" in report.stdout


def test_one_scenarios_lines_are_reported_but_not_held_to_the_library_targets(
    mini: Path,
) -> None:
    _typed(
        mini,
        TYPED.replace(
            'expect: send, say: "ill send u a brochure"',
            'expect: meet, say: "ill send u a brochure"',
        ),
    )
    result = run("test", "--content", str(mini), "--scenario", "first_call")
    assert result.returncode == 0, result.stdout
    assert result.stdout.rstrip().endswith(
        "typed lines: 4 of 5 as expected (the targets are judged over the whole library)"
    )
    assert "FAIL" not in result.stdout
    report = run("test", "--content", str(mini), "--scenario", "first_call", "--matching")
    assert report.returncode == 1 and "FAIL  typed lines, casual" in report.stdout


def test_a_run_within_the_targets_says_so_and_passes(mini: Path) -> None:
    _typed(mini)
    result = run("test", "--content", str(mini))
    assert result.returncode == 0, result.stdout
    assert result.stdout.rstrip().endswith(
        "typed lines: 5 of 5 as expected, every category within its target"
    )


def test_an_exams_missed_lines_are_hidden_unless_a_mentor_asks_for_that_exam(
    mini: Path,
) -> None:
    """What an exam's typed line was taken as names its replies: the exam's key."""
    scenario = mini / "scenarios" / "first_call.yaml"
    scenario.write_text(scenario.read_text().replace("stage: 3\n", "stage: 3\nexam: true\n"))
    _typed(
        mini,
        TYPED.replace(
            'expect: send, say: "ill send u a brochure"',
            'expect: meet, say: "ill send u a brochure"',
        ),
    )
    for args in (("test",), ("test", "--matching")):
        result = run(*args, "--content", str(mini))
        assert "MISS  first_call: 4 of 5 typed lines as expected" in result.stdout
        assert "details hidden (they show the exam's key)" in result.stdout
        assert "ill send u a brochure" not in result.stdout and "'meet'" not in result.stdout


def test_an_off_topic_line_taken_as_a_reply_is_a_miss(mini: Path) -> None:
    _typed(
        mini,
        TYPED.replace('say: "Is it raining where you are?"', 'say: "I will send you a brochure."'),
    )
    result = run("test", "--content", str(mini), "--matching")
    assert result.returncode == 1
    assert "is off-topic but was taken as 'send'" in result.stdout


def test_faults_in_a_typed_line_file_are_located(mini: Path) -> None:
    _typed(
        mini,
        "kind: typed\nscenario: first_call\nlines:\n"
        '  - {at: neds, kind: close, expect: ask, say: "x y z"}\n'
        '  - {at: needs, kind: close, expect: asc, say: "x y z"}\n'
        '  - {at: needs, kind: close, say: "x y z"}\n'
        '  - {at: needs, kind: off-topic, expect: ask, say: "x y z"}\n'
        '  - {at: needs, kind: rewording, expect: ask, say: "x y z"}\n',
    )
    result = run("validate", "--content", str(mini), str(mini))
    out = result.stdout
    assert result.returncode == 1
    assert (
        "first_call.yaml:4:10: scenario 'first_call' has no node 'neds' (did you mean 'needs'?)"
        in out
    )
    assert "first_call.yaml:5:38: node 'needs' has no reply 'asc' (did you mean 'ask'?)" in out
    assert "first_call.yaml:6:5: a close line needs 'expect:', the reply it means" in out
    assert "first_call.yaml:7:42: an off-topic line must not match: drop 'expect:'" in out
    assert "first_call.yaml:8:23: the kind of line 'rewording' is not one of" in out
    test = run("test", "--content", str(mini))
    assert test.returncode == 1 and "Traceback" not in test.stderr
    assert "first_call.yaml:4:10" in test.stderr


def test_validate_warns_when_an_example_reads_like_another_reply(mini: Path) -> None:
    scenario = mini / "scenarios" / "first_call.yaml"
    text = scenario.read_text()
    scenario.write_text(
        text.replace(
            "        keywords: [how many people, every day]\n",
            "        keywords: [how many people, every day]\n"
            '        examples: ["how many staff use phones?", "our price is the best there is"]\n',
        )
    )
    result = run("validate", "--content", str(mini), str(mini))
    assert result.returncode == 0
    assert (
        "warning: the example 'our price is the best there is' of reply 'ask' reads more like "
        "reply 'pitch' at node 'needs'"
    ) in result.stdout
    assert "how many staff use phones" not in result.stdout
    assert run("validate", "--strict", "--content", str(mini), str(mini)).returncode == 1


def test_the_bundled_typed_lines_run() -> None:
    # That the bundled content validates strictly, its typed lines and examples included, is
    # tests/cli/test_cli.py's test_bundled_content_validates_strictly_with_no_gameable_rule.
    result = shell("test", "--matching")
    assert "Matching accuracy by category" in result.stdout
    assert "Traceback" not in result.stderr
