"""What checking content finds: a located Problem, its Severity, and the first error to raise.

Kept apart from the parse context (`context`, which needs PyYAML) because a content set read
back from the content cache carries its warnings as Problems and is used with no parser loaded.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum

from trainer.errors import ContentError, Location, TrainerError


class Severity(Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the content, located as precisely as the check allows."""

    location: Location
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        prefix = "warning: " if self.severity is Severity.WARNING else ""
        return f"{self.location}: {prefix}{self.message}"

    def as_error(self) -> ContentError:
        return ContentError(self.location, self.message)


def first_error(errors: Sequence[Problem]) -> TrainerError:
    """The first of a content set's errors, to raise where the content cannot be used; it says
    how many more there are, since only `trainer validate` lists them all."""
    if not errors:
        return TrainerError("no content")
    first, more = errors[0], len(errors) - 1
    if not more:
        return first.as_error()
    return ContentError(
        first.location, f"{first.message} (and {more} more: trainer validate lists them all)"
    )


Progress = Callable[[int, int], None]  # (steps done, steps in all)
