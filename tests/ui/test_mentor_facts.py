"""The mentor's transcript: the facts a typed turn stated, any wrong fact and any breach."""

from __future__ import annotations

from trainer.content.loader import load_content
from trainer.content.paths import bundled_content_dir
from trainer.engine import facts
from trainer.ui.widgets.mentor_text import facts_text


def test_the_mentor_reads_the_facts_found_the_wrong_fact_and_the_breach() -> None:
    bundled = load_content(bundled_content_dir())
    checked = facts.check(
        "Then take two S8P switches, 410 euros each, and a third one for free",
        "Then two S24P switches would do it, 410 euros each.",
        bundled.catalogue,
    )
    shown = facts_text(checked.as_dict())
    assert shown is not None
    text = shown.plain
    assert "products S8P" in text and "amounts 410" in text
    assert "wrong fact: you said S8P: the reply that fits is the S24P" in text
    assert "breach: offered goods or service for free" in text


def test_a_picked_reply_shows_no_facts_line() -> None:
    assert facts_text(None) is None
    assert facts_text({"found": {}}) is None
