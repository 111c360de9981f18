"""The bundled typed lines reach the issue's targets: the matcher is judged on its rates."""

from __future__ import annotations

from pathlib import Path

import pytest

from trainer.content.loader import load_content
from trainer.content.typed import Category, load_typed
from trainer.engine.typed_check import TARGETS, LineResult, accuracy, run_typed

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def results() -> list[LineResult]:
    content = load_content(ROOT)
    sets, problems = load_typed(ROOT, content.scenarios)
    assert not problems, problems
    assert {typed.scenario for typed in sets} == set(content.scenarios)
    return [result for typed in sets for result in run_typed(content, typed)]


def test_every_scenario_has_varied_typed_lines_of_every_kind(results: list[LineResult]) -> None:
    for category in Category:
        lines = [r for r in results if r.line.category is category]
        assert len(lines) >= 9 * 10, category  # at least ten per scenario on average
        if category is not Category.CONTENT_FREE:  # "ok" is "ok" in every call
            texts = [r.line.text.lower() for r in lines]
            assert len(set(texts)) == len(texts), f"a {category.value} line is repeated"


@pytest.mark.parametrize("category", list(Category))
def test_each_kind_of_typed_line_reaches_its_target(
    results: list[LineResult], category: Category
) -> None:
    figure = accuracy(results)[category]
    missed = [r.failure() for r in results if r.line.category is category and not r.passed]
    assert figure.percent >= TARGETS[category], missed


def test_the_held_out_half_is_half(results: list[LineResult]) -> None:
    dev = [r for r in results if not r.held_back]
    held = sum(r.held_out for r in dev)
    assert 0.4 < held / len(dev) < 0.6


def test_a_held_back_set_of_paraphrases_covers_six_scenarios_apart_from_the_dev_lines(
    results: list[LineResult],
) -> None:
    from rapidfuzz import fuzz

    from trainer.engine.matching import normalise

    held_back = [r for r in results if r.held_back]
    paraphrases = [r for r in held_back if r.line.category is Category.PARAPHRASE]
    understood = [r for r in held_back if r.line.category.must_match]
    assert len(paraphrases) >= 60
    assert len({str(r.line.location.path) for r in paraphrases}) >= 6
    assert all(r.held_out for r in held_back)  # never part of a tuning half
    dev = [normalise(r.line.text) for r in results if not r.held_back]
    for result in understood:
        said = normalise(result.line.text)
        assert all(fuzz.token_sort_ratio(said, line) < 90 for line in dev), result.line.text


def test_no_example_repeats_a_typed_line_so_the_lines_measure_what_is_new() -> None:
    from rapidfuzz import fuzz

    from trainer.engine.matching import normalise

    content = load_content(ROOT)
    sets, _ = load_typed(ROOT, content.scenarios)
    for typed in sets:
        examples = [
            (reply.id, normalise(example))
            for reply in content.scenario(typed.scenario).replies()
            for example in reply.examples
        ]
        # a line that must match nothing is only harder for reading like an example: "we won't
        # match their seven percent" against "we'll match their seven percent"
        for line in (line for line in typed.lines if line.category.must_match):
            said = normalise(line.text)
            for reply_id, example in examples:
                assert fuzz.token_sort_ratio(said, example) < 90, (
                    typed.scenario,
                    reply_id,
                    line.text,
                )
