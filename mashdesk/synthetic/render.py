"""Turning synthetic contacts into the inputs intake reads: RFC 822 email, call CSV rows, drafts."""

from __future__ import annotations

import datetime as dt
from email.message import EmailMessage
from email.utils import format_datetime, formataddr
from typing import Any

from mashdesk.intake.calls import GENERIC_COLUMNS
from mashdesk.intake.model import ChildDraft, ContactDraft, Referrer
from mashdesk.synthetic import people
from mashdesk.synthetic.generator import SyntheticContact

MASH_ADDRESS = "mash@council.example"
# Synthetic call rows are written for intake's generic call profile, so they share its columns.
CALL_CSV_COLUMNS: tuple[str, ...] = GENERIC_COLUMNS


def to_eml_bytes(contact: SyntheticContact, message_id: str, date: dt.datetime | None = None) -> bytes:
    """An RFC 822 message carrying the contact; marked synthetic in a header and the subject."""
    when = date or contact.received_at
    if when.tzinfo is None:
        raise ValueError("date must be timezone-aware")
    msg = EmailMessage()
    if contact.sender_email:
        msg["From"] = formataddr((contact.sender_name or "", contact.sender_email))
    else:
        msg["From"] = formataddr(("Switchboard (synthetic)", "switchboard@council.example"))
    msg["To"] = MASH_ADDRESS
    msg["Subject"] = contact.subject
    msg["Date"] = format_datetime(when)
    msg["Message-ID"] = message_id if message_id.startswith("<") else f"<{message_id}>"
    msg["X-MASHdesk-Synthetic"] = "yes"
    if contact.sender_organisation:
        msg["Organization"] = contact.sender_organisation
    msg.set_content(contact.text + "\n\n[SYNTHETIC TEST DATA - fictional people]\n")
    return msg.as_bytes()


def to_call_row(contact: SyntheticContact) -> dict[str, Any]:
    """A row for the generic call CSV profile (columns in CALL_CSV_COLUMNS)."""
    seed = sum(map(ord, contact.id))
    return {
        "call_start": contact.received_at.isoformat(timespec="seconds"),
        "caller_number": contact.sender_phone or "",
        "caller_name": contact.sender_name or "",
        "caller_type": contact.sender_role,
        "handler": people.HANDLERS[seed % len(people.HANDLERS)],
        "duration_s": 120 + (seed * 37) % 900,
        "notes": contact.text,
    }


def to_draft(contact: SyntheticContact) -> ContactDraft:
    """The ContactDraft intake would produce, with the generator's ground truth for children."""
    children = [
        ChildDraft(
            name=ch.name,
            dob=ch.dob,
            edd=ch.edd,
            unborn=ch.unborn,
            address=ch.address,
            postcode=ch.postcode,
            school=ch.school,
            confidence=1.0,
            source_field="synthetic",
        )
        for ch in contact.children
    ]
    return ContactDraft(
        channel=contact.channel,
        received_at=contact.received_at,
        received_at_basis="header" if contact.channel == "email" else "call_start",
        subject=contact.subject,
        body_text=contact.text,
        referrer=Referrer(
            name=contact.sender_name,
            email=contact.sender_email,
            phone=contact.sender_phone,
            organisation=contact.sender_organisation,
            role=contact.sender_role,
        ),
        source_code=contact.source_code,
        source_evidence="synthetic generator voice " + contact.voice,
        children=children,
        synthetic=True,
    )
