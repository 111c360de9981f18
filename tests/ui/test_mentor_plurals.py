"""A mentor's screens count one of a thing in the singular: "1 trainee", "1 attempt"."""

from __future__ import annotations

from datetime import UTC, datetime

from textual.widgets import Static

from tests.ui.mentor_team import (  # noqa: F401 (fixtures: pytest finds them by name)
    MENTOR,
    PASSPHRASE,
    SIZE,
    build,
    cheap_mentor_hashing,
    play,
    programme_content,
    settle,
    shown,
    sign_in_as_mentor,
)
from trainer.content.content_set import ContentSet
from trainer.store.database import Store
from trainer.store.mentors import add_mentor
from trainer.store.trainees import add_trainee
from trainer.ui.screens.mentor_analytics import MentorAnalyticsScreen
from trainer.ui.wording import plural


def test_plural_counts_one_in_the_singular() -> None:
    assert [plural(n, "trainee") for n in (0, 1, 2)] == ["0 trainees", "1 trainee", "2 trainees"]
    assert plural(1, "reply", "replies") == "1 reply" and plural(3, "reply", "replies") == (
        "3 replies"
    )


async def test_one_trainee_with_one_attempt_reads_in_the_singular(
    programme_content: ContentSet, store: Store
) -> None:
    add_mentor(store, MENTOR, PASSPHRASE)
    ann = add_trainee(store, "Ann Lee").id
    play(store, programme_content, ann, ["intro", "ask", "meet"], started=datetime.now(UTC))
    app = build(programme_content, store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await sign_in_as_mentor(pilot)
        status = " ".join(shown(screen.query_one("#trainees-status", Static)).split())
        assert status.startswith("1 trainee · 0 flagged"), status
        await pilot.press("a")
        await settle(pilot)
        analytics = app.screen
        assert isinstance(analytics, MentorAnalyticsScreen)
        scenario = " ".join(shown(analytics.query_one("#scenario-first_call", Static)).split())
        assert "1 attempt: 1 completed, 0 abandoned" in scenario, scenario
