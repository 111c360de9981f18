"""The rubric (kind: rubric): the skills every call is scored on and the tags replies carry."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from trainer.content.frozen import frozen_map
from trainer.content.shapes import Id, ListOf, MapOf, Number, Obj, Text, file_kind
from trainer.content.suggest import suggestion
from trainer.errors import Location

if TYPE_CHECKING:
    import yaml

    from trainer.content.context import Reader

BUILTIN_TAGS = {"unclear": "A typed reply the client could not understand."}


# ---------------------------------------------------------------------------------------------
# Model


@dataclass(frozen=True, slots=True)
class Skill:
    id: str
    name: str
    weight: float
    description: str
    levels: tuple[tuple[float, str], ...]  # (lowest percent of the band, description), ascending
    must_pass: float | None = None
    location: Location | None = None

    def level(self, percent: float) -> str:
        """The description of the band that `percent` falls in."""
        chosen = self.levels[0][1]
        for floor, description in self.levels:
            if percent >= floor:
                chosen = description
        return chosen


@dataclass(frozen=True, slots=True)
class Habit:
    """A way of working a manager slips into, recognised by the tags of their replies."""

    id: str
    name: str  # "The lecture"
    tags: tuple[str, ...]
    advice: str  # what it does to the client and what to do instead, in plain words
    location: Location | None = None


@dataclass(frozen=True, slots=True)
class Rubric:
    pass_mark: float
    skills: Mapping[str, Skill]
    tags: Mapping[str, str]
    location: Location | None = None
    # Tags that fail a call whatever its score, each with the reason the trainee reads.
    critical: Mapping[str, str] = field(default_factory=frozen_map)
    habits: Mapping[str, Habit] = field(default_factory=frozen_map)


def known_tags(rubric: Rubric | None) -> dict[str, str] | None:
    """Every tag a reply or a reaction may carry, the built-in ones included; None without a
    rubric, when tags cannot be checked."""
    if rubric is None:
        return None
    return {**rubric.tags, **BUILTIN_TAGS}


# ---------------------------------------------------------------------------------------------
# Shape

SKILL = Obj(
    "A skill replies are scored on.",
    required={
        "name": Text("Shown on the scorecard."),
        "weight": Number("How much the skill counts in the total.", minimum=0),
        "description": Text(),
        "levels": MapOf(
            "Lowest percent of each band (from 0) to what that level looks like.", Text()
        ),
    },
    optional={"must_pass": Number("A call cannot pass below this percent.", 0, 100)},
)
HABIT = Obj(
    "A way of working a manager slips into; named on the scorecard when the trainee's replies "
    "carry its tags at least twice.",
    required={
        "name": Text("Shown on the scorecard, e.g. The lecture."),
        "tags": ListOf("The reply tags that show it.", Id(), single_allowed=True),
        "advice": Text("What it does to the client and what to do instead."),
    },
)
RUBRIC = Obj(
    "The skills every call is scored on.",
    required={
        "kind": file_kind("rubric"),
        "pass_mark": Number("Percent of the weighted score needed to pass.", 0, 100),
        "skills": MapOf("Skill id to skill.", SKILL),
        "tags": MapOf("Tag id to a one-line description.", Text()),
    },
    optional={
        "critical": MapOf(
            "Tags that fail a call whatever its score (compliance breaches), each to the reason "
            "the trainee reads, in plain words.",
            Text(),
        ),
        "habits": MapOf("Habit id to a way of working the scorecard can name.", HABIT),
    },
)


# ---------------------------------------------------------------------------------------------
# Parser


def parse_rubric(reader: Reader, root: yaml.Node) -> Rubric | None:
    fields = reader.mapping(root, "the rubric", RUBRIC)
    if fields is None:
        return None
    pass_mark = (
        reader.number(fields["pass_mark"], "pass_mark", 0, 100) if "pass_mark" in fields else None
    )
    skills: dict[str, Skill] = {}
    for skill_id, key_node, value in reader.entries(fields.get("skills"), "skills"):
        if reader.identifier(key_node, "skill id") is None:
            continue
        skill = _parse_skill(reader, skill_id, value)
        if skill is not None:
            skills[skill_id] = skill
    if "skills" in fields and not skills and not reader.problems:
        reader.error(fields["skills"], "the rubric needs at least one skill")
    tags: dict[str, str] = {}
    for tag, key_node, value in reader.entries(fields.get("tags"), "tags"):
        if reader.identifier(key_node, "tag") is None:
            continue
        if tag in BUILTIN_TAGS:
            reader.error(key_node, f"tag '{tag}' is built in; remove it from the rubric")
            continue
        description = reader.string(value, f"the description of tag '{tag}'")
        if description is not None:
            tags[tag] = description
    critical: dict[str, str] = {}
    for tag, key_node, value in reader.entries(fields.get("critical"), "critical"):
        if tag not in tags:
            reader.error(
                key_node,
                f"critical tag '{tag}' is not declared under tags{suggestion(tag, tags)}",
            )
            continue
        reason = reader.string(value, f"the reason of critical tag '{tag}'")
        if reason is not None:
            critical[tag] = reason
    habits: dict[str, Habit] = {}
    for habit_id, key_node, value in reader.entries(fields.get("habits"), "habits"):
        if reader.identifier(key_node, "habit id") is None:
            continue
        habit = _parse_habit(reader, habit_id, value, tags)
        if habit is not None:
            habits[habit_id] = habit
    if pass_mark is None or not skills:
        return None
    return Rubric(
        pass_mark,
        frozen_map(skills),
        frozen_map(tags),
        reader.loc(root),
        frozen_map(critical),
        frozen_map(habits),
    )


def _parse_habit(
    reader: Reader, habit_id: str, node: yaml.Node, tags: Mapping[str, str]
) -> Habit | None:
    what = f"habit '{habit_id}'"
    fields = reader.mapping(node, what, HABIT)
    if fields is None:
        return None
    name = reader.string(fields["name"], f"the name of {what}") if "name" in fields else None
    advice = (
        reader.string(fields["advice"], f"the advice of {what}") if "advice" in fields else None
    )
    shown: list[str] = []
    if "tags" in fields:
        import yaml  # here, not above: the rubric's model is used with no parser loaded

        given = fields["tags"]
        items = [given] if isinstance(given, yaml.ScalarNode) else reader.sequence(given, "tags")
        for item in items or []:
            tag = reader.identifier(item, f"a tag of {what}")
            if tag is None:
                continue
            if tag not in tags:
                reader.error(
                    item, f"tag '{tag}' of {what} is not declared under tags{suggestion(tag, tags)}"
                )
                return None
            shown.append(tag)
    if name is None or advice is None or not shown:
        return None
    return Habit(habit_id, name, tuple(shown), " ".join(advice.split()), reader.loc(node))


def _parse_skill(reader: Reader, skill_id: str, node: yaml.Node) -> Skill | None:
    what = f"skill '{skill_id}'"
    fields = reader.mapping(node, what, SKILL)
    if fields is None:
        return None
    name = reader.string(fields["name"], f"the name of {what}") if "name" in fields else None
    weight = (
        reader.number(fields["weight"], f"the weight of {what}", 0) if "weight" in fields else None
    )
    if weight == 0:
        reader.error(fields["weight"], f"the weight of {what} must be more than 0")
        weight = None
    description = (
        reader.string(fields["description"], f"the description of {what}")
        if "description" in fields
        else None
    )
    levels: list[tuple[float, str]] = []
    for _, key_node, value in reader.entries(fields.get("levels"), f"the levels of {what}"):
        floor = reader.number(key_node, f"a level of {what}", 0, 100)
        text = reader.string(value, f"the description of a level of {what}")
        if floor is not None and text is not None:
            levels.append((floor, text))
    levels.sort()
    if "levels" in fields and levels and levels[0][0] != 0:
        reader.error(fields["levels"], f"the levels of {what} must start at 0")
        return None
    must_pass = (
        reader.number(fields["must_pass"], f"must_pass of {what}", 0, 100)
        if "must_pass" in fields
        else None
    )
    if name is None or weight is None or description is None or not levels:
        return None
    return Skill(skill_id, name, weight, description, tuple(levels), must_pass, reader.loc(node))
