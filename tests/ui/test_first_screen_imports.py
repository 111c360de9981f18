"""The first screen loads only what it shows: the trainee's record, not the store's other records,
the engine or the content's models (through the real command's path, in a fresh interpreter)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from tests.conftest import MINI, REPO

# The content is held back until the sign-in has shown, so what is loaded then is the first
# screen's own cost, whatever the worker's thread would have imported meanwhile.
FIRST_SCREEN = textwrap.dedent(
    """
    import asyncio, sys, threading
    from pathlib import Path
    from trainer.cli import command
    command("app:run_trainee")  # the module `trainer` alone runs, with what it imports
    from trainer.store.database import open_store
    from trainer.store.trainees import add_trainee
    from trainer.ui.app import make_app

    release = threading.Event()

    def load():
        release.wait(60)
        from trainer.content.loader import load_content
        return load_content(Path(sys.argv[1]))

    async def main(db):
        with open_store(db) as store:
            add_trainee(store, "Ann Lee")
        app = make_app(load, db, typing_delay=0)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            print(type(app.screen).__name__, *sorted(sys.modules))
            release.set()
        app.store.close()

    asyncio.run(main(Path(sys.argv[2])))
    """
)


def loaded_at_the_first_screen(db: Path) -> tuple[str, set[str]]:
    result = subprocess.run(
        [sys.executable, "-c", FIRST_SCREEN, str(MINI), str(db)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
        check=True,
    )
    screen, *modules = result.stdout.split()
    return screen, set(modules)


def test_the_sign_in_loads_the_trainee_record_alone(tmp_path: Path) -> None:
    screen, loaded = loaded_at_the_first_screen(tmp_path / "trainer.db")
    assert screen == "SignInScreen"
    assert {"trainer.services.accounts", "trainer.store.trainee_record"} <= loaded
    later = (
        "trainer.store.models",  # twenty-odd records home and the services need
        "trainer.store.rows",
        "trainer.cli.parser",  # every sub-command: `trainer` alone parses with parser_top
        "trainer.engine.turns",
        "trainer.content.cache",  # made by the content worker, after the first screen
        "trainer.content.loader",
        "trainer.content.content_set",
        "trainer.text",  # its patterns, compiled for the errors the command line prints
        "yaml",
    )
    assert [module for module in later if module in loaded] == []
