"""The rubric's `critical:` tags: parsed into the model, located errors when they are wrong."""

from __future__ import annotations

from pathlib import Path

from tests.content.test_loader import edit, line_of
from trainer.content.loader import load_content, validate
from trainer.content.paths import bundled_content_dir


def problems(root: Path) -> list[str]:
    return [str(problem) for problem in validate(root).problems]


def test_critical_tags_and_their_reasons_load(mini: Path) -> None:
    edit(
        mini,
        "scenarios/rubric.yaml",
        "tags:\n",
        "critical:\n  pushy: Pressed the client into a deal.\ntags:\n",
    )
    rubric = load_content(mini).rubric
    assert dict(rubric.critical) == {"pushy": "Pressed the client into a deal."}


def test_a_rubric_without_critical_tags_has_none(mini: Path) -> None:
    assert dict(load_content(mini).rubric.critical) == {}


def test_a_critical_tag_missing_from_tags_is_a_located_error(mini: Path) -> None:
    edit(mini, "scenarios/rubric.yaml", "tags:\n", "critical:\n  pushi: Pressed.\ntags:\n")
    line = line_of(mini, "scenarios/rubric.yaml", "pushi:")
    [message] = problems(mini)
    assert message.endswith(
        f"rubric.yaml:{line}:3: critical tag 'pushi' is not declared under tags "
        "(did you mean 'pushy'?)"
    )


def test_a_critical_reason_must_be_text(mini: Path) -> None:
    edit(mini, "scenarios/rubric.yaml", "tags:\n", "critical:\n  pushy: [a, list]\ntags:\n")
    line = line_of(mini, "scenarios/rubric.yaml", "pushy: [a, list]")
    [message] = problems(mini)
    assert f"rubric.yaml:{line}:10: the reason of critical tag 'pushy' must be text" in message


def test_critical_must_be_a_mapping(mini: Path) -> None:
    edit(mini, "scenarios/rubric.yaml", "tags:\n", "critical: [pushy]\ntags:\n")
    [message] = problems(mini)
    assert "critical must be a mapping" in message


def test_the_bundled_rubric_makes_policy_breaches_critical() -> None:
    rubric = load_content(bundled_content_dir()).rubric
    assert {"concession", "overpromise", "untruth", "unauthorised-offer"} <= set(rubric.critical)
    for tag, reason in rubric.critical.items():
        assert tag in rubric.tags
        # the trainee reads the reason: a plain sentence, no ids or internal terms
        assert reason[0].isupper() and reason.endswith(".")
        assert "_" not in reason and "tag" not in reason.lower()
