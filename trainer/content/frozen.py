"""Read-only mappings for the frozen models: content cannot be changed through a dict it holds."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

# Most replies set and change nothing: one shared empty mapping serves them all.
_EMPTY: Mapping = MappingProxyType({})  # type: ignore[type-arg]


def frozen_map(items: dict | None = None) -> Mapping:  # type: ignore[type-arg]
    return MappingProxyType(dict(items)) if items else _EMPTY
