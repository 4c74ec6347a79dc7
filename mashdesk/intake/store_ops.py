"""Storing parsed items: each item in its own transaction, idempotent on retry."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mashdesk.intake import linking
from mashdesk.intake.children import name_key, surname_key
from mashdesk.intake.model import ContactDraft, ParsedItem
from mashdesk.store import Store
from mashdesk.store.queue import index_contact
from mashdesk.timescales import WorkingCalendar

if TYPE_CHECKING:  # triage imports the intake's model
    from mashdesk.triage import PreparedSuggestion


@dataclass
class IngestReport:
    new: int = 0
    duplicate: int = 0
    linked: int = 0
    quarantined: int = 0
    files: int = 0
    contact_ids: list[int] = field(default_factory=list)

    def add(self, other: IngestReport) -> None:
        self.new += other.new
        self.duplicate += other.duplicate
        self.linked += other.linked
        self.quarantined += other.quarantined
        self.files += other.files
        self.contact_ids += other.contact_ids

    def as_dict(self) -> dict[str, int]:
        return {
            "new": self.new,
            "duplicate": self.duplicate,
            "linked": self.linked,
            "quarantined": self.quarantined,
            "files": self.files,
        }


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _put_blob(conn: Any, sha: str, data: bytes, now: str | None = None) -> None:
    conn.execute(
        "INSERT OR IGNORE INTO raw_blobs (sha256, size, data, stored_at) VALUES (?, ?, ?, ?)",
        [sha, len(data), data, now or now_iso()],
    )


def _put_blob_streamed(conn: sqlite3.Connection, sha: str, path: Path) -> None:
    """Copy a large file into the store in chunks, never holding it whole in memory."""
    if conn.execute("SELECT 1 FROM raw_blobs WHERE sha256 = ?", [sha]).fetchone():
        return
    size = path.stat().st_size
    cur = conn.execute(
        "INSERT INTO raw_blobs (sha256, size, data, stored_at) VALUES (?, ?, zeroblob(?), ?)",
        [sha, size, size, now_iso()],
    )
    rowid = cur.lastrowid
    assert rowid is not None
    with conn.blobopen("raw_blobs", "data", rowid) as blob, path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            blob.write(chunk)


def _record_source(conn: Any, item: ParsedItem, now: str) -> None:
    if item.file_sha256:
        conn.execute(
            "INSERT OR IGNORE INTO source_files (sha256, path, kind, size, first_seen_at) VALUES (?, ?, ?, ?, ?)",
            [item.file_sha256, item.path, item.file_kind, 0, now],
        )


def _quarantine(store: Store, item: ParsedItem) -> bool:
    """True when newly quarantined; False when the same item was already there."""
    db = store.db
    if item.raw_path:
        _put_blob_streamed(store.conn, item.raw_sha256, Path(item.raw_path))
    else:
        _put_blob(db, item.raw_sha256, item.raw)
    cur = db.execute(
        "INSERT OR IGNORE INTO quarantine (raw_sha256, source_path, source_index, reason, detail, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [
            item.raw_sha256,
            item.path or item.source,
            item.index or 0,
            item.quarantine_reason,
            item.quarantine_detail,
            now_iso(),
        ],
    )
    return bool(cur.rowcount > 0)


def _existing(conn: sqlite3.Connection, item: ParsedItem, draft: ContactDraft) -> tuple[int, str] | None:
    row = conn.execute("SELECT id FROM contacts WHERE raw_sha256 = ?", [item.raw_sha256]).fetchone()
    if row:
        return int(row[0]), "same bytes"
    if draft.message_id:
        row = conn.execute(
            "SELECT id FROM contacts WHERE message_id = ? ORDER BY id LIMIT 1", [draft.message_id]
        ).fetchone()
        if row:
            return int(row[0]), "same Message-ID"
    return None


# Workers prepare the suggestion for the first band of history only (fewer previous contacts than
# any pack condition asks for): most contacts have that history, and the few with a longer one
# are suggested again in the storing process, once their links are known, reusing what the
# worker's RE2 filter found in the text (PreparedSuggestion.hits). Preparing both bands of
# the default pack cost the workers about a third more suggestion time (0.54 against 0.37 ms a
# contact in bench_intake's stage breakdown) for a band few contacts need.
PREPARED_BANDS = 1

_CONTACT_SQL = """INSERT INTO contacts (raw_sha256, source_sha256, source_path, source_index, channel, received_at,
    received_at_basis, message_id, referrer_name, referrer_email, referrer_phone, referrer_org,
    referrer_role, source_code, source_evidence, subject, body_text, new_text_end, body_html,
    headers_json, call_json, flags_json, decision_due, synthetic, status, ingested_at)
   VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,'new',?)"""
_CHILD_SQL = """INSERT INTO children (contact_id, name, name_key, surname_key, dob, edd, unborn, address, postcode,
    school, confidence, source_field, span_start, span_end, evidence) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"""
_ATTACHMENT_SQL = (
    "INSERT INTO attachments (contact_id, filename, content_type, size, sha256, origin) VALUES (?, ?, ?, ?, ?, ?)"
)


@dataclass
class StoreRows:
    """An item's rows, serialised beside parsing (in an intake worker when there are several), so
    the storing process only inserts. `suggestion` holds the suggestion for each band of history
    (triage.SuggestContext.prepare): the storing process picks the band once links are made."""

    contact: tuple[Any, ...]
    blobs: list[tuple[str, bytes]]
    attachments: list[tuple[Any, ...]]
    children: list[tuple[Any, ...]]
    search: tuple[str, str, str, str]
    suggestion: PreparedSuggestion | None = None


def prepare_rows(item: ParsedItem, calendar: WorkingCalendar) -> StoreRows:
    """The rows of a parsed contact (an intake worker adds its history-free suggestion)."""
    draft = item.draft
    assert draft is not None
    r = draft.referrer
    contact = (
        item.raw_sha256,
        item.file_sha256 or item.raw_sha256,
        item.path or item.source,
        item.index,
        draft.channel,
        draft.received_at.astimezone(dt.UTC).isoformat(),
        draft.received_at_basis,
        draft.message_id,
        r.name,
        r.email,
        r.phone,
        r.organisation,
        r.role,
        draft.source_code,
        draft.source_evidence,
        draft.subject,
        draft.body_text,
        draft.new_text_end,
        draft.body_html,
        json.dumps(draft.headers, ensure_ascii=False),
        json.dumps(draft.call, ensure_ascii=False) if draft.call else None,
        json.dumps(draft.flags),
        calendar.decision_due(draft.received_at).isoformat(),
        int(draft.synthetic),
    )
    children = [
        (
            ch.name,
            name_key(ch.name),
            surname_key(ch.name),
            ch.dob.isoformat() if ch.dob else None,
            ch.edd.isoformat() if ch.edd else None,
            int(ch.unborn),
            ch.address,
            ch.postcode,
            ch.school,
            ch.confidence,
            ch.source_field,
            ch.span[0] if ch.span else None,
            ch.span[1] if ch.span else None,
            ch.evidence[:500],
        )
        for ch in draft.children
    ]
    return StoreRows(
        contact=contact,
        blobs=[(a.sha256, a.data) for a in draft.attachments if a.data],
        attachments=[(a.filename, a.content_type, a.size, a.sha256, a.origin) for a in draft.attachments],
        children=children,
        search=(
            draft.subject,
            draft.body_text,
            " ".join(filter(None, [r.name, r.email, r.organisation, r.phone])),
            " ".join(filter(None, [c.name for c in draft.children])),
        ),
    )


def _insert_contact(conn: sqlite3.Connection, rows: StoreRows, now: str) -> int:
    contact_id = int(conn.execute(_CONTACT_SQL, (*rows.contact, now)).lastrowid or 0)
    if rows.blobs:
        conn.executemany(
            "INSERT OR IGNORE INTO raw_blobs (sha256, size, data, stored_at) VALUES (?, ?, ?, ?)",
            [(sha, len(data), data, now) for sha, data in rows.blobs],
        )
    if rows.attachments:
        conn.executemany(_ATTACHMENT_SQL, [(contact_id, *a) for a in rows.attachments])
    if rows.children:
        conn.executemany(_CHILD_SQL, [(contact_id, *c) for c in rows.children])
    index_contact(conn, contact_id, *rows.search)
    return contact_id


def _link(conn: sqlite3.Connection, contact_id: int, draft: ContactDraft, now: str) -> tuple[int, int]:
    """Record link suggestions; set group and re-referral marks. Returns how many links were made
    and how many of the linked contacts came earlier (the contact's history)."""
    links = linking.suggest_links(conn, contact_id, draft.children)
    received = draft.received_at.astimezone(dt.UTC)
    group_id: int | None = None
    re_referral = False
    earlier = 0
    if links:
        conn.executemany(
            "INSERT OR IGNORE INTO contact_links (contact_id, other_id, kind, score, evidence, created_at) "
            "VALUES (?, ?, 'same_child', ?, ?, ?)",
            [(contact_id, link.other_id, link.score, linking.evidence_json(link), now) for link in links],
        )
    for link in links:
        gap = received - link.other_received_at
        earlier += gap > dt.timedelta(0)
        if abs(gap) <= linking.GROUP_WINDOW:
            group_id = group_id or link.other_group_id or link.other_id
            if link.other_group_id is None:
                conn.execute("UPDATE contacts SET group_id = ? WHERE id = ?", [group_id, link.other_id])
        elif dt.timedelta(0) < gap <= linking.REREFERRAL_WINDOW:
            re_referral = True
        elif dt.timedelta(0) < -gap <= linking.REREFERRAL_WINDOW:
            conn.execute("UPDATE contacts SET re_referral = 1 WHERE id = ?", [link.other_id])
    if group_id is not None or re_referral:
        conn.execute(
            "UPDATE contacts SET group_id = COALESCE(?, group_id), re_referral = ? WHERE id = ?",
            [group_id, int(re_referral), contact_id],
        )
    return len(links), earlier


def previous_contacts(db: Any, contact_id: int) -> int:
    row = db.execute(
        "SELECT count(DISTINCT l.other_id) FROM contact_links l JOIN contacts o ON o.id = l.other_id "
        "JOIN contacts c ON c.id = l.contact_id WHERE l.contact_id = ? AND o.received_at < c.received_at",
        [contact_id],
    ).fetchone()
    return int(row[0])


def _store_one(
    store: Store, item: ParsedItem, calendar: WorkingCalendar, report: IngestReport, ctx: Any, now: str
) -> None:
    if item.draft is None:
        if _quarantine(store, item):
            report.quarantined += 1
        else:
            report.duplicate += 1
        return
    draft = item.draft
    conn = store.conn
    _record_source(conn, item, now)
    existing = _existing(conn, item, draft)
    _put_blob(conn, item.raw_sha256, item.raw, now)
    if existing:
        conn.execute(
            "INSERT OR IGNORE INTO duplicates (raw_sha256, contact_id, source_path, basis, seen_at) "
            "VALUES (?, ?, ?, ?, ?)",
            [item.raw_sha256, existing[0], item.source, existing[1], now],
        )
        report.duplicate += 1
        return
    from mashdesk import triage  # imported here: triage imports the intake's model

    rows = item.rows if isinstance(item.rows, StoreRows) else prepare_rows(item, calendar)
    contact_id = _insert_contact(conn, rows, now)
    linked, history = _link(conn, contact_id, draft, now)
    if linked:
        report.linked += 1
    suggestion = rows.suggestion.row(history, ctx) if rows.suggestion is not None and ctx is not None else None
    if suggestion is None:
        ctx = ctx or triage.suggest_context(store)
        suggestion = triage.suggestion_row(ctx.suggest(draft, history, rows.suggestion))
    triage.insert_suggestion_row(conn, contact_id, suggestion, now)
    report.new += 1
    report.contact_ids.append(contact_id)


def store_items(store: Store, items: list[ParsedItem], calendar: WorkingCalendar, ctx: Any = None) -> IngestReport:
    """Store parsed items in one transaction.

    A crash loses at most this batch, and a retry finds what was committed already there. When an
    item cannot be stored (a bug, a constraint), the batch is rolled back and stored again item by
    item, each in its own savepoint, the failing one quarantined with the reason instead of lost.
    """
    now = now_iso()
    try:
        with store.write():
            report = IngestReport()
            for item in items:
                _store_one(store, item, calendar, report, ctx, now)
            return report
    except sqlite3.Error:
        pass
    report = IngestReport()
    with store.write():
        for item in items:
            try:
                with store.write():
                    _store_one(store, item, calendar, report, ctx, now)
            except sqlite3.Error as exc:
                failed = ParsedItem(
                    source=item.source,
                    raw=item.raw,
                    raw_sha256=item.raw_sha256,
                    index=item.index,
                    path=item.path,
                    raw_path=item.raw_path,
                    quarantine_reason=f"could not be stored ({type(exc).__name__}: {exc})",
                )
                with store.write():
                    _store_one(store, failed, calendar, report, ctx, now)
    return report


def store_item(store: Store, item: ParsedItem, calendar: WorkingCalendar, ctx: Any = None) -> IngestReport:
    """Store one parsed item in one transaction. Safe to repeat: a retry finds it already there."""
    return store_items(store, [item], calendar, ctx)


def mark_source_complete(store: Store, file_sha: str, items: int) -> None:
    with store.write() as db:
        db.execute(
            "UPDATE source_files SET completed_at = ?, items = ? WHERE sha256 = ?",
            [now_iso(), items, file_sha],
        )
