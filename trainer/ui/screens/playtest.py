"""The playtest screen: the call with its machinery showing, for the trainer who writes it.

Typing always goes to the box at the bottom: the trainer's commands sit behind Ctrl keys (and in
the command palette, Ctrl+P), so no letter of a sentence fires one. A digit pressed in the empty
box picks the reply shown with that number, which is the reply's number in the file.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, RichLog, Static
from textual.widgets.option_list import Option

from trainer.content.content_set import ContentSet
from trainer.content.drawing import reply_label
from trainer.content.scenario.model import ANSWERED_PREFIX, Scenario
from trainer.engine.session import Session
from trainer.engine.turns import Speaker, Turn
from trainer.errors import DialogueError, TrainerError
from trainer.services.playtest import Draft, Move, apply, describe, replay, shown_numbers
from trainer.ui.modals.playtest import JumpModal, PersonaModal, Setting, SetValueModal

DIGITS = "0123456789"


class SayBox(Input):
    """The trainee's words; a digit pressed while it is empty is a reply's number instead."""

    class NumberPressed(Message):
        """Sent when a digit is pressed alone in the empty box."""

        def __init__(self, number: int) -> None:
            super().__init__()
            self.number = number

    def __init__(self, *, placeholder: str, id: str) -> None:
        super().__init__(placeholder=placeholder, id=id)
        self._waiting: str | None = None  # a digit pressed, not yet known to be alone

    async def _on_key(self, event: events.Key) -> None:
        character = event.character
        if event.is_printable and character is not None:
            if self._waiting is not None:  # a burst (an unmarked paste): all of it is words
                self.insert_text_at_cursor(self._waiting)
                self._waiting = None
            elif character in DIGITS and not self.value:
                event.stop()
                event.prevent_default()
                self._waiting = character
                # Runs after the keys already queued: only then is the digit known to be alone.
                self.call_later(self._pressed_alone)
                return
        await super()._on_key(event)

    def _pressed_alone(self) -> None:
        if self._waiting is not None:
            digit, self._waiting = self._waiting, None
            self.post_message(self.NumberPressed(int(digit)))


class PlaytestScreen(Screen[None]):
    """The scenario being written, playable, with node ids, meters and variables in view."""

    CSS_PATH = "playtest.tcss"
    AUTO_FOCUS = "#playtest-say"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+g", "jump", "Jump to node"),
        Binding("ctrl+t", "set_value", "Set value"),
        Binding("ctrl+z", "undo", "Undo"),
        Binding("ctrl+o", "persona", "Client"),
        Binding("ctrl+r", "reload", "Reload"),
        Binding("ctrl+q", "app.quit", "Quit"),
    ]

    def __init__(self, draft: Draft, *, seed: int, poll_seconds: float) -> None:
        super().__init__()
        self.draft = draft
        self.seed = seed
        self.poll_seconds = poll_seconds
        self.moves: list[Move] = []
        self.persona: str | None = None  # None: the scenario's first
        self.content: ContentSet | None = None
        self.scenario: Scenario | None = None
        self.session: Session | None = None
        self._mtime = 0.0

    def compose(self) -> ComposeResult:
        yield Static(id="playtest-header")
        with Horizontal(id="playtest-body"):
            log = RichLog(id="playtest-log", wrap=True, markup=False, min_width=20)
            log.can_focus = False  # the box keeps the focus: every key is the trainee's words
            yield log
            yield Static(id="playtest-state")
        replies = OptionList(id="playtest-replies")
        replies.can_focus = False  # keys belong to the box; a click still picks
        yield replies
        yield SayBox(placeholder="type the trainee's words, or a reply's number", id="playtest-say")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#playtest-log", RichLog).border_title = str(self.draft.path)
        self.reload()
        self.set_interval(self.poll_seconds, self._check_saved)

    # -- loading and replaying ---------------------------------------------------------------

    def _check_saved(self) -> None:
        if self.draft.mtime() != self._mtime:
            self.reload()

    def reload(self) -> None:
        """Load the file again and replay the moves on it; keep the old one when it is broken."""
        self._mtime = self.draft.mtime()
        try:
            content, scenario = self.draft.load()
        except TrainerError as error:
            self.notify(str(error), title="Not reloaded", severity="error", markup=False, timeout=8)
            return
        first = self.content is None
        self.content, self.scenario = content, scenario
        if self.persona not in scenario.personas:
            self.persona = None
        self._replay()
        if not first:
            self._log_event(f"(file reloaded; {len(self.moves)} moves played again)")

    def _replay(self) -> None:
        assert self.content is not None and self.scenario is not None
        if self.session is not None:
            self.session.close()
        result = replay(self.content, self.scenario, self.moves, self.seed, self.persona)
        self.session = result.session
        if result.problem is not None:  # keep only the moves that still apply: undo stays exact
            self.notify(result.problem, title="A move no longer applies", severity="warning")
            del self.moves[result.applied :]
        log = self.query_one("#playtest-log", RichLog)
        log.clear()
        for turn in result.lines:
            self._write(turn)
        self._show_state()

    # -- showing -------------------------------------------------------------------------------

    def _write(self, turn: Turn) -> None:
        log = self.query_one("#playtest-log", RichLog)
        log.write(_line(turn))
        if turn.speaker is Speaker.TRAINEE and turn.note:
            log.write(Text(f"    coach: {turn.note}", "italic magenta"))

    def _log_event(self, text: str) -> None:
        self.query_one("#playtest-log", RichLog).write(Text(text, "dim italic"))

    def _show_state(self) -> None:
        session = self.session
        assert session is not None and self.scenario is not None
        status = f"ended: {session.outcome.value}" if session.outcome else f"node: {session.state}"
        self.query_one("#playtest-header", Static).update(
            Text.assemble(
                (status, "bold reverse"),
                f"  moves: {len(self.moves)}  client: {session.persona.id}  ",
                (self.scenario.title, "bold"),
                overflow="ellipsis",
                no_wrap=True,
            )
        )
        self.query_one("#playtest-state", Static).update(_state(session))
        replies = self.query_one("#playtest-replies", OptionList)
        replies.clear_options()
        for option in session.options():
            replies.add_option(
                Option(
                    Text(f"{reply_label(option.reply)}\n   {option.text}"),
                    id=str(option.reply.number),
                )
            )
        if replies.option_count:
            replies.highlighted = 0

    # -- moves ---------------------------------------------------------------------------------

    def _move(self, move: Move) -> None:
        assert self.session is not None
        try:
            lines = apply(self.session, move)
        except DialogueError as error:
            self.notify(str(error), severity="warning", markup=False)
            return
        self.moves.append(move)
        for turn in lines:
            self._write(turn)
        self._show_state()

    @on(OptionList.OptionSelected, "#playtest-replies")
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self._move(Move("choose", event.option.id))

    @on(SayBox.NumberPressed)
    def _number(self, event: SayBox.NumberPressed) -> None:
        self._choose_number(event.number)

    def _choose_number(self, number: int) -> None:
        assert self.session is not None
        offered = shown_numbers(self.session)
        if number not in offered:
            shown = ", ".join(str(n) for n in sorted(offered)) or "none (the call has ended)"
            self.notify(f"No reply {number} is on offer here; on offer: {shown}.")
            return
        self._move(Move("choose", str(number)))

    @on(Input.Submitted, "#playtest-say")
    def _said(self, event: Input.Submitted) -> None:
        words = event.value.strip()
        if not words:
            return
        event.input.clear()
        if words.isdigit():  # a number typed and sent is a pick, like its key
            self._choose_number(int(words))
        else:
            self._move(Move("say", event.value))

    def action_jump(self) -> None:
        if self.scenario is not None and self.session is not None:
            self.app.push_screen(JumpModal(self.scenario, self.session.state), self._jumped)

    def _jumped(self, node_id: str | None) -> None:
        if node_id:
            self._move(Move("jump", node_id))

    def action_set_value(self) -> None:
        if self.session is not None:
            names = [meter.value for meter in self.session.meters] + list(self.session.variables)
            self.app.push_screen(SetValueModal(names), self._value_set)

    def _value_set(self, setting: Setting | None) -> None:
        if setting is not None:
            self._move(Move("set", setting[0], setting[1]))

    def action_persona(self) -> None:
        if self.content is None or self.scenario is None or self.session is None:
            return
        personas = [self.content.persona(p) for p in self.scenario.personas]
        self.app.push_screen(PersonaModal(personas, self.session.persona.id), self._persona_set)

    def _persona_set(self, persona: str | None) -> None:
        if persona is not None and self.session is not None and persona != self.session.persona.id:
            self.persona = persona
            self._replay()
            self._log_event(f"(client changed to {persona}; {len(self.moves)} moves played again)")

    def action_undo(self) -> None:
        if not self.moves:
            self.notify("Nothing to undo.")
            return
        undone = self.moves.pop()
        self._replay()
        self._log_event(f"(undone: {describe(undone)})")

    def action_reload(self) -> None:
        self.reload()


def _state(session: Session) -> Text:
    """The side panel: meters and variables, the score so far, the hint, the hidden replies."""
    state = Text()
    environment = session.environment()
    meters = [meter.value for meter in session.meters]
    state.append(" ".join(f"{name} {environment[name]}" for name in meters) + "\n", "bold")
    answered = []
    for name, value in environment.items():
        if name.startswith(ANSWERED_PREFIX):
            if value:  # the objections answered so far; the others are the rest of the list
                answered.append(name.removeprefix(ANSWERED_PREFIX))
        elif name not in ("persona", "client_type", *meters):
            state.append(f"{name}: ", "bold")
            state.append(f"{value}\n")
    state.append("answered: ", "bold")
    state.append(f"{', '.join(answered) or 'none yet'}\n")
    state.append("\nscore so far\n", "bold underline")
    for skill in session.score().skills:
        state.append(f"{skill.skill} ", "bold")
        state.append(f"{skill.earned:g}/{skill.best:g}\n")
    if not session.ended:
        hint = session.node.hint
        state.append("\nhint ", "bold underline")
        state.append(f"{session.render(hint)}\n" if hint else "(none)\n", "" if hint else "dim")
        offered = {option.reply.id for option in session.options()}
        hidden = [reply for reply in session.node.replies if reply.id not in offered]
        if hidden:
            state.append("\nnot on offer now\n", "bold underline")
            for reply in hidden:
                why = f" if {reply.condition.source}" if reply.condition else ""
                state.append(f"{reply.number} {reply.id}{why}\n", "dim")
    return state


def _line(turn: Turn) -> Text:
    if turn.speaker is Speaker.SYSTEM:
        return Text(turn.text, "dim italic")
    node = Text(f"[{turn.node}] ", "dim")
    if turn.speaker is Speaker.CLIENT:
        return Text.assemble(node, (f"{turn.name}: ", "bold cyan"), turn.text)
    details = [reply_id for reply_id in [turn.reply] if reply_id]
    if turn.typed:
        details.append(
            f"typed, {turn.confidence:g}% sure" if turn.reply else "typed, not understood"
        )
    points = " ".join(f"{points:+g} {skill}" for skill, points in turn.points.items())
    line = Text.assemble(node, ("You: ", "bold green"), turn.text)
    if details or points:
        line.append(f"  ({'; '.join(details)}{'; ' if details and points else ''}{points})", "dim")
    return line
