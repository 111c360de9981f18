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
