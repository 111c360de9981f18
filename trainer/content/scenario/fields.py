"""The small fields of a scenario file shared by its parts: points, tags and texts with
placeholders, each checked against the rubric and the names a text may use."""

from __future__ import annotations

import yaml

from trainer.content import templates
from trainer.content.context import Reader
from trainer.content.frozen import frozen_map
from trainer.content.rubric import Rubric
from trainer.content.scenario.model import Points
from trainer.content.suggest import suggestion


def read_points(reader: Reader, node: yaml.Node, what: str, rubric: Rubric | None) -> Points:
    points: dict[str, float] = {}
    skills = rubric.skills if rubric else None
    for key, key_node, value in reader.entries(node, what):
        if skills is not None and key not in skills:
            reader.error(
                key_node,
                f"'{key}' in {what} is not a rubric skill{suggestion(key, skills)}; "
                f"skills: {', '.join(skills)}",
            )
            continue
        amount = reader.number(value, f"points for {key}", -100, 100)
        if amount is not None:
            points[key] = amount
    return frozen_map(points)


def read_tags(
    reader: Reader, node: yaml.Node, what: str, known: dict[str, str] | None
) -> tuple[str, ...]:
    tags = []
    for tag, tag_node in reader.id_list(node, what):
        if known is not None and tag not in known:
            reader.error(
                tag_node,
                f"tag '{tag}' is not declared in the rubric{suggestion(tag, known)}",
            )
            continue
        tags.append(tag)
    return tuple(tags)


def check_placeholders(reader: Reader, node: yaml.Node, text: str, allowed: list[str]) -> None:
    if "{" not in text:  # most texts name no one
        return
    for name, offset in templates.placeholders(text):
        if name not in allowed:
            where = reader.loc_within(node, offset)
            close = suggestion(name, allowed).replace(" '", " '{").replace("'?", "}'?")
            reader.error(
                where,
                f"unknown placeholder '{{{name}}}'{close}; "
                f"use one of: {', '.join('{' + item + '}' for item in allowed)}",
            )


def text_variants(
    reader: Reader, node: yaml.Node, what: str, allowed: list[str]
) -> tuple[str, ...] | None:
    texts = reader.variants(node, what)
    if texts is None:
        return None
    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    for item, text in zip(items, texts, strict=True):
        check_placeholders(reader, item, text, allowed)
    return texts
