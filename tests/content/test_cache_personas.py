"""The personas in the content cache: each a part of its own, read when a call first needs it
(home needs none), and never trusted when a part does not read back as the persona it names."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from trainer.content import loader
from trainer.content.cache import CacheError, ContentCache
from trainer.content.content_set import PERSONA_PART, LazyParts, split_for_cache
from trainer.content.loader import Validation, load_content, validate
from trainer.errors import TrainerError


@pytest.fixture
def cache(tmp_path: Path) -> ContentCache:
    return ContentCache(tmp_path / "data" / "cache")


def counted_parses(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The content folders parsed from now on (a read-back parses none)."""
    calls: list[Path] = []
    parse = loader._validate

    def counted(root: Path, *args: object) -> Validation:
        calls.append(root)
        return parse(root, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(loader, "_validate", counted)
    return calls


def test_a_warm_set_builds_a_persona_only_when_asked(
    mini: Path, cache: ContentCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = validate(mini, cache=cache).content
    assert first is not None
    parses = counted_parses(monkeypatch)
    again = load_content(mini, cache)
    assert parses == []
    personas = again.personas
    assert isinstance(personas, LazyParts)
    assert list(personas) == list(first.personas) and len(personas) == len(first.personas)
    assert "ivan" in personas and "nobody" not in personas
    scenario = again.scenario("first_call")
    assert personas.built == frozenset()  # ids, `in` and a scenario's own part build none
    ivan = again.persona(scenario.personas[0])
    assert ivan == first.persona("ivan")
    assert personas.built == {"ivan"}
    assert again.persona("ivan") is ivan  # built once, then kept
    with pytest.raises(TrainerError, match=r"no persona 'ivna' \(did you mean 'ivan'\?\)"):
        again.persona("ivna")
    assert dict(personas.items()) == dict(first.personas.items())


def test_a_part_that_reads_back_as_another_persona_is_refused(
    mini: Path, cache: ContentCache
) -> None:
    """A signed entry whose part for one persona holds another (only a broken or forged save
    could do it) is refused when the persona is asked for, not used in its place."""
    fresh = validate(mini, cache=cache)
    content = fresh.content
    assert content is not None
    texts = loader._texts(mini)
    assert texts is not None
    stripped, parts = split_for_cache(content)
    parts[PERSONA_PART + "ivan"] = replace(content.persona("ivan"), id="impostor")
    head = (fresh.problems, stripped, content.summaries, tuple(content.personas))
    cache.save(mini, cache.key(mini, texts.items()), head, parts)
    again = load_content(mini, cache)
    assert again.scenario("first_call").title == "A first call"
    with pytest.raises(CacheError, match="'persona ivan' no longer reads back"):
        again.persona("ivan")


def test_an_entry_with_the_personas_in_its_head_is_parsed_again(
    mini: Path, cache: ContentCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An entry as the cache's previous format saved it (the personas in the head, no persona
    parts) is not used: the set is read and checked again, and saved anew."""
    fresh = validate(mini, cache=cache)
    content = fresh.content
    assert content is not None
    texts = loader._texts(mini)
    assert texts is not None
    head = (fresh.problems, replace(content, scenarios={}, tests=()), content.summaries)
    cache.save(mini, cache.key(mini, texts.items()), head, dict(content.scenarios))
    parses = counted_parses(monkeypatch)
    again = load_content(mini, cache)
    assert parses == [mini]
    assert again.persona("ivan") == content.persona("ivan")
    assert isinstance(load_content(mini, cache).personas, LazyParts)  # saved anew, read back
    assert parses == [mini]
