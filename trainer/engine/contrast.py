"""What sets a reply apart from its siblings at a node, and whether a typed line says it.

A trap reply is written as the honest line plus one false clause ("Could you put me through to
Daniel, please? He's expecting my call."), so a typed honest line shares most of its words and
reads as close to it as to anything. What tells the trap from its siblings is the clause they do
not say, and that clause is what a verdict of "untruth" rests on. Here each word of a reply (or
of one of its examples) is weighed by how far it is from every word of the node's other replies
(its distinguishing weight, read once per node with the replies), and grouped by the reply's
sentences. A typed line carries a sentence's distinguishing part when it has words close to
that part's weight (on the same side of a negation), measured in the embedding model's space as
the matcher measures everything else; no phrase lists.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from trainer.engine import polarity
from trainer.engine.words import normalise

if TYPE_CHECKING:
    import numpy as np

__all__ = ["Contrast", "carried", "common", "contrast"]

# A reply's word as close as SHARED to a word of another reply at the node says what that reply
# says too: it tells them apart not at all; as far as APART, fully. Between, in proportion.
SHARED = 0.75
APART = 0.45
# A typed word as close as SAID to a reply's word says it; as far as UNSAID, not at all.
SAID = 0.75
UNSAID = 0.45
# A sentence of a reply that holds this share of the reply's distinguishing weight or more is
# one a verdict may rest on, and a breach must be carried in each of them; lighter ones ("I'll
# hold.", "You can count on it.") are left to the rest of the line. On the typed lines, 0.2 and
# 0.3 lost claims said in other words that 0.4 keeps; honest lines stay clear at all three.
SLIGHT = 0.4

# A word as close as COMMON to a word of every other reply at a node of COMMON_REPLIES replies
# or more is said by all of them ("wing" where every reply is about the wing, the trainee's
# name at an opening): it helps choose none, and a short reply that is mostly such words would
# win on them alone. The matcher weighs it COMMON_WEIGHT as much. On the typed lines' tuning
# half, 4 replies gained a line over 3 and none lost one anywhere.
COMMON = 0.9
COMMON_REPLIES = 4
COMMON_WEIGHT = 0.5

# The reply's sentences: punctuation that ends one (not the point inside 3,106.50)
_SENTENCE_END = re.compile(r"[.!?;:](?=\s|$)")


@dataclass(frozen=True, slots=True)
class Contrast:
    """A node's distinguishing weights: per candidate word, and each candidate's sentences."""

    weights: np.ndarray  # (words,) each candidate word's distinguishing weight, 0 for shared
    sentences: tuple[tuple[np.ndarray, ...], ...]  # per candidate: its sentences' word columns


def contrast(
    texts: Sequence[str],
    spans: Sequence[tuple[int, int]],
    distinct: np.ndarray,
    word_of: np.ndarray,
    weights: np.ndarray,
    counts: Sequence[int],
) -> Contrast:
    """The distinguishing weights of a node's candidates (texts in reply order, `spans` each
    reply's), from their words in the model's space (`distinct`, `word_of`, `weights` as the
    matcher holds them; `counts` the words of each candidate, 0 for none)."""
    import numpy as np

    owner = np.repeat(
        np.array([reply for reply, (start, end) in enumerate(spans) for _ in range(start, end)]),
        counts,
    )
    similar = distinct @ distinct.T  # (distinct words, distinct words)
    replies = len(spans)
    # per reply, each distinct word's closest word in that reply
    nearest = np.full((replies, distinct.shape[0]), -1.0, dtype=np.float64)
    for reply in range(replies):
        own = word_of[owner == reply]
        if own.size:
            nearest[reply] = similar[:, own].max(axis=1)
    others = np.empty(word_of.shape[0], dtype=np.float64)
    for reply in range(replies):
        mine = owner == reply
        if mine.any():
            rest = np.delete(nearest, reply, axis=0)
            others[mine] = rest[:, word_of[mine]].max(axis=0) if rest.size else -1.0
    apart = np.clip((SHARED - others) / (SHARED - APART), 0.0, 1.0)
    # grammar and fillers ("could", "please", "here") set no reply apart, however far they are
    said = [
        w for text, count in zip(texts, counts, strict=True) if count for w in _words(text, count)
    ]
    found = (
        apart
        * weights
        * np.array([bool(w) and polarity.weighty(w) for w in said], dtype=np.float64)
    )
    found.setflags(write=False)
    sentences, start = [], 0
    for text, count in zip(texts, counts, strict=True):
        sentences.append(tuple(start + cut for cut in _sentences(text, count)))
        start += count
    return Contrast(found, tuple(sentences))


def common(
    spans: Sequence[tuple[int, int]],
    distinct: np.ndarray,
    word_of: np.ndarray,
    counts: Sequence[int],
) -> np.ndarray:
    """Per candidate word: True when every other reply at the node says it too (see COMMON).

    Arguments as for `contrast`; a node of fewer than COMMON_REPLIES replies has none.
    """
    import numpy as np

    shared = np.zeros(word_of.shape[0], dtype=bool)
    replies = len(spans)
    if replies < COMMON_REPLIES:
        return shared
    owner = np.repeat(
        np.array([reply for reply, (start, end) in enumerate(spans) for _ in range(start, end)]),
        counts,
    )
    similar = distinct @ distinct.T
    nearest = np.full((replies, distinct.shape[0]), -1.0, dtype=np.float64)
    for reply in range(replies):
        own = word_of[owner == reply]
        if own.size:
            nearest[reply] = similar[:, own].max(axis=1)
    for reply in range(replies):
        mine = owner == reply
        if mine.any():
            rest = np.delete(nearest, reply, axis=0)
            shared[mine] = (rest[:, word_of[mine]] >= COMMON).all(axis=0)
    return shared


def _words(text: str, count: int) -> list[str]:
    """The candidate's normalised words, or `count` grammar words when the model read it
    otherwise (then none of them sets it apart)."""
    words = normalise(text).split()
    return words if len(words) == count else [""] * count


def _sentences(text: str, count: int) -> list[np.ndarray]:
    """The word positions of each sentence of `text`: one sentence when the pieces do not
    normalise to the text's `count` words (a figure spelled across a sentence's end)."""
    import numpy as np

    sizes = [len(normalise(piece).split()) for piece in _SENTENCE_END.split(text)]
    if sum(sizes) != count:
        sizes = [count]
    cuts = np.cumsum([0, *sizes])
    return [np.arange(a, b) for a, b in pairwise(cuts) if b > a]


def carried(
    found: Contrast,
    candidate: int,
    closeness: np.ndarray,
    typed: str,
    text: str,
) -> tuple[float, float] | None:
    """How much of the candidate's distinguishing weight the typed line carries: over the whole
    candidate, and in its least carried sentence that matters. None when nothing sets it apart.

    `closeness` is (typed words, the node's candidate words).
    """
    import numpy as np

    sentences = found.sentences[candidate]
    if not sentences:
        return None
    columns = np.concatenate(sentences)
    mass = found.weights[columns]
    total = float(mass.sum())
    if total <= 0:
        return None
    close = closeness[:, columns].astype(np.float64)
    said, meant = polarity.polarities(typed), polarity.polarities(text)
    read = said is not None and meant is not None
    if read and len(said or ()) == close.shape[0] and len(meant or ()) == columns.size:
        # a word said the other way round does not say it
        agree = np.array(said)[:, None] == np.array(meant)[None, :]
        close = np.where(agree, close, 0.0)
    heard = np.clip((close.max(axis=0, initial=0.0) - UNSAID) / (SAID - UNSAID), 0.0, 1.0)
    whole = float((mass * heard).sum()) / total
    least, at = 1.0, 0
    for sentence in sentences:
        part = mass[at : at + sentence.size]
        weight = float(part.sum())
        if weight >= SLIGHT * total:
            least = min(least, float((part * heard[at : at + sentence.size]).sum()) / weight)
        at += sentence.size
    return whole, least
