"""A batch is stored in one transaction; when one item cannot be stored, the batch is stored
again item by item and only that item is quarantined, with the reason: nothing is lost."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from mashdesk.intake import ingest, store_ops
from mashdesk.intake.sources import sha256_bytes
from mashdesk.store import Store
from mashdesk.synthetic import generate_contacts, to_eml_bytes


def test_one_unstorable_item_is_quarantined_and_the_rest_stored(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "mail"
    folder.mkdir()
    contacts = generate_contacts(12, seed=21)
    for i, contact in enumerate(contacts):
        (folder / f"{i:02d}.eml").write_bytes(to_eml_bytes(contact, message_id=f"<fallback-{i}@synthetic.example>"))
    bad = sha256_bytes((folder / "05.eml").read_bytes())
    real_insert = store_ops._insert_contact
    calls = {"bad": 0}

    def insert(conn: sqlite3.Connection, rows: store_ops.StoreRows, now: str) -> int:
        if rows.contact[0] == bad:
            calls["bad"] += 1
            raise sqlite3.IntegrityError("synthetic constraint failure")
        return real_insert(conn, rows, now)

    monkeypatch.setattr(store_ops, "_insert_contact", insert)
    report = ingest([folder], store, workers=1)

    assert calls["bad"] == 2  # the batch attempt, then the item on its own
    assert (report.new, report.quarantined, report.duplicate) == (11, 1, 0)
    db = store.db
    assert db.execute("SELECT count(*) FROM contacts").fetchone()[0] == 11
    assert db.execute("SELECT count(*) FROM contacts WHERE raw_sha256 = ?", [bad]).fetchone()[0] == 0
    reason, kept = db.execute(
        "SELECT q.reason, length(b.data) FROM quarantine q JOIN raw_blobs b ON b.sha256 = q.raw_sha256 "
        "WHERE q.raw_sha256 = ?",
        [bad],
    ).fetchone()
    assert reason == "could not be stored (IntegrityError: synthetic constraint failure)"
    assert kept == (folder / "05.eml").stat().st_size  # the raw bytes are kept
    assert db.execute("SELECT count(*) FROM suggestions WHERE current = 1").fetchone()[0] == 11
