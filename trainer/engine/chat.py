"""Tell small talk from a reply by the sentence as a whole, where single words mislead.

Word by word, "did you watch the match last night" shares its weightiest word with "I'll match
their price"; as sentences (the mean of their word vectors) the first is plainly chat. Used by
the matcher once a line reads like a reply, so that a word in common is not taken for its sense.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from trainer.engine.words import SMALL_TALK, normalise

if TYPE_CHECKING:
    import numpy as np

# A line is small talk when it is at least this close (cosine of sentence vectors) to an
# example of small talk, and clearly closer to it than to the reply it reads most like. The bar
# is the off-script recogniser's own: business lines of a call stay under it. A reply that
# greets ("how are you today? busy week?") is as close to its own text as to the chat, and a
# question about the client's day at work ("how does everyone work day to day?") is still
# nearer the reply than the margin.
BAR = 0.55
MARGIN = 0.2


def is_small_talk(said: str, reply: str) -> bool:
    """True when the typed line (normalised) is chat that only shares words with the reply.

    Needs the embedding model: call it once the matcher has loaded it.
    """
    line, candidate = _sentence(said), _sentence(reply)
    closest_chat = float((_examples() @ line).max())
    return closest_chat >= BAR and closest_chat >= float(line @ candidate) + MARGIN


@lru_cache(maxsize=4096)  # replies are met again on every line typed at their node
def _sentence(text: str) -> np.ndarray:
    from trainer.engine import embedding

    vector: np.ndarray = embedding.load().embed([text])[0]
    vector.setflags(write=False)
    return vector


@lru_cache(maxsize=1)
def _examples() -> np.ndarray:
    from trainer.engine import embedding

    vectors: np.ndarray = embedding.load().embed([normalise(line) for line in SMALL_TALK])
    vectors.setflags(write=False)
    return vectors
