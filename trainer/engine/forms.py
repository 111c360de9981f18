"""The form of a typed line: a list of words, or questions that only ask about a reply.

A reply is a move in the call: a sentence that says, offers, asks or commits. Two forms of line
carry a reply's words without making its move:

- a list of words ("budget poe switches wing", "vexa seven percent price match") names what a
  sentence would be about, with no word that joins them into one: keyword salad;
- a yes/no question about the reply's matter ("could a call queue let all four dispatchers
  share one number?", "did you get the figures I e-mailed?") asks the client what the reply
  would tell them.

Neither is taken as a reply that is a sentence, or one that asks nothing.
"""

from __future__ import annotations

import re

from trainer.engine.words import (
    AUXILIARIES,
    FILLERS,
    STOPWORDS,
    asks,
    courtesy_free,
    is_clause,
    normalise,
)

__all__ = ["is_sentence", "is_word_list", "only_queries", "questions", "sentences"]

LIST_LENGTH = 2  # "budget wing": two words in a row are a list too (a note, where one is due)


def is_word_list(text: str) -> bool:
    """True when the line is words in a row with no grammar word or filler between them."""
    words = courtesy_free(text).split()
    return len(words) >= LIST_LENGTH and not any(w in STOPWORDS or w in FILLERS for w in words)


def is_sentence(text: str) -> bool:
    """True when the text says or asks something in a sentence: not a note ("Not interested.")."""
    return is_clause(normalise(text).split()) or asks(text)


# A sentence typed as a question: up to its "?" (or the line's end) ...
_SENTENCE = re.compile(r"[^.!?]+[.!?]*")
# ... the speaker offering ("can I", "shall we"), a request ("could you send"), an invitation
# ("would you like") and the client's consent ("does Thursday work?") are moves of their own
OFFERING = frozenset(("i", "we"))
REQUESTS = frozenset(("can", "could", "would", "will"))
INVITING = frozenset(("like", "want", "prefer", "fancy", "mind"))
CONSENT = frozenset(("work", "works", "suit", "suits", "help", "sound", "ok", "okay", "alright"))


def sentences(text: str) -> list[str]:
    """The sentences of `text`, each with its closing mark."""
    return [found.strip() for found in _SENTENCE.findall(text) if found.strip()]


# A question that points back ("is that the case at yours?", "would that help?") and says
# little of its own asks about the sentence before it.
_POINTING = frozenset(("that", "this", "it", "so"))
TAG_WORDS = 2


def questions(text: str) -> list[str]:
    """The questions `text` asks, each read whole: a tag question with the sentence it asks about.

    "Practices tell us the phones jam at eight. Is that the case at yours?" asks whether the
    phones jam at eight; "... Could I show you that next week?" asks to meet (it says more).
    """
    said = sentences(text)
    asked = []
    for index, sentence in enumerate(said):
        if not asks(sentence):
            continue
        words = normalise(sentence).split()
        own = [w for w in words if w not in STOPWORDS and w not in FILLERS]
        if index and _POINTING.intersection(words) and len(own) <= TAG_WORDS:
            sentence = f"{said[index - 1]} {sentence}"
        asked.append(sentence)
    return asked


def only_queries(text: str) -> bool:
    """True when every sentence of the line that says something is a yes/no query.

    A query opens with an auxiliary and ends with "?": "does the PoE supply the switches?",
    "did you get the figures?". Sentences that say nothing ("I'm not sure", "I don't know")
    are read past.
    """
    queries = 0
    for sentence in _SENTENCE.findall(text):
        words = normalise(sentence).split()
        if not any(w not in FILLERS and w not in STOPWORDS and w not in _HEDGES for w in words):
            continue
        if not (sentence.rstrip().endswith("?") and _query(words)):
            return False
        queries += 1
    return queries > 0


_HEDGES = frozenset(("sure", "know", "think", "certain", "really"))


def _query(words: list[str]) -> bool:
    if len(words) < 2 or words[0] not in AUXILIARIES:
        return False
    first, subject = words[0], words[1]
    if subject in OFFERING or any(w in CONSENT for w in words):
        return False
    return not (subject == "you" and (first in REQUESTS or any(w in INVITING for w in words)))
