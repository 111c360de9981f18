"""One shape for every benchmark's figures, printed as a table or as JSON for run_all.py."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Figure:
    """A measured figure, the floor it is compared with in the same run, and the target."""

    name: str
    value: float
    floor_name: str
    floor: float
    unit: str  # of value and floor: ms, MB, ...
    target: str  # e.g. "<= 1.5x" or "< 100 ms"; "" when there is none

    @property
    def ratio(self) -> float:
        return self.value / self.floor if self.floor else float("inf")

    @property
    def verdict(self) -> str:
        if not self.target:
            return ""
        bound = float(self.target.split()[1].rstrip("x"))
        measured = self.ratio if self.target.endswith("x") else self.value
        return "ok" if measured <= bound else "MISSED"


NAME, FLOOR = 52, 36  # column widths: the longest figure and floor names fit


def table(figures: list[Figure]) -> str:
    lines = [
        f"{'figure':<{NAME}} {'value':>12} {'floor':<{FLOOR}} {'floor':>12} {'ratio':>7}  target",
    ]
    for figure in figures:
        lines.append(
            f"{figure.name:<{NAME}} {figure.value:>8.2f} {figure.unit:<3} "
            f"{figure.floor_name:<{FLOOR}} "
            f"{figure.floor:>8.2f} {figure.unit:<3} {figure.ratio:>6.2f}x  "
            f"{figure.target} {figure.verdict}".rstrip()
        )
    return "\n".join(lines)


JSON_MARK = "FIGURES "


def emit(figures: list[Figure], as_json: bool) -> None:
    """Print the figures: a table for people, or one marked JSON line for run_all.py."""
    if as_json:
        print(JSON_MARK + json.dumps([asdict(figure) for figure in figures]))
    else:
        print(table(figures))


def parse(output: str) -> list[Figure]:
    for line in output.splitlines():
        if line.startswith(JSON_MARK):
            return [Figure(**item) for item in json.loads(line[len(JSON_MARK) :])]
    return []
