"""The hash-chained, append-only audit trail: append inside the caller's write, verify the chain.

Each event's hash is SHA-256 over a canonical serialisation of the event and the previous hash,
so an edit, a deletion, a reordering or an insertion breaks the chain at that point, whether or
not the append-only triggers are still in place. The anchor row (count and head, moved in the
same transaction as each append) reveals the deletion of the newest events.

What the file alone cannot reveal: someone with write access who rewrites every later hash AND
the anchor, or who appends well-formed forged events. Heads written elsewhere (`audit head`
saved to a witness file, the head recorded with each backup) reveal the first: `verify` checks
each witnessed (seq, hash) is still in the chain.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from mashdesk.accounts import clock
from mashdesk.audit.schema import APPEND_ONLY_TRIGGERS
from mashdesk.store import Store

GENESIS = "0" * 64
_DOMAIN = b"mashdesk-audit-v1\n"


class HasIdentity(Protocol):
    @property
    def username(self) -> str: ...

    @property
    def desk(self) -> str | None: ...


class AuditError(Exception):
    """The audit trail could not be written; the surrounding change must not happen either."""


@dataclass(frozen=True)
class AuditEvent:
    seq: int
    at: str
    actor: str
    desk: str | None
    action: str
    entity: str | None
    entity_id: str | None
    details: dict[str, Any]
    prev_hash: str
    hash: str


def canonical_json(value: Any) -> str:
    """The one serialisation hashed anywhere in the audit: sorted keys, no spaces, UTF-8."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def event_hash(
    seq: int,
    at: str,
    actor: str,
    desk: str | None,
    action: str,
    entity: str | None,
    entity_id: str | None,
    details_text: str,
    prev_hash: str,
) -> str:
    row = [seq, at, actor, desk, action, entity, entity_id, details_text, prev_hash]
    payload = json.dumps(row, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return hashlib.sha256(_DOMAIN + payload).hexdigest()


def _identity(actor: HasIdentity | str) -> tuple[str, str | None]:
    if isinstance(actor, str):
        return actor, None
    return actor.username, actor.desk


def record_event(
    store: Store,
    actor: HasIdentity | str,
    action: str,
    entity: str | None,
    entity_id: object | None,
    details: Mapping[str, Any] | None = None,
    *,
    at: dt.datetime | None = None,
) -> AuditEvent:
    """Append one event to the chain, inside the caller's write transaction.

    Call it inside `with store.write():` next to the change it records, so both commit or neither
    does; called outside one it opens its own. BEGIN IMMEDIATE holds the write lock from the
    first statement, so appends from several processes are serialised and never fork the chain.
    `actor` is a signed-in Actor or a plain name for the system ("intake", "system").
    """
    username, desk = _identity(actor)
    details_text = canonical_json(dict(details or {}))
    when = clock.iso(at) if at is not None else clock.now_iso()
    eid = None if entity_id is None else str(entity_id)
    with store.write() as db:
        conn = db.conn
        last = conn.execute("SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1").fetchone()
        seq, prev = (1, GENESIS) if last is None else (last[0] + 1, last[1])
        digest = event_hash(seq, when, username, desk, action, entity, eid, details_text, prev)
        conn.execute(
            "INSERT INTO audit_events (seq, at, actor, desk, action, entity, entity_id, details,"
            " prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (seq, when, username, desk, action, entity, eid, details_text, prev, digest),
        )
        moved = conn.execute(
            "UPDATE audit_anchor SET seq = ?, head_hash = ?, updated_at = ? WHERE id = 1",
            (seq, digest, when),
        ).rowcount
        if moved == 0:
            if seq != 1:
                raise AuditError("The audit anchor is missing although events exist: run `audit verify`.")
            conn.execute(
                "INSERT INTO audit_anchor (id, seq, head_hash, updated_at) VALUES (1, ?, ?, ?)",
                (seq, digest, when),
            )
    return AuditEvent(seq, when, username, desk, action, entity, eid, dict(details or {}), prev, digest)


def row_to_event(row: Mapping[str, Any]) -> AuditEvent:
    return AuditEvent(
        seq=row["seq"],
        at=row["at"],
        actor=row["actor"],
        desk=row["desk"],
        action=row["action"],
        entity=row["entity"],
        entity_id=row["entity_id"],
        details=json.loads(row["details"]) if row["details"] else {},
        prev_hash=row["prev_hash"],
        hash=row["hash"],
    )


@dataclass(frozen=True)
class Problem:
    kind: str  # sequence, link, content, anchor, protection, witness, record
    seq: int | None
    message: str


@dataclass
class VerifyReport:
    events: int = 0
    head_seq: int = 0
    head_hash: str = GENESIS
    problems: list[Problem] = field(default_factory=list)
    records_checked: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def first_break(self) -> Problem | None:
        return self.problems[0] if self.problems else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "events": self.events,
            "head_seq": self.head_seq,
            "head_hash": self.head_hash,
            "records_checked": self.records_checked,
            "first_break": None if self.ok else self.problems[0].__dict__,
            "problems": [p.__dict__ for p in self.problems],
        }


def head(store: Store) -> tuple[int, str]:
    row = store.conn.execute("SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1").fetchone()
    return (0, GENESIS) if row is None else (int(row[0]), str(row[1]))


def read_witness(path: Path) -> list[tuple[int, str]]:
    """Lines written by `audit head --append-to`: JSON objects with seq and hash."""
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            pairs.append((int(item["seq"]), str(item["hash"])))
    return pairs


def verify_chain(store: Store, witness: Iterable[tuple[int, str]] = (), *, max_problems: int = 50) -> VerifyReport:
    """Walk the whole chain in one read transaction; the first problem is the first broken link."""
    report = VerifyReport()
    conn = store.conn
    own_txn = not conn.in_transaction
    if own_txn:
        conn.execute("BEGIN")  # one snapshot, so appends by other desks do not look like breaks
    try:
        _walk(conn, report, list(witness), max_problems)
    finally:
        if own_txn:
            conn.execute("COMMIT")
    return report


def _walk(conn: Any, report: VerifyReport, witness: list[tuple[int, str]], cap: int) -> None:
    problems = report.problems
    expected_seq, prev = 1, GENESIS
    hashes: dict[int, str] = {}
    wanted = {seq for seq, _ in witness}
    cur = conn.execute(
        "SELECT seq, at, actor, desk, action, entity, entity_id, details, prev_hash, hash"
        " FROM audit_events ORDER BY seq"
    )
    for seq, at, actor, desk, action, entity, entity_id, details, prev_hash, stored in cur:
        report.events += 1
        if len(problems) < cap:
            if seq != expected_seq:
                problems.append(
                    Problem(
                        "sequence",
                        seq,
                        f"event {seq} follows event {expected_seq - 1}: events are missing or out of order",
                    )
                )
            if prev_hash != prev:
                problems.append(Problem("link", seq, f"event {seq} does not point to the event before it"))
            actual = event_hash(seq, at, actor, desk, action, entity, entity_id, details, prev_hash)
            if actual != stored:
                problems.append(Problem("content", seq, f"event {seq} was changed after it was written"))
        if seq in wanted:
            hashes[seq] = stored
        expected_seq, prev = seq + 1, stored
        report.head_seq, report.head_hash = seq, stored
    anchor = conn.execute("SELECT seq, head_hash FROM audit_anchor WHERE id = 1").fetchone()
    if anchor is None:
        if report.events:
            problems.append(Problem("anchor", None, "the audit anchor row has been removed"))
    elif (anchor[0], anchor[1]) != (report.head_seq, report.head_hash):
        problems.append(
            Problem(
                "anchor",
                report.head_seq,
                f"the trail ends at event {report.head_seq} but the anchor records event "
                f"{anchor[0]}: the newest events were removed or the anchor altered",
            )
        )
    present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    for name in APPEND_ONLY_TRIGGERS:
        if name not in present:
            problems.append(Problem("protection", None, f"the append-only trigger {name} has been removed"))
    for seq, digest in witness:
        if hashes.get(seq) != digest:
            problems.append(
                Problem(
                    "witness",
                    seq,
                    f"event {seq} no longer has the hash recorded outside the store: the trail was rewritten",
                )
            )
