"""Mark one quiz answer, whatever the item's type: options, true or false, numbers, typed words."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from trainer.content.quiz.model import ItemType, Option, QuizItem, normalise_text
from trainer.engine.numbers import spell_numbers
from trainer.errors import DialogueError

# Float sums such as 10 * 79 * 0.97 miss the exact decimal by ~1e-13; forgive that much.
_EPSILON = 1e-9
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)*")
TRUE_WORDS = {"true", "t", "yes", "y", "right", "correct"}
FALSE_WORDS = {"false", "f", "no", "n", "wrong", "incorrect"}


class QuizError(DialogueError):
    """An answer the quiz cannot take: not a number, an unknown option, an item answered twice."""


class UnitError(QuizError):
    """A number given in a unit that does not convert to the one the item asks for."""

    def __init__(self, message: str, unit: str) -> None:
        super().__init__(message)
        self.unit = unit


@dataclass(frozen=True, slots=True)
class Marking:
    """How one answer scores, before timing and position are known."""

    correct: bool  # full points
    points: float
    max_points: float
    answer: str  # the answer given, normalised, as stored (option keys "a,c", "true", "1234.5")
    answer_text: str  # the answer given, as shown back to the trainee
    expected: str  # the right answer in words
    feedback: str  # one line: right, partly right (and why), or wrong


def mark(item: QuizItem, given: object, *, partial_credit: bool = False) -> Marking:
    """Score `given` against `item`; raises QuizError for input that is not an answer at all.

    `given` is an option key or Option (single), an iterable of them (multiple), a bool or
    yes/no text (true/false), a number or numeric text (numeric), or text (text).
    """
    if item.type is ItemType.SINGLE:
        return _mark_choices(item, _single_key(item, given), partial_credit=False)
    if item.type is ItemType.MULTIPLE:
        return _mark_choices(item, _keys(item, given), partial_credit=partial_credit)
    if item.type is ItemType.TRUE_FALSE:
        return _mark_true_false(item, given)
    if item.type is ItemType.NUMERIC:
        return _mark_numeric(item, given)
    return _mark_text(item, given)


def _option_key(item: QuizItem, given: object) -> str:
    key = given.key if isinstance(given, Option) else given
    if not isinstance(key, str) or key not in {option.key for option in item.options}:
        known = ", ".join(option.key for option in item.options)
        raise QuizError(f"'{key}' is not an option of item '{item.id}'; options: {known}")
    return key


def _single_key(item: QuizItem, given: object) -> frozenset[str]:
    if isinstance(given, Iterable) and not isinstance(given, str | Option):
        raise QuizError(f"item '{item.id}' takes one option")
    return frozenset({_option_key(item, given)})


def _keys(item: QuizItem, given: object) -> frozenset[str]:
    if isinstance(given, str | Option):
        given = [given]
    if not isinstance(given, Iterable):
        raise QuizError(f"item '{item.id}' takes a set of options")
    return frozenset(_option_key(item, key) for key in given)


def _mark_choices(item: QuizItem, picked: frozenset[str], *, partial_credit: bool) -> Marking:
    correct = item.correct_keys
    right = len(picked & correct)
    wrong = len(picked - correct)
    if picked == correct:
        share = 1.0
    elif partial_credit:
        share = max(0.0, (right - wrong) / len(correct))
    else:
        share = 0.0
    points = round(item.points * share, 4)
    texts = {option.key: option.text for option in item.options}
    expected = "; ".join(texts[key] for key in sorted(correct))
    if share == 1.0:
        feedback = "Correct."
    elif item.type is ItemType.MULTIPLE:
        parts = [f"{right} of {len(correct)} right options chosen"]
        if wrong:
            parts.append(f"{wrong} wrong one{'s' if wrong != 1 else ''} chosen")
        earned = f"{_number(points)} of {_number(item.points)} points"
        lead = "Partly right" if points > 0 else "Not quite"
        feedback = f"{lead}: {', '.join(parts)} ({earned}). The answer: {expected}."
    else:
        feedback = f"Not quite. The answer: {expected}."
    return Marking(
        correct=share == 1.0,
        points=points,
        max_points=item.points,
        answer=",".join(sorted(picked)),
        answer_text="; ".join(texts[key] for key in sorted(picked)) or "(none)",
        expected=expected,
        feedback=feedback,
    )


def _mark_true_false(item: QuizItem, given: object) -> Marking:
    value = _truth(item, given)
    expected = "True" if item.truth else "False"
    correct = value == item.truth
    return Marking(
        correct=correct,
        points=item.points if correct else 0.0,
        max_points=item.points,
        answer="true" if value else "false",
        answer_text="True" if value else "False",
        expected=expected,
        feedback="Correct." if correct else f"Not quite. The statement is {expected.lower()}.",
    )


def _truth(item: QuizItem, given: object) -> bool:
    if isinstance(given, Option):
        given = given.key
    if isinstance(given, bool):
        return given
    if isinstance(given, str):
        word = normalise_text(given)
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
    raise QuizError(f"item '{item.id}' takes true or false, not '{given}'")


def _mark_numeric(item: QuizItem, given: object) -> Marking:
    value = parse_number(given, item.unit)
    if value is None and isinstance(given, str):
        # A number in words ("three", "twenty-five"), as the call's matcher reads them too.
        value = parse_number(spell_numbers(_plain(given)), item.unit)
    if value is None and isinstance(given, str):
        value = parse_duration(given, item.unit)
        if value is None and _DURATION.fullmatch(_plain(given)) and item.unit:
            raise UnitError(
                f"give item '{item.id}' in {item.unit}, not '{given.strip()}'", item.unit
            )
    if value is None:
        raise QuizError(f"type a number (e.g. 1234.50) for item '{item.id}'")
    assert item.value is not None
    correct = abs(value - item.value) <= item.tolerance + _EPSILON
    within = f" (within {_number(item.tolerance)})" if item.tolerance else ""
    expected = f"{item.value_text}{_unit_after(item.value, item.unit)}{within}"
    return Marking(
        correct=correct,
        points=item.points if correct else 0.0,
        max_points=item.points,
        answer=_number(value),
        answer_text=f"{_number(value)}{_unit_after(value, item.unit)}",
        expected=expected,
        feedback="Correct." if correct else f"Not quite. The answer: {expected}.",
    )


# A time in a unit of its own ("3 days", "two weeks", "48 hours"), and what each unit is worth
# in the unit an item asks for. A business week is five business days; a business day is not
# a number of hours, so hours are not read where business days are asked.
_DURATION = re.compile(
    r"(?P<amount>.+?)\s*(?P<unit>minutes?|mins?|hours?|hrs?|"
    r"(?:business |working |calendar )?days?|(?:business |working )?weeks?|wks?)"
)
_IN_UNITS: dict[str, dict[str, float]] = {
    "hour": {"minute": 1 / 60, "hour": 1, "day": 24, "week": 168},
    "day": {"hour": 1 / 24, "day": 1, "week": 7},
    "business day": {"day": 1, "week": 5},
}
_UNIT_KINDS = {
    "hour": "hour",
    "hours": "hour",
    "day": "day",
    "days": "day",
    "calendar days": "day",
    "business days": "business day",
    "working days": "business day",
}


def parse_duration(given: str, unit: str) -> float | None:
    """A time typed with its own unit ("3 days", "two weeks", "48 hours") in the item's `unit`
    (hours, days or business days); None when it is not one, or the units do not convert."""
    target = _IN_UNITS.get(_UNIT_KINDS.get(unit.casefold().strip(), ""))
    found = _DURATION.fullmatch(_plain(given))
    if target is None or found is None:
        return None
    said = found["unit"].removeprefix("calendar ")
    said = "minute" if said.startswith("min") else "hour" if said.startswith("h") else said
    said = "week" if said.startswith(("week", "wk", "business week", "working week")) else said
    said = "day" if said.endswith(("day", "days")) else said
    if said not in target:
        return None
    spelled = found["amount"]
    amount = 1.0 if spelled in ("a", "an", "one") else parse_number(spell_numbers(spelled))
    return None if amount is None else amount * target[said]


def _plain(text: str) -> str:
    """Lower case, one space between words, no full stop at the end."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split()).rstrip(".")


def parse_number(given: object, unit: str = "") -> float | None:
    """A number typed as `1234.5`, `1,234.50`, `1 234,50`, `EUR 2251.50` or `€ 2.251,50`.

    With both `.` and `,` the last one is the decimal mark; one `,` before exactly three digits
    separates thousands; otherwise it is a decimal comma.
    """
    if isinstance(given, bool):
        return None
    if isinstance(given, int | float):
        return float(given) if math.isfinite(given) else None
    if not isinstance(given, str):
        return None
    text = unicodedata.normalize("NFKC", given).casefold()
    for noise in (unit.casefold(), "€", "$", "eur"):
        if noise:
            text = text.replace(noise, " ")
    text = re.sub(r"[\s'_]", "", text)
    if not _NUMBER.fullmatch(text):
        return None
    if "." in text and "," in text:
        decimal = "." if text.rfind(".") > text.rfind(",") else ","
    elif text.count(",") == 1 and (
        len(text.rpartition(",")[2]) != 3 or text.lstrip("+-").startswith("0,")
    ):
        decimal = ","
    elif text.count(".") == 1:
        decimal = "."
    else:
        decimal = ""  # every mark groups thousands
    whole, _, fraction = text.rpartition(decimal) if decimal else (text, "", "")
    groups = re.split(r"[.,]", whole.lstrip("+-"))
    if (decimal and decimal in whole) or len({mark for mark in whole if mark in ".,"}) > 1:
        return None
    if len(groups) > 1 and (len(groups[0]) > 3 or any(len(group) != 3 for group in groups[1:])):
        return None
    sign = "-" if whole.startswith("-") else ""
    return float(f"{sign}{''.join(groups)}.{fraction or 0}")


def _mark_text(item: QuizItem, given: object) -> Marking:
    if not isinstance(given, str) or not normalise_text(given):
        raise QuizError(f"type an answer for item '{item.id}'")
    answer = normalise_text(given)
    exact, close = text_match(given, item.answers, item.typos)
    correct = exact or close is not None
    if exact:
        feedback = "Correct."
    elif close is not None:
        feedback = f"Correct (mind the spelling: {close})."
    else:
        feedback = f"Not quite. The answer: {item.answers[0]}."
    return Marking(
        correct=correct,
        points=item.points if correct else 0.0,
        max_points=item.points,
        answer=answer,
        answer_text=given.strip(),
        expected=item.answers[0],
        feedback=feedback,
    )


def allowed_typos(answer: str) -> int:
    """How many typing errors an accepted answer forgives by default: more for longer words."""
    length = len(_compact(answer))
    return 0 if length < 4 else 1 if length < 9 else 2


def text_match(
    given: str, accepted: Iterable[str], typos: int | None = None
) -> tuple[bool, str | None]:
    """(exact, close): whether `given` equals an accepted answer once normalised, or else the
    accepted answer it is a small typo of. Digits must always match exactly ("30" is not "90")."""
    from rapidfuzz.distance import OSA  # 5 MB of C++: loaded with the first typed answer

    compact = _compact(given)
    digits = _digits(compact)
    close = None
    for answer in accepted:
        target = _compact(answer)
        if compact == target:
            return True, None
        if close is not None or digits != _digits(target):
            continue
        limit = allowed_typos(answer) if typos is None else typos
        if limit and OSA.distance(compact, target, score_cutoff=limit) <= limit:
            close = answer
    return False, close


def _compact(text: str) -> str:
    return normalise_text(text).replace(" ", "")


def _digits(text: str) -> str:
    return "".join(char for char in text if char.isdigit())


_ES = re.compile(r"(?:[sxz]|[cs]h)es$")  # "boxes", "batches": not a plain "s" to drop


def _unit_after(value: float, unit: str) -> str:
    """The item's unit after a figure, singular after exactly one: "1 business day", "2 days".
    Only a plain plural "s" is dropped; a unit it would garble ("EUR", "boxes") is kept."""
    if not unit:
        return ""
    if abs(value) == 1 and re.fullmatch(r".*[^\Wsuix]s", unit) and not _ES.search(unit):
        unit = unit[:-1]
    return f" {unit}"


def _number(value: float) -> str:
    """1234.5 as `1234.5`, 5.0 as `5`, without float noise."""
    return f"{round(value, 6):g}" if abs(value) < 1e15 else str(value)
