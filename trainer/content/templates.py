"""Placeholders such as {name} or {gatekeeper.name} in client lines and replies."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping

PERSONA_FIELDS = ("name", "first_name", "role", "company")
GLOBAL_FIELDS = ("trainee", "our_company", "attempt", "attempts_left")
_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")


def placeholders(text: str) -> Iterator[tuple[str, int]]:
    """Each placeholder in `text` with its offset; `{{` and `}}` are literal braces."""
    for match in _PLACEHOLDER.finditer(text):
        if match.group(1) is not None:
            yield match.group(1).strip(), match.start()


def known_placeholders(cast_roles: Iterable[str]) -> list[str]:
    names = [*PERSONA_FIELDS, *GLOBAL_FIELDS]
    for role in cast_roles:
        names.extend(f"{role}.{name}" for name in PERSONA_FIELDS)
    return names


def render(text: str, values: Mapping[str, str]) -> str:
    """Replace every known placeholder; an unknown one is left visible rather than guessed."""

    def substitute(match: re.Match[str]) -> str:
        if match.group(1) is None:
            return match.group()[0]
        return values.get(match.group(1).strip(), match.group())

    return _PLACEHOLDER.sub(substitute, text)
