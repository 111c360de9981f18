"""Recognise off-script lines (rude, pushy, small talk, goodbye, "say that again") and how a
persona answers them when it has no lines of its own.

Classification is by meaning over small authored example sets: the matcher's sentence embedding
(trainer.engine.embedding) when it is loaded, with rapidfuzz closeness to the same examples for
typos and when it is not, plus a few cue words that settle a kind on their own (an insult is
rude in any sentence, and so is a brush-off: "ugh", "whatever,", "I don't have all day").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from enum import StrEnum
from functools import lru_cache
from typing import Any

from trainer.content.frozen import frozen_map
from trainer.content.persona import Meter, OffScriptLines, Persona
from trainer.engine.words import (
    DISMISSAL,
    FILLERS,
    REASSURANCE,
    SMALL_TALK,
    courtesy_free,
    normalise,
)


class Kind(StrEnum):
    """The off-script kinds a persona can answer in character."""

    RUDE = "rude"
    PUSHY = "pushy"
    SMALL_TALK = "small_talk"
    OFFER = "offer"  # an unauthorised offer, found by trainer.engine.facts
    GOODBYE = "goodbye"
    REPEAT = "repeat"


# The rubric tag an off-script kind carries on the trainee's turn, when it has one.
TAGS: Mapping[Kind, str] = {
    Kind.RUDE: "rude",
    Kind.PUSHY: "pushy",
    Kind.OFFER: "unauthorised-offer",
}

EXAMPLES: Mapping[Kind, tuple[str, ...]] = {
    Kind.RUDE: (
        "calm down mate",
        "are you stupid",
        "that is a dumb question",
        "shut up and listen",
        "you are wasting my time",
        "whatever, I don't care",
        "don't be ridiculous",
        "are you deaf",
        "get a grip",
        "what is wrong with you",
        "that's your problem not mine",
        "stop whining",
    ),
    Kind.PUSHY: (
        "just sign it now",
        "you need to decide today",
        "sign today or lose the deal",
        "I need an answer right now",
        "stop stalling and buy it",
        "come on just say yes",
        "this offer ends today so decide now",
        "I won't take no for an answer",
        "just place the order already",
        "trust me just buy it",
    ),
    Kind.SMALL_TALK: SMALL_TALK,
    Kind.GOODBYE: (
        "bye",
        "goodbye",
        "talk later",
        "talk to you later",
        "I have to go",
        "speak soon bye",
        "got to run bye",
        "let's end the call here",
        "have a nice day bye",
        "cheers bye",
    ),
    Kind.REPEAT: (
        "can you repeat that",
        "sorry, say that again",
        "could you repeat please",
        "pardon",
        "what did you say",
        "sorry I didn't catch that",
        "come again",
        "one more time please",
        "could you say that again",
        "say again please",
        "can you say that one more time",
        "repeat please",
        "sorry, what was that",
        "I missed that, can you say it again",
    ),
}

# Words that decide a kind on their own, wherever they appear.
CUES: Mapping[Kind, frozenset[str]] = {
    Kind.RUDE: frozenset(
        [
            "idiot",
            "stupid",
            "moron",
            "dumb",
            "shut",
            "pathetic",
            "useless",
            "ridiculous",
            "clueless",
            "whining",
            "whine",
            "incompetent",
            "loser",
            "rubbish",
            "crap",
            "damn",
            "hell",
            "bloody",
        ]
    ),
    Kind.GOODBYE: frozenset(["bye", "goodbye", "cya", "farewell"]),
    Kind.SMALL_TALK: frozenset(["weather", "football"]),
}

THRESHOLD = 80.0  # how close to an example a line must be


DEFAULTS: Mapping[Kind, OffScriptLines] = {
    Kind.RUDE: OffScriptLines(
        ("There's no need to talk to me like that.", "Excuse me? Let's keep this civil."),
        frozen_map({Meter.TRUST: -15, Meter.PATIENCE: -20}),
    ),
    Kind.PUSHY: OffScriptLines(
        ("Don't rush me. I decide when I'm ready.", "I'm not signing anything under pressure."),
        frozen_map({Meter.TRUST: -10, Meter.PATIENCE: -10}),
    ),
    Kind.SMALL_TALK: OffScriptLines(
        ("Ha, yes. But let's stick to business, shall we?", "Sure. Anyway, where were we?"),
        frozen_map({Meter.PATIENCE: -5}),
    ),
    Kind.OFFER: OffScriptLines(
        (
            "Can you actually offer that? I'd want it in writing from your manager.",
            "That sounds too good to be true. Are you allowed to promise that?",
        ),
        frozen_map({Meter.TRUST: -15}),
    ),
    Kind.GOODBYE: OffScriptLines(("Oh. Alright then, goodbye.", "Okay... bye."), frozen_map()),
    Kind.REPEAT: OffScriptLines((), frozen_map({Meter.PATIENCE: -2})),
}

ASK_MORE = (
    "Sorry, could you say a bit more?",
    "And? What do you mean exactly?",
    "Go on, I'm listening.",
)

_WORDS = re.compile(r"[^\w\s']+")


def _normal(text: str) -> str:
    return " ".join(_WORDS.sub(" ", text.lower()).split())


# "whatever," or a lone "whatever" brushes the client off; "whatever the other two quote" does not.
_WHATEVER = re.compile(r"\bwhatever\s*(?:[,.!;:]|$)", re.I)


def dismissive(text: str) -> bool:
    """Whether typed words brush the client off: "ugh", "whatever,", "I don't have all day",
    "do it yourself", "not my problem", "I don't care", "calm down", "not my fault"."""
    return _WHATEVER.search(text) is not None or DISMISSAL.search(normalise(text)) is not None


# Good wishes that close a call, read on normalised words ("have a good day", "take care").
_WISHES = re.compile(
    r"\b(?:have a (?:good|nice|great|lovely|pleasant) (?:one|1|day|morning|afternoon|evening|"
    r"weekend|week)|take care|all the best|speak soon|talk soon|enjoy (?:the|your) "
    r"(?:day|afternoon|evening|weekend))\b"
)
_PASSING = frozenset(("worries", "then", "too", "again", "anyway"))


def signs_off(text: str) -> bool:
    """Whether the line only wishes well, with thanks at most ("no worries, thanks for your
    time, have a good day"): a goodbye without the word. Thanks alone is courtesy, and anything
    said beside it ("... could we talk in May?") makes it a line of the call."""
    if not _WISHES.search(normalise(text)):
        return False
    rest = _WISHES.sub(" ", courtesy_free(text)).split()
    return all(word in FILLERS or word in _PASSING for word in rest)


# A threat, read on normalised words: "pay now or we cut off your lines", "or else", "we will
# cut you off", "we will send this to collections". Pressure, never a line of a call.
_THREAT = re.compile(
    r"\bor (?:else\b|(?:we|i)\b[\w ]{0,20}?\b(?:(?:cut|shut|switch|turn)\w* (?:\w+ ){0,3}off\b|"
    r"(?:sue|disconnect)\w*\b|(?:send|pass|hand)\w* [\w ]{0,15}\b"
    r"(?:collections?|debt collectors?|lawyers?|court)\b))"
    r"|\b(?:we|i) (?:will|are going to|shall) (?:cut (?:you|your \w+|it|them) off|sue you|"
    r"take (?:you to court|legal action)|(?:send|pass|hand) (?:this|it|you|your \w+) (?:on )?to "
    r"(?:collections|a debt collector|debt collectors|our lawyers|court))\b"
)


def threatens(text: str) -> bool:
    """Whether typed words threaten the client ("pay now or we cut off your lines")."""
    return _THREAT.search(normalise(text)) is not None


def classify(text: str) -> Kind | None:
    """The off-script kind of a typed line, or None when it is none of them."""
    from rapidfuzz import fuzz, process

    words = _normal(text)
    if not words:
        return None
    tokens = set(words.split())
    for kind, cues in CUES.items():
        if tokens & cues:
            return kind
    if dismissive(text):
        return Kind.RUDE
    if threatens(text):
        return Kind.PUSHY
    if signs_off(text):
        return Kind.GOODBYE
    by_meaning = _by_meaning(words)
    if by_meaning is not None:
        return by_meaning
    best: tuple[float, Kind | None] = (0.0, None)
    for kind, examples in EXAMPLES.items():
        # ratio (not token_set_ratio): a line must resemble an example as a whole, so one shared
        # word never makes "what is the price" a request to repeat.
        found = process.extractOne(words, examples, scorer=fuzz.ratio)
        if found is not None and found[1] > best[0]:
            best = (found[1], kind)
    return best[1] if best[0] >= THRESHOLD else None


# Cosine closeness to an example that makes a line that kind. Measured with the bundled model:
# off-script lines in other words than the examples score 0.55-0.98, business lines of a call
# ("can we deliver before the weekend?", "what did you pay for the old system") at most 0.45.
MEANING_THRESHOLD = 0.55
# Goodbye ends the call, so taking a line for one needs more certainty ("could you run that by
# me again" is 0.6 from "talk to you later").
GOODBYE_THRESHOLD = 0.7


def _by_meaning(words: str) -> Kind | None:
    """The closest kind by meaning, when the embedding is loaded and a line is close enough."""
    from trainer.engine import embedding

    if not embedding.loaded():
        return None  # the matcher loads it; spelling alone decides until then
    from trainer.engine.matching import content_words

    # "Not a problem at all" shares its words with "that's your problem, not mine": the
    # reassurance is read as what it is, and the rest of the line on its own.
    words = " ".join(REASSURANCE.sub(" ", words).split())
    if len(content_words(words)) < 2:
        return None  # "yes", "um ok": too little to have a meaning of its own
    vector = embedding.load().embed([words])[0]
    kinds, matrix = _example_vectors()
    closeness = matrix @ vector
    best = int(closeness.argmax())
    kind = kinds[best]
    bar = GOODBYE_THRESHOLD if kind is Kind.GOODBYE else MEANING_THRESHOLD
    return kind if float(closeness[best]) >= bar else None


@lru_cache(maxsize=1)
def _example_vectors() -> tuple[tuple[Kind, ...], Any]:
    from trainer.engine import embedding

    kinds = tuple(kind for kind, examples in EXAMPLES.items() for _ in examples)
    texts = [_normal(example) for examples in EXAMPLES.values() for example in examples]
    return kinds, embedding.load().embed(texts)


def reaction(persona: Persona, kind: Kind) -> OffScriptLines:
    """The persona's lines and meter effects for `kind`.

    Effects come from the persona's `off_script` entry, else its reaction to the kind's rubric
    tag (a persona's `rude` reaction), else the defaults; lines from `off_script`, else defaults.
    """
    authored = persona.off_script.get(kind.value) or OffScriptLines()
    default = DEFAULTS[kind]
    tag = TAGS.get(kind)
    effects = authored.effects or (persona.reactions.get(tag) if tag else None) or default.effects
    return OffScriptLines(authored.lines or default.lines, effects)


# A fallback line that asks who is calling, never said once the trainee introduced themselves.
_ASKS_IDENTITY = re.compile(
    r"\bwho\b.*\b(?:you|calling|this)\b|\byour name\b|\bwhich company\b|\bcalling from\b", re.I
)
# "this is Anna", not "this is from ..." or "this is about your phones": a name after it
_INTRODUCES = re.compile(
    r"\b(?:my name is|my name's|this is (?!(?:from|about|regarding|re|the|a|an|to|for|just|"
    r"with|who|what|why|how|your|our|it|not)\b)\w+|i am \w+ from|i'm \w+ from|calling from)\b",
    re.I,
)
GENERIC_FALLBACK = ("Sorry, I don't follow. What do you mean?",)


def introduces(text: str) -> bool:
    """Whether typed words introduce the trainee ("this is Anna from Northline")."""
    return _INTRODUCES.search(text) is not None


# Words that say who answers or calls: "speaking", "you're through to", "this is", "my name".
_SAYS_WHO = re.compile(
    r"\b(?:speaking|through to|it's \w+ (?:from|at|here)|my name|calling from|"
    r"i'm \w+ (?:from|at)|(?:from|at|with) (?:the )?\w+ here)\b",
    re.I,
)
_NAME_WORD = re.compile(r"[^\W\d_]{3,}")


def says_who(text: str, names: tuple[str, ...]) -> bool:
    """Whether typed words say who is speaking: a name or the company in `names`, or the words
    that introduce ("Northline, Alex speaking", "this is Alex"). Courtesy alone ("thank you so
    much, how can I help") does not."""
    if _SAYS_WHO.search(text) or _INTRODUCES.search(text):
        return True
    said = {word.lower() for word in _NAME_WORD.findall(text)}
    return any(word.lower() in said for name in names for word in _NAME_WORD.findall(name))


def fallback_lines(lines: tuple[str, ...], introduced: bool) -> tuple[str, ...]:
    """The fallback lines that fit: none asking who is calling once the trainee said it."""
    if introduced:
        lines = tuple(line for line in lines if not _ASKS_IDENTITY.search(line))
    return lines or GENERIC_FALLBACK
