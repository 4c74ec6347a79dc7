"""Reading the audit trail (permission read_audit) and the whole-store integrity check."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from mashdesk.accounts.actor import Actor
from mashdesk.audit.chain import AuditEvent, VerifyReport, row_to_event, verify_chain
from mashdesk.store import Store


def list_events(
    store: Store,
    actor: Actor,
    *,
    action: str | None = None,
    actor_name: str | None = None,
    entity: str | None = None,
    entity_id: object | None = None,
    since: str | None = None,
    limit: int = 100,
    newest_first: bool = True,
) -> list[AuditEvent]:
    from mashdesk.accounts.users import authorize

    authorize(store, actor, "read_audit")
    where: list[str] = []
    params: list[Any] = []
    if action:
        # A trailing dot lists a family of events ("decision." lists every decision event).
        if action.endswith("."):
            where.append("action LIKE ?")
            params.append(action + "%")
        else:
            where.append("action = ?")
            params.append(action)
    if actor_name:
        where.append("actor = ?")
        params.append(actor_name)
    if entity:
        where.append("entity = ?")
        params.append(entity)
    if entity_id is not None:
        where.append("entity_id = ?")
        params.append(str(entity_id))
    if since:
        where.append("at >= ?")
        params.append(since)
    sql = "SELECT * FROM audit_events"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += f" ORDER BY seq {'DESC' if newest_first else 'ASC'} LIMIT ?"
    params.append(int(limit))
    cur = store.conn.execute(sql, params)
    cols = [c[0] for c in cur.description]
    return [row_to_event(dict(zip(cols, r, strict=True))) for r in cur.fetchall()]


def access_log(store: Store, actor: Actor, contact_id: int) -> list[AuditEvent]:
    """Who read this contact (and so its children's records), oldest first."""
    return list_events(
        store,
        actor,
        action="contact.view",
        entity="contact",
        entity_id=contact_id,
        limit=100_000,
        newest_first=False,
    )


def verify_store(store: Store, witness: Iterable[tuple[int, str]] = ()) -> VerifyReport:
    """The chain, the anchor, the triggers, any witnessed heads, and the decision records."""
    from mashdesk.decisions.integrity import check_records

    witness = list(witness)
    conn = store.conn
    own_txn = not conn.in_transaction
    if own_txn:
        conn.execute("BEGIN")  # chain and records read from one snapshot
    try:
        report = verify_chain(store, witness)
        check_records(store, report)
    finally:
        if own_txn:
            conn.execute("COMMIT")
    return report
