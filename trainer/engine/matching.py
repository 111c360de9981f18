"""Understand a trainee's own words: which reply on offer they mean, and how surely.

`understand` is what a session asks; `rank` is the scoring underneath it. A reply's confidence
blends closeness in meaning with closeness in spelling (rapidfuzz, for typos). Meaning is read
word by word: each typed word is set against the nearest word of the reply (or of one of its
examples) in the embedding model's space (see `embedding`), and the other way round, so a line
is close when it covers the reply's weighty words with words of the same sense, in any order.
Words that carry no substance (fillers, a greeting, a lone "yes" or number) are never taken as
a reply, nor is a fragment of the reply's own words; an authored keyword found in passing only
ever adds a little to a reply that is close already.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import TYPE_CHECKING

from trainer.content.scenario.model import Reply
from trainer.engine.numbers import spell_numbers
from trainer.engine.words import CONTRACTIONS, FILLERS, SHORTHANDS, STOPWORDS

if TYPE_CHECKING:
    import numpy as np

__all__ = [
    "FILLERS",
    "Match",
    "Understanding",
    "Verdict",
    "content_words",
    "normalise",
    "rank",
    "understand",
    "warm_up",
]

_PUNCTUATION = re.compile(r"[^\w\s.]+|(?<!\d)\.|\.(?!\d)")
KEYWORD_BONUS = 6.0  # the most that authored keywords add; never enough to match on their own
KEYWORD_TOLERANCE = 88.0  # how closely a keyword must appear, so small typos still count
EXAM_MARGIN = 10.0  # the exam asks for this much more confidence than practice
# A typed line must carry at least this share of the reply's distinct content words' worth of
# words of its own: "recording" is not the four-sentence answer to a price objection.
MIN_SHARE = 1 / 6
SHORT_REPLY = 3  # a reply of this many substance words or fewer may be answered in one
# Words that only measure: "60 days" or "8 percent" alone is an amount, not a reply.
UNITS = frozenset(
    (
        *("percent", "eur", "usd", "gbp", "euro", "euros", "each", "per", "times"),
        *("day", "days", "week", "weeks", "month", "months", "year", "years"),
        *("hour", "hours", "minute", "minutes", "seat", "seats", "unit", "units"),
    )
)


class Verdict(StrEnum):
    """What the session should make of typed words."""

    MATCHED = "matched"  # one reply on offer, confidently
    CONTENT_FREE = "content-free"  # fillers, a lone word or number: nothing to match yet
    NO_MATCH = "no-match"  # says something, but none of the replies on offer


@dataclass(frozen=True, slots=True)
class Match:
    reply: Reply
    confidence: float


@dataclass(frozen=True, slots=True)
class Understanding:
    """The verdict on typed words, with every reply on offer ranked best first."""

    verdict: Verdict
    ranked: tuple[Match, ...]

    @property
    def best(self) -> Match | None:
        """The reply taken, when the words were understood as one."""
        return self.ranked[0] if self.verdict is Verdict.MATCHED and self.ranked else None

    @property
    def confidence(self) -> float:
        return self.ranked[0].confidence if self.ranked else 0.0


@lru_cache(maxsize=16384)
def normalise(text: str) -> str:
    """Lower case, numbers and shorthand spelled one way, punctuation gone (decimals kept).

    Remembered: reply texts are normalised once, not on every typed line.
    """
    text = spell_numbers(text)
    if "'" in text:
        text = text.replace("won't", "will not").replace("can't", "cannot")
        for short, full in CONTRACTIONS:
            text = text.replace(short, full)
    words = _PUNCTUATION.sub(" ", text).split()
    return " ".join(SHORTHANDS.get(word, word) for word in words)


def content_words(text: str) -> list[str]:
    """The words of `text` that could tell one reply from another."""
    return [word for word in normalise(text).split() if word not in FILLERS]


def _is_number(word: str) -> bool:
    return word.replace(".", "", 1).isdigit()


def _is_amount(word: str) -> bool:
    return word in UNITS or _is_number(word)


def _substance(text: str) -> list[str]:
    """The words that carry meaning: no fillers, no grammar words."""
    return [w for w in normalise(text).split() if w not in FILLERS and w not in STOPWORDS]


def understand(
    typed: str,
    replies: Sequence[Reply],
    texts: Sequence[str],
    *,
    threshold: float,
    exam: bool = False,
) -> Understanding:
    """Which of `replies` the trainee means by `typed`, if any.

    `texts` are the replies as the trainee sees them (placeholders filled in); `threshold` is the
    scenario's bar for a match. The exam asks for more than practice: its bar is higher.
    """
    ranked = tuple(rank(typed, replies, texts))
    said = content_words(typed)
    meaningful = _substance(typed)
    bar = min(100.0, threshold + EXAM_MARGIN) if exam else threshold
    if len(said) < 2:
        return Understanding(Verdict.CONTENT_FREE, ranked)
    if not ranked:
        return Understanding(Verdict.CONTENT_FREE, ranked)
    best = ranked[0]
    # the reply's text or the example the line is closest to: an example is a shorter way
    # of saying the reply that authors vouch for
    closest = _closest(typed, best.reply, texts[list(replies).index(best.reply)])
    own_words = set(_substance(closest))
    if not meaningful and not (len(own_words) <= 1 and best.confidence >= bar):
        # only a reply that is itself a formula ("No, that's all, thanks!") is one
        return Understanding(Verdict.CONTENT_FREE, ranked)
    lone_amount = all(map(_is_amount, meaningful)) and sum(map(_is_number, meaningful)) <= 1
    if lone_amount and not all(map(_is_amount, own_words)):
        return Understanding(Verdict.CONTENT_FREE, ranked)  # a lone amount
    own = len(own_words)
    needed = 1 if own <= SHORT_REPLY else max(2, round(own * MIN_SHARE))
    if len(meaningful) < needed and best.confidence >= threshold / 2:
        return Understanding(Verdict.CONTENT_FREE, ranked)
    if not meaningful or _fragment(typed, closest):
        return Understanding(Verdict.CONTENT_FREE, ranked)
    if best.confidence >= bar and _clear(ranked, bar):
        return Understanding(Verdict.MATCHED, ranked)
    return Understanding(Verdict.NO_MATCH, ranked)


# A line made of the reply's own words that covers only part of it is a fragment, not the
# reply: "duo and the g5 router" for a whole quote. Each box is (precision at least, recall
# under): every word from the reply and under half of it, or most words and about a third.
# Real paraphrases bring words of their own, so their precision stays lower.
FRAGMENT = ((0.9, 0.5), (0.75, 0.35))
# A confidence under the bar plus SURE must lead the next reply by MARGIN: a line that reads
# almost as much like another reply is asked again rather than guessed.
SURE = 10.0
MARGIN = 5.0


def _closest(typed: str, reply: Reply, text: str) -> str:
    """The reply's text, or the example of it that `typed` is closest to."""
    if not reply.examples:
        return text
    candidates = (text, *reply.examples)
    if not _model_ready():
        from rapidfuzz import fuzz

        said = normalise(typed)
        return max(candidates, key=lambda c: fuzz.token_sort_ratio(said, normalise(c)))
    typed_words = _words(normalise(typed))
    return max(candidates, key=lambda c: _alignment(typed_words, _words(normalise(c))))


def _fragment(typed: str, candidate: str) -> bool:
    """True when `typed` is a part of `candidate` in its own words, too small a part to be it."""
    if not _model_ready():
        return False
    precision, recall = _coverage(_words(normalise(typed)), _words(normalise(candidate)))
    return any(precision >= least and recall < under for least, under in FRAGMENT)


def _clear(ranked: Sequence[Match], bar: float) -> bool:
    best = ranked[0].confidence
    second = ranked[1].confidence if len(ranked) > 1 else 0.0
    return best >= bar + SURE or best - second >= MARGIN


def rank(typed: str, replies: Sequence[Reply], texts: Sequence[str]) -> list[Match]:
    """Every reply with how confidently `typed` means it, best first."""
    from rapidfuzz import fuzz  # 5 MB of C++: loaded with the first typed reply, not at start-up

    said = normalise(typed)
    typed_words = _words(said) if _model_ready() else None
    scored: list[tuple[float, Match]] = []
    for reply, text in zip(replies, texts, strict=True):
        candidates = [normalise(text), *(normalise(example) for example in reply.examples)]
        spelling = max(fuzz.token_sort_ratio(said, candidate) for candidate in candidates)
        meaning = 0.0
        if typed_words is not None:
            meaning = max(_alignment(typed_words, _words(candidate)) for candidate in candidates)
        score = _blend(meaning, spelling, typed_words is not None)
        if reply.keywords and score > 0:
            found = sum(1 for keyword in reply.keywords if _contains(said, normalise(keyword)))
            score += KEYWORD_BONUS * found / len(reply.keywords)
        scored.append((score, Match(reply, round(min(100.0, max(0.0, score)), 1))))
    # ordered by the score before it is capped at 100: the closest of two near-identical
    # replies wins, not the first
    scored.sort(key=lambda pair: (-pair[0], pair[1].reply.number))
    return [match for _, match in scored]


# Calibration: an alignment of 0.5 (half the reply's weight covered by close words, and as
# much of the typed line found in it) and more is a certain match in meaning; it maps onto
# 0-100 and is blended 70/30 with spelling, so typos and word order still count. Chosen on
# the tuning half of scenarios/tests/typed: the middle of a plateau where neighbouring
# values give the same figures.
_MEANING_SPAN = 0.5
_SPELLING_WEIGHT = 0.3
_RECALL_WEIGHT = 2.0  # the F-measure's beta: covering the reply counts more than adding to it


def _blend(meaning: float, spelling: float, with_model: bool) -> float:
    if not with_model:
        return spelling
    semantic = 100.0 * meaning / _MEANING_SPAN
    return (1 - _SPELLING_WEIGHT) * semantic + _SPELLING_WEIGHT * spelling


Words = tuple["np.ndarray", "np.ndarray"]  # unit word vectors, and each word's weight


def _coverage(typed: Words, candidate: Words) -> tuple[float, float]:
    """How much of the typed line is found in the candidate, and how much of it the line covers.

    Word by word: each word counts its closeness to the nearest word of the other text,
    weighted by how much meaning the model gives it (see `embedding.Embedder.words`).
    """
    typed_vectors, typed_weights = typed
    vectors, weights = candidate
    if not typed_weights.size or not weights.size:
        return 0.0, 0.0
    closeness = typed_vectors @ vectors.T
    precision = float(closeness.max(axis=1) @ typed_weights) / float(typed_weights.sum())
    recall = float(closeness.max(axis=0) @ weights) / float(weights.sum())
    return precision, recall


def _alignment(typed: Words, candidate: Words) -> float:
    """Closeness in meaning of two texts: the F-measure of their word-by-word coverage."""
    precision, recall = _coverage(typed, candidate)
    if precision <= 0 or recall <= 0:
        return 0.0
    beta2 = _RECALL_WEIGHT**2
    return (1 + beta2) * precision * recall / (beta2 * precision + recall)


@lru_cache(maxsize=256)  # 15 KB for a reply of 15 words: reply texts are read once
def _words(text: str) -> Words:
    from trainer.engine import embedding

    vectors, weights = embedding.load().words(text)
    vectors.setflags(write=False)
    weights.setflags(write=False)
    return vectors, weights


_warm = threading.Event()


def _model_ready() -> bool:
    """True once the model is loaded; the first typed reply may load it itself."""
    if _warm.is_set():
        return True
    warm_up()
    return _warm.is_set()


def warm_up() -> bool:
    """Load the embedding model (idempotent, thread-safe); False when it is not installed.

    Call it from a worker when a call starts, so the first typed reply does not wait for it.
    """
    from trainer.engine import embedding

    try:
        embedding.load()
    except embedding.ModelMissing:
        return False
    _warm.set()
    return True


def _contains(words: str, keyword: str) -> bool:
    if not keyword:
        return False
    if f" {keyword} " in f" {words} ":
        return True
    if len(keyword) < 5:
        return False
    from rapidfuzz import fuzz

    alignment = fuzz.partial_ratio_alignment(keyword, words)
    if alignment is None or alignment.score < KEYWORD_TOLERANCE:
        return False
    # the whole keyword must be there, not a fragment: "rec" is not "recording"
    found = words[alignment.dest_start : alignment.dest_end]
    return len(found) >= len(keyword) - 1
