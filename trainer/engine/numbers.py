"""Spell numbers, money and percentages one way, so "seven percent" and "7%" read the same."""

from __future__ import annotations

import re

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_NUMBER_WORD = "|".join(sorted([*_UNITS, *_SCALES], key=len, reverse=True))
# "two thousand five hundred", "forty-two", "a hundred": runs of number words, joined loosely;
# "and" joins only after a scale ("three thousand and two"): "eighty-four and forty" is two
_WORD_RUN = re.compile(
    rf"\b(?:an?\s+)?(?:{_NUMBER_WORD})"
    rf"(?:(?:(?:(?<=hundred)|(?<=thousand)|(?<=million))\s+and\s+|[\s-]+)(?:{_NUMBER_WORD}))*\b"
)
# 8,591.20; "3,360, plus" too: a comma that no digit follows ends the figure
_GROUPED = re.compile(r"(?<![\d.])(\d{1,3}(?:,\d{3})+)(?:\.(\d+))?(?!\d|,\d)")
_SUFFIXED = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s?([km])\b")  # 2k, 1.5m
_PERCENT = re.compile(r"\s*(?:%|\bper\s?cent\b|\bpct\b)")
_EURO = re.compile(r"€|\beuros?\b")
_DOLLAR = re.compile(r"\$|\bdollars?\b|\busd\b")
_POUND = re.compile(r"£|\bpounds?\b|\bgbp\b")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_SPLIT_AMOUNT = re.compile(r"\b(eur|usd|gbp)\s*(\d+(?:\.\d+)?)")  # "EUR 84" and "84 EUR" alike
# Money with its thousands marked by dots ("€3.360", "EUR 7.141,50") or spaces ("€3 360"): a
# mark followed by exactly three digits, beside a currency, groups thousands, never decimals
# (nobody quotes a price to a tenth of a cent). Read before the currency becomes a word.
_CURRENCY = r"(?:€|\beur\b|\beuros?\b)"
_THOUSANDS = r"\d{1,3}(?:(?P<mark>[. ])\d{3})(?:(?P=mark)\d{3})*(?P<cents>[,.]\d{1,2})?(?![\d.,]\d)"
# "€311,46" or "311,46 euros": a comma and two digits beside a currency are cents.
_CENTS_BEFORE = re.compile(rf"({_CURRENCY}\s?\d+),(\d{{2}})(?!\d|,\d)")
_CENTS_AFTER = re.compile(rf"(?<![\d.,])(\d+),(\d{{2}})(?=\s?{_CURRENCY})")
_AMOUNT_WORDS = "eur|euros?|in|all|total|plus|and|so|which|is|then|excl|incl|ex|vat|for|a|per|each"
_COUNTED = re.compile(rf"\s*(?!(?:{_AMOUNT_WORDS})\b)[a-z]")
_MARKED_BEFORE = re.compile(rf"(?P<cur>{_CURRENCY}\s?)(?P<num>{_THOUSANDS})")
_MARKED_AFTER = re.compile(rf"(?<![\d.,])(?<!\d )(?P<num>{_THOUSANDS})(?P<cur>\s?{_CURRENCY})")


def spell_numbers(text: str) -> str:
    """`text` lower-cased, with numbers as plain digits and money and percent as words.

    "Seven percent" -> "7 percent", "2k" -> "2000", "8,591.20" -> "8591.20", "€84" -> "84 eur".
    """
    text = text.lower().replace("\u2019", "'")  # a typographic apostrophe
    text = _MARKED_BEFORE.sub(_unmark, text)
    text = _MARKED_AFTER.sub(_unmark, text)
    text = _CENTS_BEFORE.sub(r"\1.\2", text)
    text = _CENTS_AFTER.sub(r"\1.\2", text)
    text = _EURO.sub(" eur ", text)
    text = _DOLLAR.sub(" usd ", text)
    text = _POUND.sub(" gbp ", text)
    text = _GROUPED.sub(_ungroup, text)
    text = _SUFFIXED.sub(_unsuffix, text)
    text = _WORD_RUN.sub(_word_value, text)
    text = _PERCENT.sub(" percent", text)
    text = _SPLIT_AMOUNT.sub(_currency_after, text)
    return " ".join(text.split())


def _currency_after(match: re.Match[str]) -> str:
    """ "EUR 84" as "84 EUR"; but in "84 EUR 59 per headset" the currency is 84's already."""
    before = match.string[: match.start()].split()
    if before and _NUMBER.fullmatch(before[-1]):
        return match.group(0)
    return f"{match.group(2)} {match.group(1)}"


def _unmark(match: re.Match[str]) -> str:
    """An amount with dots or spaces for thousands, its currency kept where it was."""
    number = match.group("num")
    if match.group("mark") == " " and _COUNTED.match(match.string, match.end()):
        return match.group(0)  # "€84 100 seats": a price, then a count
    cents = match.group("cents") or ""
    if cents.startswith(match.group("mark")):
        return match.group(0)  # "3.360.50": no reading is sure
    whole = number.removesuffix(cents)
    plain = whole.replace(match.group("mark"), "") + (f".{cents[1:]}" if cents else "")
    before, after = match.string[match.start() : match.start("num")], ""
    if match.start("cur") > match.start("num"):
        before, after = "", match.group("cur")
    return f"{before}{plain}{after}"


def _ungroup(match: re.Match[str]) -> str:
    whole = match.group(1).replace(",", "")
    return f"{whole}.{match.group(2)}" if match.group(2) else whole


def _unsuffix(match: re.Match[str]) -> str:
    value = float(match.group(1)) * (1000 if match.group(2) == "k" else 1_000_000)
    return f"{value:g}" if value != int(value) else str(int(value))


def _word_value(match: re.Match[str]) -> str:
    words = re.split(r"[\s-]+", match.group(0))
    if words[0] in {"a", "an"}:
        if len(words) == 1 or words[1] not in _SCALES:
            return match.group(0)  # "a one-off" stays words; "a hundred" is 100
        words[0] = "one"
    total = current = 0
    for word in words:
        if word == "and":
            continue
        if word in _UNITS:
            current += _UNITS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        else:
            total += max(current, 1) * _SCALES[word]
            current = 0
    return str(total + current)
