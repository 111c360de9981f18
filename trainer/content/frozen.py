"""Read-only mappings for the frozen models: content cannot be changed through a dict it holds."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType


def frozen_map(items: dict | None = None) -> Mapping:  # type: ignore[type-arg]
    return MappingProxyType(dict(items or {}))
