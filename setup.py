"""Build hook: ship the top-level content folders inside the wheel as trainer/_bundled/."""

from __future__ import annotations

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

CONTENT_DIRS = ("scenarios", "personas", "quizzes")


class BuildPyWithContent(build_py):
    """Copy the bundled YAML content next to the package; editable installs read it in place."""

    def run(self) -> None:
        super().run()
        root = Path(__file__).parent
        target = Path(self.build_lib) / "trainer" / "_bundled"
        for folder in CONTENT_DIRS:
            for source in sorted((root / folder).rglob("*.yaml")):
                destination = target / source.relative_to(root)
                self.mkpath(str(destination.parent))
                self.copy_file(str(source), str(destination))


setup(cmdclass={"build_py": BuildPyWithContent})
