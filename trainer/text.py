"""The one sanitiser for human text: what is stored, printed or exported holds no control codes.

Notes, comments, reasons, typed replies and quiz answers come from people and reach other
people's terminals and files. An escape sequence in a note (`ESC ] 0 ; ... ESC \\`) retitles
or clears the reader's terminal; a right-to-left override or a zero-width space makes text
read other than it is stored. On the way in `clean` removes every such character; on the way
out `visible` shows each one that an older row still holds as a harmless mark (the stores,
the CLI, the screens and every export format call the same two functions).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Characters never kept: C0 and C1 controls (ESC, BEL, CSI U+009B, OSC U+009D, ...) and DEL;
# every format character (Unicode category Cf: bidi embeddings, overrides, isolates and marks,
# zero-width space and joiners, word joiner, BOM, soft hyphen, invisible tags); lone
# surrogates; and the line and paragraph separators, which some terminals treat as newlines.
# Tab and newline are handled apart. tests/test_text.py checks this list against unicodedata.
_RANGES = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f"  # Cc except tab and newline
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e"
    "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f"  # Cf
    "\ud800-\udfff"  # Cs
    "\u2028\u2029"  # Zl, Zp
)
_UNSAFE = re.compile(f"[{_RANGES}]")
_LINE_BREAKS = re.compile(r"\r\n|\r|\u2028|\u2029|\x85")  # each is a new line to someone
_BLANK_LINES = re.compile(r"\n{3,}")


@dataclass(frozen=True, slots=True)
class Field:
    """A kind of stored text: what a person calls it, whether it keeps newlines, its limit."""

    what: str
    multiline: bool
    limit: int  # characters, after cleaning

    def too_long(self, text: str, what: str | None = None) -> str | None:
        """The message for text over the limit, naming it `what` (else the field's name)."""
        if len(text) <= self.limit:
            return None
        return (
            f"{what or self.what} can be at most {self.limit:,} characters; "
            f"this one has {len(text):,}"
        )


NOTE = Field("a note", multiline=True, limit=10_000)
REASON = Field("a reason", multiline=True, limit=10_000)
REPLY = Field("a reply", multiline=False, limit=1_000)
ANSWER = Field("an answer", multiline=False, limit=1_000)


def clean(text: str, *, multiline: bool) -> str:
    """`text` without control, bidi or invisible characters, its whitespace tidied.

    One-line text becomes a single line with single spaces; multi-line text keeps its lines
    (every kind of line break becomes a newline; no more than one blank line in a row) and
    its indentation. Leading and trailing blank space goes.
    """
    if multiline:
        text = _LINE_BREAKS.sub("\n", text)
        text = _UNSAFE.sub("", text).replace("\t", "    ")
        lines = [line.rstrip() for line in text.split("\n")]
        return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
    text = _LINE_BREAKS.sub(" ", text)
    return " ".join(_UNSAFE.sub("", text).split())


def without_unsafe(text: str) -> str:
    """`text` without control, bidi or invisible characters, its whitespace left as it is.

    For text that is compared with its source afterwards (a client's line from the content).
    """
    return _UNSAFE.sub("", text) if _UNSAFE.search(text) else text


def cleaned(text: str, field: Field) -> tuple[str, str | None]:
    """`text` cleaned for `field`, and the message when it is over the field's limit."""
    result = clean(text, multiline=field.multiline)
    return result, field.too_long(result)


def cut(text: str, field: Field) -> str:
    """`text` cleaned and, when over the limit, cut to it with a note saying how much was cut.

    For text that must be kept even when too long (an answer already marked): the record
    shows that it was cut rather than storing a megabyte as one line.
    """
    result = clean(text, multiline=field.multiline)
    if len(result) <= field.limit:
        return result
    note = f" [... cut: {len(result):,} characters in all]"
    return result[: field.limit - len(note)].rstrip() + note


def visible(text: str, *, multiline: bool = True) -> str:
    """`text` for a terminal or a file, each unsafe character shown as a mark instead.

    For stored text written before `clean` existed, and any that reaches a screen or an export
    some other way: C0 controls and DEL show as their control pictures (ESC as U+241B ␛), the
    rest (C1 controls, bidi and zero-width characters) as a `\\u....` escape written out.
    Tabs stay; newlines stay when `multiline`, else show as U+2424 ␤. Clean text is returned
    unchanged.
    """
    if not multiline and ("\n" in text or _LINE_BREAKS.search(text)):
        text = _LINE_BREAKS.sub("\n", text).replace("\n", "\u2424")
    if not _UNSAFE.search(text):
        return text
    return _UNSAFE.sub(_mark, text)


def _mark(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the control pictures: ␀ ... ␟
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def json_escaped(document: str) -> str:
    """A JSON document with every unsafe character inside its strings as a `\\u` escape.

    `json.dumps(..., ensure_ascii=False)` escapes C0 controls itself but writes C1, bidi and
    zero-width characters raw; outside strings JSON holds none of them, so all can be escaped.
    """
    if not _UNSAFE.search(document):
        return document
    return _UNSAFE.sub(_json_escape, document)


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000  # a UTF-16 surrogate pair, as JSON spells characters beyond U+FFFF
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
