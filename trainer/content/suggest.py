"""Suggestions for mistyped names: the nearest known name, as "did you mean" text.

The work per suggestion is bounded whatever the number of known names, so a file full of
unknown names is checked in time linear in its size: small sets are compared whole; large ones
through `Names`, an index that offers each word at most `CANDIDATES` names to compare.
"""

from __future__ import annotations

import difflib
import threading
from collections import OrderedDict
from collections.abc import Collection, Iterable, Iterator, Mapping, Set

CUTOFF = 0.6  # difflib's similarity ratio a name must reach to be offered as "did you mean"
CANDIDATES = 24  # names compared with one word, at most
SMALL = 100  # sets up to this size are compared whole
LONGEST = 80  # longer words get no suggestion: comparing them costs their length squared


class Names(Collection[str]):
    """Known names in their order, with O(1) membership and bounded nearest-name look-ups.

    The index is built on the first look-up: each name under itself and under each of its
    one-character deletions (so a typo of one or two characters finds its name directly),
    and under its length and first letter for the rest.
    """

    def __init__(self, names: Iterable[str] = ()) -> None:
        self._names: dict[str, None] = dict.fromkeys(names)
        self._deletions: dict[str, list[str]] | None = None
        self._by_length: dict[int, list[str]] = {}
        self._by_start: dict[tuple[int, str], list[str]] = {}

    def __contains__(self, name: object) -> bool:
        return name in self._names

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def __repr__(self) -> str:
        return f"Names({list(self._names)!r})"

    def closest(self, word: str) -> str | None:
        """The known name most like `word`, when one is close enough to be a likely typo."""
        if len(word) > LONGEST:
            return None
        if len(self._names) <= SMALL:
            return _best(word, self._names)
        return _best(word, self._candidates(word))

    def _candidates(self, word: str) -> list[str]:
        deletions = self._index()
        found: dict[str, None] = {}
        for key in (word, *_deleted(word)):
            for name in deletions.get(key, ())[:CANDIDATES]:
                found[name] = None
            if len(found) >= CANDIDATES:
                return list(found)[:CANDIDATES]
        if found:  # a name one or two edits away beats any merely similar one
            return list(found)
        # A ratio of CUTOFF needs lengths within 3/7 and 7/3 of each other; nearest first.
        size = len(word)
        lengths = sorted(
            (n for n in self._by_length if 3 * size <= 7 * n and 3 * n <= 7 * size),
            key=lambda n: abs(n - size),
        )
        first = word[:1]
        for buckets in (
            (self._by_start.get((n, first), ()) for n in lengths),
            (self._by_length[n] for n in lengths),
        ):
            for bucket in buckets:
                for name in bucket[:CANDIDATES]:
                    found[name] = None
                    if len(found) >= CANDIDATES:
                        return list(found)
        return list(found)

    def _index(self) -> dict[str, list[str]]:
        # Built whole before it is published, so two threads asking at once only both build it.
        if self._deletions is None:
            deletions: dict[str, list[str]] = {}
            by_length: dict[int, list[str]] = {}
            by_start: dict[tuple[int, str], list[str]] = {}
            for name in self._names:
                if len(name) > LONGEST:
                    continue
                for key in (name, *_deleted(name)):
                    deletions.setdefault(key, []).append(name)
                by_length.setdefault(len(name), []).append(name)
                by_start.setdefault((len(name), name[:1]), []).append(name)
            self._by_length, self._by_start = by_length, by_start
            self._deletions = deletions
        return self._deletions


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice most like `word`, when one is close enough to be a likely typo."""
    if isinstance(choices, Names):
        return choices.closest(word)
    if len(word) > LONGEST:
        return None
    if isinstance(choices, Mapping | Set) and len(choices) > SMALL:
        match = _indexed(choices).closest(word)
        if match is None or match in choices:
            return match
        return _indexed(choices, fresh=True).closest(word)  # changed under the same size
    names = [name for name in choices if len(name) <= LONGEST]
    if len(names) > SMALL:
        # A one-off list: keep the names of a near length, as many as one look-up may compare.
        size = len(word)
        names = [name for name in names if abs(len(name) - size) <= 2][:CANDIDATES]
    return _best(word, names)


# Large mappings asked again and again (a scenario's nodes, every persona): their index, by
# identity. The mapping itself is kept, so its id cannot be reused; a change of size rebuilds.
_INDEXED: OrderedDict[int, tuple[Collection[str], int, Names]] = OrderedDict()
_INDEXED_KEPT = 8


_INDEXED_LOCK = threading.Lock()  # the app checks content in a worker thread


def _indexed(choices: Mapping[str, object] | Set[str], *, fresh: bool = False) -> Names:
    key = id(choices)
    with _INDEXED_LOCK:
        found = _INDEXED.get(key)
        if not fresh and found is not None and found[0] is choices and found[1] == len(choices):
            _INDEXED.move_to_end(key)
            return found[2]
        names = Names(choices)
        _INDEXED[key] = (choices, len(choices), names)
        while len(_INDEXED) > _INDEXED_KEPT:
            _INDEXED.popitem(last=False)
        return names


def suggestion(word: str, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the closest choice, or '' when nothing is close."""
    match = closest(word, choices)
    return f" (did you mean '{match}'?)" if match else ""


def _best(word: str, names: Iterable[str]) -> str | None:
    close = difflib.get_close_matches(word, list(names), n=1, cutoff=CUTOFF)
    return close[0] if close else None


def _deleted(word: str) -> Iterator[str]:
    """`word` with each one of its characters left out (each distinct form once)."""
    seen: set[str] = set()
    for index in range(len(word)):
        form = word[:index] + word[index + 1 :]
        if form not in seen:
            seen.add(form)
            yield form
