"""The HTML export: a self-contained report of attempts, every stored string escaped.

Whatever a trainee typed or a content file said is text, never markup: control characters are
made visible (`export.visible`), then `html.escape`d; the report's security policy forbids
scripts and anything loaded from elsewhere.
"""

from __future__ import annotations

import html
import io
from collections.abc import Callable, Iterable, Sequence
from typing import TextIO

from trainer.content.outcomes import outcome_label
from trainer.engine.criteria import CriterionState
from trainer.engine.turn_details import step_name, turn_details
from trainer.store.export import (
    NO_TITLES,
    Titles,
    attempt_kind,
    local_time,
    passed_text,
    percent_text,
    result_line,
    visible,
)
from trainer.store.models import Funnel, Transcript
from trainer.store.worklog import TraineeCriteria


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
.alarm { color: #cf222e; }
.passed { color: #1a7f37; } .failed { color: #cf222e; }
.spark { display: inline-flex; align-items: flex-end; gap: 2px; height: 1.4rem; }
.spark > span { display: inline-block; width: .5rem; background: #0969da; }
"""


def _html_result(record: Transcript) -> str:
    passed = record.result.passed
    if passed is None:
        return _h(result_line(record))
    return f'<span class="{"passed" if passed else "failed"}">{_h(result_line(record))}</span>'


def _html_attempt(record: Transcript, titles: Titles) -> list[str]:
    attempt = record.attempt
    parts = [
        f'<section class="attempt" id="attempt-{_h(attempt.id)}">',
        f"<h2>{_h(titles.title(attempt.content_id))}: {_h(record.trainee_name)}</h2>",
        "<dl>",
        f"<dt>Attempt</dt><dd>{_h(attempt.id)} ({_h(attempt_kind(attempt))})</dd>",
        f"<dt>Started</dt><dd>{_h(local_time(attempt.started_at))}</dd>",
        f"<dt>Ended</dt><dd>{_h(local_time(attempt.ended_at))} ({_h(attempt.status)})</dd>",
        f"<dt>Outcome</dt><dd>{_h(outcome_label(attempt.outcome))}</dd>",
        f"<dt>Result</dt><dd>{_html_result(record)}</dd>",
    ]
    other = titles.other_content(attempt)
    if other:
        parts.append(f'<dt>Content</dt><dd class="failed">{_h(other)}</dd>')
    if record.retake is not None:
        retake = record.retake
        parts.append(
            f'<dt>Retake</dt><dd>granted by <span class="who">{_h(retake.granted_by)}</span>, '
            f"{_h(local_time(retake.granted_at))}: {_h(retake.reason)}</dd>"
        )
    parts.append("</dl>")
    if record.skills:
        parts += [
            "<h3>Scorecard</h3>",
            "<table><tr><th>Skill</th><th>Earned</th><th>Best</th><th>Percent</th><th></th></tr>",
        ]
        parts += [
            f'<tr><td>{_h(titles.skill(s.skill))}</td><td class="number">{s.earned:g}</td>'
            f'<td class="number">{s.best:g}</td><td class="number">{_h(percent_text(s.percent))}'
            f"</td><td>{_bar(s.percent)}</td></tr>"
            for s in record.skills
        ]
        parts.append("</table>")
    overall = record.notes_on(None)
    if overall:
        parts.append("<h3>Mentor comments</h3>")
        parts += [
            f'<p class="mentor"><span class="who">{_h(note.mentor)}</span> '
            f'<span class="meta">{_h(local_time(note.created_at))}</span><br>'
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
            f"<tr><td>{_h(local_time(o.created_at))}</td><td>{_h(o.mentor)}</td>"
            f'<td class="number">{_h(percent_text(o.score))}</td>'
            f"<td>{_h(passed_text(o.passed))}</td>"
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
            f'<tr><td class="number">{a.number}</td>'
            f"<td>{_h(titles.question(attempt.content_id, a.item_id))}</td>"
            f"<td>{_h(a.answer_text)}</td><td>{'yes' if a.correct else 'no'}</td>"
            f'<td class="number">{a.points:g} / {a.max_points:g}</td>'
            f'<td class="number">{a.seconds:g}</td></tr>'
            for a in record.answers
        ]
        parts.append("</table>")
    if record.turns:
        parts += ["<h3>Transcript</h3>", '<ol class="turns">']
        reply_words = titles.reply_words(record)
        for turn in record.turns:
            parts.append(f'<li class="turn {turn.speaker.value}">')
            parts.append(
                f'<div class="who">{_h(turn.name)} <span class="meta">{_h(step_name(turn.node))}, '
                f"{turn.elapsed:g} s</span></div>"
            )
            parts.append(f'<p class="text">{_h(turn.text)}</p>')
            details = turn_details(turn, titles.skill, reply_words)
            meta = [_h(str(detail)) for detail in details if not detail.alarm]
            if meta:
                parts.append(f'<div class="meta">{" · ".join(meta)}</div>')
            parts += [
                f'<p class="alarm"><b>{_h(detail.label)}:</b> {_h(detail.text)}</p>'
                for detail in details
                if detail.alarm
            ]
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
        ("Hang-ups", funnel.hang_ups),
    )
    parts = ["<h2>Calls and how they ended</h2>", "<table>"]
    for label, count in steps:
        share = 100.0 * count / funnel.calls if funnel.calls else 0.0
        parts.append(
            f'<tr><th>{label}</th><td class="number">{count}</td><td>{_bar(share)}</td></tr>'
        )
    parts.append("</table>")
    if funnel.exam_calls:
        parts.append(
            f"<p>Practice and exam calls alike; {funnel.exam_calls} of the calls were the final "
            "exam's. A deal counts only in a call that passed.</p>"
        )
    else:
        parts.append("<p>A deal counts only in a call that passed.</p>")
    rate = funnel.deal_rate
    if rate is not None:
        verdict = "healthy" if funnel.healthy else "below one deal in ten calls"
        parts.append(f"<p>{rate:.0%} of calls end in a deal: {verdict}.</p>")
    return parts


_STATE_CLASSES = {
    CriterionState.MET: "passed",
    CriterionState.SHORT: "failed",
    CriterionState.NO_DATA: "meta",
}


def _spark(series: Sequence[float | None]) -> str:
    """The weekly figures as small bars, scaled to the largest; an empty week shows no bar."""
    top = max((value for value in series if value is not None), default=0.0)
    bars = []
    for value in series:
        height = 0.0 if value is None or top <= 0 else 100.0 * value / top
        label = "no work logged" if value is None else f"{value:g}"
        bars.append(f'<span title="{_h(label)}" style="height: {max(height, 4.0):.0f}%"></span>')
    return f'<span class="spark">{"".join(bars)}</span>'


def _html_criteria(found: TraineeCriteria) -> list[str]:
    report = found.report
    first, last = report.weeks[0], report.weeks[-1]
    targets = found.targets
    parts = [
        f"<h2>Work under guidance: {_h(found.name)}</h2>",
        f"<p>Targets: {targets.meetings_per_day:g} meetings a day, {targets.calls_per_week} "
        f"calls a week, {targets.monthly_plan} deals a month. "
        f"{report.met} of {len(report.criteria)} measures met.</p>",
        "<table>",
        f"<tr><th>Measure</th><th>Week by week, {first:%d %b} to {last:%d %b}</th>"
        "<th>Where the trainee stands</th><th>Good work is</th><th></th></tr>",
    ]
    for criterion in report.criteria:
        parts.append(
            f"<tr><th>{_h(criterion.title)}</th><td>{_spark(criterion.series)}</td>"
            f"<td>{_h(criterion.figure)}</td><td>{_h(criterion.target)}</td>"
            f'<td class="{_STATE_CLASSES[criterion.state]}">{_h(criterion.state.value)}</td></tr>'
        )
    parts.append("</table>")
    signed = found.sign_off
    if signed is not None:
        parts.append(
            f'<p class="passed">Readiness signed off by {_h(signed.mentor)} on '
            f"{signed.signed_at.astimezone():%Y-%m-%d}: {_h(signed.note)}</p>"
        )
    return parts


def transcript_html(
    transcripts: Transcript | Sequence[Transcript],
    *,
    title: str = "Transcript report",
    funnel: Funnel | None = None,
    titles: Titles = NO_TITLES,
    appendix: Callable[[Transcript], str] | None = None,
) -> str:
    """`write_html` into a string."""
    records = [transcripts] if isinstance(transcripts, Transcript) else list(transcripts)
    out = io.StringIO()
    write_html(records, out, title=title, funnel=funnel, titles=titles, appendix=appendix)
    return out.getvalue()


def write_html(
    transcripts: Iterable[Transcript],
    out: TextIO,
    *,
    title: str = "Transcript report",
    funnel: Funnel | None = None,
    titles: Titles = NO_TITLES,
    appendix: Callable[[Transcript], str] | None = None,
    criteria: Sequence[TraineeCriteria] = (),
) -> int:
    """A self-contained HTML report of attempts (inline CSS, no scripts, no links out): summary,
    scorecard with bars, mentor comments and overrides, answers, the transcript turn by turn;
    with `funnel`, the funnel of opportunities first, then with `criteria` each trainee's work
    under guidance; with `appendix`, the HTML it gives for an attempt (already escaped: the
    call's path on the map) at the end of its section. Written an attempt at a time, so memory
    does not grow with the report; returns the attempts' number."""
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
    for found in criteria:
        parts += _html_criteria(found)
    out.write("\n".join(parts) + "\n")
    count = 0
    for record in transcripts:
        section = _html_attempt(record, titles)
        if appendix is not None:
            section[-1:-1] = [appendix(record)]  # inside the attempt's </section>
        out.write("\n".join(section) + "\n")
        count += 1
    if not count:
        out.write("<p>No attempts.</p>\n")
    out.write("</body>\n</html>\n")
    return count
