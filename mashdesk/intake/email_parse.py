"""RFC 822 messages to contact drafts, surviving malformed headers, charsets and MIME."""

from __future__ import annotations

import codecs
import datetime as dt
import email.utils
import functools
import hashlib
import re
from email import policy
from email.header import decode_header
from email.message import Message
from email.parser import BytesParser
from typing import Any

from mashdesk.intake.attachment_text import UnreadableDocument, docx_text, is_docx
from mashdesk.intake.children import find_children
from mashdesk.intake.model import AttachmentDraft, ContactDraft, Referrer
from mashdesk.intake.referrer import infer_source
from mashdesk.intake.text import html_to_text, normalise_newlines, sanitise_html, split_quoted
from mashdesk.timescales import LONDON

_KNOWN_HEADERS = {
    "from", "to", "subject", "date", "message-id", "received", "return-path", "mime-version",
    "content-type", "sender", "reply-to", "cc", "x-mailer", "delivered-to",
}  # fmt: skip
_PHONE_RE = re.compile(r"(?:(?:\+44\s?\(?0?\)?|\(?0)\d{2,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4})")
# The lookahead names the alternatives' first letters: the same matches, without Python trying
# every alternative at every word start.
_ROLE_RE = re.compile(
    r"\b(?=[dhsmgpyf])(designated safeguarding lead|deputy DSL|DSL|headteacher|head teacher|health visitor|"
    r"school nurse|midwife|GP|police constable|PC \d+|DC \d+|detective constable|sergeant|"
    r"housing officer|probation officer|youth offending|social worker|family support worker|"
    r"safeguarding (?:lead|nurse|officer)|paediatric liaison)\b",
    re.I,
)

MAX_NESTING = 5


class NotAnEmail(Exception):
    """The bytes do not hold an email message."""


_SURROGATE = re.compile("[\udc80-\udcff]")


def _decode_header_value(value: str) -> str:
    """RFC 2047 words decoded; raw 8-bit bytes read as UTF-8, else Latin-1. Never raises."""
    if not value.isascii() and _SURROGATE.search(value):
        raw = value.encode("utf-8", "surrogateescape")
        try:
            value = raw.decode("utf-8")
        except UnicodeDecodeError:
            value = raw.decode("latin-1")
    if "=?" not in value:
        return value
    try:
        parts = []
        for chunk, charset in decode_header(value):
            if isinstance(chunk, bytes):
                cs = (charset or "ascii").lower()
                try:
                    codecs.lookup(cs)
                except LookupError:
                    cs = "latin-1"
                chunk = chunk.decode(cs, errors="replace")
            parts.append(chunk)
        return "".join(parts)
    except Exception:
        return value


def safe_header(msg: Message, name: str) -> str | None:
    """A header as text, never raising. Messages are parsed with compat32, so values are raw."""
    try:
        value = msg.get(name)
    except Exception:
        value = None
    if value is None:
        return None
    text = _decode_header_value(str(value))
    text = re.sub(r"[\r\n]+[ \t]*", " ", text).strip()
    return text.replace("\x00", "")


def _all_header_names(msg: Message) -> list[str]:
    try:
        return [k for k, _ in msg.raw_items()]
    except Exception:
        return list(msg.keys())


def _decode_bytes(payload: bytes, charset: str | None, flags: list[str]) -> str:
    if charset:
        cs = charset.strip().strip('"').lower()
        try:
            codecs.lookup(cs)
        except LookupError:
            flags.append(f"unknown_charset:{cs[:40]}")
            cs = ""
        if cs:
            try:
                return payload.decode(cs)
            except (UnicodeDecodeError, LookupError):
                flags.append(f"undecodable_text:{cs[:40]}")
                return payload.decode(cs, errors="replace")
    try:
        return payload.decode("utf-8")
    except UnicodeDecodeError:
        return payload.decode("cp1252", errors="replace")


def _part_bytes(part: Message) -> bytes:
    try:
        payload = part.get_payload(decode=True)
    except Exception:
        payload = None
    if isinstance(payload, bytes):
        return payload
    raw = part.get_payload()
    if isinstance(raw, str):
        return raw.encode("utf-8", errors="surrogateescape")
    return b""


def _filename(part: Message) -> str | None:
    try:
        disposition, ctype = part.get("content-disposition"), part.get("content-type")
        if "name" not in str(disposition or "").lower() and "name" not in str(ctype or "").lower():
            return None  # neither header can carry a filename: skip parsing their parameters
        name = part.get_filename()
    except Exception:
        name = None
    if name:
        return _decode_header_value(str(name)).replace("\x00", "")[:255]
    return None


def _is_attachment(part: Message) -> bool:
    try:
        disposition = (part.get_content_disposition() or "").lower()
    except Exception:
        disposition = ""
    return disposition == "attachment" or (disposition != "inline" and _filename(part) is not None)


_SIMPLE_ADDRESS = re.compile(
    r'\s*(?:"([\w .,\'-]*)"|([\w .\'-]*?))\s*<([\w.+\'-]+@[\w.-]+)>\s*|\s*([\w.+\'-]+@[\w.-]+)\s*'
)


def parse_address(value: str) -> tuple[str, str]:
    """(display name, address) as email.utils.parseaddr gives them; the common plain shapes
    ("Name <a@b>", "a@b") are read directly, anything else goes to parseaddr."""
    m = _SIMPLE_ADDRESS.fullmatch(value)
    if m is None:
        return email.utils.parseaddr(value)
    if m.group(4) is not None:
        return "", m.group(4)
    if m.group(1) is not None:
        return m.group(1), m.group(3)
    return " ".join(m.group(2).split()), m.group(3)


def parse_received_at(date_header: str | None) -> tuple[dt.datetime | None, str | None]:
    """(aware datetime, flag) from a Date header; flag names what was odd about it."""
    if not date_header:
        return None, "missing_date"
    try:
        when = email.utils.parsedate_to_datetime(date_header)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None, "invalid_date"
    if when is None:
        return None, "invalid_date"
    if when.tzinfo is None:
        return when.replace(tzinfo=LONDON), "date_without_timezone"
    if not (1970 <= when.year <= dt.date.today().year + 1):
        return None, "implausible_date"
    return when, None


def _signature(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return "\n".join(lines[-12:])


def _sender_referrer(sender: str, new_text: str, organisation: str | None) -> tuple[Referrer, str]:
    """The referrer from the sender line and the new text's signature; also that signature."""
    display, address = parse_address(sender)
    signature = _signature(new_text)
    phone = _PHONE_RE.search(signature)
    role = _ROLE_RE.search(signature)
    referrer = Referrer(
        name=display or None,
        email=address if "@" in address else None,
        phone=phone.group(0) if phone else None,
        organisation=organisation,
        role=role.group(0) if role else None,
    )
    return referrer, signature


class _Collector:
    def __init__(self) -> None:
        self.plain: list[str] = []
        self.html: list[str] = []
        self.forwarded: list[str] = []
        self.attachments: list[AttachmentDraft] = []
        self.attachment_texts: list[tuple[str, str]] = []
        self.flags: list[str] = []


def _walk(msg: Message, out: _Collector, depth: int) -> None:
    from mashdesk.intake.tnef_parse import tnef_contents

    if depth > MAX_NESTING:
        out.flags.append("nesting_too_deep")
        return
    try:
        ctype = msg.get_content_type()
    except Exception:
        ctype = "text/plain"
    if msg.is_multipart() and ctype != "message/rfc822":
        payload = msg.get_payload()
        if isinstance(payload, list):
            for sub in payload:
                if isinstance(sub, Message):
                    _walk(sub, out, depth + 1)
        return
    if ctype == "message/rfc822" or isinstance(msg.get_payload(), list):
        inner = msg.get_payload()
        inner_msgs = inner if isinstance(inner, list) else []
        for sub in inner_msgs:
            if isinstance(sub, Message):
                nested = _Collector()
                _walk(sub, nested, depth + 1)
                head = "\n".join(f"{h}: {v}" for h in ("From", "Date", "Subject") if (v := safe_header(sub, h)))
                text = "\n".join(nested.plain) or html_to_text("\n".join(nested.html))
                out.forwarded.append(f"---------- Forwarded message ----------\n{head}\n\n{text}")
                out.attachments.extend(nested.attachments)
                out.flags.extend(nested.flags)
        return
    name = _filename(msg)
    data = _part_bytes(msg)
    if ctype.startswith("multipart/"):
        # Boundary never found: the parser leaves the whole body as text; read it as such.
        out.flags.append("multipart_without_parts")
        out.plain.append(_decode_bytes(data, _charset(msg), out.flags))
        return
    is_tnef = ctype == "application/ms-tnef" or (name or "").lower() == "winmail.dat"
    if is_tnef:
        body, attachments, tflags = tnef_contents(data)
        out.flags.extend(tflags)
        if body:
            out.plain.append(body)
        out.attachments.extend(attachments)
        for att in attachments:
            if att.data:
                _document_text(att.filename, att.content_type or "", att.data, out)
        out.attachments.append(_attachment(name or "winmail.dat", ctype, data, "mime"))
        return
    if _is_attachment(msg) or not ctype.startswith("text/"):
        att = _attachment(name, ctype, data, "mime")
        out.attachments.append(att)
        if ctype == "text/plain" or (name or "").lower().endswith(".txt"):
            out.attachment_texts.append(
                (name or "attachment", _decode_bytes(data, msg.get_content_charset(), out.flags))
            )
        else:
            _document_text(name, ctype, data, out)
        return
    text = _decode_bytes(data, _charset(msg), out.flags)
    if ctype == "text/html":
        out.html.append(text)
    else:
        out.plain.append(text)


def _document_text(name: str | None, ctype: str, data: bytes, out: _Collector) -> None:
    """A Word referral form's text, for the children it names; a flag when it cannot be read."""
    if not is_docx(name, ctype, data):
        return
    try:
        out.attachment_texts.append((name or "attachment.docx", docx_text(data)))
    except UnreadableDocument as exc:
        out.flags.append(f"attachment_unreadable: {name or 'attachment.docx'}: {exc}")


def _charset(msg: Message) -> str | None:
    try:
        return msg.get_content_charset()
    except Exception:
        return None


def _attachment(name: str | None, ctype: str | None, data: bytes, origin: str) -> AttachmentDraft:
    return AttachmentDraft(
        filename=name,
        content_type=ctype,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        data=data,
        origin=origin,
    )


def parse_message(msg: Message, *, fallback_time: dt.datetime) -> ContactDraft:
    """A contact draft from an already parsed message object."""
    header = functools.cache(functools.partial(safe_header, msg))  # each header is read once
    names = {n.lower() for n in _all_header_names(msg)}
    if not names & _KNOWN_HEADERS:
        raise NotAnEmail("no email headers (From, To, Subject, Date, Message-ID...) were found")
    out = _Collector()
    _walk(msg, out, 0)
    try:
        defects = [type(d).__name__ for d in getattr(msg, "defects", [])]
    except Exception:
        defects = []
    flags = list(dict.fromkeys(out.flags + [f"defect:{d}" for d in defects]))

    html_source = "\n".join(out.html)
    if out.plain and any(p.strip() for p in out.plain):
        body = "\n\n".join(p for p in out.plain if p.strip())
    elif html_source:
        body = html_to_text(html_source)
        flags.append("html_only")
    else:
        body = ""
    body = normalise_newlines(body).replace("\x00", "")
    new_end = split_quoted(body)
    if out.forwarded:
        if new_end is None:
            new_end = len(body)
        body = body + "\n\n" + "\n\n".join(normalise_newlines(f) for f in out.forwarded)
    if not body.strip():
        flags.append("empty_body")

    received, date_flag = parse_received_at(header("Date"))
    basis = "header"
    if date_flag:
        flags.append(date_flag)
    if received is None:
        received, basis = fallback_time, "file_time"
        flags.append("received_time_from_file")

    from_value = header("From") or header("Sender") or ""
    new_text = body if new_end is None else body[:new_end]
    organisation = header("Organization")
    referrer, signature = _sender_referrer(from_value, new_text, organisation)
    guess = infer_source(referrer.email or "", organisation, f"{referrer.name or ''}\n{signature}")

    headers: dict[str, str] = {}
    for h in ("From", "To", "Cc", "Reply-To", "Subject", "Date", "Message-ID", "In-Reply-To"):
        value = header(h)
        if value:
            headers[h] = value[:2000]

    subject = (header("Subject") or "")[:1000]
    children = find_children(subject, "subject") if re.search(r"\d", subject) else []
    children += find_children(body, "body")
    for name, text in out.attachment_texts:
        children += find_children(text, f"attachment:{name}")

    message_id = (header("Message-ID") or "").strip().strip("<>").strip() or None
    return ContactDraft(
        channel="email",
        received_at=received.astimezone(dt.UTC),
        received_at_basis=basis,
        subject=subject,
        body_text=body,
        new_text_end=new_end,
        body_html=sanitise_html(html_source) if html_source else None,
        message_id=message_id[:500] if message_id else None,
        referrer=referrer,
        source_code=guess.code,
        source_evidence=guess.evidence,
        headers=headers,
        attachments=out.attachments,
        children=children,
        flags=flags,
    )


def parse_email_bytes(data: bytes, *, fallback_time: dt.datetime) -> ContactDraft:
    if not data.strip():
        raise NotAnEmail("the file is empty")
    # compat32 keeps headers as raw strings: reading one never raises and costs nothing.
    msg: Any = BytesParser(policy=policy.compat32).parsebytes(data)
    try:
        return parse_message(msg, fallback_time=fallback_time)
    except NotAnEmail:
        relaxed = _relax_obsolete_headers(data)
        if relaxed == data:
            raise
    draft = parse_message(BytesParser(policy=policy.compat32).parsebytes(relaxed), fallback_time=fallback_time)
    draft.flags.append("obsolete_header_syntax")
    return draft


_OBS_HEADER = re.compile(rb"^([!-9;-~]+)[ \t]+:", re.M)


def _relax_obsolete_headers(data: bytes) -> bytes:
    """RFC 822 allowed space before a header's colon ("From  : ..."); modern parsers do not."""
    end = re.search(rb"\r?\n\r?\n", data)
    head, rest = (data[: end.start()], data[end.start() :]) if end else (data, b"")
    return _OBS_HEADER.sub(rb"\1:", head) + rest
