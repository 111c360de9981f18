"""Conversation tests (kind: test): scripted calls through a scenario and the ending each must
reach, so an author learns at once when an edit changes how a call plays out."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Set
from dataclasses import dataclass
from typing import TYPE_CHECKING

from trainer.content.scenario.model import Outcome, Scenario
from trainer.content.shapes import Choice, Flag, Id, ListOf, Number, Obj, OneOf, Text, file_kind
from trainer.content.suggest import suggestion
from trainer.errors import Location

if TYPE_CHECKING:
    import yaml

    from trainer.content.context import Reader

# ---------------------------------------------------------------------------------------------
# Model


@dataclass(frozen=True, slots=True)
class ScriptedReply:
    """One step of a conversation test: a reply id, or words typed by the trainee."""

    reply_id: str | None = None
    typed: str | None = None
    location: Location | None = None


@dataclass(frozen=True, slots=True)
class Expectation:
    outcome: Outcome | None = None
    passed: bool | None = None
    score_min: float | None = None
    score_max: float | None = None
    path: tuple[str, ...] | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class ConversationTest:
    name: str
    scenario: str
    persona: str | None
    seed: int
    replies: tuple[ScriptedReply, ...]
    expect: Expectation
    location: Location | None = None


# ---------------------------------------------------------------------------------------------
# Shape

SCORE_RANGE = Obj(
    optional={"min": Number(minimum=0, maximum=100), "max": Number(minimum=0, maximum=100)}
)
EXPECT = Obj(
    optional={
        "outcome": Choice(values=tuple(o.value for o in Outcome)),
        "passed": Flag(),
        "score": SCORE_RANGE,
        "path": ListOf("Nodes visited, in order.", Id()),
        "note": Text("A fragment of some coach note."),
    }
)
TYPED_REPLY = Obj(required={"say": Text("Words typed by the trainee.")})
CONVERSATION_TEST = Obj(
    required={
        "name": Text(),
        "replies": ListOf(item=OneOf("A reply id, or {say: typed words}.", (Id(), TYPED_REPLY))),
        "expect": EXPECT,
    },
    optional={"persona": Id(), "seed": Number(minimum=0, whole=True)},
)
TESTS = Obj(
    "Conversation tests of one scenario.",
    required={"kind": file_kind("test"), "scenario": Id(), "tests": ListOf(item=CONVERSATION_TEST)},
)


# ---------------------------------------------------------------------------------------------
# Parser


def parse_tests(
    reader: Reader, root: yaml.Node, scenarios: Mapping[str, Scenario], broken: Set[str]
) -> list[ConversationTest]:
    """The tests in one file, of one of `scenarios`; ids in `broken` name files already
    reported faulty, whose tests are skipped without a second report."""
    fields = reader.mapping(root, "the test file", TESTS)
    if fields is None or "scenario" not in fields:
        return []
    scenario_id = reader.identifier(fields["scenario"], "scenario")
    if scenario_id in broken:
        return []
    if scenario_id is not None and scenario_id not in scenarios:
        reader.error(
            fields["scenario"],
            f"scenario '{scenario_id}' does not exist{suggestion(scenario_id, scenarios)}",
        )
        return []
    if scenario_id is None:
        return []
    scenario = scenarios[scenario_id]
    tests = []
    for item in reader.sequence(fields["tests"], "tests") or [] if "tests" in fields else []:
        test = _conversation_test(reader, item, scenario)
        if test is not None:
            tests.append(test)
    return tests


def _conversation_test(
    reader: Reader, node: yaml.Node, scenario: Scenario
) -> ConversationTest | None:
    import yaml  # here, not above: the tests' model is used with no parser loaded

    fields = reader.mapping(node, "a test", CONVERSATION_TEST)
    if fields is None:
        return None
    name = reader.string(fields["name"], "the test name") if "name" in fields else None
    persona = None
    if "persona" in fields:
        persona = reader.identifier(fields["persona"], "persona")
        if persona is not None and persona not in scenario.personas:
            reader.error(
                fields["persona"],
                f"scenario '{scenario.id}' is not played against '{persona}'"
                f"{suggestion(persona, scenario.personas)}; "
                f"it lists {', '.join(scenario.personas)}",
            )
            return None
    seed = reader.integer(fields["seed"], "seed", 0) if "seed" in fields else 1
    replies = []
    for item in reader.sequence(fields["replies"], "replies") or [] if "replies" in fields else []:
        if isinstance(item, yaml.MappingNode):
            entry = reader.mapping(item, "a typed reply", TYPED_REPLY)
            typed = reader.string(entry["say"], "say") if entry and "say" in entry else None
            if typed is not None:
                replies.append(ScriptedReply(typed=typed, location=reader.loc(item)))
        else:
            reply_id = reader.identifier(item, "a reply id")
            if reply_id is not None:
                replies.append(ScriptedReply(reply_id=reply_id, location=reader.loc(item)))
    _check_route(reader, scenario, replies)
    expect = _expectation(reader, fields["expect"], scenario) if "expect" in fields else None
    if name is None or seed is None or expect is None:
        return None
    return ConversationTest(
        name, scenario.id, persona, seed, tuple(replies), expect, reader.loc(node)
    )


def _check_route(reader: Reader, scenario: Scenario, replies: list[ScriptedReply]) -> None:
    """The scripted reply ids against the graph, without playing: each must be a reply of the
    scenario, and while every step so far picked a reply, one of the node the call is at.
    Typed words lead where their meaning takes them, so the walk stops at the first."""
    known = {reply.id for node in scenario.nodes.values() for reply in node.replies}
    at: str | None = scenario.start
    for step, scripted in enumerate(replies, start=1):
        reply_id = scripted.reply_id
        where = scripted.location or Location(reader.path)
        if reply_id is None:
            at = None
        elif reply_id not in known:
            reader.error(
                where,
                f"step {step}: reply '{reply_id}' does not exist in scenario '{scenario.id}'"
                f"{suggestion(reply_id, known)}",
            )
            at = None
        elif at is not None:
            node = scenario.nodes[at]
            reply = next((reply for reply in node.replies if reply.id == reply_id), None)
            if reply is None:
                offered = ", ".join(reply.id for reply in node.replies)
                reader.error(
                    where,
                    f"step {step}: the steps before it lead to node '{at}', which has no reply "
                    f"'{reply_id}'"
                    + (f"; its replies: {offered}" if offered else ": the call has ended there"),
                )
                return
            at = reply.target


def _expectation(reader: Reader, node: yaml.Node, scenario: Scenario) -> Expectation | None:
    fields = reader.mapping(node, "expect", EXPECT)
    if fields is None:
        return None
    outcome = reader.choice(fields["outcome"], "outcome", Outcome) if "outcome" in fields else None
    passed = reader.boolean(fields["passed"], "passed") if "passed" in fields else None
    score_min = score_max = None
    if "score" in fields:
        score = reader.mapping(fields["score"], "score", SCORE_RANGE)
        if score:
            score_min = reader.number(score["min"], "min", 0, 100) if "min" in score else None
            score_max = reader.number(score["max"], "max", 0, 100) if "max" in score else None
    path = None
    if "path" in fields:
        entries = reader.id_list(fields["path"], "path")
        for node_id, item in entries:
            if node_id not in scenario.nodes:
                reader.error(
                    item, f"node '{node_id}' does not exist{suggestion(node_id, scenario.nodes)}"
                )
        _check_path(reader, scenario, entries)
        path = tuple(node_id for node_id, _ in entries)
    note = reader.string(fields["note"], "note") if "note" in fields else None
    return Expectation(outcome, passed, score_min, score_max, path, note)


def _check_path(reader: Reader, scenario: Scenario, entries: list[tuple[str, yaml.Node]]) -> None:
    """An expected path must be one a call can take: from the start, along replies (or a
    node's `on_goodbye`) from each node to the next."""
    nodes = scenario.nodes
    if entries and entries[0][0] in nodes and entries[0][0] != scenario.start:
        reader.error(
            entries[0][1], f"path: a call starts at '{scenario.start}', not '{entries[0][0]}'"
        )
    for (before, _), (after, item) in itertools.pairwise(entries):
        if before not in nodes or after not in nodes:
            continue  # reported above
        leads = {reply.target for reply in nodes[before].replies} | {nodes[before].on_goodbye}
        if after not in leads:
            reader.error(item, f"path: no reply of node '{before}' leads to '{after}'")
