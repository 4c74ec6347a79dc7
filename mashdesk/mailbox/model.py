"""What a mailbox is, what one poll of it found, and the status words shown to users."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Security(StrEnum):
    TLS = "tls"  # implicit TLS, usually port 993
    STARTTLS = "starttls"  # plain connection upgraded before login, usually port 143
    NONE = "none"  # no encryption: loopback and test servers only

    @property
    def default_port(self) -> int:
        return 993 if self is Security.TLS else 143


class Status(StrEnum):
    """A mailbox's state after its latest poll; stored in mailboxes.status."""

    NEW = "new"  # never polled
    OK = "ok"
    RESYNCED = "resynced"  # polled fine, but the server reset UIDVALIDITY so the folder was re-read
    CANCELLED = "cancelled"
    SERVER_DOWN = "server_down"  # cannot connect: refused, timed out, unknown host
    TLS_ERROR = "tls_error"
    AUTH_FAILED = "auth_failed"
    NO_PASSWORD = "no_password"  # the keyring holds no password for this mailbox
    FOLDER_MISSING = "folder_missing"
    CONNECTION_LOST = "connection_lost"  # dropped mid-session; what was ingested is kept
    PROTOCOL_ERROR = "protocol_error"  # the server answered something we cannot use
    INTAKE_ERROR = "intake_error"  # intake raised instead of quarantining; the message is retried
    MOVE_FAILED = "move_failed"  # mail taken in, but not moved to the processed folder

    @property
    def is_failure(self) -> bool:
        """A failed poll: counts towards backoff and leaves last_success_at alone."""
        return self not in (
            Status.NEW,
            Status.OK,
            Status.RESYNCED,
            Status.CANCELLED,
            Status.MOVE_FAILED,
        )

    @property
    def needs_attention(self) -> bool:
        return self.is_failure or self is Status.MOVE_FAILED


STATUS_TEXT: dict[Status, str] = {
    Status.NEW: "Not polled yet",
    Status.OK: "OK",
    Status.RESYNCED: "OK (folder re-synchronised after the server reset its message numbers)",
    Status.CANCELLED: "Stopped before the end; the rest comes next poll",
    Status.SERVER_DOWN: "Cannot reach the mail server",
    Status.TLS_ERROR: "Secure connection failed (certificate or TLS settings)",
    Status.AUTH_FAILED: "The mail server refused the user name or password",
    Status.NO_PASSWORD: "No password saved for this mailbox (mailbox set-password)",
    Status.FOLDER_MISSING: "The folder does not exist on the server",
    Status.CONNECTION_LOST: "Connection dropped during the poll; it will resume",
    Status.PROTOCOL_ERROR: "The mail server gave an unexpected answer",
    Status.INTAKE_ERROR: "A message could not be taken in; it will be retried",
    Status.MOVE_FAILED: "Mail taken in, but not moved to the processed folder",
}


@dataclass(frozen=True)
class Mailbox:
    """One row of the mailboxes table."""

    id: int
    name: str
    host: str
    port: int
    security: Security
    username: str
    folder: str = "INBOX"
    move_to: str | None = None
    skip_existing: bool = False
    enabled: bool = True
    uidvalidity: int | None = None
    last_uid: int = 0
    last_success_at: str | None = None
    last_attempt_at: str | None = None
    last_error: str | None = None
    status: Status = Status.NEW
    status_detail: str | None = None
    failures: int = 0
    next_attempt_at: str | None = None
    created_at: str = ""
    ca_file: str | None = None  # PEM file of the CA to trust instead of the system's

    @property
    def address(self) -> str:
        """Where this mailbox lives, for messages and provenance (never includes the password)."""
        return f"imap://{self.username}@{self.host}:{self.port}/{self.folder}"


@dataclass
class PollResult:
    """What one poll of one mailbox did."""

    mailbox: str
    status: Status
    fetched: int = 0
    new: int = 0
    duplicate: int = 0
    quarantined: int = 0
    moved: int = 0
    skipped_known: int = 0  # after a UIDVALIDITY reset: already held, matched by Message-ID
    resynced: bool = False
    first_uid: int | None = None
    last_uid: int | None = None
    error: str | None = None
    seconds: float = 0.0
    contact_ids: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.status.is_failure
