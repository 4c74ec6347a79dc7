import json

from click.testing import CliRunner

from mashdesk.cli import cli
from mashdesk.synthetic import TEMPLATE_SETS


def test_synthetic_command_offers_every_template_set():
    command = cli.commands["synthetic"]
    option = next(p for p in command.params if p.name == "template_set")
    assert tuple(option.type.choices) == TEMPLATE_SETS


def test_synthetic_command_writes_labelled_fresh_contacts(tmp_path):
    out = tmp_path / "fresh.jsonl"
    r = CliRunner().invoke(cli, ["--db", str(tmp_path / "s.db"), "synthetic", str(out), "-n", "40", "--set", "fresh"])
    assert r.exit_code == 0, r.output
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert len(rows) == 40
    assert {r["template_set"] for r in rows} == {"fresh"}
    assert all(r["id"].startswith("syn-fresh-1-") for r in rows)
    for row in rows:
        assert {"id", "text", "routing", "triggers", "negated", "level", "concerns", "child_ages", "unborn"} <= set(row)
        assert row["synthetic"] is True
        if row["triggers"]:
            assert row["routing"] == "strategy_discussion"


def test_synthetic_command_writes_labelled_blind_contacts(tmp_path):
    out = tmp_path / "blind.jsonl"
    r = CliRunner().invoke(cli, ["--db", str(tmp_path / "s.db"), "synthetic", str(out), "-n", "30", "--set", "blind"])
    assert r.exit_code == 0, r.output
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert len(rows) == 30
    assert {r["template_set"] for r in rows} == {"blind"}
    assert all(r["id"].startswith("syn-blind-1-") for r in rows)
