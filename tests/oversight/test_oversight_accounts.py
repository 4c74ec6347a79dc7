"""Accounts: first run, argon2 storage, lockout, disabling, idle sessions, role changes."""

from __future__ import annotations

import datetime as dt

import pytest
from argon2 import PasswordHasher

from mashdesk.accounts import PermissionDenied, clock, passwords
from mashdesk.accounts.settings import set_setting
from mashdesk.accounts.users import (
    AuthError,
    add_user,
    authorize,
    create_first_administrator,
    disable_user,
    enable_user,
    has_users,
    list_users,
    sign_in,
    sign_out,
)
from mashdesk.audit import list_events

PW = "correct horse battery"


def _actions(store, cast) -> list[str]:  # type: ignore[no-untyped-def]
    return [e.action for e in list_events(store, cast.admin, limit=1000, newest_first=False)]


def test_first_run_creates_only_an_administrator_once(store) -> None:  # type: ignore[no-untyped-def]
    assert not has_users(store)
    create_first_administrator(store, "root", "Rae Root (test)", PW)
    assert has_users(store)
    with pytest.raises(PermissionDenied, match="already exist"):
        create_first_administrator(store, "intruder", "Ian Intruder (test)", PW)
    admin = sign_in(store, "root", PW)
    assert admin.role == "administrator"


def test_password_is_stored_as_argon2id_never_plain(store, cast) -> None:  # type: ignore[no-untyped-def]
    stored = store.conn.execute("SELECT password_hash FROM users WHERE username = 'worker'").fetchone()[0]
    assert stored.startswith("$argon2id$")
    assert PW not in stored
    assert PasswordHasher().verify(stored, PW)


def test_production_cost_is_the_default() -> None:
    passwords.configure_hashing(passwords.PRODUCTION)
    stored = passwords.hash_password("a production password")
    assert "m=65536,t=3,p=4" in stored


def test_weak_password_refused(store, cast) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match="at least 10"):
        add_user(store, cast.admin, "shorty", "Shaw Short (test)", "social_worker", "short")


def test_wrong_password_and_unknown_user_are_refused_and_audited(store, cast) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(AuthError, match="Unknown user or wrong password"):
        sign_in(store, "worker", "not the password")
    with pytest.raises(AuthError, match="Unknown user or wrong password"):
        sign_in(store, "nobody", PW)
    failures = list_events(store, cast.admin, action="auth.sign_in_failed")
    assert {e.details["reason"] for e in failures} == {"wrong_password", "unknown_user"}


def test_lockout_after_repeated_failures_then_expires(store, cast) -> None:  # type: ignore[no-untyped-def]
    start = clock.now()
    with clock.at(start):
        for _ in range(5):
            with pytest.raises(AuthError):
                sign_in(store, "worker", "wrong password!")
        with pytest.raises(AuthError, match="locked"):
            sign_in(store, "worker", PW)  # even the right password, while locked
    assert "auth.locked" in _actions(store, cast)
    with clock.at(start + dt.timedelta(minutes=16)):
        assert sign_in(store, "worker", PW).username == "worker"


def test_enable_clears_a_lockout(store, cast) -> None:  # type: ignore[no-untyped-def]
    for _ in range(5):
        with pytest.raises(AuthError):
            sign_in(store, "worker2", "wrong password!")
    enable_user(store, cast.admin, "worker2")
    assert sign_in(store, "worker2", PW).username == "worker2"


def test_success_resets_the_failure_count(store, cast) -> None:  # type: ignore[no-untyped-def]
    for _ in range(4):
        with pytest.raises(AuthError):
            sign_in(store, "worker", "wrong password!")
    sign_in(store, "worker", PW)
    for _ in range(4):
        with pytest.raises(AuthError):
            sign_in(store, "worker", "wrong password!")
    assert sign_in(store, "worker", PW)


def test_disabled_user_cannot_sign_in_and_open_session_stops(store, cast) -> None:  # type: ignore[no-untyped-def]
    disable_user(store, cast.admin, "worker", "left the team")
    with pytest.raises(AuthError, match="disabled"):
        sign_in(store, "worker", PW)
    with pytest.raises(AuthError):
        authorize(store, cast.worker, "screen")


def test_last_administrator_cannot_be_disabled(store, cast) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match="last active administrator"):
        disable_user(store, cast.admin, "admin")


def test_session_expires_after_configured_inactivity(store, cast) -> None:  # type: ignore[no-untyped-def]
    set_setting(store, "accounts.session_idle_minutes", 10)
    start = clock.now()
    with clock.at(start):
        worker = sign_in(store, "worker", PW)
    with clock.at(start + dt.timedelta(minutes=9)):
        authorize(store, worker, "screen")  # activity keeps it alive
    with clock.at(start + dt.timedelta(minutes=18)):
        authorize(store, worker, "screen")
    with clock.at(start + dt.timedelta(minutes=29)), pytest.raises(AuthError, match="10 minutes"):
        authorize(store, worker, "screen")
    assert "auth.session_expired" in _actions(store, cast)


def test_signed_out_session_is_refused(store, cast) -> None:  # type: ignore[no-untyped-def]
    worker = sign_in(store, "worker", PW)
    sign_out(store, worker)
    with pytest.raises(AuthError, match="signed out"):
        authorize(store, worker, "screen")


def test_role_is_read_from_the_store_not_trusted_from_the_caller(store, cast) -> None:  # type: ignore[no-untyped-def]
    forged = type(cast.worker)(cast.worker.user_id, "worker", "administrator")
    with pytest.raises(PermissionDenied):
        authorize(store, forged, "manage_users")


def test_user_changes_are_audited_and_listed(store, cast) -> None:  # type: ignore[no-untyped-def]
    users = {u.username: u for u in list_users(store, cast.admin)}
    assert users["manager"].role == "manager" and users["manager"].active
    disable_user(store, cast.admin, "quality", "moved")
    actions = _actions(store, cast)
    assert actions.count("user.add") == 6 and "user.disable" in actions
    with pytest.raises(PermissionDenied):
        list_users(store, cast.worker)


def test_rehash_on_sign_in_when_cost_rises(store, cast) -> None:  # type: ignore[no-untyped-def]
    passwords.configure_hashing(passwords.HashCost(time_cost=2, memory_cost=16, parallelism=1))
    sign_in(store, "worker", PW)
    stored = store.conn.execute("SELECT password_hash FROM users WHERE username = 'worker'").fetchone()[0]
    assert "m=16,t=2,p=1" in stored
    assert sign_in(store, "worker", PW)


def test_password_change_needs_the_current_one_and_reset_ends_sessions(store, cast) -> None:  # type: ignore[no-untyped-def]
    from mashdesk.accounts.users import change_password

    with pytest.raises(AuthError, match="current password is wrong"):
        change_password(store, cast.worker, "a new long password", current_password="nope")
    change_password(store, cast.worker, "a new long password", current_password=PW)
    with pytest.raises(AuthError):
        sign_in(store, "worker", PW)
    worker2 = sign_in(store, "worker2", PW)
    change_password(store, cast.admin, "reset by the admin", target="worker2")
    with pytest.raises(AuthError, match="signed out"):
        authorize(store, worker2, "screen")
    with pytest.raises(PermissionDenied):
        change_password(store, cast.manager, "not allowed to do this", target="worker")
