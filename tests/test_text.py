"""The one sanitiser: nothing a person typed can carry a terminal command or hide what it says."""

from __future__ import annotations

import json
import sys
import unicodedata

import pytest

from trainer.text import (
    ANSWER,
    NOTE,
    REPLY,
    clean,
    cleaned,
    cut,
    json_escaped,
    visible,
    without_unsafe,
)

PWNED = "\x1b]0;PWNED\x1b\\ \x1b[2J\x1b[5;31m"  # set the title, clear the screen, blinking red
HIDDEN = (
    "\x07",
    "\x1b",
    "\x9b",
    "\x9d",
    "\u202e",
    "\u2066",
    "\u200b",
    "\u200d",
    "\u2060",
    "\ufeff",
)


def test_the_issues_note_loses_every_escape_but_keeps_its_words() -> None:
    assert clean(f"Good call.{PWNED} Keep it up", multiline=True) == (
        "Good call.]0;PWNED\\ [2J[5;31m Keep it up"
    )
    assert "\x1b" not in clean(PWNED, multiline=False)


@pytest.mark.parametrize("character", HIDDEN)
def test_controls_bidi_and_zero_width_characters_are_removed(character: str) -> None:
    assert clean(f"pay{character}ment due", multiline=True) == "payment due"
    assert clean(f"pay{character}ment due", multiline=False) == "payment due"


def test_a_reversed_name_reads_as_it_is_stored() -> None:
    # "Olga \u202eevil" shows as "Olga live" on a screen that honours the override.
    assert clean("Olga \u202eevil\u202c", multiline=False) == "Olga evil"


def test_notes_keep_their_lines_one_line_fields_do_not() -> None:
    typed = "First line\r\nsecond\tline\n\n\n\nlast\u2028line  "
    assert clean(typed, multiline=True) == "First line\nsecond    line\n\nlast\nline"
    assert clean(typed, multiline=False) == "First line second line last line"


def test_every_invisible_or_control_character_of_this_python_is_covered() -> None:
    """Checked against unicodedata, so a character class is not missed by a hand-written list."""
    dangerous = ("Cc", "Cf", "Cs", "Zl", "Zp")
    missed = [
        f"U+{code:04X}"
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)) in dangerous
        and chr(code) not in "\t\n"
        and (
            clean(f"a{chr(code)}b", multiline=True) not in ("ab", "a\nb")  # line breaks: \n
            or clean(f"a{chr(code)}b", multiline=False) not in ("ab", "a b")
        )
    ]
    assert missed == []


def test_a_megabyte_paste_is_over_every_limit_with_a_clear_message() -> None:
    paste = "word " * 200_000
    text, problem = cleaned(paste, REPLY)
    assert problem == "a reply can be at most 1,000 characters; this one has 999,999"
    assert (
        cleaned(paste, NOTE)[1] == "a note can be at most 10,000 characters; this one has 999,999"
    )
    assert cleaned("Fine.", REPLY) == ("Fine.", None)
    assert len(text) == 999_999  # the caller refuses it; nothing is silently dropped


def test_cut_keeps_a_long_answer_within_its_limit_and_says_so() -> None:
    kept = cut("x" * 50_000, ANSWER)
    assert len(kept) <= ANSWER.limit
    assert kept.endswith("[... cut: 50,000 characters in all]")
    assert cut("short \x1b[31manswer", ANSWER) == "short [31manswer"


def test_visible_shows_what_an_older_row_holds_as_harmless_marks() -> None:
    assert visible(PWNED) == "\u241b]0;PWNED\u241b\\ \u241b[2J\u241b[5;31m"
    assert visible("a\u202eb\u200bc\x9d") == "a\\u202eb\\u200bc\\u009d"
    assert visible("tag\U000e0041") == "tag\\U000e0041"
    assert visible("two\nlines") == "two\nlines"
    assert visible("two\nlines", multiline=False) == "two\u2424lines"
    assert visible("Plain words, tabs\tand all.") == "Plain words, tabs\tand all."


@pytest.mark.parametrize("character", HIDDEN)
def test_nothing_unsafe_survives_visible(character: str) -> None:
    shown = visible(f"a{character}b")
    assert character not in shown and shown.startswith("a") and shown.endswith("b")


def test_json_escaped_keeps_strings_exact_once_parsed() -> None:
    value = {"typed": f"x\u202e\x9b\U000e0041\u200b{PWNED}\ud800"}
    document = json_escaped(json.dumps(value, ensure_ascii=False))
    assert not any(character in document for character in HIDDEN)
    assert json.loads(document) == value
    document.encode("utf-8")  # a lone surrogate no longer makes the file unwritable


def test_without_unsafe_leaves_whitespace_as_the_content_wrote_it() -> None:
    line = "Price:\tten euros  \n\n\n  per box\u200b\x1b"
    assert without_unsafe(line) == "Price:\tten euros  \n\n\n  per box"
