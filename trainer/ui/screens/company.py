"""Stage 1's company cards: who we are, our policies, the tools we use and the clients we serve."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from trainer.content.catalogue import Company, TitledText
from trainer.content.quiz.model import Quiz
from trainer.services.stages import Item, ItemKind
from trainer.ui.messages import ItemPicked
from trainer.ui.widgets.list_label import HangingLabel

SECTIONS = (
    ("policies", "Policies"),
    ("tools", "Tools"),
    ("clients", "Clients"),
)
ABOUT = "about"


def cards(company: Company, section: str) -> tuple[TitledText, ...]:
    """The cards of one section of the company."""
    found: tuple[TitledText, ...] = getattr(company, section)
    return found


def card_id(section: str, index: int) -> str:
    return f"{section}:{index}"


def card_text(company: Company, option_id: str) -> Text:
    """The card an option id names, as a title over its text."""
    if option_id == ABOUT:
        return Text.assemble((f"About {company.name}", "bold"), "\n\n", _paragraph(company.about))
    section, _, index = option_id.partition(":")
    card = cards(company, section)[int(index)]
    heading = dict(SECTIONS)[section]
    return Text.assemble(
        (f"{heading}: ", "dim"), (card.title, "bold"), "\n\n", _paragraph(card.text)
    )


def _paragraph(text: str) -> str:
    return " ".join(text.split())


class CompanyScreen(Screen[None]):
    """Pick a card on the left (arrows), read it on the right; PgUp/PgDn scroll the text from
    the list, Tab moves into it."""

    CSS_PATH = "company.tcss"
    AUTO_FOCUS = "#card-list"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "app.focus_next", "List / text"),
        Binding("q", "take_quiz", "Take the check"),
        Binding("escape", "back", "Back"),
        # From the list too: PgDn reads on in the text rather than jumping a page of the list.
        Binding("pageup", "scroll_text(-1)", "Scroll", key_display="PgUp/PgDn", priority=True),
        Binding("pagedown", "scroll_text(1)", "Scroll down", show=False, priority=True),
    ]

    def __init__(
        self,
        company: Company,
        quiz: Quiz | None,
        *,
        section: str | None = None,
        title: str | None = None,
    ) -> None:
        super().__init__()
        self.company = company
        self.quiz = quiz
        self.start_at = self._start_at(section, title)

    def _start_at(self, section: str | None, title: str | None) -> str:
        if section is None or section == ABOUT or section not in dict(SECTIONS):
            return ABOUT
        found = cards(self.company, section)
        index = next((i for i, card in enumerate(found) if card.title == title), 0)
        return card_id(section, index) if found else ABOUT

    def compose(self) -> ComposeResult:
        yield Static(
            Text.assemble(("Company cards", "bold"), f"  {self.company.name}"), id="company-title"
        )
        with Horizontal(id="company-panes"):
            yield OptionList(id="card-list")
            with VerticalScroll(id="card-view"):
                yield Static(id="card-text")
        yield Footer()

    def on_mount(self) -> None:
        options = [Option(HangingLabel(f"About {self.company.name}"), id=ABOUT)]
        for section, heading in SECTIONS:
            found = cards(self.company, section)
            if not found:
                continue
            options.append(Option(Text(heading, "bold"), disabled=True))
            options.extend(
                Option(HangingLabel(card.title, indent=2), id=card_id(section, index))
                for index, card in enumerate(found)
            )
        card_list = self.query_one("#card-list", OptionList)
        card_list.set_options(options)
        card_list.highlighted = card_list.get_option_index(self.start_at)
        self._show(self.start_at)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "take_quiz":
            return self.quiz is not None
        return True

    @on(OptionList.OptionHighlighted, "#card-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_id is not None:
            self._show(event.option_id)

    @on(OptionList.OptionSelected, "#card-list")
    def _read(self) -> None:
        self.query_one("#card-view").focus()

    def _show(self, option_id: str) -> None:
        self.query_one("#card-text", Static).update(card_text(self.company, option_id))
        self.query_one("#card-view", VerticalScroll).scroll_home(animate=False)

    def action_scroll_text(self, pages: int) -> None:
        """Scroll the text a page back (-1) or on (1), wherever the focus is."""
        text = self.query_one("#card-view", VerticalScroll)
        if pages < 0:
            text.scroll_page_up(animate=False)
        else:
            text.scroll_page_down(animate=False)

    def action_take_quiz(self) -> None:
        if self.quiz is not None:
            self.post_message(ItemPicked(Item(ItemKind.QUIZ, self.quiz.id)))

    def action_back(self) -> None:
        self.dismiss()
