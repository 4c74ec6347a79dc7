"""Binding decision records to the audit trail: each submitted row's content hash is in its
audit event, so a record edited, swapped, deleted or inserted outside MASHdesk shows up in
`audit verify` even when the immutability triggers were dropped."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from mashdesk.audit.chain import Problem, VerifyReport, canonical_json
from mashdesk.decisions.schema import IMMUTABLE_TABLES
from mashdesk.store import Store

_EVENT_FOR = {"screening_decisions": "decision.submit", "oversight_records": "oversight.record"}
_PURGE_KEY = {"screening_decisions": "decision_ids", "oversight_records": "oversight_ids"}
_LABEL = {"screening_decisions": "screening decision", "oversight_records": "oversight record"}


def content_hash(values: dict[str, Any]) -> str:
    """SHA-256 of a record's stored values, without its id and its own hash column."""
    body = {k: v for k, v in values.items() if k not in ("id", "content_sha256")}
    return hashlib.sha256(canonical_json(body).encode("utf-8")).hexdigest()


def expand_ranges(ranges: list[list[int]]) -> set[int]:
    ids: set[int] = set()
    for lo, hi in ranges:
        ids.update(range(lo, hi + 1))
    return ids


def compress_ids(ids: list[int]) -> list[list[int]]:
    """[1,2,3,7] -> [[1,3],[7,7]]: purge events name every removed record compactly."""
    out: list[list[int]] = []
    for i in sorted(set(ids)):
        if out and i == out[-1][1] + 1:
            out[-1][1] = i
        else:
            out.append([i, i])
    return out


def check_records(store: Store, report: VerifyReport) -> None:
    conn = store.conn
    purged: dict[str, set[int]] = {t: set() for t in _EVENT_FOR}
    for (details,) in conn.execute("SELECT details FROM audit_events WHERE action = 'retention.purge'"):
        data = json.loads(details)
        for table, key in _PURGE_KEY.items():
            purged[table] |= expand_ranges(data.get(key, []))
    for table, action in _EVENT_FOR.items():
        expected: dict[int, str] = {}
        for entity_id, details in conn.execute(
            "SELECT entity_id, details FROM audit_events WHERE action = ?", (action,)
        ):
            expected[int(entity_id)] = json.loads(details).get("content_sha256", "")
        cur = conn.execute(f"SELECT * FROM {table} ORDER BY id")
        cols = [c[0] for c in cur.description]
        seen: set[int] = set()
        label = _LABEL[table]
        for raw in cur:
            row = dict(zip(cols, raw, strict=True))
            rid = int(row["id"])
            seen.add(rid)
            report.records_checked += 1
            digest = content_hash(row)
            if rid not in expected:
                report.problems.append(
                    Problem(
                        "record",
                        None,
                        f"{label} {rid} has no audit event: it was inserted outside MASHdesk",
                    )
                )
            elif digest != expected[rid] or digest != row["content_sha256"]:
                report.problems.append(Problem("record", None, f"{label} {rid} was changed after it was submitted"))
        for rid in sorted(set(expected) - seen - purged[table]):
            report.problems.append(Problem("record", None, f"{label} {rid} was deleted outside a retention purge"))
    present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    for table in IMMUTABLE_TABLES:
        for name in (f"{table}_no_update", f"{table}_no_delete"):
            if name not in present:
                report.problems.append(Problem("protection", None, f"the immutability trigger {name} was removed"))
