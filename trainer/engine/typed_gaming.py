"""Can a call be passed by typing without judgement? Play typed strategies and measure.

The companion of `gameability` for typed words: a trainee who never reads the client could type
the client's own last line back, every reply's key words in one line, the longest reply with its
claim turned round, or one polished line at every turn. None of them listens, so none may pass a
practice call or the exam. Each strategy plays the scenario against every persona it lists,
over a few seeds, and reports the calls it passed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from trainer.content.content_set import ContentSet
from trainer.content.scenario.model import Scenario
from trainer.engine.polarity import weighty
from trainer.engine.session import Option, Session
from trainer.engine.turns import Mode, Speaker
from trainer.engine.words import is_number, normalise
from trainer.errors import TrainerError

SEEDS = range(1, 4)  # the client's lines vary by seed; typed words ignore the reply order
# What a polished all-purpose line says: a trainee who types it at every turn listens to nobody.
ALL_PURPOSE = (
    "I understand. Could I come by for twenty minutes next week, with you and whoever signs, "
    "and bring a concrete plan?"
)

Strategy = Callable[[Session, Sequence[Option]], str]


def _echo(session: Session, options: Sequence[Option]) -> str:
    """The client's last line, typed back."""
    said = [turn.text for turn in session.turns if turn.speaker is Speaker.CLIENT]
    return said[-1] if said else ALL_PURPOSE


def _key_words(session: Session, options: Sequence[Option]) -> str:
    """Every reply's weighty words, each once, in one line."""
    words: dict[str, None] = {}
    for option in options:
        for word in normalise(option.text).split():
            if weighty(word) and not is_number(word) and len(word) > 3:
                words.setdefault(word)
    return " ".join(words) or ALL_PURPOSE


# The first verb a claim rests on, and the same verb turned round.
_TURNED = (
    (re.compile(r"\b(I|we|you|it|they|that)'ll\b", re.I), r"\1 won't"),
    (re.compile(r"\b(I|we|you|it|they|that) will\b", re.I), r"\1 won't"),
    (re.compile(r"\b(I|we|you|it|they|that)'d\b", re.I), r"\1 wouldn't"),
    (re.compile(r"\bcan\b", re.I), "can't"),
    (re.compile(r"\b(is|are|was|were)\b", re.I), r"\1 not"),
    (re.compile(r"\b(I|we|you|they) (have|need|want|get|do)\b", re.I), r"\1 don't \2"),
)


def _negated_longest(session: Session, options: Sequence[Option]) -> str:
    """The longest reply on offer with its first claim turned round ("we'll" to "we won't")."""
    text = max((option.text for option in options), key=len)
    for pattern, turned in _TURNED:
        changed, count = pattern.subn(turned, text, count=1)
        if count:
            return changed
    return f"No. {text}"


def _same_line(session: Session, options: Sequence[Option]) -> str:
    return ALL_PURPOSE


STRATEGIES: dict[str, Strategy] = {
    "echo": _echo,
    "key-words": _key_words,
    "negated-longest": _negated_longest,
    "same-line": _same_line,
}
STRATEGY_WORDS = {
    "echo": "typing the client's last line back",
    "key-words": "typing every reply's key words in one line",
    "negated-longest": "typing the longest reply with its claim turned round",
    "same-line": "typing the same polished line at every turn",
}


@dataclass(frozen=True, slots=True)
class StrategyResult:
    strategy: str
    mode: Mode
    calls: int
    passed: int  # calls that ended passed: none may


def play(
    content: ContentSet,
    scenario: Scenario,
    persona: str,
    seed: int,
    strategy: Strategy,
    mode: Mode = Mode.PRACTICE,
) -> bool:
    """Whether one call typed by `strategy` from start to end passed."""
    session = Session(content, scenario, content.persona(persona), seed=seed, mode=mode)
    try:
        for _ in range(4 * len(scenario.nodes) + 10):
            options = session.options()
            if session.ended or not options:
                break
            session.say(strategy(session, options))
        return session.ended and session.score().passed
    except TrainerError:
        return False  # a line the engine refuses is a failed call, not a crash
    finally:
        session.close()


def analyse(
    content: ContentSet, scenario: Scenario, seeds: Iterable[int] = SEEDS
) -> tuple[StrategyResult, ...]:
    """Every typed strategy over every persona and seed, in practice and, for an exam, the exam."""
    modes = (Mode.PRACTICE, Mode.EXAM) if scenario.exam else (Mode.PRACTICE,)
    results = []
    for mode in modes:
        for name, strategy in STRATEGIES.items():
            calls = passed = 0
            for seed in seeds:
                for persona in scenario.personas:
                    calls += 1
                    passed += play(content, scenario, persona, seed, strategy, mode)
            results.append(StrategyResult(name, mode, calls, passed))
    return tuple(results)
