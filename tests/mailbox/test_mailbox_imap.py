"""Polling a real Dovecot: delivery, exactly-once across faults, moves, UIDVALIDITY resets."""

from __future__ import annotations

import datetime as dt
import json
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest

from mashdesk.mailbox import (
    Backoff,
    Mailbox,
    MailboxPoller,
    Security,
    Status,
    add_mailbox,
    get_mailbox,
    passwords,
    poll_all,
    poll_mailbox,
)
from mashdesk.mailbox import poll as poll_module
from mashdesk.mailbox import queries as q
from mashdesk.store import Store
from tests.mailbox.conftest import (
    UNPARSEABLE,
    contact_count,
    message_ids_in_contacts,
    quarantine_count,
    synthetic_message,
)
from tests.mailbox.dovecot_server import DovecotServer
from tests.mailbox.tcp_proxy import CuttingProxy

pytestmark = pytest.mark.imap


def make_mailbox(
    store: Store,
    server: DovecotServer,
    user: str,
    *,
    name: str | None = None,
    port: int | None = None,
    folder: str = "INBOX",
    move_to: str | None = None,
    password: str | None = None,
    security: Security = Security.NONE,
    ca_file: str | None = None,
) -> Mailbox:
    m = add_mailbox(
        store,
        name=name or user,
        host="127.0.0.1",
        port=port or server.port,
        security=security,
        username=user,
        folder=folder,
        move_to=move_to,
        ca_file=ca_file,
    )
    passwords.set_password(m.name, password or server.passwords[user])
    return m


def refreshed(store: Store, m: Mailbox) -> Mailbox:
    found = get_mailbox(store, m.name)
    assert found is not None
    return found


def assert_exactly_once(store: Store, expected: int) -> None:
    ids = message_ids_in_contacts(store)
    assert len(ids) == expected
    assert [mid for mid, n in Counter(ids).items() if n > 1] == []


def test_polls_new_mail_once_and_remembers_position(
    store: Store, dovecot: DovecotServer, imap_user: str, ingest: Callable[..., Any]
) -> None:
    dovecot.append(imap_user, [synthetic_message() for _ in range(5)])
    m = make_mailbox(store, dovecot, imap_user)

    first = poll_mailbox(store, m, ingest=ingest)
    assert (first.status, first.fetched, first.new, first.duplicate) == (Status.OK, 5, 5, 0)
    row = refreshed(store, m)
    assert row.last_uid == 5 and row.uidvalidity is not None
    assert row.status is Status.OK and row.last_success_at is not None and row.failures == 0

    again = poll_mailbox(store, row, ingest=ingest)
    assert (again.status, again.fetched) == (Status.OK, 0)

    dovecot.append(imap_user, [synthetic_message() for _ in range(2)])
    later = poll_mailbox(store, row, ingest=ingest)
    assert (later.fetched, later.new, later.first_uid, later.last_uid) == (2, 2, 6, 7)
    assert_exactly_once(store, 7)
    # polling without move-to is read-only: the mail stays, unflagged
    assert dovecot.uids(imap_user) == [1, 2, 3, 4, 5, 6, 7]


def test_move_to_folder_after_ingest(
    store: Store, dovecot: DovecotServer, imap_user: str, ingest: Callable[..., Any]
) -> None:
    dovecot.append(imap_user, [synthetic_message() for _ in range(3)])
    m = make_mailbox(store, dovecot, imap_user, move_to="Processed")
    result = poll_mailbox(store, m, ingest=ingest)
    assert (result.status, result.new, result.moved) == (Status.OK, 3, 3)
    assert dovecot.uids(imap_user) == []
    assert len(dovecot.uids(imap_user, "Processed")) == 3
    dovecot.append(imap_user, [synthetic_message()])
    result = poll_mailbox(store, refreshed(store, m), ingest=ingest)
    assert (result.new, result.moved) == (1, 1)
    assert_exactly_once(store, 4)


def test_several_mailboxes_in_one_round(store: Store, dovecot: DovecotServer, ingest: Callable[..., Any]) -> None:
    users = []
    for i in range(3):
        user = f"multi{i}-{id(store)}"
        dovecot.add_user(user, f"synthetic-{i}")
        dovecot.append(user, [synthetic_message() for _ in range(i + 1)])
        make_mailbox(store, dovecot, user)
        users.append(user)
    results = poll_all(store, ingest=ingest)
    assert sorted((r.mailbox, r.new) for r in results) == sorted((u, i + 1) for i, u in enumerate(users))
    assert_exactly_once(store, 6)


def test_unparseable_message_is_quarantined_and_polling_goes_on(
    store: Store, dovecot: DovecotServer, imap_user: str, ingest: Callable[..., Any]
) -> None:
    dovecot.append(imap_user, [synthetic_message(), UNPARSEABLE, synthetic_message()])
    m = make_mailbox(store, dovecot, imap_user)
    result = poll_mailbox(store, m, ingest=ingest)
    assert (result.status, result.new, result.quarantined) == (Status.OK, 2, 1)
    assert quarantine_count(store) == 1
    assert refreshed(store, m).last_uid == 3
    assert poll_mailbox(store, refreshed(store, m), ingest=ingest).fetched == 0


def test_intake_error_keeps_position_and_retries(
    store: Store, dovecot: DovecotServer, imap_user: str, ingest: Callable[..., Any]
) -> None:
    """If the intake itself fails, the message's transaction rolls back and it is fetched
    again next poll: nothing lost, nothing twice."""
    dovecot.append(imap_user, [synthetic_message() for _ in range(4)])
    m = make_mailbox(store, dovecot, imap_user)

    def flaky(store_: Store, data: bytes, source: str, *, received_fallback: Any = None) -> Any:
        # the intake writes, then the "crash" rolls its writes back
        report = ingest(store_, data, source, received_fallback=received_fallback)
        if source.endswith(";UID=3"):
            raise RuntimeError("synthetic intake crash")
        return report

    result = poll_mailbox(store, m, ingest=flaky)
    assert result.status is Status.INTAKE_ERROR and "UID 3" in (result.error or "")
    row = refreshed(store, m)
    assert row.last_uid == 2 and row.failures == 1 and row.next_attempt_at is not None
    assert contact_count(store) == 2

    result = poll_mailbox(store, row, ingest=ingest)
    assert (result.status, result.new, result.first_uid) == (Status.OK, 2, 3)
    assert_exactly_once(store, 4)
    assert refreshed(store, m).failures == 0


def test_connection_cut_mid_fetch_then_resume_exactly_once(
    store: Store,
    dovecot: DovecotServer,
    imap_user: str,
    ingest: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(poll_module, "BATCH_MESSAGES", 4)
    total = 20
    dovecot.append(imap_user, [synthetic_message(body_kb=4) for _ in range(total)])
    proxy = CuttingProxy(dovecot.port, cut_after=45_000)
    try:
        m = make_mailbox(store, dovecot, imap_user, port=proxy.port)
        cut = poll_mailbox(store, m, ingest=ingest, timeout=5)
    finally:
        proxy.close()
    assert proxy.cuts == 1
    assert cut.status is Status.CONNECTION_LOST, cut
    assert 0 < cut.new < total
    row = refreshed(store, m)
    assert row.last_uid == cut.new and row.status is Status.CONNECTION_LOST
    assert row.last_error and row.failures == 1

    # the server is reachable again (straight, no proxy): the rest arrives, nothing twice
    with store.write() as db:
        db.execute("UPDATE mailboxes SET port = ? WHERE id = ?", [dovecot.port, m.id])
    resumed = poll_mailbox(store, refreshed(store, m), ingest=ingest)
    assert resumed.status is Status.OK
    assert resumed.first_uid == cut.new + 1 and resumed.new == total - cut.new
    assert resumed.duplicate == 0
    assert_exactly_once(store, total)
    assert q.message_count(store, m.id) == total


def test_server_killed_mid_poll_then_restarted_exactly_once(
    store: Store, own_dovecot: DovecotServer, ingest: Callable[..., Any], monkeypatch: Any
) -> None:
    monkeypatch.setattr(poll_module, "BATCH_MESSAGES", 3)
    own_dovecot.add_user("frontdoor", "synthetic-pass")
    total = 12
    own_dovecot.append("frontdoor", [synthetic_message() for _ in range(total)])
    m = make_mailbox(store, own_dovecot, "frontdoor")

    class KillAfter:
        def report(self, done: int, total: int | None = None, message: str = "") -> None:
            if done == 5:
                own_dovecot.stop()

        def cancelled(self) -> bool:
            return False

    killed = poll_mailbox(store, m, KillAfter(), ingest=ingest, timeout=5)
    assert killed.status is Status.CONNECTION_LOST
    assert 5 <= killed.new < total

    down = poll_mailbox(store, refreshed(store, m), ingest=ingest, timeout=5)
    assert down.status is Status.SERVER_DOWN and down.fetched == 0
    assert refreshed(store, m).failures == 2

    own_dovecot.start()
    back = poll_mailbox(store, refreshed(store, m), ingest=ingest)
    assert back.status is Status.OK and back.new == total - killed.new
    assert_exactly_once(store, total)


def rebuild_folder(
    server: DovecotServer, user: str, folder: str, old_uidvalidity: int | None, mail: list[bytes]
) -> None:
    c = server.client(user)
    try:
        for _ in range(20):
            c.delete_folder(folder)
            c.create_folder(folder)
            if c.folder_status(folder, ["UIDVALIDITY"])[b"UIDVALIDITY"] != old_uidvalidity:
                break
            time.sleep(0.2)  # Dovecot derives UIDVALIDITY from the clock
        for raw in mail:
            c.append(folder, raw)
    finally:
        c.logout()


def test_uidvalidity_change_resyncs_without_duplicates(
    store: Store, dovecot: DovecotServer, imap_user: str, ingest: Callable[..., Any]
) -> None:
    folder = "Referrals"
    originals = [synthetic_message() for _ in range(3)]
    dovecot.append(imap_user, originals, folder)
    m = make_mailbox(store, dovecot, imap_user, folder=folder)
    assert poll_mailbox(store, m, ingest=ingest).new == 3
    before = refreshed(store, m).uidvalidity

    # the folder is deleted and rebuilt (a server migration): same mail, new UIDVALIDITY
    rebuild_folder(dovecot, imap_user, folder, before, [*originals, synthetic_message()])

    result = poll_mailbox(store, refreshed(store, m), ingest=ingest)
    assert result.status is Status.RESYNCED and result.resynced
    assert (result.new, result.skipped_known, result.duplicate) == (1, 3, 0)
    row = refreshed(store, m)
    assert row.uidvalidity != before and row.last_uid == 4
    assert "UIDVALIDITY changed" in (row.status_detail or "")
    assert_exactly_once(store, 4)
    assert poll_mailbox(store, row, ingest=ingest).status is Status.OK


def test_wrong_password_is_auth_failed_with_backoff_then_recovers(
    store: Store, dovecot: DovecotServer, imap_user: str, ingest: Callable[..., Any]
) -> None:
    dovecot.append(imap_user, [synthetic_message()])
    m = make_mailbox(store, dovecot, imap_user, password="not-the-password")
    t0 = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)
    backoff = Backoff(base=10, cap=40)
    for attempt, delay in enumerate([10, 20, 40, 40], start=1):
        r = poll_mailbox(store, m, ingest=ingest, backoff=backoff, clock=lambda: t0)
        assert r.status is Status.AUTH_FAILED and r.fetched == 0
        row = refreshed(store, m)
        assert row.failures == attempt
        assert row.next_attempt_at == (t0 + dt.timedelta(seconds=delay)).isoformat()
        assert row.last_success_at is None and "login refused" in (row.last_error or "")
    # a round skips a mailbox in backoff; a forced round (poll --once, "check now") does not
    assert poll_all(store, ingest=ingest, clock=lambda: t0) == []
    forced = poll_all(store, ingest=ingest, backoff=backoff, clock=lambda: t0, respect_backoff=False)
    assert [x.status for x in forced] == [Status.AUTH_FAILED]
    passwords.set_password(m.name, dovecot.passwords[imap_user])
    results = poll_all(store, ingest=ingest, clock=lambda: t0 + dt.timedelta(seconds=41))
    assert [x.status for x in results] == [Status.OK] and results[0].new == 1
    row = refreshed(store, m)
    assert row.failures == 0 and row.next_attempt_at is None and row.last_error is None


def test_missing_password_and_missing_folder(
    store: Store, dovecot: DovecotServer, imap_user: str, ingest: Callable[..., Any]
) -> None:
    m = make_mailbox(store, dovecot, imap_user, folder="NoSuchFolder")
    assert poll_mailbox(store, m, ingest=ingest).status is Status.FOLDER_MISSING
    passwords.delete_password(m.name)
    assert poll_mailbox(store, m, ingest=ingest).status is Status.NO_PASSWORD


def test_tls_against_a_plain_server_is_a_tls_error(
    store: Store, dovecot: DovecotServer, imap_user: str, ingest: Callable[..., Any]
) -> None:
    tls = make_mailbox(store, dovecot, imap_user, name="tls", security=Security.TLS)
    assert poll_mailbox(store, tls, ingest=ingest, timeout=5).status is Status.TLS_ERROR
    # this test server offers no STARTTLS, so we must refuse to send the password in clear
    starttls = make_mailbox(store, dovecot, imap_user, name="starttls", security=Security.STARTTLS)
    assert poll_mailbox(store, starttls, ingest=ingest, timeout=5).status is Status.TLS_ERROR


def test_background_poller_reports_status_and_stops_cleanly(
    store: Store, dovecot: DovecotServer, imap_user: str, ingest: Callable[..., Any]
) -> None:
    import threading

    dovecot.append(imap_user, [synthetic_message() for _ in range(3)])
    good = make_mailbox(store, dovecot, imap_user)
    bad = make_mailbox(store, dovecot, imap_user, name="bad", password="wrong")
    rounds = threading.Semaphore(0)
    seen: list[list[Mailbox]] = []

    def on_update(mailboxes: list[Mailbox], results: list[Any]) -> None:
        seen.append(mailboxes)
        rounds.release()

    poller = MailboxPoller(store, interval=0.2, on_update=on_update, ingest=ingest)
    poller.start()
    try:
        for _ in range(2):  # the initial snapshot, then the first round
            assert rounds.acquire(timeout=20)
        dovecot.append(imap_user, [synthetic_message()])
        poller.poll_now()
        for _ in range(20):
            assert rounds.acquire(timeout=20)
            snap = {x.name: x for x in poller.snapshot()}
            if snap[good.name].last_uid == 4:
                break
    finally:
        assert poller.stop(timeout=20)
    snap = {x.name: x for x in poller.snapshot()}
    assert snap[good.name].status is Status.OK and snap[good.name].last_success_at
    assert snap[bad.name].status is Status.AUTH_FAILED and snap[bad.name].last_success_at is None
    assert poller.last_results()[good.name].status is Status.OK
    assert_exactly_once(store, 4)
    assert not poller.running


def test_uidvalidity_change_without_message_ids_relies_on_intake_dedupe(
    store: Store, dovecot: DovecotServer, imap_user: str, ingest: Callable[..., Any]
) -> None:
    folder = "NoIds"
    originals = [synthetic_message(message_id=False) for _ in range(2)]
    dovecot.append(imap_user, originals, folder)
    m = make_mailbox(store, dovecot, imap_user, folder=folder)
    assert poll_mailbox(store, m, ingest=ingest).new == 2
    rebuild_folder(dovecot, imap_user, folder, refreshed(store, m).uidvalidity, originals)
    result = poll_mailbox(store, refreshed(store, m), ingest=ingest)
    assert result.status is Status.RESYNCED
    assert (result.fetched, result.new, result.duplicate, result.skipped_known) == (2, 0, 2, 0)
    assert contact_count(store) == 2


def test_server_arrival_time_stands_in_for_a_missing_date(
    store: Store, dovecot: DovecotServer, imap_user: str, ingest: Callable[..., Any]
) -> None:
    arrived = dt.datetime(2026, 3, 2, 14, 30, tzinfo=dt.UTC)
    c = dovecot.client(imap_user)
    try:
        c.append("INBOX", synthetic_message(date=False), msg_time=arrived)
    finally:
        c.logout()
    m = make_mailbox(store, dovecot, imap_user)
    assert poll_mailbox(store, m, ingest=ingest).new == 1
    received = store.db.execute("SELECT received_at FROM contacts").fetchone()[0]
    assert dt.datetime.fromisoformat(received.replace("Z", "+00:00")) == arrived


def test_cli_poll_once_against_dovecot(tmp_path: Any, dovecot: DovecotServer, imap_user: str) -> None:
    from click.testing import CliRunner

    from mashdesk.cli import cli

    db = str(tmp_path / "cli.db")
    dovecot.append(imap_user, [synthetic_message() for _ in range(3)])
    runner = CliRunner()
    added = runner.invoke(
        cli,
        [
            "--db",
            db,
            "mailbox",
            "add",
            "frontdoor",
            "--host",
            "127.0.0.1",
            "--port",
            str(dovecot.port),
            "--security",
            "none",
            "--user",
            imap_user,
            "--password-stdin",
        ],
        input=dovecot.passwords[imap_user] + "\n",
    )
    assert added.exit_code == 0, added.output
    polled = runner.invoke(cli, ["--db", db, "poll", "--once", "--json"])
    assert polled.exit_code == 0, polled.output
    line = json.loads(polled.output.strip().splitlines()[-1])
    assert (line["mailbox"], line["status"], line["new"]) == ("frontdoor", "ok", 3)
    again = runner.invoke(cli, ["--db", db, "poll", "--once", "--json"])
    assert json.loads(again.output.strip().splitlines()[-1])["fetched"] == 0
    listed = runner.invoke(cli, ["--db", db, "mailbox", "list", "--json"])
    [row] = json.loads(listed.output)
    assert row["last_uid"] == 3 and row["status"] == "ok" and row["last_success_at"]


@pytest.mark.parametrize("server_has_move", [True, False])
def test_unmoved_mail_is_moved_next_poll_without_refetch(
    store: Store,
    dovecot: DovecotServer,
    imap_user: str,
    ingest: Callable[..., Any],
    server_has_move: bool,
) -> None:
    """Mail taken in but not moved (the connection dropped before the move) is moved by the
    next poll and not ingested again; servers without MOVE get COPY + \\Deleted + UID EXPUNGE."""
    dovecot.append(imap_user, [synthetic_message() for _ in range(3)])
    m = make_mailbox(store, dovecot, imap_user)
    assert poll_mailbox(store, m, ingest=ingest).new == 3
    with store.write() as db:
        db.execute("UPDATE mailboxes SET move_to = 'Done' WHERE id = ?", [m.id])
    dovecot.append(imap_user, [synthetic_message()])

    def connect(mailbox: Mailbox, timeout: float) -> Any:
        client = poll_module.connect(mailbox, timeout)
        if not server_has_move:
            real = client.has_capability
            client.has_capability = lambda cap: cap.upper() != "MOVE" and real(cap)
        return client

    result = poll_mailbox(store, refreshed(store, m), ingest=ingest, connect=connect)
    assert (result.status, result.fetched, result.new, result.moved) == (Status.OK, 1, 1, 4)
    assert dovecot.uids(imap_user) == []
    assert len(dovecot.uids(imap_user, "Done")) == 4
    assert_exactly_once(store, 4)


def test_cli_mailbox_check(tmp_path: Any, dovecot: DovecotServer, imap_user: str) -> None:
    from click.testing import CliRunner

    from mashdesk.cli import cli

    db = str(tmp_path / "check.db")
    dovecot.append(imap_user, [synthetic_message(), synthetic_message()])
    runner = CliRunner()
    for name, secret in (("good", dovecot.passwords[imap_user]), ("bad", "wrong")):
        args = ["--db", db, "mailbox", "add", name, "--host", "127.0.0.1", "--user", imap_user]
        args += ["--port", str(dovecot.port), "--security", "none", "--password-stdin"]
        assert runner.invoke(cli, args, input=secret + "\n").exit_code == 0
    good = runner.invoke(cli, ["--db", db, "mailbox", "check", "good"])
    assert good.exit_code == 0 and "holds 2 message(s)" in good.output
    bad = runner.invoke(cli, ["--db", db, "mailbox", "check", "bad"])
    assert bad.exit_code == 1 and "auth_failed" in bad.output
    # checking never takes mail in
    listed = runner.invoke(cli, ["--db", db, "mailbox", "list", "--json"])
    assert [r["last_uid"] for r in json.loads(listed.output)] == [0, 0]


def test_tls_and_starttls_with_the_servers_ca(
    store: Store, tls_dovecot: DovecotServer, ingest: Callable[..., Any]
) -> None:
    tls_dovecot.add_user("secure", "synthetic-secure")
    c = tls_dovecot.client("secure")  # delivery over the plain port; the server allows it
    c.append("INBOX", synthetic_message())
    c.logout()
    ca = str(tls_dovecot.ca_file)
    implicit = make_mailbox(
        store,
        tls_dovecot,
        "secure",
        name="implicit",
        port=tls_dovecot.imaps_port,
        security=Security.TLS,
        ca_file=ca,
    )
    upgraded = make_mailbox(store, tls_dovecot, "secure", name="upgraded", security=Security.STARTTLS, ca_file=ca)
    untrusted = make_mailbox(
        store,
        tls_dovecot,
        "secure",
        name="untrusted",
        port=tls_dovecot.imaps_port,
        security=Security.TLS,
    )
    first = poll_mailbox(store, implicit, ingest=ingest)
    assert (first.status, first.new) == (Status.OK, 1)
    second = poll_mailbox(store, upgraded, ingest=ingest)
    assert (second.status, second.fetched, second.duplicate) == (Status.OK, 1, 1)
    # a self-signed certificate the system does not trust is refused before any login
    refused = poll_mailbox(store, untrusted, ingest=ingest, timeout=5)
    assert refused.status is Status.TLS_ERROR
    assert "CERTIFICATE_VERIFY_FAILED" in (refused.error or "")
    assert_exactly_once(store, 1)
