"""Shared fixtures: small content sets written to real files in a temporary folder, a real
database file per test, and Textual's CSS parsed once per test process."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet
from textual.css.types import CSSLocation

from trainer.store import database, mentors
from trainer.store.database import Store, open_store

MINI = Path(__file__).parent / "fixtures" / "mini"
REPO = Path(__file__).parent.parent


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A copy of the small fixture content set that a test may edit."""
    root = tmp_path / "content"
    shutil.copytree(MINI, root)
    return root


_COLLECTION_DATA_HOME: Path | None = None


def pytest_configure(config: pytest.Config) -> None:
    """Modules that read the bundled content when they are imported (before any fixture runs)
    keep its cache in a folder of their own too, never the user's."""
    global _COLLECTION_DATA_HOME
    _COLLECTION_DATA_HOME = Path(tempfile.mkdtemp(prefix="trainer-tests-"))
    os.environ["XDG_DATA_HOME"] = str(_COLLECTION_DATA_HOME)


def pytest_unconfigure(config: pytest.Config) -> None:
    if _COLLECTION_DATA_HOME is not None:
        shutil.rmtree(_COLLECTION_DATA_HOME, ignore_errors=True)


@pytest.fixture(scope="session")
def _data_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("data-home")


@pytest.fixture(autouse=True)
def _private_data_folder(_data_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The content cache and any default database of the tests in a folder of their own,
    never the user's (the commands run in subprocesses inherit it)."""
    monkeypatch.setenv("XDG_DATA_HOME", str(_data_home))


@pytest.fixture(autouse=True)
def _no_fsync(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Databases opened in the test process skip the fsync of every commit.

    FULL protects a commit from a power cut, which no test makes; a killed process loses nothing
    either way, since the commit has reached the operating system. The fsync costs ~5 ms a write
    here, most of a store test's time. A test marked `durable` sees the shipped setting, and the
    commands the tests run in subprocesses always do.
    """
    if request.node.get_closest_marker("durable") is None:
        monkeypatch.setattr(database, "SYNCHRONOUS", "OFF")


_PARSED_CSS: dict[tuple[object, ...], list[RuleSet]] = {}


@pytest.fixture(scope="session", autouse=True)
def _css_parsed_once() -> Iterator[None]:
    """Each piece of CSS parsed once per test process, not once per app.

    A Stylesheet keeps what it parsed for itself alone, and starts empty in every app and at every
    screen whose CSS is new to the app (`reparse`): the same rules of every widget, parsed again
    by each of the hundreds of apps the tests start. The parse is a function of the CSS, where it
    was read from and the theme's variables, which is the key here; an error is never kept.
    """
    parse = Stylesheet._parse_rules

    def parse_once(
        self: Stylesheet,
        css: str,
        read_from: CSSLocation,
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> list[RuleSet]:
        key = (css, read_from, is_default_rules, tie_breaker, scope, *self._variables.items())
        rules = _PARSED_CSS.get(key)
        if rules is None:
            rules = parse(self, css, read_from, is_default_rules, tie_breaker, scope)
            _PARSED_CSS[key] = rules
        return rules

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Stylesheet, "_parse_rules", parse_once)
        yield


@pytest.fixture(autouse=True)
def cheap_mentor_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """A mentor's scrypt at a test's cost (the shipped one takes ~0.3 s a sign-in); the stored
    parameters make verification match it. The commands run in subprocesses pay the real cost."""
    monkeypatch.setattr(mentors, "SCRYPT_N", 2**10)


@pytest.fixture(scope="session")
def _migrated_image(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The bytes of a database file `open_store` created and migrated to the latest schema."""
    path = tmp_path_factory.mktemp("migrated") / "trainer.db"
    with open_store(path):
        pass  # closing the last connection folds the write-ahead log into the file
    assert not path.with_name(path.name + "-wal").exists()
    return path.read_bytes()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "trainer.db"


@pytest.fixture
def store(db_path: Path, _migrated_image: bytes) -> Iterator[Store]:
    """The database at `db_path`, open, with the latest schema and nothing in it.

    The file is a copy of one migrated once per session (owner-only, as `open_store` creates
    it): migrating a new file costs more than most tests. `open_store` still checks and opens
    it as it opens any existing database; tests of creating and migrating a file call
    `open_store` on a path of their own.
    """
    descriptor = os.open(db_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, database.PRIVATE_MODE)
    with os.fdopen(descriptor, "wb") as file:
        file.write(_migrated_image)
    with open_store(db_path) as opened:
        yield opened
