"""Settings declared once, with defaults; stored in the store's settings table."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mashdesk.store import Store
from mashdesk.timescales import WorkingCalendar, calendar_from_settings


@dataclass(frozen=True)
class Setting:
    key: str
    default: Any
    help: str


SETTINGS: dict[str, Setting] = {s.key: s for s in [
    Setting("working_day_start", "09:00", "Start of the working day (decision clocks run in working hours)"),
    Setting("working_day_end", "17:00", "End of the working day"),
    Setting("rag_red_hours", 4.0, "Red: partner checks within this many working hours"),
    Setting("rag_amber_hours", 24.0, "Amber: within this many working hours"),
    Setting("rag_green_hours", 72.0, "Green: within this many working hours"),
    Setting("rules_pack", "default", "The threshold rules pack: a built-in name or the path of a YAML pack"),
    Setting("classifier.abstain_below", 0.6, "Below this confidence the classifier says 'no clear suggestion'"),
    Setting("classifier.strategy_raise_at", 0.15,
            "The classifier raises a suggestion to strategy_discussion at this probability"),
    Setting("call_profile_paths", [], "TOML call-log mapping profiles to try before the built-in ones"),
    Setting("referrer_domains", {}, "Local email domains and their census source codes, e.g. {'ourtown.gov.uk': '5B'}"),
    Setting("mailbox_poll_seconds", 60, "How often the desktop app polls the front-door mailboxes"),
    Setting("watch_folders", [], "Folders watched for new files to ingest"),
    Setting("claim_minutes", 60, "How long a claim on a contact lasts without activity"),
    Setting("retention_years", 7, "Keep contacts and decisions this many years"),
    Setting("max_message_bytes", 25 * 1024 * 1024, "Inputs larger than this are kept raw and quarantined"),
]}  # fmt: skip


def get(store: Store, key: str) -> Any:
    if key not in SETTINGS:
        raise KeyError(f"unknown setting {key!r}")
    row = store.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return json.loads(row[0]) if row else SETTINGS[key].default


def put(store: Store, key: str, value: Any) -> None:
    if key not in SETTINGS:
        raise KeyError(f"unknown setting {key!r}")
    with store.write() as db:
        db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, json.dumps(value)],
        )


def working_calendar(store: Store) -> WorkingCalendar:
    keys = (
        "working_day_start",
        "working_day_end",
        "rag_red_hours",
        "rag_amber_hours",
        "rag_green_hours",
    )
    return calendar_from_settings({k: str(get(store, k)) for k in keys})


def call_profile_paths(store: Store) -> list[Path]:
    return [Path(p) for p in get(store, "call_profile_paths")]
