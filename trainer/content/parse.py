"""Turn one file's YAML node tree into a typed model, recording every problem on the way."""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from trainer.content import conditions, shapes, templates
from trainer.content.models import (
    ANSWERED_PREFIX,
    BUILTIN_TAGS,
    Catalogue,
    ClientType,
    Company,
    Condition,
    ConversationTest,
    DeferredPayment,
    Ending,
    EquipmentOption,
    Expectation,
    Meter,
    MeterEffects,
    Node,
    OffScriptLines,
    Outcome,
    Persona,
    Points,
    Product,
    Reply,
    Rubric,
    Scenario,
    ScriptedReply,
    Skill,
    Temperament,
    TitledText,
    VolumeDiscount,
    frozen_map,
)
from trainer.content.suggest import Names, suggestion
from trainer.content.yamlsource import IDENTIFIER, Reader
from trainer.errors import Location

PRODUCT_ID_PATTERN = r"^[a-z0-9][a-z0-9._-]*$"
RESERVED_NAMES = {meter.value for meter in Meter} | {"client_type", "persona"}


@dataclass
class Context:
    """What a file may refer to in the files parsed before it."""

    rubric: Rubric | None = None
    personas: dict[str, Persona] = field(default_factory=dict)
    catalogue: Catalogue | None = None
    scenarios: dict[str, Scenario] = field(default_factory=dict)
    broken: set[str] = field(default_factory=set)  # ids of files already reported as faulty

    @property
    def tags(self) -> dict[str, str] | None:
        if self.rubric is None:
            return None
        return {**self.rubric.tags, **BUILTIN_TAGS}


# ---------------------------------------------------------------------------------------------
# Shared pieces


def _effects(reader: Reader, node: yaml.Node, what: str) -> MeterEffects:
    effects: dict[Meter, int] = {}
    for key, key_node, value in reader.entries(node, what):
        meter = reader.choice(key_node, f"meter in {what}", Meter)
        amount = reader.integer(value, f"the change to {key}", -100, 100)
        if meter is not None and amount is not None:
            effects[meter] = amount
    return frozen_map(effects)


def _points(reader: Reader, node: yaml.Node, what: str, context: Context) -> Points:
    points: dict[str, float] = {}
    skills = context.rubric.skills if context.rubric else None
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


def _tags(reader: Reader, node: yaml.Node, what: str, context: Context) -> tuple[str, ...]:
    known = context.tags
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


def _check_placeholders(reader: Reader, node: yaml.Node, text: str, allowed: list[str]) -> None:
    for name, offset in templates.placeholders(text):
        if name not in allowed:
            where = reader.loc_within(node, offset)
            close = suggestion(name, allowed).replace(" '", " '{").replace("'?", "}'?")
            reader.error(
                where,
                f"unknown placeholder '{{{name}}}'{close}; "
                f"use one of: {', '.join('{' + item + '}' for item in allowed)}",
            )


def _text_variants(
    reader: Reader, node: yaml.Node, what: str, allowed: list[str]
) -> tuple[str, ...] | None:
    texts = reader.variants(node, what)
    if texts is None:
        return None
    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    for item, text in zip(items, texts, strict=True):
        _check_placeholders(reader, item, text, allowed)
    return texts


def _titled_texts(reader: Reader, node: yaml.Node, what: str) -> tuple[TitledText, ...]:
    result = []
    for item in reader.sequence(node, what) or []:
        fields = reader.mapping(item, f"each entry of {what}", shapes.TITLED)
        if fields is None:
            continue
        title = reader.string(fields["title"], "title") if "title" in fields else None
        text = reader.string(fields["text"], "text") if "text" in fields else None
        if title and text:
            result.append(TitledText(title, text))
    return tuple(result)


def _string_list(reader: Reader, node: yaml.Node, what: str) -> tuple[str, ...]:
    items = reader.sequence(node, what) or []
    texts = (reader.string(item, f"each entry of {what}") for item in items)
    return tuple(text for text in texts if text)


# ---------------------------------------------------------------------------------------------
# Rubric


def parse_rubric(reader: Reader, root: yaml.Node) -> Rubric | None:
    fields = reader.mapping(root, "the rubric", shapes.RUBRIC)
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
    if pass_mark is None or not skills:
        return None
    return Rubric(
        pass_mark, frozen_map(skills), frozen_map(tags), reader.loc(root), frozen_map(critical)
    )


def _parse_skill(reader: Reader, skill_id: str, node: yaml.Node) -> Skill | None:
    what = f"skill '{skill_id}'"
    fields = reader.mapping(node, what, shapes.SKILL)
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


# ---------------------------------------------------------------------------------------------
# Persona


def parse_persona(reader: Reader, root: yaml.Node, context: Context) -> Persona | None:
    fields = reader.mapping(root, "the persona", shapes.PERSONA)
    if fields is None:
        return None
    persona_id = reader.identifier(fields["id"], "the persona id") if "id" in fields else None
    texts = {
        key: reader.string(fields[key], key) if key in fields else None
        for key in ("name", "role", "company", "brief")
    }
    wants = reader.string(fields["wants"], "wants") if "wants" in fields else ""
    client_type = (
        reader.choice(fields["client_type"], "client_type", ClientType)
        if "client_type" in fields
        else None
    )
    temperament = (
        reader.choice(fields["temperament"], "temperament", Temperament)
        if "temperament" in fields
        else None
    )
    meters = _persona_meters(reader, fields.get("meters"))
    reactions: dict[str, MeterEffects] = {}
    tag_locations: dict[str, Location] = {}
    known_tags = context.tags
    for tag, key_node, value in reader.entries(fields.get("reactions"), "reactions"):
        if known_tags is not None and tag not in known_tags:
            reader.error(
                key_node, f"tag '{tag}' is not declared in the rubric{suggestion(tag, known_tags)}"
            )
            continue
        reactions[tag] = _effects(reader, value, f"the reaction to '{tag}'")
        tag_locations[tag] = reader.loc(key_node)
    fallback, hang_up, ask_more = _persona_lines(reader, fields.get("lines"))
    off_script = _off_script(reader, fields.get("off_script"))
    objections: dict[str, tuple[str, ...]] = {}
    objection_locations: dict[str, Location] = {}
    for objection, key_node, value in reader.entries(fields.get("objections"), "objections"):
        if reader.identifier(key_node, "objection id") is None:
            continue
        words = reader.variants(value, f"objection '{objection}'")
        if words is not None:
            objections[objection] = words
            objection_locations[objection] = reader.loc(key_node)
    required = (persona_id, client_type, temperament, meters, fallback, hang_up, *texts.values())
    if any(value is None for value in required):
        return None
    assert persona_id and client_type and temperament and meters and fallback and hang_up
    return Persona(
        id=persona_id,
        name=texts["name"] or "",
        role=texts["role"] or "",
        company=texts["company"] or "",
        client_type=client_type,
        temperament=temperament,
        wants=wants or "",
        brief=texts["brief"] or "",
        meters=meters,
        reactions=frozen_map(reactions),
        fallback_lines=fallback,
        hang_up_lines=hang_up,
        objections=frozen_map(objections),
        path=reader.path,
        location=reader.loc(root),
        tag_locations=frozen_map(tag_locations),
        objection_locations=frozen_map(objection_locations),
        ask_more_lines=ask_more,
        off_script=frozen_map(off_script),
    )


def _persona_meters(reader: Reader, node: yaml.Node | None) -> dict[Meter, int] | None:
    if node is None:
        return None
    fields = reader.mapping(node, "meters", shapes.PERSONA_METERS)
    if fields is None:
        return None
    meters = {
        Meter(key): reader.integer(value, f"the starting {key}", 0, 100)
        for key, value in fields.items()
    }
    if len(meters) != len(Meter) or any(value is None for value in meters.values()):
        return None
    if meters[Meter.PATIENCE] == 0:
        reader.error(
            fields["patience"], "starting patience must be above 0, or the client hangs up at once"
        )
        return None
    return {meter: value for meter, value in meters.items() if value is not None}


def _persona_lines(
    reader: Reader, node: yaml.Node | None
) -> tuple[tuple[str, ...] | None, tuple[str, ...] | None, tuple[str, ...]]:
    if node is None:
        return None, None, ()
    fields = reader.mapping(node, "lines", shapes.PERSONA_LINES)
    if fields is None:
        return None, None, ()
    ask_more = (
        reader.variants(fields["ask_more"], "the ask-more line") if "ask_more" in fields else None
    )
    fallback = (
        reader.variants(fields["fallback"], "the fallback line") if "fallback" in fields else None
    )
    hang_up = (
        reader.variants(fields["hang_up"], "the hang-up line") if "hang_up" in fields else None
    )
    return fallback, hang_up, ask_more or ()


def _off_script(reader: Reader, node: yaml.Node | None) -> dict[str, OffScriptLines]:
    if node is None:
        return {}
    fields = reader.mapping(node, "off_script", shapes.OFF_SCRIPT)
    if fields is None:
        return {}
    reactions: dict[str, OffScriptLines] = {}
    for kind, value in fields.items():
        entry = reader.mapping(value, f"off_script {kind}", shapes.OFF_SCRIPT_REACTION)
        if entry is None:
            continue
        lines = reader.variants(entry["lines"], f"the {kind} lines") if "lines" in entry else ()
        effects = (
            _effects(reader, entry["effects"], f"the {kind} effects")
            if "effects" in entry
            else frozen_map()
        )
        reactions[kind] = OffScriptLines(lines or (), effects)
    return reactions


# ---------------------------------------------------------------------------------------------
# Scenario


def parse_scenario(
    reader: Reader, root: yaml.Node, context: Context, digest: str
) -> Scenario | None:
    fields = reader.mapping(root, "the scenario", shapes.SCENARIO)
    if fields is None:
        return None
    scenario_id = reader.identifier(fields["id"], "the scenario id") if "id" in fields else None
    title = reader.string(fields["title"], "title") if "title" in fields else None
    goal = reader.string(fields["goal"], "goal") if "goal" in fields else None
    stage = reader.integer(fields["stage"], "stage", 2, 4) if "stage" in fields else None
    exam = reader.boolean(fields["exam"], "exam") if "exam" in fields else False
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
    personas = _scenario_personas(reader, fields.get("personas"), context)
    cast = _scenario_cast(reader, fields.get("cast"), context)
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
    for persona_id, _ in personas:
        if persona_id in context.personas:
            for objection in context.personas[persona_id].objections:
                names[ANSWERED_PREFIX + objection] = conditions.KIND_FLAG
    nodes_node = fields.get("nodes")
    node_entries = reader.entries(nodes_node, "nodes")
    node_ids = Names(key for key, _, _ in node_entries)
    scope = _ScenarioScope(
        reader,
        context,
        personas,
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
        or not personas
        or not success
        or len(nodes) != len(node_ids)
        or any(key is None for key in cast)
    ):
        return None
    return Scenario(
        id=scenario_id,
        title=title,
        stage=stage,
        exam=exam,
        personas=tuple(persona for persona, _ in personas),
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
        location=reader.loc(root),
        persona_locations=tuple(location for _, location in personas),
    )


def _scenario_personas(
    reader: Reader, node: yaml.Node | None, context: Context
) -> list[tuple[str, Location]]:
    if node is None:
        return []
    personas = []
    for persona_id, item in reader.id_list(node, "personas"):
        if persona_id in context.broken:
            continue
        if persona_id not in context.personas:
            reader.error(
                item,
                f"persona '{persona_id}' does not exist{suggestion(persona_id, context.personas)}",
            )
            continue
        personas.append((persona_id, reader.loc(item)))
    if isinstance(node, yaml.SequenceNode) and not node.value:
        reader.error(node, "personas needs at least one persona")
    return personas


def _scenario_cast(reader: Reader, node: yaml.Node | None, context: Context) -> dict[str, str]:
    cast: dict[str, str] = {}
    for role, key_node, value in reader.entries(node, "cast"):
        if reader.identifier(key_node, "cast role") is None:
            continue
        persona_id = reader.identifier(value, f"the persona playing '{role}'")
        if persona_id is None or persona_id in context.broken:
            continue
        if persona_id not in context.personas:
            reader.error(
                value,
                f"persona '{persona_id}' does not exist{suggestion(persona_id, context.personas)}",
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
    context: Context
    personas: list[tuple[str, Location]]
    cast: dict[str, str]
    node_ids: Names
    variables: dict[str, conditions.Value]
    names: dict[str, str]
    placeholders: list[str]

    def node(self, node_id: str, node: yaml.Node) -> Node | None:
        reader = self.reader
        what = f"node '{node_id}'"
        fields = reader.mapping(node, what, shapes.NODE)
        if fields is None:
            return None
        lines: tuple[str, ...] | None = ()
        if "say" in fields:
            lines = _text_variants(
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
        if lines is None or hint is None:
            return None
        return Node(node_id, lines, speaker, raises, hint, replies, ending, reader.loc(node))

    def text(self, node: yaml.Node | None, what: str) -> str | None:
        """Optional text that may use placeholders: '' when absent, None when faulty."""
        if node is None:
            return ""
        text = self.reader.string(node, what)
        if text is not None:
            _check_placeholders(self.reader, node, text, self.placeholders)
        return text

    def objection(self, node: yaml.Node, what: str) -> str | None:
        objection = self.reader.identifier(node, what)
        if objection is None:
            return None
        for persona_id, _ in self.personas:
            persona = self.context.personas[persona_id]
            if objection not in persona.objections:
                self.reader.error(
                    node,
                    f"persona '{persona_id}' has no objection '{objection}'"
                    f"{suggestion(objection, persona.objections)}",
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
        fields = reader.mapping(node, what, shapes.REPLY)
        if fields is None:
            return None
        reply_id = (
            reader.identifier(fields["id"], f"the id of {what}") if "id" in fields else str(number)
        )
        text = None
        if "text" in fields:
            text = reader.string(fields["text"], f"the text of {what}")
            if text is not None:
                _check_placeholders(reader, fields["text"], text, self.placeholders)
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
            _tags(reader, fields["tags"], f"the tags of {what}", self.context)
            if "tags" in fields
            else ()
        )
        points = (
            _points(reader, fields["points"], f"the points of {what}", self.context)
            if "points" in fields
            else frozen_map()
        )
        effects = (
            _effects(reader, fields["effects"], f"the effects of {what}")
            if "effects" in fields
            else frozen_map()
        )
        note = self.text(fields.get("note"), f"the note of {what}")
        keywords = (
            _string_list(reader, fields["keywords"], f"the keywords of {what}")
            if "keywords" in fields
            else ()
        )
        examples = (
            _string_list(reader, fields["examples"], f"the examples of {what}")
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
            target_location=reader.loc(fields["to"]),
        )

    def condition(self, node: yaml.Node, what: str) -> Condition | None:
        source = self.reader.string(node, f"the condition of {what}")
        if source is None:
            return None
        try:
            tree = conditions.parse(source)
            conditions.check(tree, self.names)
        except conditions.ConditionError as error:
            where = self.reader.loc_within(node, error.offset)
            self.reader.error(where, f"in the condition of {what}: {error.message}")
            return None
        return Condition(source, tree, conditions.compile_guard(tree), self.reader.loc(node))

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
        fields = reader.mapping(node, f"the ending of {what}", shapes.ENDING)
        if fields is None:
            return None
        outcome = (
            reader.choice(fields["outcome"], "outcome", Outcome) if "outcome" in fields else None
        )
        points = (
            _points(reader, fields["points"], f"the points of the ending of {what}", self.context)
            if "points" in fields
            else frozen_map()
        )
        note = self.text(fields.get("note"), f"the note of the ending of {what}")
        if outcome is None or note is None:
            return None
        return Ending(outcome, points, note)


# ---------------------------------------------------------------------------------------------
# Catalogue


def parse_catalogue(reader: Reader, root: yaml.Node) -> Catalogue | None:
    fields = reader.mapping(root, "the catalogue", shapes.CATALOGUE)
    if fields is None:
        return None
    company = _company(reader, fields["company"]) if "company" in fields else None
    currency = reader.string(fields["currency"], "currency") if "currency" in fields else None
    products: dict[str, Product] = {}
    product_nodes = (
        reader.sequence(fields["products"], "products") if "products" in fields else None
    )
    for item in product_nodes or []:
        product = _product(reader, item)
        if product is None:
            continue
        if product.id in products:
            reader.error(item, f"two products have the id '{product.id}'")
            continue
        products[product.id] = product
    for product in products.values():
        for substitute in product.substitutes:
            if substitute not in products:
                reader.error(
                    product.location or Location(reader.path),
                    f"product '{product.id}' names substitute '{substitute}', which does not "
                    f"exist{suggestion(substitute, products)}",
                )
    discounts = []
    for item in (
        reader.sequence(fields["volume_discounts"], "volume_discounts") or []
        if "volume_discounts" in fields
        else []
    ):
        entry = reader.mapping(item, "a volume discount", shapes.VOLUME_DISCOUNT)
        if entry is None or len(entry) != 2:
            continue
        quantity = reader.integer(entry["min_quantity"], "min_quantity", 1)
        percent = reader.number(entry["percent"], "percent", 0, 100)
        if quantity is not None and percent is not None:
            discounts.append(VolumeDiscount(quantity, percent))
    terms = []
    for item in (
        reader.sequence(fields["deferred_payment"], "deferred_payment") or []
        if "deferred_payment" in fields
        else []
    ):
        entry = reader.mapping(item, "a deferred-payment term", shapes.DEFERRED_PAYMENT)
        if entry is None or len(entry) != 3:
            continue
        days = reader.integer(entry["days"], "days", 1)
        surcharge = reader.number(entry["surcharge_percent"], "surcharge_percent", 0, 100)
        minimum = reader.number(entry["minimum_order"], "minimum_order", 0)
        if days is not None and surcharge is not None and minimum is not None:
            terms.append(DeferredPayment(days, surcharge, minimum))
    if company is None or currency is None or product_nodes is None:
        return None
    return Catalogue(
        company,
        frozen_map(products),
        tuple(sorted(discounts, key=lambda d: d.min_quantity)),
        tuple(terms),
        currency,
        reader.path,
    )


def _company(reader: Reader, node: yaml.Node) -> Company | None:
    fields = reader.mapping(node, "company", shapes.COMPANY)
    if fields is None:
        return None
    name = reader.string(fields["name"], "the company name") if "name" in fields else None
    about = reader.string(fields["about"], "about") if "about" in fields else None
    sections = {
        key: _titled_texts(reader, fields[key], key) if key in fields else ()
        for key in ("policies", "tools", "clients")
    }
    if name is None or about is None:
        return None
    return Company(name, about, sections["policies"], sections["tools"], sections["clients"])


_PRODUCT_TEXTS = (
    "name",
    "category",
    "summary",
    "packaging",
    "conditions",
    "conditions_published",
    "unit",
)


def _product(reader: Reader, node: yaml.Node) -> Product | None:
    fields = reader.mapping(node, "a product", shapes.PRODUCT)
    if fields is None:
        return None
    product_id = None
    if "id" in fields:
        product_id = reader.string(fields["id"], "the product id")
        import re

        if product_id is not None and not re.match(PRODUCT_ID_PATTERN, product_id):
            reader.error(
                fields["id"],
                f"product id '{product_id}' may use lower-case letters, digits, '.', '_' and '-'",
            )
            product_id = None
    texts = {
        key: reader.string(fields[key], key) if key in fields else None for key in _PRODUCT_TEXTS
    }
    options = []
    for item in reader.sequence(fields["options"], "options") or [] if "options" in fields else []:
        entry = reader.mapping(item, "an equipment option", shapes.OPTION)
        if entry is None or len(entry) != 2:
            continue
        setup = reader.string(entry["for"], "for")
        offer = reader.string(entry["offer"], "offer")
        if setup and offer:
            options.append(EquipmentOption(setup, offer))
    substitutes = (
        tuple(item for item, _ in reader.id_list(fields["substitutes"], "substitutes"))
        if "substitutes" in fields
        else ()
    )
    numbers = {
        "delivery_days": reader.integer(fields["delivery_days"], "delivery_days", 0)
        if "delivery_days" in fields
        else None,
        "out_of_stock_days": reader.integer(fields["out_of_stock_days"], "out_of_stock_days", 0)
        if "out_of_stock_days" in fields
        else None,
    }
    price = reader.number(fields["price"], "price", 0) if "price" in fields else None
    in_stock = reader.boolean(fields["in_stock"], "in_stock") if "in_stock" in fields else True
    characteristics = (
        _string_list(reader, fields["characteristics"], "characteristics")
        if "characteristics" in fields
        else ()
    )
    differs = _string_list(reader, fields["differs"], "differs") if "differs" in fields else ()
    if (
        product_id is None
        or price is None
        or in_stock is None
        or any(value is None for value in (*texts.values(), *numbers.values()))
    ):
        return None
    return Product(
        id=product_id,
        name=texts["name"] or "",
        category=texts["category"] or "",
        summary=texts["summary"] or "",
        characteristics=characteristics,
        differs=differs,
        packaging=texts["packaging"] or "",
        options=tuple(options),
        conditions=texts["conditions"] or "",
        conditions_published=texts["conditions_published"] or "",
        delivery_days=numbers["delivery_days"] or 0,
        out_of_stock_days=numbers["out_of_stock_days"] or 0,
        in_stock=in_stock,
        substitutes=substitutes,
        price=price,
        unit=texts["unit"] or "",
        location=reader.loc(node),
    )


# ---------------------------------------------------------------------------------------------
# Conversation tests


def parse_tests(reader: Reader, root: yaml.Node, context: Context) -> list[ConversationTest]:
    fields = reader.mapping(root, "the test file", shapes.TESTS)
    if fields is None or "scenario" not in fields:
        return []
    scenario_id = reader.identifier(fields["scenario"], "scenario")
    if scenario_id in context.broken:
        return []
    if scenario_id is not None and scenario_id not in context.scenarios:
        reader.error(
            fields["scenario"],
            f"scenario '{scenario_id}' does not exist{suggestion(scenario_id, context.scenarios)}",
        )
        return []
    if scenario_id is None:
        return []
    scenario = context.scenarios[scenario_id]
    tests = []
    for item in reader.sequence(fields["tests"], "tests") or [] if "tests" in fields else []:
        test = _conversation_test(reader, item, scenario)
        if test is not None:
            tests.append(test)
    return tests


def _conversation_test(
    reader: Reader, node: yaml.Node, scenario: Scenario
) -> ConversationTest | None:
    fields = reader.mapping(node, "a test", shapes.CONVERSATION_TEST)
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
            entry = reader.mapping(item, "a typed reply", shapes.TYPED_REPLY)
            typed = reader.string(entry["say"], "say") if entry and "say" in entry else None
            if typed is not None:
                replies.append(ScriptedReply(typed=typed, location=reader.loc(item)))
        else:
            reply_id = reader.identifier(item, "a reply id")
            if reply_id is not None:
                replies.append(ScriptedReply(reply_id=reply_id, location=reader.loc(item)))
    expect = _expectation(reader, fields["expect"], scenario) if "expect" in fields else None
    if name is None or seed is None or expect is None:
        return None
    return ConversationTest(
        name, scenario.id, persona, seed, tuple(replies), expect, reader.loc(node)
    )


def _expectation(reader: Reader, node: yaml.Node, scenario: Scenario) -> Expectation | None:
    fields = reader.mapping(node, "expect", shapes.EXPECT)
    if fields is None:
        return None
    outcome = reader.choice(fields["outcome"], "outcome", Outcome) if "outcome" in fields else None
    passed = reader.boolean(fields["passed"], "passed") if "passed" in fields else None
    score_min = score_max = None
    if "score" in fields:
        score = reader.mapping(fields["score"], "score", shapes.SCORE_RANGE)
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
        path = tuple(node_id for node_id, _ in entries)
    note = reader.string(fields["note"], "note") if "note" in fields else None
    return Expectation(outcome, passed, score_min, score_max, path, note)
