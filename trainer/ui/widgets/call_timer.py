"""How long the call (or quiz) has run, as mm:ss, read from an injectable clock tests can freeze."""

from __future__ import annotations

from collections.abc import Callable

from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import Static


def format_elapsed(seconds: float) -> str:
    """`seconds` as m:ss (or h:mm:ss past an hour)."""
    whole = max(0, int(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes:02}:{secs:02}"


class CallTimer(Static):
    """Ticks once a second from `start()` until `stop()`."""

    elapsed: reactive[float] = reactive(0.0)

    def __init__(
        self, clock: Callable[[], float], *, label: str = "Call", id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self._clock = clock
        self._label = label
        self._started: float | None = None
        self._ticker: Timer | None = None

    def start(self, already: float = 0.0) -> None:
        """Start counting from now, from `already` seconds (a call picked up where it stopped)."""
        self._started = self._clock() - already
        self._tick()
        self._ticker = self.set_interval(1.0, self._tick)

    def stop(self) -> None:
        """Freeze the time shown."""
        self._tick()
        if self._ticker is not None:
            self._ticker.stop()
            self._ticker = None

    def _tick(self) -> None:
        if self._started is not None:
            self.elapsed = self._clock() - self._started

    def render(self) -> str:
        return f"{self._label} {format_elapsed(self.elapsed)}"
