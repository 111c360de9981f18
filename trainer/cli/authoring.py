"""Commands for trainers who write content: graph, schema and new."""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

from rich.console import Console
from rich.text import Text

from trainer.cli import records
from trainer.content import drawing, schema, starter
from trainer.content.context import IDENTIFIER
from trainer.content.loader import load_content
from trainer.content.paths import (
    CONTENT_FOLDERS,
    bundled_content_dir,
    describe_content,
    resolve_content_dir,
)
from trainer.errors import TrainerError
from trainer.text import visible

EXIT_OK = 0


def run_graph(args: argparse.Namespace, out: Console, err: Console) -> int:
    content = load_content(resolve_content_dir(args.content))
    scenario = content.scenario(args.scenario)
    records.guard_exam(scenario, args)
    err.print(Text(visible(describe_content(args.content))))  # stdout is the drawing
    draw = drawing.mermaid if args.format == "mermaid" else drawing.dot
    text = draw(scenario, content)
    out.out(text, end="", highlight=False)
    return EXIT_OK


def run_playtest(args: argparse.Namespace, out: Console, err: Console) -> int:
    from trainer.services.playtest import draft_for
    from trainer.ui.playtest import run_playtest as play  # Textual loads only here

    _content, scenario = draft_for(args.file, args.content).load()
    records.guard_exam(scenario, args)  # the playtest shows the exam's key
    return play(args.file, args.content, args.seed)


def run_preview(args: argparse.Namespace, out: Console, err: Console) -> int:
    """Play a scenario in the app's call screen as a trainee would; nothing is recorded."""
    from trainer.engine.turns import Mode
    from trainer.ui.playtest import (
        PREVIEW_NAME,
        run_preview as play,  # Textual loads only here
    )

    content = load_content(resolve_content_dir(args.content))
    scenario = content.scenario(args.scenario)
    records.guard_exam(scenario, args)  # the exam unrecorded would be a free rehearsal
    persona = content.persona(args.persona if args.persona else scenario.personas[0])
    if persona.id not in scenario.personas:
        raise TrainerError(
            f"scenario '{scenario.id}' is not played against '{persona.id}'; "
            f"choose one of: {', '.join(scenario.personas)}"
        )
    mode = Mode(args.mode) if args.mode else (Mode.EXAM if scenario.exam else Mode.PRACTICE)
    err.print(Text(visible(describe_content(args.content))))
    return play(content, scenario, persona, mode, args.seed, args.name or PREVIEW_NAME)


def run_schema(args: argparse.Namespace, out: Console, err: Console) -> int:
    ids = None
    if args.with_ids:
        ids = schema.ContentIds.of(load_content(resolve_content_dir(args.content)))
        out.print(Text(visible(f"with the ids of the {describe_content(args.content)}")))
    for path in _write_schemas(Path(args.output), ids):
        out.print(Text(f"wrote {path}"))
    return EXIT_OK


def _write_schemas(folder: Path, ids: schema.ContentIds | None = None) -> list[Path]:
    written = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for kind in schema.all_kinds():
            path = folder / f"{kind}.schema.json"
            text = json.dumps(schema.json_schema(kind, ids), indent=2) + "\n"
            path.write_text(text, encoding="utf-8")
            written.append(path)
    except OSError as error:
        raise TrainerError(f"cannot write schema files to '{folder}': {error.strerror}") from error
    return written


def run_init(args: argparse.Namespace, out: Console, err: Console) -> int:
    """Start a content folder from a copy of the bundled set, with its editor schemas."""
    root = Path(args.dir)
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise TrainerError(f"'{root}' already exists and is not empty; choose a new folder")
    bundled = bundled_content_dir()
    try:
        root.mkdir(parents=True, exist_ok=True)
        for folder in CONTENT_FOLDERS:
            shutil.copytree(
                bundled / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__")
            )
    except OSError as error:
        raise TrainerError(f"cannot write the content folder '{root}': {error}") from error
    # The bundled files point their editors at ../docs/schema; the copy has them there too,
    # with its ids, so persona ids, tags and skills complete from the first edit.
    _write_schemas(root / "docs" / "schema", schema.ContentIds.of(load_content(root)))
    scenarios = len(list((root / "scenarios").glob("*.yaml"))) - 1  # the rubric aside
    personas = len(list((root / "personas").glob("*.yaml")))
    out.print(
        Text(
            f"wrote {root}: the bundled content ({scenarios} scenarios, {personas} personas, "
            "the quizzes and the programme) to start from. Inside it every command uses it; "
            f"check it with: cd {root} && trainer validate --strict && trainer test"
        )
    )
    return EXIT_OK


def run_new(args: argparse.Namespace, out: Console, err: Console) -> int:
    if not IDENTIFIER.match(args.name):
        raise TrainerError(
            f"'{args.name}' is not a valid id: use lower-case letters, digits, '_' and '-', "
            "starting with a letter"
        )
    root = Path(args.dir)
    is_content_set = (root / "scenarios" / "rubric.yaml").is_file() and (root / "personas").is_dir()
    content = load_content(root if is_content_set else resolve_content_dir(args.content))
    folder = root / {"scenario": "scenarios", "persona": "personas", "quiz": "quizzes"}[args.kind]
    path = folder / f"{args.name}.yaml"
    if path.exists():
        raise TrainerError(f"'{path}' already exists; choose another name")
    taken = {"scenario": content.scenarios, "persona": content.personas, "quiz": content.quizzes}[
        args.kind
    ]
    if args.name in taken:
        raise TrainerError(f"a {args.kind} with the id '{args.name}' already exists")
    schema_dir = _schema_dir(root)
    if schema_dir is None:
        # Every starter names its schema: a folder without one gets one, with its ids.
        for written in _write_schemas(root / "docs" / "schema", schema.ContentIds.of(content)):
            out.print(Text(f"wrote {written} (for editors)"))
        schema_dir = _schema_dir(root)
    if args.kind == "scenario":
        text = starter.starter_scenario(args.name, content, schema_dir)
    elif args.kind == "persona":
        text = starter.starter_persona(args.name, content, schema_dir)
    else:
        text = starter.starter_quiz(args.name, schema_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        raise TrainerError(f"cannot write '{path}': {error.strerror}") from error
    out.print(Text(f"wrote {path}; check it with: trainer validate {path}"))
    return EXIT_OK


def _schema_dir(root: Path) -> str | None:
    """Where the content set's files find the JSON Schemas, relative to a content folder."""
    for candidate in (root / "docs" / "schema", root / "schema"):
        if (candidate / "scenario.schema.json").is_file():
            return "../" + candidate.relative_to(root).as_posix()
    return None
