"""Read and check every file of a content set: YAML to typed models, in the order the kinds
refer to each other, with every problem located.

Only a set that is not read back from the content cache comes here (`loader.validate` decides),
so PyYAML and the parsers are loaded only when files are parsed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from trainer.content.analysis import analyse_objections, analyse_scenario
from trainer.content.catalogue import Catalogue, parse_catalogue
from trainer.content.content_set import ContentSet, Validation
from trainer.content.context import Problem, Reader, Severity
from trainer.content.conversation_tests import ConversationTest, parse_tests
from trainer.content.files import content_files, read_text, shown_path
from trainer.content.pass_rules import with_pass_rules
from trainer.content.persona import Persona, parse_persona
from trainer.content.problems import Progress
from trainer.content.programme import Programme, parse_programme
from trainer.content.quiz.model import Quiz
from trainer.content.quiz.parse import parse_quiz
from trainer.content.rubric import Rubric, known_tags, parse_rubric
from trainer.content.scenario.model import Scenario
from trainer.content.scenario.parse import parse_scenario
from trainer.content.suggest import suggestion
from trainer.content.yamlsource import compose, declared_kind
from trainer.errors import ContentError, Location

KINDS = ("rubric", "catalogue", "persona", "scenario", "test", "quiz", "programme")


@dataclass
class _Context:
    """What a file may refer to in the files parsed before it."""

    rubric: Rubric | None = None
    personas: dict[str, Persona] = field(default_factory=dict)
    catalogue: Catalogue | None = None
    scenarios: dict[str, Scenario] = field(default_factory=dict)
    broken: set[str] = field(default_factory=set)  # ids of files already reported as faulty


@dataclass
class _Document:
    path: Path  # as shown to the user
    root: yaml.Node
    kind: str
    digest: str


@dataclass
class _Source:
    path: Path  # as shown to the user
    text: str
    kind: str
    digest: str


class _Sources:
    """The files of a content set as text, composed into YAML nodes one kind at a time.

    A file's node tree is built when its kind's turn comes and dropped once it is parsed, so
    checking a content set never holds every file's tree at once (they take twenty times the
    text's size). The kind comes from the parser's first events; when those do not tell, the
    file is composed at once to find out, or to say what is wrong with it.
    """

    def __init__(
        self,
        files: Sequence[Path],
        problems: list[Problem],
        report: Progress,
        failed: set[str],
        texts: dict[Path, str],
    ) -> None:
        self.problems = problems
        self.report = report
        # Every scenario is analysed after all files are read: count both in the total.
        self.steps = len(files) + sum(1 for path in files if path.parent.name == "scenarios")
        self.done = 0
        self.sources: list[_Source] = []
        # Files that could not be read or parsed, by name: named after their id by convention,
        # which keeps "persona 'x' does not exist" from echoing the file's own error elsewhere.
        self.failed_stems = failed
        for path in files:
            source = self._read(shown_path(path), path, texts.get(path))
            if source is None:
                self.step()
            else:
                self.sources.append(source)

    def of(self, kind: str) -> Iterator[_Document]:
        """The documents of `kind`, each composed as it is asked for."""
        for source in self.sources:
            if source.kind == kind:
                document = self._compose(source.path, source.text, source.digest)
                if document is not None:
                    yield document
                self.step()

    def _read(self, shown: Path, path: Path, text: str | None) -> _Source | None:
        try:
            if text is None:
                text = read_text(path, shown)
            kind = declared_kind(text, shown)
        except ContentError as error:
            self.problems.append(Problem(error.location, error.message))
            self.failed_stems.add(path.stem)
            return None
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
        if kind not in KINDS:
            document = self._compose(shown, text, digest)
            if document is None:
                return None
            kind = document.kind
        return _Source(shown, text, kind, digest)

    def _compose(self, shown: Path, text: str, digest: str) -> _Document | None:
        try:
            root = compose(text, shown)
        except ContentError as error:
            self.problems.append(Problem(error.location, error.message))
            self.failed_stems.add(shown.stem)
            return None
        if root is None:
            self.problems.append(Problem(Location(shown, 1, 1), "the file is empty"))
            return None
        kind = _kind(root, shown, self.problems)
        return None if kind is None else _Document(shown, root, kind, digest)

    def step(self) -> None:
        self.done += 1
        self.report(self.done, self.steps)


def check(
    root: Path, extra_files: Sequence[Path], report: Progress, texts: dict[Path, str]
) -> Validation:
    """Read, parse and check every file of the set at `root` (plus `extra_files`), taking a
    file's text from `texts` when it is there; `report` is told how far the work is."""
    problems: list[Problem] = []
    files = content_files(root, problems)
    files.extend(path for path in extra_files if path not in files)
    context = _Context()
    sources = _Sources(files, problems, report, context.broken, texts)
    rubric_documents = list(sources.of("rubric"))
    for document in rubric_documents:
        if context.rubric is not None:
            problems.append(
                Problem(_top(document), "a content set has one rubric; this is a second one")
            )
            continue
        context.rubric = parse_rubric(Reader(document.path, problems), document.root)
    if not rubric_documents and not problems:
        problems.append(
            Problem(
                Location(shown_path(root)), "no rubric: add scenarios/rubric.yaml (kind: rubric)"
            )
        )
    for document in sources.of("catalogue"):
        if context.catalogue is not None:
            problems.append(
                Problem(_top(document), "a content set has one catalogue; this is a second one")
            )
            continue
        context.catalogue = parse_catalogue(Reader(document.path, problems), document.root)
    _parse_all(
        sources.of("persona"),
        "persona",
        problems,
        context,
        context.personas,
        lambda reader, doc: parse_persona(reader, doc.root, known_tags(context.rubric)),
    )
    _parse_all(
        sources.of("scenario"),
        "scenario",
        problems,
        context,
        context.scenarios,
        lambda reader, doc: parse_scenario(
            reader, doc.root, doc.digest, context.rubric, context.personas, context.broken
        ),
    )
    quizzes: dict[str, Quiz] = {}
    _parse_all(
        sources.of("quiz"),
        "quiz",
        problems,
        context,
        quizzes,
        lambda reader, doc: parse_quiz(reader, doc.root, doc.digest, context.catalogue),
    )
    programme: Programme | None = None
    for document in sources.of("programme"):
        if programme is not None:
            problems.append(
                Problem(_top(document), "a content set has one programme; this is a second one")
            )
            continue
        programme = parse_programme(
            Reader(document.path, problems),
            document.root,
            quizzes,
            context.scenarios,
            context.broken,
        )
    tests: list[ConversationTest] = []
    for document in sources.of("test"):
        tests.extend(
            parse_tests(
                Reader(document.path, problems), document.root, context.scenarios, context.broken
            )
        )
    if context.catalogue is None:
        _check_catalogue_references(context, problems)
    for scenario in context.scenarios.values():
        problems.extend(analyse_scenario(scenario, context.rubric, context.personas))
        sources.step()
    if not context.broken:  # with a file missing, unused objections would be false alarms
        problems.extend(analyse_objections(context.scenarios.values(), context.personas))
    content = None
    if context.rubric is not None and not any(p.severity is Severity.ERROR for p in problems):
        content = ContentSet(
            root=root,
            rubric=context.rubric,
            personas=dict(context.personas),
            scenarios=dict(context.scenarios),
            catalogue=context.catalogue,
            tests=tuple(tests),
            quizzes=quizzes,
            programme=programme and with_pass_rules(programme, context.scenarios, context.rubric),
        )
    return Validation(content, problems)


def _parse_all(
    documents: Iterable[_Document],
    kind: str,
    problems: list[Problem],
    context: _Context,
    into: dict[str, Any],
    parse: Callable[[Reader, _Document], Any],
) -> None:
    """Parse every document of `kind`; a file with errors is remembered as broken, not used."""
    for document in documents:
        # Only this file's problems are counted: counting them all again per file grows with
        # the square of the files in a set with many warnings.
        checked = len(problems)
        parsed = parse(Reader(document.path, problems), document)
        if parsed is None or _error_count(problems[checked:]):
            context.broken.add(parsed.id if parsed is not None else _declared_id(document))
            continue
        if parsed.id in into:
            problems.append(
                Problem(
                    parsed.location or _top(document),
                    f"{kind} id '{parsed.id}' is already used by "
                    f"{shown_path(into[parsed.id].path)}",
                )
            )
            continue
        into[parsed.id] = parsed


def _error_count(problems: Iterable[Problem]) -> int:
    return sum(1 for problem in problems if problem.severity is Severity.ERROR)


def _declared_id(document: _Document) -> str:
    for key, value in document.root.value:
        if getattr(key, "value", None) == "id" and isinstance(value, yaml.ScalarNode):
            return str(value.value)
    return ""


def _kind(root: yaml.Node, path: Path, problems: list[Problem]) -> str | None:
    reader = Reader(path, problems)
    if not isinstance(root, yaml.MappingNode):
        reader.error(root, "a content file must be a mapping that starts with 'kind:'")
        return None
    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "kind":
            kind = str(value.value) if isinstance(value, yaml.ScalarNode) else ""
            if kind not in KINDS:
                reader.error(
                    value,
                    f"unknown kind '{kind}'{suggestion(kind, KINDS)}; kinds: {', '.join(KINDS)}",
                )
                return None
            return kind
    reader.error(root, f"the file does not say what it is: add 'kind:' ({', '.join(KINDS)})")
    return None


def _top(document: _Document) -> Location:
    mark = document.root.start_mark
    return Location(document.path, mark.line + 1, mark.column + 1)


def _check_catalogue_references(context: _Context, problems: list[Problem]) -> None:
    """Scenarios that quote {our_company} need a catalogue to take the name from."""
    for scenario in context.scenarios.values():
        texts = [line for node in scenario.nodes.values() for line in node.lines]
        texts.extend(reply.text for reply in scenario.replies())
        if any("{our_company}" in text for text in texts):
            problems.append(
                Problem(
                    scenario.location or Location(scenario.path),
                    "the scenario uses {our_company} but the content set has no catalogue "
                    "(quizzes/catalogue.yaml) to take the company name from",
                )
            )
