"""Offers a manager may not make, found in what a trainee types.

A second, independent reading next to engine/facts.py's: phrasings of a price match ("I can
match 78"), a cut ("knock 10% off", "cut your price by that amount"), a discount on top of the
table ("another 5% on top"), terms with the surcharge waived ("60 days with no surcharge"),
free goods ("I'll throw in a router"), a refund outside the returns policy, longer terms and
absolute guarantees. A cue does not
count after a negation ("I can't waive the surcharge") or before one that takes it back
("free headsets aren't something I can offer"), and what the policy allows (free
porting, 30 days at no surcharge, the volume tiers) is not an offer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from trainer.content.catalogue import Catalogue
from trainer.engine.numbers import spell_numbers
from trainer.engine.words import AUXILIARIES, REASSURANCE, is_clause, is_number, normalise


def _cues(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns))


_NEGATION = re.compile(
    r"\b(?:can't|cannot|can not|won't|will not|not|never|no way|unable|isn't|aren't|don't|"
    r"doesn't|shouldn't|couldn't|nobody|no one)\b(?:\W+\w+){0,4}\W*$"
)
# A refusal said after the offer, in the same clause: "free headsets are not something I can
# offer", "a 15% discount is out of the question", "waiving the surcharge isn't possible".
_REFUSED_AFTER = re.compile(
    r"^[^,.;:!?]*?(?:\b(?:is|are|was|were|'s|'re)\s+not|\b(?:isn't|aren't|wasn't|weren't))\s+"
    r"(?:really\s+|just\s+|even\s+)?(?:something|possible|an option|allowed|on the table|on offer|"
    r"mine|up to me|in my gift|how we work|what we do|going to happen|happening)\b"
    r"|^[^,.;:!?]*?\b(?:out of the question|off the table|impossible|not possible|not allowed)\b",
    re.IGNORECASE,
)


def refused_after(rest: str) -> bool:
    """Whether the words after an offer's cue take it back ("... isn't something I can do")."""
    return _REFUSED_AFTER.search(rest) is not None


# Offers a manager may not make: a discount outside the volume table, a price match, goods or
# services for free, a waived surcharge, terms longer than the policy, an absolute guarantee.
_PERCENT_OFF = re.compile(
    r"(\d+(?:\.\d+)?) percent (?:off|discount|cheaper|less|reduction|rebate)"
    r"|(?:discount|reduction|rebate|knock off|take off|cut) (?:of )?(\d+(?:\.\d+)?) percent"
    r"|(?:i'll|i will|i can|we can|we'll|we will|let me|i could|we could) "
    r"(?:do|give you|offer|make it|go to|go down to) (?:you )?(\d+(?:\.\d+)?) percent"
)
_ON_TOP = re.compile(r"\b(?:another|extra|additional|on top|more|further|for you|special)\b")
_PRICE_CUT = _cues(
    r"\bmatch (?:their|the|that|his|her|vexa's|vexa|your|a|any|the other)\b[\w\s']{0,20}"
    r"\b(?:price|offer|quote|rate|\d+)",
    r"\bmatch \d+",
    # "Seven percent is a serious offer, and I will match it": the offer just named
    r"\bmatch (?:it|that|this|theirs|them|those)\b",
    r"\bmeet (?:their|the|that|his|her|vexa's|vexa|your|any)\b[\w\s']{0,20}"
    r"\b(?:price|offer|quote|rate)",
    r"\bsame (?:price|rate) as (?:vexa|them|theirs|their|the other|the competition)\b",
    r"\bbeat (?:their|that|the|any|vexa's|vexa)\b[\w\s']{0,20}\b(?:price|offer|quote|rate)",
    r"\b(?:lower|cut|drop|reduce|bring down) (?:the|our|my|your) (?:price|rate|quote)",
    r"\b(?:knock|take) (?:\d+(?:\.\d+)? (?:eur|percent) |something |a bit )?off\b",
    r"\bspecial (?:price|discount|deal) (?:for you|just for you|today)\b",
    r"\bextra discount\b",
    r"\bdiscount (?:for you|just for you|if you sign|if you order|today)\b",
    r"\bif you sign (?:today|now)\b.*\b(?:percent|discount|free|off|cheaper)\b",
)
_FREE = _cues(
    r"\bfree (?:of charge )?(?:headsets?|routers?|phones?|handsets?|switch(?:es)?|seats?|"
    r"licen[cs]es?|months?|years?|installation|setup|set-up|upgrades?|equipment|hardware|units?|"
    r"access points?|speakerphones?|service|support|vip)\b",
    r"\b(?:for free|free of charge|on the house|at no (?:extra )?cost|no charge)\b",
    r"\bthrow (?:in|it in)\b",
)
# Money back outside the returns policy (unused goods within 14 days, opened ones within 30
# with a restocking fee): "I'll refund you all twelve", "refund you anyway". A clause that
# names the policy's own conditions states the policy, not an offer.
_REFUND = _cues(
    r"\brefund (?:you|it|them|all|every|each|the (?:lot|full|whole)|your|in full)\b",
    r"\b(?:give|pay|send) (?:you )?(?:your|the|all the|all your) money back\b",
    r"\b(?:full|complete) refund\b",
)
_REFUND_BY_POLICY = re.compile(r"\b(?:14|30) days?\b|\bunused\b|\brestocking\b")
_LEGITIMATELY_FREE = re.compile(
    r"\b(?:porting|delivery|shipping|firmware|pick-?up|courier|training|temporary numbers|"
    r"collect(?:s|ed|ion|ing)?|picks? (?:it |them |the \w+ )?up|picked (?:it |them )?up)\b"
)
_WAIVE = _cues(
    r"\b(?:waive|drop|skip|forget|scrap|remove|lose) (?:the|that|your|this)? ?"
    r"(?:\d+(?:\.\d+)? percent )?(?:surcharge|fee|charge)",
    r"\blet (?:the |that |your |this )?(?:\d+(?:\.\d+)? percent )?surcharge go\b",
    r"\blet go of (?:the|that|your|this) surcharge\b",
    r"\bwithout (?:the|a|any) surcharge\b",
    r"\bno surcharge\b",
)
_NO_SURCHARGE = re.compile(r"no surcharge|without (?:the|a|any) surcharge")
_DAYS = re.compile(r"(\d+)(?:[- ]day| days)")
_TERMS = re.compile(r"\b(?:pay|paying|payment|terms|invoice)")
_GUARANTEE = _cues(
    r"\bguarantee[ds]?\b[\w\s,']{0,30}\b(?:never|no|zero|100 percent|always|nothing)\b",
    r"\b(?:never|won't ever|will never) (?:go down|fail|break|have (?:an )?outages?)\b",
    r"\b100 percent (?:uptime|guaranteed|reliable|safe)\b",
    r"\bzero (?:downtime|outages?|risk)\b",
    r"\b(?:won't|will not|will never|never) happen (?:again |with us |to you )*"
    r"(?:[\w\s,']{0,15})?\bguarantee",
    r"\bi (?:can )?(?:personally )?guarantee (?:you )?(?:it|that|this|there|nothing|no)\b",
)


# "Nobody can promise you that", "I can't guarantee it": a promise turned down.
_PROMISE = re.compile(r"\b(?:promise[ds]?|guarantee[ds]?)\b")


def _clauses(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[.;!?]|\bbut\b", text) if part.strip()]


def _affirmed(pattern: re.Pattern[str], clause: str) -> re.Match[str] | None:
    """The first match of `pattern` in `clause` that no negation just before it takes back."""
    for found in pattern.finditer(clause):
        if not _NEGATION.search(clause[: found.start()]) and not refused_after(
            clause[found.end() :]
        ):
            return found
    return None


def policy_gives_free(clause: str) -> bool:
    """Whether `clause` names what the policy gives free (pick-up, porting, firmware...)."""
    return _LEGITIMATELY_FREE.search(clause.lower()) is not None


def clauses_offering_free(typed: str) -> list[str]:
    """The clauses of `typed` that give something free and take none of it back."""
    text = spell_numbers(typed).lower()
    return [clause for clause in _clauses(text) if _affirmed(_FREE, clause)]


def unauthorised_offer(typed: str, catalogue: Catalogue | None) -> str | None:
    """Why `typed` offers what the policy does not allow, in plain words; None if it doesn't."""
    text = spell_numbers(typed)
    allowed_percents = {tier.percent for tier in catalogue.volume_discounts} if catalogue else set()
    terms = catalogue.deferred_payment if catalogue else ()
    longest_terms = max((term.days for term in terms), default=0)
    free_days = max((term.days for term in terms if term.surcharge_percent == 0), default=0)
    for clause in _clauses(text):
        found = _affirmed(_PERCENT_OFF, clause)
        if found:
            percent = float(next(group for group in found.groups() if group))
            if percent not in allowed_percents:
                return f"offered {percent:g}% off, which is not in the volume discount table"
            if _ON_TOP.search(clause):
                return f"offered {percent:g}% off on top of the volume discount table"
        if _affirmed(_PRICE_CUT, clause):
            return "offered to cut the price, which an account manager may not do"
        found = _affirmed(_FREE, clause)
        if found and not _LEGITIMATELY_FREE.search(clause):
            return f"offered something for free ('{found.group(0)}') that the policy does not give"
        found = _affirmed(_WAIVE, clause)
        conditional = found is not None and _NO_SURCHARGE.fullmatch(found.group(0)) is not None
        if found and (not conditional or _beyond(clause, found, free_days)):
            return "offered to waive the deferred-payment surcharge, which applies to every client"
        for days in (int(value) for value in _DAYS.findall(clause)):
            if longest_terms and days > longest_terms and _TERMS.search(clause):
                return (
                    f"offered {days}-day payment terms; the longest the policy allows is "
                    f"{longest_terms}"
                )
        if _affirmed(_REFUND, clause) and not _REFUND_BY_POLICY.search(clause):
            return "offered a refund that the returns policy does not allow"
        if _affirmed(_GUARANTEE, clause):
            return (
                "gave a guarantee nobody can keep; the contract's service level is what we promise"
            )
    return None


def states_breach(typed: str, wordings: Sequence[str], catalogue: Catalogue | None) -> bool | None:
    """Whether `typed` says in its own words the breach that a reply's `wordings` make.

    True for an offer the policy does not allow found in it, or one of the figures the reply
    names (a price, a number of days: a concession is in its figures); False for a line that
    turns an offer down ("nobody can promise you zero outages", "I can't waive it"); None when
    it does neither, and only its closeness to the reply can tell.
    """
    if unauthorised_offer(typed, catalogue) is not None:
        return True
    if refuses_offer(typed):
        return False
    said = normalise(typed).split()
    figures = {word for text in wordings for word in normalise(text).split() if is_number(word)}
    return True if not figures.isdisjoint(said) else None


def makes_same_offer(typed: str, wordings: Sequence[str], catalogue: Catalogue | None) -> bool:
    """Whether `typed` makes the very offer one of a reply's `wordings` makes, said plainly.

    The same kind of offer ("I can match 78" and "I can match Vexa's 78 a seat") naming no
    figure the wording does not: "12% off" is not the reply's "seven percent off". Said in a
    clause, by someone: "match 78" alone is a keyword.
    """
    said = " ".join(_offering(typed))
    offered = unauthorised_offer(said, catalogue)
    if offered is None or not is_clause(normalise(said).split()):  # someone offers: "I can"
        return False
    figures = {word for word in normalise(said).split() if is_number(word)}
    for wording in wordings:
        theirs = unauthorised_offer(wording, catalogue)
        named = {word for word in normalise(wording).split() if is_number(word)}
        if theirs is not None and _kind(theirs) == _kind(offered) and figures <= named:
            return True
    return False


_SENTENCE = re.compile(r"[^.!?]+[.!?]*")


def _offering(typed: str) -> list[str]:
    """The sentences of `typed` that may make an offer: not a question put to someone else.

    "Can you match Vexa's 78?" asks, where "can I match it for you?" and "I can match 78" offer.
    """
    kept = []
    for sentence in _SENTENCE.findall(typed):
        words = normalise(sentence).split()
        asked = sentence.rstrip().endswith("?") and words[:1] and words[0] in AUXILIARIES
        if not asked or words[1:2] in (["i"], ["we"]):
            kept.append(sentence)
    return kept


def _kind(reason: str) -> str:
    """The kind of offer a reason names, its figures left out."""
    return re.sub(r"\d+(?:\.\d+)?", "#", reason.split("(")[0])


def refuses_offer(typed: str) -> bool:
    """Whether `typed` turns down an offer it names ("I can't waive the fee", "nobody can
    promise zero outages"): such a line is never the reply that makes the offer."""
    text = spell_numbers(typed)
    for clause in _clauses(text):
        for pattern in (_PERCENT_OFF, _PRICE_CUT, _FREE, _WAIVE, _GUARANTEE, _PROMISE):
            for found in pattern.finditer(clause):
                # a negation reaches no further back than the comma before the cue
                before = REASSURANCE.sub(",", clause[: found.start()]).rsplit(",", 1)[-1]
                if _NEGATION.search(before) or refused_after(clause[found.end() :]):
                    return True
    return False


def _beyond(clause: str, found: re.Match[str], free_days: int) -> bool:
    """Whether the terms named next to "no surcharge" are longer than those that carry none."""
    before = _DAYS.findall(clause[max(0, found.start() - 25) : found.start()])
    after = _DAYS.findall(clause[found.end() : found.end() + 25])
    nearest = before[-1:] or after[:1]
    return bool(nearest) and int(nearest[0]) > free_days
