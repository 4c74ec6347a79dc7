"""Reading stored contacts back as rule facts (for resuggest and pack what-ifs)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from mashdesk.rules.facts import RuleFacts, contact_text
from mashdesk.store import Store


def contact_ids(store: Store, since: dt.date | None = None) -> list[int]:
    if since is None:
        rows = store.conn.execute("SELECT id FROM contacts ORDER BY id").fetchall()
    else:
        rows = store.conn.execute(
            "SELECT id FROM contacts WHERE received_at >= ? ORDER BY id", [since.isoformat()]
        ).fetchall()
    return [int(r[0]) for r in rows]


def _age(dob: str | None, on: dt.date) -> int | None:
    if not dob:
        return None
    try:
        born = dt.date.fromisoformat(dob[:10])
    except ValueError:
        return None
    return max(on.year - born.year - ((on.month, on.day) < (born.month, born.day)), 0)


def stored_facts(store: Store, ids: list[int]) -> Iterator[tuple[int, RuleFacts]]:
    """Facts of stored contacts, built the way intake builds them from a draft."""
    from mashdesk.intake.store_ops import previous_contacts

    conn = store.conn
    for cid in ids:
        row = conn.execute(
            "SELECT subject, body_text, channel, source_code, received_at FROM contacts WHERE id = ?",
            [cid],
        ).fetchone()
        if row is None:
            continue
        subject, body, channel, source_code, received_at = row
        day = dt.datetime.fromisoformat(received_at).date()
        children = conn.execute("SELECT dob, unborn FROM children WHERE contact_id = ? ORDER BY id", [cid]).fetchall()
        yield (
            cid,
            RuleFacts(
                text=contact_text(subject or "", body or ""),
                subject=subject or "",
                channel=channel,
                source_code=source_code,
                child_ages=[_age(dob, day) for dob, unborn in children if not unborn],
                unborn=any(bool(unborn) for _, unborn in children),
                previous_contacts=previous_contacts(store.db, cid),
            ),
        )
