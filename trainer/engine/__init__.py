"""The engine: conversation sessions on `transitions`, free-text matching and scoring."""

from __future__ import annotations
