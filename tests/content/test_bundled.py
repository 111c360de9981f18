"""The bundled content: every file valid with no warnings, every scenario calibrated by its tests."""

from __future__ import annotations

import pytest

from trainer.content.content_set import ContentSet
from trainer.content.loader import validate
from trainer.content.paths import bundled_content_dir
from trainer.content.persona import ClientType
from trainer.engine.testing import run_test


@pytest.fixture(scope="module")
def bundled() -> ContentSet:
    result = validate(bundled_content_dir())
    assert [str(problem) for problem in result.problems] == []
    assert result.content is not None
    return result.content


def test_the_bundled_set_is_as_rich_as_the_programme_needs(bundled: ContentSet) -> None:
    assert len(bundled.scenarios) >= 8
    assert all(len(scenario.nodes) >= 12 for scenario in bundled.scenarios.values())
    assert {scenario.stage for scenario in bundled.scenarios.values()} >= {2, 3, 4}
    exams = [s for s in bundled.scenarios.values() if s.exam]
    assert len(exams) >= 3, "the final exam is a pool of at least three variants"
    # Each variant is played against its own client, so no two share a persona.
    personas = [s.personas[0] for s in exams]
    assert len(set(personas)) == len(personas)
    types = {persona.client_type for persona in bundled.personas.values()}
    assert types >= set(ClientType)
    assert bundled.catalogue is not None and len(bundled.catalogue.products) >= 12


def test_every_scenario_has_a_hang_up_path_and_several_outcomes(bundled: ContentSet) -> None:
    for scenario in bundled.scenarios.values():
        outcomes = {node.ending.outcome for node in scenario.nodes.values() if node.ending}
        assert len(outcomes) >= 3, scenario.id
        assert any(outcome.value == "hung-up" for outcome in outcomes), scenario.id


def test_every_conversation_test_passes(bundled: ContentSet) -> None:
    failures = {
        f"{test.scenario}: {test.name}": result.failures
        for test in bundled.tests
        if not (result := run_test(bundled, test)).passed
    }
    assert failures == {}


def test_every_scenario_is_calibrated_a_strong_trainee_passes_a_weak_one_fails(
    bundled: ContentSet,
) -> None:
    for scenario_id in bundled.scenarios:
        results = [run_test(bundled, t) for t in bundled.tests if t.scenario == scenario_id]
        verdicts = {r.session.score().passed for r in results if r.session and r.session.ended}
        assert verdicts == {True, False}, f"{scenario_id} needs a passing and a failing test"
        hung_up = [
            r
            for r in results
            if r.session and r.session.outcome and r.session.outcome.value == "hung-up"
        ]
        assert hung_up, f"{scenario_id} needs a test where the client hangs up"


def test_every_bundled_file_names_its_json_schema_for_editors() -> None:
    root = bundled_content_dir()
    files = [
        path
        for folder in ("scenarios", "personas", "quizzes", "scenarios/tests")
        for path in sorted((root / folder).glob("*.yaml"))
    ]
    assert files
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        schema = (path.parent / first.split("=", 1)[1]).resolve()
        if (root / "docs").is_dir():  # a checkout; the wheel ships the content without docs/
            assert schema.is_file(), f"{path}: {schema} does not exist"
