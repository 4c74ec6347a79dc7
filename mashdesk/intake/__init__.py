"""Intake: every channel (email files, mbox, Maildir, Outlook .msg, TNEF, call logs) into one queue.

`parse_path` parses without storing; `ingest` and `ingest_bytes` store, so that a crash leaves no
half-written contact and a retry makes no duplicates.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
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
    call_log_blocks,
    iter_files,
    parse_bytes,
    parse_file,
    parse_paths,
)
from mashdesk.intake.store_ops import PREPARED_BANDS, IngestReport, prepare_rows, store_item, store_items
from mashdesk.progress import Cancelled, NullProgress, Progress
from mashdesk.settings import working_calendar
from mashdesk.store import Store
from mashdesk.store.connection import Checkpointer
from mashdesk.timescales import WorkingCalendar, warm_bank_holidays

__all__ = [
    "ContactDraft", "IngestReport", "IntakeOptions", "ParsedItem", "ingest", "ingest_bytes",
    "options_from_settings", "parse_path", "parse_paths",
]  # fmt: skip

# Items are parsed outside the write lock and stored in batches: one commit per batch keeps the
# intake fast, and a crash loses only an uncommitted batch, which a retry stores again. (A batch
# holds the write lock for well under a second; other writers wait, up to the busy timeout.)
BATCH_ITEMS = 1000
BATCH_BYTES = 16 * 1024 * 1024
# Parsing and rules are CPU work done file by file; above this many items they run in worker
# processes while this one stores. Below it, starting the workers costs more than it saves.
PARALLEL_MIN_ITEMS = 256
# Call logs at least this big are counted, and shared out among workers in blocks of rows.
_BLOCKS_MIN_BYTES = 256 * 1024
CALL_ROWS_PER_BLOCK = 1000
# Files go to workers in small chunks (fewer round trips), at most _BYTES_PER_TASK of them unless
# one file is bigger. A window of chunks is in flight: it must hold about a commit's worth or more,
# or the workers sit idle while this process stores a batch; and it is bounded in number and in
# the memory its results take once back here, so large files or call logs cannot fill memory.
_FILES_PER_TASK = 64
_BYTES_PER_TASK = 2 * 1024 * 1024
_WINDOW_PER_WORKER = 16
_WINDOW_BYTES = 64 * 1024 * 1024  # of results, estimated as below
# A parsed contact held here takes several times its bytes (an email's about 5x pickled, more as
# objects; a synthetic call row 489 bytes on disk, 7.6 KB as objects): chunks are counted at
# the larger of these.
_RESULT_BYTES_PER_ITEM = 8 * 1024
_RESULT_BYTES_PER_INPUT_BYTE = 8


def parse_path(path: Path, opts: IntakeOptions | None = None) -> Iterator[ParsedItem]:
    """Items (drafts or quarantine reasons) of a file or folder, storing nothing."""
    return parse_paths([Path(path)], opts)


_WORKER_CONTEXT: dict[str, Any] = {}


def _context(store: Store | None, opts: IntakeOptions) -> Any:
    from mashdesk import triage
    from mashdesk.rules.engine import warm

    ctx = triage.suggest_context(store, opts.rules_pack)
    warm(ctx.pack)  # before workers fork, so they inherit the compiled patterns
    return ctx


# A unit of worker work: a file, or one block of data rows of a large call log.
Task = tuple[Path, tuple[int, int] | None]


def _prepare(
    tasks: list[Task], opts: IntakeOptions, calendar: WorkingCalendar, db_path: str | None
) -> list[list[ParsedItem]]:
    """Parse files (or blocks of a call log) and serialise each contact's rows with its
    history-free suggestion: the CPU work of an ingest, done in worker processes when there is
    much of it.

    In a worker process the suggestion context (pack, accepted model) is loaded once and kept.
    """
    ctx = None
    if db_path is not None:
        key = f"{db_path}|{opts.rules_pack}"
        if key not in _WORKER_CONTEXT:
            _WORKER_CONTEXT[key] = _context(Store(db_path), opts)
        ctx = _WORKER_CONTEXT[key]
    # Every file of the chunk is parsed before any is suggested, and the rules' filter runs over
    # all their texts before the rest of the suggestions (SuggestContext.prepare_all): RE2's
    # automata stay in the CPU's caches from one text to the next instead of being pushed out by
    # parsing and the Python patterns.
    out = [[apply_local_domains(item, opts) for item in parse_file(file, opts, block)] for file, block in tasks]
    if ctx is not None:
        parsed = [item for items in out for item in items if item.draft is not None]
        prepared = ctx.prepare_all([item.draft for item in parsed], PREPARED_BANDS)
        for item, suggestion in zip(parsed, prepared, strict=True):
            item.rows = prepare_rows(item, calendar)
            item.rows.suggestion = suggestion
    return out


def _exit_with_parent(parent_pid: int) -> None:
    """Worker start-up: leave when the ingest that started us dies (a kill gives no EOF to wait
    for, since every worker holds the queue's pipe too), so a killed ingest leaves no workers."""

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _tasks(files: list[Path], opts: IntakeOptions) -> tuple[list[Task], int]:
    """Work units for the workers, and about how many items they hold: a large call log is
    shared out in blocks of rows, so its calls are parsed and suggested on every worker."""
    tasks: list[Task] = []
    items = 0
    for file in files:
        blocks = None
        with contextlib.suppress(OSError):
            if file.stat().st_size >= _BLOCKS_MIN_BYTES:
                blocks = call_log_blocks(file, opts, CALL_ROWS_PER_BLOCK)
        if blocks:
            tasks += [(file, block) for block in blocks]
            items += len(blocks) * CALL_ROWS_PER_BLOCK
        else:
            tasks.append((file, None))
            items += 1
    return tasks, items


def _chunks(tasks: list[Task]) -> Iterator[tuple[list[Task], int]]:
    """Tasks grouped for one round trip to a worker (several small files, one block at a time),
    with about how much memory their results will take here."""
    chunk: list[Task] = []
    size = 0
    for task in tasks:
        if task[1] is not None:
            if chunk:
                yield chunk, _result_bytes(len(chunk), size)
                chunk, size = [], 0
            yield [task], _result_bytes(task[1][1] - task[1][0], 0)
            continue
        with contextlib.suppress(OSError):
            size += task[0].stat().st_size
        chunk.append(task)
        if len(chunk) >= _FILES_PER_TASK or size >= _BYTES_PER_TASK:
            yield chunk, _result_bytes(len(chunk), size)
            chunk, size = [], 0
    if chunk:
        yield chunk, _result_bytes(len(chunk), size)


def _result_bytes(items: int, input_bytes: int) -> int:
    """About how much memory a chunk's results take in this process."""
    return max(items * _RESULT_BYTES_PER_ITEM, input_bytes * _RESULT_BYTES_PER_INPUT_BYTE)


def _prepared(
    tasks: list[Task], opts: IntakeOptions, calendar: WorkingCalendar, workers: int, db_path: str
) -> Iterator[tuple[Task, list[ParsedItem]]]:
    """(task, items) in order; with workers, a bounded window of task chunks is in flight."""
    if workers <= 1:
        for task in tasks:
            yield task, _prepare([task], opts, calendar, None)[0]  # the storing process suggests
        return
    # Objects alive now (the pack, the model, modules) live as long as the ingest: frozen, the
    # garbage collector stops walking them, here and in the forked workers (where a walk would
    # also copy the pages they share). Unfrozen afterwards, so a long-running app collects them.
    gc.freeze()
    try:
        with ProcessPoolExecutor(max_workers=workers, initializer=_exit_with_parent, initargs=(os.getpid(),)) as pool:
            pending: deque[tuple[list[Task], int, Future[list[list[ParsedItem]]]]] = deque()
            queue = _chunks(tasks)
            in_flight = 0
            waiting: tuple[list[Task], int] | None = next(queue, None)
            while waiting is not None or pending:
                # Fill the window (always at least one chunk, however big), then take the oldest.
                while waiting is not None and (
                    not pending
                    or (len(pending) < workers * _WINDOW_PER_WORKER and in_flight + waiting[1] <= _WINDOW_BYTES)
                ):
                    chunk, size = waiting
                    pending.append((chunk, size, pool.submit(_prepare, chunk, opts, calendar, db_path)))
                    in_flight += size
                    waiting = next(queue, None)
                chunk, size, future = pending.popleft()
                in_flight -= size
                try:
                    yield from zip(chunk, future.result(), strict=True)
                except BaseException:
                    # Stopped early (cancelled, a worker failed): the chunks not started are not
                    # parsed only to be thrown away when the pool shuts down.
                    for _, _, queued in pending:
                        queued.cancel()
                    raise
    finally:
        gc.unfreeze()


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
    whole: list[Task] = [(f, None) for f in files]
    tasks, expected = _tasks(files, opts) if workers != 1 else (whole, len(files))
    if workers is None:
        workers = min(os.cpu_count() or 1, 4) if expected >= PARALLEL_MIN_ITEMS else 1
    if workers <= 1:
        tasks = whole  # one process reads each file whole
    calendar = working_calendar(store)
    if workers > 1:
        warm_bank_holidays()  # before the workers fork, as the pack below
    ctx = _context(store, opts)
    # Workers started by fork inherit the loaded pack and model instead of loading their own.
    _WORKER_CONTEXT[f"{store.path}|{opts.rules_pack}"] = ctx
    report = IngestReport()
    batch: list[ParsedItem] = []
    batch_bytes = 0

    aside: contextlib.AbstractContextManager[Checkpointer | None] = (
        store.checkpoints_aside() if expected >= PARALLEL_MIN_ITEMS else contextlib.nullcontext()
    )

    def flush() -> None:
        nonlocal batch_bytes
        if batch:
            report.add(store_items(store, batch, calendar, ctx))
            batch.clear()
            batch_bytes = 0
            if checkpoints is not None:
                checkpoints.committed()

    with aside as checkpoints:
        for n, ((file, block), items) in enumerate(_prepared(tasks, opts, calendar, workers, str(store.path))):
            if progress.cancelled():
                flush()
                raise Cancelled(f"stopped after {report.files} of {len(files)} files")
            progress.report(n, len(tasks), str(file) if block is None else f"{file} rows {block[0]}-{block[1] - 1}")
            for item in items:
                batch.append(item)
                batch_bytes += len(item.raw)
                if len(batch) >= BATCH_ITEMS or batch_bytes >= BATCH_BYTES or item.raw_path:
                    flush()
            if block is None or n + 1 == len(tasks) or tasks[n + 1][0] != file:
                report.files += 1
        flush()
    progress.report(len(tasks), len(tasks), "done")
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
