"""What a client heard: lines that ask what they were told, or echo what they were not.

A client never answers a reply it did not hear: a receptionist told "Alex from Northline" does
not ask "who's calling?", and a client offered a survey does not say "Our contract?". The
session says a variant of a line that does not ask what its speaker was told (`unasked`), and
`trainer validate` warns of a line whose every variant asks what a call can have told its
speaker on the way there (`asked_again`), and of a line that opens by echoing words a reply
leading to it never said (`echoes_unheard`).
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Mapping, Set

from trainer.content.persona import Persona
from trainer.content.problems import Problem, Severity
from trainer.content.scenario.model import Node, Reply, Scenario
from trainer.errors import Location

NAME, COMPANY = "name", "company"
# (speaker, what they were told): the speaker is a node's cast role, None for the client.
Told = frozenset[tuple[str | None, str]]

_ASKS = {
    NAME: re.compile(
        r"\bwho(?:\s+exactly)?(?:'s|\s+is)\s+(?:\w+\s+)?(?:calling|this|speaking|it)\b|\bwho\s+are\s+you\b|"
        r"\byour name\b|\band you are\b|\bwho am i (?:speaking|talking) (?:to|with)\b|"
        r"\bwho did you say\b",
        re.I,
    ),
    COMPANY: re.compile(
        r"\b(?:which|what) company\b|\bwhere (?:are you|is this) calling from\b|"
        r"\bcalling from where\b",
        re.I,
    ),
}
_WHAT = {NAME: "the trainee's name", COMPANY: "the company"}
_GREETING = re.compile(r"\W*(?:hi|hello|hey|good (?:morning|afternoon|evening)|it'?s)\b", re.I)
_TYPED = "typed with it (another reply at that step gives it, so a trainee can say it there)"


def asks(line: str) -> frozenset[str]:
    """What a client line asks the caller for: their name, their company."""
    return frozenset(item for item, pattern in _ASKS.items() if pattern.search(line))


def gives(reply: Reply) -> frozenset[str]:
    """What an authored reply tells the client: the trainee's name, the company."""
    given = set()
    if "{trainee}" in reply.text or "introduction" in reply.tags:
        given.add(NAME)
    if "{our_company}" in reply.text:
        given.add(COMPANY)
    return frozenset(given)


def named(words: str, values: Mapping[str, str], introduces: bool) -> frozenset[str]:
    """What typed `words` tell the client: the trainee's name when they introduce themselves
    or say it, the company when they name it; `values` are the call's placeholder values."""
    said = {NAME} if introduces else set()
    for item, key in ((NAME, "trainee"), (COMPANY, "our_company")):
        first = values.get(key, "").split()[:1]
        known = first and not first[0].startswith("(")  # "(your name)" when none was given
        if known and re.search(rf"\b{re.escape(first[0])}\b", words, re.I):
            said.add(item)
    return frozenset(said)


def unasked(
    lines: tuple[str, ...], told: Set[tuple[str | None, str]], speaker: str | None
) -> tuple[str, ...]:
    """The variants of a line that ask `speaker` nothing they were told; all of them when
    every one does (`trainer validate` warns of those)."""
    known = {item for who, item in told if who == speaker}
    if not known:
        return lines
    return tuple(line for line in lines if not asks(line) & known) or lines


def asked_again(scenario: Scenario, personas: Mapping[str, Persona] | None = None) -> list[Problem]:
    """A warning per node whose every line asks what a call can have told its speaker on the
    way there (every reply taken as written or typed with what its step offers, guards
    aside), naming a reply that told it. A node that raises an objection says the client
    persona's lines for it: each of `personas` playing the scenario is checked."""
    said = {
        node_id: _said_at(scenario, node, personas or {})
        for node_id, node in scenario.nodes.items()
    }
    # Only what some line asks in every variant can be warned of: the rest is not followed.
    asked = {
        (node.speaker, item)
        for node_id, node in scenario.nodes.items()
        for lines in said[node_id]
        if lines
        for item in frozenset.intersection(*(asks(line) for line in lines))
    }
    if not asked:
        return []
    start: Told = frozenset()
    seen = {(scenario.start, start)}
    queue = deque(seen)
    teller: dict[tuple[str | None, str], str] = {}
    # A reply that tells the speaker and leads straight to the node is the one to name; one
    # that tells it authored wins over one that a trainee can type it into.
    direct: dict[tuple[str, str | None, str], str] = {}
    authored: set[tuple[str, str]] = set()
    for node in scenario.nodes.values():
        for reply in node.replies:
            authored |= {(reply.key, item) for item in gives(reply)}
            for item in _told_by(reply, node.replies):
                arrival = (reply.target, node.speaker, item)
                if arrival not in direct or item in gives(reply):
                    direct[arrival] = reply.key
    problems: list[Problem] = []
    warned: set[tuple[str, str]] = set()
    while queue:
        node_id, told = queue.popleft()
        node = scenario.nodes[node_id]
        for item in sorted(
            {i for lines in said[node_id] for i in _asked_of(lines, told, node.speaker)}
        ):
            if (node_id, item) in warned:
                continue
            warned.add((node_id, item))
            where = node.location or scenario.location or Location(scenario.path)
            by = direct.get((node_id, node.speaker, item)) or teller[(node.speaker, item)]
            how = "gave it" if (by, item) in authored else _TYPED
            problems.append(
                Problem(
                    where,
                    f"every line of node '{node_id}' asks for {_WHAT[item]}, but a call can "
                    f"get there after reply '{by}' {how}: add a "
                    "variant that does not ask (it is said once the speaker was told), or "
                    "reword the line",
                    Severity.WARNING,
                )
            )
        for reply in node.replies:
            if reply.target not in scenario.nodes:
                continue
            new = {(node.speaker, item) for item in _told_by(reply, node.replies)} & asked
            for key in new:
                teller.setdefault(key, reply.key)
            following = (reply.target, told | new)
            if following not in seen:
                seen.add(following)
                queue.append(following)
    return problems


def _said_at(
    scenario: Scenario, node: Node, personas: Mapping[str, Persona]
) -> list[tuple[str, ...]]:
    """The sets of lines `node` can open with: its own, or each client's for its objection."""
    if node.lines or not node.raises:
        return [node.lines]
    return [
        personas[persona].objections.get(node.raises, ())
        for persona in scenario.personas
        if persona in personas
    ]


def _told_by(reply: Reply, offered: Iterable[Reply]) -> frozenset[str]:
    """What `reply` can tell its node's speaker: what it gives as written and, typed, what
    another reply on offer at the same step gives when it opens with a greeting (at a step
    where one reply introduces the trainee, "Hi, how are you?" is typed with a name)."""
    if not _GREETING.match(reply.text):
        return gives(reply)
    return gives(reply).union(*(gives(other) for other in offered))


def _asked_of(lines: Iterable[str], told: Told, speaker: str | None) -> list[str]:
    """What every one of `lines` asks that `speaker` was told."""
    known = {item for who, item in told if who == speaker}
    lines = list(lines)
    if not known or not lines:
        return []
    return [item for item in sorted(known) if all(item in asks(line) for line in lines)]


# An opening echo: "Our contract? We're not your clients." — up to three words before a "?".
_ECHO = re.compile(r"^\W*([^.?!,;:\"]{1,40})\?")
# Words an echo shares with any line (grammar, surprise, numbers, which facts.py checks).
_PLAIN_WORDS = """a an the you your our my me i we it its is are was to of in on for and or but so
    then that this with at by as be do did does who what why how when where which really
    seriously serious sorry pardon sure yes no not oh eh hm hmm right okay ok well fine good great
    wait one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty
    forty fifty sixty hundred thousand half percent euro euros"""
_NOT_ECHOED = frozenset(_PLAIN_WORDS.split())


def echoed(line: str) -> list[str]:
    """The words a line's opening echo repeats from what it answers ("Our contract?" ->
    contract); none when it does not open with a short question."""
    found = _ECHO.match(line)
    if not found:
        return []
    words = re.findall(r"[A-Za-z][A-Za-z'-]*", found.group(1))
    if len(words) > 3:
        return []
    return [w for w in words if len(w) > 2 and w.lower() not in _NOT_ECHOED]


def _says(text: str, word: str) -> bool:
    """Whether `text` has `word` or a word of its family (payment, pay; phones, phone)."""
    word = word.lower()
    for said in re.findall(r"[a-z][a-z'-]*", text.lower()):
        common = min(4, len(word), len(said))
        if len(said) > 2 and said[:common] == word[:common]:
            return True
    return False


def echoes_unheard(scenario: Scenario) -> list[Problem]:
    """A warning per line variant that opens by echoing a word some reply leading to its node
    does not say: the client would be answering a line they did not hear."""
    incoming: dict[str, list[Reply]] = {}
    for node in scenario.nodes.values():
        for reply in node.replies:
            incoming.setdefault(reply.target, []).append(reply)
    problems: list[Problem] = []
    for node_id, node in scenario.nodes.items():
        for line in node.lines:
            words = echoed(line)
            for reply in incoming.get(node_id, []) if words else []:
                missing = [w for w in words if not _says(reply.text, w)]
                if not missing:
                    continue
                where = node.location or scenario.location or Location(scenario.path)
                opening = _ECHO.match(line).group(0).strip()  # type: ignore[union-attr]
                problems.append(
                    Problem(
                        where,
                        f"node '{node_id}' opens with \"{opening}\", but reply "
                        f"'{reply.key}' that leads there never says "
                        f"{', '.join(repr(w) for w in missing)}: the client would answer a line "
                        "they did not hear; reword the line so it fits every reply that leads "
                        "there",
                        Severity.WARNING,
                    )
                )
    return problems
