"""Read a quiz file into its typed model, checking every item and, when the content set has a
catalogue, where each answer lives in it."""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from trainer.content.catalogue import Catalogue
from trainer.content.context import Reader
from trainer.content.quiz.model import (
    CHOICE_TYPES,
    COMPANY_SECTIONS,
    MAX_TYPOS,
    PRODUCT_FIELDS,
    ItemType,
    Option,
    Quiz,
    QuizItem,
    QuizMode,
    Source,
    Topic,
    normalise_text,
)
from trainer.content.quiz.shape import ITEM, OPTION, QUIZ, SHUFFLE_PARTS, SOURCE
from trainer.content.suggest import suggestion

# Which optional item keys each type takes, and which it needs.
_TYPE_KEYS = {
    ItemType.SINGLE: ("options",),
    ItemType.MULTIPLE: ("options",),
    ItemType.TRUE_FALSE: ("answer",),
    ItemType.NUMERIC: ("answer", "tolerance", "unit"),
    ItemType.TEXT: ("answers", "typos"),
}
_TYPE_NEEDS = {
    ItemType.SINGLE: "options",
    ItemType.MULTIPLE: "options",
    ItemType.TRUE_FALSE: "answer",
    ItemType.NUMERIC: "answer",
    ItemType.TEXT: "answers",
}
_COMMON_KEYS = ("id", "type", "question", "explanation", "topic", "points", "source")


def parse_quiz(
    reader: Reader, root: yaml.Node, digest: str, catalogue: Catalogue | None
) -> Quiz | None:
    """The quiz in one file; each item's source is checked against `catalogue` when there is one."""
    fields = reader.mapping(root, "the quiz", QUIZ)
    if fields is None:
        return None
    quiz_id = reader.identifier(fields["id"], "the quiz id") if "id" in fields else None
    title = reader.string(fields["title"], "title") if "title" in fields else None
    stage = reader.integer(fields["stage"], "stage", 1, 4) if "stage" in fields else None
    mode = reader.choice(fields["mode"], "mode", QuizMode) if "mode" in fields else None
    pass_mark = (
        reader.number(fields["pass_mark"], "pass_mark", 0, 100) if "pass_mark" in fields else None
    )
    description = (
        reader.string(fields["description"], "description") if "description" in fields else ""
    )
    partial_credit = (
        reader.boolean(fields["partial_credit"], "partial_credit")
        if "partial_credit" in fields
        else False
    )
    shuffle = _shuffle(reader, fields["shuffle"]) if "shuffle" in fields else (True, True)
    sources = _SourceChecker(reader, catalogue)
    items: list[QuizItem] = []
    item_nodes = reader.sequence(fields["items"], "items") if "items" in fields else None
    seen: dict[str, yaml.Node] = {}
    for number, node in enumerate(item_nodes or [], start=1):
        item = _item(reader, node, number, sources)
        if item is None:
            continue
        if item.id in seen:
            reader.error(
                _value_node(node, "id") or node,
                f"two items have the id '{item.id}' (the first is on line "
                f"{seen[item.id].start_mark.line + 1})",
            )
            continue
        seen[item.id] = node
        items.append(item)
    if item_nodes is not None and not item_nodes:
        reader.error(fields["items"], "a quiz needs at least one item")
    draw = None
    if "draw" in fields:
        draw = reader.integer(fields["draw"], "draw", 1)
        pool = len(item_nodes or [])
        if draw is not None and item_nodes and draw > pool:
            reader.error(
                fields["draw"],
                f"draw is {draw}, but the quiz has only {pool} item{'s' if pool != 1 else ''}; "
                f"draw at most {pool} or add items",
            )
            draw = None
    if (
        quiz_id is None
        or title is None
        or stage is None
        or mode is None
        or pass_mark is None
        or description is None
        or partial_credit is None
        or shuffle is None
        or not items
        or ("draw" in fields and draw is None)
    ):
        return None
    return Quiz(
        id=quiz_id,
        title=title,
        stage=stage,
        mode=mode,
        pass_mark=pass_mark,
        items=tuple(items),
        path=reader.path,
        digest=digest,
        description=description,
        draw=draw if draw != len(items) else None,
        shuffle_items=shuffle[0],
        shuffle_options=shuffle[1],
        partial_credit=partial_credit,
        location=reader.loc(root),
    )


def _shuffle(reader: Reader, node: yaml.Node) -> tuple[bool, bool] | None:
    if isinstance(node, yaml.MappingNode):
        fields = reader.mapping(node, "shuffle", SHUFFLE_PARTS)
        if fields is None:
            return None
        chosen = {
            key: reader.boolean(fields[key], f"shuffle {key}") if key in fields else True
            for key in ("items", "options")
        }
        if chosen["items"] is None or chosen["options"] is None:
            return None
        return chosen["items"], chosen["options"]
    both = reader.boolean(node, "shuffle")
    return None if both is None else (both, both)


def _item(reader: Reader, node: yaml.Node, number: int, sources: _SourceChecker) -> QuizItem | None:
    declared = _value_node(node, "id")
    what = (
        f"item '{declared.value}'"
        if isinstance(declared, yaml.ScalarNode) and declared.value
        else f"item {number}"
    )
    fields = reader.mapping(node, what, ITEM)
    if fields is None:
        return None
    item_id = reader.identifier(fields["id"], f"the id of {what}") if "id" in fields else None
    item_type = reader.choice(fields["type"], "type", ItemType) if "type" in fields else None
    question = (
        reader.string(fields["question"], f"the question of {what}")
        if "question" in fields
        else None
    )
    explanation = (
        reader.string(fields["explanation"], f"the explanation of {what}")
        if "explanation" in fields
        else None
    )
    topic = reader.choice(fields["topic"], "topic", Topic) if "topic" in fields else None
    points: float | None = 1.0
    if "points" in fields:
        points = reader.number(fields["points"], f"the points of {what}", 0)
        if points == 0:
            reader.error(fields["points"], f"the points of {what} must be more than 0")
            points = None
    item_sources = sources.check(fields["source"], what) if "source" in fields else ()
    if item_type is None:
        return None
    misplaced = [
        key for key in fields if key not in _COMMON_KEYS and key not in _TYPE_KEYS[item_type]
    ]
    for key in misplaced:
        users = [kind.value for kind, keys in _TYPE_KEYS.items() if key in keys]
        reader.error(
            _key_node(node, key) or node,
            f"'{key}' does not apply to a {item_type.value} item like {what}; "
            f"it is for {' and '.join(users)} items",
        )
    needed = _TYPE_NEEDS[item_type]
    if needed not in fields:
        reader.error(node, f"{what} is a {item_type.value} item and needs '{needed}'")
        return None
    details = _ItemDetails()
    if item_type in CHOICE_TYPES:
        details.options = _options(reader, fields["options"], what, item_type)
    elif item_type is ItemType.TRUE_FALSE:
        details.truth = reader.boolean(fields["answer"], f"the answer of {what}")
    elif item_type is ItemType.NUMERIC:
        details.value = reader.number(fields["answer"], f"the answer of {what}")
        details.value_text = str(fields["answer"].value)
        if "tolerance" in fields:
            details.tolerance = reader.number(fields["tolerance"], f"the tolerance of {what}", 0)
        if "unit" in fields:
            details.unit = reader.string(fields["unit"], f"the unit of {what}")
    else:
        details.answers = _accepted_answers(reader, fields["answers"], what)
        if "typos" in fields:
            details.typos = reader.integer(fields["typos"], f"typos of {what}", 0, MAX_TYPOS)
            details.typos_ok = details.typos is not None
    if (
        misplaced
        or item_id is None
        or question is None
        or explanation is None
        or points is None
        or item_sources is None
        or not details.complete(item_type)
    ):
        return None
    return QuizItem(
        id=item_id,
        type=item_type,
        question=question,
        explanation=explanation,
        points=points,
        topic=topic,
        options=details.options or (),
        truth=details.truth,
        value=details.value,
        value_text=details.value_text,
        tolerance=details.tolerance or 0.0,
        unit=details.unit or "",
        answers=details.answers or (),
        typos=details.typos,
        sources=item_sources,
        location=reader.loc(node),
    )


@dataclass
class _ItemDetails:
    """The type-specific parts of an item while it is being read; None marks a fault."""

    options: tuple[Option, ...] | None = None
    truth: bool | None = None
    value: float | None = None
    value_text: str = ""
    tolerance: float | None = 0.0
    unit: str | None = ""
    answers: tuple[str, ...] | None = None
    typos: int | None = None
    typos_ok: bool = True

    def complete(self, item_type: ItemType) -> bool:
        if item_type in CHOICE_TYPES:
            return self.options is not None
        if item_type is ItemType.TRUE_FALSE:
            return self.truth is not None
        if item_type is ItemType.NUMERIC:
            return None not in (self.value, self.tolerance, self.unit)
        return self.answers is not None and self.typos_ok


def _options(
    reader: Reader, node: yaml.Node, what: str, item_type: ItemType
) -> tuple[Option, ...] | None:
    items = reader.sequence(node, f"the options of {what}")
    if items is None:
        return None
    options: list[Option] = []
    correct_nodes: list[tuple[int, yaml.Node]] = []
    seen: dict[str, int] = {}
    faulty = False
    for number, item in enumerate(items, start=1):
        key = _option_key(number)
        text: str | None
        correct: bool | None = False
        if isinstance(item, yaml.MappingNode):
            entry = reader.mapping(item, f"option {number} of {what}", OPTION)
            if entry is None or "text" not in entry:
                faulty = True
                continue
            text = _loose_text(reader, entry["text"], f"option {number} of {what}")
            if "correct" in entry:
                correct = reader.boolean(entry["correct"], f"'correct' of option {number}")
        else:
            text = _loose_text(reader, item, f"option {number} of {what}")
        if text is None or correct is None:
            faulty = True
            continue
        same = normalise_text(text)
        if same in seen:
            reader.error(item, f"option {number} of {what} repeats option {seen[same]} ('{text}')")
            faulty = True
            continue
        seen[same] = number
        if correct:
            correct_nodes.append((number, item))
        options.append(Option(key, text, correct))
    if len(items) < 2:
        reader.error(node, f"{what} needs at least two options to choose from")
        return None
    if faulty:
        return None
    if not correct_nodes:
        kind = "exactly one" if item_type is ItemType.SINGLE else "at least one"
        reader.error(
            node,
            f"{what} needs {kind} correct option; none is marked (add 'correct: true' to it)",
        )
        return None
    if item_type is ItemType.SINGLE and len(correct_nodes) > 1:
        *firsts, last = (str(number) for number, _ in correct_nodes)
        reader.error(
            correct_nodes[1][1],
            f"{what} is single choice but options {', '.join(firsts)} and {last} are marked "
            "correct; mark one, or make it 'type: multiple'",
        )
        return None
    if item_type is ItemType.MULTIPLE and len(correct_nodes) == len(options):
        reader.warn(
            node, f"every option of {what} is correct, so it tests nothing; add a wrong one"
        )
    return tuple(options)


def _option_key(number: int) -> str:
    """a, b, ..., z, then aa, ab, ...: the option's stable name in stored answers."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def _accepted_answers(reader: Reader, node: yaml.Node, what: str) -> tuple[str, ...] | None:
    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    if not items:
        reader.error(node, f"the accepted answers of {what} need at least one answer")
        return None
    answers = []
    for item in items:
        text = _loose_text(reader, item, f"an accepted answer of {what}")
        if text is None:
            return None
        if not normalise_text(text):
            reader.error(item, f"the accepted answer '{text}' of {what} has no letters or digits")
            return None
        answers.append(text)
    return tuple(answers)


def _loose_text(reader: Reader, node: yaml.Node, what: str) -> str | None:
    """Text that may be written unquoted as a number or a yes/no (`- 50`, `- No`)."""
    if not isinstance(node, yaml.ScalarNode) or node.tag == "tag:yaml.org,2002:null":
        reader.error(node, f"{what} must be text")
        return None
    text = str(node.value).strip()
    if not text:
        reader.error(node, f"{what} must not be empty")
        return None
    return text


def _key_node(mapping: yaml.Node, key: str) -> yaml.Node | None:
    for key_node, _ in mapping.value if isinstance(mapping, yaml.MappingNode) else []:
        if getattr(key_node, "value", None) == key:
            return key_node  # type: ignore[no-any-return]
    return None


def _value_node(mapping: yaml.Node, key: str) -> yaml.Node | None:
    for key_node, value in mapping.value if isinstance(mapping, yaml.MappingNode) else []:
        if getattr(key_node, "value", None) == key:
            return value  # type: ignore[no-any-return]
    return None


class _SourceChecker:
    """Checks the `source` of items against the catalogue, when the content set has one."""

    def __init__(self, reader: Reader, catalogue: Catalogue | None) -> None:
        self.reader = reader
        self.catalogue = catalogue
        self.warned = False

    def check(self, node: yaml.Node, what: str) -> tuple[Source, ...] | None:
        items = node.value if isinstance(node, yaml.SequenceNode) else [node]
        sources = []
        for item in items:
            source = self.source(item, what)
            if source is None:
                return None
            sources.append(source)
        return tuple(sources)

    def source(self, node: yaml.Node, what: str) -> Source | None:
        reader = self.reader
        fields = reader.mapping(node, f"the source of {what}", SOURCE)
        if fields is None:
            return None
        if ("product" in fields) == ("company" in fields):
            reader.error(
                node,
                f"the source of {what} names either a product ({{product: id, field: name}}) or "
                "a company section ({company: policies, title: Returns})",
            )
            return None
        if "product" in fields:
            return self.product_source(fields, what)
        return self.company_source(fields, what)

    def product_source(self, fields: dict[str, yaml.Node], what: str) -> Source | None:
        reader = self.reader
        if "title" in fields:
            reader.error(fields["title"], "'title' goes with 'company', not 'product'")
            return None
        product_id = reader.string(fields["product"], f"the product of the source of {what}")
        field_name = (
            reader.string(fields["field"], f"the field of the source of {what}")
            if "field" in fields
            else None
        )
        if product_id is None or ("field" in fields and field_name is None):
            return None
        if field_name is not None and field_name not in PRODUCT_FIELDS:
            reader.error(
                fields["field"],
                f"products have no field '{field_name}'{suggestion(field_name, PRODUCT_FIELDS)}; "
                f"fields: {', '.join(PRODUCT_FIELDS)}",
            )
            return None
        catalogue = self.usable_catalogue(fields["product"])
        if catalogue is None:
            label = f"{product_id}: {PRODUCT_FIELDS[field_name]}" if field_name else product_id
            return Source(label, product=product_id, field=field_name)
        product = catalogue.products.get(product_id)
        if product is None:
            reader.error(
                fields["product"],
                f"product '{product_id}' is not in the catalogue"
                f"{suggestion(product_id, catalogue.products)}",
            )
            return None
        if field_name is None:
            return Source(product.name, product=product_id)
        value = getattr(product, field_name)
        if isinstance(value, tuple | str) and not value:
            reader.error(
                fields["field"],
                f"product '{product_id}' has no {PRODUCT_FIELDS[field_name]} in the catalogue",
            )
            return None
        label = f"{product.name}: {PRODUCT_FIELDS[field_name]}"
        return Source(label, product=product_id, field=field_name)

    def company_source(self, fields: dict[str, yaml.Node], what: str) -> Source | None:
        reader = self.reader
        if "field" in fields:
            reader.error(fields["field"], "'field' goes with 'product', not 'company'")
            return None
        section = reader.string(fields["company"], f"the company section of the source of {what}")
        title = (
            reader.string(fields["title"], f"the title of the source of {what}")
            if "title" in fields
            else None
        )
        if section is None or ("title" in fields and title is None):
            return None
        if section not in COMPANY_SECTIONS:
            reader.error(
                fields["company"],
                f"the company cards have no section '{section}'"
                f"{suggestion(section, COMPANY_SECTIONS)}; sections: {', '.join(COMPANY_SECTIONS)}",
            )
            return None
        if section == "about" and title is not None:
            reader.error(fields["title"], "the 'about' card has no titles; leave 'title' out")
            return None
        label = f"Company cards: {section}" + (f", {title}" if title else "")
        catalogue = self.usable_catalogue(fields["company"])
        if catalogue is not None and title is not None:
            titles = [card.title for card in getattr(catalogue.company, section)]
            if title not in titles:
                reader.error(
                    fields["title"],
                    f"the company's {section} have no card '{title}'{suggestion(title, titles)}",
                )
                return None
        return Source(label, company=section, title=title)

    def usable_catalogue(self, node: yaml.Node) -> Catalogue | None:
        if self.catalogue is None and not self.warned:
            self.warned = True
            self.reader.warn(
                node,
                "sources cannot be checked: the content set has no usable catalogue "
                "(quizzes/catalogue.yaml)",
            )
        return self.catalogue
