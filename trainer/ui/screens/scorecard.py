"""The scorecard of a call: verdict and reasons, each skill, the coach's and the mentor's notes.

An exam's scorecard shows only the verdict, its reasons and the skills: never the replies the
trainee did not choose, their points, the best path, or the coach's notes (they give the answers
away; a mentor reads them in the review).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import ClassVar

from rich import box
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label, Static

from trainer.content.content_set import ContentSet
from trainer.content.scenario.model import Outcome
from trainer.engine.habits import habit_seen
from trainer.engine.scoring import Score
from trainer.engine.turns import Mode, Speaker, Turn
from trainer.services import records
from trainer.services.stages import Item, ItemKind
from trainer.text import visible
from trainer.ui.messages import CallRequested, CallResult, ItemPicked, TranscriptRequested
from trainer.ui.wording import (
    CERTIFICATE_WITHDRAWN,
    EXAM_NOTES_WITHHELD,
    changed_text,
    mentor_notes_text,
    outcome_words,
)


def verdict_text(
    score: Score, mentor: records.MentorReview | None = None, success: Collection[Outcome] = ()
) -> Text:
    """Passed or not, the score, the outcome and the pass mark on one line; once a mentor
    changed the result, the result that counts, with the call's own beside it."""
    outcome = outcome_words(score.outcome.value, success)
    passed, percent = counted(score, mentor)
    verdict = Text.assemble(("PASSED" if passed else "NOT PASSED", "bold"), f"  {percent:g}%")
    if mentor is not None and mentor.changed_by is not None:
        own = "passed" if score.passed else "did not pass"
        verdict.append(
            f"  (your mentor's result; your call scored {score.percent:g}% and {own})", "italic"
        )
    verdict.append(f"   outcome: {outcome} · pass mark {score.pass_mark:g}%")
    return verdict


def counted(score: Score, mentor: records.MentorReview | None) -> tuple[bool, float]:
    """The pass and percent that count: a mentor's change of either, else the call's own."""
    if mentor is None or mentor.changed_by is None:
        return score.passed, score.percent
    passed = score.passed if mentor.passed is None else mentor.passed
    return passed, score.percent if mentor.percent is None else mentor.percent


def exam_left_text(left: int) -> Text:
    """What a failed exam leaves the trainee, in plain words."""
    if left <= 0:
        return Text(
            "No exam attempt is left: your mentor can grant a retake once you have "
            "talked this one through."
        )
    return Text(
        f"{left} exam attempt{'s' if left != 1 else ''} left. Read the reasons and the "
        "skills below, and practise before you try again."
    )


def change_text(percent: float, previous: float | None) -> Text:
    """How this score compares with the previous completed attempt at the same scenario."""
    if previous is None:
        return Text("Your first completed attempt at this scenario.")
    delta = round(percent - previous, 1)
    if delta == 0:
        return Text(f"The same score as your previous attempt ({previous:g}%).")
    direction = "Up" if delta > 0 else "Down"
    return Text(
        f"{direction} {abs(delta):g} points since your previous attempt "
        f"({previous:g}% → {percent:g}%)."
    )


def skills_table(score: Score) -> Table:
    """Each scored skill: points earned of the best possible, percent, and its level."""
    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False, show_edge=False)
    table.add_column("Skill", ratio=2)
    table.add_column("Points", justify="right", no_wrap=True)
    table.add_column("%", justify="right", no_wrap=True)
    table.add_column("Level", ratio=3)
    for skill in score.skills:
        name = Text(skill.name)
        if skill.must_pass is not None:
            missed = "" if skill.met else ", missed"
            name.append(f" (must {skill.must_pass:g}%{missed})", "dim" if skill.met else "bold")
        percent = Text(f"{skill.percent:g}", "bold")
        table.add_row(name, f"{skill.earned:g}/{skill.best:g}", percent, Text(skill.level))
    return table


def hints_text(turns: tuple[Turn, ...]) -> Text:
    """How many replies were said after asking for the hint, and which (numbered as the notes)."""
    replies = [turn for turn in turns if turn.speaker is Speaker.TRAINEE]
    helped = [number for number, turn in enumerate(replies, start=1) if turn.hint_used]
    if not helped:
        return Text("Hints used: none.")
    numbers = [str(number) for number in helped]
    which = numbers[0] if len(numbers) == 1 else f"{', '.join(numbers[:-1])} and {numbers[-1]}"
    replies_word = "reply" if len(numbers) == 1 else "replies"
    return Text(f"Hints used: {len(helped)}, before {replies_word} {which}.")


def notes_text(
    turns: tuple[Turn, ...], ending_note: str, critical: Mapping[str, str] | None = None
) -> Table:
    """The coach's notes on the trainee's replies, in the order they were said; each reply's
    number in a column of its own, so wrapped lines stay under the words. A reply that broke
    a rule failing the call (`critical`: the rubric's tag -> reason) says so under its note,
    so a note written for the reply's good part never stands alone as praise."""
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True, style="bold", justify="right")
    table.add_column(ratio=1)
    number = 0
    for turn in turns:
        if turn.speaker is not Speaker.TRAINEE:
            continue
        number += 1
        said = Text(visible(turn.text))
        if turn.hint_used:
            said.append(" (after a hint)", "dim")
        if turn.note:
            said.append("\n")
            said.append("Coach: ", "italic")
            said.append(visible(turn.note), "italic")
        for tag in dict.fromkeys(tag for tag in turn.tags if tag in (critical or {})):
            said.append("\n")
            said.append(f"✗ This fails the call: {visible((critical or {})[tag])}", "bold red")
        table.add_row(f"{number}.", said)
    if ending_note:
        table.add_row(Text("End:", "bold"), Text(visible(ending_note)))
    if not table.row_count:
        table.add_row("", Text("No replies were made.", "dim"))
    return table


class ScorecardScreen(Screen[None]):
    """How the call went, with retry, transcript and home."""

    CSS_PATH = "scorecard.tcss"
    AUTO_FOCUS = "#scorecard-body"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "certificate", "Certificate"),
        Binding("r", "retry", "Retry"),
        Binding("t", "transcript", "Transcript"),
        Binding("escape", "app.home", "Home"),
        Binding("f1", "app.keys", "Keys"),
    ]

    def __init__(
        self,
        content: ContentSet,
        result: CallResult,
        previous: float | None,
        *,
        mentor: records.MentorReview | None = None,
        certificate: bool = False,
        exam_left: int | None = None,
    ) -> None:
        super().__init__()
        self.content = content
        self.result = result
        self.previous = previous
        self.mentor = mentor or records.MentorReview()
        # A passed final exam shows its certificate, unless a mentor changed it to not passed.
        self.certificate = certificate and counted(result.score, self.mentor)[0]
        self.exam_left = exam_left  # a failed exam: the attempts left, by the records

    def compose(self) -> ComposeResult:
        result = self.result
        score = result.score
        scenario = self.content.scenario(result.scenario_id)
        yield Static(
            Text.assemble(("Scorecard", "bold"), f"  {scenario.title} · {result.mode.value}"),
            id="scorecard-title",
        )
        with VerticalScroll(id="scorecard-body"):
            passed, _ = counted(score, self.mentor)
            yield Static(
                verdict_text(score, self.mentor, scenario.success),
                id="verdict",
                classes="passed" if passed else "failed",
            )
            yield Static(change_text(score.percent, self.previous), id="change")
            if self.exam_left is not None:
                yield Static(exam_left_text(self.exam_left), id="exam-left")
            if result.mode is Mode.PRACTICE:
                yield Static(hints_text(result.turns), id="hints")
            if self.certificate:
                yield Static(
                    Text.assemble(
                        ("You passed the final exam: you are cleared to work with real ", "bold"),
                        ("clients. ", "bold"),
                        "Press c for your certificate.",
                    ),
                    id="cleared",
                )
            if self.mentor.changed_by is not None:
                yield Static(Text(visible(changed_text(self.mentor))), id="mentor-change")
                if result.mode is Mode.EXAM and score.passed and not passed:
                    yield Static(Text(CERTIFICATE_WITHDRAWN), id="withdrawn")
            if self.mentor.notes:
                yield Label("Mentor comments", classes="section-title")
                yield Static(mentor_notes_text(self.mentor.notes), id="mentor-notes")
            if score.reasons:
                reasons = Text(
                    "Your call alone did not pass because:" if passed else "Why it did not pass:"
                )
                for reason in score.reasons:
                    reasons.append(f"\n• {reason}")
                yield Static(reasons, id="reasons")
            seen = habit_seen(self.content.rubric, result.turns)
            if seen is not None:
                yield Label("A habit to watch", classes="section-title")
                yield Static(Text(seen.sentence()), id="habit")
            yield Label("Skills", classes="section-title")
            yield Static(skills_table(score), id="skills")
            if result.mode is Mode.EXAM:
                # The notes name the right replies and figures: shown, a retake is a memory test.
                yield Static(Text(EXAM_NOTES_WITHHELD), id="notes")
            else:
                yield Label("Coach notes, turn by turn", classes="section-title")
                yield Static(
                    notes_text(result.turns, result.ending_note, self.content.rubric.critical),
                    id="notes",
                )
        yield Footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "certificate":
            return self.certificate
        if action == "retry":
            return not self.certificate  # a passed exam is never retaken
        return True

    def action_certificate(self) -> None:
        if self.certificate:
            self.post_message(ItemPicked(Item(ItemKind.CERTIFICATE)))

    def action_retry(self) -> None:
        result = self.result
        self.post_message(CallRequested(result.scenario_id, result.persona_id, result.mode))

    def action_transcript(self) -> None:
        self.post_message(TranscriptRequested(self.result.attempt_id))
