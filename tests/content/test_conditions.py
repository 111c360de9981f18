"""The guard language: parsed by our own parser, type-checked, compiled; nothing is evaluated as code."""

from __future__ import annotations

import pytest

from trainer.content.conditions import (
    ConditionError,
    Env,
    check,
    compile_guard,
    names_in,
    parse,
)

NAMES = {"trust": "number", "patience": "number", "offered": "true/false", "client_type": "text"}
ENV: Env = {"trust": 55, "patience": 20, "offered": False, "client_type": "vip"}


@pytest.mark.parametrize(
    "source, expected",
    [
        ("trust >= 50", True),
        ("trust >= 50 and not offered", True),
        ("trust < 50 or patience > 10", True),
        ("not (trust >= 50 and patience > 30)", True),
        ("client_type == 'vip' and trust != 60", True),
        ('client_type == "key-account"', False),
        ("offered == false", True),
        ("trust > 55.5 or patience <= -1", False),
        ("offered or (trust >= 50 and (patience < 30))", True),
    ],
)
def test_conditions_evaluate_over_the_current_values(source: str, expected: bool) -> None:
    tree = parse(source)
    check(tree, NAMES)
    assert compile_guard(tree)(ENV) is expected


@pytest.mark.parametrize(
    "source, offset, fragment",
    [
        ("", 0, "empty"),
        ("trust >=", 8, "ends too early"),
        ("trust >= 50 and", 15, "ends too early"),
        ("(trust > 1", 10, "missing ')'"),
        ("trust > 1)", 9, "unexpected ')'"),
        ("trust.real", 5, "'.' is not allowed"),
        ("len(trust) > 1", 0, "looks like a call"),
        ("_secret == 1", 0, "cannot start with '_'"),
        ("trust = 1", 6, "write '=='"),
        ("trust > 1 && offered", 10, "write 'and'"),
        ("1 < trust < 9", 10, "chained comparisons"),
        ("trust == 'high'", 0, "compares a number with a text"),
        ("client_type > 'a'", 0, "only compares numbers"),
        ("patience", 0, "is a number, not true/false"),
        ("trusst > 1", 0, "did you mean 'trust'"),
        ("trust > 'unclosed", 8, "missing its closing quote"),
        ("[1]", 0, "no lists"),
        ("not " * 30 + "offered", 84, "nests deeper than 20"),
    ],
)
def test_bad_conditions_name_the_column_and_the_fix(
    source: str, offset: int, fragment: str
) -> None:
    with pytest.raises(ConditionError) as raised:
        check(parse(source), NAMES)
    assert fragment in raised.value.message
    assert raised.value.offset == offset


def test_names_in_lists_every_name_read() -> None:
    assert names_in(parse("trust > 1 and (not offered or client_type == 'x')")) == {
        "trust",
        "offered",
        "client_type",
    }
