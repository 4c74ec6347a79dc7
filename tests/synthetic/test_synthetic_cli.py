import json

import pytest
from click.testing import CliRunner

from mashdesk.cli import cli
from mashdesk.synthetic import TEMPLATE_SETS


def test_synthetic_command_offers_every_template_set():
    command = cli.commands["synthetic"]
    option = next(p for p in command.params if p.name == "template_set")
    assert tuple(option.type.choices) == TEMPLATE_SETS


@pytest.mark.parametrize("template_set", ["fresh", "blind"])
def test_synthetic_command_writes_labelled_contacts_of_a_set(tmp_path, template_set):
    out = tmp_path / f"{template_set}.jsonl"
    args = ["--db", str(tmp_path / "s.db"), "synthetic", str(out), "-n", "40", "--set", template_set]
    r = CliRunner().invoke(cli, args)
    assert r.exit_code == 0, r.output
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert len(rows) == 40
    assert {r["template_set"] for r in rows} == {template_set}
    assert all(r["id"].startswith(f"syn-{template_set}-1-") for r in rows)
    for row in rows:
        assert {"id", "text", "routing", "triggers", "negated", "level", "concerns", "child_ages", "unborn"} <= set(row)
        assert row["synthetic"] is True
        if row["triggers"]:
            assert row["routing"] == "strategy_discussion"
