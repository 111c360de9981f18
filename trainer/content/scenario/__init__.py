"""Scenarios (kind: scenario): one conversation as a graph of nodes, over ~500 lines so a package
of its three parts: `model`, `shape` and `parse`; `kinds` holds the call types and outcomes that
home and the programme name without loading the model."""
