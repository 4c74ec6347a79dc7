import json

import pytest
from click.testing import CliRunner

from classifiers.combine import DEFAULT_STRATEGY_RAISE_AT
from mashdesk.cli import cli

PW = "correct horse battery"


pytestmark = pytest.mark.usefixtures("cheap_hashing")


def run(db, *args):
    env = {"MASHDESK_PASSWORD": PW, "MASHDESK_NEW_PASSWORD": PW, "MASHDESK_USER": "", "MASHDESK_DESK": ""}
    return CliRunner().invoke(cli, ["--db", str(db), *args], env=env, catch_exceptions=False)


def _users(db):
    assert run(db, "user", "add", "admin", "--role", "administrator", "--name", "A (test)").exit_code == 0
    for name, role in (("sam", "social_worker"), ("quinn", "quality_lead")):
        r = run(db, "user", "add", name, "--role", role, "--name", f"{name} (test)", "--user", "admin")
        assert r.exit_code == 0, r.output


def test_train_accept_evaluate_rollback(tmp_path):
    db = tmp_path / "s.db"
    data = tmp_path / "held.jsonl"
    r = run(db, "synthetic", str(data), "-n", "60", "--seed", "4")
    assert r.exit_code == 0
    first = json.loads(data.read_text().splitlines()[0])
    assert {"id", "text", "routing"} <= set(first)
    r = run(db, "evaluate", str(data))
    assert r.exit_code != 0 and "No active model" in r.output
    for _ in range(2):
        r = run(db, "train", "--synthetic", "300", "--heldout", "60")
        assert r.exit_code == 0, r.output
    assert "model v2: candidate" in r.output
    _users(db)
    r = run(db, "model", "accept", "v1", "--user", "sam")
    assert r.exit_code == 4 and "not allowed to activate models" in r.output
    assert run(db, "model", "accept", "v1", "--user", "quinn").exit_code == 0
    r = run(db, "evaluate", str(data))
    assert r.exit_code == 0 and "macro-F1" in r.output and "strategy_discussion" in r.output
    r = run(db, "evaluate", str(data), "--json")
    assert json.loads(r.output)["n"] == 60
    assert run(db, "model", "accept", "v2", "--user", "quinn").exit_code == 0
    r = run(db, "model", "list")
    assert "v2     active" in r.output and "v1     retired" in r.output
    r = run(db, "model", "rollback", "--user", "quinn")
    assert r.exit_code == 0 and "v1 is active again" in r.output
    card = tmp_path / "card.md"
    assert run(db, "model", "show", "--markdown", str(card)).exit_code == 0
    text = card.read_text()
    assert "# Model card: routing classifier v1" in text and "Known weaknesses" in text
    assert run(db, "model", "drift").exit_code == 0
    assert run(db, "model", "threshold", "0.5").exit_code != 0  # changing it needs a signed-in user
    r = run(db, "model", "threshold", "0.5", "--user", "quinn")
    assert "0.50" in r.output
    assert f"{DEFAULT_STRATEGY_RAISE_AT:.2f}" in run(db, "model", "margin").output
    assert "off" in run(db, "model", "margin", "off", "--user", "quinn").output
    assert run(db, "model", "margin", "7", "--user", "quinn").exit_code != 0
    assert run(db, "model", "margin", "0.4", "--user", "sam").exit_code != 0
    events = run(db, "audit", "list", "--user", "admin", "--json").output
    actions = [e["action"] for e in json.loads(events)] if events.strip().startswith("[") else events
    for action in ("model.accept", "model.rollback", "model.setting"):
        assert action in str(actions)


def test_train_says_what_margin_local_decisions_point_to(tmp_path):
    from mashdesk import settings
    from mashdesk.demo import seed_demo
    from mashdesk.store import open_store

    db = tmp_path / "demo.db"
    store = open_store(db)
    seed_demo(store, n=160)
    store.close()
    r = run(db, "train", "--synthetic", "300", "--heldout", "60", "--include-synthetic-decisions")
    assert r.exit_code == 0, r.output
    # Judged by the store's pack: the advice says why there is none (too few), not "not worked out".
    assert "No strategy margin advice from local decisions:" in r.output
    assert "confirmed strategy discussions among the" in r.output and "at least 30 are needed" in r.output
    assert f"{DEFAULT_STRATEGY_RAISE_AT:.2f}" in run(db, "model", "margin").output  # advice never applies itself
    store = open_store(db)
    settings.put(store, "rules_pack", str(tmp_path / "moved.yaml"))  # a pack file moved after it was chosen
    store.close()
    r = run(db, "train", "--synthetic", "300", "--heldout", "60", "--include-synthetic-decisions")
    assert r.exit_code == 0 and "the store's rules pack cannot be loaded" in r.output
    assert "were not worked out" in r.output
