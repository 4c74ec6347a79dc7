"""Outlook .msg files (extract-msg): plain, HTML and RTF-only bodies, nested messages."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
from typing import Any

import extract_msg

from mashdesk.intake.attachment_text import UnreadableDocument, docx_text, is_docx
from mashdesk.intake.children import find_children
from mashdesk.intake.email_parse import _sender_referrer
from mashdesk.intake.model import AttachmentDraft, ContactDraft
from mashdesk.intake.referrer import infer_source
from mashdesk.intake.text import html_to_text, normalise_newlines, sanitise_html, split_quoted
from mashdesk.intake.tnef_parse import rtf_text

logging.getLogger("extract_msg").setLevel(logging.CRITICAL)

MAX_NESTING = 5


class NotAMessage(Exception):
    """An Outlook file that is not an email message (a contact card, say), or unreadable."""


def _safe(obj: Any, attr: str) -> Any:
    try:
        return getattr(obj, attr)
    except Exception:
        return None


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return str(value)


def _unreadable(text: str) -> bool:
    sample = text[:2000]
    if not sample:
        return False
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\r\n\t") or ch == "\ufffd")
    return bad / len(sample) > 0.1


def _body(msg: Any, flags: list[str]) -> tuple[str, str | None]:
    """(plain text, sanitised HTML or None)."""
    plain = _as_text(_safe(msg, "body"))
    html_raw: str | None = None
    try:
        html = msg.htmlBody
        if html:
            html_raw = _as_text(html)
    except Exception as exc:
        flags.append(f"html_body_unreadable:{type(exc).__name__}")
    if not plain.strip() and html_raw:
        plain = html_to_text(html_raw)
        flags.append("html_only")
    if not plain.strip():
        rtf = _safe(msg, "rtfBody")
        if rtf:
            plain = rtf_text(rtf)
            flags.append("rtf_only")
    return normalise_newlines(plain).replace("\x00", ""), (sanitise_html(html_raw) if html_raw else None)


def _collect(msg: Any, depth: int, attachments: list[AttachmentDraft], forwarded: list[str], flags: list[str]) -> None:
    for att in _safe(msg, "attachments") or []:
        data = _safe(att, "data")
        name = _safe(att, "longFilename") or _safe(att, "shortFilename") or None
        if isinstance(data, bytes | bytearray):
            blob = bytes(data)
            attachments.append(
                AttachmentDraft(
                    filename=name,
                    content_type=_safe(att, "mimetype"),
                    size=len(blob),
                    sha256=hashlib.sha256(blob).hexdigest(),
                    data=blob,
                    origin="msg",
                )
            )
        elif data is not None and depth < MAX_NESTING:
            inner_body, _ = _body(data, flags)
            head = "\n".join(
                f"{k}: {v}"
                for k, v in (
                    ("From", _safe(data, "sender")),
                    ("Date", _safe(data, "date")),
                    ("Subject", _safe(data, "subject")),
                )
                if v
            )
            forwarded.append(f"---------- Forwarded message ----------\n{head}\n\n{inner_body}")
            attachments.append(
                AttachmentDraft(
                    filename=name or _safe(data, "subject") or "embedded message",
                    content_type="application/vnd.ms-outlook",
                    size=0,
                    sha256=hashlib.sha256((name or "").encode() + inner_body.encode()).hexdigest(),
                    origin="nested",
                )
            )
            _collect(data, depth + 1, attachments, forwarded, flags)
        elif depth >= MAX_NESTING:
            flags.append("nesting_too_deep")


def parse_msg_bytes(data: bytes, *, fallback_time: dt.datetime) -> ContactDraft:
    try:
        msg = extract_msg.openMsg(data, delayAttachments=False)
    except Exception as exc:
        raise NotAMessage(f"Outlook file could not be opened ({type(exc).__name__}: {str(exc)[:200]})") from exc
    try:
        kind = type(msg).__name__
        if kind not in {"Message", "MessageSigned"} and not kind.startswith("Message"):
            label = re.sub(r"(?<!^)([A-Z])", r" \1", kind).lower()
            raise NotAMessage(f"Outlook {label} item, not an email message")
        flags: list[str] = []
        body, html = _body(msg, flags)
        if kind == "MessageSigned" and _unreadable(body):
            raise NotAMessage("encrypted message (S/MIME): it cannot be read without the recipient's key")
        attachments: list[AttachmentDraft] = []
        forwarded: list[str] = []
        _collect(msg, 0, attachments, forwarded, flags)
        new_end = split_quoted(body)
        if forwarded:
            new_end = new_end if new_end is not None else len(body)
            body = body + "\n\n" + "\n\n".join(forwarded)
        when = _safe(msg, "date")
        basis = "header"
        if isinstance(when, dt.datetime):
            received = when if when.tzinfo else when.replace(tzinfo=dt.UTC)
        else:
            received, basis = fallback_time, "file_time"
            flags.append("received_time_from_file")
        sender = _as_text(_safe(msg, "sender"))
        new_text = body if new_end is None else body[:new_end]
        referrer, signature = _sender_referrer(sender, new_text, None)
        guess = infer_source(referrer.email or "", None, signature)
        subject = _as_text(_safe(msg, "subject")).replace("\x00", "")[:1000]
        children = find_children(body, "body")
        for att in attachments:
            if (att.filename or "").lower().endswith(".txt") and att.data:
                children += find_children(att.data.decode("utf-8", "replace"), f"attachment:{att.filename}")
            elif att.data and is_docx(att.filename, att.content_type, att.data):
                try:
                    children += find_children(docx_text(att.data), f"attachment:{att.filename}")
                except UnreadableDocument as exc:
                    flags.append(f"attachment_unreadable: {att.filename}: {exc}")
        message_id = _as_text(_safe(msg, "messageId")).strip().strip("<>") or None
        headers = {
            k: v
            for k, v in (
                ("From", sender),
                ("To", _as_text(_safe(msg, "to"))),
                ("Cc", _as_text(_safe(msg, "cc"))),
                ("Subject", subject),
                ("Date", str(when) if when else ""),
                ("Message-ID", message_id or ""),
            )
            if v
        }
        if not body.strip():
            flags.append("empty_body")
        return ContactDraft(
            channel="email",
            received_at=received.astimezone(dt.UTC),
            received_at_basis=basis,
            subject=subject,
            body_text=body,
            new_text_end=new_end,
            body_html=html,
            message_id=message_id,
            referrer=referrer,
            source_code=guess.code,
            source_evidence=guess.evidence,
            headers=headers,
            attachments=attachments,
            children=children,
            flags=flags + ["outlook_msg"],
        )
    finally:
        try:
            msg.close()
        except Exception:
            pass
