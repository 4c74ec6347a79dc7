"""Intake: every channel (email files, mbox, Maildir, Outlook .msg, TNEF, call logs) into one queue.

`parse_path` parses without storing; `ingest` and `ingest_bytes` store, so that a crash leaves no
half-written contact and a retry makes no duplicates.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

from mashdesk.intake.model import ContactDraft, ParsedItem
from mashdesk.intake.sources import (
    IntakeOptions,
    apply_local_domains,
    iter_files,
    parse_bytes,
    parse_file,
    parse_paths,
)
from mashdesk.intake.store_ops import IngestReport, store_item, store_items
from mashdesk.progress import Cancelled, NullProgress, Progress
from mashdesk.settings import working_calendar
from mashdesk.store import Store

__all__ = [
    "ContactDraft", "IngestReport", "IntakeOptions", "ParsedItem", "ingest", "ingest_bytes",
    "options_from_settings", "parse_path", "parse_paths",
]  # fmt: skip

# Items are parsed outside the write lock and stored in batches: one commit per batch keeps the
# intake fast, and a crash loses only an uncommitted batch, which a retry stores again.
BATCH_ITEMS = 200
BATCH_BYTES = 16 * 1024 * 1024
# Parsing and rules are CPU work done file by file; above this many files they run in worker
# processes while this one stores. Below it, starting the workers costs more than it saves.
PARALLEL_MIN_FILES = 256
_WINDOW_PER_WORKER = 64


def parse_path(path: Path, opts: IntakeOptions | None = None) -> Iterator[ParsedItem]:
    """Items (drafts or quarantine reasons) of a file or folder, storing nothing."""
    return parse_paths([Path(path)], opts)


_WORKER_CONTEXT: dict[str, Any] = {}


def _context(store: Store | None, opts: IntakeOptions) -> Any:
    from mashdesk import triage

    return triage.suggest_context(store, opts.rules_pack)


def _prepare(file: Path, opts: IntakeOptions, db_path: str | None) -> list[ParsedItem]:
    """Parse one file and suggest for each contact (as if it had no history): pure CPU work.

    In a worker process the suggestion context (pack, accepted model) is loaded once and kept.
    """
    items = [apply_local_domains(item, opts) for item in parse_file(file, opts)]
    if db_path is not None:
        key = f"{db_path}|{opts.rules_pack}"
        if key not in _WORKER_CONTEXT:
            _WORKER_CONTEXT[key] = _context(Store(db_path), opts)
        ctx = _WORKER_CONTEXT[key]
        for item in items:
            if item.draft is not None:
                item.suggestion = ctx.suggest(item.draft, 0)
    return items


def _exit_with_parent(parent_pid: int) -> None:
    """Worker start-up: leave when the ingest that started us dies (a kill gives no EOF to wait
    for, since every worker holds the queue's pipe too), so a killed ingest leaves no workers."""

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _prepared(
    files: list[Path], opts: IntakeOptions, workers: int, db_path: str
) -> Iterator[tuple[Path, list[ParsedItem]]]:
    """(file, items) in file order; with workers, a bounded window of files is in flight."""
    if workers <= 1:
        for file in files:
            yield file, _prepare(file, opts, None)  # the storing process suggests, once per item
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=_exit_with_parent, initargs=(os.getpid(),)) as pool:
        pending: deque[tuple[Path, Future[list[ParsedItem]]]] = deque()
        queue = iter(files)
        for file in queue:
            pending.append((file, pool.submit(_prepare, file, opts, db_path)))
            if len(pending) >= workers * _WINDOW_PER_WORKER:
                break
        while pending:
            file, future = pending.popleft()
            nxt = next(queue, None)
            if nxt is not None:
                pending.append((nxt, pool.submit(_prepare, nxt, opts, db_path)))
            yield file, future.result()


def ingest(
    paths: Iterable[Path],
    store: Store,
    progress: Progress | None = None,
    opts: IntakeOptions | None = None,
    workers: int | None = None,
) -> IngestReport:
    """Ingest files and folders into the store; counts new, duplicate, linked and quarantined."""
    progress = progress or NullProgress()
    opts = opts or options_from_settings(store)
    files = list(iter_files([Path(p) for p in paths]))
    if workers is None:
        workers = min(os.cpu_count() or 1, 4) if len(files) >= PARALLEL_MIN_FILES else 1
    calendar = working_calendar(store)
    ctx = _context(store, opts)
    report = IngestReport()
    batch: list[ParsedItem] = []
    batch_bytes = 0

    def flush() -> None:
        nonlocal batch_bytes
        if batch:
            report.add(store_items(store, batch, calendar, ctx))
            batch.clear()
            batch_bytes = 0

    for n, (file, items) in enumerate(_prepared(files, opts, workers, str(store.path))):
        if progress.cancelled():
            flush()
            raise Cancelled(f"stopped after {n} of {len(files)} files")
        progress.report(n, len(files), str(file))
        for item in items:
            batch.append(item)
            batch_bytes += len(item.raw)
            if len(batch) >= BATCH_ITEMS or batch_bytes >= BATCH_BYTES or item.raw_path:
                flush()
        report.files += 1
    flush()
    progress.report(len(files), len(files), "done")
    return report


def ingest_bytes(
    store: Store, data: bytes, source: str, *, received_fallback: dt.datetime | None = None
) -> IngestReport:
    """Ingest one message held in memory (from a mailbox); idempotent like `ingest`.

    `received_fallback` is when the server says the message arrived: used, and labelled as such,
    when the message has no usable Date header.
    """
    opts = options_from_settings(store)
    item = apply_local_domains(parse_bytes(data, source, fallback_time=received_fallback), opts)
    draft = item.draft
    if received_fallback is not None and draft is not None and draft.received_at_basis == "file_time":
        draft.received_at_basis = "server_arrival"
        draft.flags = [f for f in draft.flags if f != "received_time_from_file"] + ["received_time_from_server"]
    return store_item(store, item, working_calendar(store), _context(store, opts))


def options_from_settings(store: Store) -> IntakeOptions:
    from mashdesk import settings

    return IntakeOptions(
        max_bytes=int(settings.get(store, "max_message_bytes")),
        profile_paths=settings.call_profile_paths(store),
        local_domains=dict(settings.get(store, "referrer_domains")),
        rules_pack=str(settings.get(store, "rules_pack")),
    )
