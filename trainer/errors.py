"""The errors trainer raises, each with a message written for the person using the tool."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class TrainerError(Exception):
    """Base of every error a user may see; `str(error)` is the message to show them."""


@dataclass(frozen=True, slots=True)
class Location:
    """Where something sits in a content file: 1-based line and column, when known."""

    path: Path
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        if self.line is None:
            return str(self.path)
        if self.column is None:
            return f"{self.path}:{self.line}"
        return f"{self.path}:{self.line}:{self.column}"

    def shifted(self, columns: int) -> Location:
        """The location `columns` characters further along the same line."""
        if self.column is None:
            return self
        return Location(self.path, self.line, self.column + columns)


class ContentError(TrainerError):
    """A problem in a content file, printed as `path:line:col: message`."""

    def __init__(self, location: Location, message: str) -> None:
        super().__init__(f"{location}: {message}")
        self.location = location
        self.message = message


class DialogueError(TrainerError):
    """A move that the conversation does not allow (an unknown reply, a call that has ended)."""


class StoreError(TrainerError):
    """The database cannot be used: locked, read-only, damaged or from a newer trainer."""
