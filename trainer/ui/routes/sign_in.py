"""The routes of signing in and out: they need only the database, never the content."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from trainer.ui import messages
from trainer.ui.routes import screens

if TYPE_CHECKING:
    from textual.screen import Screen

    from trainer.ui.routes.router import Router
    from trainer.ui.screens.served_sign_in import ServedSignInScreen
    from trainer.ui.screens.sign_in import SignInScreen


def sign_in_screen(router: Router) -> Screen[None]:
    """The trainees' sign-in: typed name and PIN when served in a browser, else the list."""
    if router.served:
        return screens.SERVED_SIGN_IN.load()(router.store)
    return screens.SIGN_IN.load()(router.store)


def shows_sign_in(screen: Screen[Any]) -> bool:
    """Whether `screen` is the trainees' sign-in, either kind."""
    return screens.SIGN_IN.shows(screen) or screens.SERVED_SIGN_IN.shows(screen)


def signed_out(router: Router, _: messages.SignedOut) -> None:
    """Forget the trainee and show the sign-in under home again, as it first showed."""
    if router.trainee is None:
        return
    router.trainee = None
    router.back_to_home()
    app = router.app
    app.pop_screen()  # home
    if shows_sign_in(app.screen):
        cast("SignInScreen | ServedSignInScreen", app.screen).reload()
    else:
        app.switch_screen(sign_in_screen(router))


def mentor_sign_in(router: Router, _: messages.MentorSignInRequested) -> None:
    """The mentor's passphrase, over the trainee sign-in."""
    router.app.push_screen(screens.MENTOR_SIGN_IN.load()(router.store, served=router.served))


def mentor_signed_out(router: Router, _: messages.MentorSignedOut) -> None:
    """Close every mentor screen and forget the mentor: back to the trainee sign-in."""
    router.mentor = None
    app = router.app
    while len(app.screen_stack) > 1 and not shows_sign_in(app.screen):
        app.pop_screen()
    if not shows_sign_in(app.screen):
        app.push_screen(sign_in_screen(router))
