"""The audit trail's tables (migration set mashdesk.audit).

Triggers stop accidental edits; the hash chain and the anchor reveal deliberate ones, including
by someone who drops the triggers (see mashdesk.audit.chain).
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

MIGRATIONS = Migrations("mashdesk.audit")

APPEND_ONLY_TRIGGERS: tuple[str, ...] = (
    "audit_events_no_update",
    "audit_events_no_delete",
    "audit_anchor_no_delete",
    "audit_anchor_forward_only",
)


@MIGRATIONS()
def m001_audit_events(db: Database) -> None:
    db.execute(
        """CREATE TABLE audit_events (
            seq INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            desk TEXT,
            action TEXT NOT NULL,
            entity TEXT,
            entity_id TEXT,
            details TEXT NOT NULL DEFAULT '{}',
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX audit_events_entity ON audit_events(entity, entity_id)")
    db.execute("CREATE INDEX audit_events_actor ON audit_events(actor, at)")
    db.execute("CREATE INDEX audit_events_action ON audit_events(action, at)")
    # One row holding the chain's length and head, moved forward in the same transaction as each
    # append: deleting the newest events leaves it pointing past the end.
    db.execute(
        """CREATE TABLE audit_anchor (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            seq INTEGER NOT NULL,
            head_hash TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )"""
    )
    db.execute(
        """CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
        BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END"""
    )
    db.execute(
        """CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
        BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END"""
    )
    db.execute(
        """CREATE TRIGGER audit_anchor_no_delete BEFORE DELETE ON audit_anchor
        BEGIN SELECT RAISE(ABORT, 'the audit anchor cannot be deleted'); END"""
    )
    db.execute(
        """CREATE TRIGGER audit_anchor_forward_only BEFORE UPDATE ON audit_anchor
        WHEN NEW.seq <= OLD.seq
        BEGIN SELECT RAISE(ABORT, 'the audit anchor only moves forward'); END"""
    )
