"""The client's live meters (patience, trust, interest) as small bars, for practice calls."""

from __future__ import annotations

from collections.abc import Mapping

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, ProgressBar

from trainer.content.persona import METER_MAX, Meter

LOW = 25  # at or below this a meter is shown as a warning


class Meters(Horizontal):
    """One labelled bar per meter; the screen calls `show` with the values after each turn."""

    def compose(self) -> ComposeResult:
        for meter in Meter:
            yield Label(meter.value.capitalize(), classes="meter-label")
            yield ProgressBar(total=METER_MAX, show_eta=False, id=f"meter-{meter.value}")

    def show(self, values: Mapping[str, int]) -> None:
        """Set each bar to its meter's value (0..100)."""
        for meter in Meter:
            value = values.get(meter.value)
            if value is None:
                continue
            bar = self.query_one(f"#meter-{meter.value}", ProgressBar)
            bar.update(progress=value)
            bar.set_class(value <= LOW, "low")
