"""The questions the playtest asks its trainer: which node to jump to, what to set, which client."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from trainer.content.persona import Persona
from trainer.content.scenario.model import Scenario

Setting = tuple[str, int | float | bool | str]


class JumpModal(ModalScreen[str | None]):
    """Pick the node to jump to; the node the call is at is in bold."""

    CSS_PATH = "playtest.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss_none", "Cancel")]

    def __init__(self, scenario: Scenario, current: str) -> None:
        super().__init__()
        self.scenario = scenario
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="playtest-box"):
            yield Static("Jump to which node?", classes="playtest-title")
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


class PersonaModal(ModalScreen[str | None]):
    """Pick the client the call is played against, from the scenario's personas."""

    CSS_PATH = "playtest.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss_none", "Cancel")]

    def __init__(self, personas: list[Persona], current: str) -> None:
        super().__init__()
        self.personas = personas
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="playtest-box"):
            yield Static("Play against which client?", classes="playtest-title")
            yield OptionList(
                *(
                    Option(
                        Text.assemble(
                            (persona.id, "bold" if persona.id == self.current else ""),
                            (f"  {persona.name}, {persona.client_type.value}", "dim"),
                        ),
                        id=persona.id,
                    )
                    for persona in self.personas
                ),
                id="persona-list",
            )

    @on(OptionList.OptionSelected, "#persona-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


class SetValueModal(ModalScreen[Setting | None]):
    """Set a meter or a variable: `trust = 70`, `offered_discount = true`."""

    CSS_PATH = "playtest.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss_none", "Cancel")]

    def __init__(self, names: list[str]) -> None:
        super().__init__()
        self.names = names

    def compose(self) -> ComposeResult:
        with Vertical(classes="playtest-box"):
            yield Static(
                f"Set a meter or variable, e.g. trust = 70. Names: {', '.join(self.names)}",
                classes="playtest-title",
            )
            yield Input(placeholder="name = value", id="set-input")

    @on(Input.Submitted, "#set-input")
    def _submitted(self, event: Input.Submitted) -> None:
        name, equals, raw = event.value.partition("=")
        if not equals or not name.strip() or not raw.strip():
            self.notify("Write it as name = value", severity="warning")
            return
        self.dismiss((name.strip(), parse_value(raw.strip())))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


def parse_value(raw: str) -> int | float | bool | str:
    """`70` is a number, `true` a flag, anything else (quotes taken off) a text."""
    lowered = raw.lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    for kind in (int, float):
        try:
            return kind(raw)
        except ValueError:
            pass
    return raw.strip("'\"")
