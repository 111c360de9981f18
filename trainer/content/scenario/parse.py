"""Read a scenario file into its typed model, checking every reference against the rubric and
the personas read before it."""

from __future__ import annotations

from collections.abc import Mapping, Set
from dataclasses import dataclass
from functools import cached_property

import yaml

from trainer.content import conditions, templates
from trainer.content.context import IDENTIFIER, Reader
from trainer.content.frozen import frozen_map
from trainer.content.persona import Meter, Persona, read_effects
from trainer.content.rubric import Rubric, known_tags
from trainer.content.scenario import misplaced, shape
from trainer.content.scenario.fields import (
    check_placeholders,
    read_points,
    read_tags,
    text_variants,
)
from trainer.content.scenario.model import (
    ANSWERED_PREFIX,
    CallType,
    Condition,
    Ending,
    Node,
    Outcome,
    Reply,
    Scenario,
)
from trainer.content.suggest import Names, suggestion

RESERVED_NAMES = {meter.value for meter in Meter} | {"client_type", "persona"}
# A condition's tree and compiled guard by its source: a library repeats the same conditions
# across its scenarios, and each is parsed and compiled once (it is still checked each time).
_CONDITIONS: dict[str, tuple[conditions.Expr, conditions.Guard]] = {}
_CONDITIONS_KEPT = 20_000


def parse_scenario(
    reader: Reader,
    root: yaml.Node,
    digest: str,
    rubric: Rubric | None,
    personas: Mapping[str, Persona],
    broken: Set[str],
) -> Scenario | None:
    """The scenario in one file, its replies checked against `rubric` and its clients against
    `personas`; ids in `broken` name files already reported faulty, so not reported again."""
    root, set_aside = misplaced.set_aside(reader, root)
    fields = reader.mapping(root, "the scenario", shape.SCENARIO)
    if fields is None:
        return None
    scenario_id = reader.identifier(fields["id"], "the scenario id") if "id" in fields else None
    title = reader.string(fields["title"], "title") if "title" in fields else None
    goal = reader.string(fields["goal"], "goal") if "goal" in fields else None
    stage = reader.integer(fields["stage"], "stage", 2, 4) if "stage" in fields else None
    exam = reader.boolean(fields["exam"], "exam") if "exam" in fields else False
    call_type = (
        reader.choice(fields["call_type"], "call_type", CallType) if "call_type" in fields else None
    )
    shuffle = (
        reader.boolean(fields["shuffle_replies"], "shuffle_replies")
        if "shuffle_replies" in fields
        else True
    )
    pass_mark = (
        reader.number(fields["pass_mark"], "pass_mark", 0, 100) if "pass_mark" in fields else None
    )
    threshold = (
        reader.number(fields["match_threshold"], "match_threshold", 1, 100)
        if "match_threshold" in fields
        else 60.0
    )
    clients = _scenario_personas(reader, fields.get("personas"), personas, broken)
    cast = _scenario_cast(reader, fields.get("cast"), personas, broken)
    success = frozenset(
        outcome
        for item in (
            reader.sequence(fields["success"], "success") or [] if "success" in fields else []
        )
        if (outcome := reader.choice(item, "outcome", Outcome)) is not None
    )
    if "success" in fields and not success and isinstance(fields["success"], yaml.SequenceNode):
        reader.error(fields["success"], "success needs at least one outcome")
    variables = _scenario_variables(reader, fields.get("variables"))
    names = {meter.value: conditions.KIND_NUMBER for meter in Meter}
    names.update({"client_type": conditions.KIND_TEXT, "persona": conditions.KIND_TEXT})
    names.update({name: conditions.kind_of(value) for name, value in variables.items()})
    # `answered_price` holds once a reply that counters the 'price' objection has been taken, so
    # an author can keep a client from raising what the trainee already answered.
    for persona_id in clients:
        if persona_id in personas:
            for objection in personas[persona_id].objections:
                names[ANSWERED_PREFIX + objection] = conditions.KIND_FLAG
    nodes_node = fields.get("nodes")
    node_entries = reader.entries(nodes_node, "nodes")
    node_ids = Names([*(key for key, _, _ in node_entries), *set_aside])
    scope = _ScenarioScope(
        reader,
        rubric,
        [personas[persona_id] for persona_id in clients],
        cast,
        node_ids,
        variables,
        names,
        templates.known_placeholders(cast),
    )
    nodes: dict[str, Node] = {}
    for node_id, key_node, value in node_entries:
        if reader.identifier(key_node, "node id") is None:
            continue
        parsed = scope.node(node_id, value)
        if parsed is not None:
            nodes[node_id] = parsed
    if isinstance(nodes_node, yaml.MappingNode) and not node_ids:
        reader.error(nodes_node, "a scenario needs at least one node")
    start = None
    if "start" in fields:
        start = reader.identifier(fields["start"], "start")
        if start is not None and node_ids and start not in node_ids:
            reader.error(
                fields["start"],
                f"start node '{start}' does not exist{suggestion(start, node_ids)}",
            )
            start = None
    if (
        scenario_id is None
        or title is None
        or goal is None
        or stage is None
        or exam is None
        or threshold is None
        or shuffle is None
        or start is None
        or not clients
        or not success
        or len(nodes) != len(node_ids)
        or any(key is None for key in cast)
        or ("call_type" in fields and call_type is None)
    ):
        return None
    return Scenario(
        id=scenario_id,
        title=title,
        stage=stage,
        exam=exam,
        personas=tuple(clients),
        cast=frozen_map(cast),
        goal=goal,
        success=success,
        start=start,
        nodes=frozen_map(nodes),
        variables=frozen_map(variables),
        path=reader.path,
        digest=digest,
        pass_mark=pass_mark,
        match_threshold=threshold,
        shuffle_replies=shuffle,
        call_type=call_type,
        location=reader.loc(root),
    )


def _scenario_personas(
    reader: Reader, node: yaml.Node | None, personas: Mapping[str, Persona], broken: Set[str]
) -> list[str]:
    if node is None:
        return []
    clients = []
    for persona_id, item in reader.id_list(node, "personas"):
        if persona_id in broken:
            continue
        if persona_id not in personas:
            reader.error(
                item,
                f"persona '{persona_id}' does not exist{suggestion(persona_id, personas)}",
            )
            continue
        clients.append(persona_id)
    if isinstance(node, yaml.SequenceNode) and not node.value:
        reader.error(node, "personas needs at least one persona")
    return clients


def _scenario_cast(
    reader: Reader, node: yaml.Node | None, personas: Mapping[str, Persona], broken: Set[str]
) -> dict[str, str]:
    cast: dict[str, str] = {}
    for role, key_node, value in reader.entries(node, "cast"):
        if reader.identifier(key_node, "cast role") is None:
            continue
        persona_id = reader.identifier(value, f"the persona playing '{role}'")
        if persona_id is None or persona_id in broken:
            continue
        if persona_id not in personas:
            reader.error(
                value,
                f"persona '{persona_id}' does not exist{suggestion(persona_id, personas)}",
            )
            continue
        cast[role] = persona_id
    return cast


def _scenario_variables(reader: Reader, node: yaml.Node | None) -> dict[str, conditions.Value]:
    variables: dict[str, conditions.Value] = {}
    for name, key_node, value in reader.entries(node, "variables"):
        if not IDENTIFIER.match(name) or "-" in name:
            reader.error(
                key_node, f"variable name '{name}' must be lower-case letters, digits and '_'"
            )
            continue
        if name in RESERVED_NAMES:
            reader.error(key_node, f"'{name}' is a built-in name; choose another variable name")
            continue
        initial = reader.scalar(value) if isinstance(value, yaml.ScalarNode) else None
        if initial is None:
            reader.error(
                value, f"variable '{name}' needs a starting value: a number, text, true or false"
            )
            continue
        variables[name] = initial
    return variables


@dataclass
class _ScenarioScope:
    """What the nodes of one scenario are checked against."""

    reader: Reader
    rubric: Rubric | None
    clients: list[Persona]  # who the client can be
    cast: dict[str, str]
    node_ids: Names
    variables: dict[str, conditions.Value]
    names: dict[str, str]
    placeholders: list[str]

    @cached_property
    def tags(self) -> dict[str, str] | None:
        """The tags a reply may carry: built once per scenario, not once per reply."""
        return known_tags(self.rubric)

    def node(self, node_id: str, node: yaml.Node) -> Node | None:
        reader = self.reader
        what = f"node '{node_id}'"
        fields = reader.mapping(node, what, shape.NODE)
        if fields is None:
            return None
        lines: tuple[str, ...] | None = ()
        if "say" in fields:
            lines = text_variants(
                reader, fields["say"], f"what the client says in {what}", self.placeholders
            )
        speaker = None
        if "speaker" in fields:
            speaker = reader.identifier(fields["speaker"], f"the speaker of {what}")
            if speaker is not None and speaker not in self.cast:
                reader.error(
                    fields["speaker"],
                    f"speaker '{speaker}' is not a role in cast{suggestion(speaker, self.cast)}",
                )
                speaker = None
        raises = None
        if "raises" in fields:
            raises = self.objection(fields["raises"], f"the objection raised in {what}")
        if "say" not in fields and "raises" not in fields:
            reader.error(node, f"{what} needs 'say' (the client's line) or 'raises' (an objection)")
            return None
        hint = self.text(fields.get("hint"), f"the hint of {what}")
        has_replies, has_ending = "replies" in fields, "ending" in fields
        if has_replies == has_ending:
            reader.error(
                node,
                f"{what} needs either 'replies' or an 'ending', "
                f"not {'both' if has_replies else 'neither'}",
            )
            return None
        replies: tuple[Reply, ...] = ()
        ending = None
        if has_replies:
            replies = self.replies(node_id, fields["replies"])
        else:
            ending = self.ending(fields["ending"], what)
            if ending is None:
                return None
        on_goodbye = None
        if "on_goodbye" in fields:
            on_goodbye = reader.identifier(fields["on_goodbye"], f"on_goodbye of {what}")
            if on_goodbye is not None and on_goodbye not in self.node_ids:
                reader.error(
                    fields["on_goodbye"],
                    f"a goodbye in {what} goes to '{on_goodbye}', which does not exist"
                    f"{suggestion(on_goodbye, self.node_ids)}",
                )
                return None
            if on_goodbye is not None and has_ending:
                reader.error(
                    fields["on_goodbye"],
                    f"{what} ends the call: there is no goodbye to lead anywhere; "
                    "remove on_goodbye",
                )
                return None
        if lines is None or hint is None or ("on_goodbye" in fields and on_goodbye is None):
            return None
        return Node(
            node_id,
            lines,
            speaker,
            raises,
            hint,
            replies,
            ending,
            reader.loc(node),
            on_goodbye,
        )

    def text(self, node: yaml.Node | None, what: str) -> str | None:
        """Optional text that may use placeholders: '' when absent, None when faulty."""
        if node is None:
            return ""
        text = self.reader.string(node, what)
        if text is not None:
            check_placeholders(self.reader, node, text, self.placeholders)
        return text

    def objection(self, node: yaml.Node, what: str) -> str | None:
        objection = self.reader.identifier(node, what)
        if objection is None:
            return None
        for persona in self.clients:
            if objection not in persona.objections:
                known = ", ".join(persona.objections) or "none"
                self.reader.error(
                    node,
                    f"persona '{persona.id}' has no objection '{objection}'"
                    f"{suggestion(objection, persona.objections)}; its objections: {known}",
                )
                return None
        return objection

    def replies(self, node_id: str, node: yaml.Node) -> tuple[Reply, ...]:
        items = self.reader.sequence(node, f"the replies of node '{node_id}'")
        if items is None:
            return ()
        if not items:
            self.reader.error(node, f"node '{node_id}' needs at least one reply")
        replies: list[Reply] = []
        seen: set[str] = set()
        for number, item in enumerate(items, start=1):
            reply = self.reply(node_id, number, item)
            if reply is None:
                continue
            if reply.id in seen:
                self.reader.error(item, f"node '{node_id}' has two replies with id '{reply.id}'")
                continue
            seen.add(reply.id)
            replies.append(reply)
        return tuple(replies)

    def reply(self, node_id: str, number: int, node: yaml.Node) -> Reply | None:
        reader = self.reader
        what = f"reply {number} of node '{node_id}'"
        fields = reader.mapping(node, what, shape.REPLY)
        if fields is None:
            return None
        reply_id = (
            reader.identifier(fields["id"], f"the id of {what}") if "id" in fields else str(number)
        )
        text = None
        if "text" in fields:
            text = reader.string(fields["text"], f"the text of {what}")
            if text is not None:
                check_placeholders(reader, fields["text"], text, self.placeholders)
        target = None
        if "to" in fields:
            target = reader.identifier(fields["to"], f"the target of {what}")
            if target is not None and target not in self.node_ids:
                reader.error(
                    fields["to"],
                    f"{what} goes to '{target}', which does not exist"
                    f"{suggestion(target, self.node_ids)}",
                )
                target = None
        tags = (
            read_tags(reader, fields["tags"], f"the tags of {what}", self.tags)
            if "tags" in fields
            else ()
        )
        points = (
            read_points(reader, fields["points"], f"the points of {what}", self.rubric)
            if "points" in fields
            else frozen_map()
        )
        effects = (
            read_effects(reader, fields["effects"], f"the effects of {what}")
            if "effects" in fields
            else frozen_map()
        )
        note = self.text(fields.get("note"), f"the note of {what}")
        keywords = (
            reader.strings(fields["keywords"], f"the keywords of {what}")
            if "keywords" in fields
            else ()
        )
        examples = (
            reader.strings(fields["examples"], f"the examples of {what}")
            if "examples" in fields
            else ()
        )
        condition = self.condition(fields["when"], what) if "when" in fields else None
        sets = self.assignments(fields["set"], what) if "set" in fields else {}
        counters = (
            self.objection(fields["counters"], f"the objection {what} counters")
            if "counters" in fields
            else None
        )
        if reply_id is None or text is None or target is None or note is None:
            return None
        if "when" in fields and condition is None:
            return None
        return Reply(
            id=reply_id,
            number=number,
            node=node_id,
            text=text,
            target=target,
            tags=tags,
            points=points,
            effects=effects,
            note=note,
            keywords=tuple(keyword.lower() for keyword in keywords),
            examples=examples,
            condition=condition,
            sets=frozen_map(sets),
            counters=counters,
            location=reader.loc(node),
        )

    def condition(self, node: yaml.Node, what: str) -> Condition | None:
        source = self.reader.string(node, f"the condition of {what}")
        if source is None:
            return None
        known = _CONDITIONS.get(source)
        try:
            tree = known[0] if known is not None else conditions.parse(source)
            conditions.check(tree, self.names)  # the names differ from scenario to scenario
        except conditions.ConditionError as error:
            where = self.reader.loc_within(node, error.offset)
            self.reader.error(where, f"in the condition of {what}: {error.message}")
            return None
        if known is None:
            known = (tree, conditions.compile_guard(tree))
            if len(_CONDITIONS) < _CONDITIONS_KEPT:
                _CONDITIONS[source] = known
        return Condition(source, tree, known[1], self.reader.loc(node))

    def assignments(self, node: yaml.Node, what: str) -> dict[str, conditions.Value]:
        sets: dict[str, conditions.Value] = {}
        for name, key_node, value in self.reader.entries(node, f"'set' of {what}"):
            if name not in self.variables:
                self.reader.error(
                    key_node,
                    f"'{name}' is not a declared variable{suggestion(name, self.variables)}; "
                    "declare it under 'variables' with its starting value",
                )
                continue
            new = self.reader.scalar(value) if isinstance(value, yaml.ScalarNode) else None
            expected = conditions.kind_of(self.variables[name])
            if new is None or conditions.kind_of(new) != expected:
                self.reader.error(value, f"'{name}' holds a {expected} value; set it to one")
                continue
            sets[name] = new
        return sets

    def ending(self, node: yaml.Node, what: str) -> Ending | None:
        reader = self.reader
        fields = reader.mapping(node, f"the ending of {what}", shape.ENDING)
        if fields is None:
            return None
        outcome = (
            reader.choice(fields["outcome"], "outcome", Outcome) if "outcome" in fields else None
        )
        points = (
            read_points(
                reader, fields["points"], f"the points of the ending of {what}", self.rubric
            )
            if "points" in fields
            else frozen_map()
        )
        note = self.text(fields.get("note"), f"the note of the ending of {what}")
        if outcome is None or note is None:
            return None
        return Ending(outcome, points, note)
