"""Prove the matching: run typed-line tests, report accuracy, check authors' examples."""

from __future__ import annotations

import zlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from trainer.content.content_set import ContentSet
from trainer.content.context import Problem, Severity
from trainer.content.scenario.model import Reply, Scenario
from trainer.content.typed import Category, TypedLine, TypedSet
from trainer.engine import matching
from trainer.engine.session import Session

TRAINEE = "Alex Morgan"  # a trainee's name for {trainee} placeholders in reply texts


@dataclass(frozen=True, slots=True)
class LineResult:
    line: TypedLine
    verdict: matching.Verdict
    taken: str | None  # the reply id it was taken as
    confidence: float
    held_back: bool = False  # from a held-back set, which no setting was ever chosen on
    batch: str = ""  # which held-back set ("held_back_2"); "" for the dev lines

    @property
    def passed(self) -> bool:
        if self.line.category.must_match:
            return self.taken == self.line.expect
        return self.taken is None

    @property
    def held_out(self) -> bool:
        """Half the dev lines, chosen by their words, kept aside from tuning (held-back: all)."""
        return self.held_back or zlib.crc32(self.line.text.encode()) % 2 == 1

    def failure(self) -> str:
        if self.line.category.must_match:
            got = f"'{self.taken}'" if self.taken else f"nothing ({self.verdict.value})"
            return (
                f"'{self.line.text}' at '{self.line.node}' should be '{self.line.expect}', "
                f"was taken as {got} ({self.confidence:g}%)"
            )
        return (
            f"'{self.line.text}' at '{self.line.node}' is {self.line.category.value} "
            f"but was taken as '{self.taken}' ({self.confidence:g}%)"
        )


@dataclass(frozen=True, slots=True)
class Accuracy:
    passed: int
    total: int

    @property
    def percent(self) -> float:
        return 100.0 * self.passed / self.total if self.total else 100.0


def run_typed(content: ContentSet, typed: TypedSet) -> list[LineResult]:
    """Match every line of `typed` against all the replies of its node."""
    scenario = content.scenario(typed.scenario)
    session = Session(content, scenario, trainee=TRAINEE)
    try:
        results = []
        for line in typed.lines:
            replies = scenario.nodes[line.node].replies
            understood = matching.understand(
                line.text,
                replies,
                [session.render(reply.text) for reply in replies],
                threshold=scenario.match_threshold,
                exam=scenario.exam,
                critical=content.rubric.critical,
                catalogue=content.catalogue,
            )
            best = understood.best
            results.append(
                LineResult(
                    line,
                    understood.verdict,
                    best.reply.id if best else None,
                    understood.confidence,
                    typed.held_back,
                    typed.batch,
                )
            )
        return results
    finally:
        session.close()


def accuracy(
    results: Iterable[LineResult],
    *,
    held_out: bool | None = None,
    held_back: bool | None = None,
    batch: str | None = None,
) -> dict[Category | None, Accuracy]:
    """Accuracy per category, and overall under the key None; optionally one part only."""
    counts: dict[Category | None, list[int]] = defaultdict(lambda: [0, 0])
    for result in results:
        if held_out is not None and result.held_out is not held_out:
            continue
        if held_back is not None and result.held_back is not held_back:
            continue
        if batch is not None and result.batch != batch:
            continue
        for key in (result.line.category, None):
            counts[key][0] += result.passed
            counts[key][1] += 1
    return {key: Accuracy(passed, total) for key, (passed, total) in counts.items()}


def check_examples(content: ContentSet) -> list[Problem]:
    """A warning for each reply example that reads more like another reply at its node."""
    problems = []
    # The summaries say which scenarios have examples: a large library read back from the
    # content cache builds only those.
    for summary in content.summaries.values():
        if summary.examples:
            problems.extend(_scenario_examples(content, content.scenarios[summary.id]))
    return problems


def _scenario_examples(content: ContentSet, scenario: Scenario) -> list[Problem]:
    if not any(reply.examples for reply in scenario.replies()):
        return []
    session = Session(content, scenario, trainee=TRAINEE)
    try:
        problems = []
        for node in scenario.nodes.values():
            texts = [session.render(reply.text) for reply in node.replies]
            for reply in node.replies:
                for example in reply.examples:
                    other = _better_match(example, reply, node.replies, texts)
                    if other is not None and reply.location is not None:
                        problems.append(
                            Problem(
                                reply.location,
                                f"the example '{example}' of reply '{reply.id}' reads more like "
                                f"reply '{other.id}' at node '{reply.node}'",
                                Severity.WARNING,
                            )
                        )
        return problems
    finally:
        session.close()


def _better_match(
    example: str, reply: Reply, replies: Sequence[Reply], texts: Sequence[str]
) -> Reply | None:
    """Another reply the example matches better than its own (judged without any examples)."""
    ranked = matching.rank(example, [replace(r, examples=()) for r in replies], texts)
    own = next(m.confidence for m in ranked if m.reply.id == reply.id)
    best = ranked[0]
    if best.reply.id == reply.id or best.confidence <= own:
        return None
    return next(r for r in replies if r.id == best.reply.id)


# What the typed lines of a content set must reach, per category, for `trainer test` to pass.
TARGETS: dict[Category, float] = {
    Category.CLOSE: 98.0,
    Category.PARAPHRASE: 90.0,
    Category.CASUAL: 85.0,
    Category.OFF_TOPIC: 90.0,
    Category.CONTENT_FREE: 99.0,
}


def below_target(results: Iterable[LineResult]) -> list[str]:
    """Each category whose accuracy is under its target, said in words."""
    shortfalls = []
    for category, figure in accuracy(results).items():
        if category is not None and figure.percent < TARGETS[category]:
            shortfalls.append(
                f"{category.value}: {figure.percent:.1f}% ({figure.passed}/{figure.total}), "
                f"target {TARGETS[category]:g}%"
            )
    return shortfalls
