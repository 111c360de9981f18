"""Figures a line says for a quantity its reply names otherwise: total, minimum, rate, delay.

A figure right elsewhere is wrong here: "7,560 in total" for a quote of 15,573.20 names the
seats' sub-total as the total. Texts are read after `trainer.engine.numbers.spell_numbers`; a
figure the line turns down ("I can't do 10 percent off") is no claim (see `claimed`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from trainer.content.catalogue import Catalogue
from trainer.engine import offers

_NUMBER = r"\d+(?:\.\d+)?"

# A figure turned down is no claim: a negation just before it in its clause ("I can't do 10
# percent off", "not 90 days") or a refusal just after it ("10 percent off isn't possible").
# A comma ends the clause: "I can't do 10 percent, the table gives you 5 percent" states 5.
_REFUSED_BEFORE = re.compile(
    r"\b(?:can'?t|cannot|can not|won'?t|will not|not|unable|never|nobody|no one|no way)"
    r"(?:\s+[\w']+){0,3}\s*$"
)


def claimed(pattern: re.Pattern[str], text: str) -> list[str]:
    """The first group of each match of `pattern` in `text` that no negation turns down."""
    return [match.group(1) for match in _stood_by(pattern, text)]


def _stood_by(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    found = []
    for match in pattern.finditer(text):
        before = re.split(r"[,.;:!?]|\bbut\b", text[: match.start()])[-1]
        if _REFUSED_BEFORE.search(before) or offers.refused_after(text[match.end() :]):
            continue
        found.append(match)
    return found


# A total named as such: "7,141 in all", "total: 7141 eur", "in total 7141 eur".
_TOTAL_AFTER = re.compile(
    rf"\b({_NUMBER})(?: eur)?,? (?:in all|in total|all in|all told|altogether|overall|total)\b"
)
_TOTAL_BEFORE = re.compile(
    rf"\b(?:in all|in total|all in|all told|altogether|grand total|total)(?: is| of| comes to|"
    rf" comes out at| =)?:? ?(?:eur )?({_NUMBER})\b"
)
# A volume discount said as a rate: "5 percent off", "less 5 percent", "the 8 percent tier".
_DISCOUNT_RATE = re.compile(
    rf"\b({_NUMBER}) percent (?:off|discount|less|volume|tier|rebate)\b|"
    rf"\b(?:off|discount(?: of)?|less|minus|rebate(?: of)?|-) ?({_NUMBER}) percent\b"
)


# A minimum named as such: "the minimum order is 1500 eur", "a 4000 eur minimum".
_MINIMUM = re.compile(
    rf"\bminimum(?: order)?(?: value)?(?: is| of)?:? ?(?:eur )?({_NUMBER})\b|"
    rf"\b({_NUMBER})(?: eur)? minimum\b"
)


def _minimums(text: str) -> list[float]:
    return [float(a or b) for a, b in _MINIMUM.findall(text)]


def _totals(text: str) -> list[float]:
    return [float(n) for pattern in (_TOTAL_AFTER, _TOTAL_BEFORE) for n in claimed(pattern, text)]


def _rates(text: str) -> list[float]:
    return [float(m.group(1) or m.group(2)) for m in _stood_by(_DISCOUNT_RATE, text)]


# A delay, by what takes the time: "porting takes 7 to 10 business days", "ships in 2 days".
_DELAYS = {
    "porting": re.compile(r"\bport(?:s|ed|ing)?\b"),
    "delivery": re.compile(r"\b(?:ship\w*|deliver\w*|arriv\w*|leav(?:e|es|ing))\b"),
    "a repair": re.compile(r"\brepair\w*\b"),
}
_DAYS = re.compile(
    rf"\b({_NUMBER})(?:\s*(?:-|to)\s*({_NUMBER}))?[- ](?:business |working )?days?\b"
)


def _delays(text: str) -> dict[str, list[float]]:
    """The days each delay takes, by clause: a clause that names two kinds of delay is left."""
    found: dict[str, list[float]] = {}
    for clause in re.split(r"[,;.!?]|\band\b|\bbut\b", text):
        kinds = [kind for kind, cue in _DELAYS.items() if cue.search(clause)]
        if len(kinds) != 1:
            continue
        for match in _stood_by(_DAYS, clause):
            days = [float(n) for n in match.groups() if n]
            found.setdefault(kinds[0], []).extend(days)
    return found


def mismatches(
    text: str,
    reply: str,
    money: Sequence[float],
    catalogue: Catalogue | None,
    lead_times: Iterable[float] = (),
) -> list[str]:
    """The figures `text` says for a quantity `reply` names otherwise: the total, the minimum
    order and the discount, each in plain words for the coach ("you said €7,241: the total is
    €7,141"). `money` is every amount the line says.

    The total is the largest amount the line says, named as a total: a sub-total called the
    total ("7,560 in total" for a quote of 15,573.20) contradicts the reply's however right it
    is as a sub-total. A discount rate is the reply's (a surcharge's rate is no discount). A
    delay (porting, delivery, a repair) is the reply's for the same thing, or one of
    `lead_times` (those of a product the line names: "the Orbit 12 ships in 18 days").
    """
    found: list[str] = []
    totals, theirs = _totals(text), _totals(reply)
    if totals and theirs and max(totals) >= max(money, default=0.0):
        total = max(totals)
        if not any(abs(total - right) < 0.5 for right in theirs):
            right = ", ".join(_money(v) for v in _unique(theirs))
            found.append(f"you said {_money(total)}: the total is {right}")
    minimums, reply_minimums = _minimums(text), _minimums(reply)
    for minimum in _unique(minimums):
        if reply_minimums and not any(abs(minimum - m) < 0.5 for m in reply_minimums):
            right = ", ".join(_money(v) for v in _unique(reply_minimums))
            figure = "figures are" if len(set(reply_minimums)) > 1 else "figure is"
            found.append(f"you said {_money(minimum)}: the right {figure} {right}")
    rates, reply_rates = _rates(text), _rates(reply)
    surcharges = {t.surcharge_percent for t in catalogue.deferred_payment} if catalogue else set()
    for rate in _unique(rates):
        if reply_rates and rate not in reply_rates and rate not in surcharges:
            right = " or ".join(f"{_fmt(r)}%" for r in _unique(reply_rates))
            found.append(f"you said {_fmt(rate)}%: the discount here is {right}")
    delays, reply_delays = _delays(text), _delays(reply)
    if not any(cue.search(reply) for cue in _DELAYS.values()):
        # a reply that names no kind of delay: its days are the days of every kind
        reply_days = [float(n) for m in _stood_by(_DAYS, reply) for n in m.groups() if n]
        reply_delays = dict.fromkeys(delays, reply_days)
    for kind, said in delays.items():
        taken = reply_delays.get(kind)
        for days in _unique(said):
            if taken and days not in taken and days not in lead_times:
                span = " to ".join(_fmt(d) for d in _unique(taken))
                found.append(f"you said {_fmt(days)} days: {kind} takes {span} days")
    return found


def _money(value: float) -> str:
    return f"€{value:,.2f}".replace(".00", "")


def _fmt(value: float) -> str:
    return f"{value:g}"


def _unique(values: Iterable[float]) -> list[float]:
    return list(dict.fromkeys(values))
