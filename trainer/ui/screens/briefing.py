"""Before the call: who the client is, the goal, the skills that count, and the mode."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label, Static

from trainer.content.content_set import ContentSet
from trainer.content.graph import skill_maxima
from trainer.content.persona import Persona
from trainer.content.scenario.model import Scenario
from trainer.engine.turns import Mode
from trainer.services.calls import Unfinished
from trainer.ui.messages import CallRequested
from trainer.ui.widgets.persona_card import PersonaCard

MODE_TEXT = {
    Mode.PRACTICE: (
        "Practice",
        "You see the client's patience, trust and interest as you talk, the coach's note "
        "after each reply, and a hint when you press F2 (or Ctrl+G); the scorecard counts the "
        "replies you gave after a hint. Practise as often as you like.",
    ),
    Mode.EXAM: (
        "Exam",
        "No meters, no coach notes, no hints: the call is scored as it goes. "
        "Only a passed exam lets you work with real clients.",
    ),
}


def exam_attempts_text(attempt: int, left_after: int | None) -> Text:
    """Which exam attempt starting now uses, and what is left after it, in plain words."""
    text = Text.assemble(("Starting uses your attempt ", "bold"), (f"{attempt}", "bold"), ". ")
    if left_after is None:
        return text
    if left_after <= 0:
        text.append("It is your last: after it, only a mentor can grant another.")
    else:
        text.append(f"{left_after} more after this one if it does not go well.")
    return text


def skills_text(content: ContentSet, scenario: Scenario) -> Text:
    """The rubric skills this scenario can score, with their weight and must-pass mark."""
    maxima = skill_maxima(scenario, content.rubric.critical)
    text = Text()
    for skill_id, skill in content.rubric.skills.items():
        if maxima.get(skill_id, 0) <= 0:
            continue
        text.append("• ")
        text.append(skill.name, "bold")
        details = [f"weight {skill.weight:g}"]
        if skill.must_pass is not None:
            details.append(f"must reach {skill.must_pass:g}%")
        text.append(f"  {', '.join(details)}\n", "dim")
    text.rstrip()
    return text


class BriefingScreen(Screen[None]):
    """Read the persona card and the goal, then start the call or go back."""

    CSS_PATH = "briefing.tcss"
    AUTO_FOCUS = "#briefing-body"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "start", "Start the call"),
        Binding("r", "resume", "Resume the call"),
        Binding("p", "next_persona", "Other client"),
        Binding("escape", "back", "Back"),
        Binding("f1", "app.keys", "Keys"),
    ]

    def __init__(
        self,
        content: ContentSet,
        scenario: Scenario,
        *,
        unfinished: Unfinished | None = None,
        exam_attempts: tuple[int, int | None] | None = None,
    ) -> None:
        """`unfinished` is the trainee's practice call at this scenario left before its end;
        `exam_attempts` the exam attempt this would be and how many the records leave after it
        (None: no limit)."""
        super().__init__()
        self.exam_attempts = exam_attempts if scenario.exam else None
        self.content = content
        self.scenario = scenario
        self.mode = Mode.EXAM if scenario.exam else Mode.PRACTICE
        self.unfinished = None if scenario.exam else unfinished
        persona_id = scenario.personas[0]
        if self.unfinished is not None and self.unfinished.persona_id in scenario.personas:
            persona_id = self.unfinished.persona_id
        self.persona: Persona = content.persona(persona_id)

    def compose(self) -> ComposeResult:
        mode_name, mode_about = MODE_TEXT[self.mode]
        with Horizontal(id="briefing-header"):
            yield Static(Text(self.scenario.title, "bold"), id="briefing-title")
            yield Static(mode_name.upper(), id="briefing-mode", classes=self.mode.value)
        with VerticalScroll(id="briefing-body"):
            if self.unfinished is not None:
                yield Static(self._unfinished_text(self.unfinished), id="unfinished")
            yield Label("Your goal", classes="section-title")
            yield Static(Text(" ".join(self.scenario.goal.split())), id="goal")
            yield Label("The client", classes="section-title")
            yield PersonaCard(self.persona, id="persona-card")
            yield Label("Scored on", classes="section-title")
            yield Static(skills_text(self.content, self.scenario), id="skills")
            yield Label(f"{mode_name} mode", classes="section-title", id="mode-title")
            yield Static(mode_about, id="mode")
            if self.exam_attempts is not None:
                yield Static(exam_attempts_text(*self.exam_attempts), id="exam-attempts")
        yield Footer()

    @staticmethod
    def _unfinished_text(unfinished: Unfinished) -> Text:
        when = unfinished.started_at.astimezone().strftime("%d %b %H:%M")
        replies = f"{unfinished.replies} repl{'ies' if unfinished.replies != 1 else 'y'}"
        where = f"after {replies}" if unfinished.replies else "before your first reply"
        if unfinished.drafted:
            where += ", with words typed and not sent"
        return Text.assemble(
            ("You left this call unfinished ", "bold"),
            f"({when}, {where}). Press ",
            ("r", "bold"),
            " to pick it up where you left off, or Enter to start afresh.",
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_persona":
            return len(self.scenario.personas) > 1
        if action == "resume":
            return self.unfinished is not None
        return True

    def action_start(self) -> None:
        self.post_message(CallRequested(self.scenario.id, self.persona.id, self.mode))

    def action_resume(self) -> None:
        unfinished = self.unfinished
        if unfinished is None:
            return
        persona = unfinished.persona_id or self.scenario.personas[0]
        self.post_message(
            CallRequested(self.scenario.id, persona, self.mode, resume=unfinished.attempt_id)
        )

    def action_next_persona(self) -> None:
        personas = self.scenario.personas
        following = personas[(personas.index(self.persona.id) + 1) % len(personas)]
        self.persona = self.content.persona(following)
        self.query_one("#persona-card", PersonaCard).show(self.persona)

    def action_back(self) -> None:
        self.dismiss()
