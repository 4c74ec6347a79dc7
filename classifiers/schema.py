"""The models table: every trained routing model, its card, and who made it active."""

from __future__ import annotations

from sqlite_utils import Database, Migrations

MIGRATIONS = Migrations("mashdesk.models")


@MIGRATIONS()
def m001_models(db: Database) -> None:
    # The model bytes live in the store so a copied store carries its models; metadata and card
    # are JSON beside them. status: candidate (trained, not in use), active (the one that
    # suggests; at most one), retired (was active, kept for rollback).
    db.execute(
        """CREATE TABLE models (
            version TEXT PRIMARY KEY,
            created_at TEXT NOT NULL,
            created_by TEXT,
            blob BLOB NOT NULL,
            sha256 TEXT NOT NULL,
            size_bytes INTEGER NOT NULL,
            metadata_json TEXT NOT NULL,
            card_json TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'candidate'
                CHECK (status IN ('candidate', 'active', 'retired')),
            accepted_by TEXT,
            accepted_at TEXT,
            retired_at TEXT,
            previous_active TEXT REFERENCES models(version)
        )"""
    )
    db.execute("CREATE UNIQUE INDEX models_one_active ON models(status) WHERE status = 'active'")
    db.execute(
        """CREATE TABLE model_events (
            id INTEGER PRIMARY KEY,
            version TEXT NOT NULL REFERENCES models(version),
            event TEXT NOT NULL CHECK (event IN ('trained', 'accepted', 'retired', 'rolled_back')),
            actor TEXT,
            at TEXT NOT NULL,
            detail TEXT
        )"""
    )
