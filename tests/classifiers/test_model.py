import re

import pytest

from classifiers.features import record_from_draft, record_from_text
from classifiers.model import NO_CLEAR_SUGGESTION
from mashdesk.domain import ROUTING_CODES
from mashdesk.synthetic import generate_contacts, to_draft


def test_probabilities_cover_the_four_routings(tiny_model):
    c = generate_contacts(1, 5, "heldout")[0]
    s = tiny_model.suggest(record_from_draft(to_draft(c), c.previous_contacts))
    assert set(s.probabilities) == set(ROUTING_CODES)
    assert sum(s.probabilities.values()) == pytest.approx(1.0, abs=1e-3)
    assert s.confidence == max(s.probabilities.values())
    assert s.top_routing == max(s.probabilities, key=s.probabilities.get)


def test_abstains_below_the_threshold(tiny_model):
    rec = record_from_text("Asking about something.")
    s = tiny_model.suggest(rec, abstain_below=1.01)
    assert s.routing is None and s.abstained
    assert s.label == NO_CLEAR_SUGGESTION
    assert s.top_routing in ROUTING_CODES
    s = tiny_model.suggest(rec, abstain_below=0.0)
    assert s.routing == s.top_routing and not s.abstained


def test_explanations_point_at_words_in_the_contact(tiny_model):
    text = "Referral\nJack told his teacher that dad hit him with a belt and he is scared."
    s = tiny_model.suggest(record_from_text(text))
    assert s.evidence_for or s.evidence_against
    for e in s.evidence_for + s.evidence_against:
        if e.kind == "text":
            words = re.findall(r"\w+", e.label.replace("(negated)", ""))
            assert e.spans, e
            for start, end in e.spans:
                assert text[start:end].lower().split()[0].strip(".,") == words[0]
    assert all(e.weight > 0 for e in s.evidence_for)
    assert all(e.weight < 0 for e in s.evidence_against)


def test_a_disclosure_is_suggested_for_strategy_discussion(tiny_model):
    text = "Maya told her teacher today that mum's boyfriend punched her and kicked her. She is scared to go home."
    s = tiny_model.suggest(record_from_text(text), abstain_below=0.0)
    assert s.top_routing == "strategy_discussion"
    assert any(e.label in {"punched", "kicked", "scared"} for e in s.evidence_for)


def test_structured_facts_are_explained_in_plain_words(tiny_model):
    c = next(c for c in generate_contacts(20, 6) if c.source_code == "6")
    s = tiny_model.suggest(record_from_draft(to_draft(c), 0), top=50)
    facts = [e.label for e in s.evidence_for + s.evidence_against if e.kind == "fact"]
    assert any("Police" in f for f in facts)


def test_the_single_contact_fast_path_matches_the_pipeline(tiny_model, tiny_pipeline):
    import numpy as np

    from classifiers.features import prepare_records

    contacts = generate_contacts(30, 12, "heldout")
    records = [record_from_draft(to_draft(c), c.previous_contacts) for c in contacts]
    records.append(record_from_text("zzqx unseenword completely-new vocabulary"))
    expected = tiny_pipeline.predict_proba(records)
    union = tiny_pipeline.named_steps["features"].named_steps["union"]
    for rec, want in zip(records, expected, strict=True):
        prepared = prepare_records([rec])
        x_fast = tiny_model.transform_one(prepared[0]).toarray()
        x_ref = union.transform(prepared).toarray()
        assert np.allclose(x_fast, x_ref, atol=1e-5)
        s = tiny_model.suggest(rec, explain=False)
        got = [s.probabilities[c] for c in tiny_model.classes]
        assert np.allclose(got, want, atol=1e-3)
