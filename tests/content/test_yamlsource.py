"""The content loader's YAML composer: the same node tree, tag for tag and mark for mark, as
PyYAML's own safe loader, however its shortcuts resolve the tags."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from trainer.content.context import Problem, Reader
from trainer.content.loader import content_files
from trainer.content.paths import resolve_content_dir
from trainer.content.yamlsource import compose
from trainer.errors import ContentError

# Every kind of scalar YAML 1.1 resolves, each plain, quoted and tagged, twice over (the
# second time the loader answers from what it remembers), in block and flow collections.
TRICKY = """\
plain: [text, Text, 'quoted', "double", ~, null, Null, "", '~', !!str 12, ! 12]
bools: [yes, no, on, off, true, False, Y, n, 'yes', "true"]
ints: [0, 7, -7, +7, 012, 0o17, 0x1F, 0b101, 1_000, 190:20:30, '12', "0x1F"]
floats: [1.5, -1.5, 1e3, 1.0e+3, .inf, -.Inf, .nan, 6.8523015e+5, 1_000.5, 190:20:30.15]
dates: [2001-12-14, 2001-12-14t21:59:43.10-05:00, '2001-12-14']
empty:
also_empty: ''
merge: &base {a: 1, b: [x, y]}
child:
  <<: *base
  c: 3
seq:
  - - nested
    - 12
  - {k: v, 12: twelve, null: nothing, true: yes}
block: |
  12
folded: >-
  yes
  no
long: A reply long enough to be a text, not a keyword, with a number 12 and yes in it.
long_number: 123456789012345678901234567890123456789012345678901234567890
again: [text, 12, yes, ~, 1.5, 2001-12-14, 012, '12', "yes", ! 12, !!str 12, null]
"""


def _tree(node: yaml.Node) -> object:
    """Everything a node says: its class, tag, value, style and where it starts and ends."""
    marks = (node.start_mark.line, node.start_mark.column, node.end_mark.index)
    if isinstance(node, yaml.ScalarNode):
        return ("scalar", node.tag, node.value, node.style, marks)
    if isinstance(node, yaml.SequenceNode):
        return ("sequence", node.tag, [_tree(item) for item in node.value], marks)
    return (
        "mapping",
        node.tag,
        [(_tree(key), _tree(value)) for key, value in node.value],
        marks,
    )


def test_tags_and_marks_are_the_safe_loaders(tmp_path: Path) -> None:
    # The loader it builds on: the C one when PyYAML has it (the pure-Python one gives plain
    # scalars another style, so the two are not compared with each other).
    safe = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    texts = [TRICKY, TRICKY]  # the second time, tags come from what the loader remembers
    texts += [path.read_text(encoding="utf-8") for path in content_files(resolve_content_dir(None))]
    for text in texts:
        ours = compose(text, tmp_path / "file.yaml")
        theirs = yaml.compose(text, Loader=safe)
        assert ours is not None and theirs is not None
        assert _tree(ours) == _tree(theirs)


def test_the_tricky_document_reads_as_yaml_1_1_says() -> None:
    """A spot check that the comparison above compares something: plain 012 is octal, a
    quoted 12 is text, yes is true, an empty value is null."""
    root = compose(TRICKY, Path("file.yaml"))
    assert isinstance(root, yaml.MappingNode)
    tags = {key.value: value for key, value in root.value if isinstance(key, yaml.ScalarNode)}
    ints = tags["ints"].value
    assert ints[4].value == "012" and ints[4].tag == "tag:yaml.org,2002:int"
    assert ints[10].tag == "tag:yaml.org,2002:str"
    assert tags["bools"].value[0].tag == "tag:yaml.org,2002:bool"
    assert tags["empty"].tag == "tag:yaml.org,2002:null"
    assert tags["plain"].value[9].tag == "tag:yaml.org,2002:str"  # !!str 12


def test_nesting_is_bounded_by_its_depth_not_its_brackets() -> None:
    """Many lists side by side are fine; one nested past 100 levels is refused on its line."""
    shallow = "".join(f"k{index}: [[a], {{b: [c]}}]\n" for index in range(200))
    assert compose(shallow, Path("wide.yaml")) is not None
    exactly = "[" * 100 + "]" * 100
    assert compose(f"{shallow}deep: {exactly}\n", Path("deep.yaml")) is not None
    too_deep = f"{shallow}deep: {exactly[:50]}\n  {{x: {exactly[50:]}}}\n"
    with pytest.raises(ContentError) as refused:
        compose(too_deep, Path("deep.yaml"))
    assert str(refused.value) == "deep.yaml:202: nesting is deeper than 100 levels"


def test_whole_numbers_read_as_yaml_1_1_reads_them() -> None:
    """Plain decimals take a shortcut; every other form YAML 1.1 knows still reads the same."""
    listed = "[0, 7, 12, -7, +7, -0, -012, +0x1F, 012, 0x1F, 0b101, 1_000, 190:20:30]"
    root = compose(f"numbers: {listed}\n", Path("numbers.yaml"))
    assert isinstance(root, yaml.MappingNode)
    problems: list[Problem] = []
    reader = Reader(Path("numbers.yaml"), problems)
    read = [reader.integer(node, "a number") for node in root.value[0][1].value]
    assert read == yaml.safe_load(listed)
    assert read[8] == 10 and read[6] == -10 and not problems  # 012 is octal in YAML 1.1
