"""Words for matching: one spelling of a line, words that say nothing alone, clauses."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise

from trainer.engine.numbers import spell_numbers

# "Don't worry", "no problem", "not a problem at all": a negation that reassures, refusing
# nothing and never rude.
REASSURANCE = re.compile(
    r"\b(?:don't|do not|no|not|never)\s+(?:a\s+)?(?:worry|worries|problem|rush|hurry|stress|fuss)"
    r"\b(?:\s+at\s+all)?"
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that say nothing about which reply is meant. A typed line made only of these (or of
# one other word) is asked to say more, never matched.
FILLERS = _words(
    """
    a an the so and or but um uh er erm hmm hm ah oh ooh ok okay k kk yes y yeah yep yup ya
    no nope nah hi hello hey hiya well like just you u i me we it this that there here right
    sure fine cool thanks thank thx ty please pls sorry what huh mm mhm alright good great
    nice wow lol haha ha really indeed absolutely totally exactly correct true agreed got
    gotcha noted understood see ah-ha uh-huh yo morning afternoon evening bye goodbye cheers
    anyway basically actually literally maybe perhaps probably dunno idk whatever hmmm ummm
    """
)

# Words that only measure: "60 days" or "8 percent" alone is an amount, not a reply.
UNITS = frozenset(
    (
        *("percent", "eur", "usd", "gbp", "euro", "euros", "each", "per", "times"),
        *("day", "days", "week", "weeks", "month", "months", "year", "years"),
        *("hour", "hours", "minute", "minutes", "seat", "seats", "unit", "units"),
    )
)


def is_number(word: str) -> bool:
    return word.replace(".", "", 1).isdigit()


def is_amount(word: str) -> bool:
    return word in UNITS or is_number(word)


# Grammar words: they link what a line says but do not say it. Not fillers: "how many agents"
# is a question because of "how", but "how" alone tells no reply from another.
STOPWORDS = _words(
    """
    am is are was were be been being do does did doing have has had having will would shall
    should can could may might must to of in on at by for with about from into onto over under
    up down out off as than then too very also not don't doesn't didn't isn't aren't won't can't
    cannot i'm you're we're they're it's that's there's i'll you'll we'll i've you've we've i'd
    you'd we'd my your our their his her its them they he she him us who whom which whose when
    where why how if because while some any all each every both either neither one ones own
    same such only more most other another many much few these those let let's get gets got
    go going gone
    s t d ll ve re m
    """
)

# A subject and a verb make a clause: "I promise", "you can have", "what can I do". A clause
# says something of its own (a commitment, a question), where a list of the reply's nouns
# ("duo and the g5 router") only points at it.
SUBJECTS = _words("i we you they he she it that this there who what")
AUXILIARIES = _words(
    """
    will would can could shall should must may might do does did am is are was were have has
    had
    """
)
# A modal makes a clause after any word: "the handsets should do".
MODALS = _words("will would can could shall should must may might")
# "I promise", "we guarantee": after I or we, any word that says something is the verb.
SPEAKERS = _words("i we")

# Small talk, as trainees say it. A line closer to one of these than to the reply it shares a
# word with is chat, not that reply: "did you watch the match last night" is not "I'll match
# their price". The off-script recogniser answers them in character.
SMALL_TALK = (
    "how's the weather",
    "lovely weather today",
    "did you see the match last night",
    "how was your weekend",
    "any plans for the holidays",
    "how is your day going",
    "how are the kids",
    "it's so cold today",
    "what did you think of the game",
    "have you been on holiday this year",
    "what a match that was on sunday",
    "who do you support",
    "did your team win at the weekend",
    "are you going away this summer",
    "is it raining where you are",
    "the traffic was awful this morning",
    "did you see the news today",
    "what are you watching on tv at the moment",
    "how is the family",
    "do you have any hobbies",
    "how are you feeling today",
    "any nice plans for tonight",
)


# Courtesy that says nothing about which reply is meant: "thank you so much", "I really
# appreciate your time", "that's a great point", "I hear you". Read on normalised words; a
# line made of these and fillers is asked to say more, and they never count as substance.
_COURTESY = re.compile(
    r"\b(?:"
    r"(?:thank you|thanks|thank u|thx|ty)(?: (?:so|very) much| a lot| ever so much| again)?"
    r"(?: for (?:your|the) (?:time|patience|help|question|understanding))?"
    r"|(?:i )?(?:really |truly |do |very much |so much )*appreciate"
    r" (?:it|that|this|you|your time|your patience|you taking the time)"
    r"(?: (?:so|very) much| a lot)?"
    r"|(?:that s |that is |what |it s |it is )?(?:a )?(?:really )?"
    r"(?:great|good|fair|valid|excellent) (?:point|question|one)"
    r"|i (?:totally |completely |really )?hear you"
    r")\b"
)


# Dismissal, read on normalised words: "ugh", "I don't have all day", "do it yourself", "not
# my problem", "I don't care". Rude, and no more substance than courtesy: a line that is mostly
# dismissal never reaches the bar of the polite reply its few other words resemble.
DISMISSAL = re.compile(
    r"\b(?:"
    r"u+gh+|pf+t+|meh"
    r"|i (?:do not|have not) (?:have|got) all day"
    r"|(?:do|send|sort|fix|find|look|work) (?:it|that|them|this)(?: out| up)? yourself"
    r"|not my (?:problem|job|concern)"
    r"|i (?:do not|could not|could) care less|i do not care"
    r"|shut up|get a grip|get over it|you are wasting my time"
    # blame put on the client: "calm down" said to them (not "when things calm down"),
    # "it's not my fault you can't read a website", "that's your problem, not mine"
    r"|(?:^|(?:just|look|okay|ok|now|please|so|need to|have to) )calm down|not my fault"
    r"|your problem not (?:mine|ours)|(?:that|this|it) is your problem"
    r"|you (?:cannot|can not|could not) (?:even )?read|cannot you read"
    r")\b"
)


def courtesy_free(text: str) -> str:
    """`text` normalised, without the courtesy or dismissal that carries no substance."""
    return " ".join(DISMISSAL.sub(" ", _COURTESY.sub(" ", normalise(text))).split())


def is_clause(words: Sequence[str]) -> bool:
    """True when the (normalised) words hold a subject and its verb: they say something.

    "i promise it will not happen again", "you can have 7 percent", "what can i do for you"
    are clauses; "duo and the g5 router", "recording included", "60 days" are not.
    """
    for first, second in pairwise(words):
        if first in SUBJECTS and second in AUXILIARIES:
            return True
        if first in AUXILIARIES and second in SUBJECTS:  # a question: "can i", "is it"
            return True
        if second in MODALS and first not in STOPWORDS:
            return True
        if first in SPEAKERS and second not in STOPWORDS and second not in FILLERS:
            return True
    return False


# A sentence that opens with one of these asks something: "is that separate", "which hospital".
QUESTION_OPENERS = AUXILIARIES | _words("who whom whose what which where when why how")


def asks(text: str) -> bool:
    """True when `text` (as typed, punctuation kept) asks a question somewhere in it."""
    if "?" in text:
        return True
    return any(
        sentence.split()[0].lower().strip(",;:") in QUESTION_OPENERS
        for sentence in text.replace("!", ".").split(".")
        if sentence.split()
    )


# How people type in a hurry, spelled out, so "ill send it 2moro" reads as "i will send it
# tomorrow". Applied word by word to typed words and reply texts alike.
SHORTHANDS = {
    "u": "you",
    "ur": "your",
    "r": "are",
    "ya": "you",
    "thx": "thanks",
    "tx": "thanks",
    "pls": "please",
    "plz": "please",
    "np": "no problem",
    "tbh": "to be honest",
    "rn": "right now",
    "atm": "at the moment",
    "b4": "before",
    "2day": "today",
    "2moro": "tomorrow",
    "tmrw": "tomorrow",
    "tmr": "tomorrow",
    "ppl": "people",
    "wk": "week",
    "wks": "weeks",
    "mins": "minutes",
    "min": "minute",
    "secs": "seconds",
    "prob": "probably",
    "def": "definitely",
    "w": "with",
    "thru": "through",
    "tho": "though",
    "cuz": "because",
    "coz": "because",
    "bc": "because",
    "enuf": "enough",
    "gonna": "going to",
    "wanna": "want to",
    "im": "i am",
    "ill": "i will",
    "ive": "i have",
    "id": "i would",
    "youre": "you are",
    "youll": "you will",
    "youve": "you have",
    "youd": "you would",
    "theyre": "they are",
    "theyll": "they will",
    "hes": "he is",
    "shes": "she is",
    "thats": "that is",
    "whats": "what is",
    "theres": "there is",
    "dont": "do not",
    "doesnt": "does not",
    "didnt": "did not",
    "cant": "cannot",
    "wont": "will not",
    "isnt": "is not",
    "arent": "are not",
    "wasnt": "was not",
    "shouldnt": "should not",
    "wouldnt": "would not",
    "couldnt": "could not",
    "lets": "let us",
    "asap": "as soon as possible",
    # the same thing in the words of the phone and the sales floor, spelled one way: the
    # model's word vectors set "ring" and "call" apart (0.06), as it does "cheers" and "thanks"
    "ring": "call",
    "rang": "called",
    "ringing": "calling",
    "rings": "calls",
    "phoned": "called",
    "cheers": "thanks",
    "ta": "thanks",
    "cell": "mobile",
    "quotation": "quote",
    "quotations": "quotes",
    "knock": "take",  # "knock 5% off"
    "boss": "manager",
}
# Contractions with their apostrophe, spelled out before punctuation is dropped.
CONTRACTIONS = (
    ("n't", " not"),
    ("'ll", " will"),
    ("'re", " are"),
    ("'ve", " have"),
    ("'m", " am"),
    ("'d", " would"),
    ("let's", "let us"),
)


_PUNCTUATION = re.compile(r"[^\w\s.]+|(?<!\d)\.|\.(?!\d)")


@lru_cache(maxsize=16384)
def normalise(text: str) -> str:
    """Lower case, numbers and shorthand spelled one way, punctuation gone (decimals kept).

    Remembered: reply texts are normalised once, not on every typed line.
    """
    text = spell_numbers(text).replace("e-mail", "email")
    if "'" in text:
        text = text.replace("won't", "will not").replace("can't", "cannot")
        for short, full in CONTRACTIONS:
            text = text.replace(short, full)
    words = _PUNCTUATION.sub(" ", text).split()
    return " ".join(SHORTHANDS.get(word, word) for word in words)


def found_keywords(words: str, keywords: tuple[str, ...], tolerance: float) -> int:
    """How many of the keywords appear in `words`, whole, allowing small typos."""
    from rapidfuzz import fuzz

    padded = f" {words} "
    found = 0
    for keyword in keywords:
        if not keyword:
            continue
        if f" {keyword} " in padded:
            found += 1
            continue
        if len(keyword) < 5:
            continue
        # the cut-off lets the C side stop early on the many keywords nowhere near
        if fuzz.partial_ratio(keyword, words, score_cutoff=tolerance) == 0:
            continue
        alignment = fuzz.partial_ratio_alignment(keyword, words)
        # the whole keyword must be there, not a fragment: "rec" is not "recording"
        if alignment is not None and alignment.dest_end - alignment.dest_start >= len(keyword) - 1:
            found += alignment.score >= tolerance
    return found
