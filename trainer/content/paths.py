"""Where the content set is: the bundled one, `--content` or $TRAINER_CONTENT.

Kept apart from the loader so that the app can name its content folder, and show its first
screen, before the YAML parser and the models are imported.
"""

from __future__ import annotations

import os
from pathlib import Path

from trainer.errors import TrainerError

CONTENT_FOLDERS = ("scenarios", "personas", "quizzes")
TEST_FOLDER = Path("scenarios") / "tests"
ENV_CONTENT = "TRAINER_CONTENT"


def bundled_content_dir() -> Path:
    """The content shipped with trainer: inside the wheel, or the checkout's top-level folders."""
    package = Path(__file__).resolve().parent.parent
    shipped = package / "_bundled"
    if (shipped / "scenarios").is_dir():
        return shipped
    return package.parent


def resolve_content_dir(option: str | os.PathLike[str] | None) -> Path:
    """The content set in use: `--content`, else $TRAINER_CONTENT, else the bundled one."""
    chosen = option if option is not None else os.environ.get(ENV_CONTENT) or None
    if chosen is None:
        return bundled_content_dir()
    root = Path(chosen).expanduser()
    if not root.is_dir():
        raise TrainerError(f"content folder '{root}' does not exist")
    if not any((root / folder).is_dir() for folder in CONTENT_FOLDERS):
        raise TrainerError(
            f"'{root}' is not a content folder: it has none of {', '.join(CONTENT_FOLDERS)}/"
        )
    return root
