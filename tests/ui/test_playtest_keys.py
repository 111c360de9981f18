"""The playtest tests what its author means: the number shown is the reply taken, typing is words."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, RichLog, Static

from trainer.content.graph import scored_skills
from trainer.services.playtest import draft_for
from trainer.ui.modals.playtest import PersonaModal, SetValueModal
from trainer.ui.playtest import PlaytestApp
from trainer.ui.screens.playtest import PlaytestScreen

SCENARIO = """\
kind: scenario
id: three_ways
title: Three ways to answer, and a client who can be two people
stage: 3
personas: [ivan, olga]
goal: Book a meeting.
success: [meeting]
shuffle_replies: true
start: ask
nodes:
  ask:
    say: What do you want?
    hint: Ask before you offer.
    replies:
      - id: first
        text: I would like to understand how your office works today.
        to: booked
        points: {needs_discovery: 3}
        note: The first reply, asked before offering.
      - id: second
        text: Our phones are the best on the market, shall I send a quote?
        to: lost
        note: The second reply, an offer before knowing anything.
      - id: third
        text: Could we meet next week to look at your needs?
        to: booked
        when: trust >= 60
        note: The third reply, for a client who already trusts us.
  booked:
    say: Fine, come on Tuesday.
    ending: {outcome: meeting}
  lost:
    say: No thanks.
    ending: {outcome: lost}
"""


def write_content(mini: Path) -> Path:
    """The fixture set with the scenario above and a second, more trusting client."""
    ivan = (mini / "personas" / "ivan.yaml").read_text()
    olga = ivan.replace("id: ivan", "id: olga").replace("Ivan Petrov", "Olga Belova")
    (mini / "personas" / "olga.yaml").write_text(olga.replace("trust: 40", "trust: 70"))
    path = mini / "scenarios" / "three_ways.yaml"
    path.write_text(SCENARIO)
    return path


def log_text(app: PlaytestApp) -> str:
    lines = app.screen.query_one("#playtest-log", RichLog).lines
    return " ".join(" ".join(line.text for line in lines).split())


def shown(app: PlaytestApp) -> list[str]:
    """The replies on screen, top to bottom, by the number shown beside them."""
    replies = app.screen.query_one("#playtest-replies", OptionList)
    return [str(replies.get_option_at_index(i).id) for i in range(replies.option_count)]


def playtest(path: Path, seed: int) -> PlaytestApp:
    return PlaytestApp(draft_for(path, None), seed=seed, poll_seconds=60)


def screen_of(app: PlaytestApp) -> PlaytestScreen:
    assert isinstance(app.screen, PlaytestScreen)
    return app.screen


async def test_a_number_key_takes_the_reply_shown_with_that_number_not_the_one_there(
    mini: Path,
) -> None:
    path = write_content(mini)
    olga_seed = None
    for seed in range(1, 60):  # a seed whose shuffle does not put reply 1 first
        app = playtest(path, seed)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("ctrl+o")
            app.screen.query_one("#persona-list", OptionList).highlighted = 1  # olga, trust 70
            await pilot.press("enter")
            await pilot.pause()
            order = shown(app)
            if order[0] == "1":
                continue
            olga_seed = seed
            assert sorted(order) == ["1", "2", "3"]
            labels = app.screen.query_one("#playtest-replies", OptionList)
            first_shown = str(labels.get_option_at_index(0).prompt)
            assert first_shown.startswith(f"{order[0]} ")  # the label carries the file's number
            await pilot.press("1")
            await pilot.pause()
            assert "You: I would like to understand how your office works today." in log_text(app)
            assert screen_of(app).session is not None
            assert screen_of(app).session.outcome is not None  # type: ignore[union-attr]
            assert screen_of(app).session.outcome.value == "meeting"  # type: ignore[union-attr]
            break
    assert olga_seed is not None, "no seed in 1-59 shuffles reply 1 away from the top"


async def test_a_number_not_shown_takes_nothing_and_a_lone_shown_number_is_taken(
    mini: Path,
) -> None:
    path = write_content(mini)  # ivan: trust 40, so reply 3 (trust >= 60) is hidden
    app = playtest(path, 1)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert sorted(shown(app)) == ["1", "2"]
        state = str(app.screen.query_one("#playtest-state", Static).render())
        assert "3 third if trust >= 60" in state  # the hidden reply, and why
        await pilot.press("3")
        await pilot.pause()
        assert screen_of(app).moves == []
        assert "You:" not in log_text(app)
        await pilot.press("2")
        await pilot.pause()
        assert "You: Our phones are the best on the market" in log_text(app)
        assert "coach: The second reply, an offer before knowing anything." in log_text(app)


@pytest.mark.parametrize("words", ["Could you visit us on Tuesday?", "v trust = 90", "u j r"])
async def test_typing_is_the_trainees_words_and_never_a_command(mini: Path, words: str) -> None:
    path = write_content(mini)
    app = playtest(path, 1)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.click("#playtest-log")  # a click elsewhere does not take the keys away
        await pilot.press(*("space" if c == " " else c for c in words))  # no Tab first
        await pilot.pause()
        screen = screen_of(app)
        assert isinstance(app.screen, PlaytestScreen)  # no modal opened
        assert screen.query_one("#playtest-say", Input).value == words  # nothing lost
        assert screen.moves == []
        await pilot.press("enter")
        await pilot.pause()
        assert [move.kind for move in screen.moves] == ["say"]
        assert f"You: {words}" in log_text(app)
        assert screen.session is not None and screen.session.environment()["trust"] != 90


async def test_the_hint_the_coach_notes_and_the_client_are_shown_and_every_change_logged(
    mini: Path,
) -> None:
    path = write_content(mini)
    app = playtest(path, 1)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        header = str(app.screen.query_one("#playtest-header", Static).render())
        assert "client: ivan" in header
        state = str(app.screen.query_one("#playtest-state", Static).render())
        assert "Ask before you offer." in state

        await pilot.press("ctrl+t")
        assert isinstance(app.screen, SetValueModal)
        assert app.screen.names == ["patience", "trust", "interest"]  # what can be set
        app.screen.query_one("#set-input", Input).value = "trust = 65"
        await pilot.press("enter")
        await pilot.pause()
        assert "(set trust = 65)" in log_text(app)
        assert sorted(shown(app)) == ["1", "2", "3"]

        await pilot.press("ctrl+o")
        assert isinstance(app.screen, PersonaModal)
        app.screen.query_one("#persona-list", OptionList).highlighted = 1
        await pilot.press("enter")
        await pilot.pause()
        assert "client: olga" in str(app.screen.query_one("#playtest-header", Static).render())
        assert "Olga Belova: What do you want?" in log_text(app)
        assert "(client changed to olga; 1 moves played again)" in log_text(app)
        assert "(set trust = 65)" in log_text(app)  # the setting is replayed on the new client

        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "(undone: set trust = 65)" in log_text(app)
        assert screen_of(app).moves == []


async def test_the_layout_fits_100_by_30_with_whole_skill_names(mini: Path) -> None:
    bundled = Path(__file__).parents[2] / "scenarios" / "upsell_volume_deferred.yaml"
    app = PlaytestApp(draft_for(bundled, None), poll_seconds=60)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        header = app.screen.query_one("#playtest-header", Static)
        text = str(header.render())
        assert text.startswith("node: ") and "client: " in text
        assert len(text.split("client: ")[0]) < header.content_size.width  # status and client
        panel = app.screen.query_one("#playtest-state", Static)
        # the skills this scenario scores: the panel lists those, not every skill of the rubric
        skills = scored_skills(screen_of(app).content.scenario("upsell_volume_deferred"))  # type: ignore[union-attr]
        assert skills
        rendered = str(panel.render())
        meters = rendered.splitlines()[0]
        assert meters.startswith("patience ") and len(meters) <= panel.content_size.width
        assert "answered: none yet" in rendered  # not a line per objection
        for skill in skills:
            line = next(line for line in rendered.splitlines() if line.startswith(f"{skill} "))
            assert len(line) <= panel.content_size.width, line
        for widget_id in ("#playtest-replies", "#playtest-say"):
            region = app.screen.query_one(widget_id).region
            assert region.height > 0 and region.bottom <= 30
