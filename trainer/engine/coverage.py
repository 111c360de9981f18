"""What the conversation tests exercise: the nodes they visit and the replies they take."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from trainer.content.content_set import ContentSet
from trainer.content.scenario.model import Node, Reply, Scenario
from trainer.engine.testing import TestResult
from trainer.engine.turns import Speaker


@dataclass(frozen=True, slots=True)
class Coverage:
    """One scenario's nodes and replies, and which of them its tests reached."""

    scenario: Scenario
    tests: int
    visited: frozenset[str]  # node ids
    taken: frozenset[str]  # reply keys, `node/id`

    @property
    def missed_nodes(self) -> list[Node]:
        return [node for node in self.scenario.nodes.values() if node.id not in self.visited]

    @property
    def missed_replies(self) -> list[Reply]:
        return [reply for reply in self.scenario.replies() if reply.key not in self.taken]

    def summary(self) -> str:
        """`nodes 5 of 6 (83%), replies 4 of 8 (50%), 2 tests`."""
        nodes, replies = len(self.scenario.nodes), len(self.scenario.replies())
        node_share = _share(nodes - len(self.missed_nodes), nodes)
        reply_share = _share(replies - len(self.missed_replies), replies)
        return (
            f"nodes {node_share}, replies {reply_share}, {self.tests} test{'s' * (self.tests != 1)}"
        )


def coverage(
    content: ContentSet, results: Iterable[TestResult], scenario: str | None = None
) -> list[Coverage]:
    """Every scenario's coverage (or one's), those no test plays included, in file order."""
    visited: dict[str, set[str]] = {}
    taken: dict[str, set[str]] = {}
    tests: dict[str, int] = {}
    for result in results:
        session = result.session
        scenario_id = result.test.scenario
        tests[scenario_id] = tests.get(scenario_id, 0) + 1
        if session is None:
            continue
        visited.setdefault(scenario_id, set()).update([*session.path, session.state])
        taken.setdefault(scenario_id, set()).update(
            turn.reply
            for turn in session.turns
            if turn.speaker is Speaker.TRAINEE and turn.reply is not None
        )
    return [
        Coverage(
            found,
            tests.get(found.id, 0),
            frozenset(visited.get(found.id, ())),
            frozenset(taken.get(found.id, ())),
        )
        for found in content.scenarios.values()
        if scenario in (None, found.id)
    ]


def _share(part: int, whole: int) -> str:
    return f"{part} of {whole} ({100 * part / whole:.0f}%)" if whole else "0 of 0"
