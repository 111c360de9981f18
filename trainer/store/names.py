"""People's names as stored: one normal form, and no name that reads as someone else's.

A mentor's name signs notes, overrides and retake grants, and a trainee's name is how a mentor
finds their records, so two names that look the same on screen must not both exist. A name is
NFKC-normalised (fullwidth and other compatibility forms become plain letters), stripped of the
characters nobody sees (zero-width, bidi marks and overrides, soft hyphen, variation selectors),
and compared with the names already taken through the Unicode confusable skeleton of UTS #39
(a Cyrillic capital O and a Latin O share one), case ignored. A word mixing alphabets is refused:
no real name is half Latin and half Cyrillic, and such a word exists only to pass for another.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

from trainer.errors import StoreError

MAX_NAME_LENGTH = 80

# Default-ignorable characters outside the format category (Cf): the combining grapheme joiner,
# Hangul fillers, Khmer inherent vowels, Mongolian and other variation selectors.
_IGNORABLE = re.compile(
    "[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u3164\ufe00-\ufe0f\uffa0\U000e0100-\U000e01ef]"
)
_JOINERS = "\u200c\u200d"
_NON_JOINING_SCRIPTS = {"LATIN", "CYRILLIC", "GREEK", "COMMON", "INHERITED"}
_NO_JOINERS = str.maketrans("", "", _JOINERS)
# Scripts that mix freely with any other: spaces, digits, punctuation, combining accents.
_ANY_SCRIPT = ["COMMON", "INHERITED"]


def clean_name(name: str, who: str) -> str:
    """`name` in its stored form, or a StoreError saying why it cannot be a `who`'s name.

    `who` is "mentor" or "trainee", for the messages.
    """
    text = unicodedata.normalize("NFKC", name)
    text = "".join(
        char
        for index, char in enumerate(text)
        if _joiner_that_shapes(text, index)
        or (unicodedata.category(char) != "Cf" and not _IGNORABLE.fullmatch(char))
    )
    # Removing a joiner can leave a letter and its accent apart: compose them again.
    text = " ".join(unicodedata.normalize("NFKC", text).split())
    article = "an" if who[0] in "aeiou" else "a"
    if not text:
        raise StoreError(f"{article} {who} needs a name")
    if len(text) > MAX_NAME_LENGTH:
        raise StoreError(f"{article} {who}'s name can be at most {MAX_NAME_LENGTH} characters")
    if any(unicodedata.category(char) == "Cc" for char in text):
        raise StoreError(f"{article} {who}'s name cannot contain control characters")
    from confusable_homoglyphs import confusables

    for word in text.split():
        if confusables.is_mixed_script(word, allowed_aliases=_ANY_SCRIPT):
            raise StoreError(
                f"'{word}' mixes letters of different alphabets; type {article} {who}'s name "
                "in one alphabet"
            )
    # Loads the confusables table now, not inside the write transaction that compares names:
    # building it there would hold every other trainer's writes for a tenth of a second.
    _prototypes()
    return text


def _joiner_that_shapes(text: str, index: int) -> bool:
    """Whether text[index] is a zero-width (non-)joiner between two letters of a script that
    joins them (Persian, the Indic scripts): there it changes how the name is written."""
    if text[index] not in _JOINERS or index == 0 or index == len(text) - 1:
        return False
    from confusable_homoglyphs import categories

    return all(
        unicodedata.category(neighbour)[0] in "LM"
        and categories.alias(neighbour) not in _NON_JOINING_SCRIPTS
        for neighbour in (text[index - 1], text[index + 1])
    )


def same_name(a: str, b: str) -> bool:
    """Whether two stored names are the same name, case ignored (as sign-in compares them)."""
    return a.casefold() == b.casefold()


def skeleton(name: str) -> str:
    """The UTS #39 skeleton of `name`: equal for strings that look alike letter for letter."""
    prototypes = _prototypes()
    decomposed = unicodedata.normalize("NFD", name).translate(_NO_JOINERS)
    return unicodedata.normalize("NFD", "".join(prototypes.get(c, c) for c in decomposed))


def lookalike(name: str, taken: Iterable[str]) -> str | None:
    """The first of `taken` that is `name` or looks like it, case ignored, if any."""
    wanted = _forms(name)
    for other in taken:
        forms = _forms(other)
        if same_name(name, other) or any(map(str.__eq__, wanted, forms)):
            return other
    return None


def _forms(name: str) -> tuple[str, str, str]:
    # Skeletons are case-sensitive ("I" passes for "l", "i" does not), so a name is compared
    # as written, lower case and upper case: "ANNA" in Greek capitals is caught.
    return skeleton(name), skeleton(name.casefold()), skeleton(name.upper())


def refuse_lookalike(name: str, taken: Iterable[str], who: str) -> None:
    """A StoreError when `name` is, or reads as, one of the `taken` names of the `who`s."""
    other = lookalike(name, taken)
    if other is None:
        return
    article = "an" if who[0] in "aeiou" else "a"
    if same_name(name, other):
        raise StoreError(f"{article} {who} named {other} already exists")
    raise StoreError(
        f"'{name}' looks the same as the {who} {other} on screen; choose a name that reads "
        "differently"
    )


@functools.cache
def _prototypes() -> dict[str, str]:
    """Each confusable character mapped to one representative of the characters it passes for.

    Built from the UTS #39 confusables that `confusable_homoglyphs` ships: characters linked as
    homoglyphs form one class, represented by its smallest member. Sequences (such as "rn" for
    "m") are left out: names are compared letter by letter.
    """
    from confusable_homoglyphs import confusables

    parent: dict[str, str] = {}

    def root(char: str) -> str:
        while parent.get(char, char) != char:
            parent[char] = parent.get(parent[char], parent[char])
            char = parent[char]
        return char

    def join(a: str, b: str) -> None:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for char, homoglyphs in confusables.confusables_data.items():
        if len(char) != 1:
            continue
        for homoglyph in homoglyphs:
            # The data wraps right-to-left glyphs in direction marks; they are not part of them.
            glyph = homoglyph["c"].strip("\u200e\u200f")
            if len(glyph) == 1:
                join(char, glyph)
    return {char: root(char) for char in parent}
