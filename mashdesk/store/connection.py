"""Opening the store: pragmas, one connection per thread, migrations with a copy taken first."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import sqlite_utils

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 30_000
WAL_AUTOCHECKPOINT_PAGES = 1000  # SQLite's default


class StoreError(Exception):
    """The store cannot be opened or used; the message says why in plain words."""


def connect(path: Path | str) -> sqlite3.Connection:
    """Open one SQLite connection configured the way every part of MASHdesk expects."""
    conn = sqlite3.connect(
        str(path),
        timeout=BUSY_TIMEOUT_MS / 1000,
        isolation_level=None,  # we issue BEGIN ourselves (BEGIN IMMEDIATE for writes)
        check_same_thread=True,
    )
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    if str(path) != ":memory:":
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode.lower() != "wal":
            log.warning("store %s is in journal mode %s, not WAL", path, mode)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = NORMAL")
    return conn


class Store:
    """A MASHdesk store file. Hands each thread its own connection; writes go through `write()`."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._local = threading.local()
        self._lock = threading.Lock()
        self._all: list[sqlite3.Connection] = []

    @property
    def db(self) -> sqlite_utils.Database:
        db: sqlite_utils.Database | None = getattr(self._local, "db", None)
        if db is None:
            conn = connect(self.path)
            with self._lock:
                self._all.append(conn)
            db = sqlite_utils.Database(conn)
            self._local.db = db
        return db

    @property
    def conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection = self.db.conn
        return conn

    @contextlib.contextmanager
    def write(self) -> Iterator[sqlite_utils.Database]:
        """A write transaction (BEGIN IMMEDIATE), or a savepoint when already inside one."""
        db = self.db
        if db.conn.in_transaction:
            with db.atomic():
                yield db
            return
        db.conn.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            if db.conn.in_transaction:
                db.conn.execute("ROLLBACK")
            raise
        else:
            db.conn.execute("COMMIT")

    @contextlib.contextmanager
    def checkpoints_aside(self, every_s: float = 0.2) -> Iterator[None]:
        """For a long run of write transactions from this thread (an ingest): this thread's
        connection stops copying the WAL into the database itself, which SQLite does inside a
        COMMIT once the WAL passes 1,000 pages (about half the time of an ingest's commits,
        fsync included); a thread with its own connection does it instead, PASSIVE (never
        blocking the writer), every `every_s` seconds, and once more at the end. Commits are as
        durable as before: each is in the WAL before COMMIT returns."""
        if str(self.path) == ":memory:":
            yield
            return
        conn = self.conn
        conn.execute("PRAGMA wal_autocheckpoint = 0")
        stop = threading.Event()
        failed: list[BaseException] = []

        def run() -> None:
            checkpointer = connect(self.path)
            try:
                while not stop.wait(every_s):
                    checkpointer.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                checkpointer.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
            except BaseException as exc:  # reported below; the writer's work is unaffected
                failed.append(exc)
            finally:
                checkpointer.close()

        thread = threading.Thread(target=run, name="wal-checkpoint", daemon=True)
        thread.start()
        try:
            yield
        finally:
            stop.set()
            thread.join()
            conn.execute(f"PRAGMA wal_autocheckpoint = {WAL_AUTOCHECKPOINT_PAGES}")
            if failed:
                log.warning("background WAL checkpoints stopped: %s", failed[0])

    def close(self) -> None:
        """Close the calling thread's connection (other threads close their own on exit)."""
        db = getattr(self._local, "db", None)
        if db is not None:
            with self._lock:
                if db.conn in self._all:
                    self._all.remove(db.conn)
            db.conn.close()
            self._local.db = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _pending(db: sqlite_utils.Database) -> list[str]:
    from mashdesk.store.schema import migration_sets

    return [f"{s.name}:{m.name}" for s in migration_sets() for m in s.pending(db)]


def _copy_before_migrating(store: Store) -> Path:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")
    target = store.path.with_name(f"{store.path.name}.pre-migrate-{stamp}.bak")
    dest = sqlite3.connect(str(target))
    try:
        store.conn.backup(dest)
    finally:
        dest.close()
    return target


def open_store(path: Path | str, *, migrate: bool = True) -> Store:
    """Open (creating if needed) the store at `path` and bring its schema up to date.

    A store that already holds data is copied beside itself before any migration runs.
    """
    from mashdesk.store.schema import migration_sets

    p = Path(path)
    if p.exists() and p.is_dir():
        raise StoreError(f"{p} is a folder, not a MASHdesk store file")
    p.parent.mkdir(parents=True, exist_ok=True)
    existed = p.exists() and p.stat().st_size > 0
    store = Store(p)
    try:
        db = store.db
        db.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{p} is not a MASHdesk store (SQLite said: {exc})") from exc
    if migrate:
        pending = _pending(db)
        if pending:
            if existed and db["_sqlite_migrations"].exists():
                copy = _copy_before_migrating(store)
                log.info("copied %s to %s before migrating: %s", p, copy, pending)
            for mset in migration_sets():
                mset.apply(db)
    return store
