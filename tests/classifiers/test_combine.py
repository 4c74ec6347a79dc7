from classifiers.combine import combine, rules_level


def clf(routing, confidence=0.9, top=None):
    return {"routing": routing, "top_routing": top or routing, "confidence": confidence}


def rules(levels=(), triggers=(), negated=()):
    return {
        "levels_fired": list(levels),
        "triggers": list(triggers),
        "negated_triggers": list(negated),
    }


def test_a_mandatory_trigger_is_a_floor_the_classifier_cannot_lower():
    c = combine(rules([2], ["disclosure_physical_abuse"]), clf("early_help", 0.95))
    assert c.routing == "strategy_discussion" and c.level == 4
    assert c.basis == "trigger_floor"
    assert c.floor_routing == "strategy_discussion"
    assert c.disagreement and "early_help" in c.disagreement and "lower" in c.disagreement
    assert any("disclosure_physical_abuse" in n for n in c.notes)


def test_a_negated_trigger_sets_no_floor():
    c = combine(rules([1], [], ["disclosure_physical_abuse"]), clf("information_advice"))
    assert c.routing == "information_advice" and c.floor_routing is None
    assert c.disagreement is None and c.basis == "rules_and_classifier"


def test_the_classifier_can_raise_the_level_and_the_difference_is_shown():
    c = combine(rules([2]), clf("strategy_discussion", 0.8))
    assert c.routing == "strategy_discussion" and c.basis == "classifier"
    assert c.rules_routing == "early_help"
    assert "higher" in c.disagreement and "80%" in c.disagreement


def test_a_confident_classifier_never_lowers_the_rules_and_the_difference_is_shown():
    c = combine(rules([3]), clf("early_help", 0.9))
    assert c.routing == "child_and_family_assessment" and c.basis == "rules"
    assert c.classifier_routing == "early_help"
    assert "lower" in c.disagreement and "stands" in c.disagreement


def test_a_strategy_probability_above_the_safety_margin_raises_to_strategy_discussion():
    probs = {"early_help": 0.6, "strategy_discussion": 0.35, "information_advice": 0.05}
    c = combine(rules([2]), dict(clf("early_help", 0.6), probabilities=probs), strategy_raise_at=0.3)
    assert c.routing == "strategy_discussion" and c.basis == "classifier"
    assert any("35%" in n for n in c.notes)
    c = combine(rules([2]), dict(clf("early_help", 0.6), probabilities=probs))
    assert c.routing == "early_help"
    c = combine(rules([2]), dict(clf("early_help", 0.6), probabilities=probs), strategy_raise_at=0.4)
    assert c.routing == "early_help"


def test_an_abstaining_classifier_leaves_the_rules_level():
    c = combine(rules([3]), clf(None, 0.41, top="early_help"))
    assert c.routing == "child_and_family_assessment" and c.basis == "rules"
    assert c.classifier_abstained and c.disagreement is None
    assert any("no clear suggestion" in n and "41%" in n for n in c.notes)


def test_nothing_from_either_is_no_clear_suggestion():
    c = combine(rules(), clf(None, 0.3, top="early_help"))
    assert c.routing is None and c.label == "no clear suggestion" and c.basis == "none"
    c = combine(None, None)
    assert c.routing is None and c.rules_level is None


def test_rules_alone_with_a_trigger_and_no_classifier():
    c = combine(rules([], ["fgm"]), None)
    assert c.routing == "strategy_discussion" and c.basis == "trigger_floor"
    assert not c.classifier_abstained


def test_rules_result_objects_work_like_dicts():
    class R:
        levels_fired = [2]
        triggers = ["fgm"]
        negated_triggers = []

    assert rules_level(R()) == 4
    assert combine(R(), clf("early_help")).routing == "strategy_discussion"
    assert combine(rules([1]), clf("information_advice")).to_dict()["label"] == "information_advice"


def _table(rows):
    return {m: {"sd_recall": r, "sd_precision": p} for m, (r, p) in rows.items()}


def test_the_margin_rule_takes_the_largest_margin_with_enough_recall_and_precision():
    from classifiers.combine import choose_margin

    table = _table({0.1: (0.995, 0.3), 0.2: (0.985, 0.55), 0.3: (0.981, 0.6), 0.4: (0.95, 0.8)})
    assert choose_margin(table) == 0.3


def test_the_margin_rule_keeps_the_precision_floor_when_recall_cannot_reach_its_floor():
    from classifiers.combine import choose_margin

    # 0.1 would reach the recall floor but raises two needless strategy discussions per needed one
    table = _table({0.1: (0.99, 0.3), 0.2: (0.97, 0.49), 0.25: (0.96, 0.56), 0.3: (0.94, 0.64)})
    assert choose_margin(table) == 0.25


def test_the_settings_default_margin_is_the_one_chosen_on_validation():
    from classifiers.combine import DEFAULT_STRATEGY_RAISE_AT
    from classifiers.registry import DEFAULT_STRATEGY_RAISE_AT as registry_default
    from mashdesk.settings import SETTINGS

    assert SETTINGS["classifier.strategy_raise_at"].default == DEFAULT_STRATEGY_RAISE_AT == registry_default


def test_operating_points_count_what_the_combination_would_route_at_each_margin():
    from classifiers.combine import choose_margin, sd_operating_points

    classes = ["information_advice", "early_help", "child_and_family_assessment", "strategy_discussion"]
    y = ["strategy_discussion", "strategy_discussion", "early_help", "child_and_family_assessment"]
    proba = [
        [0.1, 0.2, 0.6, 0.1],  # a trigger fired: strategy discussion at every margin
        [0.1, 0.2, 0.5, 0.2],  # raised only where the margin is at or below 0.2
        [0.2, 0.68, 0.0, 0.12],  # a false alarm where the margin is at or below 0.12
        [0.1, 0.1, 0.8, 0.0],  # never strategy discussion
    ]
    fired = [rules([2], ["disclosure_physical_abuse"]), rules([3]), rules([2]), rules([3])]
    table = sd_operating_points(y, proba, classes, fired, abstain_below=0.6, margins=(0.1, 0.15, 0.2, 0.3))
    assert {m: (row["sd_recall"], row["sd_precision"], row["flagged"]) for m, row in table.items()} == {
        0.1: (1.0, 2 / 3, 3),
        0.15: (1.0, 1.0, 2),
        0.2: (1.0, 1.0, 2),
        0.3: (0.5, 1.0, 1),
    }
    assert choose_margin(table) == 0.2  # the largest margin keeping recall >= 0.98 at precision >= 0.5
