"""Screening decisions, oversight, the guard, claims and optimistic concurrency."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest

from mashdesk.accounts import PermissionDenied, clock
from mashdesk.accounts.settings import set_setting
from mashdesk.audit import access_log, list_events
from mashdesk.decisions import (
    ClaimHeld,
    DecisionError,
    DecisionInvalid,
    NextAction,
    StaleContact,
    claim,
    contact_state,
    current_decision,
    decide_group,
    decision_history,
    group_members,
    open_contact,
    oversee_group,
    record_oversight,
    release,
    release_expired_claims,
    submit_decision,
)

TRIGGER = ("disclosure_physical_abuse",)


def _submitted(store, cast, cid, decision, worker=None):  # type: ignore[no-untyped-def]
    worker = worker or cast.worker
    held = claim(store, worker, cid)
    return submit_decision(store, worker, cid, decision, held.version)


def test_full_flow_moves_status_and_versions(store, cast, new_contact, make_decision, make_oversight) -> None:  # type: ignore[no-untyped-def]
    cid = new_contact()
    assert contact_state(store, cid).status == "new"
    held = claim(store, cast.worker, cid)
    assert (held.status, held.version, held.holder) == ("in_screening", 2, "worker")
    done = submit_decision(store, cast.worker, cid, make_decision(), held.version)
    assert (done.status, done.version) == ("awaiting_oversight", 3)
    over = record_oversight(store, cast.manager, cid, make_oversight(), done.version)
    state = contact_state(store, cid)
    assert (over.status, state.status, state.version, state.claimed_by) == (
        "decided",
        "decided",
        4,
        None,
    )
    row = current_decision(store, cid)
    assert row is not None and row["author"] == "worker" and row["desk"] == "desk-1"
    kinds = [h["kind"] for h in decision_history(store, cid)]
    assert kinds == ["screening", "oversight"]


def test_every_section_3_field_is_stored(store, cast, new_contact, make_decision) -> None:  # type: ignore[no-untyped-def]
    cid = new_contact()
    decision = make_decision(
        "child_and_family_assessment",
        indicators=["persistent absence", "history of domestic abuse"],
        history_considered="Two previous contacts in 2025.",
        previous_contact_ids=[3, 1],
        re_referral=True,
        consent_status="refused",
        consent_given_by=None,
        consent_override_reason="Seeking consent would put the child at increased risk.",
        immediate_protection=False,
        child_voice="Says she is scared at home.",
        feedback_to_referrer="School told an assessment will start.",
        next_actions=[NextAction("Allocate assessment", "assessment team", "2026-12-02")],
    )
    _submitted(store, cast, cid, decision)
    row = current_decision(store, cid)
    assert row is not None
    assert (row["level"], row["routing"], row["rag"]) == (3, "child_and_family_assessment", "amber")
    assert json.loads(row["indicators_json"]) == ["persistent absence", "history of domestic abuse"]
    assert json.loads(row["previous_contacts_json"]) == [1, 3] and row["re_referral"] == 1
    assert row["consent_status"] == "refused" and "increased risk" in row["consent_override_reason"]
    assert row["child_voice"] and row["feedback_to_referrer"]
    assert json.loads(row["next_actions_json"]) == [
        {"action": "Allocate assessment", "owner": "assessment team", "due": "2026-12-02"}
    ]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"rationale": "  "}, "rationale is required"),
        ({"indicators": []}, "indicator"),
        ({"history_considered": ""}, "history"),
        ({"consent_given_by": None}, "who gave consent"),
        ({"consent_status": "not_sought", "consent_given_by": None}, "consent-based"),
        ({"next_actions": []}, "next action"),
        ({"next_actions": [NextAction("Call", "", "2026-12-01")]}, "owner"),
        ({"next_actions": [NextAction("Call", "me", "soon")]}, "not a date"),
        ({"rag": "purple"}, "RAG"),
    ],
)
def test_required_fields(store, cast, new_contact, make_decision, overrides, message) -> None:  # type: ignore[no-untyped-def]
    cid = new_contact()
    held = claim(store, cast.worker, cid)
    with pytest.raises(DecisionInvalid, match=message):
        submit_decision(store, cast.worker, cid, make_decision(**overrides), held.version)
    assert contact_state(store, cid).status == "in_screening"


def test_submitted_records_are_immutable_in_sqlite(store, cast, new_contact, make_decision, make_oversight) -> None:  # type: ignore[no-untyped-def]
    cid = new_contact()
    done = _submitted(store, cast, cid, make_decision())
    record_oversight(store, cast.manager, cid, make_oversight(), done.version)
    for table in ("screening_decisions", "oversight_records"):
        with pytest.raises(sqlite3.IntegrityError, match="immutable"):
            store.conn.execute(f"UPDATE {table} SET rationale = 'rewritten'")
        with pytest.raises(sqlite3.IntegrityError, match="immutable"):
            store.conn.execute(f"DELETE FROM {table}")


def test_a_change_is_a_new_record_pointing_to_the_old(store, cast, new_contact, make_decision) -> None:  # type: ignore[no-untyped-def]
    cid = new_contact()
    first = _submitted(store, cast, cid, make_decision("early_help"))
    second = submit_decision(store, cast.worker, cid, make_decision("child_and_family_assessment"), first.version)
    assert second.replaces_id == first.record_id
    rows = store.conn.execute(
        "SELECT id, routing, replaces_id FROM screening_decisions WHERE contact_id = ? ORDER BY id",
        (cid,),
    ).fetchall()
    assert rows == [
        (first.record_id, "early_help", None),
        (second.record_id, "child_and_family_assessment", first.record_id),
    ]
    # Only the author may revise before oversight.
    with pytest.raises(DecisionError, match="someone else's"):
        submit_decision(store, cast.worker2, cid, make_decision(), second.version)


def test_stale_version_is_refused_with_who_and_when(store, cast, new_contact, make_decision) -> None:  # type: ignore[no-untyped-def]
    cid = new_contact()
    seen = contact_state(store, cid).version
    when = dt.datetime(2026, 11, 20, 9, 30, tzinfo=dt.UTC)
    with clock.at(when):
        claim(store, cast.worker2, cid, seen)
    with pytest.raises(StaleContact) as err:
        claim(store, cast.worker, cid, seen)
    assert "changed by worker2 at 2026-11-20T09:30:00" in str(err.value)


def test_claim_held_shows_holder_until_expiry(store, cast, new_contact) -> None:  # type: ignore[no-untyped-def]
    set_setting(store, "claim_minutes", 10)
    cid = new_contact()
    start = clock.now()
    with clock.at(start):
        claim(store, cast.worker, cid)
        with pytest.raises(ClaimHeld, match="held by worker until"):
            claim(store, cast.worker2, cid)
        assert contact_state(store, cid).holder() == "worker"
    with clock.at(start + dt.timedelta(minutes=11)):
        assert contact_state(store, cid).holder() is None
        taken = claim(store, cast.worker2, cid)
    assert taken.holder == "worker2"
    events = [e.action for e in list_events(store, cast.admin, action="claim.")]
    assert events.count("claim.take") == 2


def test_worker_whose_claim_was_taken_cannot_submit(store, cast, new_contact, make_decision) -> None:  # type: ignore[no-untyped-def]
    set_setting(store, "claim_minutes", 10)
    cid = new_contact()
    start = clock.now()
    with clock.at(start):
        mine = claim(store, cast.worker, cid)
    with clock.at(start + dt.timedelta(minutes=15)):
        claim(store, cast.worker2, cid)
        with pytest.raises(StaleContact, match="changed by worker2"):
            submit_decision(store, cast.worker, cid, make_decision(), mine.version)


def test_manager_can_take_over_a_live_claim(store, cast, new_contact) -> None:  # type: ignore[no-untyped-def]
    cid = new_contact()
    claim(store, cast.worker, cid)
    taken = claim(store, cast.manager, cid, take_over=True)
    assert taken.holder == "manager"
    last = list_events(store, cast.admin, action="claim.take_over", limit=1)[0]
    assert last.details["from"] == "worker"


def test_release_and_expired_claims_return_to_queue(store, cast, new_contact) -> None:  # type: ignore[no-untyped-def]
    set_setting(store, "claim_minutes", 10)
    a, b = new_contact(), new_contact()
    claim(store, cast.worker, a)
    release(store, cast.worker, a)
    assert contact_state(store, a).status == "new"
    start = clock.now()
    with clock.at(start):
        claim(store, cast.worker, b)
    with clock.at(start + dt.timedelta(minutes=12)):
        assert release_expired_claims(store) == 1
    assert contact_state(store, b).status == "new"


def test_nobody_signs_off_their_own_decision(store, cast, new_contact, make_decision, make_oversight) -> None:  # type: ignore[no-untyped-def]
    cid = new_contact()
    done = _submitted(store, cast, cid, make_decision(), worker=cast.manager)
    with pytest.raises(PermissionDenied, match="another manager must sign off"):
        record_oversight(store, cast.manager, cid, make_oversight(), done.version)
    assert record_oversight(store, cast.manager2, cid, make_oversight(), done.version)


def test_oversight_change_records_new_outcome(store, cast, new_contact, make_decision, make_oversight) -> None:  # type: ignore[no-untyped-def]
    cid = new_contact()
    done = _submitted(store, cast, cid, make_decision("information_advice"))
    change = make_oversight(outcome="change", routing="early_help", level=2)
    over = record_oversight(store, cast.manager, cid, change, done.version)
    row = store.conn.execute(
        "SELECT outcome, routing, level, rag, manager_name FROM oversight_records WHERE id = ?",
        (over.record_id,),
    ).fetchone()
    assert row == ("change", "early_help", 2, "green", "Mina Manager (test)")
    with pytest.raises(DecisionInvalid, match="otherwise record agree"):
        cid2 = new_contact()
        d2 = _submitted(store, cast, cid2, make_decision("early_help"))
        record_oversight(
            store,
            cast.manager,
            cid2,
            make_oversight(outcome="change", routing="early_help"),
            d2.version,
        )


@pytest.mark.parametrize("missing", ["decision_summary", "rationale", "risk_analysis", "actions"])
def test_decisions_not_to_act_need_the_full_oversight_record(
    store, cast, new_contact, make_decision, make_oversight, missing
) -> None:  # type: ignore[no-untyped-def]
    cid = new_contact(routing="information_advice")
    done = _submitted(store, cast, cid, make_decision("information_advice"))
    empty = [] if missing == "actions" else " "
    with pytest.raises(DecisionInvalid):
        record_oversight(store, cast.manager, cid, make_oversight(**{missing: empty}), done.version)
    assert contact_state(store, cid).status == "awaiting_oversight"


def test_guard_worker_must_record_why_not(store, cast, new_contact, make_decision) -> None:  # type: ignore[no-untyped-def]
    cid = new_contact(TRIGGER, routing="strategy_discussion")
    held = claim(store, cast.worker, cid)
    with pytest.raises(DecisionInvalid, match="strategy discussion"):
        submit_decision(store, cast.worker, cid, make_decision("early_help"), held.version)
    done = submit_decision(
        store,
        cast.worker,
        cid,
        make_decision(
            "early_help",
            strategy_discussion_considered=True,
            strategy_discussion_why_not="The account describes a rough game.",
        ),
        held.version,
    )
    row = current_decision(store, cid)
    assert row is not None and json.loads(row["guard_conditions_json"]) == list(TRIGGER)
    assert row["strategy_discussion_considered"] == 1
    assert done.status == "awaiting_oversight"


def test_guard_blocks_sign_off_below_strategy_discussion_without_reason(
    store, cast, new_contact, make_decision, make_oversight
) -> None:  # type: ignore[no-untyped-def]
    cid = new_contact(TRIGGER, routing="strategy_discussion")
    done = _submitted(
        store,
        cast,
        cid,
        make_decision(
            "child_and_family_assessment",
            strategy_discussion_considered=True,
            strategy_discussion_why_not="Historic, closed concern.",
        ),
    )
    with pytest.raises(DecisionInvalid, match="guard_override_reason"):
        record_oversight(store, cast.manager, cid, make_oversight(), done.version)
    assert contact_state(store, cid).status == "awaiting_oversight"
    over = record_oversight(
        store,
        cast.manager,
        cid,
        make_oversight(guard_override_reason="Manager read the full account: historic."),
        done.version,
    )
    row = store.conn.execute(
        "SELECT guard_override_reason, guard_conditions_json FROM oversight_records WHERE id = ?",
        (over.record_id,),
    ).fetchone()
    assert row[0].startswith("Manager read") and json.loads(row[1]) == list(TRIGGER)
    event = list_events(store, cast.admin, action="oversight.record", limit=1)[0]
    assert event.details["guard_overridden"] is True


def test_guard_applies_when_manager_changes_down(store, cast, new_contact, make_decision, make_oversight) -> None:  # type: ignore[no-untyped-def]
    cid = new_contact(TRIGGER, routing="strategy_discussion")
    done = _submitted(store, cast, cid, make_decision("strategy_discussion"))
    with pytest.raises(DecisionInvalid, match="guard_override_reason"):
        record_oversight(
            store,
            cast.manager,
            cid,
            make_oversight(outcome="change", routing="early_help", level=2),
            done.version,
        )
    # Agreeing to strategy discussion needs no override.
    assert record_oversight(store, cast.manager, cid, make_oversight(), done.version)


def test_guard_on_immediate_protection(store, cast, new_contact, make_decision, make_oversight) -> None:  # type: ignore[no-untyped-def]
    cid = new_contact(immediate_protection=True, routing="strategy_discussion")
    held = claim(store, cast.worker, cid)
    with pytest.raises(DecisionInvalid, match="immediate_protection"):
        submit_decision(store, cast.worker, cid, make_decision("early_help"), held.version)


def test_guard_is_also_a_database_constraint(store, cast, new_contact, make_decision, make_oversight) -> None:  # type: ignore[no-untyped-def]
    cid = new_contact()
    done = _submitted(store, cast, cid, make_decision("early_help"))
    row = current_decision(store, cid)
    assert row is not None
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        store.conn.execute(
            "INSERT INTO oversight_records (contact_id, decision_id, recorded_at, manager_id,"
            " manager, manager_name, contact_version, outcome, level, routing, rag,"
            " decision_summary, rationale, risk_analysis, actions_json, guard_conditions_json,"
            " content_sha256) VALUES (?, ?, 'x', ?, 'm', 'm', ?, 'agree', 2, 'early_help',"
            " 'green', 'd', 'r', 'r', '[{}]', '[\"fgm\"]', 'x')",
            (cid, row["id"], cast.manager.user_id, done.version),
        )


def test_contact_view_is_in_the_access_log(store, cast, new_contact) -> None:  # type: ignore[no-untyped-def]
    cid = new_contact()
    record = open_contact(store, cast.worker, cid)
    assert record.children and record.suggestion is not None
    open_contact(store, cast.quality, cid, purpose="case audit")
    log = access_log(store, cast.manager, cid)
    assert [(e.actor, e.details["purpose"]) for e in log] == [
        ("worker", "view"),
        ("quality", "case audit"),
    ]
    assert log[0].details["children"] == [c["id"] for c in record.children]
    with pytest.raises(PermissionDenied):
        open_contact(store, cast.admin, cid)  # IT administers, never reads a child's record


def _group(store, *ids) -> None:  # type: ignore[no-untyped-def]
    for cid in ids:
        store.conn.execute("UPDATE contacts SET group_id = ? WHERE id = ?", (ids[0], cid))


def test_linked_group_is_screened_once_for_every_member(
    store, cast, new_contact, make_decision, make_oversight
) -> None:  # type: ignore[no-untyped-def]
    a, b, c, other = new_contact(), new_contact(), new_contact(), new_contact()
    _group(store, a, b, c)
    assert group_members(store, b) == [a, b, c]
    done = decide_group(store, cast.worker, b, make_decision())
    assert sorted(d.contact_id for d in done) == [a, b, c]
    assert {contact_state(store, x).status for x in (a, b, c)} == {"awaiting_oversight"}
    assert contact_state(store, other).status == "new"
    event = list_events(store, cast.admin, action="decision.submit", limit=1)[0]
    assert event.details["group"] == [a, b, c]
    signed = oversee_group(store, cast.manager, a, make_oversight())
    assert len(signed) == 3
    assert {contact_state(store, x).status for x in (a, b, c)} == {"decided"}


def test_linked_group_is_all_or_nothing(store, cast, new_contact, make_decision) -> None:  # type: ignore[no-untyped-def]
    a, b = new_contact(), new_contact()
    _group(store, a, b)
    claim(store, cast.worker2, b)
    with pytest.raises(ClaimHeld, match="worker2"):
        decide_group(store, cast.worker, a, make_decision())
    assert contact_state(store, a).status == "new"
    assert store.conn.execute("SELECT count(*) FROM screening_decisions").fetchone()[0] == 0
