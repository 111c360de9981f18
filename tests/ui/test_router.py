"""One navigation model: every intent has a route, no screen reaches a sibling, screens load
when they first open, and the mentor's routes serve only a signed-in mentor."""

from __future__ import annotations

import ast
import inspect
import random
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from textual.screen import Screen

from tests.conftest import MINI, REPO
from tests.ui.conftest import AppFactory, frozen_clock, sign_in
from trainer.content.content_set import ContentSet
from trainer.content.loader import load_content
from trainer.store import mentors
from trainer.store.database import Store
from trainer.store.mentors import add_mentor
from trainer.store.models import Trainee
from trainer.store.trainees import add_trainee
from trainer.ui import messages
from trainer.ui.app import make_app
from trainer.ui.routes import screens
from trainer.ui.routes.lazy import Lazy, resolve
from trainer.ui.routes.router import PALETTE, PREPARE, ROUTES
from trainer.ui.screens.home import HomeScreen
from trainer.ui.screens.mentor_base import MentorScreen
from trainer.ui.screens.mentor_sign_in import MentorSignInScreen
from trainer.ui.screens.mentor_trainees import MentorTraineesScreen
from trainer.ui.screens.sign_in import SignInScreen

UI = REPO / "trainer" / "ui"
PASSPHRASE = "correct horse battery"


def intent_types() -> set[type[messages.Intent]]:
    found: set[type[messages.Intent]] = set()
    waiting = [messages.Intent]
    while waiting:
        for subclass in waiting.pop().__subclasses__():
            if subclass.__module__.startswith("trainer."):
                found.add(subclass)
                waiting.append(subclass)
    return found


def test_every_intent_has_a_route_and_every_route_an_intent() -> None:
    assert set(ROUTES) == intent_types()


@pytest.mark.parametrize("intent", sorted(intent.__name__ for intent in ROUTES))
def test_each_route_names_a_handler_of_the_router_and_its_intent(intent: str) -> None:
    handler = resolve(ROUTES[getattr(messages, intent)].handler)
    parameters = list(inspect.signature(handler).parameters.values())
    assert [p.name for p in parameters][:1] == ["router"]
    assert len(parameters) == 2, handler
    served = str(parameters[1].annotation)  # the intent it takes, or any (the shared ones)
    assert f"messages.{intent}" in served or "messages.Intent" in served, served


def test_the_palette_and_preparation_resolve() -> None:
    assert callable(resolve(PALETTE)) and callable(resolve(PREPARE))


def loaders() -> dict[str, Lazy[Screen[object]]]:
    return {name: value for name, value in vars(screens).items() if isinstance(value, Lazy)}


@pytest.mark.parametrize("name", sorted(loaders()))
def test_each_screen_loader_names_the_screen_class_of_its_module(name: str) -> None:
    loader = loaders()[name]
    loaded = loader.load()
    assert issubclass(loaded, Screen)
    assert f"{loaded.__module__}:{loaded.__name__}" == loader.path


def imported_modules(path: Path) -> set[str]:
    """Every module `path` imports, at its top, under TYPE_CHECKING or inside a function."""
    found: set[str] = set()
    package = "trainer." + ".".join(path.relative_to(REPO / "trainer").parent.parts)
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


SCREEN_FILES = sorted((UI / "screens").glob("*.py"))


@pytest.mark.parametrize("path", SCREEN_FILES, ids=lambda p: p.stem)
def test_no_screen_imports_a_sibling_screen_or_the_router(path: Path) -> None:
    own = f"trainer.ui.screens.{path.stem}"
    shared_base = "trainer.ui.screens.mentor_base"  # a base class, not a place to go to
    reached = {
        module
        for module in imported_modules(path)
        if module.startswith(("trainer.ui.screens.", "trainer.ui.routes", "trainer.ui.app"))
        and module not in (own, shared_base)
        and not module.startswith(f"{shared_base}.")
    }
    assert not reached, f"{path.name} reaches {sorted(reached)}: post an intent instead"


def test_there_is_no_import_circle_inside_the_ui() -> None:
    """Imports inside functions and under TYPE_CHECKING count: none may close a circle."""
    paths = {module_name(path): path for path in sorted(UI.rglob("*.py"))}
    graph = {
        name: {module for module in imported_modules(path) if module in paths and module != name}
        for name, path in paths.items()
    }
    cycle = _find_cycle(graph)
    assert cycle is None, " -> ".join(cycle or [])


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(REPO).with_suffix("").parts).removesuffix(".__init__")


def _find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}  # 1 on the path being walked, 2 done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for following in sorted(graph.get(node, ())):
            if state.get(following) == 1:
                return [*path[path.index(following) :], following]
            if following not in state:
                found = visit(following)
                if found is not None:
                    return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found is not None:
                return found
    return None


LAZY_SCRIPT = textwrap.dedent(
    """
    import asyncio, random, sys
    from pathlib import Path
    from trainer.content.loader import load_content
    from trainer.store.database import open_store
    from trainer.store.trainees import add_trainee
    from trainer.ui.app import make_app

    def screens():
        return sorted(m.rpartition(".")[2] for m in sys.modules if m.startswith("trainer.ui.screens."))

    async def main(content, db):
        with open_store(Path(db)) as store:
            add_trainee(store, "Ann Lee")
        app = make_app(load_content(Path(content)), Path(db), typing_delay=0, seeds=random.Random(7))
        async with app.run_test(size=(100, 30)) as pilot:
            print(type(app.screen).__name__, *screens())
            await pilot.press("enter")  # Ann signs in
            await pilot.pause()
            print(type(app.screen).__name__, *screens())
            await pilot.press("enter")  # the first scenario's briefing
            await pilot.pause()
            print(type(app.screen).__name__, *screens())
            await pilot.press("enter")  # the call starts
            await pilot.pause()
            print(type(app.screen).__name__, *screens())

    asyncio.run(main(*sys.argv[1:]))
    """
)


def test_each_screen_module_is_imported_when_that_screen_first_opens(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", LAZY_SCRIPT, str(MINI), str(tmp_path / "trainer.db")],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
        check=True,
    )
    sign_in_line, home, briefing, call = (line.split() for line in result.stdout.splitlines())
    assert sign_in_line == ["SignInScreen", "sign_in"]
    assert home == ["HomeScreen", "home", "sign_in"]
    assert briefing == ["BriefingScreen", "briefing", "home", "sign_in"]
    assert call == ["CallScreen", "briefing", "call", "home", "sign_in"]


async def test_a_trainee_cannot_reach_a_mentor_screen_by_posting_its_intent(
    make: AppFactory, ann: Trainee
) -> None:
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        await sign_in(pilot)
        assert isinstance(app.screen, HomeScreen)
        for intent in (
            messages.MentorTraineesRequested(),
            messages.MentorTraineeRequested(ann.id, ann.name),
            messages.MentorTranscriptRequested("any-attempt"),
            messages.MentorComparisonRequested("one", "two"),
            messages.MentorAnalyticsRequested(),
        ):
            app.screen.post_message(intent)
            await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert not [s for s in app.screen_stack if isinstance(s, MentorScreen)]
        assert app.router.mentor is None


async def test_a_signed_out_mentor_is_forgotten_and_their_intents_open_nothing(
    content: ContentSet, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(mentors, "SCRYPT_N", 2**10)
    add_mentor(store, "Maria Head", PASSPHRASE)
    trainee = add_trainee(store, "Ann Lee")
    app = make_app(content, store.path, typing_delay=0, clock=frozen_clock, mentor=True)
    async with app.run_test(size=(110, 36)) as pilot:
        assert isinstance(app.screen, MentorSignInScreen)
        await pilot.press("tab", *PASSPHRASE, "enter")  # from the name, filled in
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, MentorTraineesScreen)
        assert app.router.mentor is not None and app.router.mentor.name == "Maria Head"
        await pilot.press("s")  # sign out
        await pilot.pause()
        assert isinstance(app.screen, SignInScreen)
        assert app.router.mentor is None
        app.screen.post_message(messages.MentorTraineeRequested(trainee.id, trainee.name))
        app.screen.post_message(messages.MentorAnalyticsRequested())
        await pilot.pause()
        assert isinstance(app.screen, SignInScreen)
        assert not [s for s in app.screen_stack if isinstance(s, MentorScreen)]


async def test_the_mentor_sign_in_opens_at_once_while_the_content_still_loads(
    store: Store,
) -> None:
    """Signing in needs the content and waits for it; asking for the mentor sign-in does not."""
    add_trainee(store, "Ann Lee")
    release = threading.Event()

    def slow_load() -> ContentSet:
        release.wait(10)
        return load_content(MINI)

    app = make_app(
        slow_load, store.path, typing_delay=0, clock=frozen_clock, seeds=random.Random(7)
    )
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("m")
            await pilot.pause()
            assert isinstance(app.screen, MentorSignInScreen)
            assert not app.router.loaded
            assert not app.screen.loading
    finally:
        release.set()
