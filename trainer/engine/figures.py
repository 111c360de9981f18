"""Check the figures a scenario quotes against the catalogue: prices, totals, discounts, terms.

Client lines and replies are read sentence by sentence, with numbers spelled one way first
(`numbers.spell_numbers`: "forty" is 40, "1,190 euros" is "1190 eur"). A sentence is checked only
where what it says is plain: one product and a price right after it; a count of units and a
volume-discount percent; a product and a delivery time; days and a deferred-payment surcharge;
quantities of products and the total they come to. A reply the author marks as a mistake (a
critical tag, or negative product_knowledge points) quotes wrong figures on purpose and is
left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from trainer.content.catalogue import Catalogue, Product
from trainer.content.content_set import ContentSet
from trainer.content.context import Problem, Severity
from trainer.content.scenario.model import Reply, Scenario
from trainer.engine.numbers import spell_numbers
from trainer.errors import Location

KNOWLEDGE_SKILL = "product_knowledge"
_NUMBER = r"\d+(?:\.\d+)?"
_SENTENCE = re.compile(r"(?<=[.!?;])\s+")
_GROUPED = re.compile(r"(?<=\d),(?=\d{3}\b)")  # 3,980, -> 3980, (spell_numbers leaves it)
_PERCENT = re.compile(rf"({_NUMBER}) percent\b")
_UNITS = re.compile(rf"\b({_NUMBER}) (?:hardware )?units?\b")
_DISCOUNT = re.compile(r"\b(?:off|discount\w*|tier)\b")
_DAYS = re.compile(rf"\b({_NUMBER})(?: business| working)?[- ]days?\b")
_SHIPPING = re.compile(r"\b(?:ship\w*|deliver\w*|arriv\w*|from the factory|lead time|in stock)\b")
_TERMS = re.compile(
    rf"\b({_NUMBER})[- ]days? (?:at|with|for) (?:a |an |the )?(?:({_NUMBER}) percent|no surcharge)"
)
# A price right after a product: "the T310 is 79 eur", "at about 1100 eur", "costs 79 each".
_PRICE_AFTER = re.compile(
    rf"^[^0-9]{{0,24}}?\b(?:at|is|are|costs?|for)\s+(?:(?:about|around|roughly|only|just|some)\s+)?"
    rf"({_NUMBER})(?: eur\b| each\b| (?:a|per) (?:seat|unit|user|year|month|piece)\b)"
)
_TOTAL = re.compile(
    rf"\b(?:so|which is|that's|that is|in all|total(?: is| of)?|comes to|makes)\s*:?\s*({_NUMBER})"
)
_PRODUCT_COUNT = re.compile(rf"\b(?:our|all|range of|catalogue of|the) ({_NUMBER}) products\b")


@dataclass(frozen=True, slots=True)
class Mention:
    product: Product
    start: int
    end: int
    quantity: int | None  # "forty T310", "a G5": the number right before it


def figure_problems(content: ContentSet | None) -> list[Problem]:
    """A warning for each figure in a scenario that disagrees with the catalogue."""
    if content is None or content.catalogue is None:
        return []
    checker = _Checker(content.catalogue)
    problems: list[Problem] = []
    for scenario in content.scenarios.values():
        for where, what, text in _texts(scenario, frozenset(content.rubric.critical)):
            problems.extend(
                Problem(where, f"{what} {finding}", Severity.WARNING)
                for finding in checker.check(text)
            )
    return problems


def _texts(scenario: Scenario, critical: frozenset[str]) -> Iterator[tuple[Location, str, str]]:
    for node in scenario.nodes.values():
        where = node.location or Location(scenario.path)
        for line in node.lines:
            yield where, f"the client's line at node '{node.id}'", line
        for reply in node.replies:
            if not _deliberate_mistake(reply, critical):
                yield (
                    reply.location or where,
                    f"reply {reply.number} '{reply.id}' of node '{node.id}'",
                    reply.text,
                )


def _deliberate_mistake(reply: Reply, critical: frozenset[str]) -> bool:
    """A reply its author marks as wrong: a critical tag, or product knowledge points lost."""
    return reply.points.get(KNOWLEDGE_SKILL, 0) < 0 or any(tag in critical for tag in reply.tags)


class _Checker:
    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.aliases = _aliases(catalogue)
        self.pattern = re.compile(
            r"\b(?:(\d+|a|an|one) (?:\w+ ){0,1}?)?("
            + "|".join(re.escape(a) for a in sorted(self.aliases, key=len, reverse=True))
            + r")s?\b"
        )

    def check(self, text: str) -> list[str]:
        normal = spell_numbers(_GROUPED.sub("", text))
        findings: list[str] = []
        for sentence in _SENTENCE.split(normal):
            findings.extend(self._sentence(sentence))
        return list(dict.fromkeys(findings))

    def _mentions(self, sentence: str) -> list[Mention]:
        found: list[Mention] = []
        for match in self.pattern.finditer(sentence):
            count = match.group(1)
            quantity = None if count is None else 1 if not count.isdigit() else int(count)
            found.append(
                Mention(self.aliases[match.group(2)], match.start(2), match.end(), quantity)
            )
        return found

    def _sentence(self, sentence: str) -> Iterator[str]:
        mentions = self._mentions(sentence)
        products = {mention.product.id: mention.product for mention in mentions}
        yield from self._discount(sentence)
        yield from self._terms(sentence)
        yield from self._count(sentence)
        if len(products) == 1:
            product = next(iter(products.values()))
            yield from self._price(sentence, mentions, product)
            yield from self._lead_time(sentence, product)
        if mentions and all(m.quantity is not None for m in mentions):
            yield from self._total(sentence, mentions)

    def _price(self, sentence: str, mentions: list[Mention], product: Product) -> Iterator[str]:
        for mention in mentions:
            after = _PRICE_AFTER.match(sentence[mention.end :])
            if after is None:
                continue
            amount = float(after.group(1))
            quantities = [m.quantity for m in mentions if m.quantity] + [
                int(float(n)) for n in _UNITS.findall(sentence)
            ]
            allowed = {product.price} | {product.price * q for q in quantities}
            allowed |= {self._discounted(product.price * q, q) for q in quantities}
            if not any(abs(amount - value) < 0.5 for value in allowed):
                yield (
                    f"quotes {_money(amount)} for the {product.name}: the catalogue lists it at "
                    f"{_money(product.price)} per {product.unit}"
                )

    def _discount(self, sentence: str) -> Iterator[str]:
        units = [int(float(n)) for n in _UNITS.findall(sentence)]
        percents = [float(p) for p in _PERCENT.findall(sentence)]
        if not units or not percents or not _DISCOUNT.search(sentence):
            return
        quantity = max(units)
        right = self.catalogue.discount_for(quantity)
        surcharges = {term.surcharge_percent for term in self.catalogue.deferred_payment}
        for percent in percents:
            if percent != right and percent not in surcharges:
                yield (
                    f"says {percent:g}% off for {quantity} units: the catalogue's volume discount "
                    f"at {quantity} units is {right:g}%"
                )

    def _lead_time(self, sentence: str, product: Product) -> Iterator[str]:
        if not _SHIPPING.search(sentence):
            return
        allowed = {product.delivery_days, product.out_of_stock_days}
        for days in (int(float(d)) for d in _DAYS.findall(sentence)):
            if days not in allowed:
                yield (
                    f"says {days} days for the {product.name}: the catalogue says "
                    f"{product.delivery_days} from stock, "
                    f"{product.out_of_stock_days} from the factory"
                )

    def _terms(self, sentence: str) -> Iterator[str]:
        terms = {term.days: term.surcharge_percent for term in self.catalogue.deferred_payment}
        for days_text, percent_text in _TERMS.findall(sentence):
            days = int(float(days_text))
            percent = float(percent_text) if percent_text else 0.0
            if days in terms and terms[days] != percent:
                yield (
                    f"says {days} days at {percent:g}%: the catalogue's surcharge for {days} days "
                    f"is {terms[days]:g}%"
                )

    def _count(self, sentence: str) -> Iterator[str]:
        real = len(self.catalogue.products)
        for number in _PRODUCT_COUNT.findall(sentence):
            if int(float(number)) != real:
                yield f"says {int(float(number))} products: the catalogue has {real}"

    def _total(self, sentence: str, mentions: list[Mention]) -> Iterator[str]:
        last = max(mention.end for mention in mentions)
        stated = [float(n) for n in _TOTAL.findall(sentence[last:])]
        units = sum(m.quantity or 0 for m in mentions if m.product.unit == "unit")
        counted = {int(float(n)) for n in _UNITS.findall(sentence)}
        if not stated or (counted and counted != {units}):
            return  # the sentence counts units its products do not add up to: it says more
        subtotal = sum(m.product.price * (m.quantity or 0) for m in mentions)
        hardware = sum(
            m.product.price * (m.quantity or 0) for m in mentions if m.product.unit == "unit"
        )
        allowed = {subtotal, subtotal - hardware + self._discounted(hardware, units)}
        allowed |= {self._discounted(hardware, units), hardware}
        allowed |= {m.product.price * (m.quantity or 0) for m in mentions}
        for amount in stated:
            if amount >= min(m.product.price for m in mentions) and not any(
                abs(amount - value) < 0.5 for value in allowed
            ):
                yield (
                    f"gives a total of {_money(amount)}: by the catalogue "
                    + " and ".join(f"{m.quantity} x {m.product.name}" for m in mentions)
                    + f" come to {_money(subtotal)}"
                    + (
                        f", {_money(self._discounted(hardware, units) + subtotal - hardware)} "
                        f"with the {self.catalogue.discount_for(units):g}% volume discount"
                        if self.catalogue.discount_for(units)
                        else ""
                    )
                )

    def _discounted(self, amount: float, quantity: int) -> float:
        return round(amount * (1 - self.catalogue.discount_for(quantity) / 100), 2)


def _aliases(catalogue: Catalogue) -> dict[str, Product]:
    """How a product is named in dialogue (lower case): its id, coded words, its name and the
    name without the company's brand; a name two products share names neither."""
    names: dict[str, list[Product]] = {}
    brand = catalogue.company.name.split()[0].lower()
    for product in catalogue.products.values():
        name = product.name.lower()
        short = name.removeprefix(brand + " ")
        candidates = {product.id.lower(), name, short, " ".join(short.split()[:2])}
        candidates |= {
            w for w in name.split() if re.match(r"^(?=.*\d)(?=.*[a-z])[a-z0-9-]{2,}$", w)
        }
        for alias in candidates:
            names.setdefault(alias, []).append(product)
    return {alias: found[0] for alias, found in names.items() if len(found) == 1}


def _money(amount: float) -> str:
    return f"€{amount:,.2f}".replace(".00", "")
