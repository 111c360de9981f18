"""Content: YAML files to typed models, with every problem located by file, line and column."""

from __future__ import annotations
