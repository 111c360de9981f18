"""The compiled content cache: a checked content set kept in the user's data folder, keyed by
its files' contents, so that the next start reads it back instead of parsing every file again.

An entry is one file per content folder, `<data folder>/cache/<hash of the folder>.cache`:

    MAGIC | key (32 bytes) | MAC of key + payload (32 bytes) | payload

where the payload is the head's length (8 bytes), the head (a pickle of the saved value and of
a table of parts) and the parts, each a pickle of its own. A part (a scenario's nodes, a
persona) is read and unpickled only when it is first asked for, so a large library starts with
its head alone; the table holds each part's place and hash, checked again when it is read.

Every hash is BLAKE2b of 32 bytes, and the MAC is BLAKE2b keyed with the user's secret (a MAC by
design, RFC 7693: no HMAC construction is needed around it). The key is a hash over the cache
format, trainer's version, the source of the content
package (a parser changed in place is a different parser), Python's version, the folder as
given and the working directory (the paths in messages are shown relative to it), and every
content file's name and the hash of its text: contents, never modification times, so a file
edited and restored, or copied with a new time, is judged by what it says.

Pickle can run code while it loads, so an entry is only ever unpickled after three checks:
the folder and the secret are the user's own and private (0700 and 0600, owned by them); the
header and key match what the files on disk give now; and the MAC, made with a 32-byte
secret that never leaves that folder, matches. A file copied in from elsewhere, truncated,
damaged or written by another version fails one of them and is ignored and replaced. Whoever
could forge an entry could already write to the user's private folder, that is, be the user.
The unpickler also resolves only the content models' own classes, as a second line.
The whole entry is read and its MAC checked before anything is unpickled; the file stays open
for the parts (an entry is replaced by a rename, never written in place), and each part read
later must still match the hash the checked head gives it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import io
import operator
import os
import pickle
import stat
import sys
import tempfile
import threading
import types
import weakref
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path, PosixPath, PurePosixPath, PureWindowsPath, WindowsPath
from typing import Any

import platformdirs

import trainer
from trainer.errors import TrainerError

# hashlib and hmac load OpenSSL's libcrypto, about 0.5 MB of every app's memory, which the cache
# does not need: BLAKE2b and the constant-time comparison are the interpreter's own built-ins,
# the very ones hashlib.blake2b and hmac.compare_digest hand out (CPython's `random` takes its
# SHA-512 the same way, for the same reason). Another Python gets them through hashlib.
try:
    from _blake2 import blake2b
    from _operator import _compare_digest as compare_digest
except ImportError:  # pragma: no cover - not CPython
    from hashlib import blake2b
    from hmac import compare_digest  # type: ignore[no-redef]

# 3: the conversation tests a part of their own; 4: each persona too; 5: BLAKE2b, not SHA-256
FORMAT = 5
MAGIC = b"trainer content cache\n"
SECRET_FILENAME = "secret"
PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600
_DIGEST = 32
_HEADER = len(MAGIC) + 2 * _DIGEST
_LENGTH = 8  # the head's length, before the head
_CHUNK = 1 << 16  # what is read at once while checking the MAC, into one reused buffer
# What unpickling raises on a damaged or foreign stream, or a class no longer the same.
_UNLOADABLE: tuple[type[Exception], ...] = (pickle.UnpicklingError, EOFError, AttributeError)
_UNLOADABLE += (ImportError, IndexError, KeyError, TypeError, ValueError, MemoryError)
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)


def default_folder() -> Path:
    """`cache/` in the user's data folder, where the database also lives by default."""
    return Path(platformdirs.user_data_dir("trainer")) / "cache"


class ContentCache:
    """Checked content sets saved in `folder`, one entry per content folder."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder if folder is not None else default_folder()

    def key(self, root: Path, texts: Iterable[tuple[Path, str]]) -> bytes:
        """The key of the content set at `root` made of these files' texts."""
        digest = _hash()
        for part in (
            f"format {FORMAT}",
            f"trainer {trainer.__version__} {_package_digest()}",
            f"python {sys.implementation.cache_tag}",
            f"root {root}",
            f"cwd {_cwd()}",
        ):
            digest.update(part.encode() + b"\0")
        for path, text in texts:
            digest.update(str(path).encode("utf-8", "surrogateescape") + b"\0")
            digest.update(_hash(text.encode("utf-8", "surrogatepass")).digest())
        return digest.digest()

    def load(self, root: Path, key: bytes) -> Entry | None:
        """The entry saved for `root` under `key`, or None when there is none to trust."""
        secret = self._secret(create=False)
        if secret is None:
            return None
        try:
            descriptor = os.open(self._entry(root), _OPEN_FLAGS)
        except OSError:
            return None
        file = os.fdopen(descriptor, "rb")
        try:
            status = os.fstat(descriptor)
            if not _private(status, PRIVATE_FILE) or not stat.S_ISREG(status.st_mode):
                file.close()
                return None
            head = _checked_head(file, key, secret, status.st_size)
        except OSError:
            head = None
        if head is None:
            file.close()
            return None
        try:
            value, table = _Unpickler(io.BytesIO(head)).load()
            if not isinstance(table, dict):
                raise TypeError("the table of parts is not a table")
        except _UNLOADABLE:  # an entry that does not load is no entry: it is rebuilt
            file.close()
            return None
        return Entry(value, Parts(file, table))

    def save(
        self, root: Path, key: bytes, value: object, parts: Mapping[str, object] | None = None
    ) -> None:
        """Save `value`, and `parts` to be read one by one, for `root` under `key`; a cache
        that cannot be written is skipped."""
        with contextlib.suppress(OSError, pickle.PicklingError, TypeError, AttributeError):
            secret = self._secret(create=True)
            if secret is None:
                return
            reducers = _reducers()
            blobs = [(name, _dumps(part, reducers)) for name, part in (parts or {}).items()]
            table: dict[str, tuple[int, int, bytes]] = {}
            # The head's length is not known before its table is: places count from the
            # first part, and the table says so.
            place = 0
            for name, blob in blobs:
                table[name] = (place, len(blob), _hash(blob).digest())
                place += len(blob)
            head = _dumps((value, table), reducers)
            mac = _mac(secret, key)
            length = len(head).to_bytes(_LENGTH, "big")
            mac.update(length)
            mac.update(head)
            for _, blob in blobs:
                mac.update(blob)
            # mkstemp creates the file 0600; the rename makes the entry appear whole or not at all.
            descriptor, temporary = tempfile.mkstemp(dir=self.folder, prefix=".entry-")
            try:
                with os.fdopen(descriptor, "wb") as file:
                    file.write(MAGIC + key + mac.digest() + length)
                    file.write(head)
                    for _, blob in blobs:
                        file.write(blob)
                os.replace(temporary, self._entry(root))
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise

    def _entry(self, root: Path) -> Path:
        where = _hash(os.path.abspath(root).encode("utf-8", "surrogateescape"))
        return self.folder / f"{where.hexdigest()[:24]}.cache"

    def _secret(self, create: bool) -> bytes | None:
        """The user's secret for the MAC; None when the folder or the secret is not private."""
        if create:
            with contextlib.suppress(OSError):
                self.folder.parent.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
                self.folder.mkdir(mode=PRIVATE_FOLDER, exist_ok=True)
        try:
            if not _private(os.lstat(self.folder), PRIVATE_FOLDER):
                return None
        except OSError:
            return None
        path = self.folder / SECRET_FILENAME
        if create:
            with contextlib.suppress(FileExistsError):
                flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
                descriptor = os.open(path, flags, PRIVATE_FILE)
                with os.fdopen(descriptor, "wb") as file:
                    file.write(os.urandom(_DIGEST))
        try:
            descriptor = os.open(path, _OPEN_FLAGS)
        except OSError:
            return None
        try:
            status = os.fstat(descriptor)
            secret = os.read(descriptor, _DIGEST + 1)
        except OSError:
            return None
        finally:
            os.close(descriptor)
        if not _private(status, PRIVATE_FILE) or len(secret) != _DIGEST:
            return None
        return secret


def _private(status: os.stat_result, mode: int) -> bool:
    """Whether a file or folder is the user's own, with no access for anyone else."""
    kind = stat.S_ISDIR if mode == PRIVATE_FOLDER else stat.S_ISREG
    if not kind(status.st_mode):
        return False
    if hasattr(os, "getuid") and status.st_uid != os.getuid():
        return False
    return os.name == "nt" or not status.st_mode & 0o077


def _hash(data: bytes = b"") -> blake2b:
    """A hash of `data` (more with `update`): BLAKE2b of `_DIGEST` bytes."""
    return blake2b(data, digest_size=_DIGEST)


def _mac(secret: bytes, data: bytes) -> blake2b:
    """The MAC of `data` (more with `update`) under the user's `secret`: keyed BLAKE2b."""
    return blake2b(data, digest_size=_DIGEST, key=secret)


def _cwd() -> str:
    try:
        return os.getcwd()
    except OSError:
        return ""


def _dumps(value: object, reducers: dict[type, _Reducer]) -> bytes:
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = reducers
    pickler.dump(value)
    return buffer.getvalue()


def _checked_head(file: io.BufferedReader, key: bytes, secret: bytes, size: int) -> bytes | None:
    """The head of the entry open in `file` once the whole entry has passed its checks: the
    magic, the key, and the MAC over the key and everything after the header."""
    header = file.read(_HEADER + _LENGTH)
    if len(header) < _HEADER + _LENGTH or header[: len(MAGIC)] != MAGIC:
        return None
    stored_key = header[len(MAGIC) : len(MAGIC) + _DIGEST]
    if not compare_digest(stored_key, key):
        return None
    length = header[_HEADER:]
    wanted = int.from_bytes(length, "big")
    if wanted > size - len(header):  # a damaged length must not make us read for ever
        return None
    head = file.read(wanted)
    if len(head) != wanted:
        return None
    expected = _mac(secret, stored_key)
    expected.update(length)
    expected.update(head)
    # The parts are read in chunks into one small buffer and not kept: they are read again
    # when asked for. A chunk read as a new bytes object each time (a megabyte) stayed in the
    # process's peak memory after it was freed.
    buffer = bytearray(_CHUNK)
    view = memoryview(buffer)
    while count := file.readinto(buffer):
        expected.update(view[:count])
    if not compare_digest(header[len(MAGIC) + _DIGEST : _HEADER], expected.digest()):
        return None
    return head


@dataclasses.dataclass(frozen=True)
class Entry:
    """A checked entry: the value saved, and the parts to read when they are asked for."""

    value: object
    parts: Parts


class Parts:
    """The parts of a checked entry, each read from the open entry and unpickled on demand."""

    def __init__(self, file: io.BufferedReader, table: dict[str, tuple[int, int, bytes]]) -> None:
        self._file = file
        self._table = table
        self._start = _part_start(file)
        self._lock = threading.Lock()
        self._finalizer = weakref.finalize(self, file.close)

    def __contains__(self, name: object) -> bool:
        return name in self._table

    def load(self, name: str) -> object:
        """The part saved as `name`; a CacheError when the entry changed since it was checked."""
        try:
            place, length, digest = self._table[name]
            with self._lock:
                self._file.seek(self._start + place)
                blob = self._file.read(length)
        except (KeyError, ValueError, TypeError, OSError) as error:
            raise CacheError(name) from error
        if _hash(blob).digest() != digest:
            raise CacheError(name)
        try:
            return _Unpickler(io.BytesIO(blob)).load()
        except _UNLOADABLE as error:
            raise CacheError(name) from error

    def close(self) -> None:
        self._finalizer()


def _part_start(file: io.BufferedReader) -> int:
    """Where the parts begin: after the header and the head."""
    file.seek(_HEADER)
    return _HEADER + _LENGTH + int.from_bytes(file.read(_LENGTH), "big")


class CacheError(TrainerError):
    """A part of a checked entry that no longer reads as it did: the entry changed in place."""

    def __init__(self, name: str) -> None:
        super().__init__(
            f"the content cache changed while in use ('{name}' no longer reads back); "
            "start again, or use --no-cache"
        )


@functools.lru_cache(maxsize=1)
def _package_digest() -> str:
    """A hash of the content package's source and the errors module: what builds the models."""
    package = Path(__file__).resolve().parent
    digest = _hash()
    for path in sorted([*package.rglob("*.py"), package.parent / "errors.py"]):
        digest.update(path.relative_to(package.parent).as_posix().encode() + b"\0")
        with contextlib.suppress(OSError):
            digest.update(path.read_bytes())
    return digest.hexdigest()


# Saving and loading: the models are frozen dataclasses with slots, whose default pickling
# asks `dataclasses.fields` again for every object (half a million in a large library); here
# each is saved as its class and its fields in order, and built back through its __init__.
_Reducer = Callable[[Any], tuple[Any, ...]]


def _frozen(items: dict[Any, Any]) -> types.MappingProxyType[Any, Any]:
    return types.MappingProxyType(items)


def _condition(source: str, tree: Any, location: Any) -> Any:
    """A condition built back from its tree; guards are compiled once per distinct source."""
    from trainer.content.conditions import compile_guard
    from trainer.content.scenario.model import Condition

    guard = _guards.get(source)
    if guard is None:
        guard = _guards[source] = compile_guard(tree)
    return Condition(source, tree, guard, location)


_guards: dict[str, Any] = {}
_HELPERS = {"_frozen": _frozen, "_condition": _condition}


def _model_classes() -> list[type]:
    """Every dataclass defined in the modules that content models come from."""
    found: list[type] = []
    for name, module in list(sys.modules.items()):
        if module is None or not (name.startswith("trainer.content") or name == "trainer.errors"):
            continue
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and dataclasses.is_dataclass(value)
                and value.__module__ == name
            ):
                found.append(value)
    return found


def _reducers() -> dict[type, _Reducer]:
    table: dict[type, _Reducer] = {types.MappingProxyType: lambda m: (_frozen, (dict(m),))}
    for cls in _model_classes():
        fields = dataclasses.fields(cls)
        if cls.__name__ == "Condition":
            table[cls] = lambda c: (_condition, (c.source, c.tree, c.location))
        elif all(f.init for f in fields) and not hasattr(cls, "__post_init__"):
            table[cls] = _by_fields(cls, [f.name for f in fields])
    return table


def _by_fields(cls: type, names: list[str]) -> _Reducer:
    if len(names) == 1:
        (name,) = names
        return lambda obj: (cls, (getattr(obj, name),))
    values = operator.attrgetter(*names)
    return lambda obj: (cls, values(obj))


_PATHS = {
    "PosixPath": PosixPath,
    "WindowsPath": WindowsPath,
    "PurePosixPath": PurePosixPath,
    "PureWindowsPath": PureWindowsPath,
    "Path": Path,
}


class _Unpickler(pickle.Unpickler):
    """Resolves only the content models' classes, paths and this module's two builders."""

    def find_class(self, module: str, name: str) -> Any:
        if module == __name__ and name in _HELPERS:
            return _HELPERS[name]
        if module == "pathlib" and name in _PATHS:
            return _PATHS[name]
        if (module.startswith("trainer.content.") or module == "trainer.errors") and (
            module in sys.modules
        ):
            value = getattr(sys.modules[module], name, None)
            if isinstance(value, type) and value.__module__ == module:
                return value
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a content set")
