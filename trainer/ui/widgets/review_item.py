"""One answered quiz question in the review: the answer, the right one, why, and where to read."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Static

from trainer.content.quiz.model import Source
from trainer.services.quizzes import ReviewedItem
from trainer.text import visible


def review_text(item: ReviewedItem) -> Table:
    """The item as plain text (never read as markup), its lines indented under the question."""
    if item.correct:
        mark = Text("✓", "bold green")
    elif item.partial:
        mark = Text("◐", "bold yellow")
    else:
        mark = Text("✗", "bold red")
    body = Text()
    body.append(" ".join(item.question.split()), "bold")
    body.append("\nYour answer: ", "dim")
    body.append(visible(item.answer_text, multiline=False))
    points = f"{item.points:g} of {item.max_points:g} point{'s' * (item.max_points != 1)}"
    body.append(f"  ({points})", "dim")
    if not item.correct and item.expected:
        body.append("\nThe answer: ", "dim")
        body.append(item.expected, "bold")
    if item.explanation:
        body.append("\n")
        body.append(" ".join(item.explanation.split()), "italic")
    if item.sources:
        body.append("\nWhere: ", "dim")
        body.append("; ".join(source.label for source in item.sources))
        body.append(
            "  (Enter opens the first)" if len(item.sources) > 1 else "  (Enter opens it)", "dim"
        )
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(Text.assemble(mark, " ", (f"{item.number}.", "bold")), body)
    return grid


class ReviewItem(Static, can_focus=True):
    """A focusable review line; Enter asks to open the first place its answer lives."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open_source", "Read the source"),
        Binding("down", "app.focus_next", "Next", show=False),
        Binding("up", "app.focus_previous", "Previous", show=False),
    ]

    class Opened(Message):
        """Sent when the trainee asks to read where the answer lives."""

        def __init__(self, source: Source) -> None:
            super().__init__()
            self.source = source

    def __init__(self, item: ReviewedItem, *, classes: str = "") -> None:
        super().__init__(review_text(item), classes=classes)
        self.item = item

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_source":
            return bool(self.item.sources)
        return True

    def action_open_source(self) -> None:
        if self.item.sources:
            self.post_message(self.Opened(self.item.sources[0]))
