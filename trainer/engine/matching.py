"""Understand a trainee's own words: which reply on offer they mean, and how surely.

`understand` is what a session asks; `rank` is the scoring underneath it. A reply's confidence
blends closeness in meaning (a sentence embedding, see `embedding`) with closeness in spelling
(rapidfuzz, for typos) and how much of the reply's substance the words carry. Words that carry
no substance (fillers, a greeting, a lone "yes" or number) are never taken as a reply, and an
authored keyword found in passing only ever adds a little to a reply that is close already.
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
    if ranked:
        best = ranked[0]
        text = texts[list(replies).index(best.reply)]
        own_words = set(_substance(text))
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
    if not ranked or not meaningful:
        return Understanding(Verdict.CONTENT_FREE, ranked)
    if ranked[0].confidence >= bar:
        return Understanding(Verdict.MATCHED, ranked)
    if not exam and _stands_out(typed, ranked, replies, texts, bar):
        return Understanding(Verdict.MATCHED, ranked)
    return Understanding(Verdict.NO_MATCH, ranked)


# A line in words of its own can score under the bar and still be meant: when it is far closer
# to one reply than to the others on offer and than to ordinary lines of a call (see
# `background`), it is taken in practice. The exam asks for the bar itself. Tuned on half the
# typed lines of scenarios/tests/typed.
STANDOUT_FLOOR = 35.0  # at most this far under the bar
STANDOUT_MARGIN = 10.0  # ahead of the next reply by at least this
STANDOUT_SIGMAS = 3.5  # standard deviations above its closeness to ordinary lines
STANDOUT_WORDS = 3  # substance words a line needs of its own (fewer if the reply has fewer)


def _stands_out(
    typed: str, ranked: Sequence[Match], replies: Sequence[Reply], texts: Sequence[str], bar: float
) -> bool:
    best = ranked[0]
    text = texts[list(replies).index(best.reply)]
    own = len(set(_substance(text)))
    if len(_substance(typed)) < min(STANDOUT_WORDS, own) or len(_substance(typed)) < own / 4:
        return False  # a few of the reply's words are not its meaning in other words
    second = ranked[1].confidence if len(ranked) > 1 else 0.0
    if best.confidence < bar - STANDOUT_FLOOR or best.confidence - second < STANDOUT_MARGIN:
        return False
    if not _model_ready():
        return False
    import numpy as np

    typed_vector = _vector(normalise(typed))
    candidates = [normalise(text), *(normalise(example) for example in best.reply.examples)]
    meaning = max(_closeness(typed_vector, candidate) for candidate in candidates)
    ordinary = _background() @ typed_vector
    spread = float(np.std(ordinary)) or 1.0
    return (meaning - float(np.mean(ordinary))) / spread >= STANDOUT_SIGMAS


@lru_cache(maxsize=1)
def _background() -> np.ndarray:
    import numpy as np

    from trainer.engine.background import BACKGROUND

    return np.stack([_vector(normalise(line)) for line in BACKGROUND])


def rank(typed: str, replies: Sequence[Reply], texts: Sequence[str]) -> list[Match]:
    """Every reply with how confidently `typed` means it, best first."""
    from rapidfuzz import fuzz  # 5 MB of C++: loaded with the first typed reply, not at start-up

    words = normalise(typed)
    typed_vector = _vector(words) if _model_ready() else None
    scored: list[tuple[float, Match]] = []
    for reply, text in zip(replies, texts, strict=True):
        candidates = [normalise(text), *(normalise(example) for example in reply.examples)]
        spelling = max(fuzz.token_sort_ratio(words, candidate) for candidate in candidates)
        meaning = 0.0
        if typed_vector is not None:
            meaning = max(_closeness(typed_vector, candidate) for candidate in candidates)
        score = _blend(meaning, spelling, typed_vector is not None)
        if reply.keywords and score > 0:
            found = sum(1 for keyword in reply.keywords if _contains(words, normalise(keyword)))
            score += KEYWORD_BONUS * found / len(reply.keywords)
        scored.append((score, Match(reply, round(min(100.0, max(0.0, score)), 1))))
    # ordered by the score before it is capped at 100: the closest of two near-identical
    # replies wins, not the first
    scored.sort(key=lambda pair: (-pair[0], pair[1].reply.number))
    return [match for _, match in scored]


# Calibration: the cosine closeness of two mean-pooled sentence vectors is rarely under 0.25,
# even for unrelated lines of a call; from there to 0.75 and above (a close rewording) maps to
# 0-100, blended 70/30 with spelling. Tuned with the stand-out rule above.
_MEANING_FLOOR = 0.25
_MEANING_SPAN = 0.50


def _blend(meaning: float, spelling: float, with_model: bool) -> float:
    if not with_model:
        return spelling
    semantic = 100.0 * (meaning - _MEANING_FLOOR) / _MEANING_SPAN
    return 0.7 * semantic + 0.3 * spelling


def _closeness(typed_vector: np.ndarray, text: str) -> float:
    return float(typed_vector @ _vector(text))


@lru_cache(maxsize=4096)  # 1 KB each
def _vector(text: str) -> np.ndarray:
    """A sentence's vector; reply texts are embedded once, not on every keystroke."""
    from trainer.engine import embedding

    vector: np.ndarray = embedding.load().embed([text])[0]
    vector.setflags(write=False)
    return vector


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
