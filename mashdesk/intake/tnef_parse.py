"""TNEF (winmail.dat) streams: body and attachments recovered where possible."""

from __future__ import annotations

import hashlib
import re

import tnefparse
from striprtf.striprtf import rtf_to_text

from mashdesk.intake.model import AttachmentDraft
from mashdesk.intake.text import html_to_text


class NotTnef(Exception):
    pass


def rtf_text(rtf: bytes | str) -> str:
    """Plain text from RTF; encapsulated HTML (Outlook) is turned into text too."""
    source = rtf.decode("latin-1") if isinstance(rtf, bytes) else rtf
    if "\\fromhtml" in source[:400]:
        try:
            from RTFDE.deencapsulate import DeEncapsulator

            de = DeEncapsulator(source.encode("latin-1", errors="replace"))
            de.deencapsulate()
            if de.html:
                return html_to_text(de.html if isinstance(de.html, str) else de.html.decode("utf-8", "replace"))
        except Exception:
            pass
    try:
        return str(rtf_to_text(source, errors="ignore")).strip()  # type: ignore[no-untyped-call]
    except Exception:
        return re.sub(r"\\[a-z]+-?\d* ?|[{}]", "", source).strip()


def tnef_contents(data: bytes) -> tuple[str, list[AttachmentDraft], list[str]]:
    """(body text, attachments, flags) from a TNEF stream; never raises."""
    flags: list[str] = []
    try:
        tnef = tnefparse.TNEF(data)
    except Exception as exc:
        return "", [], [f"tnef_unreadable:{type(exc).__name__}"]
    body = ""
    try:
        if tnef.body:
            body = tnef.body if isinstance(tnef.body, str) else tnef.body.decode("cp1252", "replace")
        elif tnef.htmlbody:
            html = tnef.htmlbody
            body = html_to_text(html if isinstance(html, str) else html.decode("utf-8", "replace"))
        elif getattr(tnef, "rtfbody", None):
            body = rtf_text(tnef.rtfbody)
            flags.append("rtf_body")
    except Exception as exc:
        flags.append(f"tnef_body_unreadable:{type(exc).__name__}")
    attachments: list[AttachmentDraft] = []
    for att in list(getattr(tnef, "attachments", []) or []):
        try:
            payload = att.data if isinstance(att.data, bytes) else bytes(att.data or b"")
            name = att.long_filename() if hasattr(att, "long_filename") else None
        except Exception:
            payload, name = b"", None
        name = name or getattr(att, "name", None) or None
        if isinstance(name, bytes):
            name = name.decode("cp1252", "replace")
        attachments.append(
            AttachmentDraft(
                filename=(name or None),
                content_type=None,
                size=len(payload),
                sha256=hashlib.sha256(payload).hexdigest(),
                data=payload,
                origin="tnef",
            )
        )
    return body.replace("\x00", "").strip(), attachments, flags


def parse_tnef_bytes(data: bytes) -> tuple[str, str, list[AttachmentDraft], list[str]]:
    """(subject, body, attachments, flags) for a bare TNEF file; NotTnef if it is not one."""
    try:
        tnef = tnefparse.TNEF(data)
    except Exception as exc:
        raise NotTnef(f"not a readable TNEF stream ({exc})") from exc
    subject = ""
    for obj in getattr(tnef, "msgprops", []) or []:
        if getattr(obj, "name", None) == tnefparse.TNEF.ATTSUBJECT:
            raw = obj.data
            subject = (raw.decode("cp1252", "replace") if isinstance(raw, bytes) else str(raw)).strip("\x00 ")
    body, attachments, flags = tnef_contents(data)
    return subject, body, attachments, flags
