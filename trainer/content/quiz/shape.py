"""The shape of a quiz file: the keys its parser accepts, and its JSON Schema for editors."""

from __future__ import annotations

from trainer.content.catalogue import PRODUCT_ID_PATTERN
from trainer.content.quiz.model import (
    COMPANY_SECTIONS,
    MAX_TYPOS,
    PRODUCT_FIELDS,
    ItemType,
    QuizMode,
    Topic,
)
from trainer.content.shapes import (
    Choice,
    Flag,
    Id,
    ListOf,
    Number,
    Obj,
    OneOf,
    Scalar,
    Text,
    Variants,
    file_kind,
)

OPTION = Obj(
    "A choice; mark the right one(s) with correct: true.",
    required={"text": Scalar()},
    optional={"correct": Flag()},
)
SOURCE = Obj(
    "Where the answer lives: {product, field} or {company, title}.",
    optional={
        "product": Id(pattern=PRODUCT_ID_PATTERN),
        "field": Choice("A product field.", tuple(PRODUCT_FIELDS)),
        "company": Choice("A section of the company cards.", COMPANY_SECTIONS),
        "title": Text("The card's title within the company section."),
    },
)
ITEM = Obj(
    "One question of the pool.",
    required={
        "id": Id(),
        "type": Choice(values=tuple(kind.value for kind in ItemType)),
        "question": Text(),
        "explanation": Text("Shown with the feedback: why, and where to read it."),
    },
    optional={
        "topic": Choice(values=tuple(topic.value for topic in Topic)),
        "points": Number("Default 1.", minimum=0),
        "options": ListOf("single and multiple.", OneOf(options=(Scalar(), OPTION))),
        "answer": OneOf("true-false: true or false; numeric: the number.", (Flag(), Number())),
        "tolerance": Number("numeric: how far off an answer may be.", minimum=0),
        "unit": Text("numeric: e.g. EUR or days."),
        "answers": Variants("text: the accepted answers."),
        "typos": Number("text: typing errors forgiven.", 0, MAX_TYPOS, whole=True),
        "source": ListOf("Where the answer lives in the catalogue.", SOURCE, single_allowed=True),
    },
)
SHUFFLE_PARTS = Obj(optional={"items": Flag(), "options": Flag()})
SHUFFLE = OneOf("true, false, or {items, options}.", (Flag(), SHUFFLE_PARTS))
QUIZ = Obj(
    "A quiz: a pool of items, of which each attempt draws some.",
    required={
        "kind": file_kind("quiz"),
        "id": Id(),
        "title": Text(),
        "stage": Number("Programme stage.", 1, 4, whole=True),
        "mode": Choice(values=tuple(mode.value for mode in QuizMode)),
        "pass_mark": Number("Percent of the points needed to pass.", 0, 100),
        "items": ListOf(item=ITEM),
    },
    optional={
        "description": Text("Shown before the quiz starts."),
        "draw": Number("Items per attempt; default all.", minimum=1, whole=True),
        "shuffle": SHUFFLE,
        "partial_credit": Flag("Part of the points for a partly right multiple choice."),
    },
)
