"""Property-based: any input to the loader or the condition parser gives content or located
problems, never an exception a user would see as a traceback."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from tests.conftest import MINI
from trainer.content import conditions
from trainer.content.loader import validate

NAMES = {"trust": "number", "patience": "number", "asked": "true/false", "client_type": "text"}
KINDS = ["persona", "scenario", "rubric", "catalogue", "test", "quiz", "programme", "nonsense"]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-1000, 1000),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.sampled_from(["hello", "to", "say", "replies", "{name}", "trust > 5"]),
)
keys = st.one_of(
    st.sampled_from(
        [
            "id",
            "name",
            "say",
            "to",
            "text",
            "replies",
            "nodes",
            "start",
            "meters",
            "patience",
            "ending",
            "outcome",
            "when",
            "points",
            "tags",
            "personas",
            "lines",
            "objections",
            "raises",
        ]
    ),
    st.text(max_size=8),
)
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(keys, children, max_size=5)
    ),
    max_leaves=25,
)


def check_file(text: str, folder: str = "scenarios") -> None:
    root = Path(tempfile.mkdtemp(prefix="trainer-prop-"))
    try:
        shutil.copytree(MINI, root, dirs_exist_ok=True)
        (root / folder / "fuzzed.yaml").write_text(text, encoding="utf-8")
        result = validate(root)
        for problem in result.problems:
            assert problem.message
            assert problem.location.path is not None
            if problem.location.line is not None:
                assert problem.location.line >= 1
    finally:
        shutil.rmtree(root)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kind=st.sampled_from(KINDS), body=documents)
def test_any_structure_gives_content_or_located_problems(kind: str, body: object) -> None:
    document = {"kind": kind, **body} if isinstance(body, dict) else body
    check_file(yaml.safe_dump(document, allow_unicode=True))


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=300))
def test_any_text_gives_content_or_located_problems(text: str) -> None:
    check_file(text, folder="personas")


@settings(max_examples=300, deadline=None)
@given(source=st.text(max_size=60))
def test_any_condition_parses_or_fails_with_a_column(source: str) -> None:
    try:
        tree = conditions.parse(source)
        conditions.check(tree, NAMES)
    except conditions.ConditionError as error:
        assert 0 <= error.offset <= len(source)
        assert error.message
        return
    guard = conditions.compile_guard(tree)
    assert guard({"trust": 50, "patience": 10, "asked": True, "client_type": "vip"}) in (
        True,
        False,
    )


condition_words = st.lists(
    st.sampled_from(
        [
            "trust",
            "patience",
            "asked",
            "client_type",
            "and",
            "or",
            "not",
            "(",
            ")",
            "==",
            "!=",
            "<",
            ">=",
            "50",
            "-3",
            "'vip'",
            "true",
            "false",
            ".",
            "x()",
        ]
    ),
    max_size=12,
)


@settings(max_examples=300, deadline=None)
@given(words=condition_words)
def test_conditions_from_real_tokens_parse_or_fail_with_a_column(words: list[str]) -> None:
    test_any_condition_parses_or_fails_with_a_column.hypothesis.inner_test(" ".join(words))  # type: ignore[attr-defined]
