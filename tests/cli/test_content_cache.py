"""The content cache from the command line: where it lives, what it re-reports, --no-cache."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ORPHAN = "  orphan:\n    say: Nobody comes here.\n    ending:\n      outcome: lost\n"


def run(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`trainer ARGS` in a real process whose data folder is `data`."""
    return subprocess.run(
        [sys.executable, "-m", "trainer", *args],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "XDG_DATA_HOME": str(data)},
    )


def test_validate_reports_the_same_from_the_cache_as_from_the_files(
    mini: Path, tmp_path: Path
) -> None:
    with (mini / "scenarios" / "first_call.yaml").open("a", encoding="utf-8") as file:
        file.write(ORPHAN)
    data = tmp_path / "data"
    cold = run(data, "--content", str(mini), "validate", "--gameability", "off")
    assert list((data / "trainer" / "cache").glob("*.cache"))
    warm = run(data, "--content", str(mini), "validate", "--gameability", "off")
    assert cold.returncode == warm.returncode == 0
    assert "ending 'orphan' can never be reached from 'hello'" in cold.stdout
    assert (warm.stdout, warm.stderr) == (cold.stdout, cold.stderr)
    strict = run(data, "--content", str(mini), "validate", "--gameability", "off", "--strict")
    assert strict.returncode == 1
    assert "0 errors, 1 warning" in strict.stderr


def test_list_and_play_use_the_cache_and_see_an_edit(mini: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert run(data, "--content", str(mini), "list").returncode == 0
    (entry,) = (data / "trainer" / "cache").glob("*.cache")
    saved = entry.stat().st_mtime_ns
    played = run(data, "--content", str(mini), "play", "first_call", "--replies", "1,1,1")
    assert played.returncode == 0, played.stderr
    assert entry.stat().st_mtime_ns == saved  # read back, not written again
    path = mini / "scenarios" / "first_call.yaml"
    path.write_text(path.read_text().replace("title: A first call", "title: A new call"))
    listed = run(data, "--content", str(mini), "list")
    assert "A new call" in listed.stdout


def test_no_cache_neither_reads_nor_writes_one(mini: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = run(data, "--content", str(mini), "--no-cache", "validate", "--gameability", "off")
    assert result.returncode == 0, result.stderr
    after = run(data, "--content", str(mini), "list", "--no-cache")
    assert after.returncode == 0, after.stderr
    assert not (data / "trainer" / "cache").exists()
