"""trainer: a conversational training simulator for new customer-service and account managers."""

from __future__ import annotations

__version__ = "0.1.0"
