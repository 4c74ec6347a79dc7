"""A long ingest's commits do not copy the WAL into the database themselves: a thread does."""

from __future__ import annotations

import os
import time
from pathlib import Path

from mashdesk.store import open_store


def test_checkpoints_aside_moves_checkpointing_to_a_thread_and_restores_the_writer(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.db")
    conn = store.conn
    assert conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000
    conn.execute("CREATE TABLE filler (x BLOB)")
    size_before = os.path.getsize(store.path)
    with store.checkpoints_aside(every_s=0.05):
        assert conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 0
        for _ in range(20):
            with store.write() as db:
                db.conn.executemany("INSERT INTO filler VALUES (?)", [(os.urandom(4000),) for _ in range(60)])
        # about 5 MB committed; with this connection not checkpointing, only the thread can
        # have copied it into the database file
        deadline = time.monotonic() + 10
        while os.path.getsize(store.path) < size_before + 4_000_000 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert os.path.getsize(store.path) >= size_before + 4_000_000
    assert conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000
    assert conn.execute("SELECT count(*) FROM filler").fetchone()[0] == 1200
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_checkpoints_aside_restores_the_writer_when_the_work_fails(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.db")
    try:
        with store.checkpoints_aside(every_s=0.05):
            raise RuntimeError("a bug mid-ingest")
    except RuntimeError:
        pass
    assert store.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000
