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

Words = tuple["np.ndarray", "np.ndarray"]  # unit word vectors, and each word's weight

# A line is small talk when it is at least this close (cosine of sentence vectors) to an
# example of small talk, and clearly closer to it than to the reply it reads most like. The bar
# is the off-script recogniser's own: business lines of a call stay under it. A reply that
# greets ("how are you today? busy week?") is as close to its own text as to the chat, and a
# question about the client's day at work ("how does everyone work day to day?") is still
# nearer the reply than the margin.
BAR = 0.55
MARGIN = 0.2


def is_small_talk(said: Words, reply: Words) -> bool:
    """True when the typed line is chat that only shares words with the reply.

    Both come as the matcher reads them, word vectors and weights (`Embedder.words`): the
    sentence vector is their weighted sum, the direction of the mean that `Embedder.embed`
    takes, so no line is read twice.
    """
    line, candidate = sentence(*said), sentence(*reply)
    closest_chat = float((_examples() @ line).max())
    return closest_chat >= BAR and closest_chat >= float(line @ candidate) + MARGIN


def sentence(vectors: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """The unit sentence vector of a line's word vectors and weights (zero for no words)."""
    import numpy as np

    total = weights @ vectors if weights.size else np.zeros(vectors.shape[1], dtype=np.float32)
    norm = float(np.linalg.norm(total))
    return total / norm if norm > 0 else total


@lru_cache(maxsize=1)
def _examples() -> np.ndarray:
    import numpy as np

    from trainer.engine import embedding

    model = embedding.load()
    vectors = np.stack([sentence(*model.words(normalise(line))) for line in SMALL_TALK])
    vectors.setflags(write=False)
    return vectors
