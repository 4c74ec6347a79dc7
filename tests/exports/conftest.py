"""A small hand-built SYNTHETIC store for the export tests: every person here is made up.

Ava Testwood is referred five times (one of them more than 12 months before another, two of
them one linked incident), her brother Noah once; one contact has an unborn child, one has no
child identified, one carries hostile text (formula starts, markup, non-ASCII names).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from mashdesk.accounts import clock
from mashdesk.accounts.actor import Actor
from mashdesk.decisions.model import NextAction, OversightInput
from mashdesk.decisions.workflow import claim, record_oversight, submit_decision
from mashdesk.domain import ROUTING_CODES
from mashdesk.store import Store
from tests._stores import Cast, add_cast, copied_store, decision_for

NOW = dt.datetime(2026, 6, 30, 11, 0, tzinfo=dt.UTC)
HISTORY = "Previous contacts read (synthetic)."
HOSTILE_RATIONALE = "=cmd|' /C calc'!A0 R&D <b>unclosed and Zoë Łukasiewicz said ok"


@pytest.fixture(autouse=True)
def _cheap_hashing(cheap_hashing: None) -> None:
    """Every export test hashes passwords at the test-only cost."""


@pytest.fixture
def store(tmp_path: Path, migrated_template: Path) -> Iterator[Store]:
    yield from copied_store(migrated_template, tmp_path / "exports.db")


@pytest.fixture
def cast(store: Store) -> Cast:
    return add_cast(store)


def add_contact(
    store: Store,
    received: dt.datetime,
    children: list[tuple[str | None, str | None]] | None = None,
    *,
    source: str = "2A",
    referrer: str = "Sally Sample",
    email: str = "sally.sample@sch.example",
    phone: str = "07700 900123",
    subject: str = "SYNTHETIC concern",
    triggers: tuple[str, ...] = (),
    suggested: str = "early_help",
    unborn_edd: str | None = None,
    group_id: int | None = None,
) -> int:
    """A contact written straight into the store (intake is not under test here)."""
    raw = f"SYNTHETIC {received.isoformat()} {children} {subject}".encode()
    sha = hashlib.sha256(raw).hexdigest()
    at = clock.iso(received)
    with store.write() as db:
        conn = db.conn
        conn.execute(
            "INSERT INTO raw_blobs (sha256, size, data, stored_at) VALUES (?, ?, ?, ?)",
            (sha, len(raw), raw, at),
        )
        cid = int(
            conn.execute(
                "INSERT INTO contacts (raw_sha256, channel, received_at, received_at_basis,"
                " referrer_name, referrer_email, referrer_phone, referrer_org, referrer_role,"
                " source_code, subject, body_text, decision_due, status, ingested_at, group_id,"
                " synthetic) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1)",
                (
                    sha,
                    "email",
                    at,
                    "header",
                    referrer,
                    email,
                    phone,
                    "Example School",
                    "designated safeguarding lead",
                    source,
                    subject,
                    "SYNTHETIC body",
                    clock.iso(received + dt.timedelta(days=1)),
                    "new",
                    at,
                    group_id,
                ),  # fmt: skip
            ).lastrowid
            or 0
        )
        for name, dob in children or []:
            key = name.lower() if name else None
            conn.execute(
                "INSERT INTO children (contact_id, name, name_key, surname_key, dob, confidence,"
                " source_field) VALUES (?, ?, ?, ?, ?, 0.9, 'body')",
                (cid, name, key, key.split()[-1] if key else None, dob),
            )
        if unborn_edd:
            conn.execute(
                "INSERT INTO children (contact_id, name, edd, unborn, confidence, source_field)"
                " VALUES (?, NULL, ?, 1, 0.9, 'body')",
                (cid, unborn_edd),
            )
        result = {
            "rules": {
                "indicators": [
                    {"id": "x", "description": "Child's own account of harm", "text":
                     "Ava said her step-dad hit her", "trigger": (triggers or [None])[0]}
                ],
                "considered": [{"id": "y", "clause": "no marks", "status": "negated",
                                "text": "no marks seen"}],
            }
        }  # fmt: skip
        conn.execute(
            "INSERT INTO suggestions (contact_id, created_at, current, pack_name, pack_version,"
            " pack_sha256, routing, level, immediate_protection, triggers_json, result_json)"
            " VALUES (?, ?, 1, 'synthetic', '0', ?, ?, ?, 0, ?, ?)",
            (
                cid,
                at,
                "0" * 64,
                suggested,
                ROUTING_CODES.index(suggested) + 1,
                json.dumps(list(triggers)),
                json.dumps(result),
            ),  # fmt: skip
        )
    return cid


def link(store: Store, newer: int, older: int) -> None:
    with store.write() as db:
        db.conn.execute(
            "INSERT INTO contact_links (contact_id, other_id, kind, score, evidence, created_at)"
            " VALUES (?, ?, 'same_child', 0.9, '{}', ?)",
            (newer, older, clock.now_iso()),
        )


def decide(
    store: Store,
    worker: Actor,
    manager: Actor | None,
    cid: int,
    routing: str,
    at: dt.datetime,
    *,
    change_to: str | None = None,
    rationale: str = "Synthetic rationale.",
) -> None:
    with clock.at(at):
        version = claim(store, worker, cid).version
        decision = decision_for(routing, rationale=rationale, history_considered=HISTORY)
        rec = submit_decision(store, worker, cid, decision, version)
    if manager is None:
        return
    if change_to:
        level = ROUTING_CODES.index(change_to) + 1
        over = OversightInput(
            outcome="change", decision_summary=f"Changed to {change_to}.",
            rationale="Manager's reflection (synthetic).", risk_analysis="Risk (synthetic).",
            actions=[NextAction("Tell the referrer", "front door", "1 working day")],
            level=level, routing=change_to, rag="green" if level < 3 else "amber",
        )  # fmt: skip
    else:
        over = OversightInput(
            outcome="agree", decision_summary="Agree.", rationale="Reflection (synthetic).",
            risk_analysis="Risk (synthetic).",
            actions=[NextAction("Tell the referrer", "front door", "1 working day")],
        )  # fmt: skip
    with clock.at(at + dt.timedelta(hours=1)):
        record_oversight(store, manager, cid, over, rec.version)


def utc(y: int, m: int, d: int, h: int = 10) -> dt.datetime:
    return dt.datetime(y, m, d, h, 0, tzinfo=dt.UTC)


@dataclass
class Scenario:
    cast: Cast
    ids: dict[str, int]


AVA = ("Ava Testwood", "2015-03-01")
NOAH = ("Noah Testwood", "2019-11-20")
ZOE = ("Zoë Łukasiewicz", "2012-07-30")


@pytest.fixture
def scenario(store: Store, cast: Cast) -> Scenario:
    c = cast
    ids: dict[str, int] = {}
    ids["c7"] = add_contact(store, utc(2024, 12, 2), [AVA], source="6", triggers=("fgm",),
                            suggested="strategy_discussion")  # fmt: skip
    ids["c1"] = add_contact(store, utc(2025, 9, 10), [AVA], source="6")
    ids["c2"] = add_contact(
        store, utc(2026, 2, 2), [AVA], source="2A", triggers=("disclosure_physical_abuse",),
        suggested="strategy_discussion", group_id=None,
    )  # fmt: skip
    ids["c3"] = add_contact(
        store, utc(2026, 2, 3, 9), [AVA], source="3A", triggers=("disclosure_physical_abuse",),
        suggested="strategy_discussion", group_id=None,
    )  # fmt: skip
    with store.write() as db:  # c2 and c3 are one incident
        db.conn.execute("UPDATE contacts SET group_id = ? WHERE id IN (?, ?)",
                        (ids["c2"], ids["c2"], ids["c3"]))  # fmt: skip
    ids["c4"] = add_contact(store, utc(2026, 4, 15), [AVA, NOAH], source="5D")
    ids["c5"] = add_contact(store, utc(2026, 5, 1), [], source="1C", unborn_edd="2026-08-01",
                            suggested="information_advice")  # fmt: skip
    ids["c6"] = add_contact(store, utc(2026, 6, 1), [], source="9")
    ids["c8"] = add_contact(
        store, utc(2026, 3, 10), [ZOE], source="8", referrer="R&D <b> Team",
        email="=evil@sch.example", phone="+44 7700 900456", subject="@SUM(A1) Zoë Łukasiewicz",
    )  # fmt: skip
    link(store, ids["c1"], ids["c7"])
    link(store, ids["c2"], ids["c1"])
    link(store, ids["c3"], ids["c2"])
    link(store, ids["c4"], ids["c3"])
    decide(store, c.worker, c.manager, ids["c7"], "strategy_discussion", utc(2024, 12, 2, 11))
    decide(store, c.worker, c.manager, ids["c1"], "child_and_family_assessment",
           utc(2025, 9, 10, 11))  # fmt: skip
    decide(store, c.worker, c.manager, ids["c2"], "strategy_discussion", utc(2026, 2, 2, 11))
    decide(store, c.worker, c.manager, ids["c3"], "strategy_discussion", utc(2026, 2, 3, 10))
    decide(store, c.worker2, c.manager2, ids["c4"], "child_and_family_assessment",
           utc(2026, 4, 15, 11))  # fmt: skip
    decide(store, c.worker, c.manager, ids["c5"], "information_advice", utc(2026, 5, 1, 11),
           change_to="early_help")  # fmt: skip
    decide(store, c.worker, None, ids["c6"], "information_advice", utc(2026, 6, 1, 11))
    decide(store, c.worker, c.manager, ids["c8"], "information_advice", utc(2026, 3, 10, 11),
           rationale=HOSTILE_RATIONALE)  # fmt: skip
    return Scenario(cast, ids)
