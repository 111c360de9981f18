"""YAML mistakes a trainer makes, each told in words that say what to change, through
`trainer validate` on real files."""

from __future__ import annotations

from pathlib import Path

import pytest

from trainer.cli import main

SCENARIO = Path("scenarios") / "first_call.yaml"


def _validate(root: Path, old: str, new: str, capsys: pytest.CaptureFixture[str]) -> list[str]:
    """Replace `old` by `new` in the fixture scenario, validate, and return the problem lines."""
    path = root / SCENARIO
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    assert main(["validate", str(root), "--gameability", "off"]) == 1
    out = capsys.readouterr().out
    assert "Traceback" not in out
    return [line for line in out.splitlines() if line.startswith(str(root))]


def test_a_colon_inside_text_asks_for_quotes(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    problems = _validate(mini, "    say: Who is this?", "    say: Who is this: really?", capsys)
    assert problems == [
        f"{mini / SCENARIO}:31:10: text containing ': ' must be in quotes: "
        'write say: "Who is this: really?"'
    ]


@pytest.mark.parametrize(
    ("written", "read_as"),
    [("yes", "a yes/no value"), ("No", "a yes/no value"), ("596", "a number")],
)
def test_a_yes_or_a_number_must_be_quoted_to_be_text(
    mini: Path, capsys: pytest.CaptureFixture[str], written: str, read_as: str
) -> None:
    problems = _validate(mini, "    say: Who is this?", f"    say: {written}", capsys)
    assert problems == [
        f"{mini / SCENARIO}:31:10: what the client says in node 'annoyed' must be text; YAML "
        f'reads {written} as {read_as}: put it in quotes to make it text, "{written}"'
    ]


def test_a_key_indented_under_text_is_told_to_line_up(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    problems = _validate(mini, "        to: lost", "          to: lost", capsys)
    assert problems == [
        f"{mini / SCENARIO}:72:11: 'to:' is indented more than 'text:' on line 71, so it reads "
        "as more of that line's text: line it up with 'text:' (column 9)"
    ]


def test_a_key_at_the_dash_of_its_list_item_is_told_its_column(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    problems = _validate(mini, "        to: lost", "      to: lost", capsys)
    assert problems == [
        f"{mini / SCENARIO}:72:7: 'to:' is at the column of the '-' on line 70; the keys of a "
        "list item line up with the first key after the '-': move it to column 9"
    ]


def test_a_key_one_space_short_names_the_line_to_align_with(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    problems = _validate(
        mini, "      - id: send\n        text: I'll", "      - id: send\n       text: I'll", capsys
    )
    assert problems == [
        f"{mini / SCENARIO}:71:8: 'text:' is at column 8, but 'id:' on line 70 above it is at "
        "column 9: lines of one block start in the same column"
    ]


def test_a_list_item_one_space_short_names_the_item_above(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    problems = _validate(mini, "      - id: send", "     - id: send", capsys)
    assert problems == [
        f"{mini / SCENARIO}:70:6: '- id:' is at column 6, but '- id:' on line 63 above it is at "
        "column 7: lines of one block start in the same column"
    ]


def test_a_node_moved_left_is_the_one_error_not_the_sibling_after_it(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    problems = _validate(mini, "  offer:\n", "offer:\n", capsys)
    assert problems == [
        f"{mini / SCENARIO}:60:1: 'offer:' is at column 1, left of 'needs:' on line 43, so the "
        "lines after it no longer fit (line 75): indent it and the lines under it to column 3"
    ]


def test_the_last_node_at_column_one_is_one_error_not_a_cascade(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    problems = _validate(mini, "  lost:\n", "lost:\n", capsys)
    assert problems == [
        f"{mini / SCENARIO}:81:1: 'lost' looks like a node, but it is not indented under "
        "'nodes:', so it is read as a key of the scenario: indent it and the lines under it to "
        "column 3, like the other nodes"
    ]


def test_a_node_at_column_one_that_swallows_the_nodes_after_it_is_one_error(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = mini / SCENARIO
    text = path.read_text()
    start, end = text.index("  booked:"), text.index("  lost:")
    # 'booked' and its lines moved left by two: 'lost', left where it was, is now under it.
    moved = "\n".join(line[2:] for line in text[start:end].split("\n"))
    path.write_text(text[:start] + moved + text[end:])
    assert main(["validate", str(mini), "--gameability", "off"]) == 1
    out = capsys.readouterr().out
    problems = [line for line in out.splitlines() if line.startswith(str(mini))]
    assert problems == [
        f"{path}:75:1: 'booked' looks like a node, but it is not indented under 'nodes:', so "
        "it is read as a key of the scenario: indent it and the lines under it to column 3, "
        "like the other nodes"
    ]


def test_a_tab_and_an_unclosed_quote_say_what_to_do(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _validate(mini, "    say: Who is this?", "\tsay: Who is this?", capsys) == [
        f"{mini / SCENARIO}:31:1: a tab indents this line; YAML indents with spaces only: "
        "replace the tab with spaces"
    ]
    (mini / SCENARIO).write_text((mini / SCENARIO).read_text().replace("\tsay", "    say"))
    assert _validate(mini, "    say: Who is this?", '    say: "Who is this?', capsys) == [
        f"{mini / SCENARIO}:31:10: this text opens a quote that is never closed: add the closing "
        "quote at its end"
    ]


@pytest.mark.parametrize(
    ("written", "meant"), [("=>", ">= for 'at least'"), ("=<", "<= for 'at most'")]
)
def test_a_reversed_comparison_suggests_the_right_one(
    mini: Path, capsys: pytest.CaptureFixture[str], written: str, meant: str
) -> None:
    problems = _validate(mini, "when: trust >= 50", f"when: trust {written} 50", capsys)
    wanted, reading = meant.split(" for ")
    assert problems == [
        f"{mini / SCENARIO}:66:21: in the condition of reply 1 of node 'offer': '{written}' is "
        f"not a comparison; write '{wanted}' for {reading}"
    ]


def test_an_unknown_objection_lists_the_known_ones(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    persona = mini / "personas" / "ivan.yaml"
    persona.write_text(persona.read_text() + "  delivery: When would it arrive?\n")
    assert _validate(mini, "counters: price", "counters: prize", capsys) == [
        f"{mini / SCENARIO}:50:19: persona 'ivan' has no objection 'prize' (did you mean "
        "'price'?); its objections: price, delivery"
    ]


def test_an_unknown_objection_without_a_near_name_still_lists_them(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _validate(mini, "counters: price", "counters: budget", capsys) == [
        f"{mini / SCENARIO}:50:19: persona 'ivan' has no objection 'budget'; its objections: price"
    ]


def test_text_after_a_closing_quote_asks_to_quote_it_all(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    problems = _validate(mini, "    say: Who is this?", '    say: "Who" is this?', capsys)
    assert problems == [
        f"{mini / SCENARIO}:31:16: more text follows a closing quote: put the whole text inside "
        "the quotes"
    ]


def test_a_line_without_a_key_says_so(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    problems = _validate(
        mini, "    say: Who is this?\n", "    say: Who is this?\n  really\n", capsys
    )
    assert problems == [
        f"{mini / SCENARIO}:32:3: this line has no 'key:' and is not indented under the text "
        "above it: write it as 'key: value', or indent it under the text it continues"
    ]
