"""The bundled quizzes and programme: valid, complete, and their numbers agree with the catalogue."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.content.test_quiz import quiz_item
from trainer.content.catalogue import Catalogue
from trainer.content.content_set import ContentSet
from trainer.content.loader import validate
from trainer.content.paths import bundled_content_dir
from trainer.content.quiz.model import ItemType, Quiz, QuizMode, Topic

MY_FILES = ("quizzes/company_intro.yaml", "quizzes/product_quiz.yaml", "quizzes/programme.yaml")

# Each price item of the product quiz as an order: (product, quantity) lines and the payment
# term in days (None: paid on delivery). The answers in the YAML must match these recomputed.
ORDERS: dict[str, tuple[list[tuple[str, int]], int | None]] = {
    "price-30-t310": ([("nl-ph-310", 30)], 30),
    "price-40-t520-60d": ([("nl-ph-520", 40)], 60),
    "price-100-t310-60d": ([("nl-ph-310", 100)], 60),
    "price-mixed-order": ([("nl-pbx-200", 1), ("nl-ph-310", 24)], None),
    "price-cloud-seats-60d": ([("nl-cloud-seat", 50)], 60),
    "price-key-account-90d": ([("nl-ph-520", 80)], 90),
    "price-headsets-and-orbit": ([("nl-hs-duo", 12), ("nl-conf-spk6", 1)], None),
}
# True/false items on whether an order may be paid on deferred terms.
DEFERRABLE: dict[str, tuple[list[tuple[str, int]], int]] = {
    "price-19-t310-30d": ([("nl-ph-310", 19)], 30),
}
# Numeric items on the discount percent for a number of units.
DISCOUNTS = {"discount-60-headsets": 60}
# The supervisor's seven product questions of stage 2 of the programme.
SEED_TOPICS = (
    Topic.CHARACTERISTICS,
    Topic.PACKAGING,
    Topic.OUT_OF_STOCK,
    Topic.EQUIPMENT_OPTIONS,
    Topic.CONDITIONS,
    Topic.DELIVERY,
    Topic.DELIVERY_OUT_OF_STOCK,
)


def bundled_quizzes(root: Path) -> ContentSet:
    """The bundled rubric, catalogue and quizzes alone, so scenario work in progress elsewhere
    cannot hide a problem here (or cause one)."""
    bundled = bundled_content_dir()
    (root / "scenarios").mkdir(parents=True)
    (root / "quizzes").mkdir()
    shutil.copy(bundled / "scenarios" / "rubric.yaml", root / "scenarios")
    for path in (bundled / "quizzes").glob("*.yaml"):
        if path.name != "programme.yaml":
            shutil.copy(path, root / "quizzes")
    result = validate(root)
    assert [str(problem) for problem in result.problems] == []
    assert result.content is not None
    return result.content


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> ContentSet:
    return bundled_quizzes(tmp_path_factory.mktemp("bundled") / "content")


@pytest.fixture(scope="module")
def product_quiz(content: ContentSet) -> Quiz:
    return content.quizzes["product_quiz"]


@pytest.fixture(scope="module")
def catalogue(content: ContentSet) -> Catalogue:
    assert content.catalogue is not None
    return content.catalogue


def test_the_bundled_quizzes_have_no_problems(content: ContentSet) -> None:
    assert set(content.quizzes) == {"company_intro", "product_quiz"}  # and no problems (fixture)


def test_the_whole_bundled_set_has_no_problems_in_the_quiz_files() -> None:
    mine = [
        str(problem)
        for problem in validate(bundled_content_dir()).problems
        if any(str(problem.location.path).endswith(name) for name in MY_FILES)
    ]
    assert mine == []


def test_the_product_quiz_is_graded_at_80_and_draws_from_a_bigger_pool(
    product_quiz: Quiz,
) -> None:
    assert product_quiz.stage == 2
    assert product_quiz.mode is QuizMode.GRADED
    assert product_quiz.pass_mark == 80
    assert len(product_quiz.items) >= 30
    assert product_quiz.draw is not None and product_quiz.draw < len(product_quiz.items)


def test_the_product_quiz_covers_the_seven_seed_questions_and_pricing(
    product_quiz: Quiz,
) -> None:
    topics = {item.topic for item in product_quiz.items}
    assert set(SEED_TOPICS) <= topics
    assert len(SEED_TOPICS) == 7
    assert Topic.PRICING in topics
    for topic in (*SEED_TOPICS, Topic.PRICING):
        count = sum(1 for item in product_quiz.items if item.topic is topic)
        assert count >= 3, f"only {count} items on {topic.value}"


def test_every_item_says_where_its_answer_lives(content: ContentSet) -> None:
    for quiz in content.quizzes.values():
        for item in quiz.items:
            assert item.sources, f"{quiz.id}/{item.id} has no source"
            assert item.explanation


def test_the_product_quiz_uses_every_item_type(product_quiz: Quiz) -> None:
    assert {item.type for item in product_quiz.items} == set(ItemType)


def test_the_company_check_is_a_short_stage_one_quiz_on_the_company_cards(
    content: ContentSet,
) -> None:
    intro = content.quizzes["company_intro"]
    assert intro.stage == 1
    assert 5 <= intro.size <= 15
    assert {item.topic for item in intro.items} == {Topic.COMPANY}
    assert all(source.company for item in intro.items for source in item.sources)
    sections = {source.company for item in intro.items for source in item.sources}
    assert {"policies", "tools", "clients"} <= sections


def order_total(catalogue: Catalogue, lines: list[tuple[str, int]], days: int | None) -> float:
    """The order total as the policies define it; refuses terms the order does not qualify for."""
    hardware = [(catalogue.products[p], q) for p, q in lines if not _is_seat(catalogue, p)]
    seats = [(catalogue.products[p], q) for p, q in lines if _is_seat(catalogue, p)]
    units = sum(quantity for _, quantity in hardware)
    discount = catalogue.discount_for(units)
    total = sum(product.price * quantity for product, quantity in hardware) * (1 - discount / 100)
    total += sum(product.price * quantity for product, quantity in seats)
    if days is not None:
        term = next(term for term in catalogue.deferred_payment if term.days == days)
        assert total >= term.minimum_order, f"{lines} does not qualify for {days} days"
        total *= 1 + term.surcharge_percent / 100
    return total


def _is_seat(catalogue: Catalogue, product_id: str) -> bool:
    # "Cloud PBX seats are not counted and not discounted by volume" (policy: Volume discounts).
    return catalogue.products[product_id].category == "Cloud telephony"


def test_every_price_item_is_recomputed_here(product_quiz: Quiz) -> None:
    pricing = {item.id for item in product_quiz.items if item.topic is Topic.PRICING}
    assert pricing == set(ORDERS) | set(DEFERRABLE) | set(DISCOUNTS)


@pytest.mark.parametrize("item_id", sorted(ORDERS))
def test_price_answers_agree_with_the_catalogue(
    product_quiz: Quiz, catalogue: Catalogue, item_id: str
) -> None:
    item = quiz_item(product_quiz, item_id)
    lines, days = ORDERS[item_id]
    expected = order_total(catalogue, lines, days)
    assert item.type is ItemType.NUMERIC and item.unit == catalogue.currency
    assert item.value is not None
    assert abs(item.value - expected) <= item.tolerance, (item.value, expected)
    assert abs(item.value - round(expected, 2)) < 1e-9  # written to the cent
    products = {source.product for source in item.sources if source.product}
    assert products == {product for product, _ in lines}


@pytest.mark.parametrize("item_id", sorted(DEFERRABLE))
def test_deferred_payment_eligibility_agrees_with_the_catalogue(
    product_quiz: Quiz, catalogue: Catalogue, item_id: str
) -> None:
    lines, days = DEFERRABLE[item_id]
    total = order_total(catalogue, lines, None)
    minimum = next(t.minimum_order for t in catalogue.deferred_payment if t.days == days)
    assert quiz_item(product_quiz, item_id).truth is (total >= minimum)


@pytest.mark.parametrize("item_id", sorted(DISCOUNTS))
def test_discount_answers_agree_with_the_catalogue(
    product_quiz: Quiz, catalogue: Catalogue, item_id: str
) -> None:
    assert quiz_item(product_quiz, item_id).value == catalogue.discount_for(DISCOUNTS[item_id])


def test_delivery_numbers_agree_with_the_catalogue(
    content: ContentSet, catalogue: Catalogue
) -> None:
    checked = 0
    for quiz in content.quizzes.values():
        for item in quiz.items:
            fields = [s for s in item.sources if s.field in ("delivery_days", "out_of_stock_days")]
            if item.type is ItemType.NUMERIC and len(fields) == 1:
                source = fields[0]
                assert source.product is not None and source.field is not None
                actual = getattr(catalogue.products[source.product], source.field)
                assert item.value == actual, item.id
                checked += 1
    assert checked >= 4
