"""Engine: a word every reply at a node says chooses none of them."""

from __future__ import annotations

from trainer.content.content_set import ContentSet
from trainer.engine import contrast, embedding
from trainer.engine.words import normalise

from .heard import at, hear


def test_the_words_every_reply_says_are_found_and_only_they() -> None:
    import numpy as np

    texts = [
        "What budget do you have for the wing?",
        "Do the switches in the wing supply PoE?",
        "Is there anything else you need for the wing?",
        "Who uses the phones most in the wing?",
    ]
    vectors = [embedding.load().words(normalise(text))[0] for text in texts]
    distinct, word_of = np.unique(np.concatenate(vectors), axis=0, return_inverse=True)
    spans = [(i, i + 1) for i in range(len(texts))]
    said = contrast.common(spans, distinct, word_of.reshape(-1), [v.shape[0] for v in vectors])
    words = [w for text in texts for w in normalise(text).split()]
    assert {w for w, s in zip(words, said, strict=True) if s} >= {"wing"}
    assert not {w for w, s in zip(words, said, strict=True) if s} & {"budget", "switches", "phones"}
    # three replies are too few to call a word common
    assert not contrast.common(
        spans[:3],
        distinct,
        word_of.reshape(-1)[: sum(v.shape[0] for v in vectors[:3])],
        [v.shape[0] for v in vectors[:3]],
    ).any()


def test_a_question_that_shares_only_the_node_s_subject_is_not_a_reply(
    bundled: ContentSet,
) -> None:
    # every reply at the wing's questions is about the wing: "the wing" points to none of them
    session = at(bundled, "upsell_volume_deferred", "wing_questions")
    assert hear(session, "who picks up the phones on the wing?", critical=True).best is None
    heard = hear(session, "how much money have you got for the new wing?", critical=True).best
    assert heard is not None and heard.reply.id == "ask_budget"
