import pytest

from classifiers.registry import (
    ModelPermissionError,
    ModelRegistryError,
    abstain_below,
    accept_model,
    active_info,
    can_activate_models,
    list_models,
    load_routing_model,
    model_events,
    register_model,
    rollback_model,
    set_abstain_below,
)

CARD = {"evaluation": {}, "suggestion_mix": None}


def test_a_trained_model_is_a_candidate_until_accepted(store, micro_pipeline):
    info = register_model(store, micro_pipeline, CARD, factory="f", created_by="qa")
    assert info.version == "v1" and info.status == "candidate"
    assert info.card["version"] == "v1"
    assert active_info(store) is None
    assert load_routing_model(store) is None
    with pytest.raises(ModelPermissionError):
        accept_model(store, "v1", actor="sam", can_activate=False)
    assert active_info(store) is None
    accepted = accept_model(store, "v1", actor="quinn", can_activate=True)
    assert accepted.status == "active" and accepted.accepted_by == "quinn"
    assert load_routing_model(store).version == "v1"


def test_accepting_a_second_model_retires_the_first_and_rollback_restores_it(store, micro_pipeline):
    register_model(store, micro_pipeline, CARD, factory="f")
    register_model(store, micro_pipeline, CARD, factory="f")
    with pytest.raises(ModelRegistryError, match="no active model"):
        rollback_model(store, actor="q", can_activate=True)
    accept_model(store, "v1", actor="q", can_activate=True)
    with pytest.raises(ModelRegistryError, match="nothing to roll back"):
        rollback_model(store, actor="q", can_activate=True)
    v2 = accept_model(store, "v2", actor="q", can_activate=True)
    assert v2.previous_active == "v1"
    statuses = {m.version: m.status for m in list_models(store)}
    assert statuses == {"v1": "retired", "v2": "active"}
    with pytest.raises(ModelPermissionError):
        rollback_model(store, actor="w", can_activate=False)
    back = rollback_model(store, actor="q", can_activate=True)
    assert back.version == "v1" and back.status == "active"
    assert {m.version: m.status for m in list_models(store)} == {"v1": "active", "v2": "retired"}
    events = [(e["version"], e["event"]) for e in model_events(store)]
    assert ("v2", "retired") in events and ("v1", "rolled_back") in events


def test_unknown_versions_and_double_accepts_are_errors(store, micro_pipeline):
    with pytest.raises(ModelRegistryError):
        accept_model(store, "v7", actor="q", can_activate=True)
    register_model(store, micro_pipeline, CARD, factory="f")
    accept_model(store, "v1", actor="q", can_activate=True)
    with pytest.raises(ModelRegistryError, match="already"):
        accept_model(store, "v1", actor="q", can_activate=True)


def test_only_the_model_activating_role_may_activate():
    assert can_activate_models("quality_lead")
    assert not can_activate_models("social_worker")
    assert not can_activate_models(None)


def test_abstention_threshold_setting(store):
    assert abstain_below(store) == 0.6
    set_abstain_below(store, 0.45)
    assert abstain_below(store) == 0.45
    with pytest.raises(ValueError):
        set_abstain_below(store, 1.5)
