"""Run conversation tests: play a scenario with scripted replies and compare with expectations."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import yaml

from trainer.content.content_set import ContentSet
from trainer.content.conversation_tests import ConversationTest
from trainer.engine.session import Session
from trainer.engine.turns import Mode
from trainer.errors import DialogueError
from trainer.text import clean


@dataclass(frozen=True, slots=True)
class TestResult:
    test: ConversationTest
    failures: tuple[str, ...]
    session: Session | None

    @property
    def passed(self) -> bool:
        return not self.failures


def run_test(content: ContentSet, test: ConversationTest) -> TestResult:
    """Play `test` and list every expectation it misses."""
    scenario = content.scenario(test.scenario)
    persona = content.persona(test.persona) if test.persona else None
    mode = Mode.EXAM if scenario.exam else Mode.PRACTICE
    session = Session(content, scenario, persona, mode=mode, seed=test.seed)
    try:
        for step, scripted in enumerate(test.replies, start=1):
            if session.ended:
                return TestResult(
                    test,
                    (f"the call ended at step {step - 1}, before every reply was used",),
                    session,
                )
            try:
                if scripted.typed is not None:
                    session.say(scripted.typed)
                else:
                    session.choose(scripted.reply_id or "")
            except DialogueError as error:
                problem = _not_on_offer(session, scripted.reply_id) or str(error)
                return TestResult(test, (f"step {step}: {problem}",), session)
    finally:
        session.close()
    return TestResult(test, tuple(_compare(test, session)), session)


def _not_on_offer(session: Session, reply_id: str | None) -> str | None:
    """Why a scripted reply cannot be taken, its siblings numbered as in the file (as validate
    and graph number them), not by where this seed's shuffle puts them."""
    if reply_id is None or session.ended:
        return None
    node = session.node
    offered = ", ".join(
        f"{o.reply.number} {o.reply.id}"
        for o in sorted(session.options(), key=lambda option: option.reply.number)
    )
    if any(reply.id == reply_id for reply in node.replies):
        reason = "is not on offer here (its condition is false)"
    else:
        reason = "does not exist at this node"
    return f"reply '{reply_id}' {reason} (node '{node.id}'); on offer: {offered or 'none'}"


def _compare(test: ConversationTest, session: Session) -> list[str]:
    expect = test.expect
    failures = []
    if not session.ended and (expect.outcome or expect.passed is not None):
        failures.append(f"the call has not ended; it waits at node '{session.state}'")
        return failures
    score = session.score()
    if expect.outcome is not None and session.outcome is not expect.outcome:
        got = session.outcome.value if session.outcome else "no outcome"
        failures.append(f"expected outcome '{expect.outcome.value}', got '{got}'")
    if expect.passed is not None and score.passed is not expect.passed:
        why = f" ({'; '.join(score.reasons)})" if score.reasons else ""
        failures.append(
            f"expected the call to {'pass' if expect.passed else 'fail'}, it "
            f"{'passed' if score.passed else 'failed'} with {score.percent:g}%{why}"
        )
    if expect.score_min is not None and score.percent < expect.score_min:
        failures.append(
            f"expected a score of at least {expect.score_min:g}%, got {score.percent:g}%"
        )
    if expect.score_max is not None and score.percent > expect.score_max:
        failures.append(
            f"expected a score of at most {expect.score_max:g}%, got {score.percent:g}%"
        )
    if expect.path is not None and tuple(session.path) != expect.path:
        failures.append(f"expected path {' > '.join(expect.path)}, got {' > '.join(session.path)}")
    if expect.note is not None:
        notes = [turn.note for turn in session.turns] + [session.ending_note]
        if not any(expect.note.lower() in note.lower() for note in notes):
            failures.append(f"no coach note mentions '{expect.note}'")
    return failures


def recorded_test(
    *,
    name: str,
    scenario: str,
    persona: str | None,
    seed: int,
    trainee_turns: Sequence[tuple[str | None, str | None]],
    path: Sequence[str],
    outcome: str | None,
    passed: bool | None,
    score: float | None,
) -> str:
    """A conversation test file (YAML) that replays a stored call and expects what it got.

    `trainee_turns` are (reply key, typed text) pairs in order: typed words are replayed as
    typed, so the matching is tested too; picked replies are replayed by id.
    """
    replies: list[object] = [
        {"say": clean(typed, multiline=False)} if typed else (reply or "").rsplit("/", 1)[-1]
        for reply, typed in trainee_turns
    ]
    expect: dict[str, object] = {"path": list(path)}
    if outcome is not None:
        expect["outcome"] = outcome
    if passed is not None:
        expect["passed"] = passed
    if score is not None:
        expect["score"] = {"min": round(score, 1), "max": round(score, 1)}
    test: dict[str, object] = {"name": name}
    if persona:
        test["persona"] = persona
    test.update({"seed": seed, "replies": replies, "expect": expect})
    document = {"kind": "test", "scenario": scenario, "tests": [test]}
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)
