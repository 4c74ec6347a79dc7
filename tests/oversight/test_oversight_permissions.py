"""Every cell of the role-by-action table, checked through authorize() and, for the actions this
capability implements, through the core function itself."""

from __future__ import annotations

import pytest

from mashdesk.accounts import ACTIONS, PERMISSIONS, ROLES, PermissionDenied
from mashdesk.accounts.users import add_user, authorize
from mashdesk.audit import list_events
from mashdesk.backup import set_retention_years
from mashdesk.decisions import claim, record_oversight, submit_decision

# Written out independently of the code's table: a change to either must be deliberate.
EXPECTED = {
    #                  screen submit sign_off override export view_q rules models users audit maint
    "social_worker": (1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0),
    "manager": (1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 0),
    "quality_lead": (0, 0, 0, 0, 1, 0, 1, 1, 0, 1, 0),
    "administrator": (0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1),
}
CELLS = [(role, action) for role in ROLES for action in ACTIONS]


def test_table_is_complete() -> None:
    assert ACTIONS == (
        "screen",
        "submit",
        "sign_off",
        "override",
        "export",
        "view_quarantine",
        "change_rules_packs",
        "activate_models",
        "manage_users",
        "read_audit",
        "maintain_store",
    )
    assert set(PERMISSIONS) == set(CELLS)
    print(f"\npermission cells tested through authorize(): {len(CELLS)}")


@pytest.mark.parametrize(("role", "action"), CELLS)
def test_authorize_cell(cast, store, role: str, action: str) -> None:  # type: ignore[no-untyped-def]
    actor = cast.by_role(role)
    expected = bool(EXPECTED[role][ACTIONS.index(action)])
    assert PERMISSIONS[(role, action)] is expected
    if expected:
        assert authorize(store, actor, action).role == role
    else:
        with pytest.raises(PermissionDenied, match="not allowed"):
            authorize(store, actor, action)


def _screen(store, cast, actor, new_contact, make_decision, make_oversight):  # type: ignore[no-untyped-def]
    cid = new_contact()
    claim(store, actor, cid)


def _submit(store, cast, actor, new_contact, make_decision, make_oversight):  # type: ignore[no-untyped-def]
    cid = new_contact()
    # Put the contact in the actor's hands directly so only the submit permission is at stake.
    store.conn.execute(
        "UPDATE contacts SET status = 'in_screening', claimed_by = ?,"
        " claim_expires_at = '2999-01-01T00:00:00+00:00' WHERE id = ?",
        (actor.username, cid),
    )
    submit_decision(store, actor, cid, make_decision(), 1)


def _sign_off(store, cast, actor, new_contact, make_decision, make_oversight):  # type: ignore[no-untyped-def]
    cid = new_contact()
    held = claim(store, cast.worker2, cid)
    done = submit_decision(store, cast.worker2, cid, make_decision(), held.version)
    record_oversight(store, actor, cid, make_oversight(), done.version)


def _override(store, cast, actor, new_contact, make_decision, make_oversight):  # type: ignore[no-untyped-def]
    cid = new_contact()
    claim(store, cast.worker2, cid)
    claim(store, actor, cid, take_over=True)


def _manage_users(store, cast, actor, new_contact, make_decision, make_oversight):  # type: ignore[no-untyped-def]
    add_user(
        store,
        actor,
        f"new-{actor.username}",
        "New Person (test)",
        "social_worker",
        "another long password",
    )


def _read_audit(store, cast, actor, new_contact, make_decision, make_oversight):  # type: ignore[no-untyped-def]
    list_events(store, actor, limit=5)


def _maintain(store, cast, actor, new_contact, make_decision, make_oversight):  # type: ignore[no-untyped-def]
    set_retention_years(store, actor, 8)


OPERATIONS = {
    "screen": _screen,
    "submit": _submit,
    "sign_off": _sign_off,
    "override": _override,
    "manage_users": _manage_users,
    "read_audit": _read_audit,
    "maintain_store": _maintain,
}
OP_CELLS = [(role, action) for role in ROLES for action in OPERATIONS]


@pytest.mark.parametrize(("role", "action"), OP_CELLS)
def test_core_function_enforces_cell(  # type: ignore[no-untyped-def]
    cast, store, new_contact, make_decision, make_oversight, role: str, action: str
) -> None:
    actor = cast.by_role(role)
    run = OPERATIONS[action]
    if EXPECTED[role][ACTIONS.index(action)]:
        run(store, cast, actor, new_contact, make_decision, make_oversight)
    else:
        with pytest.raises(PermissionDenied):
            run(store, cast, actor, new_contact, make_decision, make_oversight)


def test_cell_counts() -> None:
    print(f"\npermission cells: {len(CELLS)} via authorize(), {len(OP_CELLS)} also through the core function")
    assert len(CELLS) == 44 and len(OP_CELLS) == 28
