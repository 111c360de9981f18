"""Typed words understood by meaning, and never a free ride: driven through real sessions."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest

from tests.cli.test_cli import modules_of_the_app_path
from tests.engine.heard import at, hear
from trainer.content.content_set import ContentSet
from trainer.content.scenario.model import Reply
from trainer.engine import embedding, matching
from trainer.engine.matching import Verdict, understand
from trainer.engine.numbers import spell_numbers
from trainer.engine.session import Session

ROOT = Path(__file__).resolve().parents[2]


# -- the first three bugs --------------------------------------------------------------


@pytest.mark.parametrize("words", ["so", "you", "y", "yes", "ok", "k", "hello", "so um", "ok ok"])
def test_filler_words_earn_nothing_at_lenas_stock_question(bundled: ContentSet, words: str) -> None:
    session = at(bundled, "out_of_stock_urgent", "problem")
    before = dict(session.earned)
    turns = session.say(words)
    assert session.state == "problem"  # still waiting for a real reply
    assert dict(session.earned) == before
    assert turns[0].tags == ("unclear",)


@pytest.mark.parametrize(
    ("node", "words"),
    [
        ("price_obj", "recording"),
        ("price_obj", "84"),
        ("price_obj", "84 euros"),
        ("price_obj", "recording included"),
        ("price_obj", "vexa recording"),
        ("payment_obj", "60 days"),
        ("payment_obj", "sixty days"),
        ("payment_obj", "2% surcharge"),
        ("close_ask", "signature"),
        ("close_ask", "your signature"),
        ("close_ask", "signature today"),
    ],
)
def test_keywords_alone_never_earn_the_exams_model_answers(
    bundled: ContentSet, node: str, words: str
) -> None:
    session = at(bundled, "final_exam_close_deal", node, exam=True)
    heard = hear(session, words)
    assert heard.best is None, (words, heard.ranked[0])
    session.say(words)
    assert session.state == node
    assert not session.earned


@pytest.mark.parametrize(
    ("scenario", "node", "words", "reply"),
    [
        (
            "upsell_volume_deferred",
            "wing_questions",
            "how much can u spend on the wing?",
            "ask_budget",
        ),
        ("upsell_volume_deferred", "wing_questions", "whats ur budget for the wing", "ask_budget"),
        (
            "book_meeting",
            "how_they_work",
            "Very useful, thanks. Who answers most of the incoming calls?",
            "ask_reception",
        ),
        (
            "warranty_complaint",
            "refund_obj",
            "Fine, send all of them back and you'll get your money back.",
            "agree_refund",
        ),
        (
            "referral_request",
            "how_going",
            "then you should get video bars for the rest of your rooms",
            "upsell_now",
        ),
        (
            "vip_renewal",
            "price_obj",
            "7 percent is a serious offer, besides price what matters most to u in a phone supplier for 40 stores?",
            "ask_what_matters",
        ),
    ],
)
def test_paraphrases_and_casual_lines_are_understood(
    bundled: ContentSet, scenario: str, node: str, words: str, reply: str
) -> None:
    session = at(bundled, scenario, node)
    heard = hear(session, words)
    assert heard.best is not None and heard.best.reply.id == reply, heard.ranked[:2]


# -- no free ride ------------------------------------------------------------------------------


def _reply(reply_id: str, text: str, number: int, **extra: object) -> Reply:
    return Reply(id=reply_id, number=number, node="n", text=text, target="t", **extra)  # type: ignore[arg-type]


SHORT = [
    _reply("agents", "How many agents do you have?", 1),
    _reply("slot", "Would Tuesday at ten work for you?", 2),
    _reply("later", "I'll send you our brochure and call again next month.", 3),
]


@pytest.mark.parametrize(
    ("words", "reply"), [("How many agents?", "agents"), ("Tuesday at ten works?", "slot")]
)
def test_short_real_answers_match_short_replies(words: str, reply: str) -> None:
    heard = understand(words, SHORT, [r.text for r in SHORT], threshold=60)
    assert heard.best is not None and heard.best.reply.id == reply


@pytest.mark.parametrize("words", ["agents", "Tuesday", "10", "brochure", "how many", "yes ten"])
def test_a_lone_word_or_number_is_content_free(words: str) -> None:
    heard = understand(words, SHORT, [r.text for r in SHORT], threshold=60)
    assert heard.verdict is Verdict.CONTENT_FREE


def test_one_keyword_found_is_not_a_match_however_many_keywords_a_reply_has() -> None:
    reply = _reply(
        "quote",
        "Sixty seats at 84 a year, sixty Duo headsets and a G5 router: 8,591.20 in all.",
        1,
        keywords=("g5 router", "8,591.20", "duo"),
    )
    other = _reply("other", "Let me check with accounting and get back to you.", 2)
    texts = [reply.text, other.text]
    for words in ("the g5 router then", "router please now", "what about the duo headsets"):
        assert understand(words, [reply, other], texts, threshold=60).best is None, words
    # every keyword named, nothing else said: still short of the whole answer
    heard = understand("duo and the g5 router", [reply, other], texts, threshold=60, exam=True)
    assert heard.best is None


def test_the_exam_never_accepts_what_practice_refuses(bundled: ContentSet) -> None:
    from trainer.content.typed import load_typed

    sets, problems = load_typed(ROOT, bundled.scenarios)
    assert not problems
    session = Session(bundled, bundled.scenario("book_meeting"))
    for typed in sets:
        scenario = bundled.scenario(typed.scenario)
        for line in typed.lines:
            replies = scenario.nodes[line.node].replies
            texts = [session.render(r.text) for r in replies]
            practice = understand(line.text, replies, texts, threshold=60)
            exam = understand(line.text, replies, texts, threshold=60, exam=True)
            if exam.best is not None:
                assert practice.best is not None and practice.best.reply == exam.best.reply


def test_an_authored_example_teaches_the_matcher_a_phrasing() -> None:
    budget = _reply("budget", "What budget do you have for the wing?", 1)
    network = _reply("network", "Do the switches in the wing supply PoE?", 2)
    words = "how much cash is there to play with"
    bare = understand(words, [budget, network], [budget.text, network.text], threshold=60)
    assert bare.best is None
    taught = _reply("budget", budget.text, 1, examples=("how much money can you spend?",))
    heard = understand(words, [taught, network], [taught.text, network.text], threshold=60)
    assert heard.best is not None and heard.best.reply.id == "budget"


@pytest.mark.parametrize(
    "words", ["duo and the g5 router", "sixty duo headsets then", "84 a year and a g5"]
)
def test_a_fragment_of_the_replys_own_words_is_asked_to_say_more(words: str) -> None:
    quote = _reply(
        "quote", "Sixty seats at 84 a year, sixty Duo headsets and a G5 router: 8,591.20 in all.", 1
    )
    other = _reply("other", "Let me check with accounting and get back to you.", 2)
    heard = understand(words, [quote, other], [quote.text, other.text], threshold=60)
    assert heard.verdict is Verdict.CONTENT_FREE, heard.ranked[0]
    whole = "sixty seats at 84 a year, sixty duo headsets, a g5 router, 8591.20 altogether"
    assert understand(whole, [quote, other], [quote.text, other.text], threshold=60).best


def test_a_line_that_reads_almost_as_much_like_two_replies_is_not_guessed() -> None:
    email = _reply("email", "Shall I email you our brochure?", 1)
    post = _reply("post", "Shall I post you our printed catalogue?", 2)
    texts = [email.text, post.text]
    vague = understand("I can send you some details", [email, post], texts, threshold=50)
    assert vague.confidence >= 50 and vague.best is None
    clear = understand("could I email the brochure to you", [email, post], texts, threshold=50)
    assert clear.best is not None and clear.best.reply.id == "email"


def test_a_short_example_lets_a_short_line_say_a_long_reply() -> None:
    long = _reply(
        "guarantee",
        "With our network and our engineers on call, I can tell you that an outage like the one "
        "you had last winter simply will not happen with us, and that is guaranteed.",
        1,
    )
    other = _reply("sla", "Our contract gives you a 99.9% uptime SLA with service credits.", 2)
    words = "no repeat of last winter, guaranteed"
    bare = understand(words, [long, other], [long.text, other.text], threshold=60)
    assert bare.best is None
    taught = _reply("guarantee", long.text, 1, examples=("No repeat of last winter. Guaranteed.",))
    heard = understand(words, [taught, other], [taught.text, other.text], threshold=60)
    assert heard.best is not None and heard.best.reply.id == "guarantee"


# -- numbers and words agree ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("7%", "seven percent"),
        ("7 %", "7 per cent"),
        ("2k", "2,000"),
        ("two thousand", "2000"),
        ("€84", "84 euros"),
        ("EUR 84", "84 €"),
        ("8,591.20", "8591.20"),
        ("sixty days", "60 days"),
        ("forty-two seats", "42 seats"),
    ],
)
def test_numbers_and_words_are_spelled_one_way(one: str, other: str) -> None:
    assert spell_numbers(one) == spell_numbers(other)


def test_words_that_are_not_numbers_stay_words() -> None:
    assert spell_numbers("a one-off, one of them") == "a one-off, 1 of them"
    assert spell_numbers("the T310 at 79") == "the t310 at 79"


def test_a_price_in_words_matches_the_reply_in_figures() -> None:
    cave = _reply("cave", "Okay, okay. Seven percent then.", 1)
    hold = _reply("hold", "That's what I can give on price: 76 a seat, 39,520 a year.", 2)
    texts = [cave.text, hold.text]
    heard = understand("fine, 7% then", [cave, hold], texts, threshold=60)
    assert heard.best is not None and heard.best.reply.id == "cave"
    heard = understand("76 per seat, that's 39520 euros a year", [cave, hold], texts, threshold=60)
    assert heard.best is not None and heard.best.reply.id == "hold"


# -- the model: offline, shared, loaded once --------------------------------------------------


def test_the_model_is_mapped_read_only_and_embeds_as_wordllama_does() -> None:
    import numpy as np
    from wordllama import WordLlama

    model = embedding.load()
    assert isinstance(model.matrix, np.memmap) and not model.matrix.flags.writeable
    folder = embedding.package_folder()
    reference = WordLlama.load(cache_dir=folder, disable_download=True)
    lines = ["How much can you spend on the wing?", "Sixty seats at 84 a year."]
    assert np.allclose(model.embed(lines), reference.embed(lines, norm=True), atol=1e-5)


def test_words_are_read_whole_and_weighted_by_the_model() -> None:
    model = embedding.load()
    vectors, weights = model.words("i will match vexa s price")
    assert vectors.shape[0] == weights.shape[0] == 6  # "vexa" is three word pieces, one word
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    grammar, meaning = weights[1], weights[5]  # "will", "price"
    assert meaning > 2 * grammar
    empty, none = model.words("")
    assert empty.shape == (0, model.matrix.shape[1]) and none.size == 0


def test_warm_up_loads_one_model_whatever_the_number_of_threads() -> None:
    results: list[bool] = []
    threads = [
        threading.Thread(target=lambda: results.append(matching.warm_up())) for _ in range(6)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [True] * 6
    assert embedding.load() is embedding.load()


def test_without_the_model_numbered_replies_and_close_rewordings_still_work(
    bundled: ContentSet,
) -> None:
    code = (
        "import sys; sys.modules['wordllama'] = None\n"  # as if it were not installed
        "from pathlib import Path\n"
        "from trainer.content.loader import load_content\n"
        "from trainer.engine import matching\n"
        "from trainer.engine.session import Session\n"
        f"content = load_content(Path({str(ROOT)!r}))\n"
        "s = Session(content, content.scenario('book_meeting'))\n"
        "assert matching.warm_up() is False\n"
        "s.say('Sorry, I jumped ahead. Tell me about the studio. How many of you are there, "
        "and how do you work?') if False else None\n"
        "s.choose(1)\n"
        "print(s.state)\n"
        "s2 = Session(content, content.scenario('book_meeting'))\n"
        "s2.say('Yes, this is Northline. Are you calling about our price list? "
        "I can e-mail you the current one straight away.')\n"
        "print(s2.state)\n"
        "print('tokenizers' in sys.modules, 'numpy' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    first, second, loaded = result.stdout.split("\n")[:3]
    assert first != "opening" and second == "just_prices_node"
    assert loaded == "False False"


def test_the_app_path_loads_no_embedding_model_or_numpy() -> None:
    loaded = modules_of_the_app_path()
    for heavy in ("numpy", "tokenizers", "trainer.engine.embedding", "wordllama"):
        assert heavy not in loaded, heavy
