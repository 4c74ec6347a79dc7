"""Store queries for mailboxes: the only SQL the mailbox capability runs."""

from __future__ import annotations

import datetime as dt
from typing import Any

from mashdesk.mailbox.model import Mailbox, Security, Status
from mashdesk.store import Store


class MailboxError(Exception):
    """A mailbox cannot be added, found or used; the message says why in plain words."""


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


def _row_to_mailbox(row: dict[str, Any]) -> Mailbox:
    return Mailbox(
        id=row["id"],
        name=row["name"],
        host=row["host"],
        port=row["port"],
        security=Security(row["security"]),
        username=row["username"],
        folder=row["folder"],
        move_to=row["move_to"],
        skip_existing=bool(row["skip_existing"]),
        enabled=bool(row["enabled"]),
        uidvalidity=row["uidvalidity"],
        last_uid=row["last_uid"],
        last_success_at=row["last_success_at"],
        last_attempt_at=row["last_attempt_at"],
        last_error=row["last_error"],
        status=Status(row["status"]),
        status_detail=row["status_detail"],
        failures=row["failures"],
        next_attempt_at=row["next_attempt_at"],
        created_at=row["created_at"],
        ca_file=row["ca_file"],
    )


def add_mailbox(
    store: Store,
    *,
    name: str,
    host: str,
    username: str,
    security: Security = Security.TLS,
    port: int | None = None,
    folder: str = "INBOX",
    move_to: str | None = None,
    skip_existing: bool = False,
    ca_file: str | None = None,
) -> Mailbox:
    name = name.strip()
    if not name:
        raise MailboxError("a mailbox needs a name")
    if not host.strip() or not username.strip():
        raise MailboxError("a mailbox needs a host and a user name")
    if move_to is not None and move_to == folder:
        raise MailboxError("the move-to folder must differ from the folder being polled")
    if ca_file is not None and security is Security.NONE:
        raise MailboxError("a CA file only makes sense with tls or starttls")
    with store.write() as db:
        if db.execute("SELECT 1 FROM mailboxes WHERE name = ?", [name]).fetchone():
            raise MailboxError(f"a mailbox called {name!r} already exists")
        db.execute(
            """INSERT INTO mailboxes (name, host, port, security, username, folder, move_to,
                   skip_existing, ca_file, created_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [
                name,
                host.strip(),
                port or security.default_port,
                security.value,
                username.strip(),
                folder,
                move_to,
                int(skip_existing),
                ca_file,
                iso(utcnow()),
            ],
        )
    found = get_mailbox(store, name)
    assert found is not None
    return found


def get_mailbox(store: Store, name: str) -> Mailbox | None:
    rows = list(store.db.query("SELECT * FROM mailboxes WHERE name = ?", [name]))
    return _row_to_mailbox(rows[0]) if rows else None


def get_mailbox_by_id(store: Store, mailbox_id: int) -> Mailbox | None:
    rows = list(store.db.query("SELECT * FROM mailboxes WHERE id = ?", [mailbox_id]))
    return _row_to_mailbox(rows[0]) if rows else None


def list_mailboxes(store: Store, *, enabled_only: bool = False) -> list[Mailbox]:
    sql = "SELECT * FROM mailboxes"
    if enabled_only:
        sql += " WHERE enabled = 1"
    return [_row_to_mailbox(r) for r in store.db.query(sql + " ORDER BY name")]


def remove_mailbox(store: Store, name: str) -> bool:
    with store.write() as db:
        cursor = db.execute("DELETE FROM mailboxes WHERE name = ?", [name])
        return bool(cursor.rowcount)


def set_enabled(store: Store, name: str, enabled: bool) -> bool:
    with store.write() as db:
        cursor = db.execute("UPDATE mailboxes SET enabled = ? WHERE name = ?", [int(enabled), name])
        return bool(cursor.rowcount)


def start_from(store: Store, mailbox_id: int, uidvalidity: int, last_uid: int) -> None:
    """Set the reading position (first poll, or after the server reset UIDVALIDITY)."""
    with store.write() as db:
        db.execute(
            "UPDATE mailboxes SET uidvalidity = ?, last_uid = ? WHERE id = ?",
            [uidvalidity, last_uid, mailbox_id],
        )


def record_message(
    store: Store,
    mailbox_id: int,
    *,
    uidvalidity: int,
    uid: int,
    message_id: str | None,
    size: int,
    raw_sha256: str,
    outcome: str,
    contact_id: int | None,
) -> None:
    """Note a fetched message and move the reading position past it (call inside the ingest
    transaction so the contact and the position commit together)."""
    with store.write() as db:
        db.execute(
            """INSERT OR REPLACE INTO mailbox_messages (mailbox_id, uidvalidity, uid, message_id,
                   size, raw_sha256, outcome, contact_id, fetched_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [
                mailbox_id,
                uidvalidity,
                uid,
                message_id,
                size,
                raw_sha256,
                outcome,
                contact_id,
                iso(utcnow()),
            ],
        )
        db.execute(
            "UPDATE mailboxes SET last_uid = max(last_uid, ?) WHERE id = ? AND uidvalidity = ?",
            [uid, mailbox_id, uidvalidity],
        )


def known_messages(store: Store, mailbox_id: int) -> dict[str, tuple[str, int | None]]:
    """Message-ID -> (raw sha256, contact id) for everything already fetched from a mailbox."""
    rows = store.db.execute(
        "SELECT message_id, raw_sha256, contact_id FROM mailbox_messages "
        "WHERE mailbox_id = ? AND message_id IS NOT NULL ORDER BY id",
        [mailbox_id],
    ).fetchall()
    return {r[0]: (r[1], r[2]) for r in rows}


def message_count(store: Store, mailbox_id: int) -> int:
    row = store.db.execute("SELECT count(*) FROM mailbox_messages WHERE mailbox_id = ?", [mailbox_id]).fetchone()
    return int(row[0])


def record_outcome(
    store: Store,
    mailbox_id: int,
    *,
    status: Status,
    detail: str | None,
    attempted_at: dt.datetime,
    failures: int,
    next_attempt_at: dt.datetime | None,
) -> None:
    """Store the result of a poll: status, error text, failure count and when to try next."""
    fields: dict[str, Any] = {
        "status": status.value,
        "status_detail": detail,
        "last_attempt_at": iso(attempted_at),
        "failures": failures,
        "next_attempt_at": iso(next_attempt_at) if next_attempt_at else None,
    }
    if status.is_failure:
        fields["last_error"] = detail
    elif status is not Status.CANCELLED:
        fields["last_success_at"] = iso(utcnow())
        fields["last_error"] = detail if status.needs_attention else None
    sets = ", ".join(f"{k} = ?" for k in fields)
    with store.write() as db:
        db.execute(f"UPDATE mailboxes SET {sets} WHERE id = ?", [*fields.values(), mailbox_id])
