"""`trainer serve` without textual-serve says how to install it in a way that works however the
trainer was installed (from a source folder there is no 'trainer' on an index)."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import pytest

from trainer.cli import main
from trainer.cli.serve import SERVE_REQUIREMENT

ROOT = Path(__file__).resolve().parents[2]


def test_without_textual_serve_the_error_names_a_command_that_installs_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)  # import fails
    assert main(["--db", str(tmp_path / "t.db"), "serve"]) == 1
    captured = capsys.readouterr()
    error = " ".join(captured.err.split())
    assert f"{sys.executable} -m pip install '{SERVE_REQUIREMENT}'" in error
    assert "pip install '.[serve]'" in error
    assert "'trainer[serve]'" not in error and "Traceback" not in captured.err


def test_the_named_requirement_is_the_serve_extra() -> None:
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"][
        "optional-dependencies"
    ]
    assert extras["serve"] == [SERVE_REQUIREMENT]
