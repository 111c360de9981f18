"""A stored call played again on a new session: to resume it, or to say how words were heard.

The session is deterministic given the scenario, the persona, the seed and the trainee's moves,
so the same moves give the same turns. Each move is checked against what was stored; the first
that comes out differently ends the replay, which then says so (`complete` is False) rather
than guess.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from trainer.content.content_set import ContentSet
from trainer.content.scenario.model import Scenario
from trainer.engine import matching
from trainer.engine.session import Option, Session
from trainer.engine.turns import Mode, Speaker, Turn
from trainer.errors import DialogueError

HUNG_UP = "You ended the call."  # the line the session says when the trainee hangs up


@dataclass(slots=True)
class Replay:
    """The session after the stored moves, and what was on offer before each of them."""

    session: Session
    offered: dict[int, list[Option]] = field(default_factory=dict)  # by trainee turn index
    complete: bool = True  # every stored turn came out again as it had been stored

    def heard_as(self, turn: Turn) -> str | None:
        """How typed words were understood, as the trainee saw it then; None if not typed."""
        if turn.typed is None or turn.speaker is not Speaker.TRAINEE:
            return None
        offered = self.offered.get(turn.index)
        if offered is None and turn.reply is not None:
            # Past the point the replay reached: the reply by its words, not a number.
            node, _, reply_id = turn.reply.rpartition("/")
            replies = (
                self.session.scenario.nodes[node].replies
                if node in self.session.scenario.nodes
                else ()
            )
            found = next((reply for reply in replies if reply.id == reply_id), None)
            if found is not None:
                sure = f"{turn.confidence:.0f}%" if turn.confidence is not None else "?"
                return f"heard as the reply ({sure}): {self.session.render(found.text)}"
        return heard_as(turn, offered)


def heard_as(turn: Turn, offered: Sequence[Option] | None) -> str:
    """Typed words as the client took them: "heard as reply 2 (71%): ...", or why not one.

    `offered` are the replies on offer when the words were said, which number them.
    """
    sure = f"{turn.confidence:.0f}%" if turn.confidence is not None else "?"
    queried = (turn.facts or {}).get("queried")
    if turn.reply is None and queried:
        option = next((o for o in offered or () if o.reply.key == queried), None)
        which = f"reply {option.number}" if option else "one of the replies"
        return f"heard as {which} ({sure}) with a wrong figure, which the client queried"
    if turn.reply is None:
        if "unclear" in turn.tags:
            return f"not understood (best match {sure})"
        return "off the script: answered as said, not as one of the replies"
    option = next((o for o in offered or () if o.reply.key == turn.reply), None)
    if option is None:
        return f"heard as one of the replies ({sure})"
    return f"heard as reply {option.number} ({sure}): {option.text}"


def coach_heard_as(turn: Turn, offered: Sequence[Option], threshold: float) -> str:
    """The coach's note in a practice call on typed words: the reply they were heard as, or why
    the client could not follow them (`why_not_understood`), or that they were off the script."""
    if turn.reply is None and "unclear" in turn.tags and turn.typed is not None:
        sure = f"{turn.confidence:.0f}%" if turn.confidence is not None else "?"
        why = why_not_understood(turn.typed, offered, threshold)
        return f"The client could not follow that (best match {sure}). {why}"
    if turn.reply is None and not (turn.facts or {}).get("queried"):
        return off_script_note(turn)
    said = heard_as(turn, offered)
    return said[:1].upper() + said[1:]


# What the coach says about a line the client answered off the script, by its kind: what the
# client heard, and what to do instead.
_OFF_SCRIPT_NOTES = {
    "rude": "Off the script, and rude: the client heard the tone, not the point, and it cost "
    "patience and trust. Stay courteous however the call goes.",
    "pushy": "Off the script, and pushy: pressure costs trust. Ask what matters to the client "
    "instead of pushing for a yes.",
    "small_talk": "Small talk: the client answers it and the call waits. A little warmth is "
    "fine; then bring the call back to the matter in hand.",
    "offer": "An offer company policy does not allow, recorded as a breach{breaches}. Discounts "
    "and terms come from the price list and the volume tiers only.",
    "goodbye": "You said goodbye: the client takes it as the end of the call.",
    "repeat": "You asked the client to say it again: they do, and a little patience goes. "
    "Listening the first time keeps it.",
}


def off_script_note(turn: Turn) -> str:
    """The coach's note on a line answered off the script, for its kind when it has one."""
    facts = turn.facts or {}
    note = _OFF_SCRIPT_NOTES.get(str(facts.get("off_script")))
    if note is None:
        return "Off the script: the client answers that, not one of the replies."
    breaches = "; ".join(str(breach) for breach in facts.get("breaches") or ())
    return note.format(breaches=f": {breaches}" if breaches else "")


def why_not_understood(words: str, offered: Sequence[Option], threshold: float) -> str:
    """Why the client could not follow typed words, and what to do instead: a coach's note.

    `offered` are the replies on offer when they were said and `threshold` the scenario's bar
    for a match, in percent.
    """
    understood = matching.understand(
        words, [o.reply for o in offered], [o.text for o in offered], threshold=threshold
    )
    numbers = {option.reply.key: option.number for option in offered}
    ranked = [match for match in understood.ranked if match.reply.key in numbers]
    if understood.verdict is matching.Verdict.CONTENT_FREE or not ranked:
        return (
            "There was too little in it to act on: say a whole thought, such as who you are, "
            "what you want to know or what you offer, or pick a numbered reply."
        )
    best = ranked[0]
    if best.confidence >= threshold and len(ranked) > 1:
        other = ranked[1]
        return (
            f"It could be reply {numbers[best.reply.key]} or reply {numbers[other.reply.key]}, "
            "so the client could not tell which you meant: say it so that only one fits, or "
            "pick its number."
        )
    return (
        f"It was not close enough to any reply on offer: the nearest was reply "
        f"{numbers[best.reply.key]} ({best.confidence:.0f}%, {threshold:g}% needed). Say what "
        "you mean more plainly, or pick a numbered reply."
    )


def replay(
    content: ContentSet,
    scenario: Scenario,
    persona_id: str | None,
    *,
    seed: int,
    mode: Mode,
    trainee: str,
    turns: Sequence[Turn],
    clock: Callable[[], float] = time.monotonic,
) -> Replay:
    """Play `turns`' trainee moves again on a new session; stops at the first that differs.

    `clock` is the new session's; the elapsed times of later turns count on from the last
    stored one, so a resumed call's timings do not restart at zero.
    """
    shift = [0.0]  # nothing while the session starts, then the time the call had lasted

    def carried_on() -> float:
        return clock() + shift[0]

    persona = content.persona(persona_id) if persona_id else None
    session = Session(
        content, scenario, persona, mode=mode, seed=seed, trainee=trainee, clock=carried_on
    )
    shift[0] = turns[-1].elapsed if turns else 0.0
    result = Replay(session)
    position = len(session.turns)
    if not _same(session.turns, turns[:position]):
        result.complete = False
        return result
    while position < len(turns):
        turn = turns[position]
        try:
            said = _move(result, turn)
        except DialogueError:
            said = None
        if said is None or not _same(said, turns[position : position + len(said)]):
            result.complete = False
            return result
        position += len(said)
    return result


def _move(result: Replay, turn: Turn) -> list[Turn] | None:
    """The stored turn's move made again, its turns; None for a turn no move makes."""
    session = result.session
    if session.ended:
        return None
    if turn.speaker is Speaker.SYSTEM and turn.text == HUNG_UP:
        return session.hang_up()
    if turn.speaker is not Speaker.TRAINEE:
        return None
    result.offered[turn.index] = session.options()
    if turn.hint_used and session.mode is Mode.PRACTICE:
        session.hint()
    if turn.typed is not None:
        return session.say(turn.typed)
    if turn.reply is None:
        return None
    return session.choose(turn.reply.rsplit("/", 1)[-1])


def _same(played: Sequence[Turn], stored: Sequence[Turn]) -> bool:
    """The same lines by the same speakers at the same points (timings and ids aside)."""
    if len(played) != len(stored):
        return False
    return all(
        (a.speaker, a.text, a.node, a.reply, a.hint_used)
        == (b.speaker, b.text, b.node, b.reply, b.hint_used)
        for a, b in zip(played, stored, strict=True)
    )
