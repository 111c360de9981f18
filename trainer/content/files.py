"""Content files read from disk without YAML: which files a set has, each file's text read
safely, how a path is shown, and the collector paused while a set is read.

A set read back from the content cache needs only this to find and hash its files: PyYAML and
the parsers (`yamlsource`, `context`, the kinds' parsers) load only when a file is parsed.
"""

from __future__ import annotations

import contextlib
import gc
import os
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

from trainer.content.paths import CONTENT_FOLDERS, TEST_FOLDER
from trainer.content.problems import Problem
from trainer.errors import ContentError, Location

MAX_FILE_BYTES = 5 * 1024 * 1024

# Never block on a FIFO, never become its controlling terminal, never pass the descriptor on;
# the flags a platform lacks (Windows has neither FIFOs nor terminals as files) are left out.
_READ_FLAGS = os.O_RDONLY
for _flag in ("O_NONBLOCK", "O_NOCTTY", "O_CLOEXEC", "O_BINARY"):
    _READ_FLAGS |= getattr(os, _flag, 0)


def _reason(error: OSError) -> str:
    return error.strerror or type(error).__name__


def _file_type(mode: int) -> str:
    for check, name in (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if check(mode):
            return name
    return "a special file"


def content_files(root: Path, problems: list[Problem] | None = None) -> list[Path]:
    """Every content file of the set, in a stable order.

    A folder that cannot be listed (unreadable, a symlink loop) is a problem added to
    `problems`, not a silently empty folder: its files' absence would be reported as
    missing personas or scenarios, far from the cause.
    """
    files: list[Path] = []
    for folder in (*CONTENT_FOLDERS, TEST_FOLDER):
        directory = root / folder
        try:
            with os.scandir(directory) as entries:
                names = [entry.name for entry in entries if entry.name.endswith(".yaml")]
        except (FileNotFoundError, NotADirectoryError):
            continue
        except OSError as error:
            if problems is not None:
                reason = error.strerror or type(error).__name__
                problems.append(
                    Problem(Location(shown_path(directory)), f"cannot read folder: {reason}")
                )
            continue
        files.extend(directory / name for name in sorted(names))
    return files


def shown_path(path: Path) -> Path:
    """How to print a path: relative to the working directory when it lies below it."""
    try:
        cwd = os.getcwd()
        # The path as written first: a symlink to /dev/zero is shown as the link, not /dev/zero.
        for absolute in (os.path.abspath(path), os.path.realpath(path)):
            if os.path.commonpath((absolute, cwd)) == cwd:
                return Path(os.path.relpath(absolute, cwd))
    except (OSError, ValueError):  # no working directory any more: the path as given
        return path
    return path


def read_text(path: Path, shown_as: Path) -> str:
    """The file's text, refusing anything but a regular file of hand-written size.

    A FIFO would block the open or the read forever and a device (a symlink to /dev/zero)
    reports size 0 and never ends, so the file is opened without blocking, its type checked
    on the open descriptor (after every symlink is followed), and at most the cap read.
    """
    megabytes = MAX_FILE_BYTES // (1024 * 1024)
    limit = f"content files are limited to {megabytes} MB"
    try:
        descriptor = os.open(path, _READ_FLAGS)
    except OSError as error:
        raise ContentError(Location(shown_as), f"cannot read file: {_reason(error)}") from error
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise ContentError(
                Location(shown_as), f"{_file_type(status.st_mode)}, not a file; only files are read"
            )
        if status.st_size > MAX_FILE_BYTES:
            raise ContentError(
                Location(shown_as), f"file is {status.st_size / 1e6:.1f} MB; {limit}"
            )
        with os.fdopen(descriptor, "rb", closefd=False) as file:
            data = file.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise ContentError(Location(shown_as), f"cannot read file: {_reason(error)}") from error
    finally:
        os.close(descriptor)
    if len(data) > MAX_FILE_BYTES:  # the file grew after it was measured
        raise ContentError(Location(shown_as), f"file is over {megabytes} MB; {limit}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        good = data[: error.start].decode("utf-8")
        raise ContentError(
            text_position(good, shown_as, len(good)), "file is not UTF-8 text"
        ) from error
    # Universal newlines, as reading in text mode gives: the same text (and digest) on any OS.
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def text_position(text: str, path: Path, offset: int) -> Location:
    """The line and column `offset` characters into `text`."""
    line_start = text.rfind("\n", 0, offset) + 1
    return Location(path, text.count("\n", 0, offset) + 1, offset - line_start + 1)


_gc_lock = threading.Lock()
_gc_pauses = 0  # callers inside `cyclic_gc_paused`; the collector resumes when none is left
_gc_resume = False  # whether the collector ran before the first of them paused it


@contextlib.contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a content set is read and checked.

    Node trees and models are hundreds of thousands of objects, none of them garbage: each
    full collection walks them all again, which made checking grow with the square of the
    size (20k nodes: 4.4 s, 2.0 s paused). Cyclic garbage made meanwhile waits till after.
    """
    global _gc_pauses, _gc_resume
    with _gc_lock:
        if _gc_pauses == 0:
            _gc_resume = gc.isenabled()
            gc.disable()
        _gc_pauses += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pauses -= 1
            if _gc_pauses == 0 and _gc_resume:
                gc.enable()
