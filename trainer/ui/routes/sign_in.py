"""The routes of signing in and out: they need only the database, never the content."""

from __future__ import annotations

from typing import TYPE_CHECKING

from trainer.ui import messages
from trainer.ui.routes import screens

if TYPE_CHECKING:
    from trainer.ui.routes.router import Router


def signed_out(router: Router, _: messages.SignedOut) -> None:
    """Forget the trainee and show the list of names again."""
    if router.trainee is None:
        return
    router.trainee = None
    router.back_to_home()
    router.app.switch_screen(screens.SIGN_IN.load()(router.store))


def mentor_sign_in(router: Router, _: messages.MentorSignInRequested) -> None:
    """The mentor's passphrase, over the trainee sign-in."""
    router.app.push_screen(screens.MENTOR_SIGN_IN.load()(router.store))


def mentor_signed_out(router: Router, _: messages.MentorSignedOut) -> None:
    """Close every mentor screen and forget the mentor: back to the trainee sign-in."""
    router.mentor = None
    app = router.app
    sign_in = screens.SIGN_IN
    while len(app.screen_stack) > 1 and not sign_in.shows(app.screen):
        app.pop_screen()
    if not sign_in.shows(app.screen):
        app.push_screen(sign_in.load()(router.store))
