"""Fixtures for mailbox tests: a store, an in-memory keyring, a real Dovecot, synthetic mail."""

from __future__ import annotations

import email.utils
import hashlib
import itertools
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from mashdesk.store import Store
from tests.mailbox.dovecot_server import DovecotServer, dovecot_binary, running_dovecot
from tests.mailbox.memory_keyring import MemoryKeyring, use_memory_keyring

_counter = itertools.count(1)


@pytest.fixture(autouse=True)
def memory_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    """Every mailbox test uses a fresh in-memory keyring, never the machine's real one."""
    yield from use_memory_keyring(monkeypatch)


def synthetic_message(n: int | None = None, *, body_kb: int = 1, message_id: bool = True, date: bool = True) -> bytes:
    """A synthetic referral email (no real person), unique per call."""
    n = n if n is not None else next(_counter)
    mid = f"Message-ID: <synthetic-{n}-{next(_counter)}@mashdesk.test.invalid>\r\n"
    when = f"Date: {email.utils.format_datetime(email.utils.localtime())}\r\n"
    filler = ("Synthetic test text for MASHdesk mailbox polling. " * 20 + "\r\n") * body_kb
    return (
        "From: Synthetic School DSL <dsl@school.test.invalid>\r\n"
        "To: Front Door <mash@council.test.invalid>\r\n"
        f"Subject: SYNTHETIC referral {n}\r\n"
        f"{when if date else ''}"
        f"{mid if message_id else ''}"
        "MIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n"
        "\r\n"
        f"SYNTHETIC TEST DATA. Concern about Child Synthetic-{n} (DOB 01/02/2015).\r\n"
        f"{filler}"
    ).encode()


# A message the intake cannot parse and must quarantine.
UNPARSEABLE = b"\x00\x01\x02 this is not an RFC 822 message \xff\xfe\r\n"


@dataclass
class FakeReport:
    new: int = 0
    duplicate: int = 0
    linked: int = 0
    quarantined: int = 0
    contact_ids: list[int] = field(default_factory=list)


def fake_ingest_bytes(store: Store, data: bytes, source: str, *, received_fallback: Any = None) -> FakeReport:
    """Stand-in for mashdesk.intake.ingest_bytes until the intake is on main: the same tables,
    de-duplication by bytes and Message-ID, quarantine of what does not parse."""
    import email.parser
    import email.policy

    now = "2026-01-01T00:00:00+00:00"
    sha = hashlib.sha256(data).hexdigest()
    msg = email.parser.BytesParser(policy=email.policy.compat32).parsebytes(data)
    mid = msg.get("Message-ID")
    with store.write() as db:
        db.execute(
            "INSERT OR IGNORE INTO raw_blobs (sha256, size, data, stored_at) VALUES (?,?,?,?)",
            [sha, len(data), data, now],
        )
        row = db.execute(
            "SELECT id FROM contacts WHERE raw_sha256 = ? OR (message_id IS NOT NULL AND message_id = ?)",
            [sha, mid],
        ).fetchone()
        if row:
            return FakeReport(duplicate=1)
        if msg.get("From") is None:
            db.execute(
                "INSERT OR IGNORE INTO quarantine (raw_sha256, source_path, reason, created_at) VALUES (?,?,?,?)",
                [sha, source, "unparseable", now],
            )
            return FakeReport(quarantined=1)
        cur = db.execute(
            "INSERT INTO contacts (raw_sha256, source_path, channel, received_at, "
            "received_at_basis, message_id, subject, decision_due, ingested_at, synthetic) "
            "VALUES (?,?,?,?,?,?,?,?,?,1)",
            [sha, source, "email", now, "header", mid, msg.get("Subject"), now, now],
        )
        return FakeReport(new=1, contact_ids=[int(cur.lastrowid or 0)])


def _real_ingest() -> Callable[..., Any] | None:
    try:
        from mashdesk.intake import ingest_bytes
    except ImportError:
        return None
    fn: Callable[..., Any] = ingest_bytes
    return fn


@pytest.fixture
def ingest() -> Callable[..., Any]:
    """The real intake when it exists, else the stand-in above."""
    return _real_ingest() or fake_ingest_bytes


def contact_count(store: Store) -> int:
    return int(store.db.execute("SELECT count(*) FROM contacts").fetchone()[0])


def quarantine_count(store: Store) -> int:
    return int(store.db.execute("SELECT count(*) FROM quarantine").fetchone()[0])


def message_ids_in_contacts(store: Store) -> list[str]:
    return [r[0] for r in store.db.execute("SELECT message_id FROM contacts").fetchall()]


@pytest.fixture(scope="session")
def dovecot_bin() -> str:
    binary = dovecot_binary()
    if binary is None:
        reason = "no dovecot binary: install it with .ci/install-dovecot.sh (dovecot-imapd)"
        if os.environ.get("CI") == "true" and os.environ.get("MASHDESK_DOVECOT") != "none":
            pytest.fail(f"{reason}; CI must run the IMAP tests, not skip them")
        pytest.skip(reason)
    return binary


@pytest.fixture(scope="session")
def dovecot(dovecot_bin: str) -> Iterator[DovecotServer]:
    """One Dovecot for the session; tests isolate themselves by using their own user."""
    with running_dovecot(dovecot_bin) as server:
        yield server


@pytest.fixture(scope="session")
def tls_dovecot(dovecot_bin: str) -> Iterator[DovecotServer]:
    """A Dovecot offering implicit TLS and STARTTLS with a throwaway self-signed certificate."""
    with running_dovecot(dovecot_bin, tls=True) as server:
        yield server


@pytest.fixture
def own_dovecot(dovecot_bin: str) -> Iterator[DovecotServer]:
    """A Dovecot for one test, free to be stopped and restarted."""
    with running_dovecot(dovecot_bin) as server:
        yield server


@pytest.fixture
def imap_user(dovecot: DovecotServer, memory_keyring: MemoryKeyring) -> str:
    name = f"user{next(_counter)}"
    dovecot.add_user(name, f"synthetic-pass-{name}")
    return name
