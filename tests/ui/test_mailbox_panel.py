"""The mailbox status panel and the main window's background poller (synthetic mailboxes only)."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from mashdesk import settings
from mashdesk.mailbox import STATUS_TEXT, Security, Status, add_mailbox, passwords
from tests.mailbox.dovecot_server import dovecot_binary, free_port, running_dovecot
from tests.mailbox.memory_keyring import MemoryKeyring, use_memory_keyring
from ui.app import MainWindow
from ui.mailbox_panel import LAST_OK, NAME, STATUS, WHERE, MailboxPanel, MailboxTableModel


@pytest.fixture(autouse=True)
def memory_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    """A fresh in-memory keyring per test, never the machine's real one."""
    yield from use_memory_keyring(monkeypatch)


def add_down_mailbox(store, name: str = "front-door (synthetic)"):
    """A mailbox whose server is down: nothing listens on its port."""
    m = add_mailbox(
        store, name=name, host="127.0.0.1", port=free_port(), security=Security.NONE,
        username="synthetic.user",
    )  # fmt: skip
    passwords.set_password(m.name, "synthetic-password")
    return m


def poller_threads() -> set[threading.Thread]:
    return {t for t in threading.enumerate() if t.name == "mashdesk-mailbox-poller" and t.is_alive()}


def cell(panel: MailboxPanel, row: int, column: int) -> str:
    return panel.model.data(panel.model.index(row, column))


def test_model_passes_qtmodeltester(qtmodeltester, store):
    add_down_mailbox(store, "a (synthetic)")
    add_down_mailbox(store, "b (synthetic)")
    from mashdesk.mailbox import list_mailboxes

    model = MailboxTableModel()
    model.set_mailboxes(list_mailboxes(store))
    assert model.rowCount() == 2
    qtmodeltester.check(model, force_py=True)


def test_panel_shows_a_mailbox_from_the_store(qtbot, store, make_ctx):
    m = add_down_mailbox(store)
    panel = MailboxPanel(make_ctx(store))
    qtbot.addWidget(panel)
    assert panel.model.rowCount() == 1
    assert cell(panel, 0, NAME) == m.name
    assert cell(panel, 0, WHERE) == f"127.0.0.1:{m.port} / INBOX"
    assert cell(panel, 0, STATUS) == STATUS_TEXT[Status.NEW]
    assert cell(panel, 0, LAST_OK) == "Never"
    assert panel.poller is None and "not polling" in panel.summary.text()


def test_empty_store_starts_no_poller(qtbot, store, make_ctx):
    panel = MailboxPanel(make_ctx(store))
    qtbot.addWidget(panel)
    assert panel.start_polling() is False
    assert panel.poller is None and panel.model.rowCount() == 0
    assert "No mailboxes" in panel.summary.text()


def test_poll_now_shows_server_down_in_plain_words(qtbot, store, make_ctx):
    add_down_mailbox(store)
    before = poller_threads()  # another test's poller still finishing must not count here
    settings.put(store, "mailbox_poll_seconds", 3600)  # only poll_now can cause a second round
    panel = MailboxPanel(make_ctx(store))
    qtbot.addWidget(panel)
    refreshed_on: list[threading.Thread] = []
    panel.refreshed.connect(lambda: refreshed_on.append(threading.current_thread()))
    try:
        assert panel.start_polling(timeout=5.0)
        assert panel.poller is not None and panel.poller.interval == 3600
        qtbot.waitUntil(lambda: panel.poller.rounds >= 1, timeout=10_000)
        rounds = panel.poller.rounds
        qtbot.waitUntil(lambda: len(refreshed_on) >= 1, timeout=10_000)  # round one has reached the panel
        shown = len(refreshed_on)
        panel.poll_button.click()
        assert panel.summary.text() == "Polling now…"
        qtbot.waitUntil(lambda: panel.poller.rounds > rounds, timeout=10_000)
        # The poll-now round's result reaches the panel later than its counter moves: wait for it.
        qtbot.waitUntil(lambda: len(refreshed_on) > shown, timeout=10_000)
        assert cell(panel, 0, STATUS) == STATUS_TEXT[Status.SERVER_DOWN]
    finally:
        assert panel.stop_polling()
    assert cell(panel, 0, STATUS) == "Cannot reach the mail server"
    assert cell(panel, 0, LAST_OK) == "Never"
    assert "need attention" in panel.summary.text()
    assert refreshed_on and set(refreshed_on) == {threading.main_thread()}
    assert poller_threads() <= before


def test_main_window_polls_at_the_setting_and_stops_on_close(qtbot, store, make_ctx):
    add_down_mailbox(store)
    before = poller_threads()
    settings.put(store, "mailbox_poll_seconds", 1800)
    window = MainWindow(make_ctx(store))
    qtbot.addWidget(window)
    poller = window.mailboxes.poller
    assert poller is not None and poller.running and poller.interval == 1800
    qtbot.waitUntil(lambda: cell(window.mailboxes, 0, STATUS) == STATUS_TEXT[Status.SERVER_DOWN], timeout=10_000)
    window.close()
    assert not poller.running
    assert poller_threads() <= before


def test_main_window_without_mailboxes_starts_no_thread(qtbot, store, make_ctx):
    before = poller_threads()
    window = MainWindow(make_ctx(store))
    qtbot.addWidget(window)
    assert window.mailboxes.poller is None and poller_threads() <= before
    window.close()


@pytest.mark.imap
def test_a_successful_poll_turns_mail_into_contacts(qtbot, store, make_ctx):
    from mashdesk.store import queue
    from mashdesk.synthetic import generate_contacts, to_eml_bytes

    binary = dovecot_binary()
    if binary is None:
        pytest.skip("no dovecot binary: install it with .ci/install-dovecot.sh (dovecot-imapd)")
    import datetime as dt

    when = dt.datetime(2026, 11, 20, 9, tzinfo=dt.UTC)
    mails = [to_eml_bytes(c, f"panel-{i}@synthetic.example", when) for i, c in enumerate(generate_contacts(2, seed=9))]
    with running_dovecot(binary) as server:
        server.add_user("panel", "synthetic-pass-panel")
        server.append("panel", mails)
        m = add_mailbox(
            store, name="panel (synthetic)", host="127.0.0.1", port=server.port,
            security=Security.NONE, username="panel",
        )  # fmt: skip
        passwords.set_password(m.name, "synthetic-pass-panel")
        panel = MailboxPanel(make_ctx(store))
        qtbot.addWidget(panel)
        try:
            with qtbot.waitSignal(panel.contacts_added, timeout=10_000) as added:
                assert panel.start_polling(timeout=5.0)
            qtbot.waitUntil(lambda: cell(panel, 0, STATUS) == STATUS_TEXT[Status.OK], timeout=10_000)
        finally:
            assert panel.stop_polling()
    assert [r.new for r in added.args[0]] == [2]
    assert cell(panel, 0, LAST_OK) != "Never"
    assert queue.count(store) == 2
