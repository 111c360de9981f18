"""Content that is not a plain file (a device, a FIFO, a symlink loop, an unreadable folder,
a NUL byte) gives one located line and exit 1 through `trainer validate`: no hang, no traceback."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ui.test_start import run_in_terminal
from trainer.content.loader import load_content
from trainer.errors import ContentError

HANG = 30  # seconds: far beyond a check of the fixture set, far short of "forever"


def trainer(*args: str, cwd: Path, drop_root: bool = False) -> subprocess.CompletedProcess[str]:
    """`trainer ARGS` in a real process; `drop_root` runs it without root's override of modes."""
    command = [sys.executable, "-m", "trainer", *args]
    if drop_root and os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("root ignores file modes, and setpriv is not here to drop that power")
        command = [setpriv, "--bounding-set=-dac_override,-dac_read_search", *command]
    return subprocess.run(
        command,
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=HANG,
        stdin=subprocess.DEVNULL,
    )


def assert_one_located_line(result: subprocess.CompletedProcess[str], expected: str) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "unexpected error" not in result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines == [expected], lines
    assert result.stderr.strip().startswith("1 error, 0 warnings; content: ")


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_symlink_to_an_endless_device_is_refused_not_read(mini: Path, device: str) -> None:
    (mini / "personas" / "endless.yaml").symlink_to(device)
    result = trainer("validate", ".", cwd=mini)
    assert_one_located_line(
        result, "personas/endless.yaml: a character device, not a file; only files are read"
    )


def test_a_fifo_named_like_a_content_file_does_not_hang_the_check(mini: Path) -> None:
    os.mkfifo(mini / "scenarios" / "waiting.yaml")
    result = trainer("validate", ".", cwd=mini)
    assert_one_located_line(
        result, "scenarios/waiting.yaml: a FIFO, not a file; only files are read"
    )


def test_a_fifo_given_as_the_file_to_check_does_not_hang(mini: Path) -> None:
    os.mkfifo(mini / "scenarios" / "waiting.yaml")
    result = trainer("validate", "scenarios/waiting.yaml", cwd=mini)
    assert result.returncode == 1
    assert "scenarios/waiting.yaml: a FIFO, not a file; only files are read" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_a_symlink_loop_is_a_located_line(mini: Path) -> None:
    (mini / "scenarios" / "one.yaml").symlink_to("two.yaml")
    (mini / "scenarios" / "two.yaml").symlink_to("one.yaml")
    result = trainer("validate", ".", cwd=mini)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "scenarios/one.yaml: cannot read file: Too many levels of symbolic links",
        "scenarios/two.yaml: cannot read file: Too many levels of symbolic links",
    ]
    assert "Traceback" not in result.stdout + result.stderr
    assert "RuntimeError" not in result.stdout + result.stderr


def test_a_symlink_loop_given_as_the_file_to_check_is_named_as_a_loop(mini: Path) -> None:
    (mini / "scenarios" / "one.yaml").symlink_to("two.yaml")
    (mini / "scenarios" / "two.yaml").symlink_to("one.yaml")
    result = trainer("validate", "scenarios/one.yaml", cwd=mini)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        "scenarios/one.yaml: cannot read file: Too many levels of symbolic links"
    )
    assert "Traceback" not in result.stdout + result.stderr


def test_a_folder_named_like_a_content_file_is_a_located_line(mini: Path) -> None:
    (mini / "personas" / "drafts.yaml").mkdir()
    result = trainer("validate", ".", cwd=mini)
    assert_one_located_line(
        result, "personas/drafts.yaml: a folder, not a file; only files are read"
    )


def test_an_unreadable_content_folder_is_named_not_taken_for_an_empty_one(mini: Path) -> None:
    tests = mini / "scenarios" / "tests"
    tests.chmod(0)
    try:
        result = trainer("validate", ".", cwd=mini, drop_root=True)
    finally:
        tests.chmod(0o755)
    assert_one_located_line(result, "scenarios/tests: cannot read folder: Permission denied")


def test_a_folder_that_cannot_be_entered_is_a_located_line_not_a_permission_error(
    mini: Path,
) -> None:
    scenarios = mini / "scenarios"
    scenarios.chmod(0o644)  # listable names, but nothing inside can be opened
    try:
        result = trainer("validate", ".", cwd=mini, drop_root=True)
    finally:
        scenarios.chmod(0o755)
    assert "PermissionError" not in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == 1
    assert "scenarios/tests: cannot read folder: Permission denied" in result.stdout
    assert "scenarios/first_call.yaml: cannot read file: Permission denied" in result.stdout


def test_a_nul_byte_is_one_line_with_its_line_and_column(mini: Path) -> None:
    persona = mini / "personas" / "ivan.yaml"
    text = persona.read_text(encoding="utf-8").replace("role:", "ro\x00le:", 1)
    persona.write_text(text, encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "\x00" in row)
    result = trainer("validate", ".", cwd=mini)
    assert_one_located_line(
        result,
        f"personas/ivan.yaml:{line}:3: the character U+0000 is not allowed in a content file "
        "(control characters are not allowed); remove it",
    )


def test_text_that_is_not_utf8_says_where(mini: Path) -> None:
    persona = mini / "personas" / "ivan.yaml"
    data = persona.read_bytes().replace(b"role:", b"ro\xffle:", 1)
    persona.write_bytes(data)
    line = next(n for n, row in enumerate(data.splitlines(), 1) if b"\xff" in row)
    result = trainer("validate", ".", cwd=mini)
    assert_one_located_line(result, f"personas/ivan.yaml:{line}:3: file is not UTF-8 text")


def test_the_app_on_content_with_a_fifo_ends_with_its_one_line_not_a_hang(
    mini: Path, tmp_path: Path
) -> None:
    os.mkfifo(mini / "personas" / "waiting.yaml")
    status, screen = run_in_terminal("--content", str(mini), "--db", str(tmp_path / "t.db"))
    assert status == 1
    text = re.sub(r"\x1b\[[0-9;?<>=]*[A-Za-z]", "\n", screen)  # the terminal's codes out
    lines = [line for line in text.splitlines() if line.startswith("trainer: ")]
    assert len(lines) == 1, text[-2000:]
    assert lines[0].endswith("personas/waiting.yaml: a FIFO, not a file; only files are read")
    assert "Traceback" not in screen


def test_the_app_loading_refuses_a_device_the_same_way(mini: Path) -> None:
    """The app loads through load_content: the same check, raised as its first error."""
    (mini / "scenarios" / "endless.yaml").symlink_to("/dev/zero")
    with pytest.raises(ContentError, match="a character device, not a file"):
        load_content(mini)


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_database_that_is_a_fifo_or_a_device_is_refused_at_once(
    tmp_path: Path, kind: str
) -> None:
    database = tmp_path / "records.db"
    if kind == "fifo":
        os.mkfifo(database)
    else:
        database.symlink_to("/dev/zero")
    result = trainer("--db", str(database), "replay", "1", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"trainer: {database} is not a regular file (a FIFO or a device?); it cannot be a database"
    )
    assert "Traceback" not in result.stdout + result.stderr


def test_a_file_with_windows_line_ends_reads_as_the_same_text_and_digest(mini: Path) -> None:
    """Reading bytes must keep what text mode gave: scenario digests are stored with attempts."""
    before = load_content(mini).scenario("first_call").digest
    scenario = mini / "scenarios" / "first_call.yaml"
    scenario.write_bytes(scenario.read_bytes().replace(b"\n", b"\r\n"))
    assert load_content(mini).scenario("first_call").digest == before
