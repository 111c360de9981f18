"""Find a delivery promise the stock cannot keep in what a trainee types.

Policy: out-of-stock goods come from the factory, in the lead time the catalogue gives, and a
manager never promises a date the catalogue does not support. "Three Orbit 12s will be with you
by Thursday" when the Orbit 12 is 18 business days away is such a promise, and a breach like an
unauthorised discount. A promise is read only when it is stated: a refusal ("I can't get the
Orbit 12 to you by Thursday"), a condition ("if it were in stock, it would ship today"), a
question ("could you have them by Thursday?") or a hedge ("I'll try", "I'll ask whether") is no
promise, and a horizon at or past the lead time ("18 business days") is the truth.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from trainer.content.catalogue import Catalogue, Product
from trainer.engine.numbers import spell_numbers

_DAYS_WORDS = r"(?:business\s+|working\s+)?days?"
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# How many business days away each way of naming a time is, at most.
_HORIZONS: tuple[tuple[re.Pattern[str], int | None], ...] = (
    (re.compile(r"\b(?:today|tonight|this (?:morning|afternoon|evening)|same day)\b"), 0),
    (re.compile(r"\b(?:tomorrow|overnight|next[- ]day|by express|express)\b"), 1),
    (re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b"), 5),
    (re.compile(r"\b(?:this week|end of (?:the |this )?week|the weekend|a few days)\b"), 5),
    (re.compile(r"\b(?:a couple of days|two days)\b"), 2),
    (re.compile(r"\bnext week\b|\bwithin a week\b|\bin a week\b"), 10),
    (
        re.compile(
            rf"\b(?:in|within|under|inside|by)\s+(\d+(?:\.\d+)?)(?:-\d+)?\s+{_DAYS_WORDS}\b"
        ),
        None,
    ),
    (re.compile(r"\b(?:in|within|under|inside)\s+(\d+(?:\.\d+)?)\s+weeks?\b"), -5),
)
# What says the goods reach the client: a time alone ("I'll call you Thursday") is no delivery.
_DELIVERY = re.compile(
    r"\b(?:deliver\w*|arriv\w*|ship\w*|dispatch\w*|send\w*|sent|express|courier\w*|"
    r"with you|to you|on your desk|in your hands|reach you|be there|get there|"
    r"you'?ll have|you will have|have (?:them|it|those|these|all|the|your|\d+)|"
    r"get (?:them|it|those|these|the|\d+)|installed|up and running|in stock)\b"
)
# What is sent when nothing is delivered: "I'll send the quote for the Orbit 12 today".
_PAPERWORK = re.compile(
    r"\b(?:quote|quotation|offer|proposal|e-?mail|confirmation|invoice|brochure|details|"
    r"information|info|price list|order form|link|reservation)\b"
)
# A promise refused, made conditional, asked or hedged is not made.
_NOT_STATED = re.compile(
    r"\b(?:can'?t|cannot|can not|won'?t|will not|wouldn'?t|isn'?t|aren'?t|not|never|no way|"
    r"unable|impossible|if|unless|were|whether|try|trying|hope|hopefully|maybe|perhaps|"
    r"possibly|might|may|could|would|should|doubt|unlikely)\b"
)
_ASKS = re.compile(
    r"^\s*(?:can|could|would|will|do|does|did|is|are|shall|should|when|how|what|which)\b"
)
_CLAUSES = re.compile(r"[.;!?\n]+|\bbut\b|\bhowever\b|\bthough\b|\bwhereas\b")


@dataclass(frozen=True, slots=True)
class Promise:
    """A delivery the stock cannot make: the product, when it was promised, the lead time."""

    product: Product
    said: str  # the words naming the time, as spelled ("thursday", "2 days")
    days: int  # business days the promise allows at most

    def __str__(self) -> str:
        lead = self.product.out_of_stock_days
        when = self.said
        if when.rstrip("s") in _WEEKDAYS or when == "express":
            when = f"by {when.rstrip('s').capitalize() if when != 'express' else when}"
        return (
            f"promised the {short_name(self.product)} {when}; it is out of stock, "
            f"{lead} business days from the factory"
        )


def short_name(product: Product) -> str:
    """How a product is called in talk: its name up to the word with a digit ("Orbit 12")."""
    words = product.name.split()
    for at, word in enumerate(words):
        if any(ch.isdigit() for ch in word):
            return " ".join(words[: at + 1])
    return product.name


def _names(product: Product) -> list[str]:
    """Every way a trainee may name the product: its id, its coded words, its short name."""
    names = {product.id.lower(), short_name(product).lower()}
    names |= {
        w.lower()
        for w in product.name.split()
        if re.search(r"\d", w) and re.search(r"[a-z]", w, re.I)
    }
    return sorted(names, key=len, reverse=True)


def _named(text: str, products: Iterable[Product]) -> list[tuple[int, Product]]:
    """Where in `text` each of `products` is named (singular or plural), in order."""
    found = []
    for product in products:
        for name in _names(product):
            for match in re.finditer(rf"(?<![\w-]){re.escape(name)}s?(?![\w-])", text):
                found.append((match.start(), product))
    return sorted(found, key=lambda pair: pair[0])


def products_named(text: str, catalogue: Catalogue | None) -> list[Product]:
    """The products `text` names, by code or by their short name, each once, in order."""
    if catalogue is None:
        return []
    named = _named(spell_numbers(text), catalogue.products.values())
    return list({product.id: product for _, product in named}.values())


def unfounded(text: str, catalogue: Catalogue | None, context: Sequence[str] = ()) -> list[Promise]:
    """The delivery promises in `text` that the stock contradicts.

    A clause promises an out-of-stock product when it names it (or names no product at all
    while `context`, the lines just before, named it alone) and says it reaches the client
    sooner than the factory's lead time, without a refusal, condition, question or hedge.
    """
    if catalogue is None:
        return []
    products = list(catalogue.products.values())
    spelled = spell_numbers(text)
    if not any(not p.in_stock for p in products):
        return []
    meant: list[Product] = []
    for line in context:
        named = {product.id: product for _, product in _named(spell_numbers(line), products)}
        if len(named) == 1:
            meant = list(named.values())
    found: list[Promise] = []
    for clause in _CLAUSES.split(spelled):
        named_here = _named(clause, products)
        subjects = [p for _, p in named_here] if named_here else meant
        if not subjects or all(p.in_stock for p in subjects):
            continue
        promise = _promised(clause)
        if promise is None:
            continue
        said, days, at = promise
        before = [p for start, p in named_here if start < at] or subjects
        product = before[-1]
        if not product.in_stock and days < product.out_of_stock_days:
            found.append(Promise(product, said, days))
    return found


def _promised(clause: str) -> tuple[str, int, int] | None:
    """The soonest time the clause promises delivery by, as (words, days, where), if any."""
    if _ASKS.search(clause) or not _DELIVERY.search(clause) or _NOT_STATED.search(clause):
        return None
    if _PAPERWORK.search(clause) and not re.search(r"\b(?:deliver\w*|arriv\w*|with you)\b", clause):
        return None
    best: tuple[str, int, int] | None = None
    for pattern, days in _HORIZONS:
        for match in pattern.finditer(clause):
            if days is None:
                value = round(float(match.group(1)))
            elif days < 0:
                value = round(float(match.group(1)) * -days)
            else:
                value = days
            if best is None or value < best[1]:
                best = (match.group(0), value, match.start())
    return best
