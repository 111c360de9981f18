"""Home never lists the exam's variants as practice: before stage 4 the exam's client pool stays
hidden, and the one "Final exam" row of stage 4 stands for all of them."""

from __future__ import annotations

from textual.widgets import OptionList

from tests.ui.conftest import Build, programme_row, shown_text_of, sign_in
from trainer.content.content_set import ContentSet
from trainer.store.models import Trainee


async def test_a_new_trainee_sees_one_exam_row_and_no_variant_as_practice(
    build: Build, bundled: ContentSet, ann: Trainee
) -> None:
    programme = bundled.programme
    assert programme is not None and len(programme.exam.exam_variants) > 1
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot)
        listed = pilot.app.screen.query_one("#programme", OptionList)
        ids = [option.id for option in listed.options]
        exams = [
            key
            for key in ids
            if key and key.removeprefix("scenario:") in programme.exam.exam_variants
        ]
        assert exams == [f"scenario:{programme.exam.exam_scenario}"]
        assert "locked" in programme_row(pilot, exams[0])
        shown = "\n".join(shown_text_of(option.prompt) for option in listed.options)
        for variant in programme.exam.exam_variants:
            assert bundled.scenario(variant).title not in shown
