"""Build hook: ship the top-level content folders inside the wheel as trainer/_bundled/.

An install gets what it plays and what checks it (scenarios, personas, quizzes, and the tests
and typed lines of the practice scenarios). Not shipped: the held-back typed-line sets, which
only measure the matcher in the source tree, and the final exam's conversation tests and typed
lines, a ready walkthrough of its best path (docs/security.md says why).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

CONTENT_DIRS = ("scenarios", "personas", "quizzes")
TESTS = Path("scenarios") / "tests"
HELD_BACK_PREFIX = "held_back"  # trainer.content.typed.HELD_BACK_PREFIX
# Top-level keys, read without PyYAML (a build has only setuptools); a test checks the choice
# against the parsed content.
_ID = re.compile(r"^id:\s*['\"]?([\w-]+)", re.M)
_EXAM = re.compile(r"^exam:\s*true\s*(?:#.*)?$", re.M)
_SCENARIO = re.compile(r"^scenario:\s*['\"]?([\w-]+)", re.M)


def exam_ids(root: Path) -> set[str]:
    """The ids of the scenarios under `root`/scenarios that say `exam: true`."""
    found = set()
    for path in (root / "scenarios").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        named = _ID.search(text)
        if named and _EXAM.search(text):
            found.add(named.group(1))
    return found


def shipped(root: Path) -> Iterator[Path]:
    """The content files under `root` that go into the wheel, relative to `root`."""
    exams = exam_ids(root)
    for folder in CONTENT_DIRS:
        for source in sorted((root / folder).rglob("*.yaml")):
            relative = source.relative_to(root)
            if relative.is_relative_to(TESTS):
                if any(part.startswith(HELD_BACK_PREFIX) for part in relative.parts):
                    continue
                about = _SCENARIO.search(source.read_text(encoding="utf-8"))
                if about and about.group(1) in exams:
                    continue
            yield relative


if __name__ == "__main__":  # as setuptools runs it; a test imports it for `shipped` alone
    from setuptools import setup
    from setuptools.command.build_py import build_py

    class BuildPyWithContent(build_py):
        """Copy the bundled YAML content next to the package; editable installs read it in
        place."""

        def run(self) -> None:
            super().run()
            root = Path(__file__).parent
            target = Path(self.build_lib) / "trainer" / "_bundled"
            # An in-tree build reuses build/lib: what an earlier build shipped must not stay.
            shutil.rmtree(target, ignore_errors=True)
            for relative in shipped(root):
                destination = target / relative
                self.mkpath(str(destination.parent))
                self.copy_file(str(root / relative), str(destination))

    setup(cmdclass={"build_py": BuildPyWithContent})
