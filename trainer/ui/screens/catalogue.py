"""Stage 2's product catalogue: every product on the left, all a manager must know on the right."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from trainer.content.catalogue import Catalogue, Product
from trainer.content.quiz.model import Quiz
from trainer.services.stages import Item, ItemKind
from trainer.ui.messages import ItemPicked
from trainer.ui.widgets.list_label import HangingLabel

TERMS = "terms"  # the option with the price terms that apply to every product
PRODUCT_PREFIX = "product:"
OUT_MARK = "\u2715"  # ✕, before an out-of-stock product in the list


def money(amount: float, currency: str) -> str:
    """`EUR 1,450.00`; a whole amount without cents, `EUR 1,500`."""
    if amount == int(amount):
        return f"{currency} {int(amount):,}"
    return f"{currency} {amount:,.2f}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def terms_lines(catalogue: Catalogue) -> RenderableType:
    """Volume discounts and deferred-payment terms, one per line."""
    discounts = Table.grid(padding=(0, 1))
    discounts.add_column(no_wrap=True)
    discounts.add_column(ratio=1)
    for tier in catalogue.volume_discounts:
        discounts.add_row("•", Text(f"{tier.min_quantity} units or more: {tier.percent:g}% off"))
    deferred = Table.grid(padding=(0, 1))
    deferred.add_column(no_wrap=True)
    deferred.add_column(ratio=1)
    for term in catalogue.deferred_payment:
        surcharge = (
            "no surcharge"
            if term.surcharge_percent == 0
            else f"{term.surcharge_percent:g}% surcharge"
        )
        minimum = money(term.minimum_order, catalogue.currency)
        deferred.add_row("•", Text(f"{term.days} days, {surcharge}, for orders from {minimum}"))
    return Group(
        Text.assemble(("Volume discounts", "bold"), ("  on the whole order, by units", "dim")),
        discounts,
        Text.assemble(("Deferred payment", "bold"), ("  on the total after discount", "dim")),
        deferred,
    )


def product_view(catalogue: Catalogue, product: Product) -> RenderableType:
    """Everything the catalogue says about one product, in the order a manager needs it."""
    parts: list[RenderableType] = []
    head = Text.assemble((product.name, "bold"), ("  ", ""), (product.category, "dim"))
    head.append("\n")
    head.append(" ".join(product.summary.split()))
    parts.append(head)

    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column(ratio=1)
    stock = Text("In stock", "bold green") if product.in_stock else Text("Out of stock", "bold red")
    facts.add_row("Stock", stock)
    price = f"{catalogue.currency} {product.price:,.2f}"
    facts.add_row("Price", Text(f"{price} per {product.unit}, list price excluding VAT"))
    facts.add_row(
        "Delivery",
        Text(
            f"{_plural(product.delivery_days, 'business day')} from the warehouse; "
            f"{_plural(product.out_of_stock_days, 'business day')} when out of stock"
        ),
    )
    if product.substitutes:
        names = [
            catalogue.products[s].name if s in catalogue.products else s
            for s in product.substitutes
        ]
        facts.add_row("Instead", Text(f"when out of stock, offer {', '.join(names)}"))
    parts.append(Text())
    parts.append(facts)

    def section(title: str, lines: list[str] | tuple[str, ...], bullet: bool = True) -> None:
        if not lines:
            return
        parts.append(Text(f"\n{title}", "bold underline"))
        grid = Table.grid(padding=(0, 1))
        if bullet:
            grid.add_column(no_wrap=True)
        grid.add_column(ratio=1)
        for line in lines:
            words = Text(" ".join(line.split()))
            grid.add_row(*(("•", words) if bullet else (words,)))
        parts.append(grid)

    section("Characteristics", product.characteristics)
    section("How it differs from competitors", product.differs)
    section("Packaging", [product.packaging], bullet=False)
    section(
        "Equipment options for the client's setup",
        [f"For {option.setup}: {option.offer}" for option in product.options],
    )
    section("Conditions of use", [product.conditions], bullet=False)
    section("Where the client can read them", [product.conditions_published], bullet=False)
    parts.append(Text("\nPrices and terms (every product)", "bold underline"))
    parts.append(terms_lines(catalogue))
    return Group(*parts)


def terms_view(catalogue: Catalogue) -> RenderableType:
    """The terms page: discounts by volume and deferred payment."""
    return Group(
        Text("Prices and terms", "bold"),
        Text(f"List prices in {catalogue.currency}, excluding VAT.\n", "dim"),
        terms_lines(catalogue),
    )


class CatalogueScreen(Screen[None]):
    """Browse the products with the arrows; the detail follows the highlight. PgUp/PgDn scroll
    it from the list, Tab moves into it."""

    CSS_PATH = "catalogue.tcss"
    AUTO_FOCUS = "#product-list"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "app.focus_next", "List / detail"),
        Binding("q", "take_quiz", "Take the quiz"),
        Binding("escape", "back", "Back"),
        # From the list too: PgDn reads on in the text rather than jumping a page of the list.
        Binding("pageup", "scroll_text(-1)", "Scroll", key_display="PgUp/PgDn", priority=True),
        Binding("pagedown", "scroll_text(1)", "Scroll down", show=False, priority=True),
    ]

    def __init__(
        self, catalogue: Catalogue, quiz: Quiz | None, *, product_id: str | None = None
    ) -> None:
        super().__init__()
        self.catalogue = catalogue
        self.quiz = quiz
        self.start_at = (
            PRODUCT_PREFIX + product_id
            if product_id is not None and product_id in catalogue.products
            else None
        )

    def compose(self) -> ComposeResult:
        count = len(self.catalogue.products)
        yield Static(
            Text.assemble(
                ("Product catalogue", "bold"),
                f"  {self.catalogue.company.name} · {_plural(count, 'product')} · ",
                (OUT_MARK, "bold red"),
                " out of stock",
            ),
            id="catalogue-title",
        )
        with Horizontal(id="catalogue-panes"):
            yield OptionList(id="product-list")
            with VerticalScroll(id="product-view"):
                yield Static(id="product-text")
        yield Footer()

    def on_mount(self) -> None:
        options = [Option(Text("Prices and terms", "italic"), id=TERMS)]
        by_category: dict[str, list[Product]] = {}
        for product in self.catalogue.products.values():
            by_category.setdefault(product.category, []).append(product)
        for category, products in by_category.items():
            options.append(Option(Text(category, "bold"), disabled=True))
            for product in products:
                mark = Text(OUT_MARK, "bold red") if not product.in_stock else ""
                label = HangingLabel(product.name, mark, indent=2)
                options.append(Option(label, id=PRODUCT_PREFIX + product.id))
        product_list = self.query_one("#product-list", OptionList)
        product_list.set_options(options)
        start = self.start_at or next(
            (o.id for o in options if o.id and o.id.startswith(PRODUCT_PREFIX)), TERMS
        )
        product_list.highlighted = product_list.get_option_index(start)
        self._show(start)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "take_quiz":
            return self.quiz is not None
        return True

    @on(OptionList.OptionHighlighted, "#product-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_id is not None:
            self._show(event.option_id)

    @on(OptionList.OptionSelected, "#product-list")
    def _read(self) -> None:
        self.query_one("#product-view").focus()

    def _show(self, option_id: str) -> None:
        if option_id == TERMS:
            view = terms_view(self.catalogue)
        else:
            product = self.catalogue.products[option_id.removeprefix(PRODUCT_PREFIX)]
            view = product_view(self.catalogue, product)
        self.query_one("#product-text", Static).update(view)
        self.query_one("#product-view", VerticalScroll).scroll_home(animate=False)

    def action_scroll_text(self, pages: int) -> None:
        """Scroll the text a page back (-1) or on (1), wherever the focus is."""
        text = self.query_one("#product-view", VerticalScroll)
        if pages < 0:
            text.scroll_page_up(animate=False)
        else:
            text.scroll_page_down(animate=False)

    def action_take_quiz(self) -> None:
        if self.quiz is not None:
            self.post_message(ItemPicked(Item(ItemKind.QUIZ, self.quiz.id)))

    def action_back(self) -> None:
        self.dismiss()
