"""The typed model of a quiz: a pool of items, what each asks and what answers it accepts."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from trainer.errors import Location


class ItemType(StrEnum):
    SINGLE = "single"
    MULTIPLE = "multiple"
    TRUE_FALSE = "true-false"
    NUMERIC = "numeric"
    TEXT = "text"


class QuizMode(StrEnum):
    PRACTICE = "practice"  # feedback after each item
    GRADED = "graded"  # feedback and score only at the end


class Topic(StrEnum):
    """What an item asks about: a supervisor's seven product questions, pricing, the company."""

    CHARACTERISTICS = "characteristics"
    PACKAGING = "packaging"
    OUT_OF_STOCK = "out-of-stock"
    EQUIPMENT_OPTIONS = "equipment-options"
    CONDITIONS = "conditions"
    DELIVERY = "delivery"
    DELIVERY_OUT_OF_STOCK = "delivery-out-of-stock"
    PRICING = "pricing"
    COMPANY = "company"

    @property
    def label(self) -> str:
        return _TOPIC_LABELS[self]


_TOPIC_LABELS = {
    Topic.CHARACTERISTICS: "Characteristics and difference from competitors",
    Topic.PACKAGING: "Packaging",
    Topic.OUT_OF_STOCK: "What to offer when an item is out of stock",
    Topic.EQUIPMENT_OPTIONS: "Equipment options for the client's setup",
    Topic.CONDITIONS: "Conditions of use and where to read them",
    Topic.DELIVERY: "Delivery time from the warehouse",
    Topic.DELIVERY_OUT_OF_STOCK: "Delivery time when out of stock",
    Topic.PRICING: "Prices, volume discounts and deferred payment",
    Topic.COMPANY: "The company: policies, tools and clients",
}

CHOICE_TYPES = (ItemType.SINGLE, ItemType.MULTIPLE)
# Where in the catalogue an answer can live: a product's fields, or a section of the company.
PRODUCT_FIELDS = {
    "name": "name",
    "category": "category",
    "summary": "summary",
    "characteristics": "characteristics",
    "differs": "difference from competitors",
    "packaging": "packaging",
    "options": "equipment options",
    "conditions": "conditions of use",
    "conditions_published": "where the conditions are published",
    "delivery_days": "delivery time",
    "out_of_stock_days": "delivery time when out of stock",
    "in_stock": "stock",
    "substitutes": "substitutes when out of stock",
    "price": "price",
    "unit": "unit",
}
COMPANY_SECTIONS = ("about", "policies", "tools", "clients")
MAX_TYPOS = 5


@dataclass(frozen=True, slots=True)
class Option:
    """One option of a choice item; `key` is its authored letter, stable under shuffling."""

    key: str
    text: str
    correct: bool = False


@dataclass(frozen=True, slots=True)
class Source:
    """Where in the catalogue the answer to an item lives."""

    label: str  # as shown to the trainee, e.g. "Northline PBX-200: packaging"
    product: str | None = None
    field: str | None = None
    company: str | None = None  # a company section: about, policies, tools or clients
    title: str | None = None  # the card's title within the section


@dataclass(frozen=True, slots=True)
class QuizItem:
    id: str
    type: ItemType
    question: str
    explanation: str
    points: float = 1.0
    topic: Topic | None = None
    options: tuple[Option, ...] = ()  # single and multiple, in authored order
    truth: bool | None = None  # true-false
    value: float | None = None  # numeric
    value_text: str = ""  # the numeric answer as written, e.g. "2251.50"
    tolerance: float = 0.0
    unit: str = ""
    answers: tuple[str, ...] = ()  # text: accepted answers as written
    typos: int | None = None  # text: most typing errors forgiven; None is by the answer's length
    sources: tuple[Source, ...] = ()
    location: Location | None = None

    @property
    def correct_keys(self) -> frozenset[str]:
        return frozenset(option.key for option in self.options if option.correct)


@dataclass(frozen=True, slots=True)
class Quiz:
    id: str
    title: str
    stage: int
    mode: QuizMode
    pass_mark: float
    items: tuple[QuizItem, ...]
    path: Path
    digest: str  # hash of the file's bytes, stored with every attempt
    description: str = ""
    draw: int | None = None  # items per attempt; None is all of them
    shuffle_items: bool = True
    shuffle_options: bool = True
    partial_credit: bool = False
    location: Location | None = None

    @property
    def size(self) -> int:
        """How many items one attempt asks."""
        return self.draw or len(self.items)


def normalise_text(text: str) -> str:
    """Text as answers are compared: case, accents, punctuation and spacing do not count."""
    decomposed = unicodedata.normalize("NFKD", text).casefold()
    kept = []
    for char in decomposed:
        category = unicodedata.category(char)
        if category == "Mn":  # accents, split off by NFKD
            continue
        kept.append(" " if category[0] in "PSZC" else char)
    return " ".join("".join(kept).split())
