"""The call: the conversation as it happens, the replies on offer, and every turn stored at once."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Button, Footer, Input, Static

from trainer.content.content_set import ContentSet
from trainer.content.persona import Persona
from trainer.content.scenario.model import Scenario
from trainer.engine import matching
from trainer.engine.session import Option, Session
from trainer.engine.turns import Mode, Speaker, Turn
from trainer.errors import DialogueError, StoreError
from trainer.services import accounts
from trainer.services.calls import RecordedCall, reshuffled
from trainer.services.replay import coach_heard_as
from trainer.ui.messages import CallAbandoned, CallFinished, CallResult
from trainer.ui.modals.hang_up import HangUpModal, quit_call_question
from trainer.ui.widgets.call_timer import CallTimer
from trainer.ui.widgets.conversation import Conversation
from trainer.ui.widgets.meters import Meters
from trainer.ui.widgets.reply_box import ReplyBox, one_line
from trainer.ui.widgets.reply_list import ReplyList
from trainer.ui.wording import outcome_words

# A number typed alone in the reply box is a pick, like its key on the list.
_LONE_NUMBER = re.compile(r"\s*([0-9]+)\s*")


class CallScreen(Screen[None]):
    """One call against one persona; the attempt is opened on mount and closed at the end.

    Every printable key is the trainee's words or a reply's number: the hint is on F2 (or
    Ctrl+G where F2 is taken), keys no one types in a sentence, and Esc always asks to hang up.
    """

    CSS_PATH = "call.tcss"
    AUTO_FOCUS = "#replies"
    # How long after the hang-up dialog closes a y or n is taken as meant for the dialog.
    DIALOG_ECHO_SECONDS = 1.0
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f2", "hint", "Hint"),
        Binding("ctrl+g", "hint", "Hint", show=False),
        Binding("escape", "hang_up", "Hang up"),
        # From the reply list or the box alike: reading back never costs the trainee focus.
        Binding(
            "pageup", "scroll_conversation(-1)", "Scroll", key_display="PgUp/PgDn", priority=True
        ),
        Binding("pagedown", "scroll_conversation(1)", "Scroll down", show=False, priority=True),
        Binding("enter", "see_scorecard", "Scorecard"),
        Binding("y,n", "dialog_echo", show=False, priority=True),
        Binding("f1", "app.keys", "Keys"),
    ]

    def __init__(
        self,
        content: ContentSet,
        store: accounts.Store | None,
        trainee: accounts.TraineeCard,
        scenario: Scenario,
        persona: Persona,
        mode: Mode,
        seed: int,
        *,
        typing_delay: float,
        clock: Callable[[], float],
        exam_attempts: int | None = None,
        exam_pool: tuple[str, ...] | None = None,
        attempt: int = 1,
        attempts_left: int | None = None,
        preview: bool = False,
        resume: str | None = None,
    ) -> None:
        """With `resume`, the id of a practice call left unfinished: that call goes on."""
        super().__init__()
        self.preview = preview  # a trainer's preview: nothing is recorded (store is None)
        self.resume = resume
        self.content = content
        self.exam_attempts = exam_attempts  # the programme's exam: attempts counted by the store
        self.exam_pool = exam_pool  # the variants this attempt was drawn from
        self.attempt = attempt  # the exam's attempt number and what remains, by the records
        self.attempts_left = attempts_left
        self.store = store
        self.trainee = trainee
        self.scenario = scenario
        self.persona = persona
        self.mode = mode
        self.seed = seed
        self.typing_delay = typing_delay
        self.clock = clock
        self.session: Session | None = None
        self.call: RecordedCall | None = None  # the session and its attempt in the store
        self._offered: list[Option] = []
        self._offered_at: dict[int, list[Option]] = {}  # before each trainee turn, by its index
        self._pending: Timer | None = None
        self._pending_turns: list[Turn] = []
        self._dialog_closed_at: float | None = None  # time.monotonic(), not the call's clock
        self._asking_to_quit = False

    @property
    def attempt_id(self) -> str | None:
        """The call's attempt in the store; None until it is opened."""
        return None if self.call is None else self.call.attempt_id

    @property
    def practice(self) -> bool:
        return self.mode is Mode.PRACTICE

    def compose(self) -> ComposeResult:
        with Horizontal(id="call-header"):
            yield Static(
                Text.assemble(
                    (self.persona.name, "bold"),
                    (f", {self.persona.role}, {self.persona.company}", "dim"),
                ),
                id="call-title",
            )
            yield Static(self.mode.value.upper(), id="call-mode", classes=self.mode.value)
            yield CallTimer(self.clock, id="call-timer")
        if self.preview:
            yield Static("Preview — nothing is recorded", id="call-preview")
        if self.practice:
            yield Meters(id="meters")
        yield Conversation(id="conversation")
        yield ReplyList(id="replies")
        yield ReplyBox(
            placeholder="…or type your own words and press Enter",
            id="say-input",
            compact=True,
            select_on_focus=False,  # focus comes with the first typed letter: keep it
        )
        yield Button("See your scorecard", variant="primary", id="see-scorecard")
        yield Footer()

    def on_mount(self) -> None:
        self.run_worker(matching.warm_up, thread=True, exclusive=False, group="matching")
        self.query_one("#say-input", ReplyBox).keep = self._keep_draft
        if self.resume is not None:
            self._resume(self.resume)
            return
        session = Session(
            self.content,
            self.scenario,
            self.persona,
            mode=self.mode,
            seed=self.seed,
            attempt=self.attempt,
            attempts_left=self.attempts_left,
            trainee=self.trainee.name,
            clock=self.clock,
        )
        self.session = session
        try:
            if self.preview or self.store is None:
                self.call = RecordedCall.preview(session)
                shuffled = False
            else:
                self.call = RecordedCall.begin(
                    self.store,
                    self.trainee.id,
                    session,
                    exam_attempts=self.exam_attempts,
                    offered=self.exam_pool,
                )
                shuffled = reshuffled(
                    self.store, self.trainee.id, self.scenario, self.call.attempt_id
                )
        except StoreError as error:
            self._store_failed(error)
            return
        if self.practice:
            self.query_one(Meters).show({m.value: v for m, v in session.meters.items()})
        self.query_one(CallTimer).start()
        if shuffled:
            self.query_one(Conversation).add_event(
                "The replies come in a new order each call: read them before you pick a number."
            )
        self._play(list(session.turns))

    def _resume(self, attempt_id: str) -> None:
        """Play the stored call again to where it stopped, show it, and go on from there."""
        if self.store is None:  # a preview records nothing, so has nothing to pick up
            self.post_message(CallAbandoned())
            return
        try:
            call, played = RecordedCall.resume(
                self.store,
                self.trainee.id,
                self.content,
                attempt_id,
                trainee=self.trainee.name,
                clock=self.clock,
            )
        except (StoreError, DialogueError) as error:
            self.notify(
                f"{error}.", title="Cannot pick up that call", severity="warning", markup=False
            )
            self.post_message(CallAbandoned())
            return
        self.call, self.session = call, call.session
        self._offered_at = dict(played.offered)
        if self.practice:
            self.query_one(Meters).show({m.value: v for m, v in call.session.meters.items()})
        for turn in call.session.turns:
            self._show_turn(turn)
        back = "You are back in the call where you left it: the client waits for your reply."
        if call.draft:
            back += " What you had typed and not sent is in the box again."
        self.query_one(Conversation).add_event(back)
        self.query_one(CallTimer).start(call.session.turns[-1].elapsed)
        self._reveal([])
        if call.draft:
            self.query_one("#say-input", ReplyBox).restore(call.draft)

    def on_unmount(self) -> None:
        if self._pending is not None:
            self._pending.stop()
        if self.call is not None and self.call.open:
            try:
                self.call.abandon()
            except StoreError as error:
                self.log.error(f"could not mark attempt {self.call.attempt_id} abandoned: {error}")
        if self.session is not None:
            self.session.close()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        ended = self.session is None or self.session.ended
        if action == "hint":
            return self.practice and not ended
        if action == "hang_up":
            return not ended
        if action == "see_scorecard":
            return ended and self.call is not None and not self.call.open
        if action == "dialog_echo":
            closed = self._dialog_closed_at
            return closed is not None and time.monotonic() - closed < self.DIALOG_ECHO_SECONDS
        return True

    # -- the trainee's moves ----------------------------------------------------------------

    @on(ReplyList.Chosen, "#replies")
    def _choose(self, event: ReplyList.Chosen) -> None:
        if self.session is None or self._pending is not None or self.session.ended:
            return
        self._move(lambda session: session.choose(event.number))

    @on(Input.Submitted, "#say-input")
    def _say(self, event: Input.Submitted) -> None:
        if self.session is None or self._pending is not None or self.session.ended:
            return
        words = event.value
        if not words.strip():
            self.notify("Type what you would say to the client, or pick a numbered reply.")
            return
        replies = self.query_one(ReplyList)
        lone = _LONE_NUMBER.fullmatch(words)
        if lone is not None and not 1 <= int(lone[1]) <= replies.option_count:
            replies.action_choose(int(lone[1]))  # says there is no such reply; the box keeps it
            return
        typed_on = self.query_one("#say-input", ReplyBox).take_sent(words)
        if not typed_on:  # back to the numbered replies, so 1-9 pick again; letters return here
            replies.focus()
        if lone is not None:
            number = int(lone[1])
            self._move(lambda session: session.choose(number))
        else:
            self._move(lambda session: session.say(words))
        self._keep_draft(typed_on)  # what was sent is no longer a draft

    def _keep_draft(self, text: str) -> None:
        """Keep the words typed and not sent with the attempt; a failure costs only the draft."""
        if self.call is not None:
            try:
                self.call.keep_draft(text)
            except StoreError as error:
                self.log.error(f"could not keep the draft of {self.call.attempt_id}: {error}")

    def action_scroll_conversation(self, pages: int) -> None:
        """Scroll the conversation a page back (-1) or on (1), wherever the focus is."""
        conversation = self.query_one(Conversation)
        if pages < 0:
            conversation.scroll_page_up(animate=False)
        else:
            conversation.scroll_page_down(animate=False)

    def action_hint(self) -> None:
        if self.session is not None and self.practice and not self.session.ended:
            self.query_one(Conversation).add_hint(self.session.hint())

    @on(ReplyList.Typed, "#replies")
    def _typed_on_the_list(self, event: ReplyList.Typed) -> None:
        self._type_into_box(event.text)

    @on(ReplyList.Send, "#replies")
    async def _send_typed(self) -> None:
        await self.query_one("#say-input", ReplyBox).action_submit()

    def on_key(self, event: events.Key) -> None:
        """Words typed where no widget takes them (the conversation) go into the reply box."""
        if (
            event.is_printable
            and event.character is not None
            and self._type_into_box(event.character)
        ):
            event.stop()
            event.prevent_default()

    def on_paste(self, event: events.Paste) -> None:
        """A paste lands in the reply box whatever has focus (the box takes its own)."""
        if self._type_into_box(one_line(event.text)):
            event.stop()

    def _type_into_box(self, text: str) -> bool:
        """Move focus to the reply box with `text` in it; False when there is no box now."""
        box = self.query_one("#say-input", ReplyBox)
        if box.disabled or not box.display or (self.session is not None and self.session.ended):
            return False
        box.focus()
        box.add_text(text)
        return True

    def action_hang_up(self) -> None:
        """Ask whether to hang up; whatever is typed in the box stays there if the call goes on."""
        if self.session is None or self.session.ended:
            return
        self.show_pending_turns()
        self.app.push_screen(HangUpModal(), self._hang_up_confirmed)

    def _hang_up_confirmed(self, confirmed: bool | None) -> None:
        self._dialog_closed_at = time.monotonic()
        if confirmed and self.session is not None and not self.session.ended:
            self._move(lambda session: session.hang_up())
            return
        # The box would take a late y or n as words before the screen could see it; the list
        # lets it through, and the next letter returns to the box with its words where they were.
        self.query_one(ReplyList).focus()

    def ask_before_quit(self) -> bool:
        """Ctrl+Q during the call: ask first, and True; False when nothing would be lost.

        A quit leaves the attempt unfinished; in the exam that uses an attempt, so the dialog
        says so. While the question is on screen a second Ctrl+Q is taken as the same slip.
        """
        if self.session is None or self.session.ended or self.call is None or not self.call.open:
            return False
        if self.call.store is None:
            return False  # a preview: nothing is recorded, so nothing is lost
        if self._asking_to_quit:
            return True
        self._asking_to_quit = True
        self.show_pending_turns()
        self.app.push_screen(quit_call_question(self.practice), self._quit_confirmed)
        return True

    def _quit_confirmed(self, confirmed: bool | None) -> None:
        self._asking_to_quit = False
        if confirmed:
            self.app.exit()
            return
        self._dialog_closed_at = time.monotonic()
        self.query_one(ReplyList).focus()

    def action_dialog_echo(self) -> None:
        """A y or n just after the dialog closed was meant for it: never the start of a reply."""
        self._dialog_closed_at = None
        self.notify("The call goes on. Press Esc if you want to hang up.")

    @on(Button.Pressed, "#see-scorecard")
    def action_see_scorecard(self) -> None:
        session = self.session
        if session is None or self.call is None or not session.ended:
            return
        result = CallResult(
            attempt_id=self.call.attempt_id,
            scenario_id=self.scenario.id,
            persona_id=self.persona.id,
            mode=self.mode,
            score=session.score(),
            turns=tuple(session.turns),
            ending_note=session.ending_note,
        )
        self.post_message(CallFinished(result))

    # -- playing the turns out ----------------------------------------------------------------

    def _move(self, move: Callable[[Session], list[Turn]]) -> None:
        """Make a move, store its turns before anything else happens, then show them."""
        assert self.call is not None and self.session is not None
        self._offered_at[len(self.session.turns)] = self._offered
        try:
            turns = self.call.move(move)
        except DialogueError as error:
            self.notify(str(error), severity="warning", markup=False)
            return
        except StoreError as error:
            self._store_failed(error)
            return
        self._play(turns)

    def _play(self, turns: Sequence[Turn]) -> None:
        """Show the trainee's side at once, and the client's after a short typing pause."""
        conversation = self.query_one(Conversation)
        first_client = next(
            (i for i, turn in enumerate(turns) if turn.speaker is Speaker.CLIENT), len(turns)
        )
        for turn in turns[:first_client]:
            self._show_turn(turn)
        rest = list(turns[first_client:])
        if rest and self.typing_delay > 0:
            self.query_one(ReplyList).clear_options()
            conversation.show_typing(rest[0].name)
            self._pending_turns = rest
            self._pending = self.set_timer(self.typing_delay, self.show_pending_turns)
        else:
            self._reveal(rest)

    def show_pending_turns(self) -> None:
        """End the typing pause now: show the turns it holds back, if any."""
        if self._pending is None:
            return
        self._pending.stop()
        self._pending = None
        turns, self._pending_turns = self._pending_turns, []
        self.query_one(Conversation).hide_typing()
        self._reveal(turns)

    def _reveal(self, turns: Sequence[Turn]) -> None:
        for turn in turns:
            self._show_turn(turn)
        assert self.session is not None
        if self.session.ended:
            self._end()
            return
        self._offered = self.session.options()
        self.query_one(ReplyList).show_options(self._offered)

    def _show_turn(self, turn: Turn) -> None:
        conversation = self.query_one(Conversation)
        conversation.add_turn(turn)
        if not self.practice:
            return
        if turn.speaker is Speaker.TRAINEE:
            if turn.typed is not None:
                conversation.add_note(
                    coach_heard_as(
                        turn,
                        self._offered_at.get(turn.index, self._offered),
                        self.scenario.match_threshold,
                    )
                )
            if turn.note:
                conversation.add_note(turn.note)
        self.query_one(Meters).show(turn.meters)

    def _end(self) -> None:
        """The call is over: store the score and offer the scorecard."""
        session = self.session
        assert session is not None and self.call is not None
        self.query_one(CallTimer).stop()
        try:
            self.call.finish()
        except StoreError as error:
            self._store_failed(error)
            return
        outcome = session.outcome.value if session.outcome else None
        ended = outcome_words(outcome, self.scenario.success)
        self.query_one(Conversation).add_event(f"The call has ended: {ended}.")
        self.query_one(ReplyList).display = False
        self.query_one("#say-input", Input).display = False
        button = self.query_one("#see-scorecard", Button)
        button.display = True
        button.focus()
        self.refresh_bindings()

    def _store_failed(self, error: StoreError) -> None:
        self.notify(
            f"{error} The call cannot be recorded, so it stops here.",
            title="Could not save the call",
            severity="error",
            markup=False,
        )
        self.post_message(CallAbandoned())
