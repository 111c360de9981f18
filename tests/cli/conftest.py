"""CLI fixtures: calls played on the fixture content and stored, as the app would store them."""

from __future__ import annotations

from trainer.content.content_set import ContentSet
from trainer.engine.session import Session
from trainer.store.attempts import finish_attempt, record_turn, start_attempt
from trainer.store.database import Store

PASSPHRASE = "correct horse battery"


def store_call(
    records: Store,
    content: ContentSet,
    trainee_id: int,
    moves: list[tuple[str, str]],
    seed: int,
) -> str:
    """Play first_call with these moves (('pick', id) or ('say', words)), store every turn and
    the score; returns the attempt's id."""
    scenario = content.scenario("first_call")
    session = Session(content, scenario, seed=seed)
    attempt = start_attempt(
        records,
        trainee_id,
        kind="call",
        content_id=scenario.id,
        content_hash=scenario.digest,
        seed=seed,
        mode="practice",
        persona_id="ivan",
    )
    for turn in session.turns:
        record_turn(records, attempt.id, turn)
    for kind, value in moves:
        for turn in session.say(value) if kind == "say" else session.choose(value):
            record_turn(records, attempt.id, turn)
    finish_attempt(records, attempt.id, session.score())
    return attempt.id
