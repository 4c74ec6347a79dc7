"""Tables for accounts and sessions (migration set mashdesk.accounts)."""

from __future__ import annotations

from sqlite_utils import Database, Migrations

MIGRATIONS = Migrations("mashdesk.accounts")


@MIGRATIONS()
def m001_users_sessions(db: Database) -> None:
    db.execute(
        """CREATE TABLE users (
            id INTEGER PRIMARY KEY,
            username TEXT NOT NULL UNIQUE COLLATE NOCASE,
            full_name TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN
                ('social_worker', 'manager', 'quality_lead', 'administrator')),
            desk TEXT,
            password_hash TEXT NOT NULL,
            active INTEGER NOT NULL DEFAULT 1,
            failed_attempts INTEGER NOT NULL DEFAULT 0,
            locked_until TEXT,
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL,
            disabled_at TEXT,
            disabled_by TEXT,
            password_changed_at TEXT NOT NULL,
            synthetic INTEGER NOT NULL DEFAULT 0
        )"""
    )
    # Only a hash of each session token is stored, so reading the file does not sign anyone in.
    db.execute(
        """CREATE TABLE sessions (
            token_sha256 TEXT PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id),
            desk TEXT,
            started_at TEXT NOT NULL,
            last_seen_at TEXT NOT NULL,
            ended_at TEXT,
            end_reason TEXT
        )"""
    )
    db.execute("CREATE INDEX sessions_user ON sessions(user_id)")
