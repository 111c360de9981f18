"""The command line, driven through its entry point as a user would run it."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from trainer.cli import command, main, parser
from trainer.engine.turns import Mode


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`trainer ARGS` in a real process, as typed in a shell."""
    return subprocess.run(
        [sys.executable, "-m", "trainer", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


def test_validate_reports_a_mistyped_target_with_location_and_exit_1(mini: Path) -> None:
    scenario = mini / "scenarios" / "first_call.yaml"
    scenario.write_text(scenario.read_text().replace("to: booked", "to: bookd"))
    line = scenario.read_text().splitlines().index("        to: bookd") + 1
    result = run("validate", str(mini))
    assert result.returncode == 1
    assert (
        f"first_call.yaml:{line}:13: reply 1 of node 'offer' goes to 'bookd', which does not "
        "exist (did you mean 'booked'?)"
    ) in result.stdout
    assert "1 error, 0 warnings" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_validate_a_single_file_reports_that_file_with_a_relative_path(mini: Path) -> None:
    persona = mini / "personas" / "ivan.yaml"
    persona.write_text(persona.read_text().replace("patience: 40", "patince: 40"))
    result = run("validate", "personas/ivan.yaml", cwd=mini)
    assert result.returncode == 1
    assert result.stdout.startswith(
        "personas/ivan.yaml:11:3: unknown key 'patince' in meters (did you mean 'patience'?)"
    )


def test_a_command_on_broken_content_names_the_first_error_and_how_many_more(
    mini: Path,
) -> None:
    persona = mini / "personas" / "ivan.yaml"
    persona.write_text(
        persona.read_text().replace("patience: 40", "patince: 40").replace("trust: 40", "trsut: 40")
    )
    result = run("list", "--content", str(mini))
    assert result.returncode == 1
    first, *rest = result.stderr.strip().splitlines()
    assert first.startswith("trainer: ") and "personas/ivan.yaml:11:3: unknown key" in first
    assert first.endswith("(and 1 more: trainer validate lists them all)"), first
    assert not rest and "Traceback" not in result.stderr


def test_validate_json_for_ci(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(mini), "--format", "json", "--gameability", "off"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report == {
        "errors": 0,
        "warnings": 0,
        "problems": [],
        "gameability": {"checked": [], "skipped": []},
    }


def test_validate_a_missing_path_is_a_clear_error() -> None:
    result = run("validate", "no/such/file.yaml")
    assert result.returncode == 1
    assert result.stderr.strip() == "trainer: 'no/such/file.yaml' does not exist"


def test_play_with_replies_prints_a_scored_transcript(mini: Path) -> None:
    result = run(
        "play", "first_call", "--content", str(mini), "--replies", "1,ask,1", "--name", "Anna"
    )
    assert result.returncode == 0, result.stderr
    assert "You: Hello Ivan, this is Anna from Northline." in result.stdout
    assert "Coach: You asked before offering." in result.stdout
    assert "Outcome: a meeting booked   Score: 100% (pass mark 70%)   PASSED" in result.stdout


def test_play_json_has_the_whole_transcript_and_score(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(
            ["play", "first_call", "--content", str(mini), "--replies", "push,push_again", "--json"]
        )
        == 0
    )
    played = json.loads(capsys.readouterr().out)
    assert played["outcome"] == "hung-up" and played["passed"] is False
    assert [turn["speaker"] for turn in played["turns"]] == [
        "client",
        "trainee",
        "client",
        "trainee",
        "client",
    ]
    assert played["turns"][-1]["text"] == "That's enough, goodbye."
    assert played["turns"][1]["meters"] == {"patience": 15, "trust": 30, "interest": 30}


def test_play_in_exam_mode_hides_coach_notes_until_the_end(mini: Path) -> None:
    result = run(
        "play",
        "first_call",
        "--content",
        str(mini),
        "--mode",
        "exam",
        "--replies",
        "intro,ask,meet",
    )
    transcript, _, scorecard = result.stdout.partition("Outcome:")
    assert "Coach:" not in transcript and "patience" not in transcript
    assert "You asked before offering." in scorecard


def test_play_interactive_reads_numbers_words_and_hints_from_stdin(mini: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "trainer", "play", "first_call", "--content", str(mini)],
        input="?\n1\nhow many people use the phones every day\n9\n1\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Hint: Say who you are." in result.stdout
    assert "You (typed): how many people use the phones every day" in result.stdout
    assert "there is no reply 9 here; choose 1 (meet), 2 (send)" in result.stderr
    assert "Outcome: a meeting booked" in result.stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (["play", "first_cal"], "no scenario 'first_cal' (did you mean 'first_call'?)"),
        (["play", "first_call", "--persona", "olga"], "no persona 'olga'"),
        (
            ["play", "first_call", "--replies", "1,9"],
            "reply 2 ('9'): there is no reply 9 here; choose 1 (ask), 2 (pitch)",
        ),
        (
            ["play", "first_call", "--replies", "push,push_again,1"],
            "the call ended after reply 2; 1 replies were left over",
        ),
        (["list", "--content", "/nonexistent"], "content folder '/nonexistent' does not exist"),
    ],
)
def test_bad_input_gives_one_line_and_exit_1(mini: Path, args: list[str], message: str) -> None:
    if "--content" not in args:
        args = [*args, "--content", str(mini)]
    result = run(*args)
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_broken_content_stops_play_with_the_located_error(mini: Path) -> None:
    (mini / "personas" / "ivan.yaml").write_text("kind: persona\nid: [\n")
    result = run("play", "first_call", "--content", str(mini))
    assert result.returncode == 1
    assert "ivan.yaml:3:1: YAML syntax error" in result.stderr


def test_the_content_env_variable_selects_the_content_set(
    mini: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TRAINER_CONTENT", str(mini))
    assert main(["list"]) == 0
    assert "first_call" in capsys.readouterr().out


def test_conversation_tests_pass_and_a_broken_expectation_fails(mini: Path) -> None:
    assert run("test", "--content", str(mini)).stdout.endswith("2 passed, 0 failed\n")
    tests = mini / "scenarios" / "tests" / "first_call.yaml"
    tests.write_text(tests.read_text().replace("outcome: hung-up", "outcome: deal"))
    result = run("test", "--content", str(mini))
    assert result.returncode == 1
    assert "expected outcome 'deal', got 'hung-up'" in result.stdout
    assert "1 passed, 1 failed" in result.stdout


def test_options_work_before_the_command_too(mini: Path) -> None:
    result = run("--content", str(mini), "list")
    assert result.returncode == 0 and "first_call" in result.stdout


def _commands(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    """Every (sub)command's parser below `parser`."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for command in action.choices.values():
                yield command
                yield from _commands(command)


def test_every_command_names_a_function_that_runs_it() -> None:
    names = [command.get_default("run") for command in _commands(parser.build())]
    # the 18 commands (snapshot and log among them); mentor add, rename, remove, cohort, pin,
    # verify, verify-certificate; 'mentor exam' with show, attempts, accept, withdraw; lrs push
    assert len(names) == 31 and None not in names
    for name in names:
        assert callable(command(name)), name


def test_the_play_modes_offered_are_the_engines() -> None:
    (play,) = (c for c in _commands(parser.build()) if c.prog.endswith(" play"))
    (mode,) = (action for action in play._actions if action.dest == "mode")
    assert list(mode.choices or ()) == [m.value for m in Mode]


def modules_of_the_app_path() -> list[str]:
    """Every module imported by a fresh interpreter that resolves the app's command."""
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from trainer.cli import command; command('app:run_trainee'); "
            "print(' '.join(sorted(sys.modules)))",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout.split()


def test_the_app_does_not_load_the_validator_before_its_first_screen() -> None:
    loaded = modules_of_the_app_path()
    assert "trainer.services.accounts" in loaded
    for heavy in ("yaml", "trainer.content.loader", "trainer.engine.session", "rapidfuzz"):
        assert heavy not in loaded, heavy


def test_validate_loads_neither_the_store_nor_the_commands_it_does_not_run(mini: Path) -> None:
    listed = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from trainer.cli import main; code = main(['validate', sys.argv[1]]); "
            "print('exit', code, 'modules', *sorted(sys.modules), file=sys.stderr)",
            str(mini),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stderr.split()
    at = listed.index("modules")
    assert listed[at - 2 : at] == ["exit", "0"]  # the check ran to its end
    loaded = set(listed[at + 1 :])
    assert "trainer.content.loader" in loaded and "trainer.engine.gameability" in loaded
    unused = ("trainer.store", "trainer.cli.records", "trainer.engine.testing", "sqlite3")
    for module in (*unused, "sqlite_utils", "textual", "rich.progress"):
        assert module not in loaded, module


def test_validate_warns_about_a_scenario_a_mechanical_rule_passes(mini: Path) -> None:
    result = run("validate", str(mini))
    assert result.returncode == 0, result.stderr
    assert (
        "first_call.yaml:1:1: warning: gameable: always picking the longest reply passes 40 of 40 "
        "calls (100%, seeds 1-40); the most allowed is 5%"
    ) in result.stdout
    assert "warning: gameable: always picking the first reply shown" in result.stdout
    strict = run("validate", str(mini), "--strict")
    assert strict.returncode == 1
    assert "0 errors, 4 warnings" in strict.stderr


def test_gameability_as_notes_does_not_fail_strict(mini: Path) -> None:
    result = run("validate", str(mini), "--strict", "--gameability", "note")
    assert result.returncode == 0
    assert "first_call.yaml:1:1: note: gameable: always picking the longest reply" in result.stdout
    assert "No problems found (4 notes); content: " in result.stdout
    assert (
        "Mechanical rules: 1 of 1 scenarios passed by one (seeds 1-40); the best reply is the "
        "longest at 4 of 4 decision points (100%)."
    ) in result.stderr


def test_validate_json_reports_every_rule_share(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(mini), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["warnings"] == 4
    [checked] = report["gameability"]["checked"]
    assert checked["scenario"] == "first_call" and checked["seeds"] == 40
    assert checked["rules"]["longest"] == {"passed": 40, "calls": 40, "share": 1.0}
    assert checked["rules"]["shortest"]["passed"] == 0
    assert checked["gameable"] == ["longest", "first", "random"]
    assert (checked["decision_points"], checked["best_is_longest"]) == (4, 4)
    assert all(p["severity"] == "warning" for p in report["problems"])


def test_bundled_content_validates_strictly_with_no_gameable_rule() -> None:
    # No time budget: a loaded machine must not turn unchecked scenarios into warnings.
    result = run("validate", "--strict", "--gameability-budget", "0")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "warning" not in result.stdout and "error" not in result.stdout
    assert "tests/typed/" not in result.stdout and "example" not in result.stdout
    assert "Mechanical rules: 0 of" in result.stderr


@pytest.mark.parametrize("budget", ["-1", "abc", "nan"])
def test_a_bad_gameability_budget_is_a_usage_error(budget: str) -> None:
    result = run("validate", "--gameability-budget", budget)
    assert result.returncode == 2
    assert "--gameability-budget" in result.stderr and "Traceback" not in result.stderr
