"""The trainer's commands on the command line: graph, schema, playtest, preview, init and new.

Declared here, apart from `parser`, without importing what runs them (see `parser.build`).
"""

from __future__ import annotations

import argparse
from pathlib import Path


def authoring_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    """Add the trainer's commands, each with the options every command shares (`common`)."""
    graph = commands.add_parser(
        "graph",
        parents=[common],
        help="draw a scenario as Mermaid or Graphviz DOT",
        description=(
            "Print a scenario's conversation graph: nodes with the client's first words, endings\n"
            "coloured by outcome, replies labelled with their number, id, tags, points, effects,\n"
            "variables set, objection countered and condition.\n\n"
            "Example: trainer graph cold_call_gatekeeper --format dot | dot -Tsvg > call.svg"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    graph.add_argument("scenario", help="scenario id")
    graph.add_argument("--format", choices=("mermaid", "dot"), default="mermaid")
    graph.add_argument("--mentor", metavar="NAME", help="for the final exam: the mentor signing in")
    graph.set_defaults(run="authoring:run_graph")

    schema = commands.add_parser(
        "schema",
        parents=[common],
        help="write JSON Schema files for editors",
        description=(
            "Write one JSON Schema per kind of content file (KIND.schema.json), so editors with\n"
            "the YAML language server complete keys and flag mistakes while you type. Put\n"
            "'# yaml-language-server: $schema=PATH/KIND.schema.json' at the top of a file.\n"
            "With --with-ids they also list the ids of the content in use (personas, tags,\n"
            "skills, objections, scenarios, quizzes, products; node ids as suggestions).\n\n"
            "Example: trainer schema --with-ids --output docs/schema"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    schema.add_argument(
        "--output", default="schema", metavar="DIR", help="folder (default: ./schema)"
    )
    schema.add_argument(
        "--with-ids",
        action="store_true",
        help="list the ids of the content in use, so editors complete and check them",
    )
    schema.set_defaults(run="authoring:run_schema")

    playtest = commands.add_parser(
        "playtest",
        parents=[common],
        help="try a scenario file out while writing it",
        description=(
            "Open the call screen on a scenario file with its machinery showing: node ids,\n"
            "meters, variables and the score so far. It reloads when the file is saved and\n"
            "replays your moves. A digit takes the reply shown with that number; what you\n"
            "type is the trainee's words; Ctrl+G jumps to a node, Ctrl+T sets a meter or\n"
            "variable, Ctrl+O changes the client, Ctrl+Z undoes (all in the palette, Ctrl+P).\n\n"
            "Example: trainer playtest scenarios/price_talk.yaml"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    playtest.add_argument("file", type=Path, help="the scenario file")
    playtest.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    playtest.add_argument(
        "--mentor", metavar="NAME", help="for the final exam: the mentor signing in"
    )
    playtest.set_defaults(run="authoring:run_playtest")

    preview = commands.add_parser(
        "preview",
        parents=[common],
        help="play any scenario in the app as a trainee would, recording nothing",
        description=(
            "Open the app's call screen on a scenario, past the programme's gates, as a\n"
            "trainee sees it. Nothing is recorded: no database is opened, no attempt counts.\n\n"
            "Example: trainer preview book_meeting --persona olga_belova"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    preview.add_argument("scenario", help="scenario id (see 'trainer list')")
    preview.add_argument("--persona", help="persona id (default: the scenario's first)")
    preview.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    preview.add_argument(
        "--mode",
        choices=("practice", "exam"),
        default=None,
        help="practice (notes and hints) or exam (default: exam for exam scenarios)",
    )
    preview.add_argument(
        "--name", help="the trainee's name, as the lines say it (default: a sample name, Alex)"
    )
    preview.add_argument(
        "--mentor", metavar="NAME", help="for the final exam: the mentor signing in"
    )
    preview.set_defaults(run="authoring:run_preview")

    init = commands.add_parser(
        "init",
        parents=[common],
        help="start a content folder from a copy of the bundled content",
        description=(
            "Copy the bundled scenarios, personas, quizzes and conversation tests into DIR (a\n"
            "new or empty folder), with the JSON Schemas for editors in DIR/docs/schema. Every\n"
            "command run inside DIR (or a folder below it) then uses it.\n\n"
            "Example: trainer init my-content"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    init.add_argument("dir", metavar="DIR", help="the folder to create")
    init.set_defaults(run="authoring:run_init")

    new = commands.add_parser(
        "new",
        parents=[common],
        help="write a commented starter scenario, persona or quiz",
        description=(
            "Write a valid, commented starter file into a content folder: scenarios/NAME.yaml,\n"
            "personas/NAME.yaml or quizzes/NAME.yaml under DIR (default: the current folder).\n"
            "Existing files are never overwritten.\n\n"
            "Example: trainer new scenario price_objection --dir my-content"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    new.add_argument("kind", choices=("scenario", "persona", "quiz"))
    new.add_argument("name", help="the new id: lower-case letters, digits, '_' and '-'")
    new.add_argument("--dir", default=".", help="content folder to write into (default: .)")
    new.set_defaults(run="authoring:run_new")
