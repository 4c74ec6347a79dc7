"""Accounts: users, argon2 passwords, sign-in with lockout, sessions, the permission table.

Public API (imported lazily so the audit package can use the clock without a cycle):
`Actor`/`Session`, `PermissionDenied`, `AuthError`, `sign_in`, `sign_out`, `authorize`,
`add_user`, `create_first_administrator`, `list_users`, `disable_user`, `enable_user`,
`has_users`, `allowed`, `ROLES`, `ACTIONS`, `PERMISSIONS`.
"""

from __future__ import annotations

import importlib
from typing import Any

from mashdesk.accounts.actor import Actor, Session
from mashdesk.accounts.permissions import (
    ACTIONS,
    PERMISSIONS,
    ROLES,
    PermissionDenied,
    allowed,
)

_LAZY = {
    "AuthError": "mashdesk.accounts.users",
    "sign_in": "mashdesk.accounts.users",
    "sign_out": "mashdesk.accounts.users",
    "authorize": "mashdesk.accounts.users",
    "authorize_any": "mashdesk.accounts.users",
    "add_user": "mashdesk.accounts.users",
    "create_first_administrator": "mashdesk.accounts.users",
    "list_users": "mashdesk.accounts.users",
    "disable_user": "mashdesk.accounts.users",
    "enable_user": "mashdesk.accounts.users",
    "has_users": "mashdesk.accounts.users",
    "change_password": "mashdesk.accounts.users",
    "get_setting": "mashdesk.accounts.settings",
    "set_setting": "mashdesk.accounts.settings",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(name)
    return getattr(importlib.import_module(module), name)


__all__ = ["ACTIONS", "PERMISSIONS", "ROLES", "Actor", "PermissionDenied", "Session", "allowed"]
__all__ += list(_LAZY)
