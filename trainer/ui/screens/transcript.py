"""A stored attempt read back, turn by turn, with the coach's and mentors' notes; read-only.

It shows what was said, and for a practice call how typed words were heard; never the replies
that were on offer: an exam's review keeps its key.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Static

from trainer.content.content_set import ContentSet
from trainer.engine.turns import Mode, Speaker
from trainer.services import records
from trainer.ui.widgets.conversation import Conversation
from trainer.ui.wording import EXAM_NOTES_WITHHELD, attempt_result, changed_text


class TranscriptScreen(Screen[None]):
    """The transcript of one of the signed-in trainee's attempts."""

    CSS_PATH = "transcript.tcss"
    AUTO_FOCUS = "#transcript"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("f1", "app.keys", "Keys"),
    ]

    def __init__(
        self,
        content: ContentSet,
        review: records.Review,
        *,
        heard: Mapping[int, str] | None = None,
    ) -> None:
        """`heard` says, by turn index, how the typed words of a practice call were heard."""
        super().__init__()
        self.content = content
        self.review = review
        self.heard = dict(heard or {})

    def compose(self) -> ComposeResult:
        attempt = self.review.attempt
        scenario = self.content.scenarios.get(attempt.content_id)
        title = scenario.title if scenario else attempt.content_id
        when = attempt.started_at.strftime("%d %b %H:%M")
        yield Static(
            Text.assemble(
                ("Transcript", "bold"),
                f"  {title} · {attempt.mode} · {when} · ",
                attempt_result(attempt, scenario.success if scenario else ()),
            ),
            id="transcript-title",
        )
        yield Conversation(id="transcript")
        yield Footer()

    def on_mount(self) -> None:
        conversation = self.query_one("#transcript", Conversation)
        mentor = self.review.mentor
        if mentor.changed_by is not None:
            conversation.add_event(changed_text(mentor))
        for note in mentor.notes_on(None):
            conversation.add_mentor_note(note.mentor, note.text)
        # An exam's coach notes say which reply was right: a retake would be a memory test.
        exam = self.review.attempt.mode is Mode.EXAM
        if exam and self.review.turns:
            conversation.add_event(EXAM_NOTES_WITHHELD)
        for turn in self.review.turns:
            heard = self.heard.get(turn.index)
            if heard is not None and not exam:
                conversation.add_turn(turn)
                conversation.add_note(heard[:1].upper() + heard[1:])
                if turn.note:
                    conversation.add_note(turn.note)
            else:
                conversation.add_turn(turn, with_note=turn.speaker is Speaker.TRAINEE and not exam)
            for note in mentor.notes_on(turn.index):
                conversation.add_mentor_note(note.mentor, note.text)
        if not self.review.turns:
            conversation.add_event("Nothing was said in this attempt.")
        conversation.scroll_home(animate=False)

    def action_back(self) -> None:
        self.dismiss()
