import json

from mashdesk import intake, triage
from mashdesk.domain import ROUTING_RANK
from mashdesk.rules import RuleFacts, default_pack, evaluate
from mashdesk.synthetic import generate_contacts, to_draft, to_eml_bytes


def test_suggest_with_a_model_fills_in_the_classifier_and_never_goes_below_the_rules(tiny_model):
    pack = default_pack()
    for c in generate_contacts(25, 31, "heldout"):
        draft = to_draft(c)
        s = triage.suggest(draft, c.previous_contacts, pack, tiny_model, abstain_below=0.5)
        rules = evaluate(pack, triage.facts_from_draft(draft, c.previous_contacts))
        assert ROUTING_RANK[s.routing] >= ROUTING_RANK[rules.routing]
        assert s.classifier is not None and s.classifier["model_version"] == "test"
        assert set(s.classifier["probabilities"]) == set(ROUTING_RANK)
        assert s.combination is not None
        d = s.to_dict()
        if d["combination"]["disagreement"]:
            assert d["disagreements"] == [d["combination"]["disagreement"]]
        json.dumps(d)  # stored as result_json


def test_a_mandatory_trigger_stays_strategy_discussion_whatever_the_classifier(tiny_model):
    s = triage.suggest_facts(RuleFacts("Suspected FGM."), None, tiny_model, abstain_below=0.0)
    assert s.routing == "strategy_discussion"
    assert s.combination["floor_routing"] == "strategy_discussion"


def test_abstaining_classifier_is_recorded_as_no_clear_suggestion(tiny_model):
    s = triage.suggest_facts(RuleFacts("He is being bullied."), None, tiny_model, abstain_below=1.01)
    assert s.classifier["routing"] is None and s.classifier["label"] == "no clear suggestion"
    assert s.routing == "early_help"


def test_resuggest_uses_the_active_model(store, micro_pipeline, tmp_path):
    from classifiers.registry import accept_model, register_model

    for i, c in enumerate(generate_contacts(3, 41)):
        intake.ingest_bytes(store, to_eml_bytes(c, f"<t{i}@synthetic.example>"), f"t{i}.eml")
    assert triage.active_model(store) is None
    register_model(store, micro_pipeline, {"known_weaknesses": ["w"]}, factory="f")
    accept_model(store, "v1", actor="q", can_activate=True)
    model = triage.active_model(store)
    assert model is not None and model.version == "v1"
    assert triage.resuggest(store) == 3
    rows = store.db.execute("SELECT model_version, result_json FROM suggestions WHERE current = 1").fetchall()
    assert {r[0] for r in rows} == {"v1"}
    stored = json.loads(rows[0][1])
    assert stored["classifier"]["weaknesses"] == ["w"]
    assert stored["combination"]["rules_routing"] is not None


def test_suggest_picks_up_the_stores_accepted_model_and_settings(store, micro_pipeline):
    from classifiers.registry import accept_model, register_model, set_abstain_below

    draft = to_draft(generate_contacts(1, 43)[0])
    assert triage.suggest(draft, store=store).classifier is None
    register_model(store, micro_pipeline, {}, factory="f")
    accept_model(store, "v1", actor="q", can_activate=True)
    set_abstain_below(store, 1.0)
    s = triage.suggest(draft, store=store)
    assert s.classifier["model_version"] == "v1"
    assert s.classifier["abstain_below"] == 1.0 and s.classifier["routing"] is None
