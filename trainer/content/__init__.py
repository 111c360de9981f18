"""Content: YAML files to typed models, with every problem located by file, line and column.

One rule places the code of each kind of content file (rubric, persona, scenario, catalogue,
conversation test, typed-line test, quiz, programme): a module named after the kind holds its
model, its shape and its parser, in that order (`rubric.py`, `persona.py`, `catalogue.py`,
`conversation_tests.py`, `typed.py`, `programme.py`); a kind over ~500 lines is a package of
that name with one module per part (`scenario/` and `quiz/`: `model.py`, `shape.py`,
`parse.py`). A kind imports only the kinds it refers to (a scenario its personas and the
rubric, a quiz the catalogue, the programme its quizzes and scenarios); every parser is given
what it may refer to as arguments, never the whole set.

Below the kinds: `files` (which files a set has and each one's text, read safely, with no YAML),
`yamlsource` (a file's text into YAML nodes), `problems` (a located Problem and its
Severity), `shapes` (the building blocks of a shape), `context` (the parse context: a Reader
that takes typed values out of the nodes and records each located Problem), `frozen`,
`suggest`, `conditions` (the guard language), `templates` and `paths`. A kind's model never
needs PyYAML or the Reader at run time (its parser names them for the type checker only), so a
set read back from the content cache loads neither. Above them: `content_set` (the whole set
as the app uses it, and the Validation that gives it), `loader` (the way in: read back from the
content cache, or every file read and checked by `checking`, in the order they refer to each
other), `schema` (JSON Schema for editors), and what works on parsed content: `graph` and `analysis`
(a scenario's paths, scores and guards), `drawing`, `outcomes` (labels) and `starter`.
"""

from __future__ import annotations
