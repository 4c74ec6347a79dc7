"""Users, sign-in with lockout, sessions that expire when idle, and the permission check."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass
from typing import Any

from mashdesk.accounts import clock, passwords
from mashdesk.accounts.actor import Actor
from mashdesk.accounts.permissions import (
    ROLES,
    PermissionDenied,
    allowed,
    denial_message,
)
from mashdesk.accounts.settings import get_setting
from mashdesk.audit.chain import record_event
from mashdesk.store import Store

_USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$")
_TOUCH_EVERY = dt.timedelta(seconds=60)


class AuthError(PermissionDenied):
    """Sign-in refused, or the session is over; the user must sign in (again)."""


@dataclass(frozen=True)
class UserInfo:
    id: int
    username: str
    full_name: str
    role: str
    desk: str | None
    active: bool
    locked_until: str | None
    created_at: str
    created_by: str
    synthetic: bool


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _user_row(store: Store, *, user_id: int | None = None, username: str | None = None) -> Any:
    conn = store.conn
    if user_id is not None:
        return conn.execute(
            "SELECT id, username, full_name, role, desk, password_hash, active, failed_attempts,"
            " locked_until FROM users WHERE id = ?",
            (user_id,),
        ).fetchone()
    return conn.execute(
        "SELECT id, username, full_name, role, desk, password_hash, active, failed_attempts,"
        " locked_until FROM users WHERE username = ?",
        (username,),
    ).fetchone()


def has_users(store: Store) -> bool:
    return store.conn.execute("SELECT 1 FROM users LIMIT 1").fetchone() is not None


def _check_session(store: Store, actor: Actor) -> None:
    assert actor.session_token is not None
    key = _token_hash(actor.session_token)
    row = store.conn.execute(
        "SELECT user_id, last_seen_at, ended_at FROM sessions WHERE token_sha256 = ?", (key,)
    ).fetchone()
    if row is None or row[0] != actor.user_id:
        raise AuthError("This session is not valid: please sign in.")
    if row[2] is not None:
        raise AuthError("You have been signed out: please sign in again.")
    now = clock.now()
    idle = dt.timedelta(minutes=get_setting(store, "accounts.session_idle_minutes"))
    last_seen = clock.parse(row[1])
    if now - last_seen > idle:
        with store.write() as db:
            ended = db.conn.execute(
                "UPDATE sessions SET ended_at = ?, end_reason = 'idle' WHERE token_sha256 = ? AND ended_at IS NULL",
                (clock.iso(now), key),
            ).rowcount
            if ended:
                record_event(
                    store,
                    actor,
                    "auth.session_expired",
                    "user",
                    actor.user_id,
                    {"idle_minutes": idle.total_seconds() // 60},
                )
        raise AuthError(
            f"Your session ended after {int(idle.total_seconds() // 60)} minutes without "
            "activity: please sign in again."
        )
    if now - last_seen > _TOUCH_EVERY:
        with store.write() as db:
            db.conn.execute(
                "UPDATE sessions SET last_seen_at = ? WHERE token_sha256 = ?",
                (clock.iso(now), key),
            )


def authorize(store: Store, actor: Actor, action: str) -> Actor:
    """Refuse (PermissionDenied) unless the user is active, signed in and the role may act.

    The role and the active flag are read from the store, not trusted from the Actor, so a
    disabled account or a changed role takes effect at once.
    """
    row = _user_row(store, user_id=actor.user_id)
    if row is None or row[1].lower() != actor.username.lower():
        raise AuthError(f"There is no user {actor.username}.")
    if not row[6]:
        raise AuthError(f"The account {row[1]} is disabled.")
    if actor.session_token is not None:
        _check_session(store, actor)
    role = row[3]
    if not allowed(role, action):
        raise PermissionDenied(denial_message(row[1], role, action))
    if role != actor.role:
        return Actor(row[0], row[1], role, actor.desk, row[2], actor.session_token)
    return actor


def authorize_any(store: Store, actor: Actor, actions: tuple[str, ...]) -> Actor:
    """Allowed when the role holds any one of `actions` (e.g. reading a child's record)."""
    last: PermissionDenied | None = None
    for action in actions:
        try:
            return authorize(store, actor, action)
        except AuthError:
            raise
        except PermissionDenied as exc:
            last = exc
    assert last is not None
    raise last


def sign_in(store: Store, username: str, password: str, desk: str | None = None) -> Actor:
    """Check the password and open a session; failures are audited and count towards lockout."""
    now = clock.now()
    row = _user_row(store, username=username)
    if row is None:
        passwords.burn_time(password)
        with store.write():
            record_event(
                store,
                username or "?",
                "auth.sign_in_failed",
                "user",
                None,
                {"reason": "unknown_user", "desk": desk},
            )
        raise AuthError("Unknown user or wrong password.")
    user_id, name, full_name, role, home_desk, stored_hash, active, _failed, locked = row
    desk = desk or home_desk
    who = Actor(user_id, name, role, desk, full_name)
    if locked is not None and clock.parse(locked) > now:
        with store.write():
            record_event(
                store,
                who,
                "auth.sign_in_refused",
                "user",
                user_id,
                {"reason": "locked", "locked_until": locked},
            )
        raise AuthError(f"The account {name} is locked after repeated failures until {locked}.")
    good = passwords.verify_password(stored_hash, password)
    if not good:
        limit = get_setting(store, "accounts.lockout_attempts")
        minutes = get_setting(store, "accounts.lockout_minutes")
        with store.write() as db:
            attempts = db.conn.execute(
                "UPDATE users SET failed_attempts = failed_attempts + 1 WHERE id = ? RETURNING failed_attempts",
                (user_id,),
            ).fetchone()[0]
            record_event(
                store,
                who,
                "auth.sign_in_failed",
                "user",
                user_id,
                {"reason": "wrong_password", "attempts": attempts},
            )
            if limit and attempts >= limit:
                until = clock.iso(now + dt.timedelta(minutes=minutes))
                db.conn.execute(
                    "UPDATE users SET locked_until = ?, failed_attempts = 0 WHERE id = ?",
                    (until, user_id),
                )
                record_event(
                    store,
                    who,
                    "auth.locked",
                    "user",
                    user_id,
                    {"attempts": attempts, "locked_until": until},
                )
        raise AuthError("Unknown user or wrong password.")
    if not active:
        with store.write():
            record_event(store, who, "auth.sign_in_refused", "user", user_id, {"reason": "disabled"})
        raise AuthError(f"The account {name} is disabled.")
    token = secrets.token_urlsafe(32)
    at = clock.iso(now)
    new_hash = passwords.hash_password(password) if passwords.needs_rehash(stored_hash) else None
    with store.write() as db:
        db.conn.execute("UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = ?", (user_id,))
        if new_hash is not None:
            db.conn.execute("UPDATE users SET password_hash = ? WHERE id = ?", (new_hash, user_id))
        db.conn.execute(
            "INSERT INTO sessions (token_sha256, user_id, desk, started_at, last_seen_at) VALUES (?, ?, ?, ?, ?)",
            (_token_hash(token), user_id, desk, at, at),
        )
        record_event(store, who, "auth.sign_in", "user", user_id, {"desk": desk})
    return Actor(user_id, name, role, desk, full_name, token)


def sign_out(store: Store, actor: Actor) -> None:
    if actor.session_token is None:
        return
    with store.write() as db:
        ended = db.conn.execute(
            "UPDATE sessions SET ended_at = ?, end_reason = 'signed_out' WHERE token_sha256 = ? AND ended_at IS NULL",
            (clock.now_iso(), _token_hash(actor.session_token)),
        ).rowcount
        if ended:
            record_event(store, actor, "auth.sign_out", "user", actor.user_id, {})


def _validate_new_user(username: str, full_name: str, role: str) -> None:
    if not _USERNAME.match(username):
        raise ValueError(
            "A username is 2 to 64 letters, digits, dots, hyphens or underscores, starting with a letter or digit."
        )
    if not full_name.strip():
        raise ValueError("A full name is required: it appears on every record the user signs.")
    if role not in ROLES:
        raise ValueError(f"Unknown role {role!r}: choose one of {', '.join(ROLES)}.")


def _insert_user(
    store: Store,
    username: str,
    full_name: str,
    role: str,
    password: str,
    desk: str | None,
    created_by: str,
    synthetic: bool,
) -> int:
    at = clock.now_iso()
    try:
        cur = store.conn.execute(
            "INSERT INTO users (username, full_name, role, desk, password_hash, created_at,"
            " created_by, password_changed_at, synthetic) VALUES (?,?,?,?,?,?,?,?,?)",
            (
                username,
                full_name.strip(),
                role,
                desk,
                passwords.hash_password(password),
                at,
                created_by,
                at,
                int(synthetic),
            ),
        )
    except Exception as exc:
        if "UNIQUE" in str(exc):
            raise ValueError(f"There is already a user called {username}.") from exc
        raise
    return int(cur.lastrowid or 0)


def add_user(
    store: Store,
    actor: Actor,
    username: str,
    full_name: str,
    role: str,
    password: str,
    desk: str | None = None,
    *,
    synthetic: bool = False,
    _weak_password_ok: bool = False,
) -> int:
    """Create an account (administrators only); returns the new user's id."""
    actor = authorize(store, actor, "manage_users")
    _validate_new_user(username, full_name, role)
    if not _weak_password_ok:
        passwords.check_strength(password)
    with store.write():
        user_id = _insert_user(store, username, full_name, role, password, desk, actor.username, synthetic)
        record_event(
            store,
            actor,
            "user.add",
            "user",
            user_id,
            {"username": username, "role": role, "desk": desk},
        )
    return user_id


def create_first_administrator(
    store: Store,
    username: str,
    full_name: str,
    password: str,
    desk: str | None = None,
    *,
    synthetic: bool = False,
    _weak_password_ok: bool = False,
) -> int:
    """First run only: create the administrator while no account exists at all."""
    _validate_new_user(username, full_name, "administrator")
    if not _weak_password_ok:
        passwords.check_strength(password)
    with store.write():
        if has_users(store):
            raise PermissionDenied("Accounts already exist: sign in as an administrator to add users.")
        user_id = _insert_user(store, username, full_name, "administrator", password, desk, "first-run", synthetic)
        record_event(
            store,
            "first-run",
            "user.add",
            "user",
            user_id,
            {"username": username, "role": "administrator", "desk": desk, "first_run": True},
        )
    return user_id


def list_users(store: Store, actor: Actor) -> list[UserInfo]:
    authorize(store, actor, "manage_users")
    rows = store.conn.execute(
        "SELECT id, username, full_name, role, desk, active, locked_until, created_at,"
        " created_by, synthetic FROM users ORDER BY username"
    ).fetchall()
    return [UserInfo(r[0], r[1], r[2], r[3], r[4], bool(r[5]), r[6], r[7], r[8], bool(r[9])) for r in rows]


def disable_user(store: Store, actor: Actor, username: str, reason: str = "") -> None:
    """Disable an account and end its sessions; the last active administrator stays."""
    actor = authorize(store, actor, "manage_users")
    with store.write() as db:
        row = _user_row(store, username=username)
        if row is None:
            raise ValueError(f"There is no user {username}.")
        if not row[6]:
            raise ValueError(f"{row[1]} is already disabled.")
        if row[3] == "administrator":
            others = db.conn.execute(
                "SELECT count(*) FROM users WHERE role = 'administrator' AND active = 1 AND id != ?",
                (row[0],),
            ).fetchone()[0]
            if not others:
                raise ValueError("This is the last active administrator: add another first.")
        at = clock.now_iso()
        db.conn.execute(
            "UPDATE users SET active = 0, disabled_at = ?, disabled_by = ? WHERE id = ?",
            (at, actor.username, row[0]),
        )
        db.conn.execute(
            "UPDATE sessions SET ended_at = ?, end_reason = 'disabled' WHERE user_id = ? AND ended_at IS NULL",
            (at, row[0]),
        )
        record_event(store, actor, "user.disable", "user", row[0], {"username": row[1], "reason": reason})


def enable_user(store: Store, actor: Actor, username: str) -> None:
    """Re-enable an account and clear any lockout."""
    actor = authorize(store, actor, "manage_users")
    with store.write() as db:
        row = _user_row(store, username=username)
        if row is None:
            raise ValueError(f"There is no user {username}.")
        db.conn.execute(
            "UPDATE users SET active = 1, failed_attempts = 0, locked_until = NULL,"
            " disabled_at = NULL, disabled_by = NULL WHERE id = ?",
            (row[0],),
        )
        record_event(store, actor, "user.enable", "user", row[0], {"username": row[1]})


def change_password(
    store: Store,
    actor: Actor,
    new_password: str,
    *,
    target: str | None = None,
    current_password: str | None = None,
) -> None:
    """Change your own password (giving the current one), or reset another's (administrators).

    A reset ends the target's sessions, so the old password stops working everywhere at once.
    """
    passwords.check_strength(new_password)
    own = target is None or target.lower() == actor.username.lower()
    if own:
        row = _user_row(store, user_id=actor.user_id)
        if row is None or not row[6]:
            raise AuthError("This account is not active.")
        if current_password is None or not passwords.verify_password(row[5], current_password):
            raise AuthError("The current password is wrong.")
        user_id, name = row[0], row[1]
    else:
        actor = authorize(store, actor, "manage_users")
        row = _user_row(store, username=target)
        if row is None:
            raise ValueError(f"There is no user {target}.")
        user_id, name = row[0], row[1]
    new_hash = passwords.hash_password(new_password)
    at = clock.now_iso()
    with store.write() as db:
        db.conn.execute(
            "UPDATE users SET password_hash = ?, password_changed_at = ?, failed_attempts = 0,"
            " locked_until = NULL WHERE id = ?",
            (new_hash, at, user_id),
        )
        if not own:
            db.conn.execute(
                "UPDATE sessions SET ended_at = ?, end_reason = 'password_reset'"
                " WHERE user_id = ? AND ended_at IS NULL",
                (at, user_id),
            )
        record_event(
            store,
            actor,
            "user.password_change" if own else "user.password_reset",
            "user",
            user_id,
            {"username": name},
        )
