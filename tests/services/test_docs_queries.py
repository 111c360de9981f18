"""Every SQL example in the docs runs on a team's records and answers with rows."""

from __future__ import annotations

import re
import shlex
import sqlite3
from pathlib import Path

import pytest

from tests.services.seeded import seed_team
from trainer.content.content_set import ContentSet
from trainer.store.database import Store
from trainer.store.lrs import record_pushed
from trainer.store.mentors import Mentor

ROOT = Path(__file__).resolve().parents[2]
DOCS = sorted([ROOT / "README.md", *(ROOT / "docs").glob("*.md")])


def examples() -> list[tuple[str, str]]:
    """(where, query): each ```sql block, and each `sqlite3 FILE "SELECT …"` console line."""
    found: list[tuple[str, str]] = []
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        for block in re.finditer(r"```sql\n(.*?)```", text, re.S):
            line = text.count("\n", 0, block.start()) + 1
            found.append((f"{doc.name}:{line}", block.group(1)))
        for command in re.finditer(r"^\$ (sqlite3 .*)$", text, re.M):
            words = shlex.split(command.group(1).split("#")[0])
            query = words[-1]
            if query.lstrip().upper().startswith("SELECT"):
                line = text.count("\n", 0, command.start()) + 1
                found.append((f"{doc.name}:{line}", query))
    return found


EXAMPLES = examples()


def test_the_docs_have_sql_examples() -> None:
    assert len(EXAMPLES) >= 4, EXAMPLES


@pytest.fixture
def seeded(store: Store, bundled: ContentSet, mentor: Mentor) -> Path:
    seed_team(store, bundled, mentor)
    # Statements acknowledged by a learning record store, as `trainer lrs push` records them.
    record_pushed(
        store, "https://lrs.example.com/xAPI", "https://trainer.example.com", ["s-1", "s-2"]
    )
    return store.path


@pytest.mark.parametrize(("where", "query"), EXAMPLES, ids=[where for where, _ in EXAMPLES])
def test_each_sql_example_answers_with_rows(seeded: Path, where: str, query: str) -> None:
    with sqlite3.connect(f"{seeded.as_uri()}?mode=ro", uri=True) as conn:
        found = conn.execute(query).fetchall()
    assert found, f"{where}: no rows for\n{query}"
