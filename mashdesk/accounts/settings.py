"""Settings this capability reads from the store's settings table, declared once with defaults."""

from __future__ import annotations

from mashdesk.store import Store

DEFAULTS: dict[str, int] = {
    "accounts.session_idle_minutes": 30,
    "accounts.lockout_attempts": 5,
    "accounts.lockout_minutes": 15,
    "decisions.claim_minutes": 30,
    "retention.years": 7,
}


def get_setting(store: Store, key: str) -> int:
    if key not in DEFAULTS:
        raise KeyError(f"unknown setting {key!r}")
    row = store.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return int(row[0]) if row is not None else DEFAULTS[key]


def set_setting(store: Store, key: str, value: int) -> None:
    """Write one setting (callers that expose this to users check permission and audit it)."""
    if key not in DEFAULTS:
        raise KeyError(f"unknown setting {key!r}")
    if int(value) < 0:
        raise ValueError(f"{key} cannot be negative")
    with store.write() as db:
        db.conn.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, str(int(value))),
        )
