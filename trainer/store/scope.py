"""Which attempts a mentor's figures read: a date range and a cohort."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime


@dataclass(frozen=True, slots=True)
class Scope:
    """Which attempts the analytics read: started in [since, until), by trainees of a cohort.

    The bounds are aware datetimes; None leaves that side open. Attempts are compared by the
    time they started, as stored (UTC text, whose order is time order).
    """

    since: datetime | None = None
    until: datetime | None = None
    cohort: str | None = None

    @property
    def everything(self) -> bool:
        return self.since is None and self.until is None and self.cohort is None

    def sql(self, table: str = "attempts") -> tuple[str, tuple[object, ...]]:
        """A condition to AND into a WHERE over `table` (an attempts alias), and its values."""
        parts: list[str] = []
        values: list[object] = []
        if self.since is not None:
            parts.append(f"{table}.started_at >= ?")
            values.append(_stored(self.since))
        if self.until is not None:
            parts.append(f"{table}.started_at < ?")
            values.append(_stored(self.until))
        if self.cohort is not None:
            parts.append(
                f"{table}.trainee_id IN "
                "(SELECT trainee_id FROM cohorts WHERE cohort = ? COLLATE NOCASE)"
            )
            values.append(self.cohort)
        return "".join(f" AND {part}" for part in parts), tuple(values)


EVERYTHING = Scope()


def _stored(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("analytics bounds must be aware datetimes")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")
