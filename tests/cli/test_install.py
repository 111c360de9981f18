"""The installed command finds its bundled content from any directory."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_trainer_lists_the_bundled_content_from_another_directory(tmp_path: Path) -> None:
    # Run from an empty folder so that only the installed package (not the checkout) is found.
    result = subprocess.run(
        [sys.executable, "-m", "trainer", "list"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr
    assert "final_exam_close_deal" in result.stdout
