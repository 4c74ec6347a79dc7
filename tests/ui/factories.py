"""Synthetic contacts for UI tests (labelled synthetic), written straight into a tmp store.

Used until/alongside mashdesk.demo.seed_demo so the UI tests do not depend on intake parsing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from mashdesk.store import Store
from mashdesk.store.queue import index_contact

NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


def iso(d: dt.datetime) -> str:
    return d.astimezone(dt.UTC).isoformat(timespec="seconds")


def add_contact(
    store: Store,
    *,
    subject: str = "Concern about a pupil (synthetic)",
    body: str = "Synthetic test contact. Ben (DOB 01/02/2015) came to school hungry.",
    channel: str = "email",
    received: dt.datetime | None = None,
    due: dt.datetime | None = None,
    status: str = "new",
    source_code: str = "2A",
    referrer: str = "Ms Test Teacher (synthetic)",
    children: list[dict[str, Any]] | None = None,
    triggers: list[str] | None = None,
    negated: list[str] | None = None,
    routing: str = "early_help",
    result: dict[str, Any] | None = None,
    claimed_by: str | None = None,
    group_id: int | None = None,
    re_referral: bool = False,
    real_rules: bool = False,
) -> int:
    """Insert one synthetic contact; `real_rules` runs mashdesk.triage over it for the suggestion."""
    received = received or NOW - dt.timedelta(hours=2)
    due = due or received + dt.timedelta(days=1)
    digest = hashlib.sha256(f"{subject}{body}{received}{id(body)}".encode()).hexdigest()
    with store.write() as db:
        if not db["raw_blobs"].exists() or not list(db.query("SELECT 1 FROM raw_blobs WHERE sha256 = ?", [digest])):
            db["raw_blobs"].insert({"sha256": digest, "size": len(body), "data": body.encode(), "stored_at": iso(NOW)})
        cid = (
            db["contacts"]
            .insert(
                {
                    "raw_sha256": digest,
                    "channel": channel,
                    "received_at": iso(received),
                    "received_at_basis": "header",
                    "referrer_name": referrer,
                    "referrer_email": "teacher@school.example",
                    "referrer_org": "Synthetic Primary School",
                    "referrer_role": "Designated safeguarding lead",
                    "source_code": source_code,
                    "subject": subject,
                    "body_text": body,
                    "headers_json": json.dumps({"From": "teacher@school.example", "Subject": subject}),
                    "decision_due": iso(due),
                    "status": status,
                    "claimed_by": claimed_by,
                    "group_id": group_id,
                    "re_referral": int(re_referral),
                    "ingested_at": iso(NOW),
                    "synthetic": 1,
                }
            )
            .last_pk
        )
        kids = (
            children
            if children is not None
            else [{"name": "Ben Example", "dob": "2015-02-01", "span_start": 25, "span_end": 28}]
        )
        for kid in kids:
            db["children"].insert(
                {
                    "contact_id": cid,
                    "confidence": 0.9,
                    "source_field": "body",
                    "evidence": body[kid.get("span_start", 0) : kid.get("span_end", 0)],
                    **kid,
                }
            )
        index_contact(
            db, cid, subject, body, referrer, " ".join(k.get("name") or "" for k in kids), is_open=status != "decided"
        )
        if real_rules:
            from mashdesk.rules.facts import RuleFacts, contact_text
            from mashdesk.triage import record_suggestion, suggest_facts

            facts = RuleFacts(
                text=contact_text(subject, body), subject=subject, channel=channel,
                source_code=source_code, child_ages=[11], unborn=False, previous_contacts=0,
            )  # fmt: skip
            record_suggestion(store, cid, suggest_facts(facts))
            return int(cid)
        db["suggestions"].insert(
            {
                "contact_id": cid,
                "created_at": iso(NOW),
                "current": 1,
                "pack_name": "synthetic-pack",
                "pack_version": "1",
                "pack_sha256": "0" * 64,
                "routing": "strategy_discussion" if triggers else routing,
                "level": 4 if triggers else 2,
                "triggers_json": json.dumps(triggers or []),
                "negated_triggers_json": json.dumps(negated or []),
                "result_json": json.dumps(result or {}),
            }
        )
    return int(cid)
