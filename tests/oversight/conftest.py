"""Fixtures for the oversight tests: a fresh store per test, cheap argon2, a cast of users."""

from __future__ import annotations

import os
import random
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from mashdesk.accounts import passwords
from mashdesk.accounts.actor import Actor
from mashdesk.accounts.users import add_user, create_first_administrator, sign_in
from mashdesk.decisions.desks import insert_synthetic_contact
from mashdesk.decisions.model import DecisionInput, NextAction, OversightInput
from mashdesk.store import Store, open_store

PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def _cheap_hashing() -> Iterator[None]:
    passwords.configure_hashing(passwords.TEST_ONLY)
    yield
    passwords.configure_hashing(passwords.PRODUCTION)


_SHM = Path("/dev/shm")


@pytest.fixture
def fast_dir(tmp_path: Path) -> Iterator[Path]:
    """A scratch folder in RAM where there is one: SQLite's fsyncs dominate these tests on disk."""
    if not (_SHM.is_dir() and os.access(_SHM, os.W_OK)):
        yield tmp_path
        return
    path = Path(tempfile.mkdtemp(prefix="mashdesk-oversight-", dir=_SHM))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="session")
def _migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Migrating costs ~80 ms per store; copying an already-migrated empty file costs ~1 ms.
    path = tmp_path_factory.mktemp("template") / "empty.db"
    s = open_store(path)
    s.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    s.close()
    return path


@pytest.fixture
def store(fast_dir: Path, _migrated_template: Path) -> Iterator[Store]:
    shutil.copy(_migrated_template, fast_dir / "oversight.db")
    s = open_store(fast_dir / "oversight.db")
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


@pytest.fixture
def cast(store: Store) -> Cast:
    create_first_administrator(store, "admin", "Ada Administrator (test)", PASSWORD)
    admin = sign_in(store, "admin", PASSWORD, "it")
    for name, full, role, desk in (
        ("worker", "Wren Worker (test)", "social_worker", "desk-1"),
        ("worker2", "Wade Worker (test)", "social_worker", "desk-2"),
        ("manager", "Mina Manager (test)", "manager", "desk-1"),
        ("manager2", "Milo Manager (test)", "manager", "desk-2"),
        ("quality", "Quin Quality (test)", "quality_lead", "quality"),
    ):
        add_user(store, admin, name, full, role, PASSWORD, desk)
    signed = {n: sign_in(store, n, PASSWORD) for n in ("worker", "worker2", "manager", "manager2", "quality")}
    return Cast(
        admin,
        signed["worker"],
        signed["worker2"],
        signed["manager"],
        signed["manager2"],
        signed["quality"],
    )


@pytest.fixture
def new_contact(store: Store):  # type: ignore[no-untyped-def]
    rng = random.Random(5)

    def make(
        triggers: tuple[str, ...] = (),
        *,
        immediate_protection: bool = False,
        routing: str = "early_help",
        **kw: object,
    ) -> int:
        return insert_synthetic_contact(
            store,
            rng,
            triggers=triggers,
            immediate_protection=immediate_protection,
            routing=routing,
            **kw,
        )  # type: ignore[arg-type]

    return make


def decision_for(routing: str = "early_help", **overrides: object) -> DecisionInput:
    level = (
        "information_advice",
        "early_help",
        "child_and_family_assessment",
        "strategy_discussion",
    ).index(routing) + 1
    fields: dict[str, object] = dict(
        level=level,
        routing=routing,
        rag="green" if level < 3 else "amber" if level == 3 else "red",
        indicators=["occasional absence"],
        history_considered="No previous contacts (synthetic).",
        consent_status="given" if routing != "strategy_discussion" else "not_sought",
        consent_given_by="mother (synthetic)" if routing != "strategy_discussion" else None,
        rationale="Synthetic rationale.",
        next_actions=[NextAction("Tell the referrer", "front door", "2026-12-01")],
    )
    fields.update(overrides)
    return DecisionInput(**fields)  # type: ignore[arg-type]


def oversight_agree(**overrides: object) -> OversightInput:
    fields: dict[str, object] = dict(
        outcome="agree",
        decision_summary="Agree (synthetic).",
        rationale="Facts and reflection (synthetic).",
        risk_analysis="Risk analysis (synthetic).",
        actions=[NextAction("Confirm to referrer", "front door", "1 working day")],
    )
    fields.update(overrides)
    return OversightInput(**fields)  # type: ignore[arg-type]


@pytest.fixture
def make_decision():  # type: ignore[no-untyped-def]
    return decision_for


@pytest.fixture
def make_oversight():  # type: ignore[no-untyped-def]
    return oversight_agree
