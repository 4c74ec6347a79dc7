"""Each built-in pack passes its own examples and near-misses; a wrong example is caught."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from mashdesk.cli import cli
from mashdesk.rules.pack import builtin_pack_path, load_pack
from mashdesk.rules.selftest import run_pack_tests


@pytest.mark.parametrize("name", ["default", "early_help_l3"])
def test_builtin_pack_examples(name: str) -> None:
    pack = load_pack(name)
    report = run_pack_tests(pack)
    expected = sum(len(i.examples) + len(i.near_misses) for i in pack.indicators) + sum(
        len(t.examples) + len(t.near_misses) for t in pack.triggers.values()
    )
    assert report.checked == expected
    assert report.failures == [], "\n".join(str(f) for f in report.failures)


def test_self_test_catches_a_wrong_near_miss(tmp_path: Path) -> None:
    text = builtin_pack_path("early_help_l3").read_text("utf-8")
    text = text.replace('near_misses: ["Dad is coping well."]', 'near_misses: ["Dad cannot cope."]')
    p = tmp_path / "pack.yaml"
    p.write_text(text, "utf-8")
    report = run_pack_tests(load_pack(p))
    assert [(f.rule, f.kind) for f in report.failures] == [("D.cannot_cope", "near_miss")]
    line = next(n for n, s in enumerate(text.splitlines(), 1) if "Dad cannot cope." in s)
    assert report.failures[0].line == line
    res = CliRunner().invoke(cli, ["rules", "test", str(p)])
    assert res.exit_code == 1
    assert "D.cannot_cope fired on near-miss" in res.output


def test_cli_rules_test_passes_for_default() -> None:
    res = CliRunner().invoke(cli, ["rules", "test", "default"])
    assert res.exit_code == 0, res.output
    assert "0 failed" in res.output
