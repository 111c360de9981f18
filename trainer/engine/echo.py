"""Tell the client's own words typed back from a reply: an echo says nothing of the trainee's.

A trainee who copies the client's last line into the box ("Five months ago we bought twelve BT
Pro headsets ...") shares many words with the reply that sums that line up, and the matcher
would hear the summary. A summary says the client's facts in runs of two or three words at
most, with words of its own between them ("so: twelve BT Pro, four won't charge, what's the
RMA number?"); an echo copies whole runs. A line is an echo when runs of RUN words or more
that the client just said, in that order, make up ECHO of it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from trainer.engine.turns import Speaker, Turn
from trainer.engine.words import normalise

__all__ = ["client_since", "echoes"]

RUN = 3  # words in a row, as the client said them
# On every typed line of the bundled sets (dev and held back, 1,769 lines that mean a reply),
# against the client's line at its moment, such runs make up at most 0.38 of a line; a line
# typed back, all of it.
ECHO = 0.6
SHORTEST = 5  # words: "twelve BT Pro headsets" alone is a note, judged as any other line


def echoes(typed: str, client: Iterable[str]) -> bool:
    """True when `typed` is mostly the client's lines `client` said back (see the module)."""
    words = normalise(typed).split()
    said = normalise(" ".join(client)).split()
    if len(words) < SHORTEST or len(said) < RUN:
        return False
    runs = {tuple(said[at : at + RUN]) for at in range(len(said) - RUN + 1)}
    copied = [False] * len(words)
    for at in range(len(words) - RUN + 1):
        if tuple(words[at : at + RUN]) in runs:
            copied[at : at + RUN] = [True] * RUN
    return sum(copied) >= ECHO * len(words)


def client_since(turns: Sequence[Turn]) -> list[str]:
    """What the client said since the trainee's last reply, in order: a line not understood
    in between leaves the client's line where it was, to be answered (or typed back) again."""
    said: list[str] = []
    for turn in reversed(turns):
        if turn.speaker is Speaker.TRAINEE and turn.reply is not None:
            break
        if turn.speaker is Speaker.CLIENT:
            said.insert(0, turn.text)
    return said
