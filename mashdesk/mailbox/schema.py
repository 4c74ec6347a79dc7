"""Tables for live mailboxes: where to poll, how far each one has been read, and what it gave."""

from __future__ import annotations

from sqlite_utils import Database, Migrations

MIGRATIONS = Migrations("mashdesk.mailbox")


@MIGRATIONS()
def m001_mailboxes(db: Database) -> None:
    # No password column by design: passwords live in the OS keyring under the mailbox name.
    db.execute(
        """CREATE TABLE mailboxes (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            host TEXT NOT NULL,
            port INTEGER NOT NULL,
            security TEXT NOT NULL CHECK (security IN ('tls', 'starttls', 'none')),
            username TEXT NOT NULL,
            folder TEXT NOT NULL DEFAULT 'INBOX',
            move_to TEXT,
            skip_existing INTEGER NOT NULL DEFAULT 0,
            enabled INTEGER NOT NULL DEFAULT 1,
            uidvalidity INTEGER,
            last_uid INTEGER NOT NULL DEFAULT 0,
            last_success_at TEXT,
            last_attempt_at TEXT,
            last_error TEXT,
            status TEXT NOT NULL DEFAULT 'new',
            status_detail TEXT,
            failures INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT,
            created_at TEXT NOT NULL
        )"""
    )
    # One row per message fetched: provenance for each contact, and the Message-IDs that let a
    # UIDVALIDITY reset re-sync by header instead of downloading the whole folder again.
    db.execute(
        """CREATE TABLE mailbox_messages (
            id INTEGER PRIMARY KEY,
            mailbox_id INTEGER NOT NULL REFERENCES mailboxes(id) ON DELETE CASCADE,
            uidvalidity INTEGER NOT NULL,
            uid INTEGER NOT NULL,
            message_id TEXT,
            size INTEGER NOT NULL,
            raw_sha256 TEXT NOT NULL,
            outcome TEXT NOT NULL CHECK (outcome IN ('new', 'duplicate', 'quarantined')),
            contact_id INTEGER,
            fetched_at TEXT NOT NULL,
            UNIQUE (mailbox_id, uidvalidity, uid)
        )"""
    )
    db.execute("CREATE INDEX mailbox_messages_msgid ON mailbox_messages(mailbox_id, message_id)")


@MIGRATIONS()
def m002_ca_file(db: Database) -> None:
    # Councils often sign their mail servers with an internal CA the OS does not trust.
    db.execute("ALTER TABLE mailboxes ADD COLUMN ca_file TEXT")
