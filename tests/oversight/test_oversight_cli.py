"""The oversight commands end to end through click, as a script would run them."""

from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from mashdesk.cli import cli
from mashdesk.decisions.desks import insert_synthetic_contact
from mashdesk.store import open_store

PW = "correct horse battery"


@pytest.fixture
def db(fast_dir: Path) -> Path:
    return fast_dir / "cli.db"


def run(db: Path, *args: str, password: str = PW, new_password: str = PW, input: str | None = None):  # type: ignore[no-untyped-def]
    env = {
        "MASHDESK_PASSWORD": password,
        "MASHDESK_NEW_PASSWORD": new_password,
        "MASHDESK_USER": "",
        "MASHDESK_DESK": "",
    }
    return CliRunner().invoke(cli, ["--db", str(db), *args], env=env, input=input)


@pytest.fixture
def people(db: Path) -> Path:
    assert run(db, "user", "add", "admin", "--role", "administrator", "--name", "Ada Admin (test)").exit_code == 0
    for name, role in (
        ("worker", "social_worker"),
        ("manager", "manager"),
        ("manager2", "manager"),
    ):
        result = run(db, "user", "add", name, "--role", role, "--name", f"{name} (test)", "--user", "admin")
        assert result.exit_code == 0, result.output
    return db


def _contact(db: Path, triggers: tuple[str, ...] = ()) -> int:
    store = open_store(db)
    try:
        seed = store.conn.execute("SELECT count(*) FROM contacts").fetchone()[0]
        return insert_synthetic_contact(store, random.Random(seed), triggers=triggers)
    finally:
        store.close()


DECIDE = [
    "--level",
    "2",
    "--routing",
    "early_help",
    "--rag",
    "green",
    "--indicator",
    "occasional absence",
    "--history",
    "none found",
    "--consent",
    "given",
    "--consent-by",
    "mother",
    "--rationale",
    "Needs met by EH.",
    "--action",
    "Refer to early help|early help hub|2026-12-01",
    "--feedback",
    "School told.",
]
OVERSEE = [
    "--agree",
    "--decision",
    "Agree: early help",
    "--rationale",
    "Facts fit level 2.",
    "--risk-analysis",
    "Low risk.",
    "--action",
    "Confirm|front door|1 working day",
]


def test_first_run_needs_no_sign_in_only_once(db: Path) -> None:
    result = run(db, "user", "add", "boss", "--role", "manager", "--name", "B")
    assert result.exit_code == 1 and "first account must be an administrator" in result.output
    assert run(db, "user", "add", "root", "--role", "administrator", "--name", "R").exit_code == 0
    again = run(db, "user", "add", "sneaky", "--role", "administrator", "--name", "S")
    assert again.exit_code == 4 and "Sign in as an administrator" in again.output


def test_password_prompt_hides_input(db: Path, people: Path) -> None:
    result = CliRunner().invoke(
        cli,
        ["--db", str(db), "user", "list", "--user", "admin"],
        env={"MASHDESK_PASSWORD": ""},
        input=PW + "\n",
    )
    assert result.exit_code == 0, result.output
    assert PW not in result.output and "Password for admin" in result.output
    assert "manager2" in result.output


def test_wrong_password_and_denied_role_exit_codes(db: Path, people: Path) -> None:
    assert run(db, "user", "list", "--user", "admin", password="wrong one!").exit_code == 4
    denied = run(db, "user", "list", "--user", "worker")
    assert denied.exit_code == 4 and "not allowed to manage users" in denied.output


def test_decide_and_oversee(db: Path, people: Path) -> None:
    cid = _contact(db)
    result = run(db, "decide", str(cid), *DECIDE, "--user", "worker")
    assert result.exit_code == 0, result.output
    assert "awaiting oversight" in result.output
    result = run(db, "oversee", str(cid), *OVERSEE, "--user", "manager")
    assert result.exit_code == 0, result.output
    conn = sqlite3.connect(str(db))
    assert conn.execute("SELECT status FROM contacts WHERE id = ?", (cid,)).fetchone()[0] == "decided"
    conn.close()


def test_decide_from_json_and_missing_rationale(db: Path, people: Path, tmp_path: Path) -> None:
    cid = _contact(db)
    fields = {
        "level": 1,
        "routing": "information_advice",
        "rag": "green",
        "indicators": ["basic care in place"],
        "history_considered": "none",
        "consent_status": "not_sought",
        "rationale": "",
        "next_actions": [{"action": "Advise", "owner": "duty", "deadline": "2026-12-01"}],
    }
    source = tmp_path / "d.json"
    source.write_text(json.dumps(fields))
    bad = run(db, "decide", str(cid), "--json", str(source), "--user", "worker")
    assert bad.exit_code == 2 and "rationale is required" in bad.output
    good = run(
        db,
        "decide",
        str(cid),
        "--json",
        "-",
        "--rationale",
        "Advice enough.",
        "--user",
        "worker",
        input=json.dumps(fields),
    )
    assert good.exit_code == 0, good.output


def test_stale_version_and_held_claim_exit_3(db: Path, people: Path) -> None:
    cid = _contact(db)
    assert run(db, "claim", str(cid), "--user", "worker").exit_code == 0
    held = run(db, "claim", str(cid), "--user", "manager")
    assert held.exit_code == 3 and "held by worker" in held.output
    stale = run(db, "decide", str(cid), *DECIDE, "--expect-version", "1", "--user", "worker")
    assert stale.exit_code == 3 and "changed by worker" in stale.output


def test_guard_and_separation_of_duties(db: Path, people: Path) -> None:
    cid = _contact(db, ("fgm",))
    decide = [*DECIDE, "--strategy-considered", "--strategy-why-not", "Historic, closed."]
    assert run(db, "decide", str(cid), *decide, "--user", "manager").exit_code == 0
    own = run(db, "oversee", str(cid), *OVERSEE, "--guard-override-reason", "x", "--user", "manager")
    assert own.exit_code == 4 and "another manager" in own.output
    guard = run(db, "oversee", str(cid), *OVERSEE, "--user", "manager2")
    assert guard.exit_code == 2 and "fgm" in guard.output
    ok = run(
        db,
        "oversee",
        str(cid),
        *OVERSEE,
        "--guard-override-reason",
        "Read in full: closed 2019 concern.",
        "--user",
        "manager2",
    )
    assert ok.exit_code == 0, ok.output


def test_audit_verify_list_and_break(db: Path, people: Path, tmp_path: Path) -> None:
    witness = tmp_path / "heads.jsonl"
    assert run(db, "audit", "head", "--append-to", str(witness)).exit_code == 0
    ok = run(db, "audit", "verify", "--witness", str(witness))
    assert ok.exit_code == 0 and "intact" in ok.output
    listed = run(db, "audit", "list", "--action", "user.", "--json", "--user", "admin")
    assert listed.exit_code == 0
    assert len(json.loads(listed.output.splitlines()[-1])) == 4
    assert run(db, "audit", "list", "--user", "worker").exit_code == 4
    conn = sqlite3.connect(str(db))
    conn.execute("DROP TRIGGER audit_events_no_delete")
    conn.execute("DELETE FROM audit_events WHERE seq = 3")
    conn.commit()
    conn.close()
    broken = run(db, "audit", "verify")
    assert broken.exit_code == 5
    assert "AUDIT TRAIL BROKEN: event 4 follows event 2" in broken.output


def test_backup_restore_purge_and_retention(db: Path, people: Path, tmp_path: Path) -> None:
    copy = tmp_path / "backup.db"
    result = run(db, "backup", str(copy), "--user", "admin")
    assert result.exit_code == 0 and "verified" in result.output, result.output
    assert run(db, "restore", str(copy), "--user", "admin").exit_code == 0
    assert run(db, "retention", "set", "5", "--user", "admin").exit_code == 0
    assert "5 years" in run(db, "retention", "show").output
    purge = run(db, "purge", "--dry-run", "--user", "admin")
    assert purge.exit_code == 0 and "Would remove 0" in purge.output
    assert run(db, "purge", "--older-than-years", "3", "--user", "worker").exit_code == 4
    assert run(db, "audit", "verify").exit_code == 0


def test_user_disable_and_enable(db: Path, people: Path) -> None:
    assert run(db, "user", "disable", "worker", "--reason", "left", "--user", "admin").exit_code == 0
    assert run(db, "claim", "1", "--user", "worker").exit_code == 4
    assert run(db, "user", "enable", "worker", "--user", "admin").exit_code == 0


def test_history_is_shown_and_logged(db: Path, people: Path) -> None:
    cid = _contact(db)
    assert run(db, "decide", str(cid), *DECIDE, "--user", "worker").exit_code == 0
    assert run(db, "oversee", str(cid), *OVERSEE, "--user", "manager").exit_code == 0
    shown = run(db, "history", str(cid), "--user", "manager2")
    assert shown.exit_code == 0, shown.output
    assert "screening" in shown.output and "agree -> early_help" in shown.output
    assert run(db, "history", str(cid), "--user", "admin").exit_code == 4
    log = run(db, "audit", "access-log", str(cid), "--user", "admin")
    assert "manager2" in log.output


def test_password_change_and_reset(db: Path, people: Path) -> None:
    new = "a brand new passphrase"
    assert run(db, "user", "passwd", "--user", "worker", new_password=new).exit_code == 0
    assert run(db, "claim", "999", "--user", "worker").exit_code == 4  # old password refused
    assert run(db, "user", "passwd", "worker", "--user", "admin").exit_code == 0  # reset to PW
    assert run(db, "audit", "list", "--action", "user.password_", "--user", "admin").exit_code == 0
    assert run(db, "user", "passwd", "worker", "--user", "manager").exit_code == 4


def test_group_decide_and_oversee(db: Path, people: Path) -> None:
    a, b = _contact(db), _contact(db)
    conn = sqlite3.connect(str(db))
    conn.execute("UPDATE contacts SET group_id = ? WHERE id IN (?, ?)", (a, a, b))
    conn.commit()
    conn.close()
    decided = run(db, "decide", str(b), *DECIDE, "--group", "--user", "worker")
    assert decided.exit_code == 0 and f"linked contacts {a}, {b}" in decided.output
    overseen = run(db, "oversee", str(a), *OVERSEE, "--group", "--user", "manager")
    assert overseen.exit_code == 0 and "decided" in overseen.output
