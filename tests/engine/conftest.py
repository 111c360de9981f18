"""Fixtures of the engine's tests: the bundled content, read once for the whole run."""

from __future__ import annotations

import pytest

from trainer.content.content_set import ContentSet
from trainer.content.loader import load_content
from trainer.content.paths import bundled_content_dir


@pytest.fixture(scope="session")
def bundled() -> ContentSet:
    """The bundled content set (frozen: no test can change it for another)."""
    return load_content(bundled_content_dir())
