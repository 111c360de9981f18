"""The routes of the mentor's review: the trainees table and the screens opened on top of it.

Every one is built with the mentor the router holds, whom only a checked passphrase sets: an
intent served with no mentor signed in opens nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from trainer.ui import messages
from trainer.ui.routes import screens
from trainer.ui.screens.mentor_base import MentorScreen

if TYPE_CHECKING:
    from trainer.ui.routes.router import Router


def signed_in(router: Router, intent: messages.MentorSignedIn) -> None:
    """The trainees table, in place of the mentor sign-in."""
    router.mentor = intent.mentor
    table = screens.MENTOR_TRAINEES.load()
    router.app.switch_screen(table(router.content, router.store, intent.mentor))


def trainees(router: Router, _: messages.MentorTraineesRequested | None = None) -> None:
    """Back to the trainees table, closing the mentor screens above it."""
    app = router.app
    while len(app.screen_stack) > 1 and not screens.MENTOR_TRAINEES.shows(app.screen):
        if not isinstance(app.screen, MentorScreen):
            break  # never close anything that is not the mentor's
        app.pop_screen()


def open_trainee(router: Router, intent: messages.MentorTraineeRequested) -> None:
    """One trainee's attempts and progress, on top of the trainees table."""
    if router.mentor is None:
        return
    trainees(router)
    screen = screens.MENTOR_TRAINEE.load()
    router.app.push_screen(
        screen(router.content, router.store, router.mentor, intent.trainee_id, intent.name)
    )


def open_transcript(router: Router, intent: messages.MentorTranscriptRequested) -> None:
    """An attempt turn by turn, to comment on it, override it or export it."""
    if router.mentor is None:
        return
    screen = screens.MENTOR_TRANSCRIPT.load()
    router.app.push_screen(screen(router.content, router.store, router.mentor, intent.attempt_id))


def open_comparison(router: Router, intent: messages.MentorComparisonRequested) -> None:
    """Two attempts of the same scenario side by side."""
    if router.mentor is None:
        return
    screen = screens.MENTOR_COMPARE.load()
    router.app.push_screen(
        screen(router.content, router.store, router.mentor, intent.attempt_a, intent.attempt_b)
    )


def analytics(router: Router, _: messages.MentorAnalyticsRequested) -> None:
    """The team's analytics, on top of the trainees table."""
    if router.mentor is None:
        return
    trainees(router)
    screen = screens.MENTOR_ANALYTICS.load()
    router.app.push_screen(screen(router.content, router.store, router.mentor))


def open_criteria(router: Router, intent: messages.MentorCriteriaRequested) -> None:
    """A trainee's work under guidance: the seven criteria, targets and readiness sign-off."""
    if router.mentor is None:
        return
    screen = screens.MENTOR_CRITERIA.load()
    router.app.push_screen(
        screen(router.content, router.store, router.mentor, intent.trainee_id, intent.name)
    )
