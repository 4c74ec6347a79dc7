"""Roles, actions and the role-by-action table every core function checks before it acts."""

from __future__ import annotations

ROLES: tuple[str, ...] = ("social_worker", "manager", "quality_lead", "administrator")

ROLE_LABELS: dict[str, str] = {
    "social_worker": "Social worker",
    "manager": "Manager",
    "quality_lead": "Quality lead",
    "administrator": "Administrator",
}

ACTIONS: tuple[str, ...] = (
    "screen",  # claim a contact, read it, work on a screening decision
    "submit",  # submit a screening decision for oversight
    "sign_off",  # record manager oversight (agree or change)
    "override",  # finalise below strategy_discussion despite a trigger; take over a live claim
    "export",  # Annex A lists, reports, data extracts
    "view_quarantine",  # read and resolve messages intake could not parse
    "change_rules_packs",  # edit or switch the threshold rules pack
    "activate_models",  # make a trained classifier the one that suggests
    "manage_users",  # add, disable, enable, unlock accounts
    "read_audit",  # list the audit trail and the access log
    "maintain_store",  # backup, restore, retention purge
)

_GRANTS: dict[str, frozenset[str]] = {
    "social_worker": frozenset({"screen", "submit", "view_quarantine"}),
    "manager": frozenset({"screen", "submit", "sign_off", "override", "export", "view_quarantine", "read_audit"}),
    # Thresholds and models are practice configuration, owned by quality, not by IT.
    "quality_lead": frozenset({"export", "change_rules_packs", "activate_models", "read_audit"}),
    # IT administers accounts and the file but never reads or decides on a child's record.
    "administrator": frozenset({"manage_users", "read_audit", "maintain_store"}),
}

PERMISSIONS: dict[tuple[str, str], bool] = {
    (role, action): action in _GRANTS[role] for role in ROLES for action in ACTIONS
}

ACTION_LABELS: dict[str, str] = {
    "screen": "screen contacts",
    "submit": "submit screening decisions",
    "sign_off": "sign off decisions",
    "override": "override the strategy-discussion guard or another worker's claim",
    "export": "export data",
    "view_quarantine": "view quarantined messages",
    "change_rules_packs": "change rules packs",
    "activate_models": "activate models",
    "manage_users": "manage users",
    "read_audit": "read the audit trail",
    "maintain_store": "back up, restore or purge the store",
}

# Reading a child's record: anyone who screens, signs off or audits cases (quality leads).
VIEW_CONTACT_ACTIONS: tuple[str, ...] = ("screen", "sign_off", "export")


class PermissionDenied(Exception):
    """The signed-in user may not do this; the message says so in plain words."""


def allowed(role: str, action: str) -> bool:
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    return PERMISSIONS.get((role, action), False)


def denial_message(username: str, role: str, action: str) -> str:
    label = ROLE_LABELS.get(role, role)
    return f"{username} ({label}) is not allowed to {ACTION_LABELS[action]}."
