"""The engine: evidence, levels as configuration, conditions, determinism."""

from __future__ import annotations

import json

from mashdesk.rules import RuleFacts, evaluate, load_pack
from mashdesk.rules.engine import ages_in_text

DEFAULT = load_pack("default")
EARLY = load_pack("early_help_l3")


def test_trigger_forces_strategy_discussion_with_evidence() -> None:
    text = "Subject line\n\nJosh told his teacher that daddy punched him in the tummy."
    res = evaluate(DEFAULT, RuleFacts(text=text))
    assert res.triggers == ["disclosure_physical_abuse"]
    assert res.routing == "strategy_discussion"
    assert res.level == 4
    fired = [i for i in res.indicators if i.trigger == "disclosure_physical_abuse"]
    assert fired
    for ind in fired:
        assert ind.evidence is not None
        assert text[ind.evidence.start : ind.evidence.end] == ind.evidence.text
        assert ind.clause == "6.1"


def test_no_indicators_means_default_level() -> None:
    res = evaluate(DEFAULT, RuleFacts(text="Hello, please find attached the minutes."))
    assert (res.level, res.routing, res.triggers, res.indicators) == (
        1,
        "information_advice",
        [],
        [],
    )


def test_levels_are_configuration() -> None:
    text = "He has been persistently absent this year."
    a = evaluate(DEFAULT, RuleFacts(text=text))
    b = evaluate(EARLY, RuleFacts(text=text))
    assert (a.level, a.routing) == (3, "child_and_family_assessment")
    assert (b.level, b.routing) == (3, "early_help")
    trig = evaluate(EARLY, RuleFacts(text="Suspected FGM."))
    assert (trig.level, trig.routing) == (5, "strategy_discussion")


def test_age_condition_uses_facts_then_text() -> None:
    text = "She says she has had sex with a boy from the estate."
    young = evaluate(DEFAULT, RuleFacts(text, child_ages=[12]))
    assert "sexual_activity_under_13" in young.triggers
    assert evaluate(DEFAULT, RuleFacts(text, child_ages=[15])).triggers == []
    assert evaluate(DEFAULT, RuleFacts(text)).triggers == []
    worded = "The 11 year old says she has had sex with a boy from the estate."
    assert "sexual_activity_under_13" in evaluate(DEFAULT, RuleFacts(worded)).triggers


def test_previous_contacts_condition() -> None:
    def ids(n: int) -> set[str]:
        return {i.id for i in evaluate(DEFAULT, RuleFacts("Call about Sam.", previous_contacts=n)).indicators}

    assert "L3.FAM.repeat_contacts" in ids(3)
    assert "L3.FAM.repeat_contacts" not in ids(1)


def test_abbreviations_match_in_capitals_only() -> None:
    hi = evaluate(DEFAULT, RuleFacts("DV incident, high risk, MARAC referral."))
    assert "domestic_abuse_serious" in hi.triggers
    ids = {i.id for i in evaluate(DEFAULT, RuleFacts("There is a history of DV.")).indicators}
    assert "L3.FAM.da_history" in ids
    ids = {i.id for i in evaluate(DEFAULT, RuleFacts("There is a history of dv.")).indicators}
    assert "L3.FAM.da_history" not in ids


def test_immediate_protection_flag() -> None:
    res = evaluate(DEFAULT, RuleFacts("She says she is scared to go home tonight."))
    assert res.immediate_protection
    assert not evaluate(DEFAULT, RuleFacts("She is scared of spiders.")).immediate_protection


def test_escalation_of_several_level_2_needs() -> None:
    text = "Parents separated, they are in rent arrears, and he is being bullied."
    res = evaluate(DEFAULT, RuleFacts(text))
    assert res.level == 3
    assert any("clause 7.1" in r for r in res.reasons)
    assert evaluate(DEFAULT, RuleFacts("He is being bullied.")).level == 2


def test_deterministic_and_json() -> None:
    facts = RuleFacts(
        "Mum's boyfriend whacked him. No marks seen. Historic DV in 2017. Baby (6 weeks) has a bruise. Attendance 70%.",
        child_ages=[0, 8],
    )
    first = json.dumps(evaluate(DEFAULT, facts).to_dict(), sort_keys=True)
    for _ in range(5):
        assert json.dumps(evaluate(DEFAULT, facts).to_dict(), sort_keys=True) == first
    d = json.loads(first)
    assert d["pack"] == {"name": "default", "version": DEFAULT.version, "sha256": DEFAULT.sha256}
    assert set(d) >= {
        "level",
        "routing",
        "immediate_protection",
        "triggers",
        "negated_triggers",
        "indicators",
        "pack",
    }
    for ind in d["indicators"]:
        assert set(ind) >= {"id", "level", "domain", "clause", "span", "text"}


def test_ages_in_text() -> None:
    assert ages_in_text("Her 12yo and a 6 week old baby; cousin aged 9 and Amy (7).") == [
        12,
        0,
        9,
        7,
    ]
    assert ages_in_text("A 14 month old toddler") == [1]


def test_space_question_mark_is_an_optional_separator() -> None:
    # "(?:not|in) ?consistent" must match "inconsistent" as well as "in consistent".
    text = "Dad says she fell but the mark is inconsistent with the account."
    assert "unexplained_injury" in evaluate(DEFAULT, RuleFacts(text, child_ages=[7])).triggers


def test_level_4_vocabulary_beyond_the_named_terms() -> None:
    cases = {
        "He took a handful of his mum's tablets and was admitted.": None,
        "Her father has taken her passport and booked a one-way flight.": "forced_marriage",
        "Reported seizures have never been witnessed by staff or on the ward.": "fabricated_induced_illness",
        "She arrives smelling of urine and scavenging for food.": "serious_neglect",
        "Ruby was in the middle when mum's partner hit the mum.": "domestic_abuse_serious",
    }
    for text, code in cases.items():
        res = evaluate(DEFAULT, RuleFacts(text, child_ages=[14]))
        assert res.routing == "strategy_discussion", text
        if code:
            assert code in res.triggers, text


def test_new_vocabulary_still_respects_negation() -> None:
    for text in (
        "She denies any thoughts of self-harm or suicide.",
        "No concerns of forced marriage.",
        "He was never hit at home, he says.",
        "No neglect concerns; home clean, food in the fridge.",
    ):
        res = evaluate(DEFAULT, RuleFacts(text, child_ages=[14]))
        assert res.triggers == [], text
        assert res.level < 4, text
