"""The Textual app: the sign-in, loading the content behind it, and handing over to the routes.

The first screen needs only the database (`trainer.services.accounts`). The content set, the engine
and every other screen load in a worker once it has shown (`trainer.ui.routes`), so the trainee
sees who is practising today while the scenarios are read. Anything that needs the content
(signing in, a mentor's passphrase accepted) waits for it; broken content ends the app with
the loader's message, which `run_app` raises for the command line to report.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from textual import on
from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from trainer.services import accounts
from trainer.ui import messages
from trainer.ui.commands import TrainerCommands
from trainer.ui.screens.mentor_sign_in import MentorSignInScreen
from trainer.ui.screens.sign_in import SignInScreen

if TYPE_CHECKING:
    from trainer.content.content_set import ContentSet
    from trainer.ui.routes import Routes

HOME_DEPTH = 2  # the default screen, then home; everything else sits on top of home
LOADER = "content"  # the worker that reads the content and builds the routes


class TrainerApp(App[int]):
    """Sign in, follow the programme: company cards, quizzes, practice calls, the final exam."""

    TITLE = "Call trainer"
    COMMANDS = App.COMMANDS | {TrainerCommands}
    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+q", "quit", "Quit", priority=True)]

    def __init__(
        self,
        content: ContentSet | Callable[[], ContentSet],
        store: accounts.Store,
        *,
        typing_delay: float = 0.6,
        clock: Callable[[], float] | None = None,
        seeds: random.Random | None = None,
        mentor: bool = False,
    ) -> None:
        """`content` is a loaded set, or a function that loads it (in a worker, after the
        first screen)."""
        super().__init__()
        self.store = store
        self.typing_delay = typing_delay
        self.clock = clock or time.monotonic
        self.seeds = seeds or random.Random()
        self.trainee: accounts.TraineeCard | None = None
        self.opens_on_mentor_sign_in = mentor  # only which sign-in shows first; it grants nothing
        self.failure: BaseException | None = None  # why the content could not be loaded
        self._content = content
        self._routes: Routes | None = None
        # what waits for the content, in order, and the screen showing it is busy meanwhile
        self._waiting: list[tuple[Screen[object], Callable[[Routes], None]]] = []

    @property
    def routes(self) -> Routes:
        """The screens of the programme; there once the content is loaded (before any sign-in)."""
        if self._routes is None:
            raise RuntimeError("the content is still loading")
        return self._routes

    @property
    def in_call(self) -> bool:
        """A call or a quiz is going on: nothing else may be opened until it ends."""
        return self._routes is not None and self._routes.in_call

    def on_mount(self) -> None:
        self.push_screen(SignInScreen(self.store))
        if self.opens_on_mentor_sign_in:
            self.push_screen(MentorSignInScreen(self.store))
        if not callable(self._content):
            self._content_ready(self._prepare(self._content))

    def on_unmount(self) -> None:
        """Every screen has closed (a call in progress marked abandoned): close the store."""
        self.store.close()

    def on_ready(self) -> None:
        """The first frame is on the terminal: now read the content, in a worker thread."""
        if callable(self._content):
            self.run_worker(self._load, name=LOADER, thread=True, exit_on_error=False)

    # -- loading the content ------------------------------------------------------------------

    def _load(self) -> Routes:
        """In a worker thread: read the content set, then prepare the routes over it."""
        assert callable(self._content)
        return self._prepare(self._content())

    def _prepare(self, content: ContentSet) -> Routes:
        """Close the attempts a crash left open, and import the screens that show `content`."""
        from trainer.services import calls
        from trainer.ui.routes import Routes  # with it, the engine and every other screen

        calls.abandon_stale(self.store)
        return Routes(self, content)

    @on(Worker.StateChanged)
    def _loaded(self, event: Worker.StateChanged) -> None:
        if event.worker.name != LOADER:
            return
        if event.state is WorkerState.SUCCESS:
            self._content_ready(cast("Routes", event.worker.result))
        elif event.state is WorkerState.ERROR:
            self.failure = event.worker.error
            self.exit(return_code=1)

    def _content_ready(self, routes: Routes) -> None:
        self._routes = routes
        waiting, self._waiting = self._waiting, []
        for screen, then in waiting:
            screen.loading = False
            then(routes)

    def _with_routes(self, then: Callable[[Routes], None]) -> None:
        """Run `then` now, or as soon as the content is loaded (the screen shows it is busy)."""
        if self._routes is not None:
            then(self._routes)
            return
        self.screen.loading = True
        self._waiting.append((self.screen, then))

    # -- signing in and out -------------------------------------------------------------------

    @on(messages.SignedIn)
    def _signed_in(self, message: messages.SignedIn) -> None:
        self._with_routes(partial(self._go_home, message.trainee))

    def _go_home(self, trainee: accounts.TraineeCard, routes: Routes) -> None:
        self.trainee = trainee
        routes.home(trainee)

    @on(messages.MentorSignInRequested)
    def _mentor_sign_in_requested(self) -> None:
        self.push_screen(MentorSignInScreen(self.store))

    @on(messages.MentorSignedIn)
    def _mentor_signed_in(self, message: messages.MentorSignedIn) -> None:
        self._with_routes(lambda routes: routes.mentor_signed_in(message))

    @on(messages.MentorSignedOut)
    def _mentor_signed_out(self) -> None:
        while len(self.screen_stack) > 1 and not isinstance(self.screen, SignInScreen):
            self.pop_screen()
        if not isinstance(self.screen, SignInScreen):
            self.push_screen(SignInScreen(self.store))

    def action_home(self) -> None:
        """Back to the programme, closing whatever is open above it."""
        if self.trainee is not None:
            self.back_to_home()

    def action_sign_out(self) -> None:
        """Forget the trainee and show the list of names again."""
        if self.trainee is None:
            return
        self.trainee = None
        self.back_to_home()
        self.switch_screen(SignInScreen(self.store))

    def back_to_home(self) -> None:
        """Close every screen above home."""
        while len(self.screen_stack) > HOME_DEPTH:
            self.pop_screen()

    # -- the programme's screens: each request goes to its route ------------------------------

    @on(messages.ItemPicked)
    def _item_picked(self, message: messages.ItemPicked) -> None:
        self.routes.open_item(message.item)

    @on(messages.CallRequested)
    def _call_requested(self, message: messages.CallRequested) -> None:
        self.routes.call_requested(message)

    @on(messages.CallFinished)
    def _call_finished(self, message: messages.CallFinished) -> None:
        self.routes.call_finished(message)

    @on(messages.CallAbandoned)
    @on(messages.QuizAbandoned)
    def _abandoned(self) -> None:
        self.action_home()

    @on(messages.TranscriptRequested)
    def _transcript_requested(self, message: messages.TranscriptRequested) -> None:
        self.routes.transcript_requested(message)

    @on(messages.AttemptOpened)
    def _attempt_opened(self, message: messages.AttemptOpened) -> None:
        self.routes.attempt_opened(message)

    @on(messages.QuizStartRequested)
    def _quiz_start_requested(self, message: messages.QuizStartRequested) -> None:
        self.routes.quiz_start_requested(message)

    @on(messages.QuizFinished)
    def _quiz_finished(self, message: messages.QuizFinished) -> None:
        self.routes.quiz_finished(message)

    @on(messages.SourceRequested)
    def _source_requested(self, message: messages.SourceRequested) -> None:
        self.routes.source_requested(message)


def make_app(
    content: Path | ContentSet | Callable[[], ContentSet],
    db_path: Path,
    *,
    typing_delay: float = 0.6,
    clock: Callable[[], float] | None = None,
    seeds: random.Random | None = None,
    mentor: bool = False,
) -> TrainerApp:
    """The app over the content and the database at `db_path`, both resolved by the caller.

    `content` is a content folder, read in a worker once the first screen shows; tests give a
    set already loaded, or a function that loads one. The database is opened now (a
    `StoreError` if it cannot be used) and closed when the app exits. With `mentor`, the app
    opens on the mentor sign-in (`trainer mentor`) over the trainees' one.
    """
    loader = partial(_load_content, content) if isinstance(content, Path) else content
    store = accounts.open_database(db_path)
    return TrainerApp(
        loader, store, typing_delay=typing_delay, clock=clock, seeds=seeds, mentor=mentor
    )


def run_app(content_dir: Path, db_path: Path, *, mentor: bool = False) -> int:
    """Run the app on the content of `content_dir` and the database at `db_path`; the exit
    status.

    A database that cannot be used, or content that cannot be loaded, raises its
    `TrainerError` for the command line to print.
    """
    app = make_app(content_dir, db_path, mentor=mentor)
    try:
        app.run()
    finally:
        app.store.close()
    if app.failure is not None:
        raise app.failure
    return app.return_code or 0


def _load_content(content_dir: Path) -> ContentSet:
    from trainer.content.loader import load_content

    return load_content(content_dir)


__all__ = ["TrainerApp", "make_app", "run_app"]
