"""Names that import on first use: a route's handler, a screen's class (`module:name` paths)."""

from __future__ import annotations

import importlib
import sys
from typing import Any, Generic, TypeVar

from textual.screen import Screen

S = TypeVar("S", bound=Screen[Any])


def resolve(path: str) -> Any:
    """The object a `module:name` path names, importing its module if it is not yet."""
    module, _, name = path.partition(":")
    return getattr(importlib.import_module(module), name)


class Lazy(Generic[S]):
    """A screen class named by its `module:Class` path, imported when that screen first opens."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.module = path.partition(":")[0]

    def load(self) -> type[S]:
        """The screen class, importing its module on first use."""
        loaded: type[S] = resolve(self.path)
        return loaded

    def shows(self, screen: Screen[Any]) -> bool:
        """Whether `screen` is one of these; never imports (no instance exists before that)."""
        return self.module in sys.modules and isinstance(screen, self.load())
