"""The keys of the screen underneath: every binding it, its widgets and the app answer to."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Label, Static

KeyRow = tuple[str, str]  # the keys as shown ("f2, ^g"), what they do


def screen_keys(app: App[Any], screen: Screen[Any]) -> list[KeyRow]:
    """Every binding with a description that `screen` answers to now: the focused widget's, the
    trainer's own widgets' on the screen, the screen's and the app's; keys for one action join."""
    nodes: list[DOMNode] = []
    focused = screen.focused
    if focused is not None:
        nodes.extend(focused.ancestors_with_self)
    nodes.extend(
        widget for widget in screen.walk_children() if _ours(widget) and widget not in nodes
    )
    nodes.extend(node for node in (screen, app) if node not in nodes)
    rows: dict[str, list[str]] = {}
    named: dict[tuple[int, str], str] = {}  # (node, action): the description it is shown by
    for node, binding in _bindings(nodes):
        if not binding.description:
            continue
        action = binding.action.removeprefix("app.").partition("(")[0]
        if node.check_action(action, ()) is False:
            continue
        shown_as = named.get((id(node), action))
        if binding.show:
            named.setdefault((id(node), action), binding.description)
        elif shown_as not in (None, binding.description) or _textuals_hidden(node, binding):
            # A hidden key of a range its shown sibling names ("1-9 Reply" stands for "Reply 2"
            # to "Reply 9"), or a widget's hidden key from Textual (scrolling by column or
            # page): noise in this list.
            continue
        shown = app.get_key_display(binding)
        keys = rows.setdefault(binding.description, [])
        if shown not in keys:
            keys.append(shown)
    return [(", ".join(keys), description) for description, keys in rows.items()]


def _ours(node: DOMNode) -> bool:
    return type(node).__module__.startswith("trainer.")


def _textuals_hidden(node: DOMNode, binding: Binding) -> bool:
    """Whether a widget's binding comes from a Textual class, not one of ours (the screen's
    and the app's hidden keys stay listed: they are the ones a person looks up)."""
    if isinstance(node, (App, Screen)):
        return False
    ours = {
        (entry.action, entry.description)
        for cls in type(node).__mro__
        if cls.__module__.startswith("trainer.")
        for entry in cls.__dict__.get("BINDINGS", [])
        if isinstance(entry, Binding)
    }
    return (binding.action, binding.description) not in ours


def _bindings(nodes: Iterable[DOMNode]) -> Iterable[tuple[DOMNode, Binding]]:
    for node in nodes:
        for _key, binding in node._bindings:  # Textual has no public view of them
            yield node, binding


class KeysModal(ModalScreen[None]):
    """Lists the keys of the screen it opened over; any of Esc, F1, ? or q closes it."""

    CSS_PATH = "keys.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,question_mark,q", "close", "Close"),
    ]

    def __init__(self, title: str, keys: list[KeyRow]) -> None:
        super().__init__()
        self.title_text = title
        self.keys = keys

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(no_wrap=True, style="bold")
        table.add_column(ratio=1)
        for keys, description in self.keys:
            table.add_row(Text(keys), Text(description))
        with VerticalScroll(id="keys-dialog"):
            yield Label(Text(f"Keys: {self.title_text}"), id="keys-title")
            yield Static(table, id="keys-table")
        yield Footer()

    def action_close(self) -> None:
        self.dismiss(None)
