"""The conversation as it happens: client and trainee lines apart, coach notes, a typing pause."""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from trainer.engine.turns import Speaker, Turn
from trainer.text import visible

_SPEAKER_CLASSES = {
    Speaker.CLIENT: "client-line",
    Speaker.TRAINEE: "trainee-line",
    Speaker.SYSTEM: "system-line",
}


def turn_text(turn: Turn) -> Text:
    """A turn as plain text: the speaker's name (and whether a hint came first) over their words,
    never read as markup."""
    if turn.speaker is Speaker.SYSTEM:
        return Text(visible(turn.text))
    text = Text.assemble((visible(turn.name, multiline=False), "bold"))
    if turn.hint_used:
        text.append(" · after a hint", "dim")
    return Text.assemble(text, "\n", visible(turn.text))


class Conversation(VerticalScroll):
    """A scrolling transcript; the screen adds turns, notes and the typing pause to it."""

    DEFAULT_CSS = """
    Conversation {
        height: 1fr;
        padding: 0 1;
        scrollbar-size-vertical: 1;
    }
    Conversation > .client-line {
        margin: 1 8 0 0;
        padding: 0 1;
        border-left: outer $secondary;
        background: $secondary 10%;
    }
    Conversation > .trainee-line {
        margin: 1 0 0 8;
        padding: 0 1;
        border-right: outer $primary;
        background: $primary 10%;
    }
    Conversation > .system-line {
        margin: 1 4 0 4;
        color: $text-muted;
        text-align: center;
    }
    Conversation > .coach-line {
        margin: 0 0 0 8;
        padding: 0 1;
        color: $text-success;
        text-style: italic;
    }
    Conversation > .hint-line {
        margin: 1 4 0 4;
        padding: 0 1;
        color: $text-warning;
        border-left: outer $warning;
    }
    Conversation > .mentor-line {
        margin: 1 2 0 2;
        padding: 0 1;
        border-left: outer $accent;
        background: $accent 10%;
    }
    Conversation > .typing-line {
        margin: 1 8 0 0;
        padding: 0 1;
        color: $text-muted;
        text-style: italic;
    }
    """

    def add_turn(self, turn: Turn, *, with_note: bool = False) -> None:
        """Show one turn, and the coach's note on it when `with_note` is set."""
        self.mount(Static(turn_text(turn), classes=_SPEAKER_CLASSES[turn.speaker]))
        if with_note and turn.note:
            self.add_note(turn.note)
        self.scroll_end(animate=False)

    def add_note(self, note: str) -> None:
        """Show a coach note under the last line."""
        self.mount(Static(Text.assemble(("Coach: ", "bold"), visible(note)), classes="coach-line"))
        self.scroll_end(animate=False)

    def add_hint(self, hint: str) -> None:
        """Show a hint the trainee asked for."""
        self.mount(Static(Text.assemble(("Hint: ", "bold"), visible(hint)), classes="hint-line"))
        self.scroll_end(animate=False)

    def add_mentor_note(self, mentor: str, text: str) -> None:
        """Show a mentor's comment (on the line above, or on the whole call).

        Stored before text was sanitised, a note may hold an escape sequence: shown, not run.
        """
        signed = f"Mentor {visible(mentor, multiline=False)}: "
        self.mount(Static(Text.assemble((signed, "bold"), visible(text)), classes="mentor-line"))
        self.scroll_end(animate=False)

    def add_event(self, text: str) -> None:
        """Show a line about the call itself (it ended, the outcome), centred and muted."""
        self.mount(Static(Text(visible(text)), classes="system-line"))
        self.scroll_end(animate=False)

    def show_typing(self, name: str) -> None:
        """Show that the client is about to speak."""
        self.hide_typing()
        self.mount(Static(Text(f"{name} is typing…"), classes="typing-line"))
        self.scroll_end(animate=False)

    def hide_typing(self) -> None:
        """Remove the typing line, if shown."""
        self.query(".typing-line").remove()
