"""One word for one outcome: the id every export and the database keep, and the words every
screen and report uses, as docs/records.md lists them; a trainee's own hang-up is `lost`."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

from trainer.content.content_set import ContentSet
from trainer.content.outcomes import OUTCOME_LABELS
from trainer.content.scenario.model import Outcome
from trainer.engine.session import Session
from trainer.services.calls import RecordedCall
from trainer.store.database import Store
from trainer.store.export import write_json
from trainer.store.export_md import transcript_markdown
from trainer.store.models import Trainee
from trainer.store.transcripts import iter_transcripts

RECORDS = Path(__file__).resolve().parents[2] / "docs" / "records.md"


def documented() -> dict[str, str]:
    """The outcome table of docs/records.md: id -> words."""
    rows = re.findall(r"^\| `([a-z-]+)` \| ([a-z ]+) \|", RECORDS.read_text(), re.M)
    return {outcome: words.strip() for outcome, words in rows if outcome in set(Outcome)}


def test_the_docs_list_every_outcome_with_the_words_the_screens_use() -> None:
    assert documented() == {outcome.value: words for outcome, words in OUTCOME_LABELS.items()}


def test_a_call_the_trainee_hangs_up_is_lost_in_the_data_and_no_result_in_words(
    store: Store, mini_content: ContentSet, ann: Trainee
) -> None:
    scenario = mini_content.scenario("first_call")
    call = RecordedCall.begin(store, ann.id, Session(mini_content, scenario, seed=1))
    call.move(lambda session: session.hang_up())
    call.finish()
    (record,) = iter_transcripts(store, trainee_id=ann.id)
    out = io.StringIO()
    write_json([record], out)
    (exported,) = json.loads(out.getvalue())["attempts"]
    assert exported["outcome"] == Outcome.LOST.value == "lost"
    assert any(
        turn["speaker"] == "system" and turn["text"] == "You ended the call."
        for turn in exported["turns"]
    )
    assert "- Outcome: no result" in transcript_markdown(record)
    assert documented()["lost"] == "no result"
