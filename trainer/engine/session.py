"""A conversation session: one play of a scenario, driven by its compiled machine (`machine`).

A session is never added to the machine: it keeps its node in `state` and takes a reply by
triggering the machine's event with itself as the model, so a session costs its own data only
and creating or dropping one never touches the machine. A session holds the meters, variables,
transcript and random seed.

Size: one class, the call's state and every move that changes it; the moves share private
state (points pending for the next turn, product points withheld for a wrong fact, the last
filler line) that splitting the class would have to make public.
"""

from __future__ import annotations

import random
import time
from collections import ChainMap
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from transitions import MachineError

from trainer.content import heard, templates
from trainer.content.content_set import ContentSet
from trainer.content.frozen import frozen_map
from trainer.content.graph import nearest_ending
from trainer.content.persona import METER_MAX, METER_MIN, Meter, MeterEffects, Persona
from trainer.content.scenario.model import ANSWERED_PREFIX, Node, Outcome, Reply, Scenario
from trainer.engine import echo, facts as fact_check, matching, offscript, queries
from trainer.engine.machine import compile_scenario
from trainer.engine.offscript import Kind
from trainer.engine.placeholders import placeholder_values
from trainer.engine.scoring import Score, score_call
from trainer.engine.turns import Mode, Speaker, Turn
from trainer.engine.words import normalise
from trainer.errors import DialogueError
from trainer.text import REPLY, cleaned

DEFAULT_UNCLEAR_EFFECTS: MeterEffects = frozen_map({Meter.PATIENCE: -10})
CLOSED_DOOR_LINE = "Thank you for calling, but I don't think we'll take this any further. Goodbye."
PRODUCT_KNOWLEDGE = "product_knowledge"  # the skill a wrong fact costs
FIRST_IMPRESSION = "first_impression"  # the skill an introduction that says nobody costs
# Typed words that gave the trainee's name, heard as a reply that does not: the reply's own
# note would tell them to give it.
NAMED = (
    "Heard as the closest reply on offer, which leaves out your name; giving it, as you did, "
    "is right: a client wants to know who is speaking."
)
BREACH = (
    "You {breach}. Whatever else the line got right, the client heard that, and a call with "
    "a policy breach does not pass. No points for this one."
)
RUDE_TAGS = frozenset(("rude", "pushy"))  # replies that are the rude move: heard as themselves
RUDE_COST: Mapping[str, float] = {"tact": -1.0}  # a rude line that is no reply of the call
NO_INTRODUCTION = (
    "Say who you are and the company first: the caller still does not know who answered. "
    "No first-impression points for this one."
)


@dataclass(frozen=True, slots=True)
class Option:
    """A reply on offer now, numbered as the trainee sees it."""

    number: int
    reply: Reply
    text: str


class Session:
    """One play of a scenario by one trainee against one persona."""

    state: str  # the node the call is at: set here at the start, then by the machine's events

    def __init__(
        self,
        content: ContentSet,
        scenario: Scenario,
        persona: Persona | None = None,
        *,
        mode: Mode = Mode.PRACTICE,
        seed: int = 1,
        trainee: str = "",
        clock: Callable[[], float] = time.monotonic,
        attempt: int = 1,
        attempts_left: int | None = None,
    ) -> None:
        """`attempt` is which attempt at the scenario this is (1 for the first) and
        `attempts_left` how many remain after it (None: no limit, as in practice); notes and
        lines can say them as `{attempt}` and `{attempts_left}`, so an exam's closing note
        never promises another attempt on the last one."""
        if persona is None:
            persona = content.persona(scenario.personas[0])
        if persona.id not in scenario.personas:
            raise DialogueError(
                f"scenario '{scenario.id}' is not played against '{persona.id}'; "
                f"choose one of: {', '.join(scenario.personas)}"
            )
        self.content = content
        self.scenario = scenario
        self.persona = persona
        self.mode = mode
        self.seed = seed
        self.rng = random.Random(seed)
        self.meters: dict[Meter, int] = dict(persona.meters)
        self.variables: dict[str, Any] = dict(scenario.variables)
        self.earned: dict[str, float] = {}
        self.taken: set[str] = set()
        self.answered: set[str] = set()  # objections a taken reply has countered
        self.turns: list[Turn] = []
        self.outcome: Outcome | None = None
        self.ending_note = ""
        self._clock = clock
        self._started = clock()
        self._pending_points: dict[str, float] = {}
        self._hint_shown = False  # since the trainee's last reply
        # the skills whose points the reply being taken does not earn: a wrong fact withholds
        # product knowledge, an introduction that does not say who is calling the first impression
        self._withhold: frozenset[str] = frozenset()
        self._introduced = False
        self._told: set[tuple[str | None, str]] = set()  # what each speaker heard (content.heard)
        self._forfeit: set[str] = set()  # replies whose product points a queried fact cost
        self._queried: queries.Queried | None = None  # a wrong fact queried, once a visit
        self._last_filler = ""  # the last fallback or ask-more line, never said twice running
        self._asides: set[int] = set()  # client turns answering an aside, not the call's lines
        self._compiled = compile_scenario(scenario)
        self._placeholders = self._placeholder_values(trainee, attempt, attempts_left)
        # Not `machine.add_model`: that binds a method per event and state to every session
        # (tens of KiB each) and keeps a list of them all; `Event.trigger(session)` needs neither.
        self.state = scenario.start
        self._enter(scenario.start)

    # -- what the trainee sees -------------------------------------------------------------

    @property
    def node(self) -> Node:
        return self.scenario.nodes[self.state]

    @property
    def ended(self) -> bool:
        return self.outcome is not None

    def environment(self) -> dict[str, Any]:
        """The values guards read: meters, variables, the persona and its client type."""
        env: dict[str, Any] = {meter.value: value for meter, value in self.meters.items()}
        env.update(self.variables)
        env["persona"] = self.persona.id
        env["client_type"] = self.persona.client_type.value
        for objection in self.persona.objections:
            env[ANSWERED_PREFIX + objection] = objection in self.answered
        return env

    def options(self) -> list[Option]:
        """The replies on offer now: those whose guard holds, numbered from 1."""
        if self.ended:
            return []
        env = self.environment()
        available = [
            reply
            for reply in self._reply_order(self.node)
            if (reply.condition is None or reply.condition.guard(env)) and self._door_open(reply)
        ]
        return [
            Option(number, reply, self.render(reply.text))
            for number, reply in enumerate(available, start=1)
        ]

    def _door_open(self, reply: Reply) -> bool:
        """False for a reply that would end the call in success while trust is at 0.

        A client who no longer trusts the caller agrees to nothing (no meeting, no order),
        whatever else the trainee says; trust rebuilt above 0 opens the door again.
        """
        if self.meters[Meter.TRUST] > METER_MIN:
            return True
        ending = self.scenario.nodes[reply.target].ending
        return ending is None or ending.outcome not in self.scenario.success

    def _reply_order(self, node: Node) -> list[Reply]:
        """The node's replies in the order they are offered: authored, or shuffled by the seed.

        Authors tend to write the best reply first; a trainee must not learn that "1" wins.
        The order depends only on the seed and the node, so a replay numbers them the same.
        """
        replies = list(node.replies)
        if self.scenario.shuffle_replies:
            random.Random(f"{self.seed}:{node.id}").shuffle(replies)
        return replies

    def hint(self) -> str:
        """The hint for this moment; the trainee's next reply is then marked as helped."""
        if self.mode is Mode.EXAM:
            raise DialogueError("there are no hints in the exam")
        if not self.node.hint:
            return "No hint for this moment: listen to what the client just said."
        self._hint_shown = not self.ended
        return self.render(self.node.hint)

    def render(self, text: str) -> str:
        return templates.render(text, self._placeholders)

    def score(self) -> Score:
        """The scorecard; before the call ends it is the score so far, as if it were lost."""
        outcome = self.outcome or Outcome.LOST
        rubric = self.content.rubric
        return score_call(
            self.scenario,
            rubric,
            self._compiled.calibration(rubric),
            self.earned,
            outcome,
            self._said_tags(),
        )

    def breaches(self) -> list[str]:
        """The critical tags the trainee has breached so far, once each, in order."""
        critical = self.content.rubric.critical
        return list(dict.fromkeys(tag for tag in self._said_tags() if tag in critical))

    def _said_tags(self) -> list[str]:
        return [tag for turn in self.turns if turn.speaker is Speaker.TRAINEE for tag in turn.tags]

    # -- moves -------------------------------------------------------------------------------

    def choose(self, choice: int | str) -> list[Turn]:
        """Take the reply with this on-screen number or reply id; returns the new turns."""
        option = self._find(choice)
        return self._take(option.reply, option.text)

    def take(self, option: Option) -> list[Turn]:
        """Take an option `options()` just returned (saves looking it up again by number).

        The machine checks the reply's guard again; a door closed since is checked here.
        """
        self._ensure_open()
        if option.reply.node != self.state or not self._door_open(option.reply):
            raise DialogueError(f"reply '{option.reply.id}' is not on offer right now")
        return self._take(option.reply, option.text)

    def say(self, typed: str) -> list[Turn]:
        """Take the trainee's own words.

        Understood as a reply: the reply is taken, its facts checked (a wrong fact withholds its
        product-knowledge points and the coach names the error; an introduction that says
        nobody's name or company withholds its first-impression points). Otherwise an off-script
        line (rude, pushy, small talk, goodbye, "say that again") is answered in character, words
        with no substance are asked to say more, and anything else gets the client's fallback
        line.
        An unauthorised offer is a breach either way, and a reply said with one earns none of
        its points. A good reply said rudely is not that reply: the client answers the tone,
        and it costs tact.
        """
        self._ensure_open()
        # Control, bidi and zero-width characters must never reach a mentor's terminal or a test.
        words, too_long = cleaned(typed, REPLY)
        if too_long:
            raise DialogueError(f"{too_long}; say it in fewer words")
        if not words:
            raise DialogueError("type what you would say to the client, or pick a numbered reply")
        options = self.options()
        understood = matching.understand(
            words,
            [o.reply for o in options],
            [o.text for o in options],
            threshold=self.scenario.match_threshold,
            exam=self.mode is Mode.EXAM,
            critical=self.content.rubric.critical,
            catalogue=self.content.catalogue,
        )
        if understood.best is not None and echo.echoes(words, echo.client_since(self.turns)):
            understood = replace(understood, verdict=matching.Verdict.NO_MATCH)  # said back
        if offscript.introduces(words):
            self._introduced = True
        said = heard.named(words, self._placeholders, offscript.introduces(words))
        self._told |= {(self.node.speaker, item) for item in said}
        best = understood.best
        shown = next((o.text for o in options if best and o.reply is best.reply), None)
        said_before = [t.text for t in self.turns[-2:] if t.speaker is Speaker.CLIENT]
        read = [self.scenario.goal, *(t.text for t in self.turns if t.speaker is Speaker.CLIENT)]
        checked = fact_check.check(words, shown, self.content.catalogue, said_before, heard=read)
        kind = Kind.OFFER if checked.breaches else None
        fixed = queries.corrected(
            self._queried, words, options, best, self.content, said_before, read
        )
        best, checked = fixed or (best, checked)
        if best is not None:
            if kind is None and offscript.classify(words) is Kind.RUDE:
                if RUDE_TAGS.isdisjoint(best.reply.tags):  # a good reply said rudely is not it
                    details = {**checked.as_dict(), "off_script": Kind.RUDE.value}
                    return self._off_script(words, Kind.RUDE, best.confidence, details)
                kind = Kind.RUDE
            wrong = queries.worth_querying(best.reply, checked, self.content.rubric.critical)
            if wrong and kind is None and not queries.at(self._queried, self.state):
                return self._query(best.reply, words, best.confidence, checked)
            return self._take_typed(best.reply, words, best.confidence, checked, kind)
        kind = kind or offscript.classify(words)
        details = checked.as_dict()
        if kind is not None:
            details["off_script"] = kind.value
            return self._off_script(words, kind, understood.confidence, details)
        start = len(self.turns)
        content_free = understood.verdict is matching.Verdict.CONTENT_FREE
        self._add(
            Speaker.TRAINEE,
            words,
            typed=words,
            confidence=understood.confidence,
            tags=("unclear",),
            facts=details,
        )
        effects = self.persona.reactions.get("unclear", DEFAULT_UNCLEAR_EFFECTS)
        if content_free:
            # Saying too little costs less patience than saying something that makes no sense.
            effects = frozen_map({m: -max(1, abs(v) // 3) for m, v in effects.items() if v < 0})
        self._change_meters(effects)
        if not self._hung_up(self.state):
            speaker = self._speaker(self.scenario.nodes[self.state])
            if content_free:
                lines = speaker.ask_more_lines or offscript.ASK_MORE
            else:
                lines = offscript.fallback_lines(speaker.fallback_lines, self._introduced)
            self._aside(lines, speaker.name)
            self._doors_closed()
        return self.turns[start:]

    def _take_typed(
        self,
        reply: Reply,
        words: str,
        confidence: float,
        checked: fact_check.Check,
        kind: Kind | None,
    ) -> list[Turn]:
        """Take a reply understood from typed words, its facts checked."""
        details = checked.as_dict()
        tags: tuple[str, ...] = ()
        interject = ""
        if kind is not None:
            details["off_script"] = kind.value
            tags = (offscript.TAGS[kind],)
            reaction = offscript.reaction(self.persona, kind)
            self._change_meters(reaction.effects)
            interject = self._fresh_line(reaction.lines) if reaction.lines else ""
        notes, withheld = [], set()
        if checked.wrong:
            errors = "; ".join(checked.mismatches)
            notes.append(
                f"Right idea, wrong facts: {errors}. No product-knowledge points for this one."
            )
            withheld.add(PRODUCT_KNOWLEDGE)
        if kind is Kind.OFFER:  # whatever else the line got right, it broke the policy
            notes.append(BREACH.format(breach="; ".join(checked.breaches)))
            withheld.update(reply.points)
        if self._unintroduced(reply, words):
            notes.append(NO_INTRODUCTION)
            withheld.add(FIRST_IMPRESSION)
        elif self._named_apart(reply, words):
            notes.append(NAMED)  # the reply's own note would blame a name that was given
        note = " ".join(notes) or None
        self._withhold = frozenset(withheld)
        try:
            return self._take(
                reply,
                words,
                typed=words,
                confidence=confidence,
                facts=details,
                extra_tags=tags,
                note=note,
                interject=interject,
            )
        finally:
            self._withhold = frozenset()

    def _query(
        self, reply: Reply, words: str, confidence: float, checked: fact_check.Check
    ) -> list[Turn]:
        """The client queries a wrong fact the words were heard with (`engine.queries`): the
        call stays at its node and the reply's product-knowledge points are forfeit."""
        start = len(self.turns)
        self._queried = queries.Queried(self.state, reply, confidence, checked)
        self._forfeit.add(reply.key)
        details = {**checked.as_dict(), "queried": reply.key}
        note = queries.note(checked)
        self._add(
            Speaker.TRAINEE, words, typed=words, confidence=confidence, note=note, facts=details
        )
        speaker = self._speaker(self.node)
        reaction = queries.reaction(speaker)
        self._change_meters(reaction.effects)
        if not self._hung_up(self.state):
            line = queries.said_back(checked) + self._fresh_line(reaction.lines)
            self._add(Speaker.CLIENT, line, name=speaker.name)
            self._doors_closed()
        return self.turns[start:]

    def _named_apart(self, reply: Reply, words: str) -> bool:
        """Typed words that give the trainee's name, heard as a reply that gives none."""
        name = self._placeholders.get("trainee", "")
        if not name or "introduction" in reply.tags or name in self.render(reply.text):
            return False
        said = set(normalise(words).split())
        return any(part in said for part in normalise(name).split() if len(part) > 2)

    def _unintroduced(self, reply: Reply, words: str) -> bool:
        """An introduction, earning first-impression points, typed without saying who calls."""
        if "introduction" not in reply.tags or reply.points.get(FIRST_IMPRESSION, 0) <= 0:
            return False
        names = (self._placeholders.get("trainee", ""), self._placeholders.get("our_company", ""))
        return not offscript.says_who(words, names)

    def _off_script(
        self, words: str, kind: Kind, confidence: float, details: dict[str, Any]
    ) -> list[Turn]:
        """Answer an off-script line in character, with the persona's meter effects."""
        start = len(self.turns)
        tag = offscript.TAGS.get(kind)
        cost = dict(RUDE_COST) if kind is Kind.RUDE else {}  # tone costs tact, as rude replies do
        for skill, points in cost.items():
            self.earned[skill] = self.earned.get(skill, 0.0) + points
        self._add(
            Speaker.TRAINEE,
            words,
            typed=words,
            confidence=confidence,
            tags=(tag,) if tag else (),
            facts=details,
            points=frozen_map(cost),
        )
        speaker = self._speaker(self.scenario.nodes[self.state])
        reaction = offscript.reaction(speaker, kind)
        self._change_meters(reaction.effects)
        if kind is Kind.GOODBYE:
            # Saying goodbye ends the call as the trainee hanging up: the client answers first.
            # In a block of short calls the author says where it leads instead: the next call.
            self._add(Speaker.CLIENT, self._fresh_line(reaction.lines), name=speaker.name)
            following = self.scenario.nodes[self.state].on_goodbye
            if following is not None:
                self.state = following
                self._enter(following)
                return self.turns[start:]
            self._add(Speaker.SYSTEM, "You ended the call.")
            self._finish(Outcome.LOST, "You said goodbye before the call reached an outcome.")
            return self.turns[start:]
        if self._hung_up(self.state):
            return self.turns[start:]
        if kind is Kind.REPEAT:
            # the call's own last line, not the answer to small talk or to a line not understood
            last = next(
                (
                    t
                    for t in reversed(self.turns)
                    if t.speaker is Speaker.CLIENT and t.index not in self._asides
                ),
                None,
            )
            if last is not None:
                self._add(Speaker.CLIENT, last.text, name=last.name)
                self._doors_closed()
                return self.turns[start:]
        self._aside(reaction.lines, speaker.name)
        self._doors_closed()
        return self.turns[start:]

    def _aside(self, lines: tuple[str, ...], name: str) -> None:
        """The client answers a line that is not the call's (small talk, words not understood)."""
        self._asides.add(len(self.turns))
        self._add(Speaker.CLIENT, self._fresh_line(lines), name=name)

    def _fresh_line(self, lines: tuple[str, ...]) -> str:
        """One of `lines`, rendered, never the same as the last such line when there is a choice."""
        rendered = [self.render(line) for line in lines]
        choices = [line for line in rendered if line != self._last_filler] or rendered
        self._last_filler = self.rng.choice(choices)
        return self._last_filler

    def hang_up(self) -> list[Turn]:
        """The trainee ends the call before it reaches an ending."""
        self._ensure_open()
        start = len(self.turns)
        self._add(Speaker.SYSTEM, "You ended the call.")
        self._finish(Outcome.LOST, "You hung up before the call reached an outcome.")
        return self.turns[start:]

    # -- playtest: moves a trainer makes to try a scenario out, never a trainee -------------

    def jump(self, node_id: str) -> list[Turn]:
        """Go straight to a node, as if a reply had led there (playtest only)."""
        if node_id not in self.scenario.nodes:
            raise DialogueError(f"there is no node '{node_id}' in '{self.scenario.id}'")
        start = len(self.turns)
        self.outcome = None
        self.ending_note = ""
        self.state = node_id
        self._add(Speaker.SYSTEM, f"(jumped to '{node_id}')")
        self._enter(node_id)
        return self.turns[start:]

    def set_value(self, name: str, value: Any) -> None:
        """Set a meter (clamped to its range) or a declared variable (playtest only)."""
        if name in {meter.value for meter in Meter}:
            if not isinstance(value, int) or isinstance(value, bool):
                raise DialogueError(f"{name} is a meter: give a whole number from 0 to 100")
            self.meters[Meter(name)] = max(METER_MIN, min(METER_MAX, value))
        elif name in self.variables:
            if type(value) is not type(self.scenario.variables[name]):
                kind = type(self.scenario.variables[name]).__name__
                raise DialogueError(f"'{name}' holds a {kind} value")
            self.variables[name] = value
        else:
            known = ", ".join([*(m.value for m in Meter), *self.variables])
            raise DialogueError(f"'{name}' is neither a meter nor a variable; known: {known}")

    def close(self) -> None:
        """End the session's use; it keeps its transcript.

        Nothing is released: a session holds nothing of the shared machine.
        """

    # -- inside --------------------------------------------------------------------------------

    def _find(self, choice: int | str) -> Option:
        self._ensure_open()
        options = self.options()
        for option in options:
            if choice == option.number or choice == option.reply.id or choice == str(option.number):
                return option
        offered = ", ".join(f"{o.number} ({o.reply.id})" for o in options)
        if isinstance(choice, int):
            raise DialogueError(f"there is no reply {choice} here; choose {offered}")
        hidden = any(reply.id == choice for reply in self.node.replies)
        reason = "is not on offer right now" if hidden else "does not exist at this point"
        raise DialogueError(f"reply '{choice}' {reason} (node '{self.state}'); choose {offered}")

    def _take(
        self,
        reply: Reply,
        text: str,
        typed: str | None = None,
        confidence: float | None = None,
        *,
        facts: Mapping[str, Any] | None = None,
        extra_tags: tuple[str, ...] = (),
        note: str | None = None,
        interject: str = "",
    ) -> list[Turn]:
        start = len(self.turns)
        if "introduction" in reply.tags and FIRST_IMPRESSION not in self._withhold:
            self._introduced = True
        if typed is None:  # typed words tell what they say (`say`), not what the reply does
            self._told |= {(self.node.speaker, item) for item in heard.gives(reply)}
        self._pending_points = {}
        try:
            moved = self._compiled.machine.events[reply.key].trigger(self)
        except MachineError as error:
            raise DialogueError(f"reply '{reply.id}' cannot be taken now: {error.value}") from error
        if not moved:
            raise DialogueError(f"reply '{reply.id}' is not on offer right now")
        self._add(
            Speaker.TRAINEE,
            text,
            reply=reply.key,
            typed=typed,
            confidence=confidence,
            points=self._pending_points,
            note=self.render(reply.note) if note is None else note,
            tags=(*reply.tags, *(tag for tag in extra_tags if tag not in reply.tags)),
            node=reply.node,
            facts=facts,
        )
        if interject and not self.ended and self.meters[Meter.PATIENCE] > METER_MIN:
            self._add(Speaker.CLIENT, interject, name=self.persona.name, node=reply.node)
        if not self._hung_up(reply.node):
            self._enter(self.state)
        return self.turns[start:]

    def apply_reply(self, reply: Reply) -> None:
        """The transition's `after` callback: points once per reply, meters, variables."""
        if reply.key not in self.taken:
            self.taken.add(reply.key)
            points = dict(reply.points)
            forfeit = {queries.PRODUCT_KNOWLEDGE} if reply.key in self._forfeit else set()
            for skill in self._withhold | forfeit:
                if points.get(skill, 0) > 0:
                    del points[skill]
            self._pending_points = points
            for skill, points_earned in points.items():
                self.earned[skill] = self.earned.get(skill, 0.0) + points_earned
        if reply.counters:
            self.answered.add(reply.counters)
        self._change_meters(reply.effects)
        for tag in reply.tags:
            self._change_meters(self.persona.reactions.get(tag, {}))
        self.variables.update(reply.sets)

    def _change_meters(self, effects: MeterEffects) -> None:
        for meter, change in effects.items():
            self.meters[meter] = max(METER_MIN, min(METER_MAX, self.meters[meter] + change))

    def _hung_up(self, node_id: str) -> bool:
        """End the call when patience has run out, at the node they were at.

        Whoever is on the line at that node says goodbye (a receptionist, not the director
        she has not put through yet), and the coaching is the authored hung-up ending's for
        that speaker when the scenario has one, so the trainee reads why, not just that.
        """
        if self.meters[Meter.PATIENCE] > METER_MIN:
            return False
        node = self.scenario.nodes[node_id]
        speaker = self._speaker(node)
        line = self.rng.choice(speaker.hang_up_lines)
        self._add(Speaker.CLIENT, self.render(line), name=speaker.name, node=node_id)
        ending = nearest_ending(self.scenario, node_id, Outcome.HUNG_UP, node.speaker)
        note = (
            self.render(ending.note)
            if ending is not None and ending.note
            else f"{speaker.name} ran out of patience and hung up."
        )
        self._finish(Outcome.HUNG_UP, note)
        return True

    def _enter(self, node_id: str) -> None:
        node = self.scenario.nodes[node_id]
        self._queried = None
        lines = node.lines or self.persona.objections[node.raises or ""]
        lines = heard.unasked(lines, self._told, node.speaker)
        name = self._speaker(node).name
        self._add(Speaker.CLIENT, self.render(self.rng.choice(lines)), name=name)
        if node.ending is not None:
            for skill, points in node.ending.points.items():
                self.earned[skill] = self.earned.get(skill, 0.0) + points
            self._finish(node.ending.outcome, self.render(node.ending.note))
        else:
            self._doors_closed()

    def _doors_closed(self) -> bool:
        """End the call politely when trust is at 0 and nothing but agreement was on offer."""
        if self.ended or self.meters[Meter.TRUST] > METER_MIN or not self.node.replies:
            return False
        if self.options():
            return False
        speaker = self._speaker(self.node)
        self._add(Speaker.CLIENT, CLOSED_DOOR_LINE, name=speaker.name)
        self._finish(
            Outcome.LOST,
            f"{speaker.name} no longer trusted you, so there was nothing left to agree to and "
            "the call ended politely without a result. Trust lost to pressure or untruths has "
            "to be rebuilt before you ask for a commitment.",
        )
        return True

    def _speaker(self, node: Node) -> Persona:
        """Who speaks at `node`: the client, or a supporting character of the cast."""
        if node.speaker is None:
            return self.persona
        return self.content.persona(self.scenario.cast[node.speaker])

    def _finish(self, outcome: Outcome, note: str) -> None:
        self.outcome = outcome
        self.ending_note = self._qualified(outcome, note)

    def _qualified(self, outcome: Outcome, note: str) -> str:
        """The ending note, led by any breach: a breach is never followed by unqualified praise.

        The authored note is kept after the breach, because a failed ending's note is coaching
        the trainee needs; a success ending's praise reads as what the client saw, not a pass.
        """
        breaches = self.breaches()
        if not breaches:
            return note
        reasons = " ".join(self.content.rubric.critical[tag] for tag in breaches)
        verdict = (
            "The client agreed, but that alone fails the call: company policy comes first."
            if outcome in self.scenario.success
            else "That alone fails the call."
        )
        return f"{reasons} {verdict} {note}".strip()

    def _ensure_open(self) -> None:
        if self.ended:
            raise DialogueError("the call has ended")

    def _add(
        self,
        speaker: Speaker,
        text: str,
        *,
        name: str | None = None,
        node: str | None = None,
        **details: Any,
    ) -> Turn:
        shown = name or {Speaker.TRAINEE: "You", Speaker.SYSTEM: "—"}.get(speaker, "")
        if speaker is Speaker.TRAINEE:
            details["hint_used"] = self._hint_shown
            self._hint_shown = False
        turn = Turn(
            index=len(self.turns),
            speaker=speaker,
            name=shown,
            text=text,
            node=node or self.state,
            meters=frozen_map({meter.value: value for meter, value in self.meters.items()}),
            elapsed=round(self._clock() - self._started, 3),
            **details,
        )
        self.turns.append(turn)
        return turn

    def _placeholder_values(
        self, trainee: str, attempt: int, attempts_left: int | None
    ) -> ChainMap[str, str]:
        return placeholder_values(
            self.content,
            self.scenario,
            self.persona,
            trainee=trainee,
            attempt=attempt,
            attempts_left=attempts_left,
        )

    @property
    def path(self) -> list[str]:
        """The nodes visited, in order."""
        visited: list[str] = []
        for turn in self.turns:
            if turn.speaker is Speaker.CLIENT and (not visited or visited[-1] != turn.node):
                visited.append(turn.node)
        return visited
