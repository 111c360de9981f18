"""Run by test_crash.py in a child process: sign in, take two turns of a call, then wait to be
killed. Not a test module itself."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from tests.conftest import MINI
from trainer.content.loader import load_content
from trainer.store.database import open_store
from trainer.store.trainees import add_trainee
from trainer.ui.app import make_app


async def main(db_path: Path) -> None:
    with open_store(db_path) as store:
        add_trainee(store, "Ann Lee")
    app = make_app(load_content(MINI), db_path, typing_delay=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")  # sign in
        await pilot.pause()
        await pilot.press("enter", "enter")  # briefing, start the call
        await pilot.pause()
        await pilot.press("1")  # introduce yourself
        await pilot.pause()
        await pilot.press(*"how many people use the phones", "enter")  # typed words
        await pilot.pause()
        print("READY", flush=True)
        await asyncio.sleep(120)  # mid-call, until the parent kills us


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1])))
