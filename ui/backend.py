"""Calls from the GUI into core capabilities that write (accounts, decisions, oversight).

Each function is plain and Qt-free in what it does, so the task runner can run it on a worker
thread. When a capability is not installed in this build the call says so in plain words.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

from mashdesk.store import Store


class CapabilityMissing(RuntimeError):
    """This build does not include the core capability the action needs."""


def _module(name: str, purpose: str) -> ModuleType:
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        raise CapabilityMissing(
            f"{purpose} needs {name}, which this build does not include"
        ) from exc


def has(name: str) -> bool:
    try:
        importlib.import_module(name)
    except ImportError:
        return False
    return True


def claim(store: Store, user: Any, contact_id: int) -> Any:
    decisions = _module("mashdesk.decisions", "Claiming a contact")
    return decisions.claim(store, user.session or user.username, contact_id)


def submit_screening(store: Store, user: Any, contact_id: int, values: dict[str, Any]) -> Any:
    decisions = _module("mashdesk.decisions", "Submitting a screening decision")
    return decisions.submit_screening(store, user.session or user.username, contact_id, values)


def record_oversight(store: Store, user: Any, contact_id: int, values: dict[str, Any]) -> Any:
    decisions = _module("mashdesk.decisions", "Recording manager oversight")
    return decisions.record_oversight(store, user.session or user.username, contact_id, values)
