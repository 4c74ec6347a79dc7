"""Shared test stores for the exports and oversight tests: an already-migrated empty store copied
per test, a cast of SYNTHETIC users, and a complete screening decision. Every person is made up."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from mashdesk.accounts.actor import Actor
from mashdesk.accounts.users import add_user, create_first_administrator, sign_in
from mashdesk.decisions.model import DecisionInput, NextAction
from mashdesk.domain import ROUTING_CODES
from mashdesk.store import Store, open_store

PASSWORD = "correct horse battery"

# username, full name, role, desk
STAFF = (
    ("worker", "Wren Worker", "social_worker", "desk-1"),
    ("worker2", "Wade Worker", "social_worker", "desk-2"),
    ("manager", "Mina Manager", "manager", "desk-1"),
    ("manager2", "Milo Manager", "manager", "desk-2"),
    ("quality", "Quin Quality", "quality_lead", "quality"),
)


def make_template(folder: Path) -> Path:
    """An empty, fully migrated store file with its WAL folded in, ready to be copied."""
    path = folder / "empty.db"
    s = open_store(path)
    s.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    s.close()
    return path


def copied_store(template: Path, path: Path) -> Iterator[Store]:
    """Body of a store fixture: a copy of the template at `path`, closed after the test."""
    shutil.copy(template, path)
    s = open_store(path)
    yield s
    s.close()


@dataclass
class Cast:
    admin: Actor
    worker: Actor
    worker2: Actor
    manager: Actor
    manager2: Actor
    quality: Actor

    def by_role(self, role: str) -> Actor:
        return {
            "administrator": self.admin,
            "social_worker": self.worker,
            "manager": self.manager,
            "quality_lead": self.quality,
        }[role]


def add_cast(store: Store, *, name_suffix: str = "", signed_in: bool = False) -> Cast:
    """The administrator and STAFF, added in that order; `signed_in` opens a real session for
    each (audited) once all exist, otherwise the actors are built from the new ids."""
    admin_id = create_first_administrator(store, "admin", "Ada Administrator (test)", PASSWORD)
    if signed_in:
        admin = sign_in(store, "admin", PASSWORD, "it")
    else:
        admin = Actor(admin_id, "admin", "administrator", "it", "Ada Administrator (test)")
    made: dict[str, Actor] = {}
    for name, full, role, desk in STAFF:
        uid = add_user(store, admin, name, full + name_suffix, role, PASSWORD, desk)
        made[name] = Actor(uid, name, role, desk, full + name_suffix)
    if signed_in:
        made = {name: sign_in(store, name, PASSWORD) for name in made}
    return Cast(admin, **made)


def decision_for(routing: str = "early_help", **overrides: object) -> DecisionInput:
    """A complete screening decision for `routing`; a strategy discussion needs no consent."""
    level = ROUTING_CODES.index(routing) + 1
    sd = routing == "strategy_discussion"
    fields: dict[str, object] = dict(
        level=level,
        routing=routing,
        rag="green" if level < 3 else "amber" if level == 3 else "red",
        indicators=["occasional absence"],
        history_considered="No previous contacts (synthetic).",
        consent_status="not_sought" if sd else "given",
        consent_given_by=None if sd else "mother (synthetic)",
        rationale="Synthetic rationale.",
        next_actions=[NextAction("Tell the referrer", "front door", "2026-12-01")],
    )
    fields.update(overrides)
    return DecisionInput(**fields)  # type: ignore[arg-type]
