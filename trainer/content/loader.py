"""Find, read and check a whole content set: every problem in every file, with its location.

`validate` is the way in. A set whose files are unchanged is read back from the content cache
with the models alone; only a set that must be read anew loads PyYAML and the parsers
(`checking`), so a warm start imports neither.
"""

from __future__ import annotations

import gc
from collections.abc import Sequence
from pathlib import Path

from trainer.content.cache import ContentCache
from trainer.content.content_set import (
    PERSONA_PART,
    TESTS_PART,
    ContentSet,
    ScenarioSummary,
    Validation,
    from_cache,
    split_for_cache,
)
from trainer.content.files import content_files, cyclic_gc_paused, read_text, shown_path
from trainer.content.problems import Problem, Progress, Severity, first_error
from trainer.errors import ContentError


def validate(
    root: Path,
    extra_files: Sequence[Path] = (),
    progress: Progress | None = None,
    cache: ContentCache | None = None,
) -> Validation:
    """Read every file of the content set at `root` (plus `extra_files`) and check it all.

    `progress`, when given, is told how far the work is after each file read and each scenario
    analysed, for a progress bar on large content sets. With a `cache`, a set whose files are
    unchanged since it was last checked without errors is read back from it, warnings and all;
    a set checked anew is saved there when it has no errors.
    """
    report = progress or (lambda done, total: None)
    with cyclic_gc_paused():
        if cache is None or extra_files:
            return _validate(root, extra_files, report, {})
        key = _key(cache, root)
        if key is None:  # a file or folder that cannot be read: the check says which
            return _validate(root, extra_files, report, {})
        result = _read_back(cache, root, key)
        if result is None:
            # Checked and saved under the key of the texts read now (a file may change meanwhile).
            texts = _texts(root)
            if texts is None:
                return _validate(root, extra_files, report, {})
            key = cache.key(root, texts.items())
            result = _validate(root, extra_files, report, texts)
            if result.content is not None:
                content = result.content
                # Each scenario and persona is saved on its own and read back when first asked
                # for: a large library starts with its summaries and its personas' ids, and a
                # scenario or persona is built when it is opened. The conversation tests, which
                # only `trainer test` runs, are a part of their own.
                stripped, parts = split_for_cache(content)
                head = (result.problems, stripped, content.summaries, tuple(content.personas))
                cache.save(root, key, head, parts)
        # Read back or checked anew, the set lives as long as the command: frozen, the collector
        # never walks its objects again (the node trees it came from hold no cycles: all freed).
        gc.freeze()
        return result


def _read_back(cache: ContentCache, root: Path, key: bytes) -> Validation | None:
    """The checked set saved for `root` under `key`, its scenarios and personas built on
    demand; None when there is no entry, or it does not hold what `validate` saves."""
    entry = cache.load(root, key)
    if entry is None:
        return None
    head = entry.value
    if not (isinstance(head, tuple) and len(head) == 4):
        return None
    problems, content, summaries, personas = head
    usable = (
        isinstance(problems, list)
        and all(
            isinstance(problem, Problem) and problem.severity is Severity.WARNING
            for problem in problems
        )
        and isinstance(content, ContentSet)
        and not content.scenarios
        and not content.personas
        and isinstance(summaries, dict)
        and all(
            isinstance(summary, ScenarioSummary) and scenario_id in entry.parts
            for scenario_id, summary in summaries.items()
        )
        and isinstance(personas, tuple)
        and all(
            isinstance(persona_id, str) and PERSONA_PART + persona_id in entry.parts
            for persona_id in personas
        )
        and TESTS_PART in entry.parts
    )
    if not usable:
        return None
    return Validation(from_cache(content, summaries, personas, entry.parts.load), problems)


def _key(cache: ContentCache, root: Path) -> bytes | None:
    """The cache key of the set at `root` (None when a file cannot be read), its files hashed
    one at a time: a large library's text (20 MB for 1,000 scenarios) is never held at once."""
    problems: list[Problem] = []
    files = content_files(root, problems)
    if problems:
        return None
    try:
        return cache.key(root, ((path, read_text(path, path)) for path in files))
    except ContentError:
        return None


def _texts(root: Path) -> dict[Path, str] | None:
    """The text of every file of the set at `root`; None when one of them cannot be read."""
    problems: list[Problem] = []
    files = content_files(root, problems)
    texts: dict[Path, str] = {}
    for path in files:
        try:
            texts[path] = read_text(path, path)
        except ContentError:
            return None
    return None if problems else texts


def _validate(
    root: Path, extra_files: Sequence[Path], report: Progress, texts: dict[Path, str]
) -> Validation:
    """Every file parsed and checked (`checking.check`); imported here, so that a set read
    back from the cache loads neither PyYAML nor the parsers."""
    from trainer.content.checking import check

    return check(root, extra_files, report, texts)


def load_content(root: Path, cache: ContentCache | None = None) -> ContentSet:
    """The content set at `root` (read back from `cache` when unchanged); raises the first
    error as a ContentError."""
    result = validate(root, cache=cache)
    if result.errors or result.content is None:
        raise first_error(result.errors)
    return result.content


def lookup_file_root(path: Path) -> Path | None:
    """The content set a file belongs to: the folder above it that holds the rubric."""
    try:
        resolved = path.resolve()
        for candidate in (resolved.parent.parent, resolved.parent.parent.parent):
            if (candidate / "scenarios" / "rubric.yaml").is_file():
                return candidate
    except (OSError, RuntimeError):  # a symlink loop, an unreadable folder: the file says
        return None
    return None


# What the loader has always offered, whichever module now holds it.
__all__ = [
    "Progress",
    "Validation",
    "content_files",
    "load_content",
    "lookup_file_root",
    "shown_path",
    "validate",
]
