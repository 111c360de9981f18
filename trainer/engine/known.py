"""The figures a trainee may say at a turn without being wrong, and those that set replies apart.

A figure is never wrong for being there: the reply's own figures (with a unit or without), the
catalogue's prices, tiers and terms, the company's policies, the scenario's brief, what the client
said in the call, and the right steps on the way to a total (a unit price times a count, a rate of
a known amount) are all figures a careful trainee says. What makes a figure wrong is that it
contradicts the figure of the same quantity: see `trainer.engine.facts.check`. Texts are read
after `trainer.engine.numbers.spell_numbers` ("forty" is 40, "€3.360" is "3360 eur").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from trainer.content.catalogue import Catalogue
from trainer.engine.numbers import spell_numbers

_NUMBER = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)(?![\d])")
# A unit price: "at 84", "59 each", "84 a seat", "6 eur per seat per month" (not a total in euros).
_PRICE = re.compile(
    r"\bat (\d+(?:\.\d+)?)(?: eur)?\b(?! percent)|(\d+(?:\.\d+)?)(?: eur)? (?:each\b|(?:a|per) "
    r"(?:seat|unit|user|year|month|piece|headset|phone)\b)"
)
# A count of things: "forty seats", "95 units", "two S24P" (a number before a word).
_COUNT = re.compile(
    r"(?<![\w.])(\d{1,4})(?= (?!eur\b|percent\b|days?\b|business\b|working\b|a\b|per\b)[a-z])"
)
# Cents are the finest a price is quoted in; a whole euro said for an amount with cents is the
# amount rounded ("311" for 311.46), never a different one.
_CENT = 0.005
_ROUNDED = 0.5


@dataclass(frozen=True, slots=True)
class Known:
    """Figures that are right to say at one turn, each kind sorted.

    `stated` are written somewhere the trainee could read or hear them. `made` are amounts a
    price and a count make: with `stated`, an amount said in whole euros may be one of them
    rounded. `worked` are a rate applied to an amount: there are many of them, so only the
    exact cents count (a round figure is not one by chance). Only amounts of money are ever
    made or worked: a rate or a number of days is right only as stated.
    """

    stated: tuple[float, ...]
    made: tuple[float, ...]
    worked: tuple[float, ...]

    def has(self, value: float, *, money: bool = False) -> bool:
        """Whether `value` is one of the figures, or (for money) one of them rounded."""
        if not money:
            return _near(self.stated, value, _CENT)
        reach = _ROUNDED if value == int(value) else _CENT
        return (
            _near(self.stated, value, reach)
            or _near(self.made, value, reach)
            or _near(self.worked, value, _CENT)
        )


def _near(values: tuple[float, ...], value: float, reach: float) -> bool:
    at = bisect_left(values, value - reach)
    return at < len(values) and values[at] <= value + reach


def known_figures(texts: Iterable[str], said: str, catalogue: Catalogue | None) -> Known:
    """The figures right to say beside `said`: every number in `texts` (the reply taken, the
    client's lines, the brief), the catalogue's, and what they make together.

    Together: a price times a count (a price of the texts, the catalogue or the line itself,
    a count of the texts or the line), a yearly price by the month, and a rate of the
    catalogue or the texts applied to an amount (the surcharge, the discount, the total after
    either, the amount before either).
    """
    spelled = [spell_numbers(text) for text in texts if text]
    line = spell_numbers(said)
    values: set[float] = set()
    prices: set[float] = set()
    counts: set[int] = {12}  # a monthly price is said by the year too
    for text in spelled:
        values.update(_numbers(text))
    for text in [*spelled, line]:
        prices.update(_prices(text))
        counts.update(int(n) for n in _COUNT.findall(text) if 1 < int(n) <= 1000)
    percents: set[float] = set()
    for text in spelled:
        percents.update(float(n) for n in re.findall(r"(\d+(?:\.\d+)?) percent", text))
    if catalogue is not None:
        values.update(_catalogue_figures(catalogue))
        prices.update(product.price for product in catalogue.products.values())
        percents.update(tier.percent for tier in catalogue.volume_discounts)
        percents.update(term.surcharge_percent for term in catalogue.deferred_payment)
    made = {round(price * count, 2) for price in prices for count in counts}
    made.update(round(price / 12, 2) for price in prices)  # a yearly price by the month
    worked: set[float] = set()
    # Never the line's own amounts: a wrong figure must not vouch for another.
    for amount in {v for v in values if v >= 100} | made:
        for rate in {p for p in percents if 0 < p < 50}:
            share = amount * rate / 100
            worked.update(round(v, 2) for v in (share, amount + share, amount - share))
            # and the amount before the rate: the total the surcharge was added to
            worked.update(round(amount / (1 + sign * rate / 100), 2) for sign in (1, -1))
    return Known(tuple(sorted(values)), tuple(sorted(made)), tuple(sorted(worked)))


def _numbers(text: str) -> list[float]:
    return [float(n) for n in _NUMBER.findall(text)]


def prices(text: str) -> list[float]:
    """The prices a spelled text names: "at 84", "84 eur", "59 each", "84 a seat"."""
    return _prices(text)


def _prices(text: str) -> list[float]:
    return [float(a or b) for a, b in _PRICE.findall(text)]


_CATALOGUES: dict[int, tuple[Catalogue, frozenset[float]]] = {}


def _catalogue_figures(catalogue: Catalogue) -> frozenset[float]:
    """Every figure the catalogue and the company's policies state (read once per catalogue)."""
    cached = _CATALOGUES.get(id(catalogue))
    if cached is not None and cached[0] is catalogue:
        return cached[1]
    figures: set[float] = set()
    for product in catalogue.products.values():
        figures.update((product.price, product.delivery_days, product.out_of_stock_days))
    for tier in catalogue.volume_discounts:
        figures.update((tier.min_quantity, tier.percent))
    for term in catalogue.deferred_payment:
        figures.update((term.days, term.surcharge_percent, term.minimum_order))
    for policy in catalogue.company.policies:
        figures.update(_numbers(spell_numbers(policy.text)))
    _CATALOGUES[id(catalogue)] = (catalogue, frozenset(figures))
    return _CATALOGUES[id(catalogue)][1]


def figures(text: str) -> frozenset[float]:
    """The figures `text` states, however written, that could tell one reply from another:
    amounts and counts from 10 up, and rates. "One day", "two switches" and "the 1st" are said
    in passing too often to tell anything."""
    return _figures(text)


_TELLING = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)(?![\d])( percent)?")


# A phone number or a code written with a leading zero ("030 555 0142", "0305550142"): the
# same one is spelled many ways, and it is no amount.
_DIALLED = re.compile(r"(?<![\w.])0\d+(?:[ -]\d+)*")


# Whether a text may state a number at all: most lines state none, and spelling them costs.
_MAYBE_NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fifteen|twenty|"
    r"thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million)",
    re.IGNORECASE,
)


@lru_cache(maxsize=1024)
def _figures(text: str) -> frozenset[float]:
    if not _MAYBE_NUMBER.search(text):
        return frozenset()
    found = _TELLING.findall(_DIALLED.sub(" ", spell_numbers(text)))
    return frozenset(float(n) for n, rate in found if rate or float(n) >= 10)


def contradicts(said: str, text: str, rival: str) -> bool:
    """Whether `said` states figures only `rival` has and none of the figures only `text` has.

    "Forty seats ... seven thousand one hundred forty-one in total" states the total of the
    quote with switches (7,141) and none of the quote without them (3,002, 6,362): whatever
    its words share with the second, its figures say it means the first.
    """
    own, theirs = figures(text), figures(rival)
    apart = own - theirs
    if not apart:
        return False
    stated = figures(said)
    return not stated & apart and bool(stated & (theirs - own))
