import datetime as dt

import pytest

from classifiers.training import (
    fit_pipeline,
    load_confirmed_decisions,
    read_jsonl,
    rows_from_decisions,
    synthetic_rows,
    synthetic_weight,
    train,
)
from mashdesk.progress import Cancelled
from mashdesk.synthetic import generate_contacts


def test_synthetic_rows_weigh_less_as_local_decisions_accumulate():
    assert synthetic_weight(0) == 1.0
    assert synthetic_weight(2000) == 0.5
    assert synthetic_weight(20000) < 0.1


def test_some_synthetic_rows_lose_their_structured_facts():
    rows = synthetic_rows(generate_contacts(300, 2), seed=2)
    unknown = [r for r in rows if "channel=unknown" in r.record["structured"]]
    assert 10 < len(unknown) < 60


def test_rows_from_decisions_validate_routing():
    rows = rows_from_decisions([("text", "early_help", {"channel=email": 1.0})])
    assert rows[0].origin == "local" and rows[0].record["structured"] == {"channel=email": 1.0}
    with pytest.raises(ValueError):
        rows_from_decisions([("text", "refer_to_police", {})])


def test_no_oversight_table_means_no_local_decisions(store):
    assert load_confirmed_decisions(store) == []


def test_confirmed_decisions_are_the_managers_latest_routing(store):
    from mashdesk.demo import seed_demo

    seed_demo(store, n=24)
    # demo contacts are synthetic: not local decisions unless asked for
    assert load_confirmed_decisions(store) == []
    rows = load_confirmed_decisions(store, include_synthetic=True)
    latest = dict(
        store.db.execute(
            "SELECT o.contact_id, o.routing FROM oversight_records o WHERE o.id ="
            " (SELECT max(id) FROM oversight_records WHERE contact_id = o.contact_id)"
        ).fetchall()
    )
    assert rows and {int(r.id.split("-")[1]): r.routing for r in rows} == latest
    first = rows[0]
    subject, body = store.db.execute(
        "SELECT subject, body_text FROM contacts WHERE id = ?", (int(first.id.split("-")[1]),)
    ).fetchone()
    assert first.record["text"] == f"{subject}\n{body}"
    assert any(k.startswith("age_band=") for k in first.record["structured"])
    assert [r.received_at for r in rows] == sorted(r.received_at for r in rows)


def test_training_with_local_decisions_holds_out_the_newest_and_writes_a_card(tiny_rows):
    local = synthetic_rows(generate_contacts(120, 77), seed=77)
    for i, r in enumerate(local):
        r.origin = "local"
        r.received_at = (dt.datetime(2026, 1, 1) + dt.timedelta(days=i)).isoformat()
    held = synthetic_rows(generate_contacts(80, 78, "heldout"), dropout=0.0)
    steps = []

    class Rec:
        def report(self, done, total=None, message=""):
            steps.append(message)

        def cancelled(self):
            return False

    result = train(
        local,
        tiny_rows[:300],
        heldout=held,
        progress=Rec(),
        factory_kwargs={"char_max_features": 5000, "word_max_features": 5000},
    )
    card = result.card
    assert card["data"]["local_decisions"] == 120
    assert card["data"]["local_held_out_for_evaluation"] == 24
    assert card["data"]["synthetic_row_weight"] == pytest.approx(2000 / 2120, abs=1e-3)
    assert set(card["evaluation"]) == {"synthetic_heldout", "local_newest"}
    assert card["evaluation"]["local_newest"]["n"] == 24
    assert card["data"]["local_date_range"]["to"] == local[-1].received_at[:10]
    assert card["known_weaknesses"] and card["suggestion_mix"]
    assert "refitting on all contacts" in steps and steps[-1] == "done"


def test_training_can_be_cancelled(tiny_rows):
    class Stop:
        def report(self, *a, **k):
            pass

        def cancelled(self):
            return True

    with pytest.raises(Cancelled):
        train([], tiny_rows, progress=Stop())


def test_read_jsonl_names_the_bad_line():
    good = read_jsonl(['{"id": 1, "text": "x", "routing": "early_help"}', ""])
    assert good[0]["routing"] == "early_help"
    with pytest.raises(ValueError, match="line 2"):
        read_jsonl(['{"id": 1, "text": "x", "routing": "early_help"}', "{nope"])
    with pytest.raises(ValueError, match="unknown routing"):
        read_jsonl(['{"text": "x", "routing": "nfa"}'])


def test_synthetic_rows_carry_the_phrasing_they_were_built_from(tiny_rows):
    groups = [r.group for r in tiny_rows]
    assert all(groups) and len(set(groups)) > 50


def test_grouped_calibration_holds_back_whole_phrasings_then_refits_on_all(tiny_rows):
    import numpy as np

    from classifiers.calibration import SplitCalibratedClassifier

    y = np.array([r.routing for r in tiny_rows])
    groups = [r.group for r in tiny_rows]
    fit_idx, cal_idx, by_group = SplitCalibratedClassifier(calibration_share=0.2)._split(y, groups)
    assert by_group and len(cal_idx) > 0
    assert not {groups[i] for i in fit_idx} & {groups[i] for i in cal_idx}
    # without groups (e.g. local decisions only) the slice is random rows, as before
    assert not SplitCalibratedClassifier()._split(y, None)[2]
    pipeline = fit_pipeline(tiny_rows, char_max_features=5000, word_max_features=5000)
    clf = pipeline.named_steps["clf"]
    # the kept classifier is the refit on every row, and the calibrated path uses that one
    assert clf.calibrator_.calibrated_classifiers_[0].estimator.estimator is clf.estimator_
    assert clf.estimator_.coef_.shape[0] == 4


def test_every_train_phrasing_belongs_to_one_writers_family() -> None:
    import hashlib
    from collections import Counter

    from classifiers.training import _phrasing_families, synthetic_rows
    from mashdesk.synthetic import generate_contacts
    from mashdesk.synthetic.concerns import CONCERNS

    families = _phrasing_families()
    phrasings = {p for c in CONCERNS for p in c.train + c.neg_train}
    assert {hashlib.sha1(p.encode()).hexdigest()[:12] for p in phrasings} <= families.keys()
    assert set(Counter(families.values())) == {"first", "more", "third", "fourth", "fifth", "sixth"}
    rows = synthetic_rows(generate_contacts(60, 3, "train"), group_by="family")
    assert {r.group for r in rows} <= set(families.values()) and len({r.group for r in rows}) > 2


def test_calibration_holds_back_exactly_one_of_a_few_groups() -> None:
    import numpy as np

    from classifiers.calibration import SplitCalibratedClassifier

    y = np.array(["a", "b"] * 30)
    groups = ["w1", "w2", "w3"] * 20
    fit_idx, cal_idx, by_group = SplitCalibratedClassifier(calibration_share=0.01)._split(y, groups)
    held = {groups[i] for i in cal_idx}
    assert by_group and len(held) == 1
    assert held.isdisjoint({groups[i] for i in fit_idx})


def test_the_cards_data_description_counts_the_training_phrasings_it_was_made_from(monkeypatch):
    # Counted when the card is made, so adding a writer cannot leave the card behind the data.
    from dataclasses import replace

    from classifiers import card
    from mashdesk.synthetic import concerns

    text = card.synthetic_description()
    counts = [len(c.train) for c in concerns.CONCERNS]
    assert f"{min(counts)} to {max(counts)} training phrasings per concern" in text
    assert f"from {1 + len(concerns.TRAIN_FAMILIES)} writers" in text
    fewer = tuple(replace(c, train=c.train[:3]) for c in concerns.CONCERNS)
    monkeypatch.setattr(concerns, "CONCERNS", fewer)
    assert "3 to 3 training phrasings per concern (3 on average, 3 for level 4)" in card.synthetic_description()


def _local_rows(n, seed, mix=None):
    from mashdesk.rules import default_pack, evaluate, facts_from_draft
    from mashdesk.synthetic import to_draft

    pack = default_pack()
    contacts = generate_contacts(n, seed, mix=mix) if mix else generate_contacts(n, seed)
    rows = synthetic_rows(contacts, seed=seed, dropout=0.0)
    for i, (row, c) in enumerate(zip(rows, contacts, strict=True)):
        row.origin = "local"
        row.received_at = (dt.datetime(2026, 1, 1) + dt.timedelta(hours=i)).isoformat()
        row.rules = evaluate(pack, facts_from_draft(to_draft(c), c.previous_contacts))
    return rows


def test_the_margin_advice_from_local_decisions_needs_their_rules_and_enough_strategy_discussions(tiny_pipeline):
    from classifiers.training import local_operating_point

    rows = _local_rows(60, 31)
    n_sd = sum(r.routing == "strategy_discussion" for r in rows)
    assert 0 < n_sd < 30
    few = local_operating_point(tiny_pipeline, rows, 0.6)
    assert few["recommended"] is None and f"{n_sd} confirmed strategy discussions" in few["reason"]
    rows[0].rules = None
    assert "not worked out" in local_operating_point(tiny_pipeline, rows, 0.6)["reason"]


def test_training_on_local_decisions_advises_a_margin_by_the_rule_and_never_applies_it(tiny_rows):
    from classifiers.card import render_markdown
    from classifiers.combine import DEFAULT_STRATEGY_RAISE_AT, MARGIN_GRID

    mix = {"strategy_discussion": 0.75, "child_and_family_assessment": 0.15}
    mix |= {"early_help": 0.05, "information_advice": 0.05}
    local = _local_rows(300, 32, mix)
    result = train(local, tiny_rows[:300], factory_kwargs={"char_max_features": 5000, "word_max_features": 5000})
    point = result.card["local_operating_point"]
    assert point["n"] == 60 and point["strategy_discussions"] >= 30
    table = {row["strategy_raise_at"]: row for row in point["rows"]}
    assert list(table) == list(MARGIN_GRID)
    recalls = [table[m]["sd_recall"] for m in MARGIN_GRID]
    assert recalls == sorted(recalls, reverse=True)  # a lower margin only ever adds strategy discussions
    # The rule as MARGIN_RULE words it, worked out here rather than by choose_margin.
    precise = [m for m in MARGIN_GRID if table[m]["sd_precision"] >= 0.5]
    both = [m for m in precise if table[m]["sd_recall"] >= 0.98]
    assert precise and point["recommended"] == (max(both) if both else min(precise))
    assert result.card["model"]["strategy_raise_at"] == DEFAULT_STRATEGY_RAISE_AT
    text = render_markdown({**result.card, "version": "t", "created_at": "now"})
    assert "Strategy margin on the newest local decisions" in text and f"picks {point['recommended']:.2f}" in text


def test_no_margin_advice_when_no_margin_keeps_strategy_discussions_precise(tiny_pipeline):
    # Falling back to the largest margin would advise cutting recall; the advice says why it has none.
    from classifiers.training import local_operating_point

    mix = {"strategy_discussion": 0.9, "child_and_family_assessment": 0.1}
    rows = _local_rows(120, 33, mix)
    sd = [r for r in rows if r.routing == "strategy_discussion"]
    for r in sd[30:]:
        r.routing = "child_and_family_assessment"  # the rules and the model still say strategy discussion
    point = local_operating_point(tiny_pipeline, rows, 0.6)
    assert point["strategy_discussions"] == 30 and point["recommended"] is None
    assert all(row["sd_precision"] < 0.5 for row in point["rows"])
    assert "no margin keeps strategy discussion precision at 0.50" in point["reason"]


def test_the_margin_advice_names_the_margin_in_use_and_how_to_change_it():
    from classifiers.card import local_margin_summary

    point = {"recommended": 0.35, "n": 60, "strategy_discussions": 50}
    text = local_margin_summary(point, 0.15)
    assert "picks 0.35" in text and "in use is 0.15" in text and "mashdesk model margin 0.35" in text
    assert "in use is off" in local_margin_summary(point, None)
    assert local_margin_summary(point, 0.35).endswith("picks 0.35: the margin in use.")
    assert local_margin_summary(None, 0.15) is None
