"""The tamper-evident audit trail: `record_event` for every capability, `verify_store`, listing."""

from mashdesk.audit.chain import (
    GENESIS,
    AuditError,
    AuditEvent,
    Problem,
    VerifyReport,
    canonical_json,
    head,
    read_witness,
    record_event,
    verify_chain,
)
from mashdesk.audit.queries import access_log, list_events, verify_store

__all__ = [
    "GENESIS",
    "AuditError",
    "AuditEvent",
    "Problem",
    "VerifyReport",
    "access_log",
    "canonical_json",
    "head",
    "list_events",
    "read_witness",
    "record_event",
    "verify_chain",
    "verify_store",
]
