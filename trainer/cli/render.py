"""How the command line shows calls, scorecards and problems, with rich."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import partial
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from trainer.content.content_set import ContentSet
from trainer.content.outcomes import outcome_label
from trainer.content.scenario.model import Scenario
from trainer.engine.scoring import Score
from trainer.engine.session import Option, Session
from trainer.engine.turns import Mode, Speaker, Turn, turn_record
from trainer.services.stages import Item, ItemKind, stage_number
from trainer.text import visible


def show_turns(console: Console, session: Session, turns: Iterable[Turn]) -> None:
    practice = session.mode is Mode.PRACTICE
    for turn in turns:
        if turn.speaker is Speaker.CLIENT:
            console.print(
                Text.assemble((f"{visible(turn.name)}: ", "bold cyan"), visible(turn.text))
            )
        elif turn.speaker is Speaker.TRAINEE:
            typed = " (typed)" if turn.typed else ""
            console.print(Text.assemble((f"You{typed}: ", "bold green"), visible(turn.text)))
            if turn.typed and turn.reply and practice:
                console.print(
                    Text(f"  matched reply {turn.reply} ({turn.confidence:g}% sure)", "dim")
                )
            if practice and turn.note:
                console.print(Text(f"  Coach: {visible(turn.note)}", "italic yellow"))
        else:
            console.print(Text(visible(turn.text), "dim"))
    if practice and not session.ended:
        meters = "  ".join(
            f"{name} {value}"
            for name, value in session.environment().items()
            if name in ("patience", "trust", "interest")
        )
        console.print(Text(f"  [{meters}]", "dim"))


def show_options(console: Console, options: Sequence[Option]) -> None:
    for option in options:
        console.print(Text.assemble((f"  {option.number}. ", "bold"), visible(option.text)))


def show_scorecard(console: Console, session: Session, score: Score) -> None:
    verdict = Text("PASSED", "bold green") if score.passed else Text("NOT PASSED", "bold red")
    console.print()
    console.print(
        Text.assemble(
            ("Outcome: ", "bold"),
            outcome_label(score.outcome, session.scenario.success),
            "   ",
            ("Score: ", "bold"),
            f"{score.percent:g}% (pass mark {score.pass_mark:g}%)   ",
            verdict,
        )
    )
    table = Table(show_header=True, header_style="bold")
    table.add_column("Skill")
    table.add_column("Points", justify="right")
    table.add_column("%", justify="right")
    table.add_column("Level")
    for skill in score.skills:
        mark = "" if skill.met else " (below must-pass)"
        table.add_row(
            escape(skill.name),
            f"{skill.earned:g}/{skill.best:g}",
            f"{skill.percent:g}",
            escape(skill.level + mark),
        )
    console.print(table)
    for reason in score.reasons:
        console.print(Text(f"- {visible(reason)}", "red"))
    if session.ending_note:
        console.print(Text(visible(session.ending_note), "italic"))
    notes = [turn for turn in session.turns if turn.note]
    if notes and session.mode is Mode.EXAM:
        console.print(Text("Coach notes", "bold"))
        for turn in notes:
            console.print(Text(f"- {visible(turn.text[:60])}: {visible(turn.note)}", "yellow"))


def session_json(session: Session, score: Score) -> dict[str, Any]:
    return {
        "scenario": session.scenario.id,
        "persona": session.persona.id,
        "mode": session.mode.value,
        "seed": session.seed,
        "outcome": score.outcome.value,
        "score": score.percent,
        "pass_mark": score.pass_mark,
        "passed": score.passed,
        "reasons": list(score.reasons),
        "skills": [
            {
                "skill": skill.skill,
                "name": skill.name,
                "earned": skill.earned,
                "best": skill.best,
                "percent": skill.percent,
                "level": skill.level,
            }
            for skill in score.skills
        ],
        "path": session.path,
        "turns": [turn_record(turn) for turn in session.turns],
    }


def content_tables(content: ContentSet) -> list[Table]:
    scenarios = Table(title="Scenarios", title_justify="left", header_style="bold")
    scenarios.add_column("id", no_wrap=True)  # ids are typed back into commands: keep them whole
    for column in ("stage", "call", "title", "personas", "nodes"):
        scenarios.add_column(column)
    if content.programme is not None:
        scenarios.caption = "stage: where the programme puts it; extra: practice outside it"
        scenarios.caption_justify = "left"
    for scenario in sorted(content.scenarios.values(), key=partial(_stage_order, content)):
        title = scenario.title + (" [exam]" if scenario.exam else "")
        stage = _stage(content, scenario)
        scenarios.add_row(
            scenario.id,
            "extra" if stage is None else str(stage),
            scenario.call_type.label if scenario.call_type is not None else "",
            escape(title),
            ", ".join(scenario.personas),
            str(len(scenario.nodes)),
        )
    personas = Table(title="Personas", title_justify="left", header_style="bold")
    personas.add_column("id", no_wrap=True)
    for column in ("name", "role", "company", "client type", "temperament"):
        personas.add_column(column)
    for persona in sorted(content.personas.values(), key=lambda p: p.id):
        personas.add_row(
            persona.id,
            escape(persona.name),
            escape(persona.role),
            escape(persona.company),
            persona.client_type.label,
            persona.temperament.value,
        )
    return [scenarios, personas]


def _stage(content: ContentSet, scenario: Scenario) -> int | None:
    """The stage the trainee meets the scenario in: the programme's (None: outside it), or the
    scenario's own without a programme, as the app's home shows it."""
    if content.programme is None:
        return scenario.stage
    return stage_number(content, Item(ItemKind.SCENARIO, scenario.id))


def _stage_order(content: ContentSet, scenario: Scenario) -> tuple[int, bool, str]:
    stage = _stage(content, scenario)
    return (99 if stage is None else stage, scenario.exam, scenario.id)
