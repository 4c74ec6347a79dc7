"""Demo history for the oversight capability: synthetic users, decisions, oversight, claims and the
audit events around them, laid over contacts the demo has already created."""

from __future__ import annotations

import datetime as dt
import json
import random
from typing import Any

from mashdesk.accounts import clock
from mashdesk.accounts.actor import Actor
from mashdesk.accounts.users import add_user, create_first_administrator, has_users
from mashdesk.audit.chain import record_event
from mashdesk.decisions.errors import ClaimHeld, StaleContact
from mashdesk.decisions.guard import guard_conditions
from mashdesk.decisions.model import DecisionInput, NextAction, OversightInput
from mashdesk.decisions.views import log_contact_view
from mashdesk.decisions.workflow import claim, contact_state, record_oversight, submit_decision
from mashdesk.domain import ROUTING_CODES
from mashdesk.store import Store

# DEMO ONLY: every demo account's password is "demo". Never use a demo store for real work.
DEMO_PASSWORD = "demo"

DEMO_USERS: tuple[tuple[str, str, str, str], ...] = (
    ("demo.admin", "Dana Admin (demo)", "administrator", "it"),
    ("demo.worker1", "Alex Example (demo)", "social_worker", "desk-1"),
    ("demo.worker2", "Sam Sample (demo)", "social_worker", "desk-2"),
    ("demo.worker3", "Jo Placeholder (demo)", "social_worker", "desk-3"),
    ("demo.manager1", "Morgan Mock (demo)", "manager", "desk-1"),
    ("demo.manager2", "Rowan Test (demo)", "manager", "desk-2"),
    ("demo.quality", "Quinn Quality (demo)", "quality_lead", "quality"),
)

_INDICATORS = {
    "information_advice": ["basic care and boundaries in place", "parents act on advice"],
    "early_help": [
        "occasional absence",
        "parental stress starting to affect care",
        "low-level emotional difficulties",
    ],
    "child_and_family_assessment": [
        "persistent absence",
        "history of domestic abuse",
        "risk of family breakdown",
    ],
    "strategy_discussion": [
        "suspected physical abuse",
        "child's own account of harm",
        "injury without a consistent explanation",
    ],
}
_RAG = {
    "information_advice": "green",
    "early_help": "green",
    "child_and_family_assessment": "amber",
    "strategy_discussion": "red",
}


def _demo_actors(store: Store) -> dict[str, Actor]:
    if not has_users(store):
        create_first_administrator(
            store,
            *DEMO_USERS[0][:2],
            DEMO_PASSWORD,
            DEMO_USERS[0][3],
            synthetic=True,
            _weak_password_ok=True,
        )
    rows = {r[1]: r for r in store.conn.execute("SELECT id, username, role, desk, full_name FROM users")}
    admin_row = rows.get("demo.admin") or next((r for r in rows.values() if r[2] == "administrator"), None)
    assert admin_row is not None
    admin = Actor(admin_row[0], admin_row[1], admin_row[2], admin_row[3], admin_row[4])
    for username, name, role, desk in DEMO_USERS:
        if username not in rows:
            add_user(
                store,
                admin,
                username,
                name,
                role,
                DEMO_PASSWORD,
                desk,
                synthetic=True,
                _weak_password_ok=True,
            )
    rows = {r[1]: r for r in store.conn.execute("SELECT id, username, role, desk, full_name FROM users")}
    return {u: Actor(rows[u][0], u, rows[u][2], rows[u][3], rows[u][4]) for u, *_ in DEMO_USERS}


def _decision(
    rng: random.Random, routing: str, conditions: list[str], when: dt.datetime, re_referral: bool
) -> DecisionInput:
    level = ROUTING_CODES.index(routing) + 1
    below = routing != "strategy_discussion"
    consent = "not_sought" if not below else rng.choice(("given", "given", "given", "refused"))
    due = (when + dt.timedelta(days=rng.choice((1, 2, 5, 10)))).date().isoformat()
    owner = rng.choice(("front door", "early help hub", "assessment team", "duty manager"))
    return DecisionInput(
        level=level,
        routing=routing,
        rag=_RAG[routing],
        indicators=rng.sample(_INDICATORS[routing], 2),
        history_considered=(
            "Re-referral within 12 months; previous contact closed with advice."
            if re_referral
            else "No previous contacts found for the child or household."
        ),
        consent_status=consent,
        consent_given_by="mother (demo)" if consent == "given" else None,
        consent_override_reason=(
            "Parent refused; concerns recorded and referrer advised to re-refer if worse (demo)."
            if consent == "refused" and routing in ("early_help", "child_and_family_assessment")
            else None
        ),
        immediate_protection=False,
        strategy_discussion_considered=bool(conditions) or not below,
        strategy_discussion_why_not=(
            "On reading the full account the trigger wording describes a past, closed concern (demo)."
            if conditions and below
            else None
        ),
        rationale=f"Demo rationale: the information meets level {level} of the continuum of "
        "need; needs and strengths weighed against the threshold document.",
        next_actions=[
            NextAction(
                "Tell the referrer the outcome" if not below else "Convene strategy discussion",
                owner,
                due,
            )
        ],
        child_voice=rng.choice((None, "Child says they feel safe at school (demo).")),
        feedback_to_referrer="Outcome and next steps shared with the referrer (demo).",
    )


def _oversight(rng: random.Random, decision_routing: str, conditions: list[str]) -> OversightInput:
    rank = ROUTING_CODES.index(decision_routing)
    change = rng.random() < 0.2
    if change:
        new_rank = min(rank + 1, 3) if rank < 3 else 2
        routing = ROUTING_CODES[new_rank]
        summary = f"Changed to {routing} (demo)."
    else:
        routing = decision_routing
        summary = f"Agree: {routing} (demo)."
    guard = conditions and routing != "strategy_discussion"
    return OversightInput(
        outcome="change" if change else "agree",
        decision_summary=summary,
        rationale="Demo: facts checked against the contact and history; reflection recorded.",
        risk_analysis="Demo: protective factors and risks weighed; no immediate risk identified."
        if routing != "strategy_discussion"
        else "Demo: risk of significant harm.",
        actions=[NextAction("Confirm outcome to referrer", "front door", "1 working day")],
        level=new_rank + 1 if change else None,
        routing=routing if change else None,
        rag=_RAG[routing] if change else None,
        guard_override_reason=(
            "Demo: manager read the full account; the trigger refers to a closed historic "
            "concern, recorded for the case file."
            if guard
            else None
        ),
    )


def seed_demo_oversight(store: Store, rng: random.Random) -> dict[str, Any]:
    """Demo users (password "demo", DEMO ONLY) and a realistic history over existing contacts.

    Oldest contacts are decided (most agreed, some changed by the manager), newer ones await
    oversight, a few are held right now by a demo worker, the newest stay new. Every step goes
    through the core functions at its historical time, so the audit trail verifies.
    """
    people = _demo_actors(store)
    workers = [people[u] for u in ("demo.worker1", "demo.worker2", "demo.worker3")]
    managers = [people[u] for u in ("demo.manager1", "demo.manager2")]
    now = clock.now()
    rows = store.conn.execute(
        "SELECT c.id, c.received_at, c.re_referral,"
        " (SELECT routing FROM suggestions s WHERE s.contact_id = c.id AND s.current = 1"
        "  ORDER BY s.id DESC LIMIT 1)"
        " FROM contacts c WHERE c.status = 'new' ORDER BY c.received_at, c.id"
    ).fetchall()
    n = len(rows)
    counts = {
        "decided": 0,
        "changed": 0,
        "awaiting_oversight": 0,
        "held": 0,
        "left_new": 0,
        "guard_overrides": 0,
    }
    plan: list[tuple[dt.datetime, int, str, Any]] = []
    for i, (cid, received_at, re_ref, suggested) in enumerate(rows):
        position = i / max(n, 1)
        received = min(clock.parse(received_at), now - dt.timedelta(hours=1))
        worker = workers[i % len(workers)]
        manager = managers[i % len(managers)]
        if position >= 0.85:
            counts["left_new"] += 1
            continue
        if position >= 0.75:
            plan.append((now - dt.timedelta(minutes=rng.randrange(2, 20)), cid, "hold", worker))
            continue
        t_view = received + dt.timedelta(minutes=rng.randrange(5, 90))
        t_submit = t_view + dt.timedelta(minutes=rng.randrange(30, 300))
        t_over = t_submit + dt.timedelta(minutes=rng.randrange(20, 480))
        routing = suggested if suggested in ROUTING_CODES else rng.choice(ROUTING_CODES[:3])
        if rng.random() < 0.15:
            routing = ROUTING_CODES[max(0, ROUTING_CODES.index(routing) - 1)]
        info = (worker, manager, routing, bool(re_ref))
        plan.append((min(t_view, now), cid, "screen", info))
        plan.append((min(t_submit, now), cid, "submit", info))
        if position < 0.6:
            plan.append((min(t_over, now), cid, "oversee", info))
    plan.sort(key=lambda p: (p[0], p[1], ("screen", "hold", "submit", "oversee").index(p[2])))
    signed_in_days: set[tuple[str, dt.date]] = set()

    def _sign_in(actor: Actor, when: dt.datetime) -> None:
        key = (actor.username, when.date())
        if key not in signed_in_days:
            signed_in_days.add(key)
            with store.write():
                record_event(
                    store,
                    actor,
                    "auth.sign_in",
                    "user",
                    actor.user_id,
                    {"desk": actor.desk},
                    at=when - dt.timedelta(minutes=3),
                )

    for when, cid, step, info in plan:
        with clock.at(when):
            try:
                if step == "hold":
                    _sign_in(info, when)
                    log_contact_view(store, info, cid, "screen")
                    claim(store, info, cid, contact_state(store, cid).version)
                    counts["held"] += 1
                    continue
                worker, manager, routing, re_ref = info
                if step == "screen":
                    _sign_in(worker, when)
                    log_contact_view(store, worker, cid, "screen")
                    claim(store, worker, cid, contact_state(store, cid).version)
                elif step == "submit":
                    conditions = guard_conditions(store, cid)
                    decision = _decision(rng, routing, conditions, when, re_ref)
                    submit_decision(store, worker, cid, decision, contact_state(store, cid).version)
                    counts["awaiting_oversight"] += 1
                elif step == "oversee":
                    _sign_in(manager, when)
                    log_contact_view(store, manager, cid, "oversight")
                    decided = store.conn.execute(
                        "SELECT routing, guard_conditions_json FROM screening_decisions"
                        " WHERE contact_id = ? ORDER BY id DESC LIMIT 1",
                        (cid,),
                    ).fetchone()
                    conditions = json.loads(decided[1])
                    over = _oversight(rng, decided[0], conditions)
                    record_oversight(store, manager, cid, over, contact_state(store, cid).version)
                    counts["awaiting_oversight"] -= 1
                    counts["decided"] += 1
                    counts["changed"] += over.outcome == "change"
                    counts["guard_overrides"] += over.guard_override_reason is not None
            except (ClaimHeld, StaleContact):
                continue
    # A few mistyped passwords, as any real trail has.
    for actor in workers[:2]:
        with store.write():
            record_event(
                store,
                actor,
                "auth.sign_in_failed",
                "user",
                actor.user_id,
                {"reason": "wrong_password", "attempts": 1},
            )
    return counts
