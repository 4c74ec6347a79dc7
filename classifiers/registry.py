"""Model versions in the store: register, list, accept (activate), roll back, load the active one.

A trained model is a `candidate` until a user whose role may activate models accepts it; the
model it replaces becomes `retired` and stays in the store so it can be rolled back to.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import threading
from dataclasses import dataclass
from typing import Any

from sklearn.pipeline import Pipeline

from classifiers.combine import DEFAULT_STRATEGY_RAISE_AT as _DEFAULT_STRATEGY_RAISE_AT
from classifiers.model import DEFAULT_ABSTAIN_BELOW, RoutingModel
from classifiers.persistence import (
    ModelMetadata,
    dumps_model,
    loads_model,
    new_metadata,
)
from mashdesk.store import Store

ABSTAIN_SETTING = "classifier.abstain_below"
STRATEGY_RAISE_SETTING = "classifier.strategy_raise_at"
# P(strategy_discussion) at which the combined suggestion is raised to it (see combine.py).
DEFAULT_STRATEGY_RAISE_AT = _DEFAULT_STRATEGY_RAISE_AT


class ModelRegistryError(Exception):
    """A registry action cannot be done; the message says why in plain words."""


class ModelPermissionError(ModelRegistryError):
    pass


@dataclass
class ModelInfo:
    version: str
    created_at: str
    created_by: str | None
    status: str
    accepted_by: str | None
    accepted_at: str | None
    retired_at: str | None
    previous_active: str | None
    size_bytes: int
    sha256: str
    metadata: ModelMetadata
    card: dict[str, Any]


def _now(now: dt.datetime | None) -> str:
    return (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).isoformat(timespec="seconds")


_COLUMNS = (
    "version, created_at, created_by, status, accepted_by, accepted_at, retired_at, "
    "previous_active, size_bytes, sha256, metadata_json, card_json"
)


def _info(row: tuple[Any, ...]) -> ModelInfo:
    return ModelInfo(
        version=row[0],
        created_at=row[1],
        created_by=row[2],
        status=row[3],
        accepted_by=row[4],
        accepted_at=row[5],
        retired_at=row[6],
        previous_active=row[7],
        size_bytes=row[8],
        sha256=row[9],
        metadata=ModelMetadata.from_json(row[10]),
        card=json.loads(row[11]),
    )


def can_activate_models(role: str | None) -> bool:
    """Whether a user with `role` may make a model active (the `activate_models` permission of
    mashdesk.accounts; the quality lead's, in the shipped grants)."""
    from mashdesk.accounts.permissions import allowed

    return role is not None and bool(allowed(role, "activate_models"))


def next_version(store: Store) -> str:
    rows = store.db.execute("SELECT version FROM models").fetchall()
    numbers = [int(v[1:]) for (v,) in rows if v.startswith("v") and v[1:].isdigit()]
    return f"v{max(numbers, default=0) + 1}"


def register_model(
    store: Store,
    pipeline: Pipeline,
    card: dict[str, Any],
    *,
    factory: str,
    created_by: str | None = None,
    now: dt.datetime | None = None,
) -> ModelInfo:
    """Store a trained pipeline as a new candidate version with its card."""
    created = _now(now)
    with store.write() as db:
        version = next_version(store)
        metadata = new_metadata(version, created, factory)
        card = dict(card, version=version, created_at=created)
        data = dumps_model(pipeline, metadata)
        db.execute(
            "INSERT INTO models (version, created_at, created_by, blob, sha256, size_bytes,"
            " metadata_json, card_json, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'candidate')",
            (
                version,
                created,
                created_by,
                data,
                metadata.sha256,
                metadata.size_bytes,
                metadata.to_json(),
                json.dumps(card, sort_keys=True),
            ),
        )
        _event(store, version, "trained", created_by, created, f"{metadata.size_bytes} bytes")
    return get_model_info(store, version)


def _event(store: Store, version: str, event: str, actor: str | None, at: str, detail: str = "") -> None:
    store.db.execute(
        "INSERT INTO model_events (version, event, actor, at, detail) VALUES (?, ?, ?, ?, ?)",
        (version, event, actor, at, detail),
    )


def list_models(store: Store) -> list[ModelInfo]:
    rows = store.db.execute(f"SELECT {_COLUMNS} FROM models ORDER BY created_at DESC, version DESC").fetchall()
    return [_info(r) for r in rows]


def get_model_info(store: Store, version: str) -> ModelInfo:
    row = store.db.execute(f"SELECT {_COLUMNS} FROM models WHERE version = ?", (version,)).fetchone()
    if row is None:
        raise ModelRegistryError(f"There is no model {version!r} in this store.")
    return _info(row)


def active_info(store: Store) -> ModelInfo | None:
    row = store.db.execute(f"SELECT {_COLUMNS} FROM models WHERE status = 'active'").fetchone()
    return _info(row) if row else None


def model_events(store: Store, version: str | None = None) -> list[dict[str, Any]]:
    sql = "SELECT version, event, actor, at, detail FROM model_events"
    args: tuple[Any, ...] = ()
    if version:
        sql += " WHERE version = ?"
        args = (version,)
    keys = ("version", "event", "actor", "at", "detail")
    return [dict(zip(keys, r, strict=True)) for r in store.db.execute(sql + " ORDER BY id", args)]


def _require(can_activate: bool, actor: str, what: str) -> None:
    if not can_activate:
        raise ModelPermissionError(f"{actor} may not {what}: only a user whose role may activate models can do that.")


def accept_model(
    store: Store, version: str, *, actor: str, can_activate: bool, now: dt.datetime | None = None
) -> ModelInfo:
    """Make `version` the active model; the previously active one is retired (kept)."""
    _require(can_activate, actor, f"accept model {version}")
    at = _now(now)
    with store.write() as db:
        info = get_model_info(store, version)
        if info.status == "active":
            raise ModelRegistryError(f"Model {version} is already the active model.")
        # Load it once first: a model that cannot load must never become active.
        load_routing_model(store, version)
        current = active_info(store)
        if current is not None:
            db.execute(
                "UPDATE models SET status = 'retired', retired_at = ? WHERE version = ?",
                (at, current.version),
            )
            _event(store, current.version, "retired", actor, at, f"replaced by {version}")
        db.execute(
            "UPDATE models SET status = 'active', accepted_by = ?, accepted_at = ?,"
            " retired_at = NULL, previous_active = ? WHERE version = ?",
            (actor, at, current.version if current else None, version),
        )
        _event(store, version, "accepted", actor, at)
    return get_model_info(store, version)


def rollback_model(store: Store, *, actor: str, can_activate: bool, now: dt.datetime | None = None) -> ModelInfo:
    """Retire the active model and make the one it replaced active again."""
    _require(can_activate, actor, "roll back the active model")
    at = _now(now)
    with store.write() as db:
        current = active_info(store)
        if current is None:
            raise ModelRegistryError("There is no active model to roll back.")
        if current.previous_active is None:
            raise ModelRegistryError(
                f"Model {current.version} replaced no earlier model; there is nothing to roll back to."
            )
        previous = current.previous_active
        load_routing_model(store, previous)
        db.execute(
            "UPDATE models SET status = 'retired', retired_at = ? WHERE version = ?",
            (at, current.version),
        )
        db.execute(
            "UPDATE models SET status = 'active', accepted_by = ?, accepted_at = ?,"
            " retired_at = NULL WHERE version = ?",
            (actor, at, previous),
        )
        _event(store, current.version, "retired", actor, at, f"rolled back to {previous}")
        _event(store, previous, "rolled_back", actor, at, f"from {current.version}")
    return get_model_info(store, previous)


# Loaded models by content hash: loading takes seconds, and the same bytes always give the same
# model, so a cache keyed by hash can never serve a stale one.
_CACHE: dict[str, RoutingModel] = {}
_CACHE_LOCK = threading.Lock()
_CACHE_SIZE = 2


def load_routing_model(store: Store, version: str | None = None) -> RoutingModel | None:
    """The active model (or `version`), loaded through the allowlist; None if none is active."""
    if version is None:
        row = store.db.execute("SELECT version, sha256 FROM models WHERE status = 'active'").fetchone()
    else:
        row = store.db.execute("SELECT version, sha256 FROM models WHERE version = ?", (version,)).fetchone()
        if row is None:
            raise ModelRegistryError(f"There is no model {version!r} in this store.")
    if row is None:
        return None
    blob_sha = row[1]
    card = json.loads(store.db.execute("SELECT card_json FROM models WHERE version = ?", (row[0],)).fetchone()[0])
    with _CACHE_LOCK:
        cached = _CACHE.get(blob_sha)
    if cached is None:
        blob, meta = store.db.execute("SELECT blob, metadata_json FROM models WHERE version = ?", (row[0],)).fetchone()
        cached = RoutingModel(loads_model(blob, ModelMetadata.from_json(meta)), version=row[0], card=card)
        with _CACHE_LOCK:
            while len(_CACHE) >= _CACHE_SIZE:
                _CACHE.pop(next(iter(_CACHE)))
            _CACHE[blob_sha] = cached
    if cached.version == row[0] and cached.card == card:
        return cached
    # the same bytes registered under another version (or store): share the loaded pipeline
    model = copy.copy(cached)
    model.version, model.card = row[0], card
    return model


def abstain_below(store: Store) -> float:
    """The configured confidence below which suggestions read "no clear suggestion"."""
    row = store.db.execute("SELECT value FROM settings WHERE key = ?", (ABSTAIN_SETTING,)).fetchone()
    if row is None:
        return DEFAULT_ABSTAIN_BELOW
    try:
        return float(row[0])
    except ValueError:
        return DEFAULT_ABSTAIN_BELOW


def set_abstain_below(store: Store, value: float) -> None:
    if not 0.0 <= value <= 1.0:
        raise ValueError("the abstention threshold is a probability between 0 and 1")
    with store.write() as db:
        db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (ABSTAIN_SETTING, json.dumps(value)),
        )


def strategy_raise_at(store: Store) -> float | None:
    """P(strategy_discussion) at which the classifier raises to it; None when switched off."""
    row = store.db.execute("SELECT value FROM settings WHERE key = ?", (STRATEGY_RAISE_SETTING,)).fetchone()
    if row is None:
        return DEFAULT_STRATEGY_RAISE_AT
    value = json.loads(row[0])
    return None if value is None else float(value)


def set_strategy_raise_at(store: Store, value: float | None) -> None:
    if value is not None and not 0.0 < value <= 1.0:
        raise ValueError("the strategy raise threshold is a probability above 0 and at most 1")
    with store.write() as db:
        db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (STRATEGY_RAISE_SETTING, json.dumps(value)),
        )


def accept_as(store: Store, actor: Any, version: str) -> ModelInfo:
    """A signed-in user accepts `version`: permission checked in the store, change audited."""
    from mashdesk.accounts import authorize
    from mashdesk.audit import record_event

    actor = authorize(store, actor, "activate_models")
    with store.write():
        info = accept_model(store, version, actor=actor.username, can_activate=True)
        record_event(store, actor, "model.accept", "model", version, {"previous": info.previous_active})
    return info


def rollback_as(store: Store, actor: Any) -> ModelInfo:
    """A signed-in user rolls back to the previous model: permission checked, change audited."""
    from mashdesk.accounts import authorize
    from mashdesk.audit import record_event

    actor = authorize(store, actor, "activate_models")
    with store.write():
        info = rollback_model(store, actor=actor.username, can_activate=True)
        record_event(store, actor, "model.rollback", "model", info.version, {})
    return info


def change_setting_as(store: Store, actor: Any, key: str, value: float | None) -> None:
    """A signed-in user changes the abstention threshold or the strategy margin; audited."""
    from mashdesk.accounts import authorize
    from mashdesk.audit import record_event

    actor = authorize(store, actor, "activate_models")
    with store.write():
        before = abstain_below(store) if key == "abstain_below" else strategy_raise_at(store)
        if key == "abstain_below":
            if value is None:
                raise ModelRegistryError("The abstention threshold needs a value.")
            set_abstain_below(store, value)
        elif key == "strategy_raise_at":
            set_strategy_raise_at(store, value)
        else:
            raise ModelRegistryError(f"Unknown classifier setting {key!r}.")
        record_event(store, actor, "model.setting", "setting", f"classifier.{key}", {"from": before, "to": value})
