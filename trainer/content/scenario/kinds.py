"""How a scenario's call can end, and what kind of call it is: what home, the programme and the
records name without a scenario's nodes (`model` re-exports both)."""

from __future__ import annotations

from enum import StrEnum


class Outcome(StrEnum):
    DEAL = "deal"
    APPLICATION = "application"
    MEETING = "meeting"
    CALLBACK = "callback"
    LOST = "lost"
    HUNG_UP = "hung-up"


class CallType(StrEnum):
    """What kind of call a scenario practises; the programme can require one of each kind."""

    COLD_CALL = "cold_call"
    FOLLOW_UP = "follow_up"
    INBOUND = "inbound"
    COMPLAINT = "complaint"
    KEY_ACCOUNT = "key_account"
    CREDIT = "credit"
    DEAL = "deal"

    @property
    def label(self) -> str:
        """The kind in words, as a trainee reads it: "cold call"."""
        return _CALL_TYPE_LABELS[self]


_CALL_TYPE_LABELS = {
    CallType.COLD_CALL: "cold call",
    CallType.FOLLOW_UP: "follow-up call",
    CallType.INBOUND: "inbound enquiry",
    CallType.COMPLAINT: "complaint call",
    CallType.KEY_ACCOUNT: "key-account call",
    CallType.CREDIT: "credit or payment call",
    CallType.DEAL: "deal-closing call",
}
