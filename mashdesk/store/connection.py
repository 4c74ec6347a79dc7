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


class Checkpointer:
    """WAL checkpoints beside a writer instead of inside its commits.

    SQLite copies the WAL into the database (and syncs it) inside the COMMIT that takes the WAL
    past its auto-checkpoint size, which stalls a writer that commits batch after batch. Here the
    writer's auto-checkpoint is off, and after each of its commits (`committed()`) a thread with
    its own connection runs a PASSIVE checkpoint, which never blocks the writer, while the writer
    prepares its next batch; a checkpoint that has copied everything lets the next transaction
    start the WAL again from its beginning, so the WAL stays about one batch long. Should it grow
    past WAL_BOUND_BYTES all the same (the thread falling behind), the writer checkpoints itself;
    should the thread fail, it is logged and the writer's auto-checkpoint comes back at once.
    Commits are exactly as durable as before: each is in the WAL when COMMIT returns."""

    WAL_BOUND_BYTES = 64 * 1024 * 1024

    def __init__(self, conn: sqlite3.Connection | None, path: Path) -> None:
        self._conn = conn
        self._path = path
        self._wal = Path(f"{path}-wal")
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._failed: BaseException | None = None
        self._thread: threading.Thread | None = None
        self._restore: int | None = None
        self._size_limit = -1
        if conn is not None:
            self._restore = int(conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0])
            self._size_limit = int(conn.execute("PRAGMA journal_size_limit").fetchone()[0])
            conn.execute("PRAGMA wal_autocheckpoint = 0")
            # A WAL started again is cut back to the bound, so its file size says how long it is.
            conn.execute(f"PRAGMA journal_size_limit = {self.WAL_BOUND_BYTES}")

    def committed(self) -> None:
        """The writer has committed: checkpoint beside it. The thread starts at the first call,
        after the first batch, so any worker processes have forked before it exists."""
        if self._conn is None or self._restore is None:
            return
        if self._failed is not None:
            self._give_back()
            return
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="wal-checkpoint", daemon=True)
            self._thread.start()
        self._wake.set()
        try:
            if self._wal.stat().st_size > self.WAL_BOUND_BYTES:
                self._conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        except OSError:
            pass

    def _run(self) -> None:
        try:
            conn = connect(self._path)
        except BaseException as exc:
            self._fail(exc)
            return
        try:
            while True:
                self._wake.wait()
                self._wake.clear()
                conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                if self._stop.is_set():
                    return
        except BaseException as exc:
            self._fail(exc)
        finally:
            conn.close()

    def _fail(self, exc: BaseException) -> None:
        self._failed = exc
        log.warning("background WAL checkpoints stopped (%s); the writer checkpoints itself again", exc)

    def _give_back(self) -> None:
        if self._conn is not None and self._restore is not None:
            self._conn.execute(f"PRAGMA wal_autocheckpoint = {self._restore}")
            self._conn.execute(f"PRAGMA journal_size_limit = {self._size_limit}")
            self._restore = None

    def close(self) -> None:
        """Stop the thread after one last checkpoint, and give the writer its auto-checkpoint back."""
        if self._thread is not None:
            self._stop.set()
            self._wake.set()
            self._thread.join()
        self._give_back()


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
    def checkpoints_aside(self) -> Iterator[Checkpointer]:
        """For a long run of write transactions from this thread (an ingest): the WAL is copied
        into the database by a thread of its own instead of inside this thread's COMMITs (see
        Checkpointer). Call `committed()` on what this yields after each commit."""
        if str(self.path) == ":memory:":
            yield Checkpointer(None, self.path)
            return
        checkpointer = Checkpointer(self.conn, self.path)
        try:
            yield checkpointer
        finally:
            checkpointer.close()

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
