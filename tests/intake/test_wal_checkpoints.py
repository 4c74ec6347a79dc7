"""A long ingest's commits do not copy the WAL into the database themselves: a thread does."""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

import pytest

from mashdesk.store import connection, open_store


def _fill(store: connection.Store, checkpoints: connection.Checkpointer, commits: int) -> int:
    """Commits of about 240 KB each, with a pause between them as an ingest has while its
    workers parse the next batch; the largest WAL seen."""
    largest = 0
    wal = Path(f"{store.path}-wal")
    for _ in range(commits):
        with store.write() as db:
            db.conn.executemany("INSERT INTO filler VALUES (?)", [(os.urandom(4000),) for _ in range(60)])
        checkpoints.committed()
        time.sleep(0.03)
        largest = max(largest, wal.stat().st_size)
    return largest


def test_checkpoints_move_to_a_thread_and_the_wal_stays_about_one_batch_long(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.db")
    conn = store.conn
    conn.execute("CREATE TABLE filler (x BLOB)")
    size_before = os.path.getsize(store.path)
    with store.checkpoints_aside() as checkpoints:
        assert conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 0
        largest = _fill(store, checkpoints, 40)  # about 9.6 MB committed
        # with this connection not checkpointing, only the thread can have copied it
        assert os.path.getsize(store.path) >= size_before + 8_000_000
    # the WAL was started again from its beginning between commits, not grown to hold them all
    assert largest < 5_000_000, largest
    assert conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000
    assert conn.execute("PRAGMA journal_size_limit").fetchone()[0] == -1
    assert conn.execute("SELECT count(*) FROM filler").fetchone()[0] == 2400
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_when_the_thread_cannot_checkpoint_the_writer_does_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    store = open_store(tmp_path / "s.db")
    conn = store.conn
    conn.execute("CREATE TABLE filler (x BLOB)")

    def refuse(path: object) -> object:
        raise connection.sqlite3.OperationalError("unable to open database file")

    with caplog.at_level(logging.WARNING), store.checkpoints_aside() as checkpoints:
        monkeypatch.setattr(connection, "connect", refuse)  # the thread's own connection fails
        _fill(store, checkpoints, 2)
        deadline = time.monotonic() + 5
        while checkpoints._failed is None and time.monotonic() < deadline:
            time.sleep(0.01)
        checkpoints.committed()  # the next commit finds the thread gone
        assert conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000
    assert "background WAL checkpoints stopped" in caplog.text
    assert conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000


def test_the_writer_gets_its_own_setting_back_when_the_work_fails(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.db")
    store.conn.execute("PRAGMA wal_autocheckpoint = 500")
    with pytest.raises(RuntimeError), store.checkpoints_aside():
        raise RuntimeError("a bug mid-ingest")
    assert store.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 500


def test_a_thread_falling_behind_leaves_the_writer_to_bound_the_wal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = open_store(tmp_path / "s.db")
    store.conn.execute("CREATE TABLE filler (x BLOB)")
    real = connection.connect
    gate = connection.threading.Event()

    def slow(path: object) -> object:
        gate.wait(10)  # the thread cannot start checkpointing yet
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(connection.Checkpointer, "WAL_BOUND_BYTES", 1_000_000)
    with store.checkpoints_aside() as checkpoints:
        monkeypatch.setattr(connection, "connect", slow)
        largest = _fill(store, checkpoints, 30)  # about 7 MB
        gate.set()
    assert largest < 2_000_000, largest
    assert store.conn.execute("SELECT count(*) FROM filler").fetchone()[0] == 1800
