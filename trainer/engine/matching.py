"""Understand a trainee's own words: which reply on offer they mean, and how surely.

`understand` is what a session asks; `rank` is the scoring underneath it. Words that carry no
substance (fillers, a greeting, a lone "yes") are never taken as a reply, however well they
happen to overlap one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from trainer.content.models import Reply

_WORDS = re.compile(r"[^\w\s]+")
KEYWORD_FLOOR = 70.0  # one authored keyword found makes a reply a likely match
KEYWORD_TOLERANCE = 88.0  # how closely a keyword must appear, so small typos still count

# Words that say nothing about which reply is meant. A typed line made only of these (or of
# one other word) is asked to say more, never matched.
FILLERS = frozenset(
    [
        "a",
        "an",
        "the",
        "so",
        "and",
        "or",
        "but",
        "um",
        "uh",
        "er",
        "erm",
        "hmm",
        "ah",
        "oh",
        "ok",
        "okay",
        "k",
        "kk",
        "yes",
        "y",
        "yeah",
        "yep",
        "yup",
        "no",
        "nope",
        "nah",
        "hi",
        "hello",
        "hey",
        "well",
        "like",
        "just",
        "you",
        "i",
        "me",
        "we",
        "it",
        "this",
        "that",
        "there",
        "here",
        "right",
        "sure",
        "fine",
        "cool",
        "thanks",
        "thank",
        "please",
        "sorry",
        "what",
        "huh",
        "mm",
        "mhm",
        "alright",
        "good",
        "great",
    ]
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


def normalise(text: str) -> str:
    return " ".join(_WORDS.sub(" ", text.lower()).split())


def content_words(text: str) -> list[str]:
    """The words of `text` that could tell one reply from another."""
    return [word for word in normalise(text).split() if word not in FILLERS]


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
    if len(content_words(typed)) < 2:
        return Understanding(Verdict.CONTENT_FREE, ranked)
    bar = min(100.0, threshold + 10.0) if exam else threshold
    if ranked and ranked[0].confidence >= bar:
        return Understanding(Verdict.MATCHED, ranked)
    return Understanding(Verdict.NO_MATCH, ranked)


def rank(typed: str, replies: Sequence[Reply], texts: Sequence[str]) -> list[Match]:
    """Every reply with how confidently `typed` means it, best first.

    The confidence is the better of the fuzzy similarity to the reply's text and the share of its
    keywords found.
    """
    from rapidfuzz import fuzz  # 5 MB of C++: loaded with the first typed reply, not at start-up

    words = normalise(typed)
    matches = []
    for reply, text in zip(replies, texts, strict=True):
        similarity = fuzz.token_set_ratio(words, normalise(text))
        keyword_score = 0.0
        if reply.keywords:
            found = sum(1 for keyword in reply.keywords if _contains(words, normalise(keyword)))
            if found:
                keyword_score = KEYWORD_FLOOR + (100 - KEYWORD_FLOOR) * found / len(reply.keywords)
        matches.append(Match(reply, round(max(similarity, keyword_score), 1)))
    matches.sort(key=lambda match: (-match.confidence, match.reply.number))
    return matches


def _contains(words: str, keyword: str) -> bool:
    if not keyword:
        return False
    if keyword in words:
        return True
    if len(keyword) < 5:
        return keyword in words.split()
    from rapidfuzz import fuzz

    return fuzz.partial_ratio(keyword, words) >= KEYWORD_TOLERANCE
