"""Claims, screening decisions and manager oversight, with optimistic concurrency.

Status moves new -> in_screening (claim) -> awaiting_oversight (submit) -> decided (oversight).
Every change to a contact is `UPDATE ... WHERE id = ? AND version = ?`; when that matches no row
the contact moved under the desk and the change is refused with who changed it and when.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from mashdesk.accounts import clock
from mashdesk.accounts.actor import Actor
from mashdesk.accounts.permissions import PermissionDenied
from mashdesk.accounts.settings import get_setting
from mashdesk.accounts.users import authorize, authorize_any
from mashdesk.audit.chain import record_event
from mashdesk.decisions.errors import ClaimHeld, ContactNotFound, StaleContact
from mashdesk.decisions.guard import current_suggestion, guard_applies, guard_conditions
from mashdesk.decisions.integrity import content_hash
from mashdesk.decisions.model import DecisionError, DecisionInput, DecisionInvalid, OversightInput
from mashdesk.store import Store


@dataclass(frozen=True)
class ContactState:
    id: int
    status: str
    claimed_by: str | None
    claim_expires_at: str | None
    version: int
    updated_by: str | None
    updated_at: str | None
    re_referral: bool

    def holder(self, now: dt.datetime | None = None) -> str | None:
        """Who holds a live claim on the contact, if anyone."""
        if self.claimed_by is None or self.claim_expires_at is None:
            return None
        if clock.parse(self.claim_expires_at) <= (now or clock.now()):
            return None
        return self.claimed_by


@dataclass(frozen=True)
class ClaimResult:
    contact_id: int
    holder: str
    expires_at: str
    version: int
    status: str


@dataclass(frozen=True)
class Recorded:
    """What a submit or an oversight changed: the new record and the contact's new version."""

    contact_id: int
    record_id: int
    replaces_id: int | None
    version: int
    status: str
    content_sha256: str


def contact_state(store: Store, contact_id: int) -> ContactState:
    row = store.conn.execute(
        "SELECT id, status, claimed_by, claim_expires_at, version, updated_by, updated_at,"
        " re_referral FROM contacts WHERE id = ?",
        (contact_id,),
    ).fetchone()
    if row is None:
        raise ContactNotFound(f"There is no contact {contact_id}.")
    return ContactState(row[0], row[1], row[2], row[3], row[4], row[5], row[6], bool(row[7]))


def _move(
    store: Store,
    actor: Actor,
    state: ContactState,
    *,
    status: str,
    claimed_by: str | None,
    claim_expires_at: str | None,
) -> int:
    """The one write to a contact's workflow columns; refuses if the version moved."""
    cur = store.conn.execute(
        "UPDATE contacts SET status = ?, claimed_by = ?, claim_expires_at = ?,"
        " version = version + 1, updated_by = ?, updated_at = ?"
        " WHERE id = ? AND version = ? RETURNING version",
        (
            status,
            claimed_by,
            claim_expires_at,
            actor.username,
            clock.now_iso(),
            state.id,
            state.version,
        ),
    ).fetchone()
    if cur is None:
        fresh = contact_state(store, state.id)
        raise StaleContact(state.id, fresh.updated_by, fresh.updated_at)
    return int(cur[0])


def _check_version(store: Store, state: ContactState, expected_version: int | None) -> None:
    if expected_version is not None and state.version != expected_version:
        raise StaleContact(state.id, state.updated_by, state.updated_at)


def claim(
    store: Store,
    actor: Actor,
    contact_id: int,
    expected_version: int | None = None,
    *,
    take_over: bool = False,
) -> ClaimResult:
    """Hold a contact for the configured minutes (screening, or oversight once submitted).

    A live claim by someone else is refused with who holds it, unless `take_over` and the role
    may override; an expired claim is free to take.
    """
    with store.write():
        actor = authorize_any(store, actor, ("screen", "sign_off"))
        state = contact_state(store, contact_id)
        _check_version(store, state, expected_version)
        if state.status == "decided":
            raise DecisionError(f"Contact {contact_id} is already decided.")
        needed = "sign_off" if state.status == "awaiting_oversight" else "screen"
        actor = authorize(store, actor, needed)
        now = clock.now()
        holder = state.holder(now)
        kind = "claim.take"
        if holder is not None and holder.lower() == actor.username.lower():
            kind = "claim.renew"
        elif holder is not None:
            if not take_over:
                assert state.claim_expires_at is not None
                raise ClaimHeld(contact_id, holder, state.claim_expires_at)
            actor = authorize(store, actor, "override")
            kind = "claim.take_over"
        minutes = get_setting(store, "claim_minutes")
        until = clock.iso(now + dt.timedelta(minutes=minutes))
        status = "in_screening" if state.status in ("new", "in_screening") else state.status
        version = _move(store, actor, state, status=status, claimed_by=actor.username, claim_expires_at=until)
        details: dict[str, Any] = {"until": until, "status": status, "version": version}
        if kind == "claim.take_over":
            details["from"] = holder
        record_event(store, actor, kind, "contact", contact_id, details)
    return ClaimResult(contact_id, actor.username, until, version, status)


def release(store: Store, actor: Actor, contact_id: int) -> int:
    """Give a claim back; a contact still in screening returns to the queue as new."""
    with store.write():
        state = contact_state(store, contact_id)
        needed = "sign_off" if state.status == "awaiting_oversight" else "screen"
        actor = authorize(store, actor, needed)
        if state.claimed_by is None:
            return state.version
        if state.claimed_by.lower() != actor.username.lower() and state.holder() is not None:
            actor = authorize(store, actor, "override")
        status = "new" if state.status == "in_screening" else state.status
        version = _move(store, actor, state, status=status, claimed_by=None, claim_expires_at=None)
        record_event(
            store,
            actor,
            "claim.release",
            "contact",
            contact_id,
            {"from": state.claimed_by, "status": status, "version": version},
        )
    return version


def release_expired_claims(store: Store) -> int:
    """Return contacts whose screening claim lapsed to the queue (audited as the system)."""
    now = clock.now_iso()
    released = 0
    with store.write() as db:
        rows = db.conn.execute(
            "SELECT id, claimed_by, version FROM contacts WHERE status = 'in_screening'"
            " AND claim_expires_at IS NOT NULL AND claim_expires_at <= ?",
            (now,),
        ).fetchall()
        for cid, holder, version in rows:
            db.conn.execute(
                "UPDATE contacts SET status = 'new', claimed_by = NULL, claim_expires_at = NULL,"
                " version = version + 1, updated_by = 'system', updated_at = ?"
                " WHERE id = ? AND version = ?",
                (now, cid, version),
            )
            record_event(store, "system", "claim.expire", "contact", cid, {"from": holder})
            released += 1
    return released


def current_decision(store: Store, contact_id: int) -> dict[str, Any] | None:
    cur = store.conn.execute(
        "SELECT * FROM screening_decisions WHERE contact_id = ? ORDER BY id DESC LIMIT 1",
        (contact_id,),
    )
    row = cur.fetchone()
    if row is None:
        return None
    return dict(zip([c[0] for c in cur.description], row, strict=True))


def current_oversight(store: Store, contact_id: int) -> dict[str, Any] | None:
    cur = store.conn.execute(
        "SELECT * FROM oversight_records WHERE contact_id = ? ORDER BY id DESC LIMIT 1",
        (contact_id,),
    )
    row = cur.fetchone()
    if row is None:
        return None
    return dict(zip([c[0] for c in cur.description], row, strict=True))


def _insert(store: Store, table: str, values: dict[str, Any]) -> int:
    cols = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    cur = store.conn.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks})", list(values.values()))
    return int(cur.lastrowid or 0)


def submit_decision(
    store: Store,
    actor: Actor,
    contact_id: int,
    decision: DecisionInput,
    expected_version: int,
    *,
    group: list[int] | None = None,
) -> Recorded:
    """Record a screening decision and send the contact for oversight.

    The worker must hold the claim (or, before oversight, be revising their own decision, which
    writes a new record that replaces the old one). `expected_version` is the contact version the
    worker's screen was based on.
    """
    actor = authorize(store, actor, "submit")
    with store.write():
        state = contact_state(store, contact_id)
        _check_version(store, state, expected_version)
        previous = current_decision(store, contact_id)
        me = actor.username.lower()
        if state.status == "in_screening":
            if (state.claimed_by or "").lower() != me:
                holder = state.holder()
                if holder:
                    raise ClaimHeld(contact_id, holder, state.claim_expires_at or "")
                raise DecisionError(f"Claim contact {contact_id} before submitting a decision.")
        elif state.status == "awaiting_oversight":
            if previous is None or previous["author_id"] != actor.user_id:
                raise DecisionError(f"Contact {contact_id} is awaiting oversight of someone else's decision.")
            holder = state.holder()
            if holder is not None and holder.lower() != me:
                raise ClaimHeld(contact_id, holder, state.claim_expires_at or "")
        elif state.status == "new":
            raise DecisionError(f"Claim contact {contact_id} before submitting a decision.")
        else:
            raise DecisionError(f"Contact {contact_id} is already decided.")
        suggestion_id, _codes, _ip = current_suggestion(store, contact_id)
        conditions = guard_conditions(store, contact_id, immediate_protection=decision.immediate_protection)
        problems = decision.problems(conditions)
        if problems:
            raise DecisionInvalid(problems)
        considered = decision.strategy_discussion_considered or decision.routing == "strategy_discussion"
        values: dict[str, Any] = {
            "contact_id": contact_id,
            "replaces_id": previous["id"] if previous else None,
            "submitted_at": clock.now_iso(),
            "author_id": actor.user_id,
            "author": actor.username,
            "author_name": actor.full_name or actor.username,
            "desk": actor.desk,
            "contact_version": state.version,
            "suggestion_id": suggestion_id,
            "guard_conditions_json": json.dumps(conditions),
            "level": int(decision.level),
            "indicators_json": json.dumps([i.strip() for i in decision.indicators if i.strip()]),
            "history_considered": decision.history_considered.strip(),
            "previous_contacts_json": json.dumps(sorted(set(decision.previous_contact_ids))),
            "re_referral": int(state.re_referral if decision.re_referral is None else decision.re_referral),
            "consent_status": decision.consent_status,
            "consent_given_by": decision.consent_given_by,
            "consent_override_reason": decision.consent_override_reason,
            "rag": decision.rag,
            "routing": decision.routing,
            "immediate_protection": int(decision.immediate_protection),
            "strategy_discussion_considered": int(considered),
            "strategy_discussion_why_not": decision.strategy_discussion_why_not,
            "rationale": decision.rationale.strip(),
            "next_actions_json": json.dumps([a.as_dict() for a in decision.next_actions]),
            "child_voice": decision.child_voice,
            "feedback_to_referrer": decision.feedback_to_referrer,
        }
        digest = content_hash(values)
        values["content_sha256"] = digest
        record_id = _insert(store, "screening_decisions", values)
        version = _move(store, actor, state, status="awaiting_oversight", claimed_by=None, claim_expires_at=None)
        record_event(
            store,
            actor,
            "decision.submit",
            "screening_decision",
            record_id,
            {
                "contact_id": contact_id,
                "replaces_id": values["replaces_id"],
                "level": values["level"],
                "routing": decision.routing,
                "rag": decision.rag,
                "guard_conditions": conditions,
                "content_sha256": digest,
                "contact_version": version,
                **({"group": group} if group else {}),
            },
        )
    return Recorded(contact_id, record_id, values["replaces_id"], version, "awaiting_oversight", digest)


def record_oversight(
    store: Store,
    actor: Actor,
    contact_id: int,
    oversight: OversightInput,
    expected_version: int,
    *,
    group: list[int] | None = None,
) -> Recorded:
    """A manager agrees with or changes the screening decision, and the contact is decided.

    Nobody signs off a decision they screened. Below strategy_discussion with a trigger fired
    (or immediate protection), the manager must record guard_override_reason and hold the
    override permission. On a decided contact this records an amended oversight that replaces
    the previous one.
    """
    actor = authorize(store, actor, "sign_off")
    problems = oversight.problems()
    if problems:
        raise DecisionInvalid(problems)
    with store.write():
        state = contact_state(store, contact_id)
        _check_version(store, state, expected_version)
        if state.status not in ("awaiting_oversight", "decided"):
            raise DecisionError(f"Contact {contact_id} has no screening decision to oversee yet.")
        holder = state.holder()
        if holder is not None and holder.lower() != actor.username.lower():
            raise ClaimHeld(contact_id, holder, state.claim_expires_at or "")
        decision = current_decision(store, contact_id)
        assert decision is not None
        authors = {
            r[0]
            for r in store.conn.execute("SELECT author_id FROM screening_decisions WHERE contact_id = ?", (contact_id,))
        }
        if actor.user_id in authors:
            raise PermissionDenied(f"{actor.username} screened contact {contact_id}: another manager must sign off.")
        previous = current_oversight(store, contact_id) if state.status == "decided" else None
        if oversight.outcome == "agree":
            final = {
                "level": decision["level"],
                "routing": decision["routing"],
                "rag": decision["rag"],
                "immediate_protection": decision["immediate_protection"],
            }
        else:
            final = {
                "level": oversight.level if oversight.level is not None else decision["level"],
                "routing": oversight.routing or decision["routing"],
                "rag": oversight.rag or decision["rag"],
                "immediate_protection": int(
                    decision["immediate_protection"]
                    if oversight.immediate_protection is None
                    else oversight.immediate_protection
                ),
            }
            if all(final[k] == decision[k] for k in final):
                raise DecisionInvalid(
                    ["A change must change the level, routing, RAG or immediate protection; otherwise record agree."]
                )
        conditions = sorted(
            set(json.loads(decision["guard_conditions_json"]))
            | set(guard_conditions(store, contact_id, immediate_protection=bool(final["immediate_protection"])))
        )
        override_reason = (oversight.guard_override_reason or "").strip() or None
        if guard_applies(str(final["routing"]), conditions):
            if override_reason is None:
                raise DecisionInvalid(
                    [
                        "Mandatory triggers fired (" + ", ".join(conditions) + "): routing "
                        f"{final['routing']} needs the manager's recorded reason for not "
                        "holding a strategy discussion (guard_override_reason)."
                    ]
                )
            actor = authorize(store, actor, "override")
        values: dict[str, Any] = {
            "contact_id": contact_id,
            "decision_id": decision["id"],
            "replaces_id": previous["id"] if previous else None,
            "recorded_at": clock.now_iso(),
            "manager_id": actor.user_id,
            "manager": actor.username,
            "manager_name": actor.full_name or actor.username,
            "desk": actor.desk,
            "contact_version": state.version,
            "outcome": oversight.outcome,
            **final,
            "decision_summary": oversight.decision_summary.strip(),
            "rationale": oversight.rationale.strip(),
            "risk_analysis": oversight.risk_analysis.strip(),
            "actions_json": json.dumps([a.as_dict() for a in oversight.actions]),
            "guard_conditions_json": json.dumps(conditions),
            "guard_override_reason": override_reason,
        }
        digest = content_hash(values)
        values["content_sha256"] = digest
        record_id = _insert(store, "oversight_records", values)
        version = _move(store, actor, state, status="decided", claimed_by=None, claim_expires_at=None)
        record_event(
            store,
            actor,
            "oversight.record",
            "oversight_record",
            record_id,
            {
                "contact_id": contact_id,
                "decision_id": decision["id"],
                "replaces_id": values["replaces_id"],
                "outcome": oversight.outcome,
                "routing": final["routing"],
                "level": final["level"],
                "guard_conditions": conditions,
                "guard_overridden": override_reason is not None and guard_applies(str(final["routing"]), conditions),
                "content_sha256": digest,
                "contact_version": version,
                **({"group": group} if group else {}),
            },
        )
    return Recorded(contact_id, record_id, values["replaces_id"], version, "decided", digest)


def group_members(store: Store, contact_id: int) -> list[int]:
    """The contact and every contact linked with it as one incident (intake's group_id)."""
    row = store.conn.execute("SELECT group_id FROM contacts WHERE id = ?", (contact_id,)).fetchone()
    if row is None:
        raise ContactNotFound(f"There is no contact {contact_id}.")
    if row[0] is None:
        return [contact_id]
    return [
        int(r[0])
        for r in store.conn.execute(
            "SELECT id FROM contacts WHERE group_id = ? OR id = ? ORDER BY received_at, id",
            (row[0], row[0]),
        )
    ]


def decide_group(
    store: Store,
    actor: Actor,
    contact_id: int,
    decision: DecisionInput,
    expected_versions: dict[int, int] | None = None,
) -> list[Recorded]:
    """Screen a linked group once: the same decision for every member still being screened.

    All members are claimed and decided in one transaction, so either the whole group goes to
    oversight or none of it does. Each member gets its own record (and audit event naming the
    group), because each contact is counted and reported on its own.
    """
    expected_versions = expected_versions or {}
    results = []
    with store.write():
        members = group_members(store, contact_id)
        open_members = [m for m in members if contact_state(store, m).status in ("new", "in_screening")]
        if contact_id not in open_members:
            raise DecisionError(f"Contact {contact_id} is not waiting to be screened.")
        for member in open_members:
            state = contact_state(store, member)
            version = expected_versions.get(member, state.version)
            mine = (state.claimed_by or "").lower() == actor.username.lower()
            if state.status == "new" or not mine or state.holder() is None:
                version = claim(store, actor, member, version).version
            results.append(submit_decision(store, actor, member, decision, version, group=open_members))
    return results


def oversee_group(
    store: Store,
    actor: Actor,
    contact_id: int,
    oversight: OversightInput,
    expected_versions: dict[int, int] | None = None,
) -> list[Recorded]:
    """Sign off every member of a linked group awaiting oversight, in one transaction."""
    expected_versions = expected_versions or {}
    results = []
    with store.write():
        members = [
            m for m in group_members(store, contact_id) if contact_state(store, m).status == "awaiting_oversight"
        ]
        if contact_id not in members:
            raise DecisionError(f"Contact {contact_id} is not awaiting oversight.")
        for member in members:
            version = expected_versions.get(member, contact_state(store, member).version)
            results.append(record_oversight(store, actor, member, oversight, version, group=members))
    return results
