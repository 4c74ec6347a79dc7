"""Backup (SQLite online backup API), restore, and the audited retention purge."""

from mashdesk.backup.maintenance import (
    BackupResult,
    PurgeResult,
    RestoreResult,
    backup,
    purge_older_than,
    restore,
    set_retention_years,
)

__all__ = [
    "BackupResult",
    "PurgeResult",
    "RestoreResult",
    "backup",
    "purge_older_than",
    "restore",
    "set_retention_years",
]
