"""The compiled content cache: hits, misses after edits, and entries it must never trust."""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
from dataclasses import replace
from pathlib import Path

import pytest

import trainer
from trainer.content import cache as cache_module, loader
from trainer.content.cache import MAGIC, CacheError, ContentCache
from trainer.content.content_set import LazyScenarios
from trainer.content.loader import Validation, load_content, validate
from trainer.content.scenario.model import Reply, Scenario

ORPHAN = "  orphan:\n    say: Nobody comes here.\n    ending:\n      outcome: lost\n"


@pytest.fixture
def cache(tmp_path: Path) -> ContentCache:
    return ContentCache(tmp_path / "data" / "cache")


@pytest.fixture
def warned(mini: Path) -> Path:
    """The mini set with one warning: an ending no reply leads to."""
    with (mini / "scenarios" / "first_call.yaml").open("a", encoding="utf-8") as file:
        file.write(ORPHAN)
    return mini


def parsing_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on the set cannot be parsed: only the cache can answer."""

    def refuse(*args: object) -> Validation:
        raise AssertionError("the content was parsed again")

    monkeypatch.setattr(loader, "_validate", refuse)


def without_guards(scenario: Scenario) -> Scenario:
    """The scenario with each condition's compiled guard left out: functions compare by
    identity, and what a guard decides is tested on its own."""

    def plain(reply: Reply) -> Reply:
        if reply.condition is None:
            return reply
        condition = replace(reply.condition, guard=bool)
        return replace(reply, condition=condition)

    nodes = {
        name: replace(node, replies=tuple(plain(reply) for reply in node.replies))
        for name, node in scenario.nodes.items()
    }
    return replace(scenario, nodes=nodes)


def entry(cache: ContentCache) -> Path:
    (found,) = cache.folder.glob("*.cache")
    return found


def test_an_unchanged_set_is_read_back_with_its_warnings(
    warned: Path, cache: ContentCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = validate(warned, cache=cache)
    assert first.content is not None
    assert [str(p) for p in first.warnings] == [
        f"{warned}/scenarios/first_call.yaml:86:5: warning: ending 'orphan' can never be "
        "reached from 'hello'"
    ]
    parsing_refused(monkeypatch)
    again = validate(warned, cache=cache)
    assert again.problems == first.problems
    assert again.content is not None
    assert again.content.scenarios.keys() == first.content.scenarios.keys()
    assert without_guards(again.content.scenario("first_call")) == without_guards(
        first.content.scenario("first_call")
    )
    assert again.content.persona("ivan") == first.content.persona("ivan")
    assert first.content.tests and tuple(again.content.tests) == first.content.tests
    assert again.content.catalogue == first.content.catalogue


def test_guards_read_back_still_decide(mini: Path, cache: ContentCache) -> None:
    validate(mini, cache=cache)
    scenario = load_content(mini, cache).scenario("first_call")
    (meet,) = (reply for reply in scenario.replies() if reply.id == "meet")
    assert meet.condition is not None
    assert meet.condition.guard({"trust": 60, "asked": True}) is True
    assert meet.condition.guard({"trust": 60, "asked": False}) is False
    assert meet.condition.guard({"trust": 10, "asked": True}) is False


def test_an_edited_file_is_read_and_checked_again(mini: Path, cache: ContentCache) -> None:
    validate(mini, cache=cache)
    path = mini / "scenarios" / "first_call.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: A first call", "title: A second call"), "utf-8")
    assert load_content(mini, cache).scenario("first_call").title == "A second call"
    path.write_text(text.replace("start: hello", "start: nowhere"), encoding="utf-8")
    broken = validate(mini, cache=cache)
    assert broken.content is None
    assert any("nowhere" in problem.message for problem in broken.errors)


def test_a_new_or_removed_file_is_a_miss(
    mini: Path, cache: ContentCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    validate(mini, cache=cache)
    extra = mini / "personas" / "ivan_copy.yaml"
    extra.write_text(
        (mini / "personas" / "ivan.yaml").read_text().replace("id: ivan", "id: ivan_copy")
    )
    assert "ivan_copy" in load_content(mini, cache).personas
    extra.unlink()
    assert "ivan_copy" not in load_content(mini, cache).personas


def test_the_key_is_the_contents_not_the_times(
    mini: Path, cache: ContentCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    validate(mini, cache=cache)
    path = mini / "scenarios" / "first_call.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "# edited\n", encoding="utf-8")
    validate(mini, cache=cache)
    path.write_text(text, encoding="utf-8")  # restored: the first entry was replaced, so a miss
    validate(mini, cache=cache)
    os.utime(path, (1, 1))  # only the time changes
    parsing_refused(monkeypatch)
    assert validate(mini, cache=cache).content is not None


def test_a_set_with_errors_is_not_saved(mini: Path, cache: ContentCache) -> None:
    path = mini / "scenarios" / "first_call.yaml"
    path.write_text(path.read_text().replace("start: hello", "start: nowhere"))
    assert validate(mini, cache=cache).errors
    assert not list(cache.folder.glob("*.cache"))


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: data[: len(data) // 2], id="truncated"),
        pytest.param(lambda data: data[:-10] + bytes(10), id="payload changed"),
        pytest.param(lambda data: b"x" + data[1:], id="magic changed"),
        pytest.param(lambda data: b"", id="empty"),
        pytest.param(lambda data: MAGIC, id="header only"),
    ],
)
def test_a_damaged_entry_is_ignored_and_rebuilt(
    mini: Path, cache: ContentCache, damage: object
) -> None:
    validate(mini, cache=cache)
    path = entry(cache)
    good = path.read_bytes()
    path.write_bytes(damage(good))  # type: ignore[operator]
    assert validate(mini, cache=cache).content is not None
    assert path.read_bytes()[: len(MAGIC)] == MAGIC
    assert cache.load(mini, cache.key(mini, loader._texts(mini).items())) is not None  # type: ignore[union-attr]


def test_an_entry_signed_with_another_secret_is_not_trusted(
    mini: Path, tmp_path: Path, cache: ContentCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An entry copied in from another user or machine fails the HMAC, header and key intact."""
    elsewhere = ContentCache(tmp_path / "other" / "cache")
    validate(mini, cache=elsewhere)
    validate(mini, cache=cache)
    entry(cache).write_bytes(entry(elsewhere).read_bytes())
    key = cache.key(mini, loader._texts(mini).items())  # type: ignore[union-attr]
    assert cache.load(mini, key) is None
    assert elsewhere.load(mini, key) is not None


def signed(cache: ContentCache, key: bytes, head: bytes, parts: bytes = b"") -> bytes:
    """An entry framed as the cache frames one and signed with the user's own secret."""
    payload = len(head).to_bytes(8, "big") + head + parts
    secret = (cache.folder / "secret").read_bytes()
    mac = hashlib.blake2b(key + payload, digest_size=32, key=secret)
    return MAGIC + key + mac.digest() + payload


def test_a_signed_entry_still_cannot_name_a_function_to_run(
    mini: Path, cache: ContentCache
) -> None:
    """Even a payload signed with the user's own secret resolves only the content classes."""
    validate(mini, cache=cache)
    texts = loader._texts(mini)
    assert texts is not None
    key = cache.key(mini, texts.items())
    marker = mini / "ran"
    entry(cache).write_bytes(signed(cache, key, pickle.dumps(_Planted(str(marker)))))
    assert cache.load(mini, key) is None
    assert not marker.exists()
    assert validate(mini, cache=cache).content is not None


def test_a_signed_part_still_cannot_name_a_function_to_run(mini: Path, cache: ContentCache) -> None:
    """A scenario read on demand goes through the same unpickler as the head."""
    validate(mini, cache=cache)
    texts = loader._texts(mini)
    assert texts is not None
    key = cache.key(mini, texts.items())
    marker = mini / "ran"
    part = pickle.dumps(_Planted(str(marker)))
    table = {"first_call": (0, len(part), hashlib.blake2b(part, digest_size=32).digest())}
    entry(cache).write_bytes(signed(cache, key, pickle.dumps(("head", table)), part))
    found = cache.load(mini, key)
    assert found is not None and found.value == "head"
    with pytest.raises(CacheError, match="'first_call' no longer reads back"):
        found.parts.load("first_call")
    assert not marker.exists()


def test_a_warm_set_builds_a_scenario_only_when_asked(
    mini: Path, cache: ContentCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = validate(mini, cache=cache).content
    assert first is not None
    parsing_refused(monkeypatch)
    again = load_content(mini, cache)
    assert isinstance(again.scenarios, LazyScenarios)
    assert again.summaries == first.summaries
    assert list(again.summaries) == list(first.scenarios)
    summary = again.summaries["first_call"]
    assert (summary.title, summary.stage, summary.exam) == ("A first call", 3, False)
    assert summary.call_type == first.scenario("first_call").call_type
    assert not again.scenarios._built  # the summaries, the ids and `in` build nothing
    assert "first_call" in again.scenarios and "nowhere" not in again.scenarios
    with pytest.raises(KeyError):
        again.scenarios["nowhere"]
    built = again.scenario("first_call")
    assert without_guards(built) == without_guards(first.scenario("first_call"))
    assert again.scenario("first_call") is built  # built once, then kept


def test_a_part_changed_after_the_check_is_refused_not_trusted(
    mini: Path, cache: ContentCache
) -> None:
    """The entry is checked whole when it is opened; a scenario changed in place later (the
    cache itself only ever replaces entries) no longer matches its hash and is not unpickled."""
    validate(mini, cache=cache)
    content = load_content(mini, cache)
    path = entry(cache)
    data = bytearray(path.read_bytes())
    data[-5] ^= 0xFF  # inside the last part
    with path.open("r+b") as file:  # in place: the open entry sees it
        file.write(data)
    last = list(content.scenarios)[-1]
    with pytest.raises(CacheError, match="start again, or use --no-cache"):
        content.scenario(last)


class _Planted:
    def __init__(self, path: str) -> None:
        self.path = path

    def __reduce__(self) -> tuple[object, tuple[str, ...]]:
        return (os.mkdir, (self.path,))


def test_another_version_of_trainer_does_not_read_the_entry(
    mini: Path, cache: ContentCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    validate(mini, cache=cache)
    texts = loader._texts(mini)
    assert texts is not None
    before = cache.key(mini, texts.items())
    monkeypatch.setattr(trainer, "__version__", "99.0")
    after = cache.key(mini, texts.items())
    assert after != before
    assert cache.load(mini, after) is None
    cache_module._package_digest.cache_clear()
    monkeypatch.setattr(cache_module, "_package_digest", lambda: "another parser")
    monkeypatch.setattr(trainer, "__version__", trainer.__version__)
    assert cache.key(mini, texts.items()) != before


def test_the_cache_is_private_to_the_user(mini: Path, cache: ContentCache) -> None:
    validate(mini, cache=cache)
    assert stat.S_IMODE(cache.folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(entry(cache).stat().st_mode) == 0o600
    assert stat.S_IMODE((cache.folder / "secret").stat().st_mode) == 0o600


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
@pytest.mark.parametrize("which", ["folder", "entry", "secret"])
def test_a_cache_others_can_write_or_read_is_not_used(
    mini: Path, cache: ContentCache, monkeypatch: pytest.MonkeyPatch, which: str
) -> None:
    validate(mini, cache=cache)
    texts = loader._texts(mini)
    assert texts is not None
    key = cache.key(mini, texts.items())
    target = {"folder": cache.folder, "entry": entry(cache), "secret": cache.folder / "secret"}
    opened = 0o777 if which == "folder" else 0o644
    target[which].chmod(opened)
    assert cache.load(mini, key) is None
    assert validate(mini, cache=cache).content is not None  # checked afresh, never trusted


def test_a_cache_that_cannot_be_written_is_skipped(mini: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    assert validate(mini, cache=ContentCache(blocked / "cache")).content is not None
