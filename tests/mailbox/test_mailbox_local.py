"""Mailbox behaviour that needs no IMAP server: the table, keyring handling, backoff, the CLI,
a server that is down, and the continuous poll loop stopping on Ctrl-C."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import keyring
import pytest
from click.testing import CliRunner
from keyring.backends import fail

from mashdesk.cli import cli
from mashdesk.mailbox import (
    Backoff,
    MailboxError,
    Security,
    Status,
    add_mailbox,
    get_mailbox,
    list_mailboxes,
    passwords,
    poll_all,
    poll_mailbox,
    remove_mailbox,
)
from mashdesk.mailbox.poll import is_due
from mashdesk.store import Store
from tests.mailbox.dovecot_server import free_port
from tests.mailbox.memory_keyring import MemoryKeyring

WORKTREE = Path(__file__).resolve().parents[2]


def test_table_has_no_password_column(store: Store) -> None:
    columns = {c.name for c in store.db["mailboxes"].columns}
    assert {"name", "host", "port", "security", "username", "folder", "move_to"} <= columns
    assert {"uidvalidity", "last_uid", "last_success_at", "last_error", "status"} <= columns
    assert not [c for c in columns if "pass" in c or "secret" in c]


def test_add_list_remove(store: Store) -> None:
    a = add_mailbox(store, name="front door", host="imap.test.invalid", username="mash")
    assert (a.port, a.security, a.folder, a.status) == (993, Security.TLS, "INBOX", Status.NEW)
    b = add_mailbox(
        store,
        name="police",
        host="imap.test.invalid",
        username="pp",
        security=Security.STARTTLS,
        move_to="Done",
    )
    assert b.port == 143 and b.move_to == "Done"
    assert [m.name for m in list_mailboxes(store)] == ["front door", "police"]
    with pytest.raises(MailboxError, match="already exists"):
        add_mailbox(store, name="police", host="x", username="y")
    with pytest.raises(MailboxError, match="must differ"):
        add_mailbox(store, name="loop", host="x", username="y", move_to="INBOX")
    assert remove_mailbox(store, "police") is True
    assert remove_mailbox(store, "police") is False
    assert get_mailbox(store, "police") is None


def test_backoff_doubles_and_is_capped() -> None:
    b = Backoff(base=30, cap=300)
    assert [b.delay(n) for n in range(0, 7)] == [0, 30, 60, 120, 240, 300, 300]
    assert Backoff().delay(10_000) == 900


def test_server_down_is_a_status_with_backoff_not_a_crash(store: Store) -> None:
    port = free_port()  # nothing listens here
    m = add_mailbox(store, name="down", host="127.0.0.1", port=port, username="u", security=Security.NONE)
    passwords.set_password(m.name, "synthetic")
    t0 = dt.datetime(2026, 2, 2, 8, 0, tzinfo=dt.UTC)
    r1 = poll_mailbox(store, m, backoff=Backoff(base=5, cap=60), clock=lambda: t0, timeout=2)
    assert r1.status is Status.SERVER_DOWN and "Connection refused" in (r1.error or "")
    r2 = poll_mailbox(store, m, backoff=Backoff(base=5, cap=60), clock=lambda: t0, timeout=2)
    assert r2.status is Status.SERVER_DOWN
    row = get_mailbox(store, "down")
    assert row is not None
    assert row.failures == 2 and row.last_success_at is None
    assert row.next_attempt_at == (t0 + dt.timedelta(seconds=10)).isoformat()
    assert not is_due(row, t0 + dt.timedelta(seconds=9))
    assert is_due(row, t0 + dt.timedelta(seconds=10))
    # a round that respects backoff leaves it alone until then
    assert poll_all(store, clock=lambda: t0 + dt.timedelta(seconds=9)) == []


def test_no_keyring_is_reported_not_raised(store: Store) -> None:
    m = add_mailbox(store, name="x", host="127.0.0.1", port=free_port(), username="u")
    keyring.set_keyring(fail.Keyring())
    with pytest.raises(passwords.KeyringUnavailable, match="PYTHON_KEYRING_BACKEND"):
        passwords.set_password("x", "secret")

    r = poll_mailbox(store, m)
    assert r.status is Status.NO_PASSWORD and "no operating-system keyring" in (r.error or "")


def test_cli_add_keeps_password_out_of_the_store(tmp_path: Path) -> None:
    db = tmp_path / "m.db"
    runner = CliRunner()
    secret = "synthetic-Sup3r-Secret-value"
    result = runner.invoke(
        cli,
        [
            "--db",
            str(db),
            "mailbox",
            "add",
            "front",
            "--host",
            "imap.test.invalid",
            "--user",
            "mash@council.test.invalid",
            "--move-to",
            "Processed",
            "--password-stdin",
        ],
        input=secret + "\n",
    )
    assert result.exit_code == 0, result.output
    assert MemoryKeyring.store[(passwords.SERVICE, "front")] == secret
    listed = runner.invoke(cli, ["--db", str(db), "mailbox", "list", "--json"])
    [row] = json.loads(listed.output)
    assert row["host"] == "imap.test.invalid" and row["status"] == "new"
    assert secret not in listed.output
    for path in tmp_path.iterdir():  # the store, its WAL and any backups
        assert secret.encode() not in path.read_bytes(), path

    text = runner.invoke(cli, ["--db", str(db), "mailbox", "list"]).output
    assert "front: imap://mash@council.test.invalid@imap.test.invalid:993/INBOX" in text
    assert "last successful poll: never" in text

    new_secret = "synthetic-changed"
    changed = runner.invoke(
        cli,
        ["--db", str(db), "mailbox", "set-password", "front", "--password-stdin"],
        input=new_secret + "\n",
    )
    assert changed.exit_code == 0
    assert MemoryKeyring.store[(passwords.SERVICE, "front")] == new_secret

    assert runner.invoke(cli, ["--db", str(db), "mailbox", "disable", "front"]).exit_code == 0
    none = runner.invoke(cli, ["--db", str(db), "poll", "--once"])
    assert none.exit_code != 0 and "no mailboxes to poll" in none.output

    removed = runner.invoke(cli, ["--db", str(db), "mailbox", "remove", "front"])
    assert removed.exit_code == 0
    assert (passwords.SERVICE, "front") not in MemoryKeyring.store
    again = runner.invoke(cli, ["--db", str(db), "mailbox", "remove", "front"])
    assert again.exit_code != 0 and "no mailbox called" in again.output


def test_cli_add_refuses_without_a_keyring(tmp_path: Path) -> None:
    keyring.set_keyring(fail.Keyring())
    result = CliRunner().invoke(
        cli,
        ["--db", str(tmp_path / "m.db"), "mailbox", "add", "x", "--host", "h", "--user", "u"],
        input="pw\n",
    )
    assert result.exit_code != 0 and "keyring" in result.output
    listed = CliRunner().invoke(cli, ["--db", str(tmp_path / "m.db"), "mailbox", "list"])
    assert "no mailboxes" in listed.output


def test_cli_poll_once_exit_status_on_failure(tmp_path: Path) -> None:
    db = str(tmp_path / "m.db")
    runner = CliRunner()
    args = ["--db", db, "mailbox", "add", "down", "--host", "127.0.0.1", "--user", "u"]
    args += ["--port", str(free_port()), "--security", "none", "--password-stdin"]
    assert runner.invoke(cli, args, input="pw\n").exit_code == 0
    result = runner.invoke(cli, ["--db", db, "poll", "--once"])
    assert result.exit_code == 1
    assert "down: server_down" in result.output


def test_poll_loop_stops_cleanly_on_ctrl_c(tmp_path: Path) -> None:
    db = str(tmp_path / "m.db")
    env = {
        **os.environ,
        "PYTHONPATH": str(WORKTREE),
        "PYTHON_KEYRING_BACKEND": "tests.mailbox.memory_keyring.MemoryKeyring",
    }
    cmd = [sys.executable, "-m", "mashdesk", "--db", db]
    subprocess.run(
        [*cmd, "mailbox", "add", "down", "--host", "127.0.0.1", "--port", str(free_port())]
        + ["--user", "u", "--security", "none", "--password-stdin"],
        input="pw\n",
        text=True,
        env=env,
        check=True,
        cwd=WORKTREE,
        capture_output=True,
    )
    proc = subprocess.Popen(
        [*cmd, "poll", "--interval", "1"],
        env=env,
        cwd=WORKTREE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        # the (separate-process) memory keyring is empty: each round reports no_password
        while time.monotonic() < deadline:
            time.sleep(0.2)
            state = subprocess.run(
                [*cmd, "mailbox", "list", "--json"],
                env=env,
                cwd=WORKTREE,
                capture_output=True,
                text=True,
            )
            rows = json.loads(state.stdout or "[]")
            if rows and rows[0]["status"] != "new":
                break
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "stopped" in err and "Traceback" not in err
    # the backend named by PYTHON_KEYRING_BACKEND answered (no "no keyring available")
    assert "down: no_password" in err and "no password in the keyring for 'down'" in err


def test_unloadable_keyring_backend_is_a_clear_error(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(WORKTREE), "PYTHON_KEYRING_BACKEND": "no.such.Backend"}
    r = subprocess.run(
        [sys.executable, "-m", "mashdesk", "--db", str(tmp_path / "m.db"), "mailbox", "add"]
        + ["x", "--host", "h", "--user", "u", "--password-stdin"],
        input="pw\n",
        env=env,
        cwd=WORKTREE,
        capture_output=True,
        text=True,
    )
    assert r.returncode == 1
    assert "could not be loaded (PYTHON_KEYRING_BACKEND=no.such.Backend)" in r.stderr
    assert "Traceback" not in r.stderr


def test_missing_ca_file_is_a_tls_error(store: Store, tmp_path: Path) -> None:
    m = add_mailbox(
        store,
        name="ca",
        host="127.0.0.1",
        port=free_port(),
        username="u",
        ca_file=str(tmp_path / "gone.pem"),
    )
    passwords.set_password(m.name, "synthetic")
    r = poll_mailbox(store, m, timeout=2)
    assert r.status is Status.TLS_ERROR and "gone.pem" in (r.error or "")
    with pytest.raises(MailboxError, match="CA file"):
        add_mailbox(store, name="x", host="h", username="u", security=Security.NONE, ca_file="a.pem")


def test_cli_add_with_ca_file(tmp_path: Path) -> None:
    ca = tmp_path / "council-ca.pem"
    ca.write_text("synthetic placeholder, only its path is stored\n")
    db = str(tmp_path / "m.db")
    args = ["--db", db, "mailbox", "add", "internal", "--host", "imap.test.invalid", "--user"]
    args += ["u", "--ca-file", str(ca), "--password-stdin"]
    runner = CliRunner()
    assert runner.invoke(cli, args, input="pw\n").exit_code == 0
    [row] = json.loads(runner.invoke(cli, ["--db", db, "mailbox", "list", "--json"]).output)
    assert row["ca_file"] == str(ca.resolve()) and row["security"] == "tls"
