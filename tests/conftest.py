"""Shared fixtures: small content sets written to real files in a temporary folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

MINI = Path(__file__).parent / "fixtures" / "mini"
REPO = Path(__file__).parent.parent


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A copy of the small fixture content set that a test may edit."""
    root = tmp_path / "content"
    shutil.copytree(MINI, root)
    return root


@pytest.fixture(scope="session")
def _data_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("data-home")


@pytest.fixture(autouse=True)
def _private_data_folder(_data_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The content cache and any default database of the tests in a folder of their own,
    never the user's (the commands run in subprocesses inherit it)."""
    monkeypatch.setenv("XDG_DATA_HOME", str(_data_home))
