"""Loading content: every kind of mistake is reported with its file, line and column."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from trainer.content.loader import load_content, validate
from trainer.content.persona import ClientType, Meter
from trainer.content.scenario.model import Outcome
from trainer.content.yamlsource import declared_kind
from trainer.errors import ContentError


def problems_of(root: Path) -> list[str]:
    return [str(problem) for problem in validate(root).problems]


def write(root: Path, relative: str, text: str) -> Path:
    path = root / relative
    path.write_text(text, encoding="utf-8")
    return path


def edit(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(root: Path, relative: str, fragment: str) -> int:
    lines = (root / relative).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if fragment in line)


def test_the_fixture_set_loads_into_typed_models(mini: Path) -> None:
    content = load_content(mini)
    persona = content.persona("ivan")
    assert persona.client_type is ClientType.DECIDING
    assert persona.meters[Meter.PATIENCE] == 40
    scenario = content.scenario("first_call")
    assert scenario.start == "hello"
    assert scenario.nodes["booked"].ending is not None
    assert scenario.nodes["booked"].ending.outcome is Outcome.MEETING
    assert [reply.key for reply in scenario.nodes["hello"].replies] == ["hello/intro", "hello/push"]
    assert validate(mini).problems == []


def test_a_mistyped_target_names_file_line_column_and_suggests(mini: Path) -> None:
    edit(mini, "scenarios/first_call.yaml", "to: booked", "to: bookd")
    line = line_of(mini, "scenarios/first_call.yaml", "to: bookd")
    [problem] = problems_of(mini)
    assert problem.endswith(
        f"first_call.yaml:{line}:13: reply 1 of node 'offer' goes to 'bookd', which does not "
        "exist (did you mean 'booked'?)"
    )


def test_an_unknown_key_is_an_error_with_the_nearest_known_key(mini: Path) -> None:
    edit(
        mini,
        "scenarios/first_call.yaml",
        "    replies:\n      - id: intro",
        "    repiles:\n      - id: intro",
    )
    problems = problems_of(mini)
    line = line_of(mini, "scenarios/first_call.yaml", "repiles:")
    assert any(
        p.endswith(
            f"first_call.yaml:{line}:5: unknown key 'repiles' in node 'hello' (did you mean 'replies'?)"
        )
        for p in problems
    ), problems


def test_every_problem_is_reported_not_only_the_first(mini: Path) -> None:
    edit(mini, "scenarios/first_call.yaml", "to: booked", "to: bookd")
    edit(mini, "scenarios/first_call.yaml", "tags: [discovery]", "tags: [discovry]")
    edit(mini, "personas/ivan.yaml", "temperament: phlegmatic", "temperament: calm")
    problems = problems_of(mini)
    assert any("goes to 'bookd'" in p for p in problems)
    assert any(
        "tag 'discovry' is not declared in the rubric (did you mean 'discovery'?)" in p
        for p in problems
    )
    assert any("temperament 'calm' is not one of" in p for p in problems)


def test_broken_yaml_gives_the_parser_position(mini: Path) -> None:
    write(mini, "personas/broken.yaml", "kind: persona\nid: broken\nname: [unclosed\n")
    [problem] = problems_of(mini)
    # Reported where the list opens, not where the parser runs out of text.
    assert "broken.yaml:3:7: this list opens with '[' but its line never closes it" in problem


def test_an_unknown_persona_in_a_scenario(mini: Path) -> None:
    edit(mini, "scenarios/first_call.yaml", "personas: [ivan]", "personas: [ivann]")
    problems = problems_of(mini)
    line = line_of(mini, "scenarios/first_call.yaml", "personas: [ivann]")
    assert (
        f"first_call.yaml:{line}:12: persona 'ivann' does not exist (did you mean 'ivan'?)"
        in problems[0]
    )


def test_an_objection_the_persona_does_not_have(mini: Path) -> None:
    edit(mini, "scenarios/first_call.yaml", "raises: price", "raises: prices")
    [problem] = problems_of(mini)
    assert "persona 'ivan' has no objection 'prices' (did you mean 'price'?)" in problem


def test_points_for_a_skill_the_rubric_does_not_have(mini: Path) -> None:
    edit(mini, "scenarios/first_call.yaml", "points: {closing: 3}", "points: {closin: 3}")
    [problem] = problems_of(mini)
    assert (
        "'closin' in the points of reply 1 of node 'offer' is not a rubric skill (did you mean 'closing'?)"
        in problem
    )


def test_a_condition_syntax_error_points_at_the_column_in_the_file(mini: Path) -> None:
    edit(
        mini,
        "scenarios/first_call.yaml",
        "when: trust >= 50 and asked",
        "when: trust >= 50 and and asked",
    )
    line = line_of(mini, "scenarios/first_call.yaml", "when: trust")
    [problem] = problems_of(mini)
    # The condition starts at column 15; the second "and" is 16 characters into it.
    assert f"first_call.yaml:{line}:31: in the condition of reply 1 of node 'offer'" in problem
    assert "expected a name or a value, found 'and'" in problem


def test_a_condition_on_an_undeclared_variable_suggests_the_declared_one(mini: Path) -> None:
    edit(
        mini,
        "scenarios/first_call.yaml",
        "when: trust >= 50 and asked",
        "when: trust >= 50 and askd",
    )
    [problem] = problems_of(mini)
    assert "unknown name 'askd' (did you mean 'asked'?)" in problem


@pytest.mark.parametrize(
    "condition, message",
    [
        ("__import__('os').system('true')", "looks like a call"),
        ("trust.__class__", "'.' is not allowed"),
        ("open('x')", "looks like a call"),
        ("trust = 5", "write '==' to test equality"),
        ("trust", "is a number, not true/false"),
    ],
)
def test_malicious_or_wrong_conditions_are_refused(
    mini: Path, condition: str, message: str
) -> None:
    edit(mini, "scenarios/first_call.yaml", "when: trust >= 50 and asked", f'when: "{condition}"')
    [problem] = problems_of(mini)
    assert message in problem


def test_an_unknown_placeholder_is_located_within_the_line(mini: Path) -> None:
    edit(mini, "scenarios/first_call.yaml", '"{name} speaking."', '"{nam} speaking."')
    line = line_of(mini, "scenarios/first_call.yaml", "{nam} speaking")
    [problem] = problems_of(mini)
    assert (
        f"first_call.yaml:{line}:12: unknown placeholder '{{nam}}' (did you mean '{{name}}'?)"
        in problem
    )


def test_a_node_with_both_replies_and_ending(mini: Path) -> None:
    edit(
        mini,
        "scenarios/first_call.yaml",
        "    ending:\n      outcome: lost",
        "    ending:\n      outcome: lost\n    replies: []",
    )
    assert any("needs either 'replies' or an 'ending', not both" in p for p in problems_of(mini))


def test_a_missing_kind_and_an_unknown_kind(mini: Path) -> None:
    write(mini, "personas/nokind.yaml", "id: x\n")
    write(mini, "personas/badkind.yaml", "kind: personna\nid: x\n")
    problems = problems_of(mini)
    assert any("nokind.yaml:1:1: the file does not say what it is" in p for p in problems)
    assert any(
        "badkind.yaml:1:7: unknown kind 'personna' (did you mean 'persona'?)" in p for p in problems
    )


@pytest.mark.parametrize(
    "text, kind",
    [
        ("kind: scenario\nid: a\n", "scenario"),
        ("id: a\nnodes:\n  x: {kind: nested}\n  y: [1, 2]\nkind: persona\n", "persona"),
        ("{kind: rubric, id: r}", "rubric"),
        ("[a, b]: c\nkind: quiz\n", "quiz"),
        ("kind: !!str test\n", "test"),
        ("- kind: persona\n", None),  # a list, not a mapping
        ("", None),
        ("just words", None),
        ("id: a\n", None),
        ("kind: [persona]\n", None),
        ("k: &x persona\nkind: *x\n", None),  # an alias: composing the file tells
        ("id: [\nkind: rubric\n", None),  # a syntax error before `kind`
    ],
)
def test_the_kind_is_read_off_the_first_events(text: str, kind: str | None) -> None:
    assert declared_kind(text, Path("file.yaml")) == kind


def test_files_are_checked_alike_whatever_their_kind_reads_like(mini: Path) -> None:
    # the kind is known before the rest is parsed; the errors after it are still found
    write(mini, "personas/late.yaml", "kind: persona\nid: late\nname: [unclosed\n")
    write(mini, "personas/aliased.yaml", "id: &k persona\nkind: *k\n")
    write(mini, "personas/wrapped.yaml", "kind: persona\n  bad: : :\n")
    problems = problems_of(mini)
    assert any("late.yaml:3:7: this list opens with '['" in p for p in problems)
    assert any(
        "wrapped.yaml:2:3: 'bad:' is indented more than 'kind:' on line 1, so it reads as more "
        "of that line's text: line it up with 'kind:' (column 1)" in p
        for p in problems
    )
    assert any("aliased.yaml:1:1: the persona is missing the required key" in p for p in problems)


def test_a_duplicate_persona_id_names_the_first_file(mini: Path) -> None:
    text = (mini / "personas" / "ivan.yaml").read_text()
    write(mini, "personas/ivan_copy.yaml", text)
    [problem] = problems_of(mini)
    assert "persona id 'ivan' is already used by" in problem and "ivan.yaml" in problem


def test_a_node_no_ending_can_be_reached_from(mini: Path) -> None:
    edit(
        mini,
        "scenarios/first_call.yaml",
        "      - id: sorry\n        text: Sorry, I should have said who I am. {trainee} from {our_company}.\n        to: needs",
        "      - id: sorry\n        text: Sorry, I should have said who I am. {trainee} from {our_company}.\n        to: annoyed",
    )
    problems = problems_of(mini)
    assert any("no ending can be reached from node 'annoyed'" in p for p in problems), problems


def test_an_alias_bomb_is_refused_quickly(mini: Path) -> None:
    lines = ["kind: persona", 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 10):
        previous = f"*a{level - 1}"
        lines.append(f"a{level}: &a{level} [{', '.join([previous] * 9)}]")
    write(mini, "personas/bomb.yaml", "\n".join(lines) + "\n")
    problems = problems_of(mini)
    assert any("bomb.yaml" in p and "alias bomb" in p for p in problems)


def test_deep_flow_nesting_is_refused_without_crashing(mini: Path) -> None:
    write(mini, "personas/deep.yaml", "kind: persona\nid: " + "[" * 100_000 + "]" * 100_000 + "\n")
    [problem] = problems_of(mini)
    assert "deep.yaml:2: nesting is deeper than 100 levels" in problem


def test_an_oversized_file_is_refused_before_parsing(mini: Path) -> None:
    path = mini / "personas" / "huge.yaml"
    with path.open("w") as handle:
        handle.write("kind: persona\nbrief: |\n")
        handle.write(("  " + "x" * 98 + "\n") * 60_000)
    [problem] = problems_of(mini)
    assert "huge.yaml: file is 6.1 MB; content files are limited to 5 MB" in problem


def test_load_content_raises_the_first_error_as_content_error(mini: Path) -> None:
    edit(mini, "scenarios/first_call.yaml", "to: booked", "to: bookd")
    with pytest.raises(ContentError) as raised:
        load_content(mini)
    assert raised.value.location.line is not None
    assert "'bookd'" in raised.value.message


def test_terminal_escape_sequences_in_text_are_refused(mini: Path) -> None:
    edit(
        mini,
        "personas/ivan.yaml",
        "hang_up: That's enough, goodbye.",
        'hang_up: "\\e[2J\\e[31mgoodbye"',
    )
    line = line_of(mini, "personas/ivan.yaml", "hang_up:")
    [problem] = problems_of(mini)
    assert f"ivan.yaml:{line}:13: the hang-up line contains the control character U+001B" in problem


def test_a_50_mb_file_is_refused_quickly_without_being_read(mini: Path) -> None:
    path = mini / "scenarios" / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper, nothing to read
    started = time.perf_counter()
    [problem] = problems_of(mini)
    assert time.perf_counter() - started < 2.0
    assert "huge.yaml: file is 52.4 MB; content files are limited to 5 MB" in problem


def test_a_set_read_for_a_command_is_frozen_out_of_the_collectors_way(
    mini: Path, tmp_path: Path
) -> None:
    """Checked anew or read back, the set a command keeps is frozen, so the collector never
    walks its objects again, and the collector runs again afterwards. In a process of its
    own: freezing is for the whole process."""
    script = (
        "import gc, sys\n"
        "from pathlib import Path\n"
        "from trainer.content.cache import ContentCache\n"
        "from trainer.content.loader import validate\n"
        "cache = ContentCache(Path(sys.argv[2]))\n"
        "for _ in ('cold', 'warm'):\n"
        "    gc.unfreeze()\n"
        "    assert validate(Path(sys.argv[1]), cache=cache).content is not None\n"
        "    print(gc.get_freeze_count(), gc.isenabled())\n"
    )
    finished = subprocess.run(
        [sys.executable, "-c", script, str(mini), str(tmp_path / "cache")],
        capture_output=True,
        text=True,
        check=True,
    )
    cold, warm = (line.split() for line in finished.stdout.splitlines())
    assert int(cold[0]) > 1000 and cold[1] == "True"
    assert int(warm[0]) > 1000 and warm[1] == "True"
