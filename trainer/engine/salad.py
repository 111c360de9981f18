"""Keyword salad with a grammar word in it: nouns copied from a reply are not that reply.

`forms.is_word_list` takes a run of words with no grammar word at all for keyword salad. A
copied run often keeps one ("phones jam eight same-day slot practices" keeps "same"), and still
says nothing to the client: no subject with its verb, no question, no sentence. A run of five
words or more with at most one grammar word, no auxiliary ("is", "can", "have") and no second
sentence in it is salad too, with or without a "?" after it. A line that asks (with a question
word or an auxiliary), or that carries a clause, is judged as before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from trainer.engine.words import (
    AUXILIARIES,
    FILLERS,
    QUESTION_OPENERS,
    STOPWORDS,
    asks,
    courtesy_free,
    is_clause,
    normalise,
)

__all__ = ["is_keyword_string", "is_salad"]

RUN = 5  # words, at least: "tuesday at ten works?" answers, "keep me posted" is a note
GRAMMAR = 1  # grammar words, at most: "same" in "same-day slot"
# a sentence that ends before the line does ("Exciting! Keep me posted.") makes two sentences
_INNER_END = re.compile(r"[.!;:](?=\s+\w)")


def is_salad(text: str) -> bool:
    """True when the line is a run of words that makes no sentence (see the module)."""
    words = courtesy_free(text).split()
    if len(words) < RUN or is_clause(words) or _INNER_END.search(text):
        return False
    # a question opens with a question word or an auxiliary; a "?" after the run asks nothing
    if words[0] in QUESTION_OPENERS or any(word in AUXILIARIES for word in words):
        return False
    return sum(word in STOPWORDS or word in FILLERS for word in words) <= GRAMMAR


# The authored `keywords` of a node's replies strung together ("this is from who looks after
# dispatch desk phones", every option's keywords in one line) make a line that reads like the
# reply they were taken from, with none of its substance: no name in an introduction, no
# question where the reply asks one. A line is such a string when KEYWORD_SHARE of its words
# (words that only string phrases together aside) lie in keyword phrases of the node, found
# whole, and it strings PHRASES of them or more; or two, with no clause and no question in the
# line, where a sentence is due. A reply that is itself mostly its keywords ("Thursday at 8:30,
# then. Who else should be there?") may be said in them. On the 1,769 typed lines of the
# bundled sets that mean a reply, one line comes this close: "Exciting! Keep me posted.", the
# reply's own note.
KEYWORD_SHARE = 0.9
PHRASES = 3
_STRINGING = frozenset(("and", "or", "also", "plus", "then", "the", "a", "an"))


def is_keyword_string(typed: str, keywords: Sequence[Sequence[str]], reply: str) -> bool:
    """True when `typed` is the node's keyword phrases (normalised, per reply) strung together,
    and `reply` (the wording it reads most like) is more than they are: where the keywords
    are the reply ("Thursday at 8:30, then. Who else should be there?"), saying them is too."""
    phrases = _phrases(tuple(tuple(words) for words in keywords))
    share, found = _covered(normalise(typed), phrases)
    if share < KEYWORD_SHARE or _covered(normalise(reply), phrases)[0] >= KEYWORD_SHARE:
        return False
    plain = not is_clause(normalise(typed).split()) and not asks(typed)
    return found >= PHRASES or (
        found >= 2 and plain and (is_clause(normalise(reply).split()) or asks(reply))
    )


@lru_cache(maxsize=1024)  # a node's keywords are read once, not once per typed line
def _phrases(keywords: tuple[tuple[str, ...], ...]) -> tuple[frozenset[tuple[str, ...]], ...]:
    """The node's keyword phrases as word tuples, grouped by length."""
    found = {tuple(k.split()) for words in keywords for k in words if k.split()}
    longest = max(map(len, found), default=0)
    return tuple(frozenset(p for p in found if len(p) == size) for size in range(1, longest + 1))


@lru_cache(maxsize=4096)
def _covered(text: str, phrases: tuple[frozenset[tuple[str, ...]], ...]) -> tuple[float, int]:
    """The share of the words of `text` (stringing words aside) inside the phrases, and how
    many distinct phrases are found."""
    words = text.split()
    covered, found = [False] * len(words), set()
    for size, of_size in enumerate(phrases, start=1):
        for at in range(len(words) - size + 1):
            phrase = tuple(words[at : at + size])
            if phrase in of_size:
                covered[at : at + size] = [True] * size
                found.add(phrase)
    counted = [done for word, done in zip(words, covered, strict=True) if word not in _STRINGING]
    return (sum(counted) / len(counted) if counted else 0.0), len(found)
