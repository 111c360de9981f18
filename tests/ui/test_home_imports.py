"""Home, filled in on a warm content cache, loads only what it shows: no PyYAML or parser, no
scenario's nodes, no persona, no call machinery, no OpenSSL, none of the mentor's read models,
and the work log's records only for a trainee who is cleared (through the real app's path, in a
fresh interpreter)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.conftest import REPO
from trainer.content.paths import bundled_content_dir

HOME = textwrap.dedent(
    """
    import asyncio, json, sys
    from pathlib import Path
    from trainer.content.cache import ContentCache
    from trainer.store.database import open_store
    from trainer.store.trainees import add_trainee
    from trainer.ui.app import make_app

    async def main(content, db, cache):
        with open_store(db) as store:
            if not store.conn.execute("SELECT 1 FROM trainees").fetchone():
                add_trainee(store, "Ann Lee")
        app = make_app(content, db, typing_delay=0, cache=ContentCache(cache))
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("enter")  # sign in as the one trainee
            for _ in range(600):
                await pilot.pause(0.05)
                if app.router.loaded and type(app.screen).__name__ == "HomeScreen":
                    break
            await pilot.pause()
            loaded = app.router.content
            print(json.dumps({
                "screen": type(app.screen).__name__,
                "modules": sorted(sys.modules),
                # read anew, a set is built whole; read back, only what was asked for
                "scenarios built": sorted(getattr(loaded.scenarios, "built", loaded.scenarios)),
                "personas built": sorted(getattr(loaded.personas, "built", loaded.personas)),
            }))
        app.store.close()

    asyncio.run(main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])))
    """
)

# None of these has anything to show on home; each loads when a screen or command needs it.
LATER = (
    "yaml",  # a file parsed anew: only on a miss of the content cache
    "trainer.content.checking",
    "trainer.content.context",
    "trainer.content.scenario.parse",
    "trainer.services.worklog",  # the work log's records: a cleared trainee's home, or the log
    "trainer.store.worklog",
    "trainer.engine.session",  # a call
    "transitions",
    "trainer.services.calls",  # a call's record: the first briefing
    "trainer.store.drafts",
    "trainer.services.certificates",  # the certificate
    "trainer.store.models",  # the mentor's read models; home reads `attempt_record` alone
    "trainer.content.persona",  # a scenario or persona built: a briefing or a call
    "trainer.content.conditions",
    "trainer.content.conversation_tests",  # `trainer test`
    "_hashlib",  # OpenSSL, with hashlib and hmac: a PIN hashed or checked, never the cache
    "hashlib",
    "hmac",
    "secrets",
)


def home(tmp_path: Path) -> dict[str, object]:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            HOME,
            str(bundled_content_dir()),
            str(tmp_path / "trainer.db"),
            str(tmp_path / "cache"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
        check=True,
    )
    answer: dict[str, object] = json.loads(done.stdout)
    return answer


def test_home_on_a_warm_cache_loads_only_what_it_shows(tmp_path: Path) -> None:
    cold = home(tmp_path)  # reads every file and saves the cache entry
    assert cold["screen"] == "HomeScreen"
    assert "yaml" in cold["modules"]  # type: ignore[operator]
    warm = home(tmp_path)
    assert warm["screen"] == "HomeScreen"
    modules = set(warm["modules"])  # type: ignore[call-overload]
    assert [module for module in LATER if module in modules] == []
    assert warm["scenarios built"] == warm["personas built"] == []
