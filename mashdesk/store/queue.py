"""Queue queries shared by the CLI and the GUI: filters, sorting, full-text search, paging by id."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any

from mashdesk.store import Store

SORTS: dict[str, str] = {
    "due": "c.decision_due {dir}, c.id {dir}",
    "received": "c.received_at {dir}, c.id {dir}",
    "id": "c.id {dir}",
    "channel": "c.channel {dir}, c.decision_due, c.id",
    "status": "c.status {dir}, c.decision_due, c.id",
    "source": "c.source_code {dir}, c.decision_due, c.id",
}


@dataclass(frozen=True)
class QueueFilter:
    open_only: bool = True
    status: str | None = None
    channel: str | None = None
    source_code: str | None = None
    trigger: str | None = None  # a trigger code, or "any"
    claimed_by: str | None = None  # "mine" in the GUI passes the user's name
    overdue: bool = False
    search: str | None = None
    sort: str = "due"
    descending: bool = False


def index_contact(
    db: Any, contact_id: int, subject: str, body_text: str, referrer: str, children: str, *, is_open: bool = True
) -> None:
    """Make a contact searchable: every contact is in contacts_fts, open ones in contacts_open_fts
    too (triggers on contacts keep the open index in step afterwards)."""
    row = [contact_id, subject, body_text, referrer, children]
    for table in ("contacts_fts", "contacts_open_fts") if is_open else ("contacts_fts",):
        db.execute(f"INSERT INTO {table} (rowid, subject, body_text, referrer, children) VALUES (?, ?, ?, ?, ?)", row)


def fts_query(text: str) -> str | None:
    """An FTS5 query from what a person typed: each word a prefix, all words required."""
    words = re.findall(r"\w+", text, flags=re.UNICODE)
    if not words:
        return None
    return " ".join(f'"{w}"*' for w in words[:12])


def _where(f: QueueFilter, now: dt.datetime | None = None) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if f.open_only:
        clauses.append("c.status != 'decided'")
    if f.status:
        clauses.append("c.status = ?")
        params.append(f.status)
    if f.channel:
        clauses.append("c.channel = ?")
        params.append(f.channel)
    if f.source_code:
        clauses.append("c.source_code = ?")
        params.append(f.source_code)
    if f.claimed_by:
        clauses.append("c.claimed_by = ?")
        params.append(f.claimed_by)
    if f.overdue:
        clauses.append("c.decision_due < ?")
        params.append((now or dt.datetime.now(dt.UTC)).isoformat())
    if f.trigger:
        sub = "SELECT contact_id FROM suggestions s WHERE s.current = 1 AND s.triggers_json != '[]'"
        if f.trigger != "any":
            sub += " AND EXISTS (SELECT 1 FROM json_each(s.triggers_json) WHERE value = ?)"
            params.append(f.trigger)
        clauses.append(f"c.id IN ({sub})")
    if f.search and (q := fts_query(f.search)):
        # Open-queue searches use the index of open contacts only: a common word then matches
        # tens of thousands of rows, not every contact ever received.
        table = "contacts_open_fts" if f.open_only else "contacts_fts"
        # "+c.id": walk the queue in its index order and test each row against the matches (built
        # once), so a word found in most rows stops at the first page instead of sorting them all.
        clauses.append(f"+c.id IN (SELECT rowid FROM {table} WHERE {table} MATCH ?)")
        params.append(q)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def count(store: Store, f: QueueFilter = QueueFilter()) -> int:
    where, params = _where(f)
    return int(store.db.execute(f"SELECT count(*) FROM contacts c{where}", params).fetchone()[0])


def ids(store: Store, f: QueueFilter = QueueFilter(), offset: int = 0, limit: int | None = None) -> list[int]:
    """Contact ids in queue order; the GUI pages through these and fetches rows on demand."""
    where, params = _where(f)
    order = SORTS.get(f.sort, SORTS["due"]).format(dir="DESC" if f.descending else "ASC")
    sql = f"SELECT c.id FROM contacts c{where} ORDER BY {order}"
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params = params + [limit, offset]
    return [int(r[0]) for r in store.db.execute(sql, params)]


def rows(store: Store, contact_ids: list[int]) -> list[dict[str, Any]]:
    """Queue rows for the given ids, in the given order."""
    if not contact_ids:
        return []
    marks = ",".join("?" * len(contact_ids))
    sql = f"""
        SELECT c.id, c.channel, c.received_at, c.decision_due, c.referrer_name, c.referrer_email,
               c.referrer_phone, c.referrer_org, c.source_code, c.subject, c.body_text, c.group_id,
               c.re_referral, c.status, c.claimed_by, c.claim_expires_at, c.flags_json, c.version,
               (SELECT group_concat(coalesce(ch.name, CASE WHEN ch.unborn THEN 'unborn baby' END), '; ')
                  FROM children ch WHERE ch.contact_id = c.id) AS children,
               s.routing, s.triggers_json, s.level
        FROM contacts c
        LEFT JOIN suggestions s ON s.contact_id = c.id AND s.current = 1
        WHERE c.id IN ({marks})"""
    found: dict[int, dict[str, Any]] = {}
    for r in store.db.execute(sql, contact_ids):
        (
            cid,
            channel,
            received,
            due,
            rname,
            remail,
            rphone,
            rorg,
            source,
            subject,
            body,
            group,
            reref,
            status,
            claimed,
            claim_exp,
            flags,
            version,
            children,
            routing,
            triggers,
            level,
        ) = r
        subject_line = subject or ""
        if not subject_line.strip() or channel == "phone":
            first = next((ln.strip() for ln in (body or "").splitlines() if ln.strip()), "")
            subject_line = first[:160] if first else subject_line
        found[cid] = {
            "id": cid,
            "channel": channel,
            "received_at": received,
            "decision_due": due,
            "referrer": rname or remail or rphone or rorg or "",
            "referrer_email": remail,
            "source_code": source,
            "subject": subject_line,
            "children": children or "",
            "group": group,
            "re_referral": bool(reref),
            "status": status,
            "claimed_by": claimed,
            "claim_expires_at": claim_exp,
            "flags": json.loads(flags or "[]"),
            "version": version,
            "routing": routing,
            "level": level,
            "triggers": json.loads(triggers) if triggers else [],
        }
    return [found[i] for i in contact_ids if i in found]


def open_queue(store: Store, limit: int | None = None, f: QueueFilter = QueueFilter()) -> list[dict[str, Any]]:
    """The open queue, oldest due first (what `mashdesk queue` prints)."""
    return rows(store, ids(store, f, 0, limit))
