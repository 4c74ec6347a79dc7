"""A large call log shared out among workers in blocks of rows stores exactly what one process
reading it whole stores: the same rows, numbers, bytes, quarantines and suggestions."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path

import pytest

import mashdesk.intake as intake
from mashdesk.intake.calls import count_rows
from mashdesk.store import open_store
from mashdesk.synthetic import CALL_CSV_COLUMNS, generate_contacts, to_call_row


def _write_log(path: Path, n: int) -> None:
    contacts = generate_contacts(120, seed=11)
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(CALL_CSV_COLUMNS)
        for i in range(n):
            row = to_call_row(contacts[i % len(contacts)])
            row["caller_number"] = f"01632 {i:07d}"
            if i == 57:
                row["notes"] = 'Caller said:\n"line one", then\nline three'  # quoted, multi-line
            if i == 130:
                row["call_start"] = "not a time"  # quarantined, numbered as read whole
            w.writerow([row[c] for c in CALL_CSV_COLUMNS])
            if i == 200:
                fh.write("\n")  # a blank line is no row
        fh.write("only,three,cells\n")  # wrong column count: quarantined


def _stored(db: Path) -> list[tuple]:
    store = open_store(db)
    try:
        contacts = store.db.execute(
            "SELECT c.source_index, c.raw_sha256, c.received_at, s.routing, s.triggers_json, s.result_json "
            "FROM contacts c JOIN suggestions s ON s.contact_id = c.id AND s.current = 1 ORDER BY c.source_index"
        ).fetchall()
        quarantined = store.db.execute(
            "SELECT source_index, raw_sha256, reason FROM quarantine ORDER BY source_index"
        ).fetchall()
        return [contacts, quarantined]
    finally:
        store.close()


def test_blocks_store_what_a_whole_read_stores(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    log = tmp_path / "calls.csv"
    _write_log(log, 450)
    assert count_rows(log.read_bytes()) == 451  # 450 calls and the short row; the blank line is none

    whole = intake.ingest([log], open_store(tmp_path / "whole.db"), workers=1)
    monkeypatch.setattr(intake, "_BLOCKS_MIN_BYTES", 0)
    monkeypatch.setattr(intake, "CALL_ROWS_PER_BLOCK", 100)
    tasks, _ = intake._tasks([log], intake.IntakeOptions())
    assert [block for _, block in tasks] == [(1, 101), (101, 201), (201, 301), (301, 401), (401, 501)]
    shared = intake.ingest([log], open_store(tmp_path / "shared.db"), workers=2)

    assert shared.as_dict() == whole.as_dict()
    assert whole.files == 1 and whole.quarantined == 2 and whole.new + whole.duplicate == 449
    # Workers prepared each call's suggestion for every band of history before its links existed;
    # one process suggested each after linking. The stored suggestions are the same, byte for byte,
    # including calls with enough history for the pack's repeat-contacts condition.
    stored = _stored(tmp_path / "whole.db")
    assert _stored(tmp_path / "shared.db") == stored
    histories = [json.loads(row[5])["rules"]["facts"]["previous_contacts"] for row in stored[0]]
    assert max(histories) >= 3 and min(histories) == 0


def test_worker_chunks_hold_a_few_files_or_a_few_megabytes(tmp_path) -> None:
    # A chunk's results all sit in memory at once: large files travel in smaller chunks.
    from mashdesk.intake import _BYTES_PER_TASK, _FILES_PER_TASK, _chunks

    small = []
    for i in range(_FILES_PER_TASK + 3):
        f = tmp_path / f"s{i}.eml"
        f.write_bytes(b"x" * 100)
        small.append((f, None))
    big = tmp_path / "big.msg"
    big.write_bytes(b"x" * _BYTES_PER_TASK)
    chunks = list(_chunks([small[0], (big, None), *small[1:]]))
    assert [len(c) for c, _ in chunks] == [2, _FILES_PER_TASK, 2]
    assert chunks[0][0][1][0] == big
    # sized by the memory their results take here, not the bytes read
    assert [size for _, size in chunks] == [
        8 * (100 + _BYTES_PER_TASK),
        _FILES_PER_TASK * 8 * 1024,
        2 * 8 * 1024,
    ]
    [(block, size)] = list(_chunks([(big, (1, 1001))]))
    assert size == 1000 * 8 * 1024  # a block of 1,000 call rows: about 8 MB as objects


def test_the_chunks_in_flight_are_bounded_in_number_and_in_bytes(tmp_path, monkeypatch) -> None:
    """Workers get chunks ahead of the storing process (so they parse while it commits), but
    no more than the window's number of chunks or bytes: results wait in memory until stored."""
    import mashdesk.intake as intake

    submitted: list[tuple[int, int]] = []  # (files in the chunk, tasks handed on when submitted)
    taken: list[object] = []

    def parsed(chunk: list) -> bool:
        submitted.append((len(chunk), len(taken)))
        return True

    _fake_pool(monkeypatch, parsed)
    tasks = _email_files(tmp_path, 30 * intake._FILES_PER_TASK, 100)
    chunk_bytes = intake._result_bytes(intake._FILES_PER_TASK, 100 * intake._FILES_PER_TASK)

    def run() -> None:
        submitted.clear()
        taken.clear()
        for task, _items in intake._prepared(tasks, None, None, 2, "db"):  # type: ignore[arg-type]
            taken.append(task)
        assert len(taken) == len(tasks) and sum(n for n, _ in submitted) == len(tasks)

    # bounded in number: 2 workers x 4 chunks go out before anything is handed on
    monkeypatch.setattr(intake, "_WINDOW_PER_WORKER", 4)
    run()
    assert [handed for _, handed in submitted[:8]] == [0] * 8 and submitted[8][1] > 0
    # bounded in bytes: three chunks' worth, however many the count would allow
    monkeypatch.setattr(intake, "_WINDOW_PER_WORKER", 100)
    monkeypatch.setattr(intake, "_WINDOW_BYTES", 3 * chunk_bytes)
    run()
    assert [handed for _, handed in submitted[:4]] == [0, 0, 0, intake._FILES_PER_TASK]
    # one chunk bigger than the window still goes, alone
    monkeypatch.setattr(intake, "_WINDOW_BYTES", chunk_bytes // 2)
    run()
    assert [handed for _, handed in submitted[:3]] == [0, intake._FILES_PER_TASK, 2 * intake._FILES_PER_TASK]


def test_objects_alive_before_the_workers_fork_are_frozen_for_the_ingest_only(tmp_path, monkeypatch) -> None:
    """The garbage collector skips what the ingest inherits (pack, model) while workers run, and
    a long-running app gets it back afterwards, also when the ingest stops early."""
    import gc

    import mashdesk.intake as intake

    frozen_at_submit: list[int] = []

    def parsed(chunk: list) -> bool:
        frozen_at_submit.append(gc.get_freeze_count())
        return True

    _fake_pool(monkeypatch, parsed)
    tasks = _email_files(tmp_path, 40, 1)
    assert gc.get_freeze_count() == 0
    assert len(list(intake._prepared(tasks, None, None, 2, "db"))) == 40  # type: ignore[arg-type]
    assert frozen_at_submit and min(frozen_at_submit) > 1000
    assert gc.get_freeze_count() == 0
    stopped = intake._prepared(tasks, None, None, 2, "db")  # type: ignore[arg-type]
    next(stopped)
    assert gc.get_freeze_count() > 1000
    stopped.close()  # what happens when ingest raises Cancelled mid-way
    assert gc.get_freeze_count() == 0


def test_chunks_not_started_are_cancelled_when_an_ingest_stops_early(tmp_path, monkeypatch) -> None:
    import mashdesk.intake as intake

    # only the first chunk has been parsed
    futures = _fake_pool(monkeypatch, lambda chunk: not futures)
    tasks = _email_files(tmp_path, 10 * intake._FILES_PER_TASK, 1)
    running = intake._prepared(tasks, None, None, 2, "db")  # type: ignore[arg-type]
    next(running)
    running.close()  # ingest raising Cancelled, say
    assert len(futures) == 10 and all(f.cancelled() for f in futures[1:])


def _fake_pool(monkeypatch, parsed: Callable[[list], bool]) -> list[Future]:
    """The intake's worker pool replaced by one in this process: each chunk submitted is shown to
    `parsed`, and its future holds its (empty) results when that says True, else stays pending.
    Returns the futures, in order of submission."""
    futures: list[Future] = []

    class Pool:
        def __init__(self, **kwargs: object) -> None:
            pass

        def __enter__(self) -> Pool:
            return self

        def __exit__(self, *exc: object) -> None:
            return None

        def submit(self, fn: object, chunk: list, *args: object) -> Future:
            future: Future = Future()
            if parsed(chunk):
                future.set_result([[] for _ in chunk])
            futures.append(future)
            return future

    monkeypatch.setattr(intake, "ProcessPoolExecutor", Pool)
    return futures


def _email_files(folder: Path, n: int, size: int) -> list[tuple[Path, None]]:
    """n files of `size` bytes, as the intake's tasks."""
    tasks = []
    for i in range(n):
        f = folder / f"m{i}.eml"
        f.write_bytes(b"x" * size)
        tasks.append((f, None))
    return tasks
