"""A quote or a bracket left open is reported where it opens, not where YAML stumbles later."""

from __future__ import annotations

from pathlib import Path

import pytest

from trainer.cli import main

SCENARIO = Path("scenarios") / "first_call.yaml"


def problems_after(root: Path, old: str, new: str, capsys: pytest.CaptureFixture[str]) -> list[str]:
    path = root / SCENARIO
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    assert main(["validate", str(root), "--gameability", "off"]) == 1
    out = capsys.readouterr().out
    assert "Traceback" not in out
    return [line for line in out.splitlines() if line.startswith(str(root))]


def test_an_unclosed_quote_is_reported_on_its_own_line(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A later line quotes its text properly: YAML takes its opening quote as the closing one.
    path = mini / SCENARIO
    path.write_text(
        path.read_text().replace(
            "        text: Just buy them, they are great!",
            '        text: "Just buy them, they are great!"',
        )
    )
    problems = problems_after(mini, "    say: Who is this?", '    say: "Who is this?', capsys)
    assert problems == [
        f"{mini / SCENARIO}:31:10: this text opens a quote that is never closed on its line, "
        "so it runs on to line 34: add the closing quote at its end"
    ]


def test_text_after_a_closed_quote_still_asks_to_quote_it_all(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    problems = problems_after(mini, "    say: Who is this?", '    say: "Who" is this?', capsys)
    assert problems == [
        f"{mini / SCENARIO}:31:16: more text follows a closing quote: put the whole text inside "
        "the quotes"
    ]


def test_an_unclosed_bracket_is_reported_where_it_opens(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    problems = problems_after(mini, "personas: [ivan]", "personas: [ivan", capsys)
    assert problems == [
        f"{mini / SCENARIO}:5:11: this list opens with '[' but its line never closes it: "
        "add ']' at its end"
    ]
