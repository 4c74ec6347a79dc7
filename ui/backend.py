"""Calls from the GUI into the core capabilities that write (accounts, decisions).

Plain functions, run by the task runner on a worker thread; each takes the signed-in user's
`mashdesk.accounts.Actor` (held in `CurrentUser.session`).
"""

from __future__ import annotations

from typing import Any

from mashdesk import decisions
from mashdesk.decisions import DecisionInput, DecisionInvalid, OversightInput
from mashdesk.store import Store


def error_text(exc: BaseException) -> str:
    """A refusal in the core's own words; each problem of an invalid decision on its own line."""
    if isinstance(exc, DecisionInvalid) and exc.problems:
        return "\n".join(f"• {p}" for p in exc.problems)
    return str(exc) or type(exc).__name__


def _actor(user: Any) -> Any:
    if user is None or user.session is None:
        raise PermissionError("Sign in first.")
    return user.session


def open_for_view(store: Store, user: Any, contact_id: int, purpose: str = "view") -> None:
    """Check the user may read the contact and write the read to the access log."""
    decisions.log_contact_view(store, _actor(user), contact_id, purpose)


def claim(store: Store, user: Any, contact_id: int, expected_version: int | None = None) -> Any:
    return decisions.claim(store, _actor(user), contact_id, expected_version)


def submit_screening(store: Store, user: Any, contact_id: int, values: dict[str, Any], expected_version: int) -> Any:
    decision = DecisionInput.from_dict(values)
    return decisions.submit_decision(store, _actor(user), contact_id, decision, expected_version)


def record_oversight(store: Store, user: Any, contact_id: int, values: dict[str, Any], expected_version: int) -> Any:
    oversight = OversightInput.from_dict(values)
    return decisions.record_oversight(store, _actor(user), contact_id, oversight, expected_version)
