"""Named migrations, one set per capability, applied in this order at start-up.

A capability that needs tables adds its own `Migrations` set in its own module and one line to
`_SETS`. Never edit an applied migration: add a new named step.
"""

from __future__ import annotations

import importlib

from sqlite_utils import Database, Migrations

core = Migrations("mashdesk.core")

# Modules holding a `MIGRATIONS` set, applied after the core set, in this order.
_SETS: tuple[str, ...] = (
    "mashdesk.accounts.schema",
    "mashdesk.audit.schema",
    "mashdesk.decisions.schema",
    "mashdesk.quality",
    "mashdesk.mailbox.schema",
    "classifiers.schema",
)


def migration_sets() -> list[Migrations]:
    sets = [core]
    for module in _SETS:
        sets.append(importlib.import_module(module).MIGRATIONS)
    return sets


@core()
def m001_intake(db: Database) -> None:
    db.execute(
        """CREATE TABLE raw_blobs (
            sha256 TEXT PRIMARY KEY,
            size INTEGER NOT NULL,
            data BLOB NOT NULL,
            stored_at TEXT NOT NULL
        )"""
    )
    db.execute(
        """CREATE TABLE source_files (
            sha256 TEXT PRIMARY KEY,
            path TEXT NOT NULL,
            kind TEXT NOT NULL,
            size INTEGER NOT NULL,
            items INTEGER,
            first_seen_at TEXT NOT NULL,
            completed_at TEXT
        )"""
    )
    db.execute(
        """CREATE TABLE contacts (
            id INTEGER PRIMARY KEY,
            raw_sha256 TEXT NOT NULL REFERENCES raw_blobs(sha256),
            source_sha256 TEXT,
            source_path TEXT,
            source_index INTEGER,
            channel TEXT NOT NULL,
            received_at TEXT NOT NULL,
            received_at_basis TEXT NOT NULL,
            message_id TEXT,
            referrer_name TEXT,
            referrer_email TEXT,
            referrer_phone TEXT,
            referrer_org TEXT,
            referrer_role TEXT,
            source_code TEXT NOT NULL DEFAULT '10',
            source_evidence TEXT,
            subject TEXT,
            body_text TEXT NOT NULL DEFAULT '',
            new_text_end INTEGER,
            body_html TEXT,
            headers_json TEXT,
            call_json TEXT,
            flags_json TEXT NOT NULL DEFAULT '[]',
            decision_due TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'new',
            group_id INTEGER,
            re_referral INTEGER NOT NULL DEFAULT 0,
            claimed_by TEXT,
            claim_expires_at TEXT,
            version INTEGER NOT NULL DEFAULT 1,
            updated_by TEXT,
            updated_at TEXT,
            ingested_at TEXT NOT NULL,
            synthetic INTEGER NOT NULL DEFAULT 0,
            UNIQUE (raw_sha256)
        )"""
    )
    db.execute("CREATE INDEX contacts_queue ON contacts(status, decision_due, id)")
    db.execute("CREATE INDEX contacts_due ON contacts(decision_due, id)")
    db.execute("CREATE INDEX contacts_received ON contacts(received_at)")
    db.execute("CREATE INDEX contacts_message_id ON contacts(message_id)")
    db.execute("CREATE INDEX contacts_group ON contacts(group_id)")
    db.execute(
        """CREATE TABLE attachments (
            id INTEGER PRIMARY KEY,
            contact_id INTEGER NOT NULL REFERENCES contacts(id),
            filename TEXT,
            content_type TEXT,
            size INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            origin TEXT
        )"""
    )
    db.execute("CREATE INDEX attachments_contact ON attachments(contact_id)")
    db.execute(
        """CREATE TABLE children (
            id INTEGER PRIMARY KEY,
            contact_id INTEGER NOT NULL REFERENCES contacts(id),
            name TEXT,
            name_key TEXT,
            surname_key TEXT,
            dob TEXT,
            edd TEXT,
            unborn INTEGER NOT NULL DEFAULT 0,
            address TEXT,
            postcode TEXT,
            school TEXT,
            confidence REAL NOT NULL,
            source_field TEXT NOT NULL,
            span_start INTEGER,
            span_end INTEGER,
            evidence TEXT
        )"""
    )
    db.execute("CREATE INDEX children_contact ON children(contact_id)")
    db.execute("CREATE INDEX children_dob ON children(dob)")
    db.execute("CREATE INDEX children_name ON children(name_key)")
    db.execute("CREATE INDEX children_surname ON children(surname_key, name_key)")
    db.execute(
        """CREATE TABLE contact_links (
            id INTEGER PRIMARY KEY,
            contact_id INTEGER NOT NULL REFERENCES contacts(id),
            other_id INTEGER NOT NULL REFERENCES contacts(id),
            kind TEXT NOT NULL,
            score REAL NOT NULL,
            evidence TEXT NOT NULL,
            created_at TEXT NOT NULL,
            UNIQUE (contact_id, other_id, kind)
        )"""
    )
    db.execute("CREATE INDEX contact_links_other ON contact_links(other_id)")
    db.execute(
        """CREATE TABLE quarantine (
            id INTEGER PRIMARY KEY,
            raw_sha256 TEXT NOT NULL REFERENCES raw_blobs(sha256),
            source_path TEXT NOT NULL,
            source_index INTEGER,
            reason TEXT NOT NULL,
            detail TEXT,
            created_at TEXT NOT NULL,
            resolved_by TEXT,
            resolved_at TEXT,
            UNIQUE (raw_sha256, source_path, source_index)
        )"""
    )
    db.execute(
        """CREATE TABLE duplicates (
            id INTEGER PRIMARY KEY,
            raw_sha256 TEXT NOT NULL REFERENCES raw_blobs(sha256),
            contact_id INTEGER NOT NULL REFERENCES contacts(id),
            source_path TEXT,
            basis TEXT NOT NULL,
            seen_at TEXT NOT NULL,
            UNIQUE (raw_sha256, contact_id, source_path)
        )"""
    )
    db.execute(
        """CREATE TABLE watch_seen (
            path TEXT NOT NULL,
            size INTEGER NOT NULL,
            mtime_ns INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            ingested_at TEXT NOT NULL,
            PRIMARY KEY (path, size, mtime_ns)
        )"""
    )
    db.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute(
        """CREATE VIRTUAL TABLE contacts_fts USING fts5(
            subject, body_text, referrer, children,
            tokenize='unicode61 remove_diacritics 2'
        )"""
    )


@core()
def m002_suggestions(db: Database) -> None:
    # Suggestions are advisory records computed at intake (and again by `resuggest`); the newest
    # row per contact has current = 1. The full evidence stays in result_json so any past
    # suggestion can be shown exactly as it was made.
    db.execute(
        """CREATE TABLE suggestions (
            id INTEGER PRIMARY KEY,
            contact_id INTEGER NOT NULL REFERENCES contacts(id),
            created_at TEXT NOT NULL,
            current INTEGER NOT NULL DEFAULT 1,
            pack_name TEXT NOT NULL,
            pack_version TEXT NOT NULL,
            pack_sha256 TEXT NOT NULL,
            model_version TEXT,
            routing TEXT NOT NULL,
            level INTEGER,
            immediate_protection INTEGER NOT NULL DEFAULT 0,
            triggers_json TEXT NOT NULL DEFAULT '[]',
            negated_triggers_json TEXT NOT NULL DEFAULT '[]',
            result_json TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX suggestions_contact ON suggestions(contact_id, current)")


@core()
def m003_open_queue_index(db: Database) -> None:
    # The queue lists open contacts oldest-due first; a partial index keeps that fast at 500k rows.
    db.execute("CREATE INDEX contacts_open_due ON contacts(decision_due, id) WHERE status != 'decided'")


@core()
def m004_open_queue_filter_indexes(db: Database) -> None:
    # The GUI filters the open queue by channel and sorts it by receipt; keep both index-only.
    db.execute("CREATE INDEX contacts_open_channel ON contacts(channel, decision_due, id) WHERE status != 'decided'")
    db.execute("CREATE INDEX contacts_open_received ON contacts(received_at, id) WHERE status != 'decided'")


@core()
def m005_open_contacts_fts(db: Database) -> None:
    # Searching the open queue must not wade through years of decided contacts: a second index
    # holds only open contacts. Intake adds new contacts to both; these triggers keep it in step
    # when a contact is decided, reopened or purged, whoever changes it.
    db.execute(
        """CREATE VIRTUAL TABLE contacts_open_fts USING fts5(
            subject, body_text, referrer, children,
            tokenize='unicode61 remove_diacritics 2'
        )"""
    )
    db.execute(
        """INSERT INTO contacts_open_fts (rowid, subject, body_text, referrer, children)
           SELECT f.rowid, f.subject, f.body_text, f.referrer, f.children FROM contacts_fts f
           JOIN contacts c ON c.id = f.rowid WHERE c.status != 'decided'"""
    )
    db.execute(
        """CREATE TRIGGER contacts_open_fts_close AFTER UPDATE OF status ON contacts
           WHEN new.status = 'decided' AND old.status != 'decided'
           BEGIN DELETE FROM contacts_open_fts WHERE rowid = new.id; END"""
    )
    db.execute(
        """CREATE TRIGGER contacts_open_fts_reopen AFTER UPDATE OF status ON contacts
           WHEN old.status = 'decided' AND new.status != 'decided'
           BEGIN
             INSERT INTO contacts_open_fts (rowid, subject, body_text, referrer, children)
             SELECT rowid, subject, body_text, referrer, children FROM contacts_fts WHERE rowid = new.id;
           END"""
    )
    db.execute(
        """CREATE TRIGGER contacts_open_fts_delete AFTER DELETE ON contacts
           BEGIN DELETE FROM contacts_open_fts WHERE rowid = old.id; END"""
    )


@core()
def m006_children_surname_initial_index(db: Database) -> None:
    # Linking looks for the same surname and first letter, most recent first: with the first
    # letter in the index (and the row id after it) that is an index walk that stops after the
    # limit, instead of sorting every child with a common surname on each contact.
    db.execute("DROP INDEX children_surname")
    db.execute("CREATE INDEX children_surname_initial ON children(surname_key, substr(name_key, 1, 1))")


@core()
def m007_children_without_dob_indexes(db: Database) -> None:
    # A child with a date of birth is linked by name only to children recorded without one: these
    # partial indexes hold just those, so each name block is a walk that stops at the limit
    # instead of reading every child of a common name to skip the ones with a date of birth.
    db.execute("CREATE INDEX children_name_nodob ON children(name_key) WHERE dob IS NULL")
    db.execute(
        "CREATE INDEX children_surname_initial_nodob ON children(surname_key, substr(name_key, 1, 1)) WHERE dob IS NULL"
    )
