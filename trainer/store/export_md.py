"""The Markdown export of attempts: a document a mentor can read, print or hand on.

Whatever a trainee typed or a content file said is shown as itself: punctuation is
backslash-escaped, web and e-mail addresses are set as code, control characters are visible
(see `trainer.store.export` for the rules every format follows).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TextIO

from trainer.content.outcomes import outcome_label
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
from trainer.store.models import Transcript

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&])")
# What Markdown renderers turn into links by themselves: an address with a scheme, one that
# starts with www. or //, an e-mail address, a bare domain name (markdown-it's fuzzy links).
_ADDRESS_CHARS = r"[^\s<>|`]"
_LINKLIKE = re.compile(
    rf"(?:\b[a-z][a-z0-9+.-]*://|\b(?:mailto|tel|xmpp|javascript|data):|\bwww\.|(?<!\S)//)"
    rf"{_ADDRESS_CHARS}+"
    rf"|[^\s<>|`@()\[\]]+@[\w-]+(?:\.[\w-]+)+"
    rf"|(?<![\w@.-])(?:[a-z0-9-]+\.)+[a-z]{{2,}}\b(?:[/:?#]{_ADDRESS_CHARS}*)?",
    re.IGNORECASE,
)
# What makes a line a list item, a rule or a heading's underline: the marker followed by a
# space or the line's end, or by more of itself ("---", "==="). A figure ("86.7%", "-5") is text.
_MARKDOWN_LINE_START = re.compile(r"^(\s*\d*)([-+=.)])(?=\s|$|[-=])")


def _md(text: str) -> str:
    """Text shown as itself in Markdown: no link, tag, emphasis or list; controls visible.

    Web and e-mail addresses become code spans: renderers that link bare addresses (GitHub's,
    markdown-it's linkify) leave code alone, while a backslash would not stop them all.
    """
    lines = []
    for line in visible(text).split("\n"):
        parts = []
        start = 0
        for match in _LINKLIKE.finditer(line):
            parts.append(_MARKDOWN_SPECIAL.sub(r"\\\1", line[start : match.start()]))
            parts.append(f"`{match.group()}`")
            start = match.end()
        parts.append(_MARKDOWN_SPECIAL.sub(r"\\\1", line[start:]))
        line = _MARKDOWN_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), "".join(parts))
        lines.append(line)
    # A hard line break, then the continuation indented under the list item it belongs to.
    return "  \n    ".join(lines)


def transcript_markdown(record: Transcript, titles: Titles = NO_TITLES) -> str:
    """The attempt as a Markdown document: summary, scorecard, turns, and mentor records."""
    attempt = record.attempt
    lines = [
        f"# {_md(titles.title(attempt.content_id))}: {_md(record.trainee_name)}",
        "",
        f"- Attempt: `{attempt.id}` ({attempt_kind(attempt)})",
        f"- Started: {local_time(attempt.started_at)}",
        f"- Ended: {local_time(attempt.ended_at)} ({attempt.status.value})",
        f"- Outcome: {_md(outcome_label(attempt.outcome))}",
        f"- Result: {_md(result_line(record))}",
    ]
    other = titles.other_content(attempt)
    if other:
        lines.append(f"- Content: **{_md(other)}**")
    if record.retake is not None:
        retake = record.retake
        lines.append(
            f"- Retake: granted by **{_md(retake.granted_by)}**, "
            f"{local_time(retake.granted_at)}: {_md(retake.reason)}"
        )
    if record.skills:
        lines += ["", "## Scorecard", "", "| Skill | Earned | Best | Percent |"]
        lines.append("|---|--:|--:|--:|")
        lines += [
            f"| {_md(titles.skill(s.skill))} | {s.earned:g} | {s.best:g} | "
            f"{percent_text(s.percent)} |"
            for s in record.skills
        ]
    overall = record.notes_on(None)
    if overall:
        lines += ["", "## Mentor comments", ""]
        lines += [
            f"- **{_md(note.mentor)}**, {local_time(note.created_at)}: {_md(note.text)}"
            for note in overall
        ]
    if record.overrides:
        lines += ["", "## Overrides", ""]
        for override in record.overrides:
            changed = ", ".join(
                part
                for part in (
                    None if override.score is None else f"score {percent_text(override.score)}",
                    None if override.passed is None else passed_text(override.passed),
                )
                if part
            )
            lines.append(
                f"- {local_time(override.created_at)}, **{_md(override.mentor)}**: "
                f"{_md(changed)}; "
                f"{_md(override.reason)}"
            )
    if record.answers:
        lines += ["", "## Answers", ""]
        for answer in record.answers:
            verdict = "right" if answer.correct else "wrong"
            lines.append(
                f"{answer.number}. {_md(titles.question(attempt.content_id, answer.item_id))} "
                f"→ {_md(answer.answer_text)} ({verdict}, "
                f"{answer.points:g} of {answer.max_points:g} points, {answer.seconds:g} s)"
            )
    if record.turns:
        lines += ["", "## Transcript", ""]
        reply_words = titles.reply_words(record)
        for turn in record.turns:
            lines.append(
                f"{turn.index + 1}. **{_md(turn.name)}** ({_md(turn.speaker)}, "
                f"{_md(step_name(turn.node))}): {_md(turn.text)}"
            )
            details = [
                f"{detail.label}: {_md(detail.text)}" if detail.label else _md(detail.text)
                for detail in turn_details(turn, titles.skill, reply_words)
            ]
            if turn.note:
                details.append(f"coach: {_md(turn.note)}")
            details += [
                f"mentor **{_md(note.mentor)}**: {_md(note.text)}"
                for note in record.notes_on(turn.index)
            ]
            lines += [f"    - {detail}" for detail in details]
    return "\n".join(lines) + "\n"


def write_markdown(
    transcripts: Iterable[Transcript], out: TextIO, titles: Titles = NO_TITLES
) -> int:
    """Each attempt's `transcript_markdown`, a blank line between, written as they come."""
    count = 0
    for record in transcripts:
        out.write(("\n" if count else "") + transcript_markdown(record, titles))
        count += 1
    return count
