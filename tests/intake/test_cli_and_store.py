"""The stable intake commands, migrations with a copy taken first, and watched folders."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from mashdesk.cli import cli
from mashdesk.intake.watch import FolderWatcher
from mashdesk.store import StoreError, open_store
from mashdesk.store.schema import migration_sets


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_ingest_queue_show_quarantine_commands(tmp_path: Path, fixtures: Path) -> None:
    db = str(tmp_path / "s.db")
    out = run("--db", db, "ingest", "--json", str(fixtures))
    assert json.loads(out) == {
        "new": 12,
        "duplicate": 0,
        "linked": json.loads(out)["linked"],
        "quarantined": 6,
        "files": 14,
    }
    again = json.loads(run("--db", db, "ingest", "--json", str(fixtures)))
    assert (again["new"], again["duplicate"], again["quarantined"]) == (0, 18, 0)
    queue = json.loads(run("--db", db, "queue", "--json"))
    assert len(queue) == 12
    assert [r["decision_due"] for r in queue] == sorted(r["decision_due"] for r in queue)
    assert {
        "id",
        "channel",
        "received_at",
        "decision_due",
        "referrer",
        "source_code",
        "subject",
        "children",
        "group",
        "re_referral",
        "status",
    } <= set(queue[0])
    shown = json.loads(run("--db", db, "show", str(queue[0]["id"]), "--json"))
    assert shown["id"] == queue[0]["id"] and shown["raw_sha256"]
    text = run("--db", db, "queue")
    assert str(queue[0]["id"]) in text
    quarantined = json.loads(run("--db", db, "quarantine", "--json"))
    assert len(quarantined) == 6 and all(q["reason"] and q["source_path"] for q in quarantined)
    assert any(q["reason"] == "not an email or call log: it is a PNG image" for q in quarantined)


def test_show_unknown_contact_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "s.db"), "show", "999"])
    assert result.exit_code == 1 and "there is no contact 999" in result.output


def test_not_a_store_is_refused_clearly(tmp_path: Path) -> None:
    bogus = tmp_path / "not.db"
    bogus.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a MASHdesk store"):
        open_store(bogus)


def test_migrations_record_names_and_copy_the_store_first(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    s = open_store(path, migrate=False)
    core = migration_sets()[0]
    core.apply(s.db, stop_before="m003_open_queue_index")
    s.db.execute("INSERT INTO settings (key, value) VALUES ('canary', '1')")
    s.close()
    s = open_store(path)
    applied = [r[0] for r in s.db.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = 'mashdesk.core'")]
    assert applied[:3] == ["m001_intake", "m002_suggestions", "m003_open_queue_index"]
    s.close()
    copies = list(tmp_path.glob("s.db.pre-migrate-*.bak"))
    assert len(copies) == 1
    conn = sqlite3.connect(copies[0])
    assert conn.execute("SELECT value FROM settings WHERE key = 'canary'").fetchone() == ("1",)
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'contacts_open_due'").fetchone() == (0,)
    conn.close()
    # Opening again migrates nothing and copies nothing.
    open_store(path).close()
    assert len(list(tmp_path.glob("s.db.pre-migrate-*.bak"))) == 1


def test_watched_folder_ingests_each_file_exactly_once(store, tmp_path: Path, fixtures: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    watcher = FolderWatcher(store, [inbox])
    shutil.copy(fixtures / "html_only.eml", inbox / "a.eml")
    assert watcher.poll().new == 0  # first sight: wait until it has stopped growing
    assert watcher.poll().new == 1
    assert watcher.poll().new == 0
    (inbox / "partial.part").write_bytes(b"still downloading")
    shutil.copy(fixtures / "calls_good.csv", inbox / "calls.csv")
    watcher.poll()
    report = watcher.poll()
    assert (report.new, report.quarantined) == (3, 0)
    fresh = FolderWatcher(store, [inbox])  # a restarted watcher remembers what it ingested
    fresh.poll()
    assert fresh.poll().new == 0 and fresh.poll().duplicate == 0
    assert store.db.execute("SELECT count(*) FROM contacts").fetchone()[0] == 4


def test_demo_seeds_a_synthetic_queue(tmp_path: Path) -> None:
    db = str(tmp_path / "demo.db")
    out = run("--db", db, "demo", "--contacts", "120")
    assert "new 120" in out
    s = open_store(db)
    try:
        rows = s.db.execute("SELECT count(*), sum(synthetic), count(DISTINCT channel) FROM contacts").fetchone()
        assert rows[0] == 120 and rows[1] == 120 and rows[2] == 2
        assert s.db.execute("SELECT count(*) FROM contact_links").fetchone()[0] > 0
        assert s.db.execute("SELECT count(*) FROM contacts WHERE source_code = '10'").fetchone()[0] < 30
    finally:
        s.close()


def test_cli_reads_are_written_to_the_access_log(tmp_path: Path, fixtures: Path) -> None:
    db = str(tmp_path / "s.db")
    run("--db", db, "ingest", str(fixtures))
    cid = json.loads(run("--db", db, "queue", "--json"))[0]["id"]
    run("--db", db, "show", str(cid))
    run("--db", db, "quarantine")
    s = open_store(db)
    try:
        events = s.db.execute("SELECT actor, action, entity_id FROM audit_events ORDER BY seq").fetchall()
    finally:
        s.close()
    assert [(a.startswith("os:"), act, eid) for a, act, eid in events] == [
        (True, "contact.view", str(cid)),
        (True, "quarantine.view", None),
    ]
