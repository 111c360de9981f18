"""The app's one router: every intent a screen posts is looked up in `ROUTES` and served there.

Trainee and mentor alike: a screen posts an intent (`trainer.ui.messages`), the app hands every
intent to `Router.serve`, and the table names the handler that opens what comes next. Handlers
are `module:function` paths and screens are `Lazy` loaders (`routes.screens`), so a route's
module and a screen's module are imported the first time they are needed: the sign-in shows
with neither the content nor the engine loaded, and a trainee who never calls never loads the
call screen. Intents that need the content wait for it while their screen shows it is busy;
signing in does not: home shows the trainee's records at once and fills in its lists when the
content arrives, however long a first read of a large library takes.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final, cast

from textual.app import App
from textual.screen import Screen

from trainer.ui import messages
from trainer.ui.routes import screens
from trainer.ui.routes.lazy import resolve

if TYPE_CHECKING:
    from trainer.content.content_set import ContentSet
    from trainer.services.accounts import MentorCard, Store, TraineeCard
    from trainer.services.calls import ExamDraw
    from trainer.ui.commands import PaletteCommand
    from trainer.ui.screens.home import HomeScreen

HOME_DEPTH: Final = 2  # the sign-in, then home; everything else sits on top of home

Handler = Callable[["Router", Any], None]


@dataclass(frozen=True, slots=True)
class Route:
    """Where an intent leads: the `module:function` serving it, and whether it needs the content."""

    handler: str
    needs_content: bool = True


def _programme(name: str, *, needs_content: bool = True) -> Route:
    return Route(f"trainer.ui.routes.programme:{name}", needs_content)


def _practice(name: str) -> Route:
    return Route(f"trainer.ui.routes.practice:{name}")


def _mentor(name: str) -> Route:
    return Route(f"trainer.ui.routes.mentor:{name}")


def _sign_in(name: str) -> Route:
    return Route(f"trainer.ui.routes.sign_in:{name}", needs_content=False)


ROUTES: Final[Mapping[type[messages.Intent], Route]] = {
    # Signing in and out: the sign-ins need only the database, so these never wait.
    messages.SignedOut: _sign_in("signed_out"),
    messages.MentorSignInRequested: _sign_in("mentor_sign_in"),
    messages.MentorSignedOut: _sign_in("mentor_signed_out"),
    # The trainee's programme: every way into a stage's content goes through its gate.
    # Home shows the trainee's records at once; its lists fill in when the content arrives.
    messages.SignedIn: _programme("signed_in", needs_content=False),
    messages.HomeRequested: _programme("home"),
    messages.ItemPicked: _programme("open_item"),
    messages.CallRequested: _practice("call_requested"),
    messages.CallFinished: _practice("call_finished"),
    messages.CallAbandoned: _programme("home"),
    messages.TranscriptRequested: _practice("transcript_requested"),
    messages.AttemptOpened: _practice("attempt_opened"),
    messages.QuizStartRequested: _practice("quiz_start_requested"),
    messages.QuizFinished: _practice("quiz_finished"),
    messages.QuizAbandoned: _programme("home"),
    messages.SourceRequested: _programme("source_requested"),
    # The mentor's review: only ever for the mentor whose passphrase was checked.
    messages.MentorSignedIn: _mentor("signed_in"),
    messages.MentorTraineesRequested: _mentor("trainees"),
    messages.MentorTraineeRequested: _mentor("open_trainee"),
    messages.MentorTranscriptRequested: _mentor("open_transcript"),
    messages.MentorComparisonRequested: _mentor("open_comparison"),
    messages.MentorAnalyticsRequested: _mentor("analytics"),
    messages.MentorCriteriaRequested: _mentor("open_criteria"),
}

PALETTE: Final = "trainer.ui.routes.programme:palette"  # the trainee's command palette entries
PREPARE: Final = "trainer.ui.routes.programme:prepare"  # what the loaded content needs first


class Router:
    """Serves every intent through `ROUTES`; holds who is signed in and the loaded content."""

    def __init__(
        self,
        app: App[int],
        store: Store,
        *,
        typing_delay: float,
        clock: Callable[[], float],
        seeds: random.Random,
    ) -> None:
        self.app = app
        self.store = store
        self.typing_delay = typing_delay
        self.clock = clock
        self.seeds = seeds
        self.trainee: TraineeCard | None = None
        self.mentor: MentorCard | None = None  # set only by a checked passphrase
        self.served = False  # in a browser: sign-in by typed name and PIN, nobody listed
        self.exam_draw: ExamDraw | None = None  # the exam variant its briefing shows, used once
        self._content: ContentSet | None = None
        # intents that wait for the content, in order, with the screen showing it is busy
        self._waiting: list[tuple[Screen[object], messages.Intent]] = []

    @property
    def content(self) -> ContentSet:
        """The content set; there before anything that needs it is served."""
        if self._content is None:
            raise RuntimeError("the content is still loading")
        return self._content

    @property
    def content_so_far(self) -> ContentSet | None:
        """The content set, or None while it is still being read."""
        return self._content

    @property
    def loaded(self) -> bool:
        """Whether the content is loaded (the intents that need it are served at once)."""
        return self._content is not None

    def prepare(self, content: ContentSet) -> None:
        """Make the records ready for `content` (in the loader's worker, off the first frame)."""
        resolve(PREPARE)(self, content)

    def content_loaded(self, content: ContentSet) -> None:
        """Take the loaded content and serve, in order, the intents that waited for it."""
        self._content = content
        for home in self._homes():
            home.content_arrived(content)
        waiting, self._waiting = self._waiting, []
        for screen, intent in waiting:
            screen.loading = False
            self.serve(intent)

    def content_reading(self, done: int, total: int) -> None:
        """Tell home how far the content has been read (`done` of `total` steps)."""
        for home in self._homes():
            home.reading(done, total)

    def _homes(self) -> list[HomeScreen]:
        return [
            cast("HomeScreen", screen)
            for screen in self.app.screen_stack
            if screens.HOME.shows(screen)
        ]

    def serve(self, intent: messages.Intent) -> None:
        """Open what `intent` leads to, now or (when it needs the content) once it is loaded."""
        route = ROUTES[type(intent)]
        if route.needs_content and not self.loaded:
            self.app.screen.loading = True
            self._waiting.append((self.app.screen, intent))
            return
        handler: Handler = resolve(route.handler)
        handler(self, intent)

    def palette(self) -> list[PaletteCommand]:
        """The signed-in trainee's command palette: home, sign out, what the programme offers."""
        if self.trainee is None or not self.loaded or self.in_call:
            return []
        entries: list[PaletteCommand] = resolve(PALETTE)(self)
        return entries

    # -- the screen stack, which every route shares ---------------------------------------------

    @property
    def in_call(self) -> bool:
        """A call or a quiz is going on: nothing else may be opened until it ends."""
        return any(
            screens.CALL.shows(screen) or screens.QUIZ.shows(screen)
            for screen in self.app.screen_stack
        )

    def back_to_home(self) -> None:
        """Close every screen above home."""
        while len(self.app.screen_stack) > HOME_DEPTH:
            self.app.pop_screen()

    def notify_locked(self, reason: str) -> None:
        """Say why something the trainee asked for cannot open."""
        self.app.notify(reason, title="Locked", severity="warning", markup=False)
