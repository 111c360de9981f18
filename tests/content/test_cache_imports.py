"""A set read back from the content cache loads neither PyYAML nor the parsers: a warm start
needs the models and the cache alone (it is what home's memory is measured with)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from trainer.content.paths import bundled_content_dir

# Modules only reading a file anew needs; none of them may load on a warm read-back.
PARSING = (
    "yaml",
    "trainer.content.checking",
    "trainer.content.context",
    "trainer.content.yamlsource",
    "trainer.content.scenario.parse",
    "trainer.content.quiz.parse",
    "trainer.content.analysis",
)

READ = """
import json, sys
from pathlib import Path
from trainer.content.cache import ContentCache
from trainer.content.loader import validate

result = validate(Path(sys.argv[1]), cache=ContentCache(Path(sys.argv[2])))
content = result.content
# every scenario and persona built from its part, as a call opens one, in a fresh interpreter:
# the unpickler resolves only classes already loaded, so each kind they are made of must load
built = [content.scenarios[scenario_id] for scenario_id in content.scenarios]
personas = [content.persona(persona_id) for persona_id in content.personas]
opened = built[0]
persona = content.persona(opened.personas[0])
print(json.dumps({
    "errors": [str(problem) for problem in result.errors],
    "warnings": [str(problem) for problem in result.warnings],
    "scenarios": len(content.scenarios),
    "opened": opened.id,
    "persona": persona.id,
    "loaded": sorted(name for name in sys.modules if name in sys.argv[3:]),
}))
"""


def read(root: Path, cache: Path) -> dict[str, object]:
    """What a fresh interpreter reads from `root` through the cache at `cache`."""
    done = subprocess.run(
        [sys.executable, "-c", READ, str(root), str(cache), *PARSING],
        capture_output=True,
        text=True,
        check=True,
    )
    answer: dict[str, object] = json.loads(done.stdout)
    return answer


def test_a_warm_read_back_loads_no_parser(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cold = read(bundled_content_dir(), cache)
    warm = read(bundled_content_dir(), cache)
    assert cold["errors"] == warm["errors"] == []
    assert cold["loaded"] == sorted(PARSING)  # read anew, the same code loads them all
    assert warm["loaded"] == []
    assert warm["scenarios"] == cold["scenarios"]
    assert (warm["opened"], warm["persona"]) == (cold["opened"], cold["persona"])


def test_warnings_come_back_without_the_parser(mini: Path, tmp_path: Path) -> None:
    with (mini / "scenarios" / "first_call.yaml").open("a", encoding="utf-8") as file:
        file.write("  orphan:\n    say: Nobody comes here.\n    ending:\n      outcome: lost\n")
    cache = tmp_path / "cache"
    cold = read(mini, cache)
    warm = read(mini, cache)
    assert cold["warnings"], "the orphan ending should be a warning"
    assert warm["warnings"] == cold["warnings"]
    assert warm["loaded"] == []
