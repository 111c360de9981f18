"""The playtest screen: the call with its machinery showing, for the trainer who writes it."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Input, OptionList, RichLog, Static
from textual.widgets.option_list import Option

from trainer.content.content_set import ContentSet
from trainer.content.drawing import reply_label
from trainer.content.scenario.model import Scenario
from trainer.engine.session import Session
from trainer.engine.turns import Speaker, Turn
from trainer.errors import DialogueError, TrainerError
from trainer.services.playtest import Draft, Move, apply, replay


class JumpModal(ModalScreen[str | None]):
    """Pick the node to jump to."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss_none", "Cancel")]

    def __init__(self, scenario: Scenario, current: str) -> None:
        super().__init__()
        self.scenario = scenario
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="jump-box"):
            yield Static("Jump to which node?", id="jump-title")
            options = [
                Option(
                    Text.assemble(
                        (node_id, "bold" if node_id == self.current else ""),
                        (f"  {node.ending.outcome.value}" if node.ending else "", "dim"),
                    ),
                    id=node_id,
                )
                for node_id, node in self.scenario.nodes.items()
            ]
            yield OptionList(*options, id="jump-nodes")

    @on(OptionList.OptionSelected, "#jump-nodes")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


class SetValueModal(ModalScreen[tuple[str, int | float | bool | str] | None]):
    """Set a meter or a variable: `trust = 70`, `offered_discount = true`."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss_none", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(id="set-box"):
            yield Static("Set a meter or variable, e.g. trust = 70 or asked = true", id="set-title")
            yield Input(placeholder="name = value", id="set-input")

    @on(Input.Submitted, "#set-input")
    def _submitted(self, event: Input.Submitted) -> None:
        name, equals, raw = event.value.partition("=")
        if not equals or not name.strip():
            self.notify("Write it as name = value", severity="warning")
            return
        self.dismiss((name.strip(), _value(raw.strip())))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


def _value(raw: str) -> int | float | bool | str:
    lowered = raw.lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    for kind in (int, float):
        try:
            return kind(raw)
        except ValueError:
            pass
    return raw.strip("'\"")


class PlaytestScreen(Screen[None]):
    """The scenario being written, playable, with node ids, meters and variables in view."""

    CSS_PATH = "playtest.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "jump", "Jump to node"),
        Binding("v", "set_value", "Set value"),
        Binding("u", "undo", "Undo"),
        Binding("r", "reload", "Reload"),
        Binding("ctrl+q", "app.quit", "Quit"),
    ]

    def __init__(self, draft: Draft, *, seed: int, poll_seconds: float) -> None:
        super().__init__()
        self.draft = draft
        self.seed = seed
        self.poll_seconds = poll_seconds
        self.moves: list[Move] = []
        self.content: ContentSet | None = None
        self.scenario: Scenario | None = None
        self.session: Session | None = None
        self._mtime = 0.0

    def compose(self) -> ComposeResult:
        yield Static(id="playtest-header")
        with Horizontal(id="playtest-body"):
            yield RichLog(id="playtest-log", wrap=True, markup=False, min_width=20)
            yield Static(id="playtest-state")
        yield OptionList(id="playtest-replies")
        yield Input(placeholder="…or type the trainee's words", id="playtest-say")
        yield Footer()

    def on_mount(self) -> None:
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
        self.content, self.scenario = content, scenario
        self._replay()

    def _replay(self) -> None:
        assert self.content is not None and self.scenario is not None
        if self.session is not None:
            self.session.close()
        self.session, applied, problem = replay(self.content, self.scenario, self.moves, self.seed)
        if problem is not None:  # keep only the moves that still apply, so undo stays meaningful
            self.notify(problem, title="A move no longer applies", severity="warning", markup=False)
            del self.moves[applied:]
        self._show_all()

    # -- showing -------------------------------------------------------------------------------

    def _show_all(self) -> None:
        log = self.query_one("#playtest-log", RichLog)
        log.clear()
        assert self.session is not None
        for turn in self.session.turns:
            log.write(_line(turn))
        self._show_state()

    def _show_state(self) -> None:
        session = self.session
        assert session is not None and self.scenario is not None
        status = f"ended: {session.outcome.value}" if session.outcome else f"node: {session.state}"
        self.query_one("#playtest-header", Static).update(
            Text.assemble(
                (self.scenario.title, "bold"),
                "  ",
                (str(self.draft.path), "dim"),
                "  ",
                (status, "bold reverse"),
                f"  moves: {len(self.moves)}",
            )
        )
        state = Text()
        for name, value in session.environment().items():
            if name not in ("persona", "client_type"):
                state.append(f"{name:<16}", "bold")
                state.append(f"{value}\n")
        state.append("\nscore so far\n", "bold")
        score = session.score()
        for skill in score.skills:
            state.append(f"{skill.skill[:16]:<16} {skill.earned:g}/{skill.best:g}\n")
        self.query_one("#playtest-state", Static).update(state)
        replies = self.query_one("#playtest-replies", OptionList)
        replies.clear_options()
        for option in session.options():
            replies.add_option(
                Option(Text(f"{reply_label(option.reply)}\n   {option.text}"), id=option.reply.id)
            )
        if session.options():
            replies.highlighted = 0

    # -- moves ---------------------------------------------------------------------------------

    def _move(self, move: Move) -> None:
        assert self.session is not None
        try:
            turns = apply(self.session, move)
        except DialogueError as error:
            self.notify(str(error), severity="warning", markup=False)
            return
        self.moves.append(move)
        log = self.query_one("#playtest-log", RichLog)
        for turn in turns:
            log.write(_line(turn))
        self._show_state()

    @on(OptionList.OptionSelected, "#playtest-replies")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self._move(Move("choose", event.option.id))

    def on_key(self, event: events.Key) -> None:
        """1-9 pick the reply with that number, wherever the focus is but the text box."""
        if self.session is None or self.query_one("#playtest-say", Input).has_focus:
            return
        options = self.session.options()
        if (
            event.character
            and event.character in "123456789"
            and int(event.character) <= len(options)
        ):
            event.stop()
            self._move(Move("choose", options[int(event.character) - 1].reply.id))

    @on(Input.Submitted, "#playtest-say")
    def _said(self, event: Input.Submitted) -> None:
        if event.value.strip():
            event.input.clear()
            self._move(Move("say", event.value))

    def action_jump(self) -> None:
        if self.scenario is not None and self.session is not None:
            self.app.push_screen(JumpModal(self.scenario, self.session.state), self._jumped)

    def _jumped(self, node_id: str | None) -> None:
        if node_id:
            self._move(Move("jump", node_id))

    def action_set_value(self) -> None:
        self.app.push_screen(SetValueModal(), self._value_set)

    def _value_set(self, setting: tuple[str, int | float | bool | str] | None) -> None:
        if setting is not None:
            self._move(Move("set", setting[0], setting[1]))

    def action_undo(self) -> None:
        if not self.moves:
            self.notify("Nothing to undo.")
            return
        self.moves.pop()
        self._replay()

    def action_reload(self) -> None:
        self.reload()


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
