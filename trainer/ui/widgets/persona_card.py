"""Who the client is: the persona card shown before a call."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from trainer.content.persona import Persona


def persona_table(persona: Persona) -> Table:
    """The persona's facts as a two-column grid of plain text."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(ratio=1)
    rows = [
        ("Client", f"{persona.name}, {persona.role}"),
        ("Company", persona.company),
        ("Type", persona.client_type.label),
        ("Approach", persona.temperament.approach),
        ("Wants", persona.wants),
        ("Brief", " ".join(persona.brief.split())),
    ]
    for label, value in rows:
        grid.add_row(Text(label), Text(value))
    return grid


class PersonaCard(Static):
    """The persona's name, role, company, client type, how to approach them, wants and brief."""

    def __init__(self, persona: Persona, *, id: str | None = None) -> None:
        super().__init__(persona_table(persona), id=id)
        self.persona = persona

    def show(self, persona: Persona) -> None:
        """Show another persona."""
        self.persona = persona
        self.update(persona_table(persona))
