"""Screening decisions, manager oversight, claims and the strategy-discussion guard."""

from mashdesk.decisions.errors import ClaimHeld, ContactNotFound, StaleContact
from mashdesk.decisions.guard import guard_applies, guard_conditions
from mashdesk.decisions.model import (
    DecisionError,
    DecisionInput,
    DecisionInvalid,
    NextAction,
    OversightInput,
)
from mashdesk.decisions.views import ContactRecord, decision_history, log_contact_view, open_contact
from mashdesk.decisions.workflow import (
    ClaimResult,
    ContactState,
    Recorded,
    claim,
    contact_state,
    current_decision,
    current_oversight,
    decide_group,
    group_members,
    oversee_group,
    record_oversight,
    release,
    release_expired_claims,
    submit_decision,
)

__all__ = [
    "ClaimHeld",
    "ClaimResult",
    "ContactNotFound",
    "ContactRecord",
    "ContactState",
    "DecisionError",
    "DecisionInput",
    "DecisionInvalid",
    "NextAction",
    "OversightInput",
    "Recorded",
    "StaleContact",
    "claim",
    "contact_state",
    "current_decision",
    "current_oversight",
    "decide_group",
    "group_members",
    "oversee_group",
    "decision_history",
    "guard_applies",
    "guard_conditions",
    "log_contact_view",
    "open_contact",
    "record_oversight",
    "release",
    "release_expired_claims",
    "submit_decision",
]
