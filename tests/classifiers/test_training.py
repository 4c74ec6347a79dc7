import datetime as dt

import pytest

from classifiers.training import (
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


def _add_contact(db, cid, body, received, synthetic=0):
    db.execute("INSERT OR IGNORE INTO raw_blobs VALUES (?, 1, x'00', 'now')", (f"sha{cid}",))
    db.execute(
        "INSERT INTO contacts (id, raw_sha256, channel, received_at, received_at_basis,"
        " source_code, subject, body_text, decision_due, ingested_at, synthetic)"
        " VALUES (?, ?, 'email', ?, 'header', '2A', 'Referral', ?, ?, 'now', ?)",
        (cid, f"sha{cid}", received, body, received, synthetic),
    )
    db.execute(
        "INSERT INTO children (contact_id, name, dob, confidence, source_field)"
        " VALUES (?, 'A Child', '2016-01-01', 1.0, 'body')",
        (cid,),
    )


def test_confirmed_decisions_use_the_latest_oversight_record(store):
    with store.write() as db:
        # the shape of the oversight branch's table, reduced to the columns training reads
        db.execute(
            "CREATE TABLE oversight_records (id INTEGER PRIMARY KEY, contact_id INTEGER,"
            " replaces_id INTEGER, routing TEXT)"
        )
        _add_contact(db, 1, "Child hit by dad", "2026-01-05T10:00:00+00:00")
        _add_contact(db, 2, "Asking about childcare", "2026-01-06T10:00:00+00:00")
        _add_contact(db, 3, "Synthetic demo", "2026-01-07T10:00:00+00:00", synthetic=1)
        db.execute("INSERT INTO oversight_records VALUES (1, 1, NULL, 'early_help')")
        db.execute("INSERT INTO oversight_records VALUES (2, 1, 1, 'strategy_discussion')")
        db.execute("INSERT INTO oversight_records VALUES (3, 2, NULL, 'information_advice')")
        db.execute("INSERT INTO oversight_records VALUES (4, 3, NULL, 'early_help')")
    rows = load_confirmed_decisions(store)
    assert [(r.id, r.routing) for r in rows] == [
        ("contact-1", "strategy_discussion"),
        ("contact-2", "information_advice"),
    ]
    assert rows[0].record["text"] == "Referral\nChild hit by dad"
    assert rows[0].record["structured"]["age_band=5_10"] == 1.0
    assert len(load_confirmed_decisions(store, include_synthetic=True)) == 3


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
