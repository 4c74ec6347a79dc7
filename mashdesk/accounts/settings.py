"""Settings this capability reads: its own (accounts.*) declared here with defaults, and the
shared ones (claim_minutes, retention_years) declared once in mashdesk.settings."""

from __future__ import annotations

import json

from mashdesk import settings as shared
from mashdesk.store import Store

DEFAULTS: dict[str, int] = {
    "accounts.session_idle_minutes": 30,
    "accounts.lockout_attempts": 5,
    "accounts.lockout_minutes": 15,
}
SHARED_KEYS: tuple[str, ...] = ("claim_minutes", "retention_years")


def get_setting(store: Store, key: str) -> int:
    if key in SHARED_KEYS:
        return int(shared.get(store, key))
    if key not in DEFAULTS:
        raise KeyError(f"unknown setting {key!r}")
    row = store.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return int(json.loads(row[0])) if row is not None else DEFAULTS[key]


def set_setting(store: Store, key: str, value: int) -> None:
    """Write one setting (callers that expose this to users check permission and audit it)."""
    if int(value) < 0:
        raise ValueError(f"{key} cannot be negative")
    if key in SHARED_KEYS:
        shared.put(store, key, int(value))
        return
    if key not in DEFAULTS:
        raise KeyError(f"unknown setting {key!r}")
    with store.write() as db:
        db.conn.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, json.dumps(int(value))),
        )
