"""The Textual app: the first screen, loading the content behind it, and the one router.

The first screen needs only the database (`trainer.services.accounts`). The content set loads in a
worker once it has shown, so the trainee sees who is practising today while the scenarios are
read. Every intent a screen posts goes to `trainer.ui.routes.router`; signing in opens home at
once, which fills in its lists when the content arrives (and says how far the reading has come
until then); the intents that need the content (opening an item, a mentor's passphrase
accepted) wait for it, and each screen's module is imported when it first opens. Broken content
ends the app with the loader's message, which `run_app` raises for the command line to report.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import signal
import threading
import time
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from trainer.errors import TrainerError
from trainer.services import accounts
from trainer.ui import messages
from trainer.ui.commands import ListedCommands, PaletteCommand
from trainer.ui.routes import screens
from trainer.ui.routes.router import Router
from trainer.ui.routes.sign_in import sign_in_screen

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.theme import Theme
    from textual.timer import Timer

    from trainer.content.cache import ContentCache
    from trainer.content.content_set import ContentSet
    from trainer.ui.screens.call import CallScreen
    from trainer.ui.screens.quiz import QuizScreen

LOADER = "content"  # the worker that reads the content
READING_INTERVAL = 0.1  # seconds between looks at how far the reading has come
# The terminal closing (SIGHUP) and a polite kill (SIGTERM, as from a shutdown or a served
# session's end) close the app as a confirmed quit does, so every screen's way out runs first.
CLOSING_SIGNALS = ("SIGHUP", "SIGTERM")
CLOSING_GRACE = 5.0  # seconds the app has to close after such a signal before it is cut short


class ReadingProgress:
    """How far the content's reading has come: set by the loader's thread, read by the app's."""

    def __init__(self) -> None:
        self.steps = (0, 0)  # done, of all; one tuple, so the other thread never sees half

    def report(self, done: int, total: int) -> None:
        self.steps = (done, total)


class TrainerCommands(ListedCommands):
    """The trainee's command palette; empty while signed out or in the middle of a call."""

    def _commands(self) -> list[PaletteCommand]:
        return cast("TrainerApp", self.app).router.palette()


class TrainerApp(App[int]):
    """Sign in, follow the programme: company cards, quizzes, practice calls, the final exam."""

    TITLE = "Call trainer"
    # The sign-ins' CSS is read with the app's, before the first frame: CSS read when a screen
    # first opens makes Textual parse the whole stylesheet again. Every rule is scoped under
    # its screen's type, and each screen still names its file (then found already read).
    CSS_PATH: ClassVar[list[str | PurePath]] = [
        "screens/sign_in.tcss",
        "screens/served_sign_in.tcss",
    ]
    COMMANDS = App.COMMANDS | {TrainerCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        # Shown in the footers of the trainee's screens, which bind it again; works everywhere.
        Binding("f1", "keys", "Keys", show=False),
        # Where no box takes it as text; the call's reply box hands it on only while empty.
        Binding("question_mark", "keys", "Keys", show=False),
    ]

    def __init__(
        self,
        content: ContentSet | Callable[[], ContentSet],
        store: accounts.Store,
        *,
        typing_delay: float = 0.6,
        clock: Callable[[], float] | None = None,
        seeds: random.Random | None = None,
        mentor: bool = False,
        served: bool = False,
        reading: ReadingProgress | None = None,
    ) -> None:
        """`content` is a loaded set, or a function that loads it (in a worker, after the
        first screen), telling `reading` how far it has come. `served` (or running in a
        browser) asks trainees for a typed name and PIN and lists nobody."""
        super().__init__()
        self.store = store
        self.router = Router(
            self,
            store,
            typing_delay=typing_delay,
            clock=clock or time.monotonic,
            seeds=seeds or random.Random(),
        )
        self.opens_on_mentor_sign_in = mentor  # only which sign-in shows first; it grants nothing
        self.served = served
        self.failure: BaseException | None = None  # why the content could not be loaded
        self._content = content
        self._reading = reading
        self._reading_shown = (0, 0)
        self._reading_timer: Timer | None = None
        self.closes_on_signals = False  # set by `run_app`: a real terminal, not a test's
        self.closed_by: int | None = None  # the closing signal that ended the app, if one did

    @property
    def trainee(self) -> accounts.TraineeCard | None:
        """The signed-in trainee, if any."""
        return self.router.trainee

    def get_default_screen(self) -> Screen[None]:
        """The trainees' sign-in, at the bottom of the stack: the first frame shows it, with no
        blank screen composed, laid out and covered under it first."""
        # textual-serve runs the app behind a web driver: whoever has the URL sees this screen.
        self.router.served = self.served or self.is_web
        return sign_in_screen(self.router)

    def on_mount(self) -> None:
        if self.closes_on_signals:
            self._close_on_signals()
        self.starting_theme = self.theme
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        if self.opens_on_mentor_sign_in:
            self.push_screen(screens.MENTOR_SIGN_IN.load()(self.store, served=self.router.served))
        if not callable(self._content):
            self.router.prepare(self._content)
            self.router.content_loaded(self._content)

    def on_unmount(self) -> None:
        """Every screen has closed (a call in progress marked abandoned): close the store."""
        self.store.close()

    def _close_on_signals(self) -> None:
        """Take the closing signals from the process's default, which ends it on the spot: the
        words in a call's reply box and a quiz's answers would go with it."""
        loop = asyncio.get_running_loop()
        for name in CLOSING_SIGNALS:
            number = getattr(signal, name, None)
            if number is not None:  # Windows has no SIGHUP, and no loop signal handlers
                with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                    loop.add_signal_handler(number, self._closed_by_signal, number)

    def _closed_by_signal(self, number: int) -> None:
        """Close as a confirmed Ctrl+Q does, without asking: no one may be there to answer."""
        if self.closed_by is not None:
            return
        self.closed_by = number
        # A way out that hangs (a terminal that no longer takes output) must not keep the
        # process alive: what was said is committed already, the rest had its chance.
        cut_short = threading.Timer(CLOSING_GRACE, os._exit, (128 + number,))
        cut_short.daemon = True
        cut_short.start()
        self.exit(return_code=128 + number)

    def on_ready(self) -> None:
        """The first frame is on the terminal: now read the content, in a worker thread."""
        if callable(self._content):
            self.run_worker(self._load, name=LOADER, thread=True, exit_on_error=False)
            if self._reading is not None:
                self._reading_timer = self.set_interval(READING_INTERVAL, self._show_reading)

    def _show_reading(self) -> None:
        """Pass on how far the reading has come, when it has moved."""
        assert self._reading is not None
        steps = self._reading.steps
        if steps != self._reading_shown:
            self._reading_shown = steps
            self.router.content_reading(*steps)

    def _load(self) -> ContentSet:
        """In a worker thread: read the content set, and make the records ready for it."""
        assert callable(self._content)
        content = self._content()
        self.router.prepare(content)
        return content

    @on(Worker.StateChanged)
    def _loaded(self, event: Worker.StateChanged) -> None:
        if event.worker.name != LOADER:
            return
        if event.state in (WorkerState.SUCCESS, WorkerState.ERROR) and self._reading_timer:
            self._reading_timer.stop()
        if event.state is WorkerState.SUCCESS:
            self.router.content_loaded(cast("ContentSet", event.worker.result))
        elif event.state is WorkerState.ERROR:
            self.failure = event.worker.error
            self.exit(return_code=1)

    @on(messages.Intent)
    def _route(self, intent: messages.Intent) -> None:
        """Every intent a screen posts goes to the one router."""
        if isinstance(intent, messages.SignedIn):
            self._apply_preferences(intent.trainee)
        elif isinstance(intent, messages.SignedOut):
            self._set_theme(self.starting_theme)
        self.router.serve(intent)

    # -- the trainee's preferences ------------------------------------------------------------

    # The theme last set from the records (or the app's own); the change it makes is announced
    # later (`theme_changed_signal`), and is then no choice of the trainee's to save.
    _applied_theme: str | None = None

    def _set_theme(self, name: str) -> None:
        self._applied_theme = name
        self.theme = name

    def _apply_preferences(self, trainee: accounts.TraineeCard) -> None:
        """Look as the trainee last chose (the theme), or as the app starts."""
        try:
            chosen = accounts.preferences(self.store, trainee.id).get(accounts.THEME)
        except TrainerError as error:
            self.log.error(f"could not read the preferences of {trainee.name}: {error}")
            chosen = None
        self._set_theme(chosen if chosen in self.available_themes else self.starting_theme)

    def _theme_changed(self, theme: Theme) -> None:
        """A theme the signed-in trainee picks is theirs from now on, across restarts."""
        trainee = self.trainee
        if trainee is None or theme.name == self._applied_theme:
            return
        self._applied_theme = None  # from now on every change is the trainee's
        try:
            accounts.save_preference(self.store, trainee.id, accounts.THEME, theme.name)
        except TrainerError as error:
            self.notify(
                f"The theme could not be saved for next time: {error}",
                severity="warning",
                markup=False,
            )

    # -- keys ---------------------------------------------------------------------------------

    def action_keys(self) -> None:
        """Show every key of the screen on top (F1 again, Esc or ? closes the list)."""
        from trainer.ui.modals.keys import KeysModal, screen_keys

        screen = self.screen
        if isinstance(screen, KeysModal):
            screen.dismiss(None)
            return
        title = screen.sub_title or type(screen).__name__.removesuffix("Screen")
        self.push_screen(KeysModal(_spaced(title), screen_keys(self, screen)))

    async def action_quit(self) -> None:
        """Quit; with a call or a quiz going on, it asks first (a quit there cuts it short)."""
        for screen in self.screen_stack:
            if screens.CALL.shows(screen) and cast("CallScreen", screen).ask_before_quit():
                return
            if screens.QUIZ.shows(screen) and cast("QuizScreen", screen).ask_before_quit():
                return
        self.exit()

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's palette entries, its Quit worded as the app's own key behaves."""
        for command in super().get_system_commands(screen):
            if command.title == "Quit":
                yield SystemCommand(
                    "Quit",
                    "Close the trainer (in a call or a quiz, it asks first)",
                    self.action_quit,
                )
            else:
                yield command

    def action_home(self) -> None:
        """Back to the programme, closing whatever is open above it."""
        self.router.serve(messages.HomeRequested())

    def action_sign_out(self) -> None:
        """Forget the trainee and show the list of names again."""
        self.router.serve(messages.SignedOut())


def _spaced(name: str) -> str:
    """A class name as words: "MentorTrainees" -> "Mentor trainees"."""
    words = "".join(f" {c.lower()}" if c.isupper() else c for c in name).split()
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def make_app(
    content: Path | ContentSet | Callable[[], ContentSet],
    db_path: Path,
    *,
    typing_delay: float = 0.6,
    clock: Callable[[], float] | None = None,
    seeds: random.Random | None = None,
    mentor: bool = False,
    cache: ContentCache | Callable[[], ContentCache] | None = None,
    served: bool = False,
) -> TrainerApp:
    """The app over the content and the database at `db_path`, both resolved by the caller.

    `content` is a content folder, read in a worker once the first screen shows; tests give a
    set already loaded, or a function that loads one. The database is opened now (a
    `StoreError` if it cannot be used) and closed when the app exits. With `mentor`, the app
    opens on the mentor sign-in (`trainer mentor`) over the trainees' one. A folder is read
    back from `cache` when its files are unchanged; given a function that makes the cache, the
    worker calls it, so the first screen does not wait for the cache's module. With `served`,
    trainees sign in by typed name and PIN (as they do whenever the app runs in a browser).
    """
    reading: ReadingProgress | None = None
    if isinstance(content, Path):
        reading = ReadingProgress()
        loader: ContentSet | Callable[[], ContentSet] = partial(
            _load_content, content, cache, reading.report
        )
    else:
        loader = content
    store = accounts.open_database(db_path)
    return TrainerApp(
        loader,
        store,
        typing_delay=typing_delay,
        clock=clock,
        seeds=seeds,
        mentor=mentor,
        served=served,
        reading=reading,
    )


def run_app(
    content_dir: Path,
    db_path: Path,
    *,
    mentor: bool = False,
    cache: ContentCache | Callable[[], ContentCache] | None = None,
) -> int:
    """Run the app on the content of `content_dir` and the database at `db_path`; the exit
    status.

    A database that cannot be used, or content that cannot be loaded, raises its
    `TrainerError` for the command line to print. The terminal closing, or SIGTERM, closes
    the app as a quit does (128 plus the signal's number is the status), so nothing typed in a
    call's reply box is lost.
    """
    app = make_app(content_dir, db_path, mentor=mentor, cache=cache)
    app.closes_on_signals = True
    try:
        app.run()
    finally:
        app.store.close()
    if app.failure is not None:
        raise app.failure
    return app.return_code or 0


def _load_content(
    content_dir: Path,
    cache: ContentCache | Callable[[], ContentCache] | None,
    progress: Callable[[int, int], None],
) -> ContentSet:
    """The content set of `content_dir` (see `loader.load_content`), telling `progress` how
    far a first read has come."""
    from trainer.content.loader import validate
    from trainer.content.problems import first_error

    chosen = cache() if callable(cache) else cache
    result = validate(content_dir, progress=progress, cache=chosen)
    if result.errors or result.content is None:
        raise first_error(result.errors)
    return result.content


__all__ = ["ReadingProgress", "TrainerApp", "make_app", "run_app"]
