"""Home in the light theme: the stage headings and the notes under them are text a trainee reads,
so they keep a readable contrast (WCAG's 4.5:1 for text), not the faint colour of a disabled
option dimmed once more."""

from __future__ import annotations

import html
import re

from tests.ui.conftest import Build, sign_in, take_quiz
from trainer.content.content_set import ContentSet
from trainer.store.database import Store
from trainer.store.models import Trainee

READABLE = 4.5


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def colour_of(svg: str, fragment: str) -> str:
    """The colour the screenshot draws the text `fragment` in."""
    styles: dict[str, str] = dict(re.findall(r"\.(terminal-\d+-r\d+) \{ fill: (#[0-9a-f]{6})", svg))
    for css_class, text in re.findall(
        r'<text class="(terminal-\d+-r\d+)"[^>]*>([^<]*)</text>', svg
    ):
        if fragment in html.unescape(text).replace("\xa0", " "):
            return styles[css_class]
    raise AssertionError(f"{fragment!r} is not on screen")


async def test_stage_headings_and_notes_are_readable_in_the_light_theme(
    build: Build, bundled: ContentSet, store: Store, ann: Trainee
) -> None:
    programme = bundled.programme
    assert programme is not None and programme.stages[0].quiz is not None
    take_quiz(store, ann.id, programme.stages[0].quiz)
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await sign_in(pilot)
        app.theme = "textual-light"
        await pilot.pause()
        background = app.current_theme.background
        assert background is not None
        svg = app.export_screenshot()
        for shown in ("Introduction to the work", "Quiz best 100%, passed", "Sales training"):
            ratio = contrast(colour_of(svg, shown), background)
            assert ratio >= READABLE, f"{shown!r}: {ratio:.1f}:1"
