"""SIGKILL an ingest at random points, run it again: every contact exactly once, nothing lost."""

from __future__ import annotations

import csv
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mashdesk.synthetic import CALL_CSV_COLUMNS, generate_contacts, to_call_row, to_eml_bytes

ROOT = Path(__file__).resolve().parents[2]


def _make_inputs(folder: Path, emails: int, calls: int) -> None:
    folder.mkdir()
    contacts = generate_contacts(emails + calls, seed=11)
    for i, c in enumerate(contacts[:emails]):
        (folder / f"m{i:05d}.eml").write_bytes(to_eml_bytes(c, message_id=f"<kill-{i}@synthetic.example>"))
    with (folder / "calls.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(CALL_CSV_COLUMNS))
        writer.writeheader()
        for i, c in enumerate(contacts[emails:]):
            row = to_call_row(c)
            row["caller_number"] = f"01632 9{i:05d}"  # every call distinct
            writer.writerow(row)


def _ingest(db: Path, folder: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "mashdesk", "--db", str(db), "ingest", str(folder)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _stored(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return int(conn.execute("SELECT count(*) FROM contacts").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0  # not created or not migrated yet


def _assert_no_process_left(db: Path) -> None:
    """The killed ingest's worker processes (same command line) must leave too."""
    proc_dir = Path("/proc")
    if not proc_dir.is_dir():
        return
    deadline = time.monotonic() + 10
    while True:
        left = []
        for entry in proc_dir.iterdir():
            try:
                if entry.name.isdigit() and str(db).encode() in (entry / "cmdline").read_bytes():
                    left.append(entry.name)
            except OSError:
                continue
        if not left or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert not left, f"processes of the killed ingest still running: {left}"


@pytest.mark.slow
def test_sigkill_mid_ingest_then_retry(tmp_path: Path) -> None:
    # Enough that an ingest outlives three kills; the call log is big enough to be read in blocks.
    emails, calls = 1500, 1200
    folder = tmp_path / "in"
    _make_inputs(folder, emails, calls)
    assert (folder / "calls.csv").stat().st_size >= 256 * 1024  # shared out among workers in blocks
    db = tmp_path / "store.db"
    rng = random.Random(5)
    kills = 0
    while kills < 3:
        proc = _ingest(db, folder)
        # Kill at a random point after this run has committed something, so every kill lands
        # mid-work (parsing, mid-batch, or mid-commit) rather than before start or after the end.
        target = _stored(db) + 1
        deadline = time.monotonic() + 120
        while proc.poll() is None and _stored(db) < target and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(rng.uniform(0.0, 0.3))
        if proc.poll() is not None:
            break
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        kills += 1
        _assert_no_process_left(db)
    assert kills >= 2, "the ingest finished before it could be killed: make the input larger"
    done = _ingest(db, folder)
    out, err = done.communicate(timeout=600)
    assert done.returncode == 0, err.decode()
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        total = conn.execute("SELECT count(*) FROM contacts").fetchone()[0]
        distinct_ids = conn.execute("SELECT count(DISTINCT message_id) FROM contacts WHERE channel='email'").fetchone()[
            0
        ]
        phones = conn.execute("SELECT count(*) FROM contacts WHERE channel='phone'").fetchone()[0]
        quarantined = conn.execute("SELECT count(*) FROM quarantine").fetchone()[0]
        orphans = conn.execute(
            "SELECT count(*) FROM children WHERE contact_id NOT IN (SELECT id FROM contacts)"
        ).fetchone()[0]
        fts = conn.execute("SELECT count(*) FROM contacts_fts").fetchone()[0]
    finally:
        conn.close()
    summary = out.decode() + err.decode()[-2000:]
    assert (total, distinct_ids, phones, quarantined, orphans) == (
        emails + calls,
        emails,
        calls,
        0,
        0,
    ), summary
    assert fts == total
    assert "quarantined 0" in summary
