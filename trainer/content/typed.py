"""Typed-line tests: what trainees might type at a node, and which reply it must be taken as.

They live in `scenarios/tests/typed/<scenario>.yaml` (kind: typed), apart from the conversation
tests, and prove the matcher: every line names its category (a close rewording, a paraphrase, a
casual line with typos, an off-topic line, content-free words) and the reply it means, or
nothing for the last two. Files in its `held_back*/` folders (`held_back/`, `held_back_2/`, ...)
are the same kind, written apart and never tuned on: each estimates how the matcher does with
phrasings nobody has looked at, and is reported as a set of its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path

import yaml

from trainer.content.context import Problem, Reader
from trainer.content.files import read_text
from trainer.content.scenario.model import Scenario
from trainer.content.shapes import Choice, Id, ListOf, Obj, Text
from trainer.content.suggest import suggestion
from trainer.content.yamlsource import compose
from trainer.errors import ContentError, Location

TYPED_FOLDER = Path("scenarios") / "tests" / "typed"
HELD_BACK_FOLDER = TYPED_FOLDER / "held_back"
HELD_BACK_PREFIX = "held_back"  # every folder of typed lines named so is a held-back set


class Category(StrEnum):
    CLOSE = "close"  # the reply reworded lightly
    PARAPHRASE = "paraphrase"  # the same intent in different words
    CASUAL = "casual"  # typed quickly: short, lower case, typos
    OFF_TOPIC = "off-topic"  # says something, but none of the replies
    CONTENT_FREE = "content-free"  # fillers, greetings, a lone word or number

    @property
    def article(self) -> str:
        """'a close', 'an off-topic': the kind with its article, for messages."""
        return f"{'an' if self.value[0] in 'aeiou' else 'a'} {self.value}"

    @property
    def must_match(self) -> bool:
        return self not in {Category.OFF_TOPIC, Category.CONTENT_FREE}


@dataclass(frozen=True, slots=True)
class TypedLine:
    node: str
    text: str
    category: Category
    expect: str | None  # the reply id it must be taken as; None: it must not match any
    location: Location


@dataclass(frozen=True, slots=True)
class TypedSet:
    scenario: str
    lines: tuple[TypedLine, ...]
    held_back: bool = False  # from a held-back folder: a measure, never a tuning aid
    batch: str = ""  # the held-back folder's name ("held_back_2"); "" for the dev lines


_KIND = Choice("What the file is.", ("typed",))
TYPED_LINE = Obj(
    "One line a trainee might type.",
    required={
        "at": Id("The node where it is typed."),
        "say": Text("The typed words."),
        "kind": Choice(values=tuple(category.value for category in Category)),
    },
    optional={"expect": Id("The reply it must be taken as (close, paraphrase, casual).")},
)
TYPED = Obj(
    "Typed lines that prove the matching of one scenario.",
    required={"kind": _KIND, "scenario": Id(), "lines": ListOf(item=TYPED_LINE)},
)


def load_typed(
    root: Path, scenarios: Mapping[str, Scenario]
) -> tuple[list[TypedSet], list[Problem]]:
    """Every typed-line file of the content set at `root`, and every problem found in them."""
    problems: list[Problem] = []
    sets = []
    folders = [TYPED_FOLDER, *_held_back_folders(root)]
    paths = [
        (path, "" if folder == TYPED_FOLDER else folder.name)
        for folder in folders
        if (root / folder).is_dir()
        for path in sorted((root / folder).glob("*.yaml"))
    ]
    for path, batch in paths:
        shown = _shown(path)
        try:
            node = compose(read_text(path, shown), shown)
        except ContentError as error:
            problems.append(Problem(error.location, error.message))
            continue
        if node is None:
            problems.append(Problem(Location(shown, 1, 1), "the file is empty"))
            continue
        parsed = parse_typed(Reader(shown, problems), node, scenarios)
        if parsed is not None:
            sets.append(replace(parsed, held_back=bool(batch), batch=batch))
    return sets, problems


def _held_back_folders(root: Path) -> list[Path]:
    """The held-back folders under the typed lines, in name order, relative to `root`."""
    typed = root / TYPED_FOLDER
    if not typed.is_dir():
        return []
    return [
        TYPED_FOLDER / folder.name
        for folder in sorted(typed.iterdir())
        if folder.is_dir() and folder.name.startswith(HELD_BACK_PREFIX)
    ]


def _shown(path: Path) -> Path:
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return path


def parse_typed(
    reader: Reader, root: yaml.Node, scenarios: Mapping[str, Scenario]
) -> TypedSet | None:
    fields = reader.mapping(root, "the typed-line file", TYPED)
    if fields is None or "scenario" not in fields or "lines" not in fields:
        return None
    scenario_id = reader.identifier(fields["scenario"], "scenario")
    if scenario_id is None:
        return None
    if scenario_id not in scenarios:
        reader.error(
            fields["scenario"],
            f"scenario '{scenario_id}' does not exist{suggestion(scenario_id, scenarios)}",
        )
        return None
    scenario = scenarios[scenario_id]
    lines = []
    for item in reader.sequence(fields["lines"], "lines") or []:
        line = _line(reader, item, scenario)
        if line is not None:
            lines.append(line)
    return TypedSet(scenario_id, tuple(lines))


def _line(reader: Reader, node: yaml.Node, scenario: Scenario) -> TypedLine | None:
    fields = reader.mapping(node, "a typed line", TYPED_LINE)
    if fields is None or not {"at", "say", "kind"} <= fields.keys():
        return None
    at = reader.identifier(fields["at"], "the node")
    text = reader.string(fields["say"], "the typed words")
    category = reader.choice(fields["kind"], "the kind of line", Category)
    if at is None or text is None or category is None:
        return None
    if at not in scenario.nodes:
        reader.error(
            fields["at"],
            f"scenario '{scenario.id}' has no node '{at}'{suggestion(at, scenario.nodes)}",
        )
        return None
    expect = reader.identifier(fields["expect"], "the reply") if "expect" in fields else None
    replies = {reply.id: reply for reply in scenario.nodes[at].replies}
    if category.must_match and expect is None:
        reader.error(node, f"{category.article} line needs 'expect:', the reply it means")
        return None
    if not category.must_match and "expect" in fields:
        reader.error(fields["expect"], f"{category.article} line must not match: drop 'expect:'")
        return None
    if expect is not None and expect not in replies:
        reader.error(
            fields["expect"],
            f"node '{at}' has no reply '{expect}'{suggestion(expect, replies)}",
        )
        return None
    return TypedLine(at, text, category, expect, reader.loc(node))
