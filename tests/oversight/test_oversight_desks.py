"""Several desks in separate processes on one store, and the demo history."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from mashdesk.accounts import clock
from mashdesk.accounts.users import sign_in
from mashdesk.audit import verify_store
from mashdesk.decisions.demo import seed_demo_oversight
from mashdesk.decisions.desks import insert_synthetic_contact, run_desks


def test_several_processes_decide_each_contact_exactly_once(fast_dir: Path) -> None:
    figures = run_desks(fast_dir / "desks.db", processes=5, contacts=60, seed=3)
    print("\n" + "\n".join(figures.lines()))
    assert figures.errors == []
    assert figures.decisions == 60 and figures.oversight == 60
    assert figures.contacts_not_decided_once == 0
    assert figures.lost_updates == 0
    assert figures.audit_ok
    # Every desk read the queue before any desk started, so stale reads are certain.
    assert figures.conflicts_stale > 0


def test_demo_history(store) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(9)
    now = clock.now()
    for i in range(40):
        fired = ("unexplained_injury",) if i % 6 == 0 else ()
        insert_synthetic_contact(
            store,
            rng,
            received_at=now - dt.timedelta(hours=120 - 3 * i),
            triggers=fired,
            routing="strategy_discussion" if fired else "early_help",
        )
    counts = seed_demo_oversight(store, rng)
    statuses = dict(store.conn.execute("SELECT status, count(*) FROM contacts GROUP BY 1"))
    assert statuses["decided"] == counts["decided"] > 0
    assert statuses["awaiting_oversight"] == counts["awaiting_oversight"] > 0
    assert statuses["in_screening"] == counts["held"] > 0 and statuses["new"] > 0
    assert counts["changed"] > 0
    outcomes = dict(store.conn.execute("SELECT outcome, count(*) FROM oversight_records GROUP BY 1"))
    assert outcomes["agree"] > outcomes["change"] > 0
    report = verify_store(store)
    assert report.ok, report.problems
    actions = {r[0] for r in store.conn.execute("SELECT DISTINCT action FROM audit_events")}
    assert {
        "auth.sign_in",
        "contact.view",
        "claim.take",
        "decision.submit",
        "oversight.record",
        "user.add",
    } <= actions
    assert sign_in(store, "demo.manager1", "demo").role == "manager"
