"""The small application context passed to every window (no global singletons)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QSettings

from mashdesk.store import Store
from ui.tasks import TaskRunner

ROLE_LABELS = {
    "social_worker": "Social worker",
    "manager": "Manager",
    "quality_lead": "Quality lead",
    "administrator": "Administrator",
}


@dataclass
class CurrentUser:
    username: str
    full_name: str
    role: str
    session: Any = None  # the accounts capability's session object, when signed in through it

    @property
    def label(self) -> str:
        return f"{self.full_name} ({ROLE_LABELS.get(self.role, self.role)})"

    def can(self, action: str) -> bool:
        try:
            from mashdesk.accounts.permissions import allowed
        except ImportError:
            return _FALLBACK_GRANTS.get(self.role, set()).__contains__(action)
        try:
            return allowed(self.role, action)
        except ValueError:
            return False


# Mirrors mashdesk.accounts.permissions for stores opened before that capability is merged.
_FALLBACK_GRANTS: dict[str, set[str]] = {
    "social_worker": {"screen", "submit"},
    "manager": {"screen", "submit", "sign_off", "override", "export", "read_audit"},
    "quality_lead": {"export", "read_audit"},
    "administrator": {"read_audit"},
}


@dataclass
class UiContext:
    store: Store
    runner: TaskRunner
    settings: QSettings
    user: CurrentUser | None = None
    clock: Callable[[], dt.datetime] = field(default=lambda: dt.datetime.now(dt.UTC))
