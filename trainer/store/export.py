"""Exports of attempts as text: CSV and JSON for tools, Markdown and a self-contained HTML report.

Pure functions of `Transcript`s (read them with `transcript` or `transcripts_for`). Whatever a
trainee typed or a content file said is data, never markup or control codes:
- HTML escapes every such string (`html.escape`) and forbids scripts by its security policy;
- Markdown backslash-escapes its punctuation, so nothing renders as a link, tag or heading;
- CSV, Markdown and HTML show control characters (an escape sequence's ESC, a bidi override)
  as visible symbols, e.g. ESC as U+241B, so printing an export cannot drive a terminal;
  CSV also prefixes a cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`) with `'`;
- JSON keeps every string exactly, with control characters as `\\u` escapes.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from trainer.content.outcomes import outcome_label
from trainer.store.models import Funnel, StoredTurn, Transcript
from trainer.text import (
    json_escaped,
    visible as visible,  # re-exported: the one escaping helper of every format
)

JSON_FORMAT = "trainer-attempts"
JSON_VERSION = 1

CSV_COLUMNS = (
    "trainee_id",
    "trainee",
    "attempt_id",
    "kind",
    "content_id",
    "content_hash",
    "seed",
    "mode",
    "persona_id",
    "status",
    "started_at",
    "ended_at",
    "outcome",
    "score",
    "passed",
    "effective_score",
    "effective_passed",
    "overridden_by",
    "turn",
    "speaker",
    "name",
    "text",
    "node",
    "reply",
    "typed",
    "confidence",
    "points",
    "meters",
    "tags",
    "note",
    "elapsed",
    "hint_used",
)

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&])")
_MARKDOWN_LINE_START = re.compile(r"^(\s*\d*)([-+=.)])")


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def _flag(value: bool | None) -> int | None:
    return None if value is None else int(value)


# ---------------------------------------------------------------------------------------------
# CSV


def _csv_cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return int(value)
    if not isinstance(value, str):
        return value
    value = visible(value)
    return "'" + value if value.startswith(_FORMULA_START) else value


def attempts_csv(transcripts: Iterable[Transcript]) -> str:
    """One row per turn (one per attempt without turns), attempt columns repeated: `CSV_COLUMNS`.

    Points, meters and tags are JSON; passes are 1 or 0; an empty cell is no value.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for record in transcripts:
        attempt, result = record.attempt, record.result
        head = (
            attempt.trainee_id,
            record.trainee_name,
            attempt.id,
            attempt.kind.value,
            attempt.content_id,
            attempt.content_hash,
            attempt.seed,
            attempt.mode.value,
            attempt.persona_id,
            attempt.status.value,
            _iso(attempt.started_at),
            _iso(attempt.ended_at),
            attempt.outcome,
            attempt.score,
            attempt.passed,
            result.score,
            result.passed,
            result.overridden_by,
        )
        turns: Sequence[StoredTurn | None] = record.turns or (None,)
        for turn in turns:
            tail: tuple[object, ...] = (None,) * 14
            if turn is not None:
                tail = (
                    turn.index,
                    turn.speaker,
                    turn.name,
                    turn.text,
                    turn.node,
                    turn.reply,
                    turn.typed,
                    turn.confidence,
                    json.dumps(dict(turn.points), ensure_ascii=False),
                    json.dumps(dict(turn.meters), ensure_ascii=False),
                    json.dumps(list(turn.tags), ensure_ascii=False),
                    turn.note,
                    turn.elapsed,
                    turn.hint_used,
                )
            writer.writerow([_csv_cell(value) for value in (*head, *tail)])
    return out.getvalue()


# ---------------------------------------------------------------------------------------------
# JSON


def transcript_record(record: Transcript) -> dict[str, Any]:
    """One attempt as plain JSON-ready data: the attempt, its result, turns and mentor records."""
    attempt = record.attempt
    return {
        "id": attempt.id,
        "trainee_id": attempt.trainee_id,
        "trainee": record.trainee_name,
        "kind": attempt.kind.value,
        "content_id": attempt.content_id,
        "content_hash": attempt.content_hash,
        "seed": attempt.seed,
        "mode": attempt.mode.value,
        "persona_id": attempt.persona_id,
        "status": attempt.status.value,
        "started_at": _iso(attempt.started_at),
        "ended_at": _iso(attempt.ended_at),
        "outcome": attempt.outcome,
        "score": attempt.score,
        "passed": attempt.passed,
        "result": {
            "score": record.result.score,
            "passed": record.result.passed,
            "overridden_by": record.result.overridden_by,
        },
        "skills": [
            {"skill": s.skill, "earned": s.earned, "best": s.best, "percent": s.percent}
            for s in record.skills
        ],
        "turns": [
            {
                "index": turn.index,
                "speaker": turn.speaker,
                "name": turn.name,
                "text": turn.text,
                "node": turn.node,
                "reply": turn.reply,
                "typed": turn.typed,
                "confidence": turn.confidence,
                "points": dict(turn.points),
                "meters": dict(turn.meters),
                "note": turn.note,
                "tags": list(turn.tags),
                "elapsed": turn.elapsed,
                "hint_used": turn.hint_used,
                "created_at": _iso(turn.created_at),
            }
            for turn in record.turns
        ],
        "answers": [
            {
                "item_id": answer.item_id,
                "number": answer.number,
                "topic": answer.topic,
                "answer": answer.answer,
                "answer_text": answer.answer_text,
                "correct": answer.correct,
                "points": answer.points,
                "max_points": answer.max_points,
                "seconds": answer.seconds,
                "answered_at": _iso(answer.answered_at),
            }
            for answer in record.answers
        ],
        "notes": [
            {
                "turn_index": note.turn_index,
                "mentor": note.mentor,
                "text": note.text,
                "created_at": _iso(note.created_at),
            }
            for note in record.notes
        ],
        "overrides": [
            {
                "mentor": override.mentor,
                "score": override.score,
                "passed": override.passed,
                "reason": override.reason,
                "created_at": _iso(override.created_at),
            }
            for override in record.overrides
        ],
    }


def attempts_json(transcripts: Iterable[Transcript]) -> str:
    """`{"format": "trainer-attempts", "version": 1, "attempts": [...]}`, one entry per attempt.

    Strings are kept exactly; every control character is written as a `\\u` escape.
    """
    document = {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "attempts": [transcript_record(record) for record in transcripts],
    }
    text = json.dumps(document, ensure_ascii=False, indent=2)
    return json_escaped(text) + "\n"


# ---------------------------------------------------------------------------------------------
# Markdown


def _md(text: str) -> str:
    """Text shown as itself in Markdown: no link, tag, emphasis or list; controls visible."""
    lines = []
    for line in visible(text).split("\n"):
        line = _MARKDOWN_SPECIAL.sub(r"\\\1", line)
        line = _MARKDOWN_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), line)
        lines.append(line)
    # A hard line break, then the continuation indented under the list item it belongs to.
    return "  \n    ".join(lines)


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{round(value, 1):g}%"


def _passed(value: bool | None) -> str:
    return "-" if value is None else "passed" if value else "not passed"


def _points(points: Mapping[str, float]) -> str:
    return ", ".join(f"{value:+g} {skill}" for skill, value in points.items())


def _result_line(record: Transcript) -> str:
    attempt, result = record.attempt, record.result
    line = f"{_percent(result.score)}, {_passed(result.passed)}"
    if result.overridden_by is not None:
        line += (
            f" (overridden by {result.overridden_by}; originally "
            f"{_percent(attempt.score)}, {_passed(attempt.passed)})"
        )
    return line


def transcript_markdown(record: Transcript) -> str:
    """The attempt as a Markdown document: summary, scorecard, turns, and mentor records."""
    attempt = record.attempt
    lines = [
        f"# {_md(attempt.content_id)}: {_md(record.trainee_name)}",
        "",
        f"- Attempt: `{attempt.id}` ({attempt.kind.value}, {attempt.mode.value})",
        f"- Started: {_iso(attempt.started_at)}",
        f"- Ended: {_iso(attempt.ended_at) or '-'} ({attempt.status.value})",
        f"- Outcome: {_md(outcome_label(attempt.outcome))}",
        f"- Result: {_md(_result_line(record))}",
    ]
    if record.skills:
        lines += ["", "## Scorecard", "", "| Skill | Earned | Best | Percent |"]
        lines.append("|---|--:|--:|--:|")
        lines += [
            f"| {_md(s.skill)} | {s.earned:g} | {s.best:g} | {_percent(s.percent)} |"
            for s in record.skills
        ]
    overall = record.notes_on(None)
    if overall:
        lines += ["", "## Mentor comments", ""]
        lines += [f"- **{_md(note.mentor)}**: {_md(note.text)}" for note in overall]
    if record.overrides:
        lines += ["", "## Overrides", ""]
        for override in record.overrides:
            changed = ", ".join(
                part
                for part in (
                    None if override.score is None else f"score {_percent(override.score)}",
                    None if override.passed is None else _passed(override.passed),
                )
                if part
            )
            lines.append(
                f"- {_iso(override.created_at)}, **{_md(override.mentor)}**: {_md(changed)}; "
                f"{_md(override.reason)}"
            )
    if record.answers:
        lines += ["", "## Answers", ""]
        for answer in record.answers:
            verdict = "right" if answer.correct else "wrong"
            lines.append(
                f"{answer.number}. `{answer.item_id}`: {_md(answer.answer_text)} ({verdict}, "
                f"{answer.points:g} of {answer.max_points:g} points, {answer.seconds:g} s)"
            )
    if record.turns:
        lines += ["", "## Transcript", ""]
        for turn in record.turns:
            lines.append(
                f"{turn.index + 1}. **{_md(turn.name)}** ({_md(turn.speaker)}, "
                f"{_md(turn.node)}): {_md(turn.text)}"
            )
            details = []
            if turn.typed is not None:
                confidence = "" if turn.confidence is None else f", {turn.confidence:g}% sure"
                details.append(f"typed: {_md(turn.typed)}{confidence}")
            if turn.hint_used:
                details.append("said after asking for the hint")
            if turn.reply is not None:
                details.append(f"reply: {_md(turn.reply)}")
            if turn.points:
                details.append(f"points: {_md(_points(turn.points))}")
            if turn.note:
                details.append(f"coach: {_md(turn.note)}")
            details += [
                f"mentor **{_md(note.mentor)}**: {_md(note.text)}"
                for note in record.notes_on(turn.index)
            ]
            lines += [f"    - {detail}" for detail in details]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
# HTML


def _h(text: object) -> str:
    """Any value as HTML text: controls made visible, then every markup character escaped."""
    return html.escape(visible(str(text)), quote=True)


def _bar(percent: float | None) -> str:
    width = 0.0 if percent is None else max(0.0, min(100.0, float(percent)))
    return f'<span class="bar"><span style="width: {width:.1f}%"></span></span>'


_STYLE = """
body { font: 15px/1.5 system-ui, sans-serif; color: #1f2328; max-width: 60rem;
       margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.3rem; margin-top: 2.5rem;
     border-bottom: 1px solid #d0d7de; } h3 { font-size: 1.05rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dt { color: #59636e; } dd { margin: 0; }
table { border-collapse: collapse; margin: .5rem 0; }
th, td { border: 1px solid #d0d7de; padding: .25rem .6rem; text-align: left; }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
.bar { display: inline-block; width: 10rem; height: .7rem; background: #eaeef2;
       vertical-align: middle; } .bar > span { display: block; height: 100%;
       background: #2da44e; }
ol.turns { list-style: none; padding: 0; }
.turn { margin: .6rem 0; padding: .5rem .8rem; border-radius: .4rem; background: #f6f8fa; }
.turn.trainee { background: #ddf4ff; margin-left: 3rem; }
.turn.system { background: #fff8c5; }
.who { font-weight: 600; } .meta { color: #59636e; font-size: .85rem; }
.text { white-space: pre-wrap; margin: .2rem 0; overflow-wrap: anywhere; }
.coach { border-left: 3px solid #bf8700; padding-left: .6rem; }
.mentor { border-left: 3px solid #8250df; padding-left: .6rem; }
.passed { color: #1a7f37; } .failed { color: #cf222e; }
"""


def _html_result(record: Transcript) -> str:
    passed = record.result.passed
    if passed is None:
        return _h(_result_line(record))
    return f'<span class="{"passed" if passed else "failed"}">{_h(_result_line(record))}</span>'


def _html_attempt(record: Transcript) -> list[str]:
    attempt = record.attempt
    parts = [
        f'<section class="attempt" id="attempt-{_h(attempt.id)}">',
        f"<h2>{_h(attempt.content_id)}: {_h(record.trainee_name)}</h2>",
        "<dl>",
        f"<dt>Attempt</dt><dd>{_h(attempt.id)} ({_h(attempt.kind)}, {_h(attempt.mode)})</dd>",
        f"<dt>Started</dt><dd>{_h(_iso(attempt.started_at))}</dd>",
        f"<dt>Ended</dt><dd>{_h(_iso(attempt.ended_at) or '-')} ({_h(attempt.status)})</dd>",
        f"<dt>Outcome</dt><dd>{_h(outcome_label(attempt.outcome))}</dd>",
        f"<dt>Result</dt><dd>{_html_result(record)}</dd>",
        "</dl>",
    ]
    if record.skills:
        parts += [
            "<h3>Scorecard</h3>",
            "<table><tr><th>Skill</th><th>Earned</th><th>Best</th><th>Percent</th><th></th></tr>",
        ]
        parts += [
            f'<tr><td>{_h(s.skill)}</td><td class="number">{s.earned:g}</td>'
            f'<td class="number">{s.best:g}</td><td class="number">{_h(_percent(s.percent))}'
            f"</td><td>{_bar(s.percent)}</td></tr>"
            for s in record.skills
        ]
        parts.append("</table>")
    overall = record.notes_on(None)
    if overall:
        parts.append("<h3>Mentor comments</h3>")
        parts += [
            f'<p class="mentor"><span class="who">{_h(note.mentor)}</span> '
            f'<span class="meta">{_h(_iso(note.created_at))}</span><br>'
            f'<span class="text">{_h(note.text)}</span></p>'
            for note in overall
        ]
    if record.overrides:
        parts += [
            "<h3>Overrides</h3>",
            "<table><tr><th>When</th><th>Mentor</th><th>Score</th><th>Pass</th>"
            "<th>Reason</th></tr>",
        ]
        parts += [
            f"<tr><td>{_h(_iso(o.created_at))}</td><td>{_h(o.mentor)}</td>"
            f'<td class="number">{_h(_percent(o.score))}</td><td>{_h(_passed(o.passed))}</td>'
            f"<td>{_h(o.reason)}</td></tr>"
            for o in record.overrides
        ]
        parts.append("</table>")
    if record.answers:
        parts += [
            "<h3>Answers</h3>",
            "<table><tr><th>#</th><th>Item</th><th>Answer</th><th>Right</th><th>Points</th>"
            "<th>Seconds</th></tr>",
        ]
        parts += [
            f'<tr><td class="number">{a.number}</td><td>{_h(a.item_id)}</td>'
            f"<td>{_h(a.answer_text)}</td><td>{'yes' if a.correct else 'no'}</td>"
            f'<td class="number">{a.points:g} / {a.max_points:g}</td>'
            f'<td class="number">{a.seconds:g}</td></tr>'
            for a in record.answers
        ]
        parts.append("</table>")
    if record.turns:
        parts += ["<h3>Transcript</h3>", '<ol class="turns">']
        for turn in record.turns:
            speaker = turn.speaker if turn.speaker in ("client", "trainee", "system") else "other"
            parts.append(f'<li class="turn {speaker}">')
            parts.append(
                f'<div class="who">{_h(turn.name)} <span class="meta">{_h(turn.node)}, '
                f"{turn.elapsed:g} s</span></div>"
            )
            parts.append(f'<p class="text">{_h(turn.text)}</p>')
            meta = []
            if turn.typed is not None:
                confidence = "" if turn.confidence is None else f" ({turn.confidence:g}% sure)"
                meta.append(f"typed: “{_h(turn.typed)}”{_h(confidence)}")
            if turn.hint_used:
                meta.append("said after asking for the hint")
            if turn.reply is not None:
                meta.append(f"reply {_h(turn.reply)}")
            if turn.points:
                meta.append(f"points {_h(_points(turn.points))}")
            if turn.meters:
                meters = ", ".join(f"{name} {value}" for name, value in turn.meters.items())
                meta.append(f"meters {_h(meters)}")
            if meta:
                parts.append(f'<div class="meta">{" · ".join(meta)}</div>')
            if turn.note:
                parts.append(f'<p class="coach text">{_h(turn.note)}</p>')
            parts += [
                f'<p class="mentor"><span class="who">{_h(note.mentor)}</span>: '
                f'<span class="text">{_h(note.text)}</span></p>'
                for note in record.notes_on(turn.index)
            ]
            parts.append("</li>")
        parts.append("</ol>")
    parts.append("</section>")
    return parts


def _html_funnel(funnel: Funnel) -> list[str]:
    steps = (
        ("Calls", funnel.calls),
        ("Meetings", funnel.meetings),
        ("Applications", funnel.applications),
        ("Deals", funnel.deals),
    )
    parts = ["<h2>Funnel of opportunities</h2>", "<table>"]
    for label, count in steps:
        share = 100.0 * count / funnel.calls if funnel.calls else 0.0
        parts.append(
            f'<tr><th>{label}</th><td class="number">{count}</td><td>{_bar(share)}</td></tr>'
        )
    parts.append("</table>")
    rate = funnel.deal_rate
    if rate is not None:
        verdict = "healthy" if funnel.healthy else "below one deal in ten calls"
        parts.append(f"<p>{rate:.0%} of calls end in a deal: {verdict}.</p>")
    return parts


def transcript_html(
    transcripts: Transcript | Sequence[Transcript],
    *,
    title: str = "Transcript report",
    funnel: Funnel | None = None,
) -> str:
    """A self-contained HTML report of one or more attempts (inline CSS, no scripts, no links
    out): summary, scorecard with bars, mentor comments and overrides, answers, the transcript
    turn by turn; with `funnel`, the funnel of opportunities first."""
    records = [transcripts] if isinstance(transcripts, Transcript) else list(transcripts)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        # No script may run and nothing may load from elsewhere, whatever the text contains.
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_h(title)}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        f"<h1>{_h(title)}</h1>",
    ]
    if funnel is not None:
        parts += _html_funnel(funnel)
    if not records:
        parts.append("<p>No attempts.</p>")
    for record in records:
        parts += _html_attempt(record)
    parts += ["</body>", "</html>"]
    return "\n".join(parts) + "\n"
