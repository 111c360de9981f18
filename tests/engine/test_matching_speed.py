"""The matcher reads a node's replies once and scores a typed line in one pass: same answers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from rapidfuzz import fuzz

from trainer.content.loader import load_content
from trainer.content.scenario.model import Reply
from trainer.engine import embedding, matching
from trainer.engine.session import Session

ROOT = Path(__file__).resolve().parents[2]


def _reply(reply_id: str, text: str, number: int, **extra: object) -> Reply:
    return Reply(id=reply_id, number=number, node="n", text=text, target="t", **extra)  # type: ignore[arg-type]


def _alignment(
    typed: str, candidate: str, others: list[list[str]] | None = None
) -> tuple[float, float, float]:
    """The word-by-word F-measure, written the plain way: one candidate, loops and all.

    `others` are the other replies' candidates at the node: a word of the candidate that each
    of them says too (as close as COMMON), at a node of COMMON_REPLIES replies or more, weighs
    COMMON_WEIGHT as much."""
    from trainer.engine import contrast

    model = embedding.load()
    typed_vectors, typed_weights = model.words(typed)
    vectors, weights = model.words(candidate)
    if others is not None and len(others) + 1 >= contrast.COMMON_REPLIES:
        weights = weights.copy()
        for at, vector in enumerate(vectors):
            if all(
                any(
                    float((model.words(text)[0] @ vector).max(initial=-1.0)) >= contrast.COMMON
                    for text in reply
                )
                for reply in others
            ):
                weights[at] *= contrast.COMMON_WEIGHT
    if not typed_weights.size or not weights.size:
        return 0.0, 0.0, 0.0
    closeness = typed_vectors @ vectors.T
    precision = float(closeness.max(axis=1) @ typed_weights) / float(typed_weights.sum())
    recall = float(closeness.max(axis=0) @ weights) / float(weights.sum())
    if precision <= 0 or recall <= 0:
        return 0.0, precision, recall
    return 5 * precision * recall / (4 * precision + recall), precision, recall


def _reference(typed: str, replies: list[Reply]) -> dict[str, float]:
    """Each reply's confidence as the matcher defines it, computed reply by reply."""
    said = matching.normalise(typed)
    confidences = {}
    node = [[matching.normalise(c) for c in (r.text, *r.examples)] for r in replies]
    for reply, candidates in zip(replies, node, strict=True):
        others = [other for other in node if other is not candidates]
        spelling = max(fuzz.token_sort_ratio(said, c) for c in candidates)
        meaning = max(_alignment(said, c, others)[0] for c in candidates)
        score = 0.7 * (100 * meaning / 0.5) + 0.3 * spelling
        if reply.keywords and score > 0:
            found = sum(
                1 for keyword in reply.keywords if f" {matching.normalise(keyword)} " in f" {said} "
            )
            score += matching.KEYWORD_BONUS * found / len(reply.keywords)
        confidences[reply.id] = round(min(100.0, max(0.0, score)), 1)
    return confidences


REPLIES = [
    _reply(
        "budget",
        "What budget do you have for the new wing?",
        1,
        examples=("how much can you spend on it?", "?!", "what's the budget, roughly"),
        keywords=("budget",),
    ),
    _reply("network", "Do the switches in the wing supply PoE to the phones?", 2),
    _reply("empty_example", "Shall I send you the quote today?", 3, examples=("...",)),
    _reply("same_words", "Do the phones in the wing need PoE from the switches?", 4),
]


@pytest.mark.parametrize(
    "typed",
    [
        "how much money is there for the wing",
        "does the wing have poe switches for phones",
        "shall i e-mail the quote over today",
        "what's the budget",
        "...",
        "phones phones phones",
    ],
)
def test_one_pass_over_the_node_gives_each_reply_the_confidence_of_a_reply_by_reply_reading(
    typed: str,
) -> None:
    assert matching.warm_up()
    ranked = matching.rank(typed, REPLIES, [r.text for r in REPLIES])
    expected = _reference(typed, REPLIES)
    assert {m.reply.id: m.confidence for m in ranked} == pytest.approx(expected, abs=0.11)
    scores = [m.confidence for m in ranked]
    assert scores == sorted(scores, reverse=True)


def test_a_node_is_read_once_however_many_lines_are_typed_there() -> None:
    content = load_content(ROOT)
    scenario = content.scenario("final_exam_close_deal")
    replies = list(scenario.nodes["price_obj"].replies)
    texts = [Session(content, scenario).render(r.text) for r in replies]
    matching._index.cache_clear()
    for line in ("vexa charges for recording", "i can match 78", "our quality is better"):
        matching.understand(line, replies, texts, threshold=70, exam=True)
    info = matching._index.cache_info()
    assert (info.misses, info.hits) == (1, 2)


def test_embedding_asks_for_one_blas_thread_unless_the_caller_chose() -> None:
    code = (
        "import os\n"
        "from trainer.engine import embedding\n"
        "print(os.environ.get('OPENBLAS_NUM_THREADS'))\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.endswith("_NUM_THREADS")}
    chosen = {**env, "OPENBLAS_NUM_THREADS": "2"}
    for environment, expected in ((env, "1"), (chosen, "2")):
        result = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            env=environment,
            check=True,
            timeout=60,
        )
        assert result.stdout.strip() == expected


def test_a_reply_with_only_punctuation_for_an_example_is_still_matched_by_its_text() -> None:
    heard = matching.understand(
        "could I send over the quote to you today?",
        REPLIES,
        [r.text for r in REPLIES],
        threshold=60,
    )
    assert heard.best is not None and heard.best.reply.id == "empty_example"
    assert np.isfinite(heard.confidence)


# -- several options at once -------------------------------------------------------------------


def _nodes_with_choices() -> list[tuple[Session, list[Reply], list[str]]]:
    content = load_content(ROOT)
    found = []
    for scenario in content.scenarios.values():
        session = Session(content, scenario)
        for node in scenario.nodes.values():
            if len(node.replies) >= 2:
                replies = list(node.replies)
                found.append((session, replies, [session.render(r.text) for r in replies]))
    return found


def test_every_option_pasted_in_one_line_earns_no_reply_at_any_bundled_node() -> None:
    nodes = _nodes_with_choices()
    assert len(nodes) > 100
    for session, replies, texts in nodes:
        for pasted in (" ".join(texts), "\n".join(reversed(texts)), " / ".join(texts)):
            heard = matching.understand(
                pasted, replies, texts, threshold=session.scenario.match_threshold
            )
            assert heard.best is None, (session.scenario.id, replies[0].node)


def test_two_options_strung_together_are_not_taken_as_either() -> None:
    replies = [
        _reply("ask", "How many agents will take calls at the new site?", 1),
        _reply("offer", "I can send you a quote for sixty Cloud PBX seats today.", 2),
        _reply("visit", "Could we meet at your office on Tuesday to walk the floor?", 3),
    ]
    texts = [r.text for r in replies]
    for first, second in ((0, 1), (1, 2), (2, 0)):
        both = f"{texts[first]} {texts[second].lower()}"
        assert matching.understand(both, replies, texts, threshold=60).best is None, both
    # either one alone, in other words, is still understood
    for typed, expected in (
        ("how many people will be answering the phones at the new place?", "ask"),
        ("shall I get a quote for 60 cloud seats over to you today?", "offer"),
    ):
        heard = matching.understand(typed, replies, texts, threshold=60)
        assert heard.best is not None and heard.best.reply.id == expected, typed


def test_a_session_gives_no_points_for_pasting_every_option() -> None:
    content = load_content(ROOT)
    session = Session(content, content.scenario("out_of_stock_urgent"))
    session.jump("rooms")
    before = dict(session.earned)
    session.say(" ".join(option.text for option in session.options()))
    assert session.state == "rooms"
    assert dict(session.earned) == before
