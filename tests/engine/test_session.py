"""Engine: playing scenarios through the compiled machine, scoring, guards, free text, determinism."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from tests.conftest import MINI
from trainer.content import templates
from trainer.content.content_set import ContentSet
from trainer.content.loader import load_content
from trainer.content.paths import bundled_content_dir
from trainer.content.persona import Meter
from trainer.content.scenario.model import Outcome
from trainer.engine.machine import compile_scenario
from trainer.engine.placeholders import placeholder_values
from trainer.engine.scoring import score_call
from trainer.engine.session import Session
from trainer.engine.turns import Mode, Speaker
from trainer.errors import ContentError, DialogueError


@pytest.fixture(scope="module")
def content() -> ContentSet:
    return load_content(MINI)


def play(content: ContentSet, replies: list[str], **options: object) -> Session:
    session = Session(content, content.scenario("first_call"), **options)  # type: ignore[arg-type]
    for reply in replies:
        session.choose(reply)
    return session


@pytest.mark.parametrize(
    "replies, outcome, passed, percent",
    [
        (["intro", "ask", "meet"], Outcome.MEETING, True, 100.0),
        (["push", "sorry", "ask", "send"], Outcome.LOST, False, 41.7),
        (["intro", "pitch", "send"], Outcome.LOST, False, 16.7),
        (["push", "push_again"], Outcome.HUNG_UP, False, 0.0),
    ],
)
def test_paths_end_with_their_outcome_and_score(
    content: ContentSet, replies: list[str], outcome: Outcome, passed: bool, percent: float
) -> None:
    session = play(content, replies)
    score = session.score()
    assert session.outcome is outcome
    assert score.passed is passed
    assert score.percent == percent


def test_scores_are_normalised_against_the_best_path_computed_from_the_graph(
    content: ContentSet,
) -> None:
    compiled = compile_scenario(content.scenario("first_call"))
    # closing: meet (3) + booked ending (1); first impression: intro (2) beats sorry (1)
    assert compiled.maxima == {"first_impression": 2, "needs_discovery": 3, "tact": 2, "closing": 4}


def test_a_failed_must_pass_skill_fails_an_otherwise_passing_call(content: ContentSet) -> None:
    scenario = content.scenario("first_call")
    maxima = compile_scenario(scenario).maxima
    earned = {"first_impression": 2, "needs_discovery": 3, "tact": 0.9, "closing": 4}
    score = score_call(scenario, content.rubric, maxima, earned, Outcome.MEETING)
    assert score.percent == 81.7 and score.percent >= score.pass_mark
    assert not score.passed
    assert score.reasons == ("Tact scored 45%, below its must-pass 50%",)
    tact = next(skill for skill in score.skills if skill.skill == "tact")
    assert tact.level == "Pushy." and not tact.met


def test_a_pushy_caller_drains_patience_and_the_client_hangs_up(content: ContentSet) -> None:
    session = play(content, ["push"])
    assert session.meters[Meter.PATIENCE] == 15 and not session.ended  # 40 - 25
    turns = session.choose("push_again")
    assert session.outcome is Outcome.HUNG_UP
    assert turns[-1].speaker is Speaker.CLIENT and turns[-1].text == "That's enough, goodbye."
    assert turns[-1].node == "annoyed"
    with pytest.raises(DialogueError, match="the call has ended"):
        session.choose(1)


def test_a_guard_hides_a_reply_until_it_holds(content: ContentSet) -> None:
    without_discovery = play(content, ["intro", "pitch"])
    assert [o.reply.id for o in without_discovery.options()] == ["send"]
    with pytest.raises(DialogueError, match="'meet' is not on offer right now"):
        without_discovery.choose("meet")
    with_discovery = play(content, ["intro", "ask"])
    assert [o.reply.id for o in with_discovery.options()] == ["meet", "send"]
    assert with_discovery.variables["asked"] is True


def test_reply_points_count_once_even_when_a_loop_repeats_them(content: ContentSet) -> None:
    session = play(content, ["push", "push_again"], seed=3)
    assert session.earned == {"tact": -2}


def test_numbers_are_as_shown_and_out_of_range_is_explained(content: ContentSet) -> None:
    session = Session(content, content.scenario("first_call"))
    assert [(o.number, o.reply.id) for o in session.options()] == [(1, "intro"), (2, "push")]
    with pytest.raises(
        DialogueError, match=r"there is no reply 7 here; choose 1 \(intro\), 2 \(push\)"
    ):
        session.choose(7)
    with pytest.raises(DialogueError, match="reply 'nope' does not exist at this point"):
        session.choose("nope")


def test_placeholders_are_filled_with_persona_trainee_and_company(content: ContentSet) -> None:
    session = Session(content, content.scenario("first_call"), trainee="Anna")
    assert session.turns[0].text in ("Ivan Petrov speaking.", "Yes, Ivan here.")
    assert session.options()[0].text == "Hello Ivan, this is Anna from Northline."


def test_same_seed_and_replies_give_the_same_transcript(content: ContentSet) -> None:
    first = [turn.text for turn in play(content, ["intro", "ask", "meet"], seed=7).turns]
    second = [turn.text for turn in play(content, ["intro", "ask", "meet"], seed=7).turns]
    assert first == second
    openings = {play(content, [], seed=seed).turns[0].text for seed in range(20)}
    assert openings == {"Ivan Petrov speaking.", "Yes, Ivan here."}


def test_typed_words_match_a_reply_by_keywords_and_are_kept(content: ContentSet) -> None:
    session = Session(content, content.scenario("first_call"))
    turns = session.say("hi, this is Anna from Northline")
    trainee = turns[0]
    assert trainee.reply == "hello/intro" and trainee.typed == "hi, this is Anna from Northline"
    assert trainee.confidence is not None and trainee.confidence >= 60
    assert session.state == "needs"


def test_typed_words_that_match_nothing_get_the_fallback_and_cost_patience(
    content: ContentSet,
) -> None:
    session = Session(content, content.scenario("first_call"), seed=2)
    turns = session.say("purple invoices dance under the lighthouse")
    assert turns[0].reply is None and turns[0].tags == ("unclear",)
    assert turns[1].text in ("Sorry, what do you mean?", "I didn't catch that.")
    assert session.meters[Meter.PATIENCE] == 25  # 40 - 15, the persona's reaction to 'unclear'
    assert session.state == "hello"


def test_a_supporting_character_answers_unclear_words_in_their_own_voice() -> None:
    bundled = load_content(bundled_content_dir())
    scenario = bundled.scenario("cold_call_gatekeeper")
    receptionist = bundled.persona(scenario.cast["gatekeeper"])
    session = Session(bundled, scenario, seed=3)
    assert scenario.nodes[session.state].speaker == "gatekeeper"
    unclear, answer = session.say("zebra crossing umbrella")
    assert unclear.tags == ("unclear",)
    assert answer.name == receptionist.name != session.persona.name
    assert answer.text in {session.render(line) for line in receptionist.fallback_lines}


def test_empty_typed_text_is_refused(content: ContentSet) -> None:
    session = Session(content, content.scenario("first_call"))
    with pytest.raises(DialogueError, match="type what you would say"):
        session.say("   ")


def test_exam_mode_gives_no_hints(content: ContentSet) -> None:
    practice = Session(content, content.scenario("first_call"))
    assert practice.hint() == "Say who you are."
    exam = Session(content, content.scenario("first_call"), mode=Mode.EXAM)
    with pytest.raises(DialogueError, match="no hints in the exam"):
        exam.hint()


def test_hanging_up_ends_the_call_as_lost(content: ContentSet) -> None:
    session = play(content, ["intro"])
    session.hang_up()
    assert session.outcome is Outcome.LOST and not session.score().passed


def test_an_unlisted_persona_is_refused(content: ContentSet, mini: Path) -> None:
    other = content.persona("ivan")
    scenario = content.scenario("first_call")
    object.__setattr__(other, "id", "someone_else")
    try:
        with pytest.raises(DialogueError, match="is not played against 'someone_else'"):
            Session(content, scenario, other)
    finally:
        object.__setattr__(other, "id", "ivan")


def test_sessions_share_one_compiled_machine_and_are_never_bound_to_it(
    content: ContentSet,
) -> None:
    scenario = content.scenario("first_call")
    first, second = Session(content, scenario), Session(content, scenario)
    machine = compile_scenario(scenario).machine
    assert first._compiled is second._compiled
    # Bound models cost tens of KiB each and a scan of the machine's list to drop one.
    assert machine.models == []
    assert not hasattr(first, "is_hello") and not hasattr(first, "trigger")
    first.choose("intro")
    assert first.state != "hello" and second.state == "hello"
    second.choose("intro")
    assert second.state == first.state
    first.close()
    assert first.state == second.state and first.turns  # closing keeps the transcript


def test_a_session_costs_kilobytes_whatever_else_is_alive(content: ContentSet) -> None:
    scenario = content.scenario("first_call")
    Session(content, scenario).choose("intro")  # the compiled machine is shared, not counted
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        sessions = [Session(content, scenario, seed=seed) for seed in range(200)]
        for session in sessions:
            session.choose("intro")
        per_session = (tracemalloc.get_traced_memory()[0] - before) / len(sessions)
    finally:
        tracemalloc.stop()
    assert per_session < 10 * 1024


def test_hints_and_coach_notes_fill_placeholders(mini: Path) -> None:
    scenario = mini / "scenarios" / "first_call.yaml"
    text = scenario.read_text().replace(
        "hint: Say who you are.", "hint: Tell {first_name} who you are."
    )
    scenario.write_text(
        text.replace("note: You asked before offering.", "note: You asked {name} first.")
    )
    content = load_content(mini)
    session = Session(content, content.scenario("first_call"))
    assert session.hint() == "Tell Ivan who you are."
    session.choose("intro")
    assert session.choose("ask")[0].note == "You asked Ivan Petrov first."


def test_typed_words_lose_their_control_characters(content: ContentSet) -> None:
    session = Session(content, content.scenario("first_call"))
    [trainee, _] = session.say("hello\x1b[2J\x1b]0;pwned\x07 this is Anna from Northline")
    assert trainee.typed == "hello[2J]0;pwned this is Anna from Northline"
    assert "\x1b" not in trainee.text and "\x07" not in trainee.text


def test_playtest_moves_jump_and_set_values(content: ContentSet) -> None:
    session = Session(content, content.scenario("first_call"))
    turns = session.jump("offer")
    assert session.state == "offer" and turns[-1].text == "Alright, what do you suggest?"
    assert [o.reply.id for o in session.options()] == ["send"]  # trust 40, not asked
    session.set_value("trust", 80)
    session.set_value("asked", True)
    assert [o.reply.id for o in session.options()] == ["meet", "send"]
    session.set_value("patience", 500)
    assert session.meters[Meter.PATIENCE] == 100
    with pytest.raises(DialogueError, match="'asked' holds a bool value"):
        session.set_value("asked", 3)
    with pytest.raises(DialogueError, match="neither a meter nor a variable"):
        session.set_value("mood", 3)
    session.choose("meet")
    assert session.outcome is Outcome.MEETING
    session.jump("hello")  # back into the call after an ending
    assert not session.ended and session.state == "hello"


def test_replies_are_offered_in_a_seeded_order_so_one_is_not_always_best(mini: Path) -> None:
    scenario_file = mini / "scenarios" / "first_call.yaml"
    scenario_file.write_text(
        scenario_file.read_text().replace("shuffle_replies: false", "shuffle_replies: true")
    )
    content = load_content(mini)
    scenario = content.scenario("first_call")

    def order(seed: int) -> list[str]:
        return [option.reply.id for option in Session(content, scenario, seed=seed).options()]

    orders = {tuple(order(seed)) for seed in range(12)}
    assert orders == {("intro", "push"), ("push", "intro")}
    assert order(5) == order(5)  # the same seed numbers them the same, so replays match
    session = Session(content, scenario, seed=5)
    first = session.options()[0].reply.id
    session.choose(1)
    assert session.turns[1].reply == f"hello/{first}"


@pytest.mark.parametrize("typed", ["so", "you", "y", "yes", "ok", "k", "hello", "um, yes", "84"])
def test_content_free_words_are_never_taken_as_a_reply(typed: str) -> None:
    """A filler or a lone word earns nothing, however well it overlaps a reply's text."""
    content = load_content(bundled_content_dir())
    scenario = content.scenario("final_exam_close_deal")
    session = Session(content, scenario, mode=Mode.PRACTICE, seed=3)
    turns = session.say(typed)
    assert turns[0].tags == ("unclear",)
    assert turns[0].reply is None
    assert session.state == scenario.start


def test_a_guard_knows_which_objections_were_answered(mini: Path) -> None:
    """`answered_price` turns true once a reply that counters 'price' is taken, not before."""
    path = mini / "scenarios" / "first_call.yaml"
    path.write_text(
        path.read_text().replace(
            "        when: trust >= 50 and asked\n", "        when: answered_price\n"
        )
    )
    content = load_content(mini)
    scenario = content.scenario("first_call")
    countered = Session(content, scenario, seed=1)
    countered.choose("intro")
    assert countered.environment()["answered_price"] is False
    countered.choose("ask")
    assert countered.environment()["answered_price"] is True
    assert [o.reply.id for o in countered.options()] == ["meet", "send"]
    dodged = Session(content, scenario, seed=1)
    dodged.choose("intro")
    dodged.choose("pitch")
    assert [o.reply.id for o in dodged.options()] == ["send"]


def test_an_unknown_answered_name_is_a_located_error(mini: Path) -> None:
    path = mini / "scenarios" / "first_call.yaml"
    path.write_text(
        path.read_text().replace(
            "        when: trust >= 50 and asked\n", "        when: answered_delivery\n"
        )
    )
    with pytest.raises(ContentError, match="unknown name 'answered_delivery'") as caught:
        load_content(mini)
    assert "first_call.yaml:66:15:" in str(caught.value)


def test_the_reply_after_a_hint_is_marked_and_only_that_one(content: ContentSet) -> None:
    session = play(content, [])
    assert session.hint() == "Say who you are."
    session.hint()  # asked twice before one reply: still one helped reply
    helped = session.choose("intro")
    assert [turn.hint_used for turn in helped] == [True, False]  # the reply, not the client line
    unhelped = session.say("Before we talk price, how many people use the phones every day?")
    assert not any(turn.hint_used for turn in unhelped)


def test_a_moment_without_a_hint_marks_nothing(content: ContentSet) -> None:
    session = play(content, ["intro"])
    assert session.node.hint == ""
    assert session.hint().startswith("No hint for this moment")
    assert not session.choose("ask")[0].hint_used


def test_a_hint_before_an_unclear_reply_marks_that_reply(content: ContentSet) -> None:
    session = play(content, [])
    session.hint()
    unclear, *_ = session.say("qwerty zxcv")
    assert "unclear" in unclear.tags and unclear.hint_used
    assert not session.choose("intro")[0].hint_used


def test_the_cast_s_placeholders_are_made_once_for_every_call_of_a_scenario() -> None:
    """A block of ten calls names fifty cast placeholders; each call keeps only its own few
    (memory per session alive), and what one call changes stays its own."""
    content = load_content(bundled_content_dir())
    scenario = content.scenario("cold_call_block")
    persona = content.persona(scenario.personas[0])
    ann = placeholder_values(content, scenario, persona, trainee="Ann")
    bob = placeholder_values(content, scenario, persona, trainee="Bob")
    assert ann.maps[1] is bob.maps[1] and len(ann.maps[1]) >= 10
    assert templates.render("{legal.name}, {trainee}", ann) == "Anouk de Graaf, Ann"
    del ann["attempt"]
    assert bob["attempt"] == "1" and "attempt" not in ann
