"""YAML syntax errors in plain words: what to change, and the line to line it up with."""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

_KEY = re.compile(r"(?P<dash>-\s+)?(?P<key>[^\s#'\"\[{][^:#]*?):(\s|$)")
_BLOCK_TEXT = re.compile(r":\s*[|>][-+0-9]*\s*(#.*)?$")


@dataclass(frozen=True, slots=True)
class _Line:
    """One significant line of the file: where it starts and what it is called."""

    number: int  # 0-based
    column: int  # 0-based, of its first character
    label: str  # "'key:'" or "'-'"
    is_item: bool  # starts with '- '


def explain(text: str, error: yaml.MarkedYAMLError) -> tuple[int, int, str] | None:
    """The 1-based line, column and plain message for a syntax error; None when no plainer
    words are known for it."""
    mark = error.problem_mark
    if mark is None:
        return None
    lines = text.split("\n")
    problem = error.problem or ""
    line = lines[mark.line] if mark.line < len(lines) else ""
    if "cannot start any token" in problem and line[mark.column : mark.column + 1] == "\t":
        return (
            mark.line + 1,
            mark.column + 1,
            "a tab indents this line; YAML indents with spaces only: replace the tab with spaces",
        )
    if error.context == "while scanning a quoted scalar" and error.context_mark is not None:
        start = error.context_mark
        return (
            start.line + 1,
            start.column + 1,
            "this text opens a quote that is never closed: add the closing quote at its end",
        )
    if problem == "could not find expected ':'":
        start = error.context_mark or mark
        return (
            start.line + 1,
            start.column + 1,
            "this line has no 'key:' and is not indented under the text above it: write it as "
            "'key: value', or indent it under the text it continues",
        )
    if error.context in _FLOW_OPENED and error.context_mark is not None:
        unclosed = _unclosed_bracket(lines, error.context_mark, mark, _FLOW_OPENED[error.context])
        if unclosed is not None:
            return unclosed
    if problem == "did not find expected comment or line break":
        opened = _quote_opened_above(lines, mark.line, mark.column)
        if opened is not None:
            return opened
        return (
            mark.line + 1,
            mark.column + 1,
            "more text follows a closing quote: put the whole text inside the quotes",
        )
    if problem == "mapping values are not allowed in this context":
        return _colon_in_value(lines, mark.line, mark.column)
    if problem in ("did not find expected key", "did not find expected '-' indicator"):
        if line[: mark.column].strip() and any(q in line[: mark.column] for q in "'\""):
            opened = _quote_opened_above(lines, mark.line, mark.column)
            if opened is not None:
                return opened
            return (
                mark.line + 1,
                mark.column + 1,
                "more text follows a closing quote: put the whole text inside the quotes",
            )
        if line[: mark.column].strip():
            return None
        return _misaligned(lines, mark.line)
    return None


_FLOW_OPENED = {"while parsing a flow sequence": "[]", "while parsing a flow mapping": "{}"}
_QUOTED_VALUE = re.compile(r"""^\s*(?:-\s+)?(?:[^\s#'"\[{][^:#]*:\s+)?(?P<quote>['"])""")


def _unclosed_bracket(
    lines: list[str], opened: yaml.Mark, found: yaml.Mark, pair: str
) -> tuple[int, int, str] | None:
    """A '[' or '{' that its own line never closes, when the parser stumbles on a later line."""
    if found.line == opened.line or opened.line >= len(lines):
        return None
    rest = lines[opened.line][opened.column :]
    if rest.count(pair[0]) <= rest.count(pair[1]):
        return None
    what = "list" if pair == "[]" else "mapping"
    return (
        opened.line + 1,
        opened.column + 1,
        f"this {what} opens with '{pair[0]}' but its line never closes it: add '{pair[1]}' "
        "at its end",
    )


def _quote_opened_above(lines: list[str], number: int, column: int) -> tuple[int, int, str] | None:
    """The line whose quote was never closed, when a later line's first quote closed it and the
    parser stumbles on what follows; None when this line's quotes are its own."""
    before = lines[number][:column]
    quote = next((q for q in reversed(before) if q in "'\""), None)
    if quote is None or before.count(quote) % 2 == 0:
        return None
    for above in range(number - 1, -1, -1):
        text = lines[above]
        start = _QUOTED_VALUE.match(text)
        if start is not None and start.group("quote") == quote and text.count(quote) % 2 == 1:
            return (
                above + 1,
                start.start("quote") + 1,
                f"this text opens a quote that is never closed on its line, so it runs on to "
                f"line {number + 1}: add the closing quote at its end",
            )
    return None


def _colon_in_value(lines: list[str], number: int, column: int) -> tuple[int, int, str] | None:
    line = lines[number]
    match = _KEY.match(line, len(line) - len(line.lstrip()))
    if match is not None and match.end() <= column:
        # `say: Who is this: really?` - the colon is inside the value.
        value = line[match.end() :].strip()
        quoted = f'"{value}"' if '"' not in value else "'" + value.replace("'", "''") + "'"
        key = match.group("key").strip()
        return (
            number + 1,
            match.end() + 1,
            f"text containing ': ' must be in quotes: write {key}: {quoted}",
        )
    # `to: lost` indented under `text: ...`: YAML reads it as more of the line above's text.
    above = _significant(lines, number)
    if not above:
        return None
    previous = above[-1]
    here = _describe(lines, number)
    return (
        number + 1,
        here.column + 1,
        f"{here.label} is indented more than {previous.label} on line {previous.number + 1}, "
        f"so it reads as more of that line's text: line it up with {previous.label} "
        f"(column {_key_column(lines, previous) + 1})",
    )


def _misaligned(lines: list[str], number: int) -> tuple[int, int, str] | None:
    """A line whose indentation fits no block above it: name the root cause and the fix."""
    while number < len(lines) and not _is_significant(lines[number]):
        number += 1
    if number >= len(lines):
        return None
    here = _describe(lines, number)
    above = _significant(lines, number)
    root = _dedented_too_far(lines, above, here)
    if root is not None:
        return root
    open_blocks = _open_blocks(lines, above)
    same = [entry for entry in open_blocks if entry.column == here.column]
    if same and same[-1].is_item and not here.is_item:
        item = same[-1]
        return (
            number + 1,
            here.column + 1,
            f"{here.label} is at the column of the '-' on line {item.number + 1}; the keys of a "
            f"list item line up with the first key after the '-': move it to column "
            f"{_key_column(lines, item) + 1}",
        )
    deeper = [entry for entry in open_blocks if entry.column > here.column]
    if deeper:
        first = deeper[0]
        return (
            number + 1,
            here.column + 1,
            f"{here.label} is at column {here.column + 1}, but {first.label} on line "
            f"{first.number + 1} above it is at column {first.column + 1}: lines of one block "
            "start in the same column",
        )
    candidates = [e for e in open_blocks if e.is_item == here.is_item] or open_blocks
    if not candidates:
        return None
    nearest = min(reversed(candidates), key=lambda entry: abs(entry.column - here.column))
    return (
        number + 1,
        here.column + 1,
        f"{here.label} is at column {here.column + 1}, which lines up with nothing above it: "
        f"line it up with {nearest.label} on line {nearest.number + 1} "
        f"(column {nearest.column + 1})",
    )


def _dedented_too_far(
    lines: list[str], above: list[_Line], here: _Line
) -> tuple[int, int, str] | None:
    """A line moved left of its siblings, found when a later sibling no longer fits.

    The culprit sits between the last line at `here`'s column and `here`, further left, and its
    own lines are indented like the sibling's: it was meant to be one of them.
    """
    sibling_index = next(
        (i for i in range(len(above) - 1, -1, -1) if above[i].column == here.column), None
    )
    if sibling_index is None:
        return None
    after = above[sibling_index + 1 :]
    culprit_index = next((i for i, e in enumerate(after) if e.column < here.column), None)
    if culprit_index is None:
        return None
    culprit = after[culprit_index]
    sibling = above[sibling_index]
    sibling_child = next(
        (e.column for e in after[:culprit_index] if e.column > sibling.column), None
    )
    culprit_child = next((e.column for e in after[culprit_index + 1 :]), None)
    if sibling_child is None or sibling_child != culprit_child:
        return None
    return (
        culprit.number + 1,
        culprit.column + 1,
        f"{culprit.label} is at column {culprit.column + 1}, left of {sibling.label} on line "
        f"{sibling.number + 1}, so the lines after it no longer fit (line {here.number + 1}): "
        f"indent it and the lines under it to column {sibling.column + 1}",
    )


def _open_blocks(lines: list[str], above: list[_Line]) -> list[_Line]:
    """The blocks still open after `above`, outermost first, as their latest line."""
    stack: list[_Line] = []
    for entry in above:
        while stack and stack[-1].column > entry.column:
            stack.pop()
        if stack and stack[-1].column == entry.column:
            stack.pop()
        stack.append(entry)
        if entry.is_item:
            inner = lines[entry.number]
            key_column = _key_column(lines, entry)
            if key_column > entry.column and _KEY.match(inner, key_column):
                stack.append(_Line(entry.number, key_column, _label(inner, key_column), False))
    return stack


def _significant(lines: list[str], before: int) -> list[_Line]:
    """The lines before `before` that carry keys or items, skipping block text and comments."""
    found: list[_Line] = []
    text_above: int | None = None  # the column of a `key: |` whose text lines follow
    for number in range(before):
        line = lines[number]
        if not _is_significant(line):
            continue
        column = len(line) - len(line.lstrip(" "))
        if text_above is not None and column > text_above:
            continue
        text_above = None
        found.append(_describe(lines, number))
        if _BLOCK_TEXT.search(line):
            text_above = column
    return found


def _describe(lines: list[str], number: int) -> _Line:
    line = lines[number]
    column = len(line) - len(line.lstrip(" "))
    return _Line(number, column, _label(line, column), line[column:].startswith("- "))


def _label(line: str, column: int) -> str:
    rest = line[column:]
    if rest.startswith("-") and rest[1:2] in (" ", ""):
        inner = _KEY.match(line, column)
        return f"'- {inner.group('key').strip()}:'" if inner else "'-'"
    match = _KEY.match(line, column)
    return f"'{match.group('key').strip()}:'" if match else f"'{rest.strip()[:20]}'"


def _key_column(lines: list[str], entry: _Line) -> int:
    """The column of the first key on an entry's line (after its '-', for a list item)."""
    line = lines[entry.number]
    if not entry.is_item:
        return entry.column
    rest = line[entry.column + 1 :]
    return entry.column + 1 + len(rest) - len(rest.lstrip(" "))


def _is_significant(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")
