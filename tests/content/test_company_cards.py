"""The company cards hold what the bundled calls rely on: the people they send a trainee to, the
showroom they book, the size of the range they quote and the key-account seat price."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from trainer.content.catalogue import Catalogue, TitledText
from trainer.content.content_set import ContentSet
from trainer.content.loader import load_content
from trainer.content.paths import bundled_content_dir

NUMBER_WORDS = {
    "ten": 10,
    "twelve": 12,
    "fifteen": 15,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
}


@pytest.fixture(scope="module")
def bundled() -> ContentSet:
    return load_content(bundled_content_dir())


def catalogue(content: ContentSet) -> Catalogue:
    assert content.catalogue is not None
    return content.catalogue


def cards(content: ContentSet) -> list[TitledText]:
    company = catalogue(content).company
    return [*company.policies, *company.tools, *company.clients]


def card(content: ContentSet, title: str) -> str:
    """The card whose title starts with `title`: its title and text, as a trainee reads them."""
    found = [c for c in cards(content) if c.title.lower().startswith(title.lower())]
    assert found, f"no company card titled {title!r}"
    return " ".join(f"{found[0].title}: {found[0].text}".split())


def call_texts(content: ContentSet) -> Iterator[tuple[str, str]]:
    """(scenario id, text) for every line a client says, every reply, hint and coach note."""
    for scenario in content.scenarios.values():
        yield scenario.id, scenario.goal
        for node in scenario.nodes.values():
            for text in (*node.lines, node.hint, node.ending.note if node.ending else ""):
                yield scenario.id, text
            for reply in node.replies:
                yield scenario.id, reply.text
                yield scenario.id, reply.note


def typed_texts(root: Path) -> Iterator[tuple[str, str]]:
    for path in sorted((root / "scenarios" / "tests" / "typed").glob("*.yaml")):
        for line in yaml.safe_load(path.read_text(encoding="utf-8"))["lines"]:
            yield path.stem, str(line["say"])


@pytest.mark.parametrize("named", ["head of sales", "service head", "accounting"])
def test_the_people_the_calls_send_a_trainee_to_are_on_the_whos_who_card(
    bundled: ContentSet, named: str
) -> None:
    naming = {sid for sid, text in call_texts(bundled) if named in text.lower()}
    assert naming, f"no bundled call names the {named}: drop it from this test"
    assert named in card(bundled, "Who's who").lower()


def test_a_call_that_books_the_showroom_finds_it_in_the_company_cards(
    bundled: ContentSet,
) -> None:
    booking = {sid for sid, text in call_texts(bundled) if "showroom" in text.lower()}
    assert booking  # book_meeting and cold_call_gatekeeper invite the client over
    showroom = card(bundled, "Showroom")
    assert "Utrecht" in showroom and "Compass" in showroom  # where it is, and how to book it
    assert "live PBX-200" in showroom  # what cold_call_gatekeeper promises the client will see


def test_every_count_of_our_products_is_the_catalogues(bundled: ContentSet) -> None:
    """A trainee who says "a list of forty products" of a catalogue of nineteen is told a fact."""
    products = len(catalogue(bundled).products)
    pattern = re.compile(r"\b(\d+|" + "|".join(NUMBER_WORDS) + r") products\b", re.IGNORECASE)
    texts = [*call_texts(bundled), *typed_texts(bundled_content_dir())]
    found = 0
    for where, text in texts:
        for match in pattern.finditer(text):
            said = match.group(1).lower()
            count = int(said) if said.isdigit() else NUMBER_WORDS[said]
            assert count == products, f"{where}: {match.group(0)!r}, the catalogue has {products}"
            found += 1
    assert found  # the check looks at something


def test_the_key_account_seat_price_gives_the_renewal_figures(bundled: ContentSet) -> None:
    """vip_renewal offers 5% off the key-account seat price: 76 a seat, 39,520 a year for 520."""
    policy = card(bundled, "Key and VIP clients")
    price = re.search(r"key-account seat price, EUR (\d+)", policy)
    assert price, policy
    per_seat = int(price.group(1)) * 0.95
    renewal = bundled.scenario("vip_renewal")
    offers = [r.text for n in renewal.nodes.values() for r in n.replies if "a seat" in r.text]
    assert offers
    for offer in offers:
        assert f"{per_seat:g} a seat" in offer
        assert f"{per_seat * 520:,.0f} a year" in offer
