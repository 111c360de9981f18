"""Two attempts of the same scenario side by side, aligned reply by reply."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Static

from trainer.content.content_set import ContentSet
from trainer.errors import StoreError
from trainer.services import accounts, mentor
from trainer.ui import messages
from trainer.ui.screens.mentor_base import MentorScreen
from trainer.ui.widgets.mentor_text import plain, points_text, result_text, when


class MentorCompareScreen(MentorScreen):
    """Step k holds each attempt's k-th reply with the client's lines that led to it."""

    CSS_PATH = "mentor_compare.tcss"
    AUTO_FOCUS = "#compare-steps"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "transcript('a')", "Transcript A"),
        Binding("b", "transcript('b')", "Transcript B"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(
        self,
        content: ContentSet,
        store: mentor.Store,
        card: accounts.MentorCard,
        attempt_a: str,
        attempt_b: str,
    ) -> None:
        super().__init__(content, store, card)
        self.attempt_a = attempt_a
        self.attempt_b = attempt_b
        self.comparison: mentor.Comparison | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="compare-title")
        with Horizontal(id="compare-heads"):
            yield Static("", id="compare-head-a", classes="compare-side")
            yield Static("", id="compare-head-b", classes="compare-side")
        yield VerticalScroll(id="compare-steps")
        yield Footer()

    def on_mount(self) -> None:
        try:
            comparison = self.comparison = mentor.compare(
                self.store, self.attempt_a, self.attempt_b
            )
        except StoreError as error:
            self.notify(str(error), title="Cannot compare", severity="error", markup=False)
            return
        a, b = comparison.a, comparison.b
        scenario = self.content.scenarios.get(a.attempt.content_id)
        title = scenario.title if scenario is not None else a.attempt.content_id
        self.query_one("#compare-title", Static).update(
            Text.assemble(
                ("Compare ", "bold"),
                plain(title),
                (" · green edge: same reply, yellow: different", "dim"),
            )
        )
        self.query_one("#compare-head-a", Static).update(self._head("A", a))
        self.query_one("#compare-head-b", Static).update(self._head("B", b))
        steps = self.query_one("#compare-steps", VerticalScroll)
        rows = []
        for step in comparison.steps:
            ending = step.a is None and step.b is None
            classes = "compare-step"
            if ending:
                classes += " ending"
            elif step.same_reply:
                classes += " same"
            else:
                classes += " differs"
            rows.append(
                Horizontal(
                    Static(self._side(step.a_before, step.a, a), classes="compare-side"),
                    Static(self._side(step.b_before, step.b, b), classes="compare-side"),
                    id=f"step-{step.step}",
                    classes=classes,
                )
            )
        steps.mount_all(rows)

    def _head(self, letter: str, record: mentor.Transcript) -> Text:
        attempt = record.attempt
        return Text.assemble(
            (f"{letter} ", "bold reverse"),
            " ",
            plain(record.trainee_name, "bold"),
            f" · {when(attempt.started_at)}\n",
            result_text(record.result.score, record.result.passed, attempt.outcome),
        )

    def _side(
        self,
        before: tuple[mentor.StoredTurn, ...],
        reply: mentor.StoredTurn | None,
        record: mentor.Transcript,
    ) -> RenderableType:
        lines: list[RenderableType] = []
        for turn in before:
            lines.append(
                Text.assemble(plain(turn.name or turn.speaker, "dim bold"), ": ", plain(turn.text))
            )
        if reply is not None:
            said = Text.assemble((f"{reply.index + 1:>2} ", "dim"), plain(reply.text, "bold"))
            if reply.reply is not None:
                said.append(f"  [{reply.reply}]", "dim")
            lines.append(said)
            if reply.points:
                lines.append(points_text(self.content, reply.points))
        elif not before:
            lines.append(Text("(no such step)", "dim italic"))
        return Group(*lines)

    def action_transcript(self, side: str) -> None:
        attempt_id = self.attempt_a if side == "a" else self.attempt_b
        self.post_message(messages.MentorTranscriptRequested(attempt_id))
