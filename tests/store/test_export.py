"""Exports: CSV and JSON parse back; Markdown and HTML show what a trainee typed as text only."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import replace
from html.parser import HTMLParser

import pytest

from tests.store.conftest import MENTOR, SkillLine, call, client, reply
from trainer.store.database import Store
from trainer.store.export import (
    CSV_COLUMNS,
    attempts_csv,
    attempts_json,
    visible,
)
from trainer.store.export_html import transcript_html
from trainer.store.export_md import transcript_markdown
from trainer.store.mentors import Mentor
from trainer.store.models import Funnel, Trainee, Transcript
from trainer.store.reviews import add_note, override_attempt
from trainer.store.transcripts import iter_transcripts, transcript

SCRIPT = "<script>alert('x')</script>"
ESCAPE = "\x1b[2J\x1b]0;owned\x07"  # clear the screen, set the window title
TYPED = f'Hello {SCRIPT} & {ESCAPE} "quoted" =HYPERLINK("http://evil") [link](http://evil)'


@pytest.fixture
def hostile(store: Store, trainee: Trainee, mentor: Mentor) -> Transcript:
    """An attempt where the trainee typed markup and terminal escapes, and a mentor answered."""
    attempt = call(
        store,
        trainee.id,
        turns=[
            client(0, "hello", "Good morning, who is this?"),
            reply(1, "hello", "intro", {"first_impression": 2.0, "tact": -0.5}, typed=TYPED),
            client(2, "needs", "Line one\nline two"),
        ],
        outcome="meeting",
        percent=72.5,
        passed=True,
        skills=(SkillLine("first_impression", 2.0, 2.0, 100.0), SkillLine("tact", 0.0, 2.0, 0.0)),
    )
    add_note(store, attempt.id, MENTOR, f"Overall: {SCRIPT}")
    add_note(store, attempt.id, MENTOR, "Never type <b>tags</b>\x1b[31m", turn_index=1)
    override_attempt(store, attempt.id, MENTOR, score=80.0, reason="Fair <i>call</i>")
    # Text is sanitised as it is stored now; rows written before that still hold raw escapes,
    # and the exports must show those harmlessly.
    store.conn.execute(
        "UPDATE turns SET typed_text = ? WHERE attempt_id = ? AND idx = 1", (TYPED, attempt.id)
    )
    store.conn.execute(
        "UPDATE notes SET text = ? WHERE attempt_id = ? AND turn_index = 1",
        ("Never type <b>tags</b>\x1b[31m", attempt.id),
    )
    return transcript(store, attempt.id)


def test_visible_shows_control_characters_as_symbols() -> None:
    assert visible("a\x1b[31mb\x07\x00\x7f") == "a\u241b[31mb\u2407\u2400\u2421"
    assert visible("csi\x9b2J and \u202eevil") == "csi\\u009b2J and \\u202eevil"
    assert visible("tab\tand\nnewline stay") == "tab\tand\nnewline stay"


def test_csv_parses_back_one_row_per_turn(hostile: Transcript) -> None:
    text = attempts_csv([hostile])
    every = list(csv.DictReader(io.StringIO(text)))
    assert list(every[0]) == list(CSV_COLUMNS)
    rows = [row for row in every if row["record"] == "turn"]
    assert [row["turn"] for row in rows] == ["0", "1", "2"]
    first, typed, last = rows
    assert first["attempt_id"] == hostile.attempt.id and first["trainee"] == "Ann Lee"
    assert (first["score"], first["passed"]) == ("72.5", "1")
    assert (first["effective_score"], first["effective_passed"]) == ("80.0", "1")
    assert first["overridden_by"] == MENTOR
    assert json.loads(typed["points"]) == {"first_impression": 2.0, "tact": -0.5}
    assert typed["reply"] == "hello/intro" and typed["confidence"] == "75.0"
    assert typed["typed"] == visible(TYPED)  # escapes made visible, the rest as typed
    assert "\x1b" not in text and "\u241b[2J" in typed["typed"]
    assert last["text"] == "Line one\nline two"
    assert first["ended_at"] and first["persona_id"] == "ivan"


def test_csv_defuses_spreadsheet_formulas(store: Store, trainee: Trainee) -> None:
    attempt = call(store, trainee.id, turns=[reply(0, "hello", "x", {}, typed='=HYPERLINK("x")')])
    (row,) = csv.DictReader(io.StringIO(attempts_csv([transcript(store, attempt.id)])))
    assert row["typed"] == '\'=HYPERLINK("x")'
    assert row["elapsed"] == "0.0"


def test_an_attempt_without_turns_is_one_csv_row(store: Store, trainee: Trainee) -> None:
    attempt = call(store, trainee.id, kind="quiz", content_id="product_quiz", outcome="passed")
    (row,) = csv.DictReader(io.StringIO(attempts_csv(list(iter_transcripts(store)))))
    assert (row["attempt_id"], row["kind"], row["turn"], row["text"]) == (
        attempt.id,
        "quiz",
        "",
        "",
    )


def test_json_parses_back_exactly(hostile: Transcript) -> None:
    text = attempts_json([hostile])
    assert "\x1b" not in text and "\\u001b" in text
    document = json.loads(text)
    assert (document["format"], document["version"]) == ("trainer-attempts", 1)
    (attempt,) = document["attempts"]
    assert attempt["id"] == hostile.attempt.id
    assert attempt["turns"][1]["typed"] == TYPED  # exactly as typed, once parsed
    assert attempt["turns"][1]["points"] == {"first_impression": 2.0, "tact": -0.5}
    assert attempt["result"] == {"score": 80.0, "passed": True, "overridden_by": MENTOR}
    assert [note["turn_index"] for note in attempt["notes"]] == [None, 1]
    assert attempt["overrides"][0]["reason"] == "Fair <i>call</i>"
    assert attempt["skills"][1] == {"skill": "tact", "earned": 0.0, "best": 2.0, "percent": 0.0}
    assert attempt["started_at"] == hostile.attempt.started_at.isoformat()


def test_json_escapes_c1_controls_and_bidi_overrides_too(hostile: Transcript) -> None:
    record = replace(hostile, trainee_name="csi\x9b and \u202eabc")
    text = attempts_json([record])
    assert "\x9b" not in text and "\u202e" not in text
    assert json.loads(text)["attempts"][0]["trainee"] == "csi\x9b and \u202eabc"


class _Collector(HTMLParser):
    """The elements and text of a page, as a browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_is_self_contained_and_shows_typed_markup_as_text(hostile: Transcript) -> None:
    page = transcript_html(hostile, title="Ann <Lee>", funnel=Funnel(10, 4, 2, 1))
    parser = _Collector()
    parser.feed(page)
    assert "script" not in parser.tags and "i" not in parser.tags and "b" not in parser.tags
    assert not re.search(r"\b(src|href)=", page)  # nothing loads from elsewhere
    assert "<style>" in page and "Content-Security-Policy" in page
    assert "\x1b" not in page and "\x07" not in page
    shown = "".join(parser.text)
    assert SCRIPT in shown  # the trainee's words, shown as text
    assert "\u241b[2J" in shown and "\u241b]0;owned\u2407" in shown
    assert "Never type <b>tags</b>\u241b[31m" in shown
    assert "Ann <Lee>" in shown
    assert "Overall: " + SCRIPT in shown
    # The scorecard with its bars, the override and the funnel.
    assert "first_impression" in shown and 'style="width: 100.0%"' in page
    assert "overridden by Maria Head; originally 72.5%, passed" in shown
    assert "Fair <i>call</i>" in shown
    assert "Calls and how they ended" in shown and "10% of calls end in a deal: healthy." in shown


def test_html_of_several_attempts_and_of_none(store: Store, trainee: Trainee) -> None:
    for _ in range(2):
        call(store, trainee.id, turns=[client(0, "hello")])
    records = list(iter_transcripts(store, trainee_id=trainee.id))
    page = transcript_html(records)
    assert page.count('<section class="attempt"') == 2
    assert "No attempts." in transcript_html([])


def test_markdown_shows_typed_text_literally(hostile: Transcript) -> None:
    text = transcript_markdown(hostile)
    assert "\x1b" not in text
    assert "\\<script\\>alert('x')\\</script\\>" in text
    assert "\\[link\\](`http://evil)`" in text
    assert "## Scorecard" in text and "| first\\_impression | 2 | 2 | 100% |" in text
    assert "## Mentor comments" in text and "**Maria Head**" in text
    assert "typed: Hello" in text and "75% sure" in text
    assert "mentor **Maria Head**: Never type \\<b\\>tags\\</b\\>\u241b\\[31m" in text
    assert "Line one  \n    line two" in text  # a line break inside the list item
    assert "score 80%" in text and "Fair \\<i\\>call\\</i\\>" in text


def test_every_export_says_which_replies_followed_a_hint(store: Store, trainee: Trainee) -> None:
    helped = replace(reply(1, "hello", "intro", {}), hint_used=True)
    attempt = call(store, trainee.id, turns=[client(0, "hello"), helped, client(2, "needs")])
    record = transcript(store, attempt.id)
    rows = list(csv.DictReader(io.StringIO(attempts_csv([record]))))
    turns_only = [row for row in rows if row["record"] == "turn"]
    assert [row["hint_used"] for row in turns_only] == ["0", "1", "0"]
    turns = json.loads(attempts_json([record]))["attempts"][0]["turns"]
    assert [turn["hint_used"] for turn in turns] == [False, True, False]
    for document in (transcript_markdown(record), transcript_html(record)):
        assert document.count("said after asking for the hint") == 1


def test_markdown_sets_typed_addresses_as_code_so_no_renderer_links_them(
    store: Store, trainee: Trainee
) -> None:
    from markdown_it import MarkdownIt

    addresses = "see https://evil.example/x, www.evil.example, me@evil.example, evil.example/a"
    attempt = call(store, trainee.id, turns=[client(0, addresses)])
    text = transcript_markdown(transcript(store, attempt.id))
    page = MarkdownIt("gfm-like").render(text)  # linkify on, as GitHub-style renderers
    assert "<a " not in page
    assert "`https://evil.example/x,`" in text and "`www.evil.example,`" in text
    assert "`me@evil.example`" in text and "`evil.example/a`" in text


def test_every_export_shows_what_typed_words_stated_and_any_wrong_fact_or_breach(
    store: Store, trainee: Trainee
) -> None:
    judged = {
        "found": {"percents": [3.0], "products": ["S24P"]},
        "mismatches": ["you said 3%: at 40 seats the volume discount is 8%"],
        "breaches": ["15% off is more than the policy allows"],
        "off_script": "offer",
    }
    typed = replace(reply(1, "quote", "line_by_line", {}, typed="S24P at 3% off"), facts=judged)
    attempt = call(store, trainee.id, turns=[client(0, "quote"), typed])
    record = transcript(store, attempt.id)

    [turn] = [t for t in json.loads(attempts_json([record]))["attempts"][0]["turns"] if t["typed"]]
    assert turn["facts"] == judged
    rows = [row for row in csv.DictReader(io.StringIO(attempts_csv([record]))) if row["typed"]]
    assert [json.loads(row["facts"]) for row in rows] == [judged]
    markdown = transcript_markdown(record)
    assert "wrong fact: you said 3%: at 40 seats the volume discount is 8%" in markdown
    assert "breach: 15% off is more than the policy allows" in markdown
    assert "facts: percentages 3; products S24P" in markdown and "off script: an offer" in markdown
    page = transcript_html(record)
    assert '<p class="alarm"><b>wrong fact:</b> you said 3%: at 40 seats' in page
    assert '<p class="alarm"><b>breach:</b> 15% off is more than the policy allows</p>' in page


def test_markdown_escapes_only_what_would_start_a_list_rule_or_heading(
    store: Store, trainee: Trainee
) -> None:
    """A figure at the start of a line is text ("86.7%", "-5"): no backslash in it; a line that
    would render as a list item, a rule or a heading's underline is escaped, and a real
    renderer (CommonMark) shows every one of them as plain text."""
    from markdown_it import MarkdownIt

    said = "1. one\n2) two\n- three\n+ four\n---\n===\n3.\n86.7% sure\n-5 points\n1.5 days"
    attempt = call(
        store,
        trainee.id,
        turns=[client(0, "hello", said), reply(1, "hello", "intro", {}, typed=said)],
        percent=86.7,
    )
    text = transcript_markdown(transcript(store, attempt.id))
    assert "- Result: 86.7%, passed" in text
    assert "86.7% sure" in text and "-5 points" in text and "1.5 days" in text
    html = MarkdownIt("commonmark").render(text)
    found = re.findall(r"1\. one.*?1\.5 days", html, re.DOTALL)
    assert len(found) == 3 and "<br />" in found[0], html
    for shown in found:  # the client's line, line by line; the reply and what was typed
        assert set(re.findall(r"<[^>]+>", shown)) <= {"<br />"}, shown  # nothing else
        assert " ".join(re.sub(r"<br />", " ", shown).split()) == (
            "1. one 2) two - three + four --- === 3. 86.7% sure -5 points 1.5 days"
        )


def test_markdown_and_html_name_steps_and_replies_in_words_never_by_id(
    store: Store, trainee: Trainee
) -> None:
    """A mentor never wrote `opening/prepared_intro`: typed words say the reply they were heard
    as in its own words, a step reads as words, and the attempt's kind is said once."""
    from tests.conftest import MINI
    from trainer.content.loader import load_content
    from trainer.store.export import Titles

    titles = Titles.of(load_content(MINI))
    typed = reply(1, "hello", "intro", {}, typed="hi it's Ann, Northline here")
    attempt = call(store, trainee.id, turns=[client(0, "hello"), typed])
    record = transcript(store, attempt.id)
    markdown = transcript_markdown(record, titles)
    page = transcript_html(record, titles=titles)
    for document in (markdown, page):
        assert "hello/intro" not in document
        assert "heard as: Hello Ivan, this is Ann Lee from Northline." in document
        assert "(practice call)" in document and "practice)" not in document
    exam = call(store, trainee.id, kind="exam", content_id="first_call", turns=[typed])
    exam_md = transcript_markdown(transcript(store, exam.id), titles)
    assert "(final exam)" in exam_md and "(exam, exam)" not in exam_md
