"""A path that exists but is the wrong kind of thing is called what it is, not "does not exist"."""

from __future__ import annotations

from pathlib import Path

import pytest

from trainer.cli import main


def test_a_file_given_as_the_content_folder_is_called_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    passwd = tmp_path / "passwd"
    passwd.write_text("root:x:0:0:root:/root:/bin/bash\n")
    assert main(["--content", str(passwd), "list"]) == 1
    err = capsys.readouterr().err
    assert err == f"trainer: content folder '{passwd}' is a file, not a folder\n"
    assert main(["--content", str(tmp_path / "nowhere"), "list"]) == 1
    assert "does not exist" in capsys.readouterr().err


def test_playtest_of_a_folder_asks_for_a_scenario_file(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["playtest", str(mini)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"trainer: '{mini}' is a folder; give a scenario file, e.g. ")
    assert "does not exist" not in err and "Traceback" not in err
