"""Benchmark the app with a company's whole library: 1,000 scenarios against the bundled set.

    python benchmarks/bench_library.py [--scenarios 1000] [--repeat 5]

Generates, in a temporary folder, a content set of SCENARIOS scenarios from the bundled one:
its rubric, personas, quizzes and programme, its scenarios, and copies of its practice
scenarios under new ids until there are SCENARIOS in all. Then starts the real `trainer`
command on a pseudo-terminal, as bench_startup.py does, on that set and on the bundled set
alone, in turns, and reports for each: the first screen ("Who is practising today?"), home
after Enter is pressed at once, home with its lists filled in (what the trainee waits for
while the library loads) and the peak RSS from start to home filled in; the content is read
back from the content cache (in a data folder of the benchmark's own, its entries saved by a
first run), and the library's home is also timed with `--no-cache`, every file parsed and
checked again, as on a first start. Figures are medians of REPEAT runs of each (the library's
home takes seconds, so fewer runs than start-up's 15).

Targets, from the issue this measures: the first screen no later than with the bundled set
(<= 1.3x), home filled in within 1.5 s, and peak memory within 1.5x of the bundled set's; with
no cache, home itself never waits for the library (<= 1.3x the bundled set's home).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import tempfile
from pathlib import Path
from statistics import median

import yaml
from bench_startup import filled_mark, trainer
from report import Figure, emit

from trainer.content.loader import load_content, validate
from trainer.content.paths import CONTENT_FOLDERS, bundled_content_dir
from trainer.store.database import open_store
from trainer.store.trainees import add_trainee

_ID = re.compile(r"^id: (\S+)$", re.MULTILINE)
_TITLE = re.compile(r"^title: (.+)$", re.MULTILINE)


def library(root: Path, scenarios: int) -> int:
    """A content set of `scenarios` scenarios at `root`, grown from the bundled one.

    Returns how many scenarios it has (the bundled set alone when it has more than asked).
    """
    bundled = bundled_content_dir()
    for folder in CONTENT_FOLDERS:
        shutil.copytree(bundled / folder, root / folder)
    shutil.rmtree(root / "scenarios" / "tests")  # the conversation tests are not loaded here
    originals = [
        path for path in sorted((root / "scenarios").glob("*.yaml")) if path.name != "rubric.yaml"
    ]
    practice = [path for path in originals if "\nexam: true" not in path.read_text()]
    count = len(originals)
    copy = 0
    while count < scenarios:
        source = practice[copy % len(practice)]
        copy += 1
        number = f"{copy:04d}"
        text = renamed(source.read_text(encoding="utf-8"), number)
        (root / "scenarios" / f"{source.stem}_{number}.yaml").write_text(text, encoding="utf-8")
        count += 1
    return count


def renamed(text: str, number: str) -> str:
    """A scenario's text with its id and title told apart by `number`."""
    scenario_id = _ID.search(text)
    title = _TITLE.search(text)
    assert scenario_id is not None and title is not None, "a scenario without id or title"
    new_title = f"{yaml.safe_load(title.group(1))} ({number})"
    text = text.replace(title.group(0), f"title: {json.dumps(new_title)}", 1)
    return text.replace(scenario_id.group(0), f"id: {scenario_id.group(1)}_{number}", 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenarios", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="figures as JSON, for run_all.py")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="trainer-library-") as folder:
        big = Path(folder) / "library"
        size = library(big, args.scenarios)
        result = validate(big)
        assert result.content is not None, [str(problem) for problem in result.errors[:5]]
        del result
        small = bundled_content_dir()
        bundled = len(load_content(small).scenarios)
        db = Path(folder) / "trainer.db"
        with open_store(db) as store:
            add_trainee(store, "Bench Trainee")
        # The content cache in a data folder of the benchmark's own, never the user's.
        os.environ["XDG_DATA_HOME"] = str(Path(folder) / "data")
        filled = filled_mark(small)  # the library has the bundled set's programme
        for content in (small, big):  # once each to warm the file cache and save the entry
            trainer(db, filled, content)
        smalls, bigs, colds = [], [], []
        for _ in range(args.repeat):
            smalls.append(trainer(db, filled, small))
            bigs.append(trainer(db, filled, big))
            colds.append(trainer(db, filled, big, ["--no-cache"]))
    label = f"{size} scenarios"
    floor = f"bundled set ({bundled} scenarios)"
    emit(
        [
            Figure(
                f"{label}: first screen",
                median(first for first, _, _, _ in bigs) * 1e3,
                floor,
                median(first for first, _, _, _ in smalls) * 1e3,
                "ms",
                "<= 1.3x",
            ),
            Figure(
                f"{label}: home filled, Enter at once",
                median(full for _, _, full, _ in bigs) * 1e3,
                floor,
                median(full for _, _, full, _ in smalls) * 1e3,
                "ms",
                "< 1500 ms",
            ),
            Figure(
                f"{label}: home shown, Enter at once, --no-cache",
                median(home for _, home, _, _ in colds) * 1e3,
                floor,
                median(home for _, home, _, _ in smalls) * 1e3,
                "ms",
                "<= 1.3x",
            ),
            Figure(
                f"{label}: home filled, Enter at once, --no-cache",
                median(full for _, _, full, _ in colds) * 1e3,
                floor,
                median(full for _, _, full, _ in smalls) * 1e3,
                "ms",
                "",
            ),
            Figure(
                f"{label}: peak RSS, start to home filled",
                median(rss for _, _, _, rss in bigs) / 1024,
                floor,
                median(rss for _, _, _, rss in smalls) / 1024,
                "MB",
                "<= 1.5x",
            ),
        ],
        args.json,
    )


if __name__ == "__main__":
    main()
