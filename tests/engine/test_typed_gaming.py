"""Engine: typing without listening passes no call, in practice or in the exam."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from trainer.content.content_set import ContentSet
from trainer.content.loader import load_content
from trainer.content.paths import bundled_content_dir
from trainer.engine import typed_gaming
from trainer.engine.session import Option, Session
from trainer.engine.turns import Mode

BUNDLED = load_content(bundled_content_dir())


def _model_words(session: Session, options: Sequence[Option]) -> str:
    """The control: the words of the best reply on offer that breaks no policy, typed."""
    critical = set(session.content.rubric.critical)
    honest = [o for o in options if critical.isdisjoint(o.reply.tags)] or list(options)
    return max(honest, key=lambda o: sum(o.reply.points.values())).text


@pytest.mark.parametrize("scenario_id", sorted(BUNDLED.scenarios))
def test_no_typed_strategy_passes_a_call(scenario_id: str) -> None:
    scenario = BUNDLED.scenario(scenario_id)
    results = typed_gaming.analyse(BUNDLED, scenario, seeds=(1,))
    assert {r.strategy for r in results} == set(typed_gaming.STRATEGIES)
    assert {r.mode for r in results} == (
        {Mode.PRACTICE, Mode.EXAM} if scenario.exam else {Mode.PRACTICE}
    )
    passed = [(r.strategy, r.mode.value, r.passed) for r in results if r.passed]
    assert passed == []
    # the harness can see a pass: the model answers, typed, pass the same call
    mode = Mode.EXAM if scenario.exam else Mode.PRACTICE
    persona = scenario.personas[0]
    assert typed_gaming.play(BUNDLED, scenario, persona, 1, _model_words, mode)


def _at(content: ContentSet, scenario: str, node: str) -> tuple[Session, list[Option]]:
    session = Session(content, content.scenario(scenario))
    session.jump(node)
    return session, session.options()


def test_each_strategy_types_what_it_says() -> None:
    session, options = _at(BUNDLED, "out_of_stock_urgent", "problem")
    client = [t.text for t in session.turns if t.speaker.value == "client"][-1]
    assert typed_gaming.STRATEGIES["echo"](session, options) == client
    salad = typed_gaming.STRATEGIES["key-words"](session, options)
    assert "factory" in salad and "express" in salad and "meetview" in salad
    longest = max((o.text for o in options), key=len)
    turned = typed_gaming.STRATEGIES["negated-longest"](session, options)
    assert turned == longest.replace("I'd go", "I wouldn't go", 1)
    assert typed_gaming.STRATEGIES["same-line"](session, options) == typed_gaming.ALL_PURPOSE
