"""A large call log shared out among workers in blocks of rows stores exactly what one process
reading it whole stores: the same rows, numbers, bytes, quarantines and suggestions."""

from __future__ import annotations

import csv
import json
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
    assert [len(c) for c in chunks] == [2, _FILES_PER_TASK, 2]
    assert chunks[0][1][0] == big
