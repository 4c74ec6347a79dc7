"""The strategy-discussion guard: a triggered contact is not finalised below strategy_discussion
without a manager's recorded reason (domain.md section 2, "Mandatory triggers")."""

from __future__ import annotations

import json

from mashdesk.domain import TRIGGER_CODES
from mashdesk.store import Store

IMMEDIATE_PROTECTION = "immediate_protection"


def current_suggestion(store: Store, contact_id: int) -> tuple[int | None, list[str], bool]:
    """(id, non-negated trigger codes, immediate protection) of the current suggestion."""
    row = store.conn.execute(
        "SELECT id, triggers_json, immediate_protection FROM suggestions"
        " WHERE contact_id = ? AND current = 1 ORDER BY id DESC LIMIT 1",
        (contact_id,),
    ).fetchone()
    if row is None:
        return None, [], False
    codes = [c for c in json.loads(row[1] or "[]") if c in TRIGGER_CODES]
    return int(row[0]), sorted(set(codes)), bool(row[2])


def guard_conditions(store: Store, contact_id: int, *, immediate_protection: bool = False) -> list[str]:
    """Why this contact must go to strategy_discussion unless a manager records otherwise."""
    _sid, codes, suggested_ip = current_suggestion(store, contact_id)
    if suggested_ip or immediate_protection:
        codes = [*codes, IMMEDIATE_PROTECTION]
    return codes


def guard_applies(routing: str, conditions: list[str]) -> bool:
    return bool(conditions) and routing != "strategy_discussion"
