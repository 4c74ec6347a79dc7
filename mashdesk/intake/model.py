"""What the intake produces: drafts of contacts before they are stored, and item outcomes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Referrer:
    name: str | None = None
    email: str | None = None
    phone: str | None = None
    organisation: str | None = None
    role: str | None = None


@dataclass
class AttachmentDraft:
    filename: str | None
    content_type: str | None
    size: int
    sha256: str
    data: bytes = field(repr=False, default=b"")
    origin: str = "mime"  # mime, msg, tnef, nested


@dataclass
class ChildDraft:
    name: str | None
    dob: dt.date | None = None
    edd: dt.date | None = None
    unborn: bool = False
    address: str | None = None
    postcode: str | None = None
    school: str | None = None
    confidence: float = 0.5
    source_field: str = "body"  # body, subject, attachment:<name>, call_notes
    span: tuple[int, int] | None = None
    evidence: str = ""

    def age_on(self, day: dt.date) -> int | None:
        if self.dob is None:
            return None
        years = day.year - self.dob.year - ((day.month, day.day) < (self.dob.month, self.dob.day))
        return max(years, 0)


@dataclass
class ContactDraft:
    """A parsed contact, ready to store; nothing here has touched the store yet."""

    channel: str
    received_at: dt.datetime
    received_at_basis: str  # header, call_start, file_time
    subject: str = ""
    body_text: str = ""
    new_text_end: int | None = None  # body_text[:new_text_end] is the new text; the rest quoted
    body_html: str | None = None  # sanitised HTML, for display only
    message_id: str | None = None
    referrer: Referrer = field(default_factory=Referrer)
    source_code: str = "10"
    source_evidence: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    call: dict[str, Any] | None = None
    attachments: list[AttachmentDraft] = field(default_factory=list)
    children: list[ChildDraft] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    synthetic: bool = False

    @property
    def new_text(self) -> str:
        return self.body_text if self.new_text_end is None else self.body_text[: self.new_text_end]


@dataclass
class ParsedItem:
    """One message or call row from an input: a draft, or the reason it was quarantined."""

    source: str  # the file path, or PATH#N for the Nth item of a multi-item file
    raw: bytes = field(repr=False, default=b"")
    raw_sha256: str = ""
    draft: ContactDraft | None = None
    quarantine_reason: str | None = None
    quarantine_detail: str | None = None
    index: int | None = None
    path: str = ""  # the file this item came from
    file_sha256: str = ""  # the whole file's hash (for multi-item files)
    file_kind: str = ""
    raw_path: str | None = None  # oversized inputs: bytes are streamed from here, never loaded
    rows: Any = None  # store_ops.StoreRows, serialised beside parsing (worker processes)
