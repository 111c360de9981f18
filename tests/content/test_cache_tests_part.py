"""The conversation tests in the content cache: a part of their own, read only when asked for
(only `trainer test` runs them), and never trusted when they no longer read back as saved."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from trainer.content import loader
from trainer.content.cache import MAGIC, CacheError, ContentCache
from trainer.content.content_set import LazyTests
from trainer.content.loader import Validation, load_content, validate


@pytest.fixture
def cache(tmp_path: Path) -> ContentCache:
    return ContentCache(tmp_path / "data" / "cache")


def test_a_warm_set_reads_its_tests_only_when_they_are_asked_for(
    mini: Path, cache: ContentCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = validate(mini, cache=cache).content
    assert first is not None and first.tests
    calls: list[Path] = []
    parse = loader._validate

    def counted(root: Path, *args: object) -> Validation:
        calls.append(root)
        return parse(root, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(loader, "_validate", counted)
    again = load_content(mini, cache)
    assert calls == []  # read back, not parsed
    assert isinstance(again.tests, LazyTests) and not again.tests.loaded
    assert again.scenario("first_call").title == "A first call"
    assert not again.tests.loaded  # opening a scenario leaves the tests in the file
    assert len(again.tests) == len(first.tests)
    assert again.tests.loaded
    assert tuple(again.tests) == first.tests
    assert again.tests[0] == first.tests[0] and list(again.tests[:1]) == [first.tests[0]]


def test_tests_changed_in_the_entry_after_its_check_are_refused(
    mini: Path, cache: ContentCache
) -> None:
    validate(mini, cache=cache)
    content = load_content(mini, cache)
    path = next(cache.folder.glob("*.cache"))
    data = bytearray(path.read_bytes())
    length_at = len(MAGIC) + 64
    first_part = length_at + 8 + int.from_bytes(data[length_at : length_at + 8], "big")
    data[first_part + 5] ^= 0xFF  # inside the tests, the entry's first part
    with path.open("r+b") as file:  # in place: the open entry sees it
        file.write(data)
    assert content.scenario("first_call").title == "A first call"  # its own part is intact
    with pytest.raises(CacheError, match="'conversation tests' no longer reads back"):
        list(content.tests)


def test_an_entry_without_a_tests_part_is_parsed_again(
    mini: Path, cache: ContentCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An entry holding the tests in its head, as the cache's previous format did, is not used."""
    fresh = validate(mini, cache=cache)
    content = fresh.content
    assert content is not None
    texts = loader._texts(mini)
    assert texts is not None
    key = cache.key(mini, texts.items())
    head = (fresh.problems, replace(content, scenarios={}), content.summaries)
    cache.save(mini, key, head, content.scenarios)
    calls: list[Path] = []
    parse = loader._validate

    def counted(root: Path, *args: object) -> Validation:
        calls.append(root)
        return parse(root, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(loader, "_validate", counted)
    again = load_content(mini, cache)
    assert calls == [mini]
    assert tuple(again.tests) == content.tests


def test_trainer_test_runs_the_tests_read_back_from_the_cache(mini: Path, tmp_path: Path) -> None:
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data")}

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "trainer", "--content", str(mini), "test"],
            capture_output=True,
            text=True,
            timeout=120,
            stdin=subprocess.DEVNULL,
            env=env,
        )

    cold = run()
    assert list((tmp_path / "data" / "trainer" / "cache").glob("*.cache"))
    warm = run()
    assert cold.returncode == warm.returncode == 0, warm.stderr
    assert warm.stdout == cold.stdout and "passed" in warm.stdout
