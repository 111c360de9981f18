"""The company cards' and the catalogue's side lists at 80x24 and 120x40: every title whole (a
long one wraps, its later lines set in further so they never pass for another entry), the text
beside the list keeps its room, and PgDn reads on in the text instead of leaving it."""

from __future__ import annotations

import pytest
from textual.containers import VerticalScroll
from textual.widgets import OptionList

from tests.ui.conftest import Build, pick, sign_in, unlock_stage
from trainer.content.content_set import ContentSet
from trainer.store.database import Store
from trainer.store.models import Trainee
from trainer.ui.screens.catalogue import CatalogueScreen
from trainer.ui.screens.company import CompanyScreen

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


def list_lines(side: OptionList) -> list[str]:
    """Every line of the list as it is drawn at its width, those scrolled out of sight too."""
    side.scroll_home(animate=False)
    side.render_lines(side.region)  # lays the options out at the list's width
    return [side.render_line(y).text.rstrip() for y in range(side.virtual_size.height)]


def entries(lines: list[str], indent: int) -> list[str]:
    """The list's entries at an indent, each with its wrapped lines joined back on."""
    found: list[str] = []
    for line in lines:
        depth = len(line) - len(line.lstrip())
        if depth > indent and found:  # a wrapped line of the entry above
            found[-1] += " " + line.strip()
        elif depth == indent:
            found.append(line.strip())
        else:
            found.append("")  # a heading: the next line at the indent is a new entry
    return [entry for entry in found if entry]


def check_titles(side: OptionList, titles: list[str], width: int, indent: int) -> None:
    lines = list_lines(side)
    assert all("…" not in line for line in lines)
    listed = entries(lines, indent)
    for title in titles:
        assert any(entry.endswith(title) for entry in listed), (title, lines)
    if width >= 120:  # a wide terminal gives every title a line of its own
        assert side.virtual_size.height == side.option_count


@pytest.mark.parametrize("size", SIZES)
async def test_every_company_card_title_reads_whole(
    build: Build, bundled: ContentSet, store: Store, ann: Trainee, size: tuple[int, int]
) -> None:
    assert bundled.catalogue is not None
    company = bundled.catalogue.company
    titles = [
        card.title for part in (company.policies, company.tools, company.clients) for card in part
    ]
    assert max(map(len, titles)) > 30  # a title longer than the list is wide at 80 columns
    app = build()
    async with app.run_test(size=size) as pilot:
        await sign_in(pilot)
        await pick(pilot, "company:")
        screen = app.screen
        assert isinstance(screen, CompanyScreen)
        side = screen.query_one("#card-list", OptionList)
        check_titles(side, titles, size[0], indent=2)
        assert f"About {company.name}" in " ".join(" ".join(list_lines(side)).split())
        assert screen.query_one("#card-view").size.width >= 44  # the card keeps its room
        if size[0] == 80:
            lines = list_lines(side)
            first = next(i for i, line in enumerate(lines) if "Accounting and" in line)
            assert lines[first].startswith("  Accounting and")
            assert lines[first + 1].startswith("    ")  # set in under the title's first word


@pytest.mark.parametrize("size", SIZES)
async def test_every_product_name_reads_whole_with_its_stock_mark(
    build: Build, bundled: ContentSet, store: Store, ann: Trainee, size: tuple[int, int]
) -> None:
    assert bundled.catalogue is not None
    products = list(bundled.catalogue.products.values())
    out = [p.name for p in products if not p.in_stock]
    assert out
    unlock_stage(store, ann.id, bundled, 2)
    app = build()
    async with app.run_test(size=size) as pilot:
        await sign_in(pilot)
        await pick(pilot, "catalogue:")
        screen = app.screen
        assert isinstance(screen, CatalogueScreen)
        side = screen.query_one("#product-list", OptionList)
        lines = list_lines(side)
        named = " ".join(" ".join(lines).split())
        for product in products:
            assert product.name in named, (product.name, lines)
        for name in out:  # the mark stays on the name's first line
            assert any(
                line.startswith("✕ ") and name.startswith(line[2:].strip()) for line in lines
            )
        assert screen.query_one("#product-view").size.width >= 44
        if size[0] == 120:
            assert side.virtual_size.height == side.option_count


async def test_pgdn_on_the_list_reads_on_in_the_product_instead_of_leaving_it(
    build: Build, bundled: ContentSet, store: Store, ann: Trainee
) -> None:
    unlock_stage(store, ann.id, bundled, 2)
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot)
        await pick(pilot, "catalogue:")
        screen = app.screen
        assert isinstance(screen, CatalogueScreen)
        side = screen.query_one("#product-list", OptionList)
        detail = screen.query_one("#product-view", VerticalScroll)
        assert side.has_focus and detail.max_scroll_y > 0  # longer than the screen
        product = side.highlighted_option
        assert product is not None and product.id is not None
        await pilot.press("pagedown")
        await pilot.pause()
        assert side.highlighted_option is product and side.has_focus  # the same product
        assert detail.scroll_y > 0
        await pilot.press("pageup")
        await pilot.pause()
        assert detail.scroll_y == 0 and side.highlighted_option is product
        await pilot.press("down")  # the arrows still go down the list
        assert side.highlighted_option is not product
        footer = app.screen._compositor.render_strips()[-1].text
        assert "PgUp/PgDn Scroll" in footer
