"""The services run without the UI: none of them imports Textual, Rich, the app or the CLI."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import trainer.services


def test_no_service_imports_textual_rich_the_app_or_the_command_line() -> None:
    modules = [
        f"trainer.services.{info.name}" for info in pkgutil.iter_modules(trainer.services.__path__)
    ]
    assert {"trainer.services.calls", "trainer.services.mentor"} <= set(modules)
    code = (
        f"import sys, importlib\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')\n"
        "      or m.startswith(('trainer.ui', 'trainer.cli'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.strip() == "[]"
