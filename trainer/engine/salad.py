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

from trainer.engine.words import (
    AUXILIARIES,
    FILLERS,
    QUESTION_OPENERS,
    STOPWORDS,
    courtesy_free,
    is_clause,
)

__all__ = ["is_salad"]

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
