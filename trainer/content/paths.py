"""Where the content set is: `--content`, $TRAINER_CONTENT, the content folder the working
directory is in (found like git finds its repository), or the bundled one.

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
    """The content set in use: `--content`, else $TRAINER_CONTENT, else the content folder
    the working directory is in, else the bundled one."""
    return content_in_use(option)[0]


def content_in_use(option: str | os.PathLike[str] | None) -> tuple[Path, str]:
    """The content set in use and how it was chosen, in words for the user."""
    if option is not None:
        return _checked(option), "from --content"
    from_environment = os.environ.get(ENV_CONTENT) or None
    if from_environment is not None:
        return _checked(from_environment), f"from {ENV_CONTENT}"
    found = find_content_dir(Path.cwd())
    bundled = bundled_content_dir()
    if found is None or _same(found, bundled):
        return bundled, "the bundled content"
    return found, "the content folder you are in"


def describe_content(option: str | os.PathLike[str] | None) -> str:
    """One line naming the content set in use, for a command's first or last line."""
    root, how = content_in_use(option)
    if how == "the bundled content":
        return f"content: {how} ({root})"
    return f"content: {_shown(root)} ({how})"


def find_content_dir(start: Path) -> Path | None:
    """The nearest folder at or above `start` that holds `scenarios/`, as git finds its
    repository; None when there is none (or the folders cannot be read)."""
    try:
        folder = start.resolve()
        for candidate in (folder, *folder.parents):
            if (candidate / "scenarios").is_dir():
                return candidate
    except (OSError, RuntimeError):  # an unreadable folder or a symlink loop on the way up
        return None
    return None


def _same(one: Path, other: Path) -> bool:
    try:
        return one.resolve() == other.resolve()
    except (OSError, RuntimeError):
        return False


def _shown(root: Path) -> str:
    try:
        relative = os.path.relpath(root, Path.cwd())
    except (OSError, ValueError):
        return str(root)
    if relative == ".":
        return str(root.resolve())
    return str(root) if relative.startswith("..") else relative


def _checked(chosen: str | os.PathLike[str]) -> Path:
    root = Path(chosen).expanduser()
    if root.exists() and not root.is_dir():
        raise TrainerError(f"content folder '{root}' is a file, not a folder")
    if not root.is_dir():
        raise TrainerError(f"content folder '{root}' does not exist")
    if not any((root / folder).is_dir() for folder in CONTENT_FOLDERS):
        raise TrainerError(
            f"'{root}' is not a content folder: it has none of {', '.join(CONTENT_FOLDERS)}/"
        )
    return root
