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


@pytest.mark.slow
def test_sigkill_mid_ingest_then_retry(tmp_path: Path) -> None:
    emails, calls = 400, 200
    folder = tmp_path / "in"
    _make_inputs(folder, emails, calls)
    db = tmp_path / "store.db"
    rng = random.Random(5)
    kills = 0
    for _ in range(4):
        proc = _ingest(db, folder)
        time.sleep(rng.uniform(0.8, 2.5))
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            kills += 1
        proc.wait()
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
