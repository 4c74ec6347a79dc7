"""Fixtures for the oversight tests: a fresh store per test, cheap argon2, a cast of users."""

from __future__ import annotations

import os
import random
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from mashdesk.decisions.desks import insert_synthetic_contact
from mashdesk.decisions.model import NextAction, OversightInput
from mashdesk.store import Store
from tests._stores import Cast, add_cast, copied_store, decision_for


@pytest.fixture(autouse=True)
def _cheap_hashing(cheap_hashing: None) -> None:
    """Every oversight test hashes passwords at the test-only cost."""


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


@pytest.fixture
def store(fast_dir: Path, migrated_template: Path) -> Iterator[Store]:
    yield from copied_store(migrated_template, fast_dir / "oversight.db")


@pytest.fixture
def cast(store: Store) -> Cast:
    return add_cast(store, name_suffix=" (test)", signed_in=True)


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
