import datetime as dt

from classifiers.drift import drift_report, population_stability_index

NOW = dt.datetime(2026, 11, 23, 12, tzinfo=dt.UTC)
EXPECTED = {
    "information_advice": 0.4,
    "early_help": 0.3,
    "child_and_family_assessment": 0.2,
    "strategy_discussion": 0.1,
}


def _suggestions(store, routings, days_ago=3):
    with store.write() as db:
        db.execute("INSERT OR IGNORE INTO raw_blobs VALUES ('s', 1, x'00', 'now')")
        db.execute(
            "INSERT OR IGNORE INTO contacts (id, raw_sha256, channel, received_at,"
            " received_at_basis, decision_due, ingested_at) VALUES (1, 's', 'email', 'x', 'h',"
            " 'x', 'now')"
        )
        at = (NOW - dt.timedelta(days=days_ago)).isoformat()
        for r in routings:
            db.execute(
                "INSERT INTO suggestions (contact_id, created_at, pack_name, pack_version,"
                " pack_sha256, routing, result_json) VALUES (1, ?, 'p', '1', 'x', ?, '{}')",
                (at, r),
            )


def test_psi_is_zero_for_the_same_mix():
    assert population_stability_index(EXPECTED, EXPECTED) == 0.0


def test_a_matching_mix_does_not_warn(store):
    _suggestions(
        store,
        ["information_advice"] * 40
        + ["early_help"] * 30
        + ["child_and_family_assessment"] * 20
        + ["strategy_discussion"] * 10,
    )
    r = drift_report(store, EXPECTED, now=NOW)
    assert r.count == 100 and r.warning is None and r.psi < 0.01
    assert sum(w["count"] for w in r.weekly) == 100


def test_a_shifted_mix_warns(store):
    _suggestions(store, ["strategy_discussion"] * 60 + ["information_advice"] * 40)
    r = drift_report(store, EXPECTED, now=NOW)
    assert r.warning and "strategy_discussion" in r.warning and r.psi > 0.2


def test_old_or_few_suggestions_do_not_warn(store):
    _suggestions(store, ["strategy_discussion"] * 100, days_ago=60)
    assert drift_report(store, EXPECTED, now=NOW).count == 0
    _suggestions(store, ["strategy_discussion"] * 10)
    r = drift_report(store, EXPECTED, now=NOW)
    assert r.count == 10 and r.warning is None
