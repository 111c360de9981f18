"""What a coach reads beside a call: the replies on offer at each turn, the best of them, and the
call's route on the scenario's map beside the best route.

The offers are rebuilt by playing the stored call again (its seed, the trainee's name, the
same replies), so they are numbered, ordered and worded as the trainee saw them. "Best" is the
reply that starts the route earning the most rubric-weighted points from that moment on while
still reaching the scenario's goal, with no reply that breaks company policy.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from html import escape

from trainer.content.content_set import ContentSet
from trainer.content.graph import extremes_from
from trainer.content.outcomes import outcome_label
from trainer.content.programme import DEFAULT_EXAM_ATTEMPTS
from trainer.content.scenario.model import Ending, Reply, Scenario
from trainer.engine.session import Session
from trainer.engine.turns import Speaker
from trainer.errors import DialogueError, TrainerError
from trainer.store.attempts import attempts_for
from trainer.store.database import Store
from trainer.store.exams import exam_rules, retakes_for
from trainer.store.models import Attempt, AttemptKind, StoredTurn, Transcript
from trainer.store.trainees import get_trainee

VALUE = "value"


@dataclass(frozen=True, slots=True)
class Offered:
    """One reply on offer at a trainee's turn, as they saw it."""

    number: int
    key: str  # node/reply
    text: str
    points: Mapping[str, float]
    chosen: bool
    best: bool


@dataclass(frozen=True, slots=True)
class CallMap:
    """A call seen against its scenario: the offers at each trainee turn (by the turn's index),
    the nodes the call went through, and the best route from the start to the goal."""

    scenario: Scenario
    offers: Mapping[int, tuple[Offered, ...]]
    route: tuple[str, ...]
    taken: frozenset[str]  # reply keys the trainee took
    best_route: tuple[str, ...]
    best_replies: frozenset[str]
    problem: str  # why the offers stop early ("" when every turn was rebuilt)


def replay_session(store: Store, content: ContentSet, attempt: Attempt) -> Session:
    """A new session of the attempt's scenario as the trainee had it: the seed, their name, and
    for an exam which attempt it was and how many were left after it, since lines and notes
    say them."""
    scenario = content.scenario(attempt.content_id)
    persona = content.persona(attempt.persona_id) if attempt.persona_id else None
    number, left = 1, None
    if attempt.kind is AttemptKind.EXAM:
        exams = attempts_for(store, attempt.trainee_id, kind=AttemptKind.EXAM.value)
        number = len([a for a in exams if a.started_at <= attempt.started_at])
        rules = exam_rules(store)
        limit = (
            rules.attempts
            if rules is not None
            else content.programme.exam.exam_attempts
            if content.programme is not None
            else DEFAULT_EXAM_ATTEMPTS
        )
        granted = sum(
            1
            for retake in retakes_for(store, attempt.trainee_id)
            if retake.granted_at <= attempt.started_at
        )
        left = max(0, limit + granted - number)
    return Session(
        content,
        scenario,
        persona,
        mode=attempt.mode,
        seed=attempt.seed,
        trainee=get_trainee(store, attempt.trainee_id).name,
        attempt=number,
        attempts_left=left,
    )


def call_map(
    store: Store, content: ContentSet, attempt: Attempt, turns: tuple[StoredTurn, ...]
) -> CallMap | None:
    """The coach's view of a stored call; None for a quiz or a scenario the content has no more."""
    if attempt.kind is AttemptKind.QUIZ or attempt.content_id not in content.scenarios:
        return None
    session = replay_session(store, content, attempt)
    scenario = session.scenario
    judge = _Judge(scenario, content)
    offers: dict[int, tuple[Offered, ...]] = {}
    route = [scenario.start]
    problem = ""
    try:
        for turn in turns:
            if turn.speaker is not Speaker.TRAINEE:
                continue
            if session.ended or turn.node != session.state:
                problem = f"the scenario has changed since this call: turn {turn.index + 1} on"
                break
            options = session.options()
            best = judge.best_of([option.reply for option in options])
            offers[turn.index] = tuple(
                Offered(
                    option.number,
                    option.reply.key,
                    option.text,
                    dict(option.reply.points),
                    option.reply.key == turn.reply,
                    option.reply.key == best,
                )
                for option in options
            )
            if turn.hint_used:
                session.hint()
            if turn.typed:
                session.say(turn.typed)
            elif turn.reply:
                session.choose(turn.reply.rsplit("/", 1)[-1])
            else:
                session.hang_up()
            if route[-1] != session.state:
                route.append(session.state)
    except DialogueError as error:
        problem = f"the call could not be played again: {error}"
    finally:
        session.close()
    best_route, best_replies = judge.best_route(scenario)
    taken = frozenset(t.reply for t in turns if t.speaker is Speaker.TRAINEE and t.reply)
    return CallMap(scenario, offers, tuple(route), taken, best_route, best_replies, problem)


class _Judge:
    """Which reply is best: the one starting the route that earns the most rubric-weighted
    points from there on and still reaches the goal, never one that breaks company policy."""

    def __init__(self, scenario: Scenario, content: ContentSet) -> None:
        self.weights = {key: skill.weight for key, skill in content.rubric.skills.items()}
        self.critical = frozenset(content.rubric.critical)
        self.scenario = scenario

        def ending(node_ending: Ending) -> dict[str, float | None]:
            return {VALUE: 0.0 if node_ending.outcome in scenario.success else None}

        # The most a call can still earn from a node on an honest route to the goal (None where
        # no such route is left), for every node from one walk of the graph.
        self._from = extremes_from(
            scenario, [VALUE], lambda reply: {VALUE: self.gain(reply)}, ending, self.honest
        )

    def value(self, node_id: str) -> float | None:
        extremes = self._from(node_id)
        return extremes[VALUE][1] if VALUE in extremes else None

    def gain(self, reply: Reply) -> float:
        return sum(points * self.weights.get(skill, 1.0) for skill, points in reply.points.items())

    def honest(self, reply: Reply) -> bool:
        return not self.critical.intersection(reply.tags)

    def best_of(self, replies: list[Reply]) -> str | None:
        """The key of the best of `replies`; None when none leads honestly to the goal."""
        scored = [
            (self.gain(reply) + value, -index, reply.key)
            for index, reply in enumerate(replies)
            if self.honest(reply) and (value := self.value(reply.target)) is not None
        ]
        return max(scored)[2] if scored else None

    def best_route(self, scenario: Scenario) -> tuple[tuple[str, ...], frozenset[str]]:
        """The nodes and replies of the best route from the start."""
        node_id = scenario.start
        route, replies = [node_id], set()
        while scenario.nodes[node_id].ending is None:
            best = self.best_of(list(scenario.nodes[node_id].replies))
            if best is None:
                break
            reply = next(r for r in scenario.nodes[node_id].replies if r.key == best)
            replies.add(best)
            if reply.target in route:  # a loop earns nothing more the second time round
                break
            node_id = reply.target
            route.append(node_id)
        return tuple(route), frozenset(replies)


@dataclass(frozen=True, slots=True)
class MapReply:
    """A way out of a node on the map."""

    key: str
    label: str  # the reply's id, as authors name it
    target: str
    points: Mapping[str, float]
    taken: bool
    best: bool


@dataclass(frozen=True, slots=True)
class MapNode:
    """A node on the map: whether the call and the best route pass through it, and where each
    reply leads."""

    id: str
    on_route: bool
    on_best: bool
    ending: str | None  # the outcome an ending node gives; None elsewhere
    replies: tuple[MapReply, ...]


def map_nodes(found: CallMap) -> list[MapNode]:
    """Every node reachable from the start, in the order a reader follows the call: breadth
    first, replies in their authored order."""
    scenario = found.scenario
    route, best = set(found.route), set(found.best_route)
    order, queue = [scenario.start], [scenario.start]
    while queue:
        for reply in scenario.nodes[queue.pop(0)].replies:
            if reply.target not in order:
                order.append(reply.target)
                queue.append(reply.target)
    nodes = []
    for node_id in order:
        node = scenario.nodes[node_id]
        replies = tuple(
            MapReply(
                reply.key,
                reply.id,
                reply.target,
                dict(reply.points),
                reply.key in found.taken,
                reply.key in found.best_replies,
            )
            for reply in node.replies
        )
        outcome = None if node.ending is None else node.ending.outcome.value
        nodes.append(MapNode(node_id, node_id in route, node_id in best, outcome, replies))
    return nodes


def map_html(content: ContentSet, found: CallMap | None) -> str:
    """The path on the map for the HTML export: every node with the call's route (●), the
    best route (★) and where each reply leads (▸ taken); "" for a quiz. All text escaped."""
    if found is None:
        return ""
    names = {key: skill.name for key, skill in content.rubric.skills.items()}
    parts = [
        "<h3>Path on the map</h3>",
        '<p class="meta">● the call\'s route · ★ the best route · ▸ the reply taken</p>',
        '<ul class="map">',
    ]
    for node in map_nodes(found):
        marks = ("●" if node.on_route else "") + ("★" if node.on_best else "")
        ending = (
            ""
            if node.ending is None
            else f' <span class="meta">ends: {escape(outcome_label(node.ending))}</span>'
        )
        parts.append(f"<li>{escape(marks)} <b>{escape(node.id)}</b>{ending}")
        if node.replies:
            parts.append("<ul>")
            for reply in node.replies:
                marks = ("▸" if reply.taken else "") + ("★" if reply.best else "")
                earned = ", ".join(
                    f"{points:+g} {names.get(skill, skill)}"
                    for skill, points in reply.points.items()
                    if points
                )
                points = f' <span class="meta">{escape(earned)}</span>' if earned else ""
                where = f"{escape(reply.label)} → {escape(reply.target)}"
                parts.append(f"<li>{escape(marks)} {where}{points}</li>")
            parts.append("</ul>")
        parts.append("</li>")
    parts.append("</ul>")
    if found.problem:
        parts.append(f'<p class="meta">{escape(found.problem)}</p>')
    return "\n".join(parts)


def map_appendix(store: Store, content: ContentSet) -> Callable[[Transcript], str]:
    """For the HTML export: each call's path on the map, as `map_html` writes it; nothing for
    a quiz, or for a call whose scenario cannot be played again (the export goes on)."""

    def appendix(record: Transcript) -> str:
        try:
            found = call_map(store, content, record.attempt, record.turns)
        except TrainerError:
            return ""
        return map_html(content, found)

    return appendix
