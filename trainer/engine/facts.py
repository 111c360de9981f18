"""Check the facts in a trainee's typed words against the reply they meant and the catalogue.

Products, quantities, prices, percentages and days named in typed text are compared with the
matched reply's text and with the catalogue (volume discounts, deferred-payment terms, list
prices). A wrong fact keeps the reply but costs its product-knowledge points; an offer the policy
does not allow (a discount, a freebie, a waived surcharge, longer terms, a guarantee) is a breach
whether or not the words match a reply. Numbers are spelled one way first, by the matcher's own
`trainer.engine.numbers.spell_numbers`: "seven percent" is "7 percent", "2k" is 2000, "€" is EUR.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from trainer.content.catalogue import Catalogue, Product
from trainer.engine import offers, promises, same_quantity
from trainer.engine.known import known_figures, prices
from trainer.engine.numbers import spell_numbers
from trainer.engine.same_quantity import claimed

_NUMBER = r"\d+(?:\.\d+)?"
# Matched on text spelled by trainer.engine.numbers.spell_numbers: "7 percent", "1500 eur".
_PERCENT = re.compile(rf"({_NUMBER}) percent\b")
_MONEY = re.compile(rf"({_NUMBER}) eur\b")
_DAYS = re.compile(rf"\b({_NUMBER})\s*(?:business\s+|working\s+)?days?\b", re.IGNORECASE)
_QUANTITY_NOUNS = (
    r"units?|seats?|licen[cs]es?|users?|phones?|handsets?|headsets?|switch(?:es)?|routers?|"
    r"bars?|speakerphones?|access\s+points?|aps|kits?|pieces?|pcs|people|staff|employees|"
    r"agents?|desks?|rooms?"
)
# Units the volume discount counts: hardware, never seats or people (policy: seats are not
# discounted by volume).
_HARDWARE = re.compile(
    rf"\b({_NUMBER})\s+(?:(?!(?:for|at|of|in|on|per|to|each|eur|is|and)\b)\w+\s+){{0,2}}?(?:units?|phones?|handsets?|headsets?|switch(?:es)?|"
    r"routers?|bars?|speakerphones?|access\s+points?|aps|kits?|pieces?|pcs)\b",
    re.I,
)
_QUANTITY = re.compile(
    rf"\b({_NUMBER})\s+(?:(?!(?:for|at|of|in|on|per|to|each|eur|is|and)\b)\w+\s+){{0,2}}?(?:{_QUANTITY_NOUNS})\b",
    re.I,
)
_DISCOUNT_WORDS = re.compile(r"\b(?:discount\w*|off|rebate|reduction|knock|cut)\b", re.I)

# Offers an account manager may not make on their own. Each is matched on the normalised text.
_WAIVE = re.compile(
    r"\b(?:waive\w*|scrap|drop|skip|forget|remove|cancel)\b[^.]{0,30}\b(?:surcharge|fee|charge|"
    r"the\s+\d+(?:\.\d+)?\s*percent)",
    re.I,
)
_FREE = re.compile(
    r"\b(?:for\s+free|free\s+of\s+charge|on\s+the\s+house|throw\s+in|thrown\s+in|at\s+no\s+cost|"
    rf"free\s+(?:\d+\s+)?(?:month|months|year|{_QUANTITY_NOUNS}))\b",
    re.I,
)
_GUARANTEE = re.compile(
    r"\b(?:guarantee\w*|promise\w*|swear)\b[^.]{0,40}\b(?:never|always|forever|no\s+matter|"
    r"price|prices|100 percent|won't|will\s+not|lock\w*)\b",
    re.I,
)
_TERMS_WORDS = re.compile(r"\b(?:pay\w*|terms?|invoice\w*|deferr\w*|credit)\b", re.I)
_OFFER_WORDS = re.compile(
    r"\b(?:i'?ll|i\s+will|i\s+can|we\s+can|we'?ll|let\s+me|give\s+you|you\s+get|if\s+you|"
    r"how\s+about|special)\b",
    re.I,
)
_CODE = re.compile(r"^(?=.*\d)(?=.*[a-z])[a-z0-9-]{2,}$", re.I)


def _value(number: str) -> float:
    return float(number)


def _fmt(value: float) -> str:
    return f"{value:g}"


@dataclass(frozen=True, slots=True)
class Facts:
    """What a line of text states: products by code, and figures by kind."""

    products: tuple[str, ...] = ()  # product codes as written, e.g. "S24P"
    percents: tuple[float, ...] = ()
    money: tuple[float, ...] = ()
    days: tuple[int, ...] = ()
    quantities: tuple[int, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.products or self.percents or self.money or self.days or self.quantities)

    def as_dict(self) -> dict[str, list[Any]]:
        return {
            name: list(values)
            for name, values in (
                ("products", self.products),
                ("percents", self.percents),
                ("money", self.money),
                ("days", self.days),
                ("quantities", self.quantities),
            )
            if values
        }


@dataclass(frozen=True, slots=True)
class Check:
    """The verdict on the facts of one typed line."""

    found: Facts = field(default_factory=Facts)
    mismatches: tuple[str, ...] = ()  # plain words for the coach note, e.g. "you said 3%: ..."
    breaches: tuple[str, ...] = ()  # offers the policy does not allow, in plain words

    @property
    def wrong(self) -> bool:
        return bool(self.mismatches)

    def as_dict(self, confidence: float | None = None) -> dict[str, Any]:
        data: dict[str, Any] = {"found": self.found.as_dict()}
        if self.mismatches:
            data["mismatches"] = list(self.mismatches)
        if self.breaches:
            data["breaches"] = list(self.breaches)
        if confidence is not None:
            data["confidence"] = confidence
        return data


def product_codes(catalogue: Catalogue | None) -> dict[str, Product]:
    """Every way a product is named by code: its id and the coded words of its name, each
    also in the plural ("forty T310s")."""
    codes: dict[str, Product] = {}
    if catalogue is None:
        return codes
    for product in catalogue.products.values():
        named = [product.id] + [word for word in product.name.split() if _CODE.match(word)]
        for code in named:
            codes[code.lower()] = product
    for code, product in list(codes.items()):
        codes.setdefault(f"{code}s", product)
    return codes


def extract(text: str, catalogue: Catalogue | None = None) -> Facts:
    """The facts `text` states: a figure it turns down ("I can't do 10% off") it does not."""
    raw, text = text.lower(), spell_numbers(text)
    codes = product_codes(catalogue)
    products: list[str] = []
    for word in re.findall(r"[\w-]+", text):
        product = codes.get(word.lower())
        if product is not None and not any(codes[p.lower()] is product for p in products):
            plural = word.lower().endswith("s") and word.lower()[:-1] in codes
            products.append((word[:-1] if plural else word).upper())
    money = [_value(n) for n in claimed(_MONEY, text)]
    money += [_value(n) for pattern in _TOTALS for n in claimed(pattern, text)]
    money += _grouped_amounts(raw)
    quantities = [int(_value(n)) for n in _QUANTITY.findall(text)]
    for code in products:
        # "two S8P" / "2 x S8P": a number right before a product code is a quantity.
        for n in re.findall(rf"\b(\d+)\s*(?:x\s*)?{re.escape(code)}s?\b", text, re.I):
            quantities.append(int(n))
    return Facts(
        products=tuple(products),
        percents=tuple(_unique(_value(n) for n in claimed(_PERCENT, text))),
        money=tuple(_unique(money)),
        days=tuple(_unique(int(_value(n)) for n in claimed(_DAYS, text))),
        quantities=tuple(_unique(quantities)),
    )


# A total said without a currency is still money: "6900 in all", "the total comes to 7141".
_TOTALS = (
    re.compile(rf"\b({_NUMBER})\s+(?:in all|in total|all in|all told|total)\b"),
    re.compile(rf"\b(?:total(?:s| is| of| comes to)?|comes? to|that's|that is)\s+({_NUMBER})\b"),
)
# "3,360" or "6,900" written with a thousands separator is an amount of money, unless a noun
# follows that says what is counted ("2,300 clients"). Read on the text as typed.
_GROUPED = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+(?:\.\d+)?)(?!\d|,\d)(\s*[a-z']*)")
_AFTER_AMOUNT = frozenset(
    (
        *("in", "all", "total", "plus", "and", "so", "which", "for", "a", "per", "is", "then"),
        *("eur", "euro", "euros", "excl", "incl", "ex", "vat"),
    )
)


def _grouped_amounts(raw: str) -> list[float]:
    """The amounts `raw` writes with thousands separators and no unit after them."""
    amounts = []
    for match in _GROUPED.finditer(raw):
        after = match.group(2).strip()
        if after and after not in _AFTER_AMOUNT:
            continue
        amounts.append(_value(match.group(1).replace(",", "")))
    return amounts


def _unique(values: Any) -> list[Any]:
    seen: list[Any] = []
    for value in values:
        if value not in seen:
            seen.append(value)
    return seen


def check(
    typed: str,
    reply_text: str | None,
    catalogue: Catalogue | None,
    context: Sequence[str] = (),
    heard: Sequence[str] = (),
) -> Check:
    """Compare the facts of `typed` with the reply it was taken as and with the catalogue.

    `reply_text` is the reply as the trainee saw it, or None when the words matched no reply
    (then only the catalogue and the policy are checked). `context` is what the client said
    just before: the product "them" stands for in "you'll have them Thursday". `heard` is what
    the trainee read or heard before the line (the brief, the client's lines so far). A figure
    is wrong when it contradicts the figure of the same quantity: a total that is not the
    reply's total, a discount that is not its discount or the tier's, a price that is not the
    product's, or an amount, rate or term found nowhere the trainee could have it from (see
    `trainer.engine.known`).
    """
    said = extract(typed, catalogue)
    normal = spell_numbers(typed)
    expected = extract(reply_text, catalogue) if reply_text else Facts()
    known = known_figures([reply_text or "", *heard], typed, catalogue)
    reply = spell_numbers(reply_text or "")
    mismatches: list[str] = []
    codes = product_codes(catalogue)
    if said.products and expected.products:
        wanted = {codes[p.lower()].id for p in expected.products}
        for code in said.products:
            if codes[code.lower()].id not in wanted:
                mismatches.append(
                    f"you said {code}: the reply that fits is the {' / '.join(expected.products)}"
                )
    # the catalogue's own delivery and factory lead times of a product the line names are facts
    # about that product, not a wrong figure for the reply ("the Orbit 12 is 18 days away")
    lead_times = {
        days
        for product in promises.products_named(typed, catalogue)
        for days in (product.delivery_days, product.out_of_stock_days)
    }
    for name, unit in (("percents", "%"), ("money", ""), ("days", " days")):
        ours, theirs = getattr(said, name), getattr(expected, name)
        if name == "money":
            theirs = tuple(_unique([*theirs, *prices(reply)]))
        for value in ours:
            if name == "days" and value in lead_times:
                continue
            if theirs and value not in theirs and not known.has(value, money=name == "money"):
                right = ", ".join(_show(v, name, unit) for v in theirs)
                figure = "figures are" if len(theirs) > 1 else "figure is"
                mismatches.append(
                    f"you said {_show(value, name, unit)}: the right {figure} {right}"
                )
    # The same quantity said otherwise wins over a figure found nowhere; the catalogue's
    # wording names the reason ("at 61 units ...") and wins over both.
    specific = same_quantity.mismatches(normal, reply, said.money, catalogue, lead_times)
    if catalogue is not None:
        specific += _catalogue_mismatches(said, normal, catalogue, codes)
    heads = {line.split(":")[0] for line in specific}
    mismatches = [m for m in mismatches if m.split(":")[0] not in heads]
    mismatches += [m for m in specific if not _said_again(m, specific)]
    breaches = _breaches(said, normal, reply_text or "", catalogue)
    breaches += _unfounded(typed, reply_text or "", catalogue, context)
    return Check(said, tuple(_unique(mismatches)), tuple(breaches))


def _said_again(line: str, lines: list[str]) -> bool:
    """A note about a figure that a later note (the catalogue's) names too."""
    head = line.split(":")[0]
    return any(other.split(":")[0] == head for other in lines[lines.index(line) + 1 :])


def _show(value: float, name: str, unit: str) -> str:
    if name == "money":
        return f"€{value:,.2f}".replace(".00", "")
    return f"{_fmt(value)}{unit}"


def _catalogue_mismatches(
    said: Facts, text: str, catalogue: Catalogue, codes: Mapping[str, Product]
) -> list[str]:
    found: list[str] = []
    hardware = [int(_value(n)) for n in _HARDWARE.findall(text)]
    if said.percents and hardware and _DISCOUNT_WORDS.search(text):
        quantity = max(hardware)
        right = catalogue.discount_for(quantity)
        for percent in said.percents:
            if percent != right and not _is_surcharge(percent, catalogue):
                found.append(
                    f"you said {_fmt(percent)}%: at {quantity} units the volume discount is "
                    f"{_fmt(right)}%"
                )
    priced = _priced(text, codes)
    if len(said.products) == 1 and len(said.money) == 1 and priced is not None:
        product = codes[said.products[0].lower()]
        amount = priced
        totals = {product.price * q for q in said.quantities} | {product.price}
        totals |= {
            t * (1 - catalogue.discount_for(q) / 100) for t in totals for q in said.quantities
        }
        if not any(abs(amount - total) < 0.5 for total in totals):
            found.append(
                f"you said €{amount:,.2f}".replace(".00", "")
                + f": the {said.products[0]} lists at €{product.price:,.2f}".replace(".00", "")
                + " each"
            )
    return found


def _priced(text: str, codes: Mapping[str, Product]) -> float | None:
    """The amount said right after a product code ("the S24P is 300 euros"), if any."""
    for match in re.finditer(r"[\w-]+", text):
        if match.group(0).lower() not in codes:
            continue
        after = re.split(r"[.;!?]", text[match.end() : match.end() + 40])[0]
        found = _MONEY.search(after)
        if found:
            return _value(found.group(1))
    return None


_NEGATION = re.compile(
    r"\b(?:can'?t|cannot|can not|won'?t|not|unable|no way|never|nobody|no one)\b[^.]*$", re.I
)


def _offered(pattern: re.Pattern[str], text: str) -> bool:
    """Whether `pattern` is said as an offer, not refused ("I can't waive the surcharge")."""
    for match in pattern.finditer(text):
        before = re.split(r"[.;:!?]", text[max(0, match.start() - 40) : match.start()])[-1]
        if not _NEGATION.search(before) and not offers.refused_after(text[match.end() :]):
            return True
    return False


# "Free" in any wording, and goods named as free: what a reply that gives something free says.
_FREE_SAID = re.compile(
    r"\b(?:free|at\s+no\s+(?:extra\s+)?cost|no\s+charge|without\s+(?:any\s+)?charge|"
    r"on\s+the\s+house)\b",
    re.I,
)
_FREE_GOODS = re.compile(
    rf"\b(?:throw\w*\s+in|free\s+(?:\d+\s+)?(?:month|months|year|{_QUANTITY_NOUNS}))\b", re.I
)


def _free_as_reply(text: str, reply: str) -> bool:
    """Whether what `text` gives free is what the policy or the reply taken gives free.

    Goods named free that the reply does not name free ("... and a free router") are an
    offer. Otherwise the policy's free pick-up or porting is none, and neither is the same
    said in other words ("we collect them for free") by a reply that gives something free
    ("faulty units are collected free"): an authored reply is policy.
    """
    goods = {match.group(0).lower() for match in _FREE_GOODS.finditer(text)}
    if not goods <= {match.group(0).lower() for match in _FREE_GOODS.finditer(reply)}:
        return False
    giving = offers.clauses_offering_free(text)
    if giving and all(offers.policy_gives_free(clause) for clause in giving):
        return True
    return _offered(_FREE_SAID, reply)


def _unfounded(
    typed: str, reply_text: str, catalogue: Catalogue | None, context: Sequence[str]
) -> list[str]:
    """Delivery promises the stock contradicts, unless the reply taken makes them itself (the
    reply's own critical tag is the breach then)."""
    if reply_text and promises.unfounded(reply_text, catalogue, context):
        return []
    subject = [reply_text, *context] if reply_text else list(context)
    return [str(promise) for promise in promises.unfounded(typed, catalogue, subject)]


def _is_surcharge(percent: float, catalogue: Catalogue) -> bool:
    return any(term.surcharge_percent == percent for term in catalogue.deferred_payment)


def _breaches(said: Facts, text: str, reply_text: str, catalogue: Catalogue | None) -> list[str]:
    """Offers in `text` the policy does not allow and the reply taken does not make either."""
    found: list[str] = []
    reply = spell_numbers(reply_text)
    # A quote is an offer too: a discount said beside the amounts it gives ("42 units so 10%
    # off, 6,900 in all") is what the client will be charged.
    offering = _OFFER_WORDS.search(text) is not None or bool(said.money)
    # A discount above what the volume tiers give (for the quantity named, or at all) is an
    # offer; one below it is a wrong fact, checked above.
    ceiling = 0.0
    if catalogue is not None and catalogue.volume_discounts:
        ceiling = max(tier.percent for tier in catalogue.volume_discounts)
        hardware = [int(_value(n)) for n in _HARDWARE.findall(text)]
        if hardware:
            ceiling = catalogue.discount_for(max(hardware))
    reply_percents = set(extract(reply_text).percents) if reply_text else set()
    if _DISCOUNT_WORDS.search(text) and offering and _offered(_PERCENT, text):
        for percent in said.percents:
            if percent > ceiling and percent not in reply_percents:
                found.append(f"offered {_fmt(percent)}% off, which is not the company's discount")
    if _offered(_WAIVE, text) and not _offered(_WAIVE, reply):
        found.append("offered to waive a surcharge or fee")
    if _offered(_FREE, text) and not _free_as_reply(text, reply):
        found.append("offered goods or service for free")
    if _offered(_GUARANTEE, text) and not _offered(_GUARANTEE, reply):
        found.append("gave a guarantee the policy does not allow")
    if catalogue is not None and catalogue.deferred_payment and _TERMS_WORDS.search(text):
        longest = max(term.days for term in catalogue.deferred_payment)
        for days in said.days:
            if days > longest:
                found.append(f"offered {days} days to pay; the longest term is {longest} days")
    if not found:
        # The second reading catches phrasings the checks above do not ("I can match 78",
        # "60 days with no surcharge"); an offer the reply itself makes is the reply's breach.
        offer = offers.unauthorised_offer(text, catalogue)
        if offer and not (reply_text and offers.unauthorised_offer(reply_text, catalogue)):
            found.append(offer)
    return found
