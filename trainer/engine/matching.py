"""Understand a trainee's own words: which reply on offer they mean, and how surely.

`understand` is what a session asks; `rank` is the scoring underneath it. A reply's confidence
blends closeness in meaning with closeness in spelling (rapidfuzz, for typos). Meaning is read
word by word: each typed word is set against the nearest word of the reply (or of one of its
examples) in the embedding model's space (see `embedding`), and the other way round, so a line
is close when it covers the reply's weighty words with words of the same sense, in any order.
Words that carry no substance (fillers, a greeting, a lone "yes" or number) are never taken as
a reply, nor is a fragment of the reply's own words; a sentence (a subject with its verb: "I
promise", "you can have seven percent") says more than a list of the reply's nouns, so it may
carry a longer reply's gist. An authored keyword found in passing only ever adds a little to a
reply that is close already. A line that says a reply's words the other way round ("we won't
match Vexa" for "I can match Vexa's 78") is not that reply (see `polarity`), and a breach of
policy is taken only when the line states it (see `offers.states_breach`).

Size: one scoring pass (`_Scores`) and the rules that read it belong together; split apart,
each rule would need the private scoring state handed across modules.
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import lru_cache
from typing import TYPE_CHECKING

from trainer.content.catalogue import Catalogue
from trainer.content.scenario.model import Reply
from trainer.engine import chat, contrast, forms, offers, polarity
from trainer.engine.known import contradicts, figures
from trainer.engine.salad import is_keyword_string, is_salad
from trainer.engine.words import (
    FILLERS,
    STOPWORDS,
    asks,
    courtesy_free,
    found_keywords,
    is_amount,
    is_clause,
    is_number,
    normalise,
)

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

KEYWORD_BONUS = 6.0  # the most that authored keywords add; never enough to match on their own
KEYWORD_TOLERANCE = 88.0  # how closely a keyword must appear, so small typos still count
EXAM_MARGIN = 10.0  # the exam asks for this much more confidence than practice
# A typed line must carry at least this share of the reply's distinct content words' worth of
# words of its own: "recording" is not the four-sentence answer to a price objection.
MIN_SHARE = 1 / 6
SHORT_REPLY = 3  # a reply of this many substance words or fewer may be answered in one


class Verdict(StrEnum):
    """What the session should make of typed words."""

    MATCHED = "matched"  # one reply on offer, confidently
    CONTENT_FREE = "content-free"  # fillers, a lone word or number: nothing to match yet
    NO_MATCH = "no-match"  # says something, but none of the replies on offer


@dataclass(frozen=True, slots=True)
class Match:
    reply: Reply
    confidence: float  # 0-100, as the trainee and the mentor read it (see `understand`)
    raw: float = field(default=0.0, compare=False)  # the score before it is put on that scale


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


def content_words(text: str) -> list[str]:
    """The words of `text` that could tell one reply from another."""
    return [word for word in normalise(text).split() if word not in FILLERS]


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
    critical: Collection[str] = (),
    catalogue: Catalogue | None = None,
) -> Understanding:
    """Which of `replies` the trainee means by `typed`, if any.

    `texts` are the replies as the trainee sees them (placeholders filled in); `threshold` is the
    scenario's bar for a match. The exam asks for more than practice: its bar is higher. A reply
    tagged with one of the rubric's `critical` tags is a breach of policy: it is taken only when
    the line itself states the breach (see `_states_breach`; `catalogue` says what is allowed).

    The confidences returned say how close the line is: under the bar, as scored; over it, the
    way from the bar to a word-for-word copy of the reply (100), so a loose paraphrase reads
    80% and a copy 100%, not every match 100%.
    """
    bar = min(100.0, threshold + EXAM_MARGIN) if exam else threshold
    understood = _understand(
        typed, replies, texts, bar=bar, threshold=threshold, critical=critical, catalogue=catalogue
    )
    return replace(understood, ranked=tuple(_shown(match, bar) for match in understood.ranked))


def _shown(match: Match, bar: float) -> Match:
    """The match with its confidence put on the scale the trainee reads (see `understand`)."""
    if match.confidence < bar or match.raw < bar:
        return match  # under the bar (or set aside: read at what it was cut to)
    # the most a reply can score: every word of it said (meaning 200 before the blend), spelled
    # as it is, every keyword found; without the model, spelling alone (100) and keywords
    meaning = (1 - _SPELLING_WEIGHT) * 200.0 if _warm.is_set() else 0.0
    bonus = KEYWORD_BONUS if match.reply.keywords else 0.0
    ceiling = meaning + (_SPELLING_WEIGHT if _warm.is_set() else 1.0) * 100.0 + bonus
    share = min(1.0, (match.raw - bar) / max(1e-9, ceiling - bar))
    return replace(match, confidence=round(bar + (100.0 - bar) * share, 1))


def _understand(
    typed: str,
    replies: Sequence[Reply],
    texts: Sequence[str],
    *,
    bar: float,
    threshold: float,
    critical: Collection[str],
    catalogue: Catalogue | None,
) -> Understanding:
    """The verdict, with every reply's confidence as scored (capped at 100)."""
    first = _figured(typed, _score(typed, replies, texts), texts, bar, critical)
    scores = _unrefused(typed, first, bar)
    if critical:
        scores = _unstated(typed, scores, bar, frozenset(critical), catalogue)
        if scores.order[0] != first.order[0]:  # a breach set aside: the next may be refused too
            scores = _unrefused(typed, scores, bar)
    ranked = scores.ranked
    if critical and _offers_plainly(typed, scores, threshold, frozenset(critical), catalogue):
        return Understanding(Verdict.MATCHED, ranked)  # a breach stated is a breach, however short
    plain = courtesy_free(typed)  # "thank you so much, I appreciate your time" says nothing
    said = content_words(plain)
    meaningful = _substance(plain)
    if len(said) < 2:
        return Understanding(Verdict.CONTENT_FREE, ranked)
    if not ranked:
        return Understanding(Verdict.CONTENT_FREE, ranked)
    best = ranked[0]
    # the reply's text or the example the line is closest to: an example is a shorter way
    # of saying the reply that authors vouch for
    closest = scores.closest(scores.order[0])
    own_words = set(_substance(scores.index.texts[closest]))
    if not meaningful and not (len(own_words) <= 1 and best.confidence >= bar):
        # only a reply that is itself a formula ("No, that's all, thanks!") is one
        return Understanding(Verdict.CONTENT_FREE, ranked)
    # A clause says something with its words: "you can have seven percent" names an amount
    # and commits to it. It counts as one word of substance more, and only a small part of
    # the reply (the second fragment box) is a fragment of it.
    clause = is_clause(plain.split())
    lone_amount = all(map(is_amount, meaningful)) and sum(map(is_number, meaningful)) <= 1
    if lone_amount and not clause and not all(map(is_amount, own_words)):
        return Understanding(Verdict.CONTENT_FREE, ranked)  # a lone amount
    own = len(own_words)
    needed = 1 if own <= SHORT_REPLY else max(2, round(own * MIN_SHARE))
    if len(meaningful) + clause < needed and best.confidence >= threshold / 2:
        return Understanding(Verdict.CONTENT_FREE, ranked)
    if not meaningful or scores.fragment(closest, clause=clause):
        return Understanding(Verdict.CONTENT_FREE, ranked)
    # the reply's keywords, where a sentence is due (words that resemble no reply: no match)
    salad = forms.is_word_list(typed) and best.confidence >= threshold / 2
    if salad and forms.is_sentence(scores.index.texts[scores.index.spans[scores.order[0]][0]]):
        return Understanding(Verdict.CONTENT_FREE, ranked)
    salad = salad or (is_salad(typed) and best.confidence >= threshold / 2)  # "same" kept in
    if salad and forms.is_sentence(scores.index.texts[scores.index.spans[scores.order[0]][0]]):
        return Understanding(Verdict.CONTENT_FREE, ranked)
    if is_keyword_string(typed, scores.index.keywords, scores.index.texts[closest]):
        return Understanding(Verdict.CONTENT_FREE, ranked)  # the authored keywords strung
    if scores.several(scores.order[0], closest):
        return Understanding(Verdict.NO_MATCH, ranked)  # several options at once: none of them
    if scores.index.vectors is not None and chat.is_small_talk(
        _words(normalise(typed)), _words(normalise(scores.index.texts[closest]))
    ):
        return Understanding(Verdict.NO_MATCH, ranked)  # chat that shares a word with a reply
    queries = forms.only_queries(typed)
    doubt = best.confidence < bar + QUESTION_DOUBT or queries
    if doubt and _asks_instead(typed, scores, scores.order[0]):
        return Understanding(Verdict.NO_MATCH, ranked)  # a question about it, not the reply
    if queries and _asked_apart(typed, scores, scores.order[0]) < bar:
        return Understanding(Verdict.NO_MATCH, ranked)  # asks, but not what the reply asks
    if scores.order[0] != first.order[0] and best.confidence < bar + SURE:
        return Understanding(Verdict.NO_MATCH, ranked)  # a refusal, not surely another reply
    if best.confidence >= bar and _clear(ranked, bar):
        trap = _trap_claimed(typed, scores, threshold, frozenset(critical)) if critical else None
        if trap is not None:  # a trap's claim among good words is the trap
            return Understanding(Verdict.MATCHED, (trap, *(m for m in ranked if m is not trap)))
        return Understanding(Verdict.MATCHED, ranked)
    return Understanding(Verdict.NO_MATCH, ranked)


# A line that says all of what sets a policy breach apart from the node's other replies (its
# claim: "returning a call", in the breach's own words or close ones, in each sentence of it
# that matters) makes that claim, whatever good words surround it. On the typed lines of the
# bundled sets that mean another reply, none carries more than 0.42 of a breach's claim.
CONVICTED = 0.8


def _trap_claimed(
    typed: str, scores: _Scores, threshold: float, critical: frozenset[str]
) -> Match | None:
    """The breach whose claim the line makes in full though it reads more like another reply."""
    vectors = scores.index.vectors
    if vectors is None or scores.closeness is None:
        return None
    for at, match in zip(scores.order[1:], scores.ranked[1:], strict=True):
        if critical.isdisjoint(match.reply.tags) or match.confidence < threshold / 2:
            continue
        start, end = scores.index.spans[at]
        carried = [
            contrast.carried(vectors.apart, one, scores.closeness, typed, scores.index.texts[one])
            for one in range(start, end)
        ]
        said = max((min(part) for part in carried if part is not None), default=0.0)
        if said >= CONVICTED and not scores.refuses(typed, at):
            return match
    return None


# A line made of the reply's own words that covers only part of it is a fragment, not the
# reply: "duo and the g5 router" for a whole quote. Each box is (precision at least, recall
# under): every word from the reply and under half of it, or most words and about a third.
# Real paraphrases bring words of their own, so their precision stays lower.
FRAGMENT = ((0.9, 0.5), (0.75, 0.35))
# A confidence under the bar plus SURE must lead the next reply by MARGIN: a line that reads
# almost as much like another reply is asked again rather than guessed.
SURE = 10.0
MARGIN = 5.0
# Several replies in one line: once the words that the taken reply explains (as close as
# EXPLAINED) are set aside, what is left still covers SEVERAL of another reply's weight. Every
# bundled node's options pasted together reach 0.6 or more; no real line of the dev set went
# past 0.55.
EXPLAINED = 0.8
SEVERAL = 0.6


# A question typed where the reply asks nothing is a question about something the client said,
# not that reply ("which hospital is it?" is not "with a hospital contract behind you, the
# check is a formality"), unless the line reads as that reply surely: at this much over the bar
# a rhetorical "why wait for the board?" still says "forget the board, sign today". On the dev
# lines, every question taken rightly for a reply that asks nothing was 90% sure or more, and
# the off-topic questions taken for one at most 68%.
QUESTION_DOUBT = 20.0


# A refusal reads at most this share as much like the reply it refuses: "we won't match Vexa"
# is never "I can match Vexa's 78". The reply next in line is taken only when it is surely the
# one meant (the bar plus SURE): a line read first as the reply it refuses says little else.
REFUSED = 0.5


def _unrefused(typed: str, scores: _Scores, bar: float) -> _Scores:
    """The scores with each reply that the line says the other way round set below the bar."""
    pairs, demoted = list(zip(scores.order, scores.ranked, strict=True)), set()
    for at, match in pairs:  # best first, until one that could be taken is not refused
        if match.confidence < bar or not scores.refuses(typed, at):
            break
        demoted.add(at)
    return _demote(scores, demoted)


def _figured(
    typed: str, scores: _Scores, texts: Sequence[str], bar: float, critical: Collection[str]
) -> _Scores:
    """The scores with the best reply set below the bar when the line's figures are another's:
    it states figures only a close rival (half the bar or more) has, and none that only the
    best has (see `known.contradicts`), and the rival is next in line: the figures choose
    between the two, never a third reply. A breach of policy is never chosen by its figures:
    whether a line makes it is `_unstated`'s to judge ("sixty days with no surcharge is
    something I can't give you" names the breach's figure to refuse it)."""
    if len(scores.order) < 2 or scores.ranked[0].confidence < bar / 2 or not figures(typed):
        return scores
    best = scores.order[0]
    if not figures(texts[best]):
        return scores
    for at, match in zip(scores.order[1:], scores.ranked[1:], strict=True):
        if match.confidence < bar / 2:
            break  # ranked: the rest are further still
        if not set(critical).isdisjoint(match.reply.tags):
            continue
        if contradicts(typed, texts[best], texts[at]):
            demoted = _demote(scores, {best})
            return demoted if demoted.order[0] == at else scores
    return scores


def _demote(scores: _Scores, demoted: set[int]) -> _Scores:
    """The scores with the replies at `demoted` read at REFUSED of their confidence."""
    if not demoted:
        return scores
    pairs = zip(scores.order, scores.ranked, strict=True)
    cut = [
        (at, Match(m.reply, round(m.confidence * REFUSED, 1))) if at in demoted else (at, m)
        for at, m in pairs
    ]
    cut.sort(key=lambda pair: -pair[1].confidence)  # stable: ties keep their order
    return replace(scores, ranked=tuple(m for _, m in cut), order=tuple(at for at, _ in cut))


# A breach of policy that the line does not state in so many words (an offer found in it, or
# one of the reply's figures) is taken only this far over the bar: a harmless line that merely
# resembles one must never fail a call. Harmless lines on the dev set read as a breach up to
# 24 points over the bar ("working out the options is my job" as "we'll have it all running
# the day you move in, guaranteed"); most breaches said in other words read 28 or more.
CRITICAL_SURE = 25.0
# ... and only when the line carries this share of what sets the breach apart from the node's
# other replies, in each sentence of it that does (see `contrast`). Honest lines that resemble
# a trap (its honest part said, its false clause not) carry at most 0.16 of it; a claim stated
# in the trap's own words or close synonyms, 0.3 and more.
CLAIMED = 0.25


def _unstated(
    typed: str, scores: _Scores, bar: float, critical: frozenset[str], catalogue: Catalogue | None
) -> _Scores:
    """The scores with each policy breach that the line does not itself state set below the bar.

    Taking a harmless line for a breach fails a call (and an exam attempt of two), so a breach
    is never guessed from a resemblance: "we offer better quality than Vexa" is not "I can match
    Vexa's 78". See `offers.states_breach`; a line that neither states nor refuses one is taken
    for it only beyond doubt (CRITICAL_SURE over the bar).
    """
    pairs, demoted = list(zip(scores.order, scores.ranked, strict=True)), set()
    for at, match in pairs:  # best first, until one that could be taken is not a guess
        if match.confidence < bar or critical.isdisjoint(match.reply.tags):
            break
        start, end = scores.index.spans[at]
        stated = offers.states_breach(typed, scores.index.texts[start:end], catalogue)
        sure = stated is None and match.confidence >= bar + CRITICAL_SURE
        if stated or (sure and scores.claims(typed, at)):
            break
        demoted.add(at)
    return _demote(scores, demoted)


def _offers_plainly(
    typed: str,
    scores: _Scores,
    threshold: float,
    critical: frozenset[str],
    catalogue: Catalogue | None,
) -> bool:
    """True when the best reply is a breach of policy that the line makes in so many words.

    "I can match 78 for you" is the offer of "I can match Vexa's 78 a seat for the first year",
    however little else of the reply it says: the move is the offer, and it fails the call. It
    must read like that reply at least half the scenario's bar, and be no refusal of it.
    """
    best = scores.ranked[0] if scores.ranked else None
    if best is None or best.confidence < threshold / 2 or critical.isdisjoint(best.reply.tags):
        return False
    start, end = scores.index.spans[scores.order[0]]
    if not offers.makes_same_offer(typed, scores.index.texts[start:end], catalogue):
        return False
    return not scores.refuses(typed, scores.order[0])


def _asked_apart(typed: str, scores: _Scores, reply: int) -> float:
    """How surely the line means the questions of the reply, read without its statements.

    "Could a call queue let four dispatchers share one number?" reads like "A call queue would
    let all four dispatchers share one number. Could I show you that next week?", but it asks
    about the statement; the reply's question is another one.
    """
    start, end = scores.index.spans[reply]
    asked = [
        sentence for text in scores.index.texts[start:end] for sentence in forms.questions(text)
    ]
    if not asked:
        return 0.0
    match = scores.ranked[scores.order.index(reply)]
    alone = replace(match.reply, examples=tuple(asked[1:]), keywords=())
    return rank(typed, [alone], [asked[0]])[0].confidence


def _asks_instead(typed: str, scores: _Scores, reply: int) -> bool:
    """True when the line asks a question and no wording of the reply does."""
    if not asks(typed):
        return False
    start, end = scores.index.spans[reply]
    return not any(asks(text) for text in scores.index.texts[start:end])


def _clear(ranked: Sequence[Match], bar: float) -> bool:
    best = ranked[0].confidence
    second = ranked[1].confidence if len(ranked) > 1 else 0.0
    return best >= bar + SURE or best - second >= MARGIN


def rank(typed: str, replies: Sequence[Reply], texts: Sequence[str]) -> list[Match]:
    """Every reply with how confidently `typed` means it, best first."""
    return list(_score(typed, replies, texts).ranked)


# Calibration: an alignment of 0.5 (half the reply's weight covered by close words, and as
# much of the typed line found in it) and more is a certain match in meaning; it maps onto
# 0-100 and is blended 70/30 with spelling, so typos and word order still count. Chosen on
# the tuning half of scenarios/tests/typed: the middle of a plateau where neighbouring
# values give the same figures.
_MEANING_SPAN = 0.5
_SPELLING_WEIGHT = 0.3
_RECALL_WEIGHT = 2.0  # the F-measure's beta: covering the reply counts more than adding to it


@dataclass(frozen=True, slots=True)
class _Vectors:
    """A node's candidates in the model's space: their words, each distinct word once."""

    distinct: np.ndarray  # (distinct words, dimensions) unit word vectors
    word_of: np.ndarray  # (words,) the row of `distinct` of each candidate word, in order
    weights: np.ndarray  # (words,) each word's weight
    worded: np.ndarray  # (candidates,) bool: the candidate has words
    starts: np.ndarray  # (worded candidates,) the first word of each
    totals: np.ndarray  # (worded candidates,) the sum of each one's weights
    column: np.ndarray  # (candidates,) each one's place among the worded, -1 for none
    apart: contrast.Contrast  # what each candidate says that the other replies do not


@dataclass(frozen=True, slots=True)
class _Index:
    """The replies of one node read once: every typed line there costs one matrix product.

    A candidate is a reply's text or one of its examples, in reply order; `spans` gives each
    reply's candidates. Without the model there are no vectors, and no numpy is loaded.
    """

    texts: tuple[str, ...]  # each candidate as the author wrote it
    sorted_words: tuple[str, ...]  # each normalised, its words sorted: token-sort, ready
    spans: tuple[tuple[int, int], ...]  # each reply's candidates: [start, end)
    keywords: tuple[tuple[str, ...], ...]  # each reply's keywords, normalised
    vectors: _Vectors | None


@lru_cache(maxsize=1024)  # a node's replies are read once per content load, not once per line
def _index(node: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...], model: bool) -> _Index:
    texts = tuple(candidate for text, examples, _ in node for candidate in (text, *examples))
    normalised = [normalise(text) for text in texts]
    spans, start = [], 0
    for _, examples, _ in node:
        spans.append((start, start + 1 + len(examples)))
        start += 1 + len(examples)
    keywords = tuple(tuple(normalise(k) for k in words) for _, _, words in node)
    sorted_words = tuple(_sorted_words(text) for text in normalised)
    vectors = _vectors(texts, normalised, tuple(spans)) if model else None
    return _Index(texts, sorted_words, tuple(spans), keywords, vectors)


def _vectors(
    texts: Sequence[str], normalised: Sequence[str], spans: Sequence[tuple[int, int]]
) -> _Vectors | None:
    import numpy as np

    words = [_words(text) for text in normalised]
    kept = [pair for pair in words if pair[1].size]
    if not kept:
        return None
    # a word met in several replies is compared with the typed line once
    distinct, word_of = np.unique(
        np.concatenate([vectors for vectors, _ in kept]), axis=0, return_inverse=True
    )
    weights = np.concatenate([weights for _, weights in kept])
    counts = [w.size for _, w in words]
    said_by_all = contrast.common(spans, distinct, word_of.reshape(-1), counts)
    weights = np.where(said_by_all, weights * contrast.COMMON_WEIGHT, weights)
    starts = np.cumsum([0, *(w.size for _, w in kept[:-1])]).astype(np.intp)
    worded = np.array([weights.size > 0 for _, weights in words], dtype=bool)
    found = _Vectors(
        distinct,
        word_of.reshape(-1).astype(np.intp),
        weights,
        worded,
        starts,
        np.add.reduceat(weights, starts),
        np.where(worded, np.cumsum(worded) - 1, -1),
        contrast.contrast(
            texts, spans, distinct, word_of.reshape(-1), weights, [w.size for _, w in words]
        ),
    )
    for array in (found.distinct, found.word_of, found.weights, found.worded, found.starts):
        array.setflags(write=False)
    return found


@dataclass(frozen=True, slots=True)
class _Scores:
    """One typed line against one node's candidates: per candidate, then per reply."""

    index: _Index
    ranked: tuple[Match, ...]
    order: tuple[int, ...]  # the position among the replies of each ranked match
    spelling: list[float]  # per candidate: token-sort ratio, 0-100
    meaning: list[float]  # per candidate: alignment, 0-1 (0 without the model)
    precision: list[float]
    recall: list[float]
    closeness: np.ndarray | None  # (typed words, candidates' words) with the model
    nearest: np.ndarray | None  # (typed words, worded candidates): each word's closest

    def closest(self, reply: int) -> int:
        """The candidate of the reply at `reply` that the line is closest to."""
        start, end = self.index.spans[reply]
        within = self.meaning if self.index.vectors is not None else self.spelling
        return max(range(start, end), key=lambda at: within[at])

    def fragment(self, candidate: int, *, clause: bool = False) -> bool:
        """True when the line is a part of the candidate in its own words, too small a part.

        A clause is held to the second box only: one sentence of a longer reply can say its
        gist, but not when it covers under a third of it.
        """
        if self.index.vectors is None:
            return False
        precision, recall = self.precision[candidate], self.recall[candidate]
        boxes = FRAGMENT[1:] if clause else FRAGMENT
        return any(precision >= least and recall < under for least, under in boxes)

    def refuses(self, typed: str, reply: int) -> bool:
        """True when the line says the words of the reply's closest wording the other way round."""
        candidate, vectors = self.closest(reply), self.index.vectors
        if vectors is None or self.closeness is None:
            return polarity.refuses(typed, self.index.texts[candidate])
        column = int(vectors.column[candidate])
        start = int(vectors.starts[column]) if column >= 0 else self.closeness.shape[1]
        words = _words(normalise(typed))[1]
        return polarity.refuses(
            typed, self.index.texts[candidate], self.closeness[:, start:], words
        )

    def claims(self, typed: str, reply: int) -> bool:
        """True when the line says what sets the reply apart from the node's others, in every
        sentence of it that does (see `contrast`): "put me through to Daniel" says none of
        "he's expecting my call"."""
        vectors = self.index.vectors
        if vectors is None or self.closeness is None:
            return True  # without the model there is only the spelling to go on
        start, end = self.index.spans[reply]
        found = [
            contrast.carried(vectors.apart, at, self.closeness, typed, self.index.texts[at])
            for at in range(start, end)
        ]
        return any(part is None or part[1] >= CLAIMED for part in found)

    def several(self, reply: int, candidate: int) -> bool:
        """True when, besides the candidate's substance, the line carries another reply's.

        The typed words the candidate does not explain are set against the other replies: a
        line that still covers most of one is several options pasted or strung together,
        not a way of saying this one.
        """
        vectors = self.index.vectors
        if vectors is None or self.closeness is None or self.nearest is None:
            return False
        import numpy as np

        column = int(vectors.column[candidate])
        if column < 0:
            return False
        unexplained = self.nearest[:, column] < EXPLAINED
        if not unexplained.any():
            return False
        found = self.closeness[unexplained].max(axis=0) * vectors.weights
        recall = np.add.reduceat(found, vectors.starts) / vectors.totals
        start, end = self.index.spans[reply]
        own = vectors.column[start:end]
        recall[own[own >= 0]] = 0.0
        return bool(recall.max() >= SEVERAL)


def _score(typed: str, replies: Sequence[Reply], texts: Sequence[str]) -> _Scores:
    from rapidfuzz import fuzz  # 5 MB of C++: loaded with the first typed reply

    model = _model_ready()
    node = tuple(
        (text, reply.examples, reply.keywords) for reply, text in zip(replies, texts, strict=True)
    )
    index = _index(node, model)
    said = normalise(typed)
    sorted_said = _sorted_words(said)
    # token_sort_ratio, with the candidates' words sorted once per node, not once per line
    spelling = [fuzz.ratio(sorted_said, candidate) for candidate in index.sorted_words]
    zeros = [0.0] * len(spelling)
    meaning, precision, recall = zeros, zeros, zeros
    closeness = nearest = None
    if index.vectors is not None:
        meaning, precision, recall, closeness, nearest = _meaning(
            said, index.vectors, len(spelling)
        )
    # a reply is as close in meaning as its closest candidate, and as close in spelling as its
    # closest (maybe another) candidate
    per_reply = [
        _blend(max(meaning[start:end]), max(spelling[start:end]), model)
        for start, end in index.spans
    ]
    for position, keywords in enumerate(index.keywords):
        if keywords and per_reply[position] > 0:
            found = found_keywords(said, keywords, KEYWORD_TOLERANCE)
            per_reply[position] += KEYWORD_BONUS * found / len(keywords)
    # ordered by the score before it is capped at 100: the closest of two near-identical
    # replies wins, not the first
    order = sorted(range(len(replies)), key=lambda at: (-per_reply[at], replies[at].number))
    ranked = tuple(
        Match(replies[at], round(min(100.0, max(0.0, per_reply[at])), 1), per_reply[at])
        for at in order
    )
    return _Scores(
        index, ranked, tuple(order), spelling, meaning, precision, recall, closeness, nearest
    )


def _meaning(
    said: str, vectors: _Vectors, count: int
) -> tuple[list[float], list[float], list[float], np.ndarray | None, np.ndarray | None]:
    """Per candidate: the alignment with the typed line, its precision and its recall.

    Also the word-by-word closeness and each typed word's closest in each candidate, which
    `_Scores.several` reads again.
    """
    import numpy as np

    precision = np.zeros(count)
    recall = np.zeros(count)
    closeness = nearest = None
    typed_vectors, typed_weights = _words(said)
    if typed_weights.size:
        distinct = typed_vectors @ vectors.distinct.T  # (typed words, distinct words)
        closeness = distinct[:, vectors.word_of]  # (typed words, candidates' words)
        nearest = np.maximum.reduceat(closeness, vectors.starts, axis=1)
        precision[vectors.worded] = (typed_weights @ nearest) / float(typed_weights.sum())
        found = distinct.max(axis=0)[vectors.word_of] * vectors.weights
        recall[vectors.worded] = np.add.reduceat(found, vectors.starts) / vectors.totals
    beta2 = _RECALL_WEIGHT**2
    alignment = np.zeros(count)
    both = (precision > 0) & (recall > 0)
    np.divide(
        (1 + beta2) * precision * recall,
        beta2 * precision + recall,
        out=alignment,
        where=both,
    )
    return alignment.tolist(), precision.tolist(), recall.tolist(), closeness, nearest


def _sorted_words(text: str) -> str:
    return " ".join(sorted(text.split()))


def _blend(meaning: float, spelling: float, with_model: bool) -> float:
    if not with_model:
        return spelling
    semantic = 100.0 * meaning / _MEANING_SPAN
    return (1 - _SPELLING_WEIGHT) * semantic + _SPELLING_WEIGHT * spelling


Words = tuple["np.ndarray", "np.ndarray"]  # unit word vectors, and each word's weight


@lru_cache(maxsize=4096)  # typed lines and reply texts alike; 15 KB for 15 words
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
