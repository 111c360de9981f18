"""Read which words a line says and which it refuses: "we won't match Vexa" is not "we'll match".

Word vectors average "not" away, so a refusal reads like the thing refused. Here each word of a
line gets a polarity from the negations that govern it, clause by clause, and a typed line whose
words sit on the other side of a negation from the same words of a reply is a clash: not that
reply. Two kinds of negation are told apart, since they reach different words:

- a verb's negation ("can't", "won't", "not", "never", "nobody", "unable", "hard to") turns the
  whole clause round, the words before it too: "matching Vexa isn't something I can do";
- a noun's negation ("no", "without", "none", "nothing", "zero") turns the next two words that
  say something: "sixty days with no surcharge" refuses the surcharge, not the sixty days.

So "without a surcharge" and "no surcharge" agree, as do "can't compete" and "hard to compete";
"I can't do sixty days without the surcharge" refuses the sixty days and keeps the surcharge.
Reassurances that say "no" ("no problem", "don't worry", "no rush") negate nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from trainer.engine.words import FILLERS, STOPWORDS, normalise

if TYPE_CHECKING:
    import numpy as np

__all__ = ["clauses", "polarities", "refuses", "weighty"]


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


VERB_NEGATIONS = _set("not cannot never nobody unable hard difficult impossible refuse neither nor")
NOUN_NEGATIONS = _set("no without none nothing zero")
# "drop the surcharge" says "no surcharge": a verb that takes its object away turns it round
# as "no" does, and says something itself
REMOVALS = _set(
    """
    drop drops dropped dropping waive waives waived waiving cancel cancels cancelled canceled
    cancelling canceling skip skips skipped skipping remove removes removed removing scrap
    scrapped scrapping ditch ditched ditching forgo
    """
)
# "no problem", "don't worry", "not at all": reassurance, not refusal
REASSURANCES = _set(
    "problem problems worries worry rush hurry stress doubt question questions matter bother "
    "fuss pressure all"
)
# "not me", "isn't it": a contrast or a question tag, which refuses none of the clause's words
CONTRASTS = _set("me us you him her them it they i we only yet")
PASSED = _set("a an the any really at too")  # "not a problem", "not at all": read past these
NOUN_REACH = 2  # how many words that say something a noun's negation reaches
PERSONS = _set("you them him her me us")
SOURCES = _set("from off out")  # "drop the fee from the invoice": the invoice stays
# A line's clauses: punctuation that ends one (not the comma inside 8,591.20) ...
_CLAUSE_END = re.compile(r"[,;:!?](?=\s|$)|\.(?=\s|$)|\s[-\u2013\u2014]+\s")
# ... the words that join two ...
JOINS = _set("but and so or because though although however yet then when whether while until")
# ... and a condition: "if you don't sign today you'll miss it" threatens, it refuses nothing
CONDITIONS = _set("if unless")
# "... never happen again i'll personally guarantee": a speaker after a word that says
# something starts a sentence typed without its full stop
SPEAKERS = _set("i we they he she")
COPULAS = _set("is are was were s")  # "isn't", "aren't", "that's not"


def weighty(word: str) -> bool:
    """True for a word that says something of its own: not grammar, filler or negation."""
    return not (
        word in STOPWORDS or word in FILLERS or word in VERB_NEGATIONS or word in NOUN_NEGATIONS
    )


def polarities(text: str) -> tuple[bool, ...] | None:
    """Per word of `normalise(text)`: True when a negation turns it round.

    None when the clauses, normalised apart, do not give the same words as the whole line
    (a number or a contraction spelled across a clause's end): then nothing is claimed.
    """
    read = _read(text)
    return None if read is None else read[0]


def clauses(text: str) -> tuple[tuple[int, ...], ...] | None:
    """The word positions in `normalise(text)` of each clause of `text` that has words.

    None when `polarities` is None.
    """
    read = _read(text)
    return None if read is None else read[1]


@lru_cache(maxsize=4096)
def _read(text: str) -> tuple[tuple[bool, ...], tuple[tuple[int, ...], ...]] | None:
    """Each word's polarity and each clause's word positions (see `polarities`)."""
    clauses: list[_Clause] = []  # every clause of the line, in order, joins as clauses too
    for piece in _CLAUSE_END.split(text):
        clause: list[str] = []
        join = ""  # the word that opened the clause being read
        for word in normalise(piece).split():
            starts = word in CONDITIONS or (word in SPEAKERS and clause and weighty(clause[-1]))
            if word in JOINS or starts:
                clauses.append(_Clause(join, clause, *_clause(clause)))
                clause, join = [], ""
            if word in JOINS:
                clauses.append(_Clause(word, [word], [False], False))
                join = word
            else:
                clause.append(word)
        clauses.append(_Clause(join, clause, *_clause(clause), ends_piece=True))
    _reach_back(clauses)
    negated = [turn for clause in clauses for turn in clause.negated]
    if len(negated) != len(normalise(text).split()):
        return None
    spans, start = [], 0
    for read in clauses:
        if read.words:
            spans.append(tuple(range(start, start + len(read.words))))
        start += len(read.words)
    return tuple(negated), tuple(spans)


@dataclass(slots=True)
class _Clause:
    join: str  # "and" when the clause was opened by it, "" at a piece's start
    words: list[str]
    negated: list[bool]
    back: bool  # its negation reached back to the words before "is not"
    ends_piece: bool = False


# "Names and numbers isn't something we do": a negated copula turns round its whole subject,
# and a subject of two nouns joined by "and" or "or" is read as two clauses.
NOUN_JOINS = _set("and or")
# "Paying when the insurer pays? No, we can't do that.": a refusal that names nothing but "that"
# refuses what was said before it. Its other words are these, which say nothing of their own.
ANAPHORS = _set("that it this those these so")
GENERIC = _set(
    """
    do done doing something anything thing able allowed possible give offer make happen
    manage afford agree accept option way really actually sorry afraid honestly unfortunately
    """
)


def _reach_back(clauses: list[_Clause]) -> None:
    """Turn round the words a negation governs outside its own clause (see above)."""
    for at, clause in enumerate(clauses):
        # "not something I can control": the clause goes on in the next one, up to a join
        rest = _after(clause) + ([] if clause.ends_piece else _continued(clauses[at + 1 :]))
        said = next((word for word in rest if weighty(word)), "")
        if clause.back and clause.join in NOUN_JOINS and said in GENERIC:  # "isn't something"
            # the subject's earlier nouns, back to the start of the piece
            for earlier in reversed(clauses[:at]):
                if earlier.ends_piece or any(earlier.negated) or _has_verb(earlier.words):
                    break
                earlier.negated = [True] * len(earlier.words)
        if _refuses_what_went_before(clause, rest):
            for earlier in reversed(clauses[:at]):
                if any(word in VERB_NEGATIONS for word in earlier.words):
                    break  # a refusal of its own: "we can't drop it. no, we can't do that"
                earlier.negated = [not negated for negated in earlier.negated]
                if not _says_nothing_else(earlier.words) and earlier.join == "":
                    break  # the nearest piece that said something, whole


def _continued(following: Sequence[_Clause]) -> list[str]:
    """The words of the clauses that go on from the one before them, to a join or a piece's end."""
    words: list[str] = []
    for clause in following:
        if clause.join or (clause.words[:1] and clause.words[0] in JOINS):
            break
        words += clause.words
        if clause.ends_piece:
            break
    return words


def _after(clause: _Clause) -> list[str]:
    """The clause's words after its first negation of a verb."""
    at = next((at for at, word in enumerate(clause.words) if word in VERB_NEGATIONS), None)
    return [] if at is None else clause.words[at + 1 :]


def _has_verb(words: Sequence[str]) -> bool:
    return any(word in SPEAKERS or word in COPULAS for word in words)


def _refuses_what_went_before(clause: _Clause, rest: Sequence[str]) -> bool:
    """True for "we can't do that", "that's not possible": a refusal of nothing of its own.

    `rest` are the words after the negation, to the end of what the clause says.
    """
    pointing = any(w in ANAPHORS for w in clause.words)
    elliptic = bool(clause.words) and clause.words[0] in VERB_NEGATIONS  # "not something we do"
    if not any(clause.negated) or not (pointing or elliptic):
        return False
    words = [*clause.words, *rest]
    return _says_nothing_else(words) and any(w in GENERIC for w in words)


def _says_nothing_else(words: Sequence[str]) -> bool:
    """True when the words, negations aside, are grammar and GENERIC words only."""
    return not any(weighty(w) and w not in GENERIC for w in words)


def _clause(words: Sequence[str]) -> tuple[list[bool], bool]:
    """Each word's polarity, and whether a negated copula turned the words before it."""
    if words and words[0] in CONDITIONS:
        return [False] * len(words), False
    verb = back = False
    turned = [False] * len(words)  # by a verb's negation: from it to the clause's end
    flipped = [False] * len(words)  # by a noun's negation or a verb that takes away
    for at, word in enumerate(words):
        following = next((later for later in words[at + 1 :] if later not in PASSED), "")
        idle = following in REASSURANCES or following in CONTRASTS  # "no problem", "not me"
        idle = idle or (word == "no" and following in FILLERS)  # "no, sorry", "no we can't"
        if idle and (word in VERB_NEGATIONS or word in NOUN_NEGATIONS):
            pass
        elif word in VERB_NEGATIONS or (word == "no" and following == "way"):  # "no way"
            if not verb and not any(turned) and at and words[at - 1] in COPULAS:
                turned[:at] = [True] * at  # "matching their price is not something I can do"
                back = True
            verb = not verb
        elif word in NOUN_NEGATIONS or word in REMOVALS:
            # "the surcharge waived": a participle after its noun takes that noun away
            behind = word in REMOVALS and word.endswith("ed") and at and weighty(words[at - 1])
            reached, reach = 0, 1 if behind else NOUN_REACH
            if word in REMOVALS and not behind and following in PERSONS:
                reach = 0  # "remove you from our list": a person taken off, nothing refused
            for other in range(at - 1, -1, -1) if behind else range(at + 1, len(words)):
                if reached == reach or words[other] in VERB_NEGATIONS or words[other] in SOURCES:
                    break
                if weighty(words[other]):
                    flipped[other] = not flipped[other]
                    reached += 1
        turned[at] = turned[at] or verb
    return [turn != flip for turn, flip in zip(turned, flipped, strict=True)], back


ALIGNED = 0.7  # a typed word this close to a reply's word says the same thing
TIED = 0.05  # a reply word this near the closest is as good a partner (the word said twice)
# A clash: at least this share of the weight of the typed words that have a partner in the
# reply stands on the other side of a negation from every one of its partners.
CLASH_SHARE = 0.5


def refuses(
    typed: str,
    candidate: str,
    closeness: np.ndarray | None = None,
    weights: np.ndarray | None = None,
) -> bool:
    """True when `typed` says the words of `candidate` the other way round.

    `closeness` holds, per word of the normalised typed line, its closeness to each word of the
    normalised candidate and of any words after it (only the candidate's are read); `weights`
    each typed word's weight. Without them (no model) a word's partner is the same word. Only
    words that say something count; a line or reply with no negation in it never clashes.
    """
    said, meant = polarities(typed), polarities(candidate)
    if said is None or meant is None or not (any(said) or any(meant)):
        return False
    import numpy as np

    typed_words, reply_words = normalise(typed).split(), normalise(candidate).split()
    if closeness is None or weights is None:
        closeness = np.array([[mine == other for other in reply_words] for mine in typed_words])
        weights = np.ones(len(typed_words))
    elif closeness.shape[0] != len(typed_words) or closeness.shape[1] < len(reply_words):
        return False  # the model read the words otherwise: claim nothing
    rows = np.array([weighty(word) for word in typed_words], dtype=bool)
    columns = np.array([weighty(word) for word in reply_words], dtype=bool)
    if not rows.any() or not columns.any():
        return False
    if _turns_a_claim(said, meant, closeness[:, : len(reply_words)][rows], rows, candidate):
        return True
    close = closeness[:, : len(reply_words)][rows][:, columns].astype(np.float64)
    best = close.max(axis=1)
    partners = close >= (best - TIED)[:, None]
    agree = np.array(said)[rows][:, None] == np.array(meant)[columns][None, :]
    aligned_rows = best >= ALIGNED
    weighed = np.asarray(weights, dtype=np.float64)[rows]
    aligned = float(weighed[aligned_rows].sum())
    against = float(weighed[aligned_rows & ~(partners & agree).any(axis=1)].sum())
    return against > 0 and against >= CLASH_SHARE * aligned


# A claim turned round: one clause the reply affirms ("the batteries are covered for twelve
# months") said in the line with its words under a negation ("the batteries are not covered")
# refuses the reply, however much of the rest the line repeats word for word. A clause counts
# when it has CLAIM_WORDS words of substance or more and no negation of its own, the line says
# CLAIM_SAID of them, and negates more than CLAIM_TURNED of those.
CLAIM_WORDS = 3
CLAIM_SAID = 0.75
CLAIM_TURNED = 0.5


def _turns_a_claim(
    said: Sequence[bool],
    meant: Sequence[bool],
    close: np.ndarray,
    rows: np.ndarray,
    candidate: str,
) -> bool:
    """True when the line says one of the candidate's clauses the other way round.

    `close` is (the typed line's weighty words, every word of the candidate); `rows` marks
    which typed words those are.
    """
    import numpy as np

    spans = clauses(candidate)
    if spans is None or not close.size:
        return False
    reply_words = normalise(candidate).split()
    typed_turned = np.array(said)[rows]
    for span in spans:
        columns = [at for at in span if weighty(reply_words[at])]
        if len(columns) < CLAIM_WORDS or any(meant[at] for at in span):
            continue  # a short clause, or one the reply says in the negative: its reach varies
        part = close[:, columns].astype(np.float64)
        best = part.max(axis=0)  # per word of the clause: how closely the line says it
        heard = best >= ALIGNED
        if heard.sum() < max(CLAIM_WORDS, CLAIM_SAID * len(columns)):
            continue
        partners = part >= (best - TIED)[None, :]
        turned = heard & ~(partners & ~typed_turned[:, None]).any(axis=0)
        if turned.sum() > CLAIM_TURNED * heard.sum():
            return True
    return False
