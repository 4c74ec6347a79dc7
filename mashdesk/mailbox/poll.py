"""Polling IMAP mailboxes: fetch new messages by UID and hand each one to the intake.

Exactly-once: a message's contact (or quarantine record) and the mailbox's new reading position
commit in one transaction, so a crash or a dropped connection can at worst re-fetch a message
whose transaction never committed. The intake's own de-duplication (Message-ID, bytes) covers
the rest, including a folder re-read after the server resets UIDVALIDITY.
"""

from __future__ import annotations

import ast
import datetime as dt
import email.parser
import email.policy
import hashlib
import imaplib
import logging
import ssl
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from imapclient import IMAPClient
from imapclient.exceptions import LoginError

from mashdesk.mailbox import passwords
from mashdesk.mailbox import queries as q
from mashdesk.mailbox.model import Mailbox, PollResult, Security, Status
from mashdesk.progress import NullProgress, Progress
from mashdesk.store import Store

log = logging.getLogger(__name__)

BATCH_MESSAGES = 25
BATCH_BYTES = 8 * 1024 * 1024


class IngestReportLike(Protocol):
    new: int
    duplicate: int
    quarantined: int
    contact_ids: list[int]


class IngestFn(Protocol):
    def __call__(
        self,
        store: Store,
        data: bytes,
        source: str,
        *,
        received_fallback: dt.datetime | None = None,
    ) -> IngestReportLike: ...


ConnectFn = Callable[[Mailbox, float], IMAPClient]
PasswordFn = Callable[[str], str | None]


@dataclass(frozen=True)
class Backoff:
    """Exponential backoff after failed polls: base, 2*base, 4*base ... capped."""

    base: float = 60.0
    cap: float = 900.0

    def delay(self, failures: int) -> float:
        if failures <= 0:
            return 0.0
        return float(min(self.cap, self.base * 2 ** min(failures - 1, 30)))


class _Step:
    """Where a poll is, so a fault can be named by the step it interrupted."""

    def __init__(self) -> None:
        self.name = "connect"


class PollFailure(Exception):
    def __init__(self, status: Status, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail


def connect(mailbox: Mailbox, timeout: float) -> IMAPClient:
    """Open a connection as the mailbox's security setting says (certificates verified against
    the system's CAs, or only the mailbox's own CA file when it has one)."""
    try:
        context = ssl.create_default_context(cafile=mailbox.ca_file)
    except (OSError, ssl.SSLError) as exc:
        raise PollFailure(Status.TLS_ERROR, f"cannot use the CA file {mailbox.ca_file!r}: {exc}") from exc
    if mailbox.security is Security.TLS:
        client = IMAPClient(mailbox.host, mailbox.port, ssl=True, ssl_context=context, timeout=timeout)
    else:
        client = IMAPClient(mailbox.host, mailbox.port, ssl=False, timeout=timeout)
        if mailbox.security is Security.STARTTLS:
            client.starttls(context)
    client.normalise_times = False  # INTERNALDATE as an aware datetime, not local naive time
    return client


def _default_ingest() -> IngestFn:
    from mashdesk.intake import ingest_bytes

    return ingest_bytes


def is_due(mailbox: Mailbox, now: dt.datetime) -> bool:
    if not mailbox.enabled:
        return False
    if mailbox.next_attempt_at is None:
        return True
    return now >= dt.datetime.fromisoformat(mailbox.next_attempt_at)


def _message_id(raw: bytes) -> str | None:
    try:
        headers = email.parser.BytesHeaderParser(policy=email.policy.compat32).parsebytes(raw)
        value = headers.get("Message-ID")
    except Exception:  # noqa: BLE001 - a header we cannot read just means no Message-ID
        return None
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def _batches(uids: Sequence[int], sizes: dict[int, int]) -> Iterable[list[int]]:
    batch: list[int] = []
    total = 0
    for uid in uids:
        size = sizes.get(uid, 0)
        if batch and (len(batch) >= BATCH_MESSAGES or total + size > BATCH_BYTES):
            yield batch
            batch, total = [], 0
        batch.append(uid)
        total += size
    if batch:
        yield batch


def _server_text(exc: BaseException) -> str:
    """The exception's message, without the b'...' wrapping imaplib gives server replies."""
    text = str(exc)
    if len(text) > 2 and text[0] == "b" and text[1] in "'\"" and text[-1] == text[1]:
        try:
            value = ast.literal_eval(text)
        except (ValueError, SyntaxError):
            return text
        if isinstance(value, bytes):
            return value.decode("utf-8", "replace")
    return text


def _classify(exc: BaseException, phase: str) -> tuple[Status, str]:
    """Map an exception to a status the user can act on, given where in the poll it happened."""
    message = _server_text(exc)
    text = f"{type(exc).__name__}: {message}" if message else type(exc).__name__
    if isinstance(exc, PollFailure):
        return exc.status, exc.detail
    if isinstance(exc, passwords.KeyringUnavailable):
        return Status.NO_PASSWORD, str(exc)
    if isinstance(exc, ssl.SSLCertVerificationError):
        return Status.TLS_ERROR, text
    if isinstance(exc, LoginError):
        return Status.AUTH_FAILED, f"login refused: {message}"
    if phase == "connect":
        if isinstance(exc, ssl.SSLError | ssl.CertificateError):
            return Status.TLS_ERROR, text
        if isinstance(exc, OSError | imaplib.IMAP4.abort):
            return Status.SERVER_DOWN, text
        if isinstance(exc, imaplib.IMAP4.error):
            # e.g. STARTTLS offered but refused
            return Status.TLS_ERROR, text
    if isinstance(exc, OSError | imaplib.IMAP4.abort | EOFError):
        return Status.CONNECTION_LOST, f"during {phase}: {text}"
    if isinstance(exc, imaplib.IMAP4.error) and phase == "select":
        return Status.FOLDER_MISSING, text
    return Status.PROTOCOL_ERROR, f"during {phase}: {text}"


def poll_mailbox(
    store: Store,
    mailbox: Mailbox,
    progress: Progress | None = None,
    *,
    ingest: IngestFn | None = None,
    password: PasswordFn = passwords.get_password,
    connect: ConnectFn = connect,
    backoff: Backoff = Backoff(),
    timeout: float = 30.0,
    clock: Callable[[], dt.datetime] = q.utcnow,
) -> PollResult:
    """Poll one mailbox once. Never raises for network, server or message faults: the outcome
    is in the returned PollResult and on the mailbox's row (status, last_error, backoff)."""
    progress = progress or NullProgress()
    started = time.monotonic()
    attempted = clock()
    current = q.get_mailbox_by_id(store, mailbox.id)
    if current is None:
        return PollResult(mailbox.name, Status.PROTOCOL_ERROR, error="mailbox was removed")
    result = PollResult(current.name, Status.OK)
    client: IMAPClient | None = None
    step = _Step()
    detail: str | None = None
    try:
        secret = password(current.name)
        if secret is None:
            raise PollFailure(Status.NO_PASSWORD, f"no password in the keyring for {current.name!r}")
        client = connect(current, timeout)
        step.name = "login"
        client.login(current.username, secret)
        step.name = "select"
        detail = _run(store, client, current, result, progress, ingest or _default_ingest(), step)
    except PollFailure as failure:
        result.status, result.error = failure.status, failure.detail
    except Exception as exc:  # noqa: BLE001 - every fault becomes a status, never a crash
        result.status, result.error = _classify(exc, step.name)
        if result.status is Status.PROTOCOL_ERROR:
            log.exception("mailbox %s: unexpected error", current.name)
    finally:
        if client is not None:
            _close_quietly(client)
    result.seconds = time.monotonic() - started
    failures = current.failures + 1 if result.status.is_failure else 0
    next_attempt = attempted + dt.timedelta(seconds=backoff.delay(failures)) if failures else None
    q.record_outcome(
        store,
        current.id,
        status=result.status,
        detail=result.error if result.status.is_failure else (result.error or detail),
        attempted_at=attempted,
        failures=failures,
        next_attempt_at=next_attempt,
    )
    log.info(
        "mailbox %s: %s fetched=%d new=%d duplicate=%d quarantined=%d moved=%d in %.2fs%s",
        result.mailbox,
        result.status.value,
        result.fetched,
        result.new,
        result.duplicate,
        result.quarantined,
        result.moved,
        result.seconds,
        f" ({result.error})" if result.error else "",
    )
    return result


def _close_quietly(client: IMAPClient) -> None:
    try:
        client.logout()
    except Exception:  # noqa: BLE001 - the connection may already be gone; nothing to keep
        try:
            client.shutdown()
        except Exception:  # noqa: BLE001
            pass


def _run(
    store: Store,
    client: IMAPClient,
    mailbox: Mailbox,
    result: PollResult,
    progress: Progress,
    ingest: IngestFn,
    step: _Step,
) -> str | None:
    """Select, work out where to start, fetch and ingest, then move. Returns a status detail."""
    if mailbox.move_to and not client.folder_exists(mailbox.move_to):
        try:
            client.create_folder(mailbox.move_to)
        except imaplib.IMAP4.abort:
            raise
        except imaplib.IMAP4.error as exc:
            raise PollFailure(
                Status.FOLDER_MISSING,
                f"the move-to folder {mailbox.move_to!r} is missing and could not be made: {exc}",
            ) from exc
    info = client.select_folder(mailbox.folder, readonly=mailbox.move_to is None)
    try:
        uidvalidity = int(info[b"UIDVALIDITY"])
    except (KeyError, TypeError, ValueError) as exc:
        raise PollFailure(Status.PROTOCOL_ERROR, "the server sent no UIDVALIDITY") from exc
    uidnext = info.get(b"UIDNEXT")
    detail: str | None = None
    known: dict[str, tuple[str, int | None]] = {}

    if mailbox.uidvalidity is None:
        start = 0
        if mailbox.skip_existing:
            if uidnext is not None:
                start = int(uidnext) - 1
            else:
                start = max(client.search(["ALL"]) or [0])
        q.start_from(store, mailbox.id, uidvalidity, start)
        last_uid = start
    elif mailbox.uidvalidity != uidvalidity:
        result.resynced = True
        known = q.known_messages(store, mailbox.id)
        q.start_from(store, mailbox.id, uidvalidity, 0)
        last_uid = 0
        detail = f"UIDVALIDITY changed from {mailbox.uidvalidity} to {uidvalidity}; re-read the folder"
    else:
        last_uid = mailbox.last_uid

    step.name = "search"
    found = client.search(["UID", f"{last_uid + 1}:*"])
    # "n:*" always matches the highest UID, even when it is below n
    uids = sorted(int(u) for u in found if int(u) > last_uid)
    cancelled = False
    if uids:
        step.name = "fetch"
        cancelled = _fetch_and_ingest(store, client, mailbox, uidvalidity, uids, known, result, progress, ingest)
    if result.resynced:
        detail = f"{detail}: {result.new} new, {result.duplicate + result.skipped_known} already held"
        result.status = Status.RESYNCED
    if cancelled:
        result.status = Status.CANCELLED
        return detail
    if mailbox.move_to:
        step.name = "move"
        try:
            _move_processed(store, client, mailbox, result)
        except (OSError, imaplib.IMAP4.abort):
            raise
        except imaplib.IMAP4.error as exc:
            result.status = Status.MOVE_FAILED
            return f"moving to {mailbox.move_to!r} failed: {exc}"
    return detail


def _fetch_and_ingest(
    store: Store,
    client: IMAPClient,
    mailbox: Mailbox,
    uidvalidity: int,
    uids: list[int],
    known: dict[str, tuple[str, int | None]],
    result: PollResult,
    progress: Progress,
    ingest: IngestFn,
) -> bool:
    """Fetch `uids` in batches and ingest each; returns True when cancelled part-way."""
    want = ["RFC822.SIZE"]
    if known:
        want.append("BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]")
    meta = client.fetch(uids, want)
    sizes = {int(u): int(d.get(b"RFC822.SIZE", 0)) for u, d in meta.items()}
    total = len(uids)
    done = 0
    source_base = f"{mailbox.address};UIDVALIDITY={uidvalidity}"

    if known:
        remaining = []
        for uid in uids:
            header = meta.get(uid, {}).get(b"BODY[HEADER.FIELDS (MESSAGE-ID)]")
            mid = _message_id(header) if header else None
            if mid is not None and mid in known:
                sha, contact_id = known[mid]
                q.record_message(
                    store,
                    mailbox.id,
                    uidvalidity=uidvalidity,
                    uid=uid,
                    message_id=mid,
                    size=sizes.get(uid, 0),
                    raw_sha256=sha,
                    outcome="duplicate",
                    contact_id=contact_id,
                )
                result.skipped_known += 1
                done += 1
            else:
                remaining.append(uid)
        uids = remaining

    progress.report(done, total, f"{mailbox.name}: {total} message(s) to fetch")
    for batch in _batches(uids, sizes):
        if progress.cancelled():
            return True
        fetched = client.fetch(batch, ["BODY.PEEK[]", "INTERNALDATE"])
        for uid in batch:
            if progress.cancelled():
                return True
            data = fetched.get(uid)
            raw = data.get(b"BODY[]") if data else None
            if raw is None:
                # expunged by someone else between SEARCH and FETCH; UIDs are never reused
                done += 1
                continue
            arrived = data.get(b"INTERNALDATE") if data else None
            if not isinstance(arrived, dt.datetime) or arrived.tzinfo is None:
                arrived = None
            _ingest_one(store, mailbox, uidvalidity, uid, bytes(raw), arrived, source_base, result, ingest)
            done += 1
            progress.report(done, total, f"{mailbox.name}: message {done} of {total}")
    return False


def _ingest_one(
    store: Store,
    mailbox: Mailbox,
    uidvalidity: int,
    uid: int,
    raw: bytes,
    arrived: dt.datetime | None,
    source_base: str,
    result: PollResult,
    ingest: IngestFn,
) -> None:
    """Ingest one message and advance the reading position in the same transaction."""
    sha = hashlib.sha256(raw).hexdigest()
    try:
        with store.write():
            # the server's arrival time stands in when the message has no usable Date header
            report = ingest(store, raw, f"{source_base}/;UID={uid}", received_fallback=arrived)
            if report.new:
                outcome = "new"
            elif report.quarantined:
                outcome = "quarantined"
            else:
                outcome = "duplicate"
            contact_id = report.contact_ids[0] if report.contact_ids else None
            q.record_message(
                store,
                mailbox.id,
                uidvalidity=uidvalidity,
                uid=uid,
                message_id=_message_id(raw),
                size=len(raw),
                raw_sha256=sha,
                outcome=outcome,
                contact_id=contact_id,
            )
    except Exception as exc:
        raise PollFailure(Status.INTAKE_ERROR, f"message UID {uid} could not be taken in: {exc!r}") from exc
    result.fetched += 1
    result.first_uid = uid if result.first_uid is None else result.first_uid
    result.last_uid = uid
    if outcome == "new":
        result.new += 1
        result.contact_ids.extend(report.contact_ids)
    elif outcome == "quarantined":
        result.quarantined += 1
    else:
        result.duplicate += 1


def _move_processed(store: Store, client: IMAPClient, mailbox: Mailbox, result: PollResult) -> None:
    """Move every message at or below the reading position (all of them ingested) out of the
    folder; running this each poll also finishes a move that a dropped connection interrupted."""
    current = q.get_mailbox_by_id(store, mailbox.id)
    last_uid = current.last_uid if current else 0
    if last_uid <= 0 or not mailbox.move_to:
        return
    done = [int(u) for u in client.search(["UID", f"1:{last_uid}", "UNDELETED"])]
    done = [u for u in done if u <= last_uid]
    if not done:
        return
    if client.has_capability("MOVE"):
        client.move(done, mailbox.move_to)
    else:
        client.copy(done, mailbox.move_to)
        client.delete_messages(done)
        if client.has_capability("UIDPLUS"):
            client.uid_expunge(done)
        # without UIDPLUS a plain EXPUNGE would also remove mail others marked deleted
    result.moved += len(done)


def check_mailbox(
    mailbox: Mailbox,
    *,
    password: PasswordFn = passwords.get_password,
    connect: ConnectFn = connect,
    timeout: float = 30.0,
) -> tuple[bool, str]:
    """Connect, log in and open the folder read-only; (ok, message). Changes nothing."""
    client: IMAPClient | None = None
    step = _Step()
    try:
        secret = password(mailbox.name)
        if secret is None:
            return False, f"{Status.NO_PASSWORD.value}: no password in the keyring"
        client = connect(mailbox, timeout)
        step.name = "login"
        client.login(mailbox.username, secret)
        step.name = "select"
        info = client.select_folder(mailbox.folder, readonly=True)
        return True, (
            f"ok: folder {mailbox.folder!r} holds {int(info.get(b'EXISTS', 0))} message(s), "
            f"UIDVALIDITY {info.get(b'UIDVALIDITY')}"
        )
    except Exception as exc:  # noqa: BLE001 - reported, not raised
        status, detail = _classify(exc, step.name)
        return False, f"{status.value}: {detail}"
    finally:
        if client is not None:
            _close_quietly(client)


def poll_all(
    store: Store,
    progress: Progress | None = None,
    *,
    names: Sequence[str] | None = None,
    respect_backoff: bool = True,
    clock: Callable[[], dt.datetime] = q.utcnow,
    **kwargs: Any,
) -> list[PollResult]:
    """Poll every enabled mailbox (or those named) that is due; one result per mailbox polled."""
    progress = progress or NullProgress()
    results = []
    for mailbox in q.list_mailboxes(store, enabled_only=names is None):
        if names is not None and mailbox.name not in names:
            continue
        if respect_backoff and not is_due(mailbox, clock()):
            continue
        if progress.cancelled():
            break
        results.append(poll_mailbox(store, mailbox, progress, clock=clock, **kwargs))
    return results
