"""Screening decisions and oversight records (migration set mashdesk.decisions).

Submitted records are immutable: triggers refuse any UPDATE, and any DELETE except inside an
audited retention purge (which marks itself in `retention_purge_active` for its transaction).
A change is a new row whose replaces_id points at the row it replaces.
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

MIGRATIONS = Migrations("mashdesk.decisions")

IMMUTABLE_TABLES: tuple[str, ...] = ("screening_decisions", "oversight_records")

_BELOW_SD = "('information_advice', 'early_help', 'child_and_family_assessment')"


@MIGRATIONS()
def m001_decisions(db: Database) -> None:
    db.execute(
        """CREATE TABLE retention_purge_active (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            started_at TEXT NOT NULL,
            started_by TEXT NOT NULL
        )"""
    )
    db.execute(
        f"""CREATE TABLE screening_decisions (
            id INTEGER PRIMARY KEY,
            contact_id INTEGER NOT NULL REFERENCES contacts(id),
            replaces_id INTEGER UNIQUE REFERENCES screening_decisions(id),
            submitted_at TEXT NOT NULL,
            author_id INTEGER NOT NULL REFERENCES users(id),
            author TEXT NOT NULL,
            author_name TEXT NOT NULL,
            desk TEXT,
            contact_version INTEGER NOT NULL,
            suggestion_id INTEGER,
            guard_conditions_json TEXT NOT NULL DEFAULT '[]',
            level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),
            indicators_json TEXT NOT NULL,
            history_considered TEXT NOT NULL CHECK (length(trim(history_considered)) > 0),
            previous_contacts_json TEXT NOT NULL DEFAULT '[]',
            re_referral INTEGER NOT NULL DEFAULT 0,
            consent_status TEXT NOT NULL
                CHECK (consent_status IN ('given', 'refused', 'not_sought')),
            consent_given_by TEXT,
            consent_override_reason TEXT,
            rag TEXT NOT NULL CHECK (rag IN ('red', 'amber', 'green')),
            routing TEXT NOT NULL CHECK (routing IN {_BELOW_SD[:-1]}, 'strategy_discussion')),
            immediate_protection INTEGER NOT NULL DEFAULT 0,
            strategy_discussion_considered INTEGER NOT NULL DEFAULT 0,
            strategy_discussion_why_not TEXT,
            rationale TEXT NOT NULL CHECK (length(trim(rationale)) > 0),
            next_actions_json TEXT NOT NULL CHECK (json_array_length(next_actions_json) > 0),
            child_voice TEXT,
            feedback_to_referrer TEXT,
            content_sha256 TEXT NOT NULL,
            CHECK (json_array_length(guard_conditions_json) = 0
                   OR routing NOT IN {_BELOW_SD}
                   OR (strategy_discussion_considered = 1
                       AND length(trim(coalesce(strategy_discussion_why_not, ''))) > 0))
        )"""
    )
    db.execute("CREATE INDEX screening_decisions_contact ON screening_decisions(contact_id, id)")
    # Exactly one first decision per contact: two desks cannot both screen the same contact.
    db.execute(
        "CREATE UNIQUE INDEX screening_decisions_first ON screening_decisions(contact_id)"
        " WHERE replaces_id IS NULL"
    )
    db.execute(
        f"""CREATE TABLE oversight_records (
            id INTEGER PRIMARY KEY,
            contact_id INTEGER NOT NULL REFERENCES contacts(id),
            decision_id INTEGER NOT NULL REFERENCES screening_decisions(id),
            replaces_id INTEGER UNIQUE REFERENCES oversight_records(id),
            recorded_at TEXT NOT NULL,
            manager_id INTEGER NOT NULL REFERENCES users(id),
            manager TEXT NOT NULL,
            manager_name TEXT NOT NULL,
            desk TEXT,
            contact_version INTEGER NOT NULL,
            outcome TEXT NOT NULL CHECK (outcome IN ('agree', 'change')),
            level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),
            routing TEXT NOT NULL CHECK (routing IN {_BELOW_SD[:-1]}, 'strategy_discussion')),
            rag TEXT NOT NULL CHECK (rag IN ('red', 'amber', 'green')),
            immediate_protection INTEGER NOT NULL DEFAULT 0,
            decision_summary TEXT NOT NULL CHECK (length(trim(decision_summary)) > 0),
            rationale TEXT NOT NULL CHECK (length(trim(rationale)) > 0),
            risk_analysis TEXT NOT NULL CHECK (length(trim(risk_analysis)) > 0),
            actions_json TEXT NOT NULL CHECK (json_array_length(actions_json) > 0),
            guard_conditions_json TEXT NOT NULL DEFAULT '[]',
            guard_override_reason TEXT,
            content_sha256 TEXT NOT NULL,
            CHECK (json_array_length(guard_conditions_json) = 0
                   OR routing NOT IN {_BELOW_SD}
                   OR length(trim(coalesce(guard_override_reason, ''))) > 0)
        )"""
    )
    db.execute("CREATE INDEX oversight_records_contact ON oversight_records(contact_id, id)")
    db.execute(
        "CREATE UNIQUE INDEX oversight_records_first ON oversight_records(decision_id)"
        " WHERE replaces_id IS NULL"
    )
    for table in IMMUTABLE_TABLES:
        db.execute(
            f"""CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}
            BEGIN SELECT RAISE(ABORT, '{table} are immutable: record a new one instead'); END"""
        )
        db.execute(
            f"""CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table}
            WHEN NOT EXISTS (SELECT 1 FROM retention_purge_active)
            BEGIN SELECT RAISE(ABORT, '{table} are immutable: only a retention purge removes
            them'); END"""
        )
