"""Several desks working one queue at once, in separate processes: the evidence that claims and
optimistic concurrency hold (every contact decided exactly once, no lost update, the audit chain
intact). Used by tests/oversight and benchmarks/oversight_desks.py; all data is synthetic."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import multiprocessing as mp
import random
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mashdesk.accounts import clock, passwords
from mashdesk.accounts.passwords import HashCost
from mashdesk.accounts.users import add_user, create_first_administrator, sign_in
from mashdesk.audit.queries import verify_store
from mashdesk.decisions.errors import ClaimHeld, StaleContact
from mashdesk.decisions.model import DecisionInput, NextAction, OversightInput
from mashdesk.decisions.workflow import (
    claim,
    current_decision,
    record_oversight,
    submit_decision,
)
from mashdesk.domain import ROUTING_CODES
from mashdesk.store import Store, open_store

SIM_PASSWORD = "synthetic-desk-password"  # only for throwaway simulation stores

_FIRST = ("Ava", "Noah", "Maya", "Leo", "Isla", "Zain", "Ruby", "Theo", "Amira", "Finn")
_LAST = ("Testwood", "Sampleton", "Fakeley", "Mockford", "Dummer", "Placeholt")


def insert_synthetic_contact(
    store: Store,
    rng: random.Random,
    *,
    received_at: dt.datetime | None = None,
    triggers: tuple[str, ...] = (),
    immediate_protection: bool = False,
    routing: str = "early_help",
    status: str = "new",
) -> int:
    """A minimal synthetic contact (one child, one current suggestion), labelled synthetic."""
    received = received_at or clock.now()
    child = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
    body = f"SYNTHETIC TEST CONTACT about {child}. Worry raised by a made-up referrer."
    raw = f"{body}\n{rng.random()}".encode()
    sha = hashlib.sha256(raw).hexdigest()
    at = clock.iso(received)
    with store.write() as db:
        conn = db.conn
        conn.execute(
            "INSERT INTO raw_blobs (sha256, size, data, stored_at) VALUES (?, ?, ?, ?)",
            (sha, len(raw), raw, at),
        )
        cid = conn.execute(
            "INSERT INTO contacts (raw_sha256, channel, received_at, received_at_basis,"
            " referrer_name, referrer_org, source_code, subject, body_text, decision_due,"
            " status, ingested_at, synthetic) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,1)",
            (
                sha,
                "email",
                at,
                "header",
                "Synthetic Referrer",
                "Example School",
                "2A",
                f"SYNTHETIC: concern about {child}",
                body,
                clock.iso(received + dt.timedelta(days=1)),
                status,
                at,
            ),
        ).lastrowid
        dob = dt.date(2010 + rng.randrange(14), rng.randrange(1, 13), rng.randrange(1, 28))
        conn.execute(
            "INSERT INTO children (contact_id, name, dob, confidence, source_field) VALUES (?, ?, ?, 0.9, 'body')",
            (cid, child, dob.isoformat()),
        )
        level = ROUTING_CODES.index(routing) + 1
        conn.execute(
            "INSERT INTO suggestions (contact_id, created_at, current, pack_name, pack_version,"
            " pack_sha256, routing, level, immediate_protection, triggers_json, result_json)"
            " VALUES (?, ?, 1, 'synthetic', '0', ?, ?, ?, ?, ?, '{}')",
            (
                cid,
                at,
                "0" * 64,
                routing,
                level,
                int(immediate_protection),
                json.dumps(list(triggers)),
            ),
        )
    return int(cid or 0)


def sample_decision(rng: random.Random, triggers: list[str], *, below_sd: bool) -> DecisionInput:
    """A complete, plausible screening decision (synthetic text)."""
    if triggers and not below_sd:
        routing, level, rag = "strategy_discussion", 4, "red"
    else:
        routing = rng.choice(ROUTING_CODES[:3])
        level = ROUTING_CODES.index(routing) + 1
        rag = {1: "green", 2: "green", 3: "amber"}[level]
    consent = "given" if routing != "strategy_discussion" else "not_sought"
    deadline = (clock.now() + dt.timedelta(days=rng.randrange(1, 10))).date().isoformat()
    return DecisionInput(
        level=level,
        routing=routing,
        rag=rag,
        indicators=["synthetic indicator: " + rng.choice(("attendance", "care", "injury"))],
        history_considered="No previous contacts found (synthetic).",
        consent_status=consent,
        consent_given_by="parent (synthetic)" if consent == "given" else None,
        rationale="Synthetic rationale written by the desk simulation.",
        next_actions=[NextAction("Send outcome to referrer", "front door", deadline)],
        strategy_discussion_considered=bool(triggers),
        strategy_discussion_why_not=(
            "Synthetic: trigger negated on reading the full account." if triggers and below_sd else None
        ),
        feedback_to_referrer="Outcome shared with the referrer (synthetic).",
    )


def sample_oversight(rng: random.Random, decision: dict[str, Any], change: bool) -> OversightInput:
    guard = json.loads(decision["guard_conditions_json"])
    below = decision["routing"] != "strategy_discussion"
    if change:
        return OversightInput(
            outcome="change",
            decision_summary="Changed to strategy discussion (synthetic).",
            rationale="Synthetic: facts and reflection point to significant harm.",
            risk_analysis="Synthetic risk analysis.",
            actions=[NextAction("Convene strategy discussion", "team manager", "today")],
            level=4,
            routing="strategy_discussion",
            rag="red",
        )
    return OversightInput(
        outcome="agree",
        decision_summary=f"Agree: {decision['routing']} (synthetic).",
        rationale="Synthetic: the worker's analysis is sound.",
        risk_analysis="Synthetic risk analysis.",
        actions=[NextAction("Confirm outcome to referrer", "front door", "1 working day")],
        guard_override_reason=(
            "Synthetic: threshold for s47 not met on the full account." if guard and below else None
        ),
    )


@dataclass
class DeskFigures:
    processes: int
    contacts: int
    decisions: int = 0
    oversight: int = 0
    claims: int = 0
    conflicts_stale: int = 0
    conflicts_held: int = 0
    lost_updates: int = 0
    contacts_not_decided_once: int = 0
    audit_ok: bool = False
    audit_events: int = 0
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def conflicts_detected(self) -> int:
        return self.conflicts_stale + self.conflicts_held

    def lines(self) -> list[str]:
        return [
            f"processes: {self.processes}",
            f"contacts: {self.contacts}",
            f"screening decisions: {self.decisions}",
            f"oversight records: {self.oversight}",
            f"claims taken: {self.claims}",
            f"conflicts detected: {self.conflicts_detected} "
            f"(stale version {self.conflicts_stale}, held by another desk {self.conflicts_held})",
            f"lost updates: {self.lost_updates}",
            f"contacts not decided exactly once: {self.contacts_not_decided_once}",
            f"audit chain intact: {self.audit_ok} ({self.audit_events} events)",
            f"unexpected errors: {len(self.errors)}",
            f"wall time: {self.seconds:.1f} s",
        ]


def _open_contacts(store: Store) -> dict[int, tuple[str, int]]:
    rows = store.conn.execute("SELECT id, status, version FROM contacts WHERE status != 'decided'").fetchall()
    return {r[0]: (r[1], r[2]) for r in rows}


def _desk(db_path: str, index: int, seed: int, cost: HashCost, barrier: Any, out: Any) -> None:
    passwords.configure_hashing(cost)
    rng = random.Random(seed * 1000 + index)
    store = open_store(db_path, migrate=False)
    stats: Counter[str] = Counter()
    done: list[tuple[str, int, int, int]] = []
    errors: list[str] = []
    try:
        desk = f"desk-{index}"
        worker = sign_in(store, f"worker{index}", SIM_PASSWORD, desk)
        manager = sign_in(store, f"manager{index}", SIM_PASSWORD, desk)
        snapshot = _open_contacts(store)  # read before everyone starts: deliberately stale
        barrier.wait()
        while snapshot:
            order = list(snapshot)
            rng.shuffle(order)
            for cid in order:
                status, version = snapshot[cid]
                try:
                    if status in ("new", "in_screening"):
                        held = claim(store, worker, cid, version)
                        stats["claims"] += 1
                        done.append(("claim", cid, 0, held.version))
                        triggers = json.loads(
                            store.conn.execute(
                                "SELECT triggers_json FROM suggestions WHERE contact_id = ? AND current = 1",
                                (cid,),
                            ).fetchone()[0]
                        )
                        decision = sample_decision(rng, triggers, below_sd=rng.random() < 0.5)
                        rec = submit_decision(store, worker, cid, decision, held.version)
                        done.append(("decision", cid, rec.record_id, rec.version))
                    elif status == "awaiting_oversight":
                        current = current_decision(store, cid)
                        assert current is not None
                        change = current["routing"] != "strategy_discussion" and rng.random() < 0.3
                        over = sample_oversight(rng, current, change=change)
                        rec = record_oversight(store, manager, cid, over, version)
                        done.append(("oversight", cid, rec.record_id, rec.version))
                except StaleContact:
                    stats["stale"] += 1
                except ClaimHeld:
                    stats["held"] += 1
            snapshot = _open_contacts(store)
            time.sleep(rng.random() * 0.01)  # let other desks interleave between passes
    except Exception as exc:  # reported to the parent, which fails the run
        errors.append(f"desk {index}: {type(exc).__name__}: {exc}")
    finally:
        store.close()
        out.put({"index": index, "stats": dict(stats), "done": done, "errors": errors})


def prepare_store(db_path: Path, processes: int, contacts: int, seed: int) -> None:
    store = open_store(db_path)
    rng = random.Random(seed)
    try:
        admin_id = create_first_administrator(
            store, "sim.admin", "Simulation Administrator", SIM_PASSWORD, synthetic=True
        )
        from mashdesk.accounts.actor import Actor

        admin = Actor(admin_id, "sim.admin", "administrator")
        for i in range(processes):
            add_user(
                store,
                admin,
                f"worker{i}",
                f"Synthetic Worker {i}",
                "social_worker",
                SIM_PASSWORD,
                f"desk-{i}",
                synthetic=True,
            )
            add_user(
                store,
                admin,
                f"manager{i}",
                f"Synthetic Manager {i}",
                "manager",
                SIM_PASSWORD,
                f"desk-{i}",
                synthetic=True,
            )
        triggers = ("disclosure_physical_abuse", "unexplained_injury", "child_exploitation")
        for n in range(contacts):
            fired = (rng.choice(triggers),) if n % 4 == 0 else ()
            insert_synthetic_contact(
                store, rng, triggers=fired, routing="strategy_discussion" if fired else "early_help"
            )
    finally:
        store.close()


def run_desks(
    db_path: Path,
    processes: int = 5,
    contacts: int = 60,
    seed: int = 7,
    cost: HashCost = passwords.TEST_ONLY,
) -> DeskFigures:
    """Run `processes` desks (a worker and a manager each) over one fresh synthetic store."""
    started = time.perf_counter()
    passwords.configure_hashing(cost)
    prepare_store(db_path, processes, contacts, seed)
    ctx = mp.get_context("spawn")  # no connection or lock state inherited from the parent
    barrier = ctx.Barrier(processes)
    out = ctx.Queue()
    procs = [ctx.Process(target=_desk, args=(str(db_path), i, seed, cost, barrier, out)) for i in range(processes)]
    for p in procs:
        p.start()
    results = [out.get(timeout=300) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    figures = DeskFigures(processes, contacts)
    reported: list[tuple[str, int, int, int]] = []
    for r in results:
        figures.conflicts_stale += r["stats"].get("stale", 0)
        figures.conflicts_held += r["stats"].get("held", 0)
        figures.claims += r["stats"].get("claims", 0)
        figures.errors += r["errors"]
        reported += r["done"]
    _check(db_path, figures, reported)
    figures.seconds = time.perf_counter() - started
    return figures


def _check(db_path: Path, figures: DeskFigures, reported: list[tuple[str, int, int, int]]) -> None:
    store = open_store(db_path, migrate=False)
    try:
        conn = store.conn
        decisions = {r[0]: r[1] for r in conn.execute("SELECT id, contact_id FROM screening_decisions")}
        oversight = {r[0]: r[1] for r in conn.execute("SELECT id, contact_id FROM oversight_records")}
        figures.decisions, figures.oversight = len(decisions), len(oversight)
        # A lost update: a desk was told its write succeeded but the store does not hold it.
        lost = 0
        for kind, cid, rid, _version in reported:
            if kind == "decision" and decisions.get(rid) != cid:
                lost += 1
            if kind == "oversight" and oversight.get(rid) != cid:
                lost += 1
        told = {(k, rid) for k, _c, rid, _v in reported if k != "claim"}
        lost += sum(1 for rid in decisions if ("decision", rid) not in told)
        lost += sum(1 for rid in oversight if ("oversight", rid) not in told)
        figures.lost_updates = lost
        per_contact = conn.execute(
            "SELECT c.id, c.status, c.version,"
            " (SELECT count(*) FROM screening_decisions d WHERE d.contact_id = c.id),"
            " (SELECT count(*) FROM oversight_records o WHERE o.contact_id = c.id)"
            " FROM contacts c"
        ).fetchall()
        # Exactly once: one decision, one oversight, and exactly the three writes claim, submit,
        # sign-off on top of version 1.
        figures.contacts_not_decided_once = sum(
            1
            for _id, status, version, nd, no in per_contact
            if not (status == "decided" and nd == 1 and no == 1 and version == 4)
        )
        report = verify_store(store)
        figures.audit_ok = report.ok
        figures.audit_events = report.events
        if not report.ok:
            figures.errors += [p.message for p in report.problems]
        submits = conn.execute("SELECT count(*) FROM audit_events WHERE action = 'decision.submit'").fetchone()[0]
        claims = conn.execute("SELECT count(*) FROM audit_events WHERE action = 'claim.take'").fetchone()[0]
        if submits != figures.decisions or claims != figures.claims:
            figures.errors.append(
                f"audit counts differ: {submits} submit events for {figures.decisions} "
                f"decisions, {claims} claim events for {figures.claims} claims"
            )
    finally:
        store.close()
