"""Reading one contact with everything shown about it: children, attachments, links, history."""

from __future__ import annotations

import json
from typing import Any

from mashdesk.store import Store


class NotFound(Exception):
    pass


def get_contact(store: Store, contact_id: int) -> dict[str, Any]:
    db = store.db
    row = db.execute("SELECT * FROM contacts WHERE id = ?", [contact_id]).fetchone()
    if row is None:
        raise NotFound(f"there is no contact {contact_id}")
    cols = [d[0] for d in db.execute("SELECT * FROM contacts LIMIT 0").description]
    contact = dict(zip(cols, row, strict=True))
    for key in ("headers_json", "call_json", "flags_json"):
        value = contact.pop(key)
        contact[key[:-5]] = json.loads(value) if value else None
    contact["children"] = [
        dict(r)
        for r in db.query(
            "SELECT id, name, dob, edd, unborn, address, postcode, school, confidence, source_field, span_start, "
            "span_end, evidence FROM children WHERE contact_id = ? ORDER BY id",
            [contact_id],
        )
    ]
    contact["attachments"] = [
        dict(r)
        for r in db.query(
            "SELECT id, filename, content_type, size, sha256, origin FROM attachments WHERE contact_id = ? ORDER BY id",
            [contact_id],
        )
    ]
    contact["links"] = [
        {**dict(r), "evidence": json.loads(r["evidence"])}
        for r in db.query(
            """SELECT l.kind, l.score, l.evidence,
                      CASE WHEN l.contact_id = :id THEN l.other_id ELSE l.contact_id END AS other_id,
                      o.received_at AS other_received_at, o.subject AS other_subject, o.status AS other_status
               FROM contact_links l
               JOIN contacts o ON o.id = CASE WHEN l.contact_id = :id THEN l.other_id ELSE l.contact_id END
               WHERE l.contact_id = :id OR l.other_id = :id ORDER BY o.received_at""",
            {"id": contact_id},
        )
    ]
    if contact["group_id"] is not None:
        contact["group"] = [
            int(r[0])
            for r in db.execute(
                "SELECT id FROM contacts WHERE group_id = ? OR id = ? ORDER BY received_at",
                [contact["group_id"], contact["group_id"]],
            )
        ]
    else:
        contact["group"] = []
    sugg = db.execute(
        "SELECT result_json, routing, created_at FROM suggestions WHERE contact_id = ? AND current = 1",
        [contact_id],
    ).fetchone()
    contact["suggestion"] = json.loads(sugg[0]) if sugg else None
    contact["duplicates_seen"] = [
        dict(r)
        for r in db.query("SELECT source_path, basis, seen_at FROM duplicates WHERE contact_id = ?", [contact_id])
    ]
    return contact


def raw_bytes(store: Store, sha256: str) -> bytes:
    row = store.db.execute("SELECT data FROM raw_blobs WHERE sha256 = ?", [sha256]).fetchone()
    if row is None:
        raise NotFound(f"no stored bytes with hash {sha256}")
    return bytes(row[0])


def quarantine_list(store: Store, include_resolved: bool = False) -> list[dict[str, Any]]:
    where = "" if include_resolved else "WHERE q.resolved_at IS NULL"
    return [
        dict(r)
        for r in store.db.query(
            f"""SELECT q.id, q.source_path, q.source_index, q.reason, q.created_at, q.raw_sha256, b.size,
                   q.resolved_by, q.resolved_at
            FROM quarantine q JOIN raw_blobs b ON b.sha256 = q.raw_sha256 {where} ORDER BY q.id"""
        )
    ]
