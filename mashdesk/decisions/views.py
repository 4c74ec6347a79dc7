"""Reading a contact for screening or oversight, written to the access log as it is read."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from mashdesk.accounts.actor import Actor
from mashdesk.accounts.permissions import VIEW_CONTACT_ACTIONS
from mashdesk.accounts.users import authorize_any
from mashdesk.audit.chain import record_event
from mashdesk.decisions.errors import ContactNotFound
from mashdesk.decisions.workflow import contact_state
from mashdesk.store import Store


@dataclass
class ContactRecord:
    contact: dict[str, Any]
    children: list[dict[str, Any]]
    suggestion: dict[str, Any] | None
    decisions: list[dict[str, Any]] = field(default_factory=list)
    oversight: list[dict[str, Any]] = field(default_factory=list)
    holder: str | None = None


def _rows(store: Store, sql: str, params: tuple[Any, ...]) -> list[dict[str, Any]]:
    cur = store.conn.execute(sql, params)
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


def open_contact(store: Store, actor: Actor, contact_id: int, *, purpose: str = "view") -> ContactRecord:
    """The contact with its children, suggestion and decision history; logs who read it.

    Every front end that shows a child's record calls this (or `log_contact_view`), so the
    access log answers "who has read this child's record".
    """
    actor = authorize_any(store, actor, VIEW_CONTACT_ACTIONS)
    contacts = _rows(store, "SELECT * FROM contacts WHERE id = ?", (contact_id,))
    if not contacts:
        raise ContactNotFound(f"There is no contact {contact_id}.")
    children = _rows(store, "SELECT * FROM children WHERE contact_id = ? ORDER BY id", (contact_id,))
    suggestions = _rows(
        store,
        "SELECT * FROM suggestions WHERE contact_id = ? AND current = 1 ORDER BY id DESC LIMIT 1",
        (contact_id,),
    )
    record = ContactRecord(
        contact=contacts[0],
        children=children,
        suggestion=suggestions[0] if suggestions else None,
        decisions=_rows(
            store,
            "SELECT * FROM screening_decisions WHERE contact_id = ? ORDER BY id",
            (contact_id,),
        ),
        oversight=_rows(
            store,
            "SELECT * FROM oversight_records WHERE contact_id = ? ORDER BY id",
            (contact_id,),
        ),
        holder=contact_state(store, contact_id).holder(),
    )
    _log_view(store, actor, contact_id, [c["id"] for c in children], purpose)
    return record


def log_contact_view(store: Store, actor: Actor, contact_id: int, purpose: str = "view") -> None:
    """For front ends that read the contact through their own query: check and log the read."""
    actor = authorize_any(store, actor, VIEW_CONTACT_ACTIONS)
    child_ids = [
        r[0] for r in store.conn.execute("SELECT id FROM children WHERE contact_id = ? ORDER BY id", (contact_id,))
    ]
    _log_view(store, actor, contact_id, child_ids, purpose)


def _log_view(store: Store, actor: Actor, contact_id: int, child_ids: list[int], purpose: str) -> None:
    """The access-log entry for one read: which contact and children, by whom, and why."""
    with store.write():
        record_event(
            store,
            actor,
            "contact.view",
            "contact",
            contact_id,
            {"children": child_ids, "purpose": purpose},
        )


def decision_history(store: Store, contact_id: int) -> list[dict[str, Any]]:
    """Screening decisions and oversight in time order, for display (no access check: the
    caller has already opened the contact)."""
    items = []
    for d in _rows(store, "SELECT * FROM screening_decisions WHERE contact_id = ?", (contact_id,)):
        d["kind"] = "screening"
        d["at"] = d["submitted_at"]
        d["next_actions"] = json.loads(d["next_actions_json"])
        items.append(d)
    for o in _rows(store, "SELECT * FROM oversight_records WHERE contact_id = ?", (contact_id,)):
        o["kind"] = "oversight"
        o["at"] = o["recorded_at"]
        o["actions"] = json.loads(o["actions_json"])
        items.append(o)
    return sorted(items, key=lambda r: (r["at"], r["kind"] != "screening"))
