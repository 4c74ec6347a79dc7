import json

from click.testing import CliRunner

from mashdesk.cli import cli


def run(db, *args):
    result = CliRunner().invoke(cli, ["--db", str(db), *args], catch_exceptions=False)
    return result


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
    r = run(db, "model", "accept", "v1", "--actor", "sam", "--role", "social_worker")
    assert r.exit_code != 0 and "may not" in r.output
    assert run(db, "model", "accept", "v1", "--actor", "q", "--role", "quality_lead").exit_code == 0
    r = run(db, "evaluate", str(data))
    assert r.exit_code == 0 and "macro-F1" in r.output and "strategy_discussion" in r.output
    r = run(db, "evaluate", str(data), "--json")
    assert json.loads(r.output)["n"] == 60
    assert run(db, "model", "accept", "v2", "--actor", "q", "--role", "quality_lead").exit_code == 0
    r = run(db, "model", "list")
    assert "v2     active" in r.output and "v1     retired" in r.output
    r = run(db, "model", "rollback", "--actor", "q", "--role", "quality_lead")
    assert r.exit_code == 0 and "v1 is active again" in r.output
    card = tmp_path / "card.md"
    assert run(db, "model", "show", "--markdown", str(card)).exit_code == 0
    text = card.read_text()
    assert "# Model card: routing classifier v1" in text and "Known weaknesses" in text
    assert run(db, "model", "drift").exit_code == 0
    r = run(db, "model", "threshold", "0.5")
    assert "0.50" in r.output
    assert "0.30" in run(db, "model", "margin").output
    assert "off" in run(db, "model", "margin", "off").output
    assert run(db, "model", "margin", "7").exit_code != 0
