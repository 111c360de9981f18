"""Match a trainee's own words to the replies on offer, with a confidence from 0 to 100."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from trainer.content.models import Reply

_WORDS = re.compile(r"[^\w\s]+")
KEYWORD_FLOOR = 70.0  # one authored keyword found makes a reply a likely match
KEYWORD_TOLERANCE = 88.0  # how closely a keyword must appear, so small typos still count


@dataclass(frozen=True, slots=True)
class Match:
    reply: Reply
    confidence: float


def normalise(text: str) -> str:
    return " ".join(_WORDS.sub(" ", text.lower()).split())


def rank(typed: str, replies: Sequence[Reply], texts: Sequence[str]) -> list[Match]:
    """Every reply with how confidently `typed` means it, best first.

    `texts` are the replies as the trainee sees them (placeholders filled in). The confidence is
    the better of the fuzzy similarity to the reply's text and the share of its keywords found.
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
