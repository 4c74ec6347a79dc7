"""Backup while others write, restore with a safety copy, and the audited retention purge."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from pathlib import Path

import pytest

from mashdesk.accounts import PermissionDenied, clock
from mashdesk.audit import list_events, record_event, verify_store
from mashdesk.backup import backup, purge_older_than, restore, set_retention_years
from mashdesk.backup.maintenance import MaintenanceError
from mashdesk.decisions import claim, record_oversight, submit_decision
from mashdesk.store import Store, open_store

PW = "correct horse battery"


def _decide(store, cast, cid, make_decision, make_oversight) -> None:  # type: ignore[no-untyped-def]
    held = claim(store, cast.worker, cid)
    done = submit_decision(store, cast.worker, cid, make_decision(), held.version)
    record_oversight(store, cast.manager, cid, make_oversight(), done.version)


def test_backup_is_consistent_while_another_desk_writes(store, cast, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    stop = threading.Event()
    written = []

    def other_desk() -> None:
        desk = Store(store.path)  # its own connection, as another process would have
        try:
            while not stop.is_set():
                record_event(desk, "other-desk", "test.write", None, None, {})
                written.append(1)
        finally:
            desk.close()

    thread = threading.Thread(target=other_desk)
    thread.start()
    try:
        while len(written) < 20 and thread.is_alive():
            threading.Event().wait(0.001)
        results = [backup(store, cast.admin, tmp_path / f"copy{i}.db") for i in range(3)]
    finally:
        stop.set()
        thread.join()
    for result in results:
        assert result.verified
        copy = open_store(result.path, migrate=False)
        try:
            report = verify_store(copy)
            assert report.ok and report.head_seq == result.head_seq
            assert copy.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            copy.close()
    assert len(written) > 20
    assert len(list_events(store, cast.admin, action="store.backup")) == 3


def test_backup_refuses_to_overwrite_and_needs_administrator(store, cast, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    backup(store, cast.admin, tmp_path / "b.db")
    with pytest.raises(MaintenanceError, match="already exists"):
        backup(store, cast.admin, tmp_path / "b.db")
    with pytest.raises(PermissionDenied):
        backup(store, cast.manager, tmp_path / "c.db")


def test_restore_replaces_the_store_and_keeps_a_safety_copy(
    store, cast, new_contact, make_decision, make_oversight, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    first = new_contact()
    _decide(store, cast, first, make_decision, make_oversight)
    saved = backup(store, cast.admin, tmp_path / "b.db")
    later = new_contact()  # made after the backup: gone after restore, kept in the safety copy
    store.close()
    result = restore(saved.path, store.path, "admin", PW)
    assert result.safety_copy is not None and result.safety_copy.exists()
    restored = open_store(store.path, migrate=False)
    try:
        ids = [r[0] for r in restored.conn.execute("SELECT id FROM contacts")]
        assert first in ids and later not in ids
        report = verify_store(restored)
        assert report.ok, report.problems
        event = restored.conn.execute("SELECT details FROM audit_events WHERE action = 'store.restore'").fetchone()
        assert event is not None and "replaced_head_seq" in event[0]
    finally:
        restored.close()
    safety = sqlite3.connect(str(result.safety_copy))
    assert safety.execute("SELECT count(*) FROM contacts WHERE id = ?", (later,)).fetchone()[0]
    safety.close()


def test_restore_refuses_non_administrators_and_broken_backups(store, cast, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    saved = backup(store, cast.admin, tmp_path / "b.db")
    with pytest.raises(MaintenanceError, match="not allowed"):
        restore(saved.path, tmp_path / "target.db", "manager", PW)
    conn = sqlite3.connect(str(saved.path))
    conn.execute("DROP TRIGGER audit_events_no_update")
    conn.execute("UPDATE audit_events SET actor = 'x' WHERE seq = 2")
    conn.commit()
    conn.close()
    with pytest.raises(MaintenanceError, match="does not verify"):
        restore(saved.path, tmp_path / "target.db", "admin", PW)
    assert not (tmp_path / "target.db").exists()


def test_purge_removes_old_decided_contacts_and_is_audited(
    store, cast, new_contact, make_decision, make_oversight
) -> None:  # type: ignore[no-untyped-def]
    now = clock.now()
    old_at = now - dt.timedelta(days=365 * 8)
    with clock.at(old_at):
        old = new_contact(received_at=old_at)
        _decide(store, cast, old, make_decision, make_oversight)
        old_open = new_contact(received_at=old_at)
    recent = new_contact()
    _decide(store, cast, recent, make_decision, make_oversight)
    with pytest.raises(PermissionDenied):
        purge_older_than(store, cast.manager, 7)
    dry = purge_older_than(store, cast.admin, 7, dry_run=True)
    assert dry.contacts == 1
    assert store.conn.execute("SELECT count(*) FROM contacts").fetchone()[0] == 3
    result = purge_older_than(store, cast.admin, 7)
    assert result.contacts == 1 and result.kept_open == 1
    assert result.rows["contacts"] == 1 and result.rows["screening_decisions"] == 1
    assert result.rows["oversight_records"] == 1 and result.rows["children"] == 1
    left = {r[0] for r in store.conn.execute("SELECT id FROM contacts")}
    assert left == {old_open, recent}
    assert not store.conn.execute(
        "SELECT count(*) FROM raw_blobs WHERE sha256 NOT IN (SELECT raw_sha256 FROM contacts)"
    ).fetchone()[0]
    event = list_events(store, cast.admin, action="retention.purge", limit=1)[0]
    assert event.details["contact_ids"] == [[old, old]] and event.details["years"] == 7
    report = verify_store(store)
    assert report.ok, report.problems  # the purge removed records, but with its own event
    assert store.conn.execute("SELECT count(*) FROM retention_purge_active").fetchone()[0] == 0


def test_retention_setting_drives_the_default_purge(store, cast, new_contact, make_decision, make_oversight) -> None:  # type: ignore[no-untyped-def]
    now = clock.now()
    at = now - dt.timedelta(days=365 * 3)
    with clock.at(at):
        cid = new_contact(received_at=at)
        _decide(store, cast, cid, make_decision, make_oversight)
    assert purge_older_than(store, cast.admin).contacts == 0  # default keeps 7 years
    set_retention_years(store, cast.admin, 2)
    assert purge_older_than(store, cast.admin).contacts == 1
    changes = list_events(store, cast.admin, action="settings.change")
    assert changes[0].details == {"from": 7, "to": 2}
