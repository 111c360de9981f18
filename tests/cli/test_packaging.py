"""What the wheel ships of the content (setup.py's choice), and that `trainer test` on what it
ships runs and names what it could not run."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import shutil
from pathlib import Path
from types import ModuleType

import pytest

from trainer.cli import main
from trainer.content.content_set import ContentSet
from trainer.content.loader import load_content

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def bundled() -> ContentSet:
    return load_content(ROOT)


def setup_module_file() -> ModuleType:
    """setup.py as a module: run as setuptools runs it, it builds; imported, it only defines."""
    spec = importlib.util.spec_from_file_location("trainer_setup", ROOT / "setup.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_wheel_ships_what_plays_and_checks_and_no_exam_walkthrough(
    bundled: ContentSet,
) -> None:
    setup = setup_module_file()
    shipped = set(setup.shipped(ROOT))
    exams = {s.id for s in bundled.scenarios.values() if s.exam}
    assert exams and setup.exam_ids(ROOT) == exams  # read without PyYAML, as the content says
    tests = [path for path in shipped if path.is_relative_to("scenarios/tests")]
    assert not [path for path in tests if any(p.startswith("held_back") for p in path.parts)]
    exam_files = {f"{exam}.yaml" for exam in exams}
    assert not [path for path in tests if path.name in exam_files], "exam walkthroughs shipped"
    # every file a call needs, and every practice scenario's tests and typed lines
    for folder in ("scenarios", "personas", "quizzes"):
        for path in (ROOT / folder).glob("*.yaml"):
            assert path.relative_to(ROOT) in shipped, path
    practice = {s.id for s in bundled.scenarios.values() if not s.exam}
    for scenario in practice:
        assert Path(f"scenarios/tests/{scenario}.yaml") in shipped, scenario
        assert Path(f"scenarios/tests/typed/{scenario}.yaml") in shipped, scenario
    held_back = list((ROOT / "scenarios/tests/typed").glob("held_back*/*.yaml"))
    assert held_back and not {p.relative_to(ROOT) for p in held_back} & shipped


def test_trainer_test_on_shipped_content_names_the_scenarios_it_could_not_test(
    tmp_path: Path,
) -> None:
    """A copy of what the wheel ships, with one practice scenario's tests kept so the run is
    short: the tests there pass and the run says which scenarios had none."""
    setup = setup_module_file()
    for relative in setup.shipped(ROOT):
        tests = relative.is_relative_to("scenarios/tests")
        if tests and relative != Path("scenarios/tests/cold_call_voicemail.yaml"):
            continue
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / relative, tmp_path / relative)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["test", "--content", str(tmp_path), "--no-cache"])
    said = " ".join(out.getvalue().split())
    assert status == 0, said + err.getvalue()
    assert " 0 failed" in said
    untested = said.split("Not run: no conversation tests for ", 1)[1]
    assert "final_exam_dispatch_hub" in untested and "cold_call_gatekeeper" in untested
    assert "cold_call_voicemail" not in untested
    assert "not installed with the package" not in said  # only said of an install's own copy


def test_trainer_test_of_the_exam_on_an_install_says_its_tests_are_not_installed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The install ships none of the exam's tests: `--scenario final_exam_...` asks no mentor
    for a passphrase to run nothing, and says why nothing ran, as the full run does."""
    root = tmp_path / "_bundled"  # the folder name an installed wheel's content has
    setup = setup_module_file()
    for relative in setup.shipped(ROOT):
        if relative.is_relative_to("scenarios/tests"):
            continue
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / relative, root / relative)
    monkeypatch.setattr("trainer.cli.content.bundled_content_dir", lambda: root)
    nobody = tmp_path / "no.db"  # no mentor anywhere: a guard would refuse
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(
            [
                "--db",
                str(nobody),
                "test",
                "--content",
                str(root),
                "--scenario",
                "final_exam_close_deal",
                "--no-cache",
            ]
        )
    said = " ".join(out.getvalue().split())
    assert status == 0, said + err.getvalue()
    assert "passphrase" not in said + err.getvalue() and not nobody.exists()
    assert (
        "Not run: no conversation tests for final_exam_close_deal (the final exam's tests are "
        "not installed with the package"
    ) in said
