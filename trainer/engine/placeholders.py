"""What each placeholder of a call's lines and replies says to one trainee: `{name}`,
`{trainee}`, `{our_company}`, `{attempts_left}`, and the cast's `{legal.name}`."""

from __future__ import annotations

from collections import ChainMap

from trainer.content.content_set import ContentSet
from trainer.content.persona import Persona
from trainer.content.scenario.model import Scenario

__all__ = ["placeholder_values"]


def placeholder_values(
    content: ContentSet,
    scenario: Scenario,
    persona: Persona,
    *,
    trainee: str,
    attempt: int = 1,
    attempts_left: int | None = None,
) -> ChainMap[str, str]:
    """What each placeholder of a call's lines and replies said to this trainee (see `Session`)."""
    values = _persona_values(persona)
    values["trainee"] = trainee or "(your name)"
    catalogue = content.catalogue
    values["our_company"] = catalogue.company.name if catalogue else "(our company)"
    values["attempt"] = str(attempt)
    values["attempts_left"] = "no limit" if attempts_left is None else str(attempts_left)
    return ChainMap(values, _cast_values(content, scenario))


# The cast's placeholders of each scenario ("legal.name"), the same in every call of it: made
# once rather than per session (a block of ten calls has fifty). One entry per scenario id.
_cast: dict[str, tuple[ContentSet, Scenario, dict[str, str]]] = {}


def _cast_values(content: ContentSet, scenario: Scenario) -> dict[str, str]:
    """Shared by every call's ChainMap, whose writes go to the call's own values only."""
    made = _cast.get(scenario.id)
    if made is None or made[0] is not content or made[1] is not scenario:
        values = {
            f"{role}.{name}": value
            for role, persona_id in scenario.cast.items()
            for name, value in _persona_values(content.persona(persona_id)).items()
        }
        made = _cast[scenario.id] = (content, scenario, values)
    return made[2]


def _persona_values(persona: Persona) -> dict[str, str]:
    return {
        "name": persona.name,
        "first_name": persona.first_name,
        "role": persona.role,
        "company": persona.company,
    }
