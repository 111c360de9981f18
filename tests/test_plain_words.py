"""Plain words: what a trainee or mentor reads never names the source material, and every
outcome has one name everywhere."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from tests.conftest import MINI, REPO
from trainer.content.loader import load_content
from trainer.content.outcomes import OUTCOME_LABELS, outcome_label, outcomes_label
from trainer.content.paths import bundled_content_dir
from trainer.content.scenario.model import Outcome
from trainer.engine.scoring import calibrate, score_call

# "the seeds", "criterion 5", "article 001": the names of the source material
SOURCE_WORDS = re.compile(r"\bseeds?\b|\bcriteri(?:on|a)\b|\barticles?\b", re.IGNORECASE)
PACKAGE = REPO / "trainer"
# Modules whose strings reach a trainee or a mentor (the screens, the call, its score, the
# records and exports). Trainers' tools (validate, playtest, conversation tests) may say "seed".
FACING = [
    *(p for p in (PACKAGE / "ui").rglob("*.py") if "playtest" not in p.name),
    PACKAGE / "engine" / "session.py",
    PACKAGE / "engine" / "scoring.py",
    PACKAGE / "engine" / "programme.py",
    PACKAGE / "engine" / "criteria.py",
    PACKAGE / "store" / "export_html.py",
    PACKAGE / "services" / "worklog.py",
    PACKAGE / "cli" / "worklog.py",
    PACKAGE / "engine" / "quiz.py",
    PACKAGE / "store" / "export.py",
    PACKAGE / "cli" / "render.py",
    PACKAGE / "content" / "outcomes.py",
]


def shown_strings(path: Path) -> Iterator[tuple[int, str]]:
    """String literals that read as words (not docstrings, not single identifiers)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
            and " " in node.value.strip()
        ):
            yield node.lineno, node.value


def yaml_texts(value: object, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from yaml_texts(item, f"{where}.{key}")
    elif isinstance(value, list):
        for number, item in enumerate(value):
            yield from yaml_texts(item, f"{where}[{number}]")


def bundled_files() -> list[Path]:
    root = bundled_content_dir()
    return [
        path
        for folder in ("scenarios", "personas", "quizzes")
        for path in sorted((root / folder).rglob("*.yaml"))
        if path.parent.name != "tests"  # conversation tests are for trainers, with their seeds
    ]


def test_the_checks_look_at_real_sources() -> None:
    assert len(bundled_files()) >= 15 and all(path.is_file() for path in FACING)
    assert sum(1 for path in FACING for _ in shown_strings(path)) > 300


@pytest.mark.parametrize("path", bundled_files(), ids=lambda path: path.name)
def test_bundled_content_never_names_the_source_material(path: Path) -> None:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))  # comments are not shown
    named = [
        (where, text)
        for where, text in yaml_texts(document, path.name)
        if SOURCE_WORDS.search(text)
    ]
    assert named == []


@pytest.mark.parametrize("path", FACING, ids=lambda path: str(path.relative_to(PACKAGE)))
def test_code_that_talks_to_trainees_and_mentors_never_names_the_source_material(
    path: Path,
) -> None:
    named = [(line, text) for line, text in shown_strings(path) if SOURCE_WORDS.search(text)]
    assert named == []


def test_the_rubric_reasons_are_plain_words() -> None:
    rubric = load_content(bundled_content_dir()).rubric
    for text in [*rubric.critical.values(), *rubric.tags.values()]:
        assert not SOURCE_WORDS.search(text), text


def test_every_outcome_has_one_label_and_the_screens_use_it() -> None:
    from trainer.ui.wording import outcome_words

    assert set(OUTCOME_LABELS) == set(Outcome)
    assert len(set(OUTCOME_LABELS.values())) == len(Outcome)
    for outcome in Outcome:
        assert outcome_words(outcome.value) == outcome_label(outcome) == OUTCOME_LABELS[outcome]
    assert outcomes_label({Outcome.MEETING, Outcome.DEAL}) == "a deal or a meeting booked"


@pytest.mark.parametrize("outcome", [o for o in Outcome if o is not Outcome.MEETING])
def test_a_failure_reason_names_the_outcome_in_plain_words(outcome: Outcome) -> None:
    content = load_content(MINI)
    scenario = content.scenario("first_call")
    score = score_call(scenario, content.rubric, calibrate(scenario, content.rubric), {}, outcome)
    reason = score.reasons[0]
    assert reason.endswith("; the goal was a meeting booked")
    assert outcome.value not in reason.replace(OUTCOME_LABELS[outcome], "")
    assert "'" not in reason
