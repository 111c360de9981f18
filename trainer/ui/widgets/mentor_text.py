"""What the mentor screens share: results, times, turns, bars, sparklines and the funnel as text.

Everything a trainee typed or a content file said goes in as plain `Text` with control characters
made visible, so it is never read as markup and cannot drive the terminal.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from trainer.content.content_set import ContentSet
from trainer.content.persona import Meter
from trainer.content.quiz.model import Quiz
from trainer.content.scenario.model import Reply
from trainer.engine.turn_details import facts_details, step_name
from trainer.services import coach, mentor
from trainer.text import visible
from trainer.ui.wording import indented, outcome_words

NO_VALUE = "—"
BLOCKS = " ▏▎▍▌▋▊▉█"
SPARKS = "▁▂▃▄▅▆▇█"


def plain(text: str, style: str = "", *, no_wrap: bool = False) -> Text:
    """Text from a trainee or a content file, shown as itself; on one line with `no_wrap`."""
    if no_wrap:
        return Text(visible(text, multiline=False), style, no_wrap=True, overflow="ellipsis")
    return Text(visible(text), style)


def percent(value: float | None) -> str:
    """`41.7%`, or a dash when there is no value."""
    return NO_VALUE if value is None else f"{value:.1f}".removesuffix(".0") + "%"


def when(moment: datetime | None) -> str:
    """A stored moment in local time, e.g. `01 Jun 10:00`."""
    return NO_VALUE if moment is None else moment.astimezone().strftime("%d %b %H:%M")


def days_ago(moment: datetime | None, now: datetime) -> str:
    """How long ago, in whole days: `today`, `1 day ago`, `12 days ago`; `never` for None."""
    if moment is None:
        return "never"
    days = (now - moment).days
    if days <= 0:
        return "today"
    return f"{days} day{'s' if days != 1 else ''} ago"


def verdict(passed: bool | None) -> Text:
    """Passed, not passed, or no result."""
    if passed is None:
        return Text("no result", "dim")
    return Text("passed", "bold green") if passed else Text("not passed", "red")


def result_text(score: float | None, passed: bool | None, outcome: str | None = None) -> Text:
    """`41.7% not passed · no result`: a score, its verdict and a call's outcome (None for a
    quiz, whose outcome only repeats the verdict)."""
    text = Text.assemble(percent(score), " ", verdict(passed))
    if outcome is not None:
        text.append(f" · {outcome_words(outcome)}")
    return text


def effective_text(attempt: mentor.Attempt, result: mentor.EffectiveResult) -> Text:
    """The result that counts, marked when a mentor changed it from the attempt's own."""
    if attempt.status is mentor.IN_PROGRESS:
        return Text("in progress", "dim")
    text = result_text(result.score, result.passed)
    if result.overridden_by is not None:
        text.append(" ✎", "bold yellow")
    return text


def bar(value: float, maximum: float, width: int) -> str:
    """A horizontal bar `width` cells long at most, in eighths of a cell."""
    if maximum <= 0 or value <= 0:
        return ""
    eighths = round(min(value / maximum, 1.0) * width * 8)
    full, part = divmod(eighths, 8)
    return "█" * full + (BLOCKS[part] if part else "")


def sparkline(values: Sequence[float]) -> Text:
    """One cell per value from 0 to 100, on an absolute scale (a flat 90 stays high)."""
    text = Text()
    for value in values:
        level = min(max(value, 0.0), 100.0) / 100.0
        text.append(SPARKS[min(int(level * len(SPARKS)), len(SPARKS) - 1)])
    return text


def counts_table(counts: Iterable[tuple[Text, int]], *, width: int = 16) -> Table:
    """A count, a bar (the longest for the biggest count) and a label on each line."""
    rows = list(counts)
    table = Table.grid(padding=(0, 1))
    table.add_column(justify="right", no_wrap=True)
    table.add_column(no_wrap=True, width=width)
    table.add_column(ratio=1)
    biggest = max((count for _, count in rows), default=0)
    for label, count in rows:
        table.add_row(str(count), Text(bar(count, biggest, width), "cyan"), label)
    return table


def funnel_view(funnel: mentor.Funnel, who: str) -> RenderableType:
    """Calls, and those that ended in a meeting, an application or a deal as bars, with the
    healthy rate."""
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column(justify="right", no_wrap=True)
    table.add_column(no_wrap=True, style="dim")
    steps = (
        ("Calls", funnel.calls),
        ("Meetings", funnel.meetings),
        ("Applications", funnel.applications),
        ("Deals", funnel.deals),
    )
    for name, count in steps:
        share = "" if not funnel.calls or name == "Calls" else f"{count / funnel.calls:.0%}"
        table.add_row(name, Text(bar(count, funnel.calls, 24), "cyan"), str(count), share)
    return Group(table, healthy_text(funnel, who))


def healthy_text(funnel: mentor.Funnel, who: str) -> Text:
    """The deal rate against the programme's "one deal in ten clients called is healthy"."""
    healthy = f"one deal in {round(1 / mentor.HEALTHY_DEAL_RATE)} clients called"
    rate = funnel.deal_rate
    if rate is None:
        return Text(f"No calls yet ({healthy}).", "dim")
    if rate == 0:
        said = f"{who}: no deal in {funnel.calls} call{'s' if funnel.calls != 1 else ''}"
    else:
        said = f"{who}: one deal in {1 / rate:.3g} calls ({rate:.0%})"
    if funnel.healthy:
        return Text.assemble((said, "green"), f" · healthy: {healthy}")
    return Text.assemble((said, "yellow"), f" · below healthy: {healthy}")


def skill_name(content: ContentSet, skill: str) -> str:
    """A rubric skill's name, or its id when the rubric no longer has it."""
    found = content.rubric.skills.get(skill)
    return found.name if found is not None else skill


def find_reply(content: ContentSet, content_id: str, key: str | None) -> Reply | None:
    """The reply `node/id` of a scenario as the content says it today; None when gone."""
    if key is None:
        return None
    scenario = content.scenarios.get(content_id)
    node_id, _, _ = key.partition("/")
    node = scenario.nodes.get(node_id) if scenario is not None else None
    if node is None:
        return None
    return next((reply for reply in node.replies if reply.key == key), None)


def points_text(content: ContentSet, points: Mapping[str, float]) -> Text:
    """`Tact -2 · Closing +3`, green for gains and red for losses."""
    text = Text()
    for skill, value in points.items():
        if text:
            text.append(" · ")
        sign = "+" if value > 0 else "-" if value < 0 else "±"
        style = "green" if value > 0 else "red" if value < 0 else "dim"
        text.append(f"{skill_name(content, skill)} ")
        text.append(f"{sign}{abs(value):g}", style)
    return text


def meters_text(meters: Mapping[str, int], before: Mapping[str, int] | None) -> Text:
    """`patience 15 (-25) · trust 30 (-10) · interest 30`: each meter, and its change."""
    text = Text()
    for meter in Meter:
        value = meters.get(meter.value)
        if value is None:
            continue
        if text:
            text.append(" · ")
        text.append(f"{meter.value} {value}")
        earlier = None if before is None else before.get(meter.value)
        if earlier is not None and earlier != value:
            change = value - earlier
            sign = "+" if change > 0 else "-"
            text.append(f" ({sign}{abs(change)})", "green" if change > 0 else "red")
    return text


def note_text(note: mentor.Note) -> Text:
    """A mentor's note with who wrote it and when."""
    edited = "" if note.edited_at is None else f", edited {when(note.edited_at)}"
    return Text.assemble(
        ("✎ ", "bold yellow"),
        plain(note.mentor, "bold", no_wrap=True),
        (f", {when(note.created_at)}{edited}: ", "dim"),
        plain(note.text),
    )


def turn_view(
    content: ContentSet,
    record: mentor.Transcript,
    turn: mentor.StoredTurn,
    before: Mapping[str, int] | None,
    offered: Sequence[coach.Offered] = (),
) -> RenderableType:
    """One turn for the mentor: who, what, whether a hint helped, the match of typed words,
    points, the replies that were on offer, meters, notes."""
    speaker = turn.speaker
    head = Text()
    head.append(f"{turn.index + 1:>2} ", "dim")
    head.append_text(plain(turn.name or speaker, "bold"))
    head.append(f" ({speaker}) · {step_name(turn.node)}", "dim")
    if turn.hint_used:
        head.append(" · after a hint", "bold yellow")
    lines: list[RenderableType] = [head, indented(plain(turn.text), 3)]
    if turn.typed is not None:
        number = next((option.number for option in offered if option.chosen), None)
        lines.append(indented(_match_text(content, record, turn, number), 3))
        facts = facts_text(turn.facts)
        if facts is not None:
            lines.append(indented(facts, 3))
    if turn.points:
        lines.append(
            indented(Text.assemble(("points ", "dim"), points_text(content, turn.points)), 3)
        )
    if offered:
        lines.append(indented(offers_text(content, offered), 3))
    if turn.meters:
        lines.append(
            indented(Text.assemble(("meters ", "dim"), meters_text(turn.meters, before)), 3)
        )
    if turn.note:
        lines.append(
            indented(Text.assemble(("Coach: ", "italic bold"), plain(turn.note, "italic")), 3)
        )
    for note in record.notes_on(turn.index):
        lines.append(indented(note_text(note), 3))
    return Group(*lines)


def offers_text(content: ContentSet, offered: Sequence[coach.Offered]) -> Text:
    """The replies that were on offer, numbered and worded as the trainee saw them, each with
    the points it earns: ▸ the one taken, ★ the best."""
    text = Text("on offer (▸ taken, ★ best)", "dim")
    for option in offered:
        text.append("\n")
        text.append("▸" if option.chosen else " ", "bold cyan")
        text.append(f"{option.number}", "bold" if option.chosen else "")
        text.append("★ " if option.best else "  ", "bold green")
        text.append_text(plain(option.text, "bold" if option.chosen else ""))
        earned = {skill: points for skill, points in option.points.items() if points}
        text.append(" · ", "dim")
        if earned:
            text.append_text(points_text(content, earned))
        else:
            text.append("no points", "dim")
    return text


def map_view(content: ContentSet, found: coach.CallMap) -> Text:
    """The scenario's map as a list, node by node: ● where the call went, ★ the best route,
    and under each node where each reply leads (▸ the reply taken)."""
    text = Text("Path on the map", "bold")
    text.append("  ● the call's route · ★ the best route · ▸ the reply taken", "dim")
    for node in coach.map_nodes(found):
        text.append("\n")
        text.append("●" if node.on_route else " ", "bold cyan")
        text.append("★ " if node.on_best else "  ", "bold green")
        text.append_text(plain(node.id, "bold" if node.on_route else ""))
        if node.ending is not None:
            text.append(f"  ends: {outcome_words(node.ending)}", "dim")
        for reply in node.replies:
            text.append("\n    ")
            text.append("▸" if reply.taken else " ", "bold cyan")
            text.append("★ " if reply.best else "  ", "bold green")
            text.append_text(plain(reply.label))
            text.append(" → ", "dim")
            text.append_text(plain(reply.target))
            earned = {skill: points for skill, points in reply.points.items() if points}
            if earned:
                text.append(" · ", "dim")
                text.append_text(points_text(content, earned))
    if found.problem:
        text.append("\n")
        text.append_text(plain(found.problem[:1].upper() + found.problem[1:] + ".", "yellow"))
    return text


def facts_text(facts: Mapping[str, Any] | None) -> Text | None:
    """What typed words stated and how it was judged: facts found, wrong facts, breaches."""
    text = Text()
    for detail in facts_details(facts):
        if detail.alarm:
            text.append(f"\n✗ {detail.label}: ", "bold red")
            text.append_text(plain(detail.text))
            continue
        text.append(f"{'  ' if text else ''}{detail.label}: ", "dim")
        text.append_text(plain(detail.text, "yellow" if detail.label == "off script" else ""))
    return text if text else None


def _match_text(
    content: ContentSet, record: mentor.Transcript, turn: mentor.StoredTurn, number: int | None
) -> Text:
    """How typed words were heard: the reply's number as the trainee saw it and its words; its
    `node/id` key only when the content no longer has the reply."""
    sure = NO_VALUE if turn.confidence is None else f"{turn.confidence:.0f}%"
    if turn.reply is None:
        return Text.assemble(("typed, not understood", "yellow"), f" (best match {sure})")
    seen = mentor.reply_as_seen(content, record, turn.reply)
    if seen is None:
        return Text.assemble(("typed → ", "dim"), (turn.reply, "bold"), f" ({sure} sure)")
    which = "a reply" if number is None else f"reply {number}"
    text = Text.assemble(("typed → heard as ", "dim"), (which, "bold"), f" ({sure} sure): ")
    text.append_text(plain(seen, "dim"))
    return text


def answer_view(answer: mentor.QuizAnswer, quiz: Quiz | None = None) -> Table:
    """One quiz answer: number, right or wrong, points, the question and the trainee's answer."""
    mark = Text("✓", "bold green") if answer.correct else Text("✗", "bold red")
    question = answer.item_id
    if quiz is not None:
        question = next(
            (" ".join(item.question.split()) for item in quiz.items if item.id == answer.item_id),
            answer.item_id,
        )
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(
        Text.assemble(
            (f"{answer.number:>2}.", "dim"),
            " ",
            mark,
            (f" {answer.points:g}/{answer.max_points:g}", "dim"),
        ),
        Text.assemble(plain(question), " → ", plain(answer.answer_text or NO_VALUE, "bold")),
    )
    return grid


def skills_view(content: ContentSet, skills: Sequence[mentor.SkillResult]) -> Table:
    """A call's scorecard: skill, points of the best, percent with a bar."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, expand=False)
    table.add_column("Skill", no_wrap=True)
    table.add_column("Points", justify="right", no_wrap=True)
    table.add_column("%", justify="right", no_wrap=True)
    table.add_column("", no_wrap=True)
    for skill in skills:
        table.add_row(
            skill_name(content, skill.skill),
            f"{skill.earned:g}/{skill.best:g}",
            f"{skill.percent:.0f}",
            Text(bar(skill.percent, 100, 12), "cyan"),
        )
    return table


def trend_view(content: ContentSet, trend: Mapping[str, Sequence[float]]) -> RenderableType:
    """Each skill's score across the trainee's completed calls, oldest first, as a sparkline."""
    if not trend:
        return Text("No completed calls yet.", "dim")
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True, style="cyan")
    table.add_column(justify="right", no_wrap=True)
    table.add_column(no_wrap=True, style="dim")
    for skill, values in trend.items():
        first, last = values[0], values[-1]
        change = last - first
        moved = "" if len(values) < 2 or math.isclose(change, 0) else f"{change:+.0f} since first"
        table.add_row(skill_name(content, skill), sparkline(values[-30:]), f"{last:.0f}%", moved)
    return table
