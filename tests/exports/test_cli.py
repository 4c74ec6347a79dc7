"""The export and report commands: sign-in, permission (exit 4), files written, audit events."""

from __future__ import annotations

import json

from click.testing import CliRunner

from mashdesk.cli import cli
from tests._stores import PASSWORD


def _run(store, *args: str):  # type: ignore[no-untyped-def]
    runner = CliRunner()
    return runner.invoke(cli, ["--db", str(store.path), *args], env={"MASHDESK_PASSWORD": PASSWORD})


def test_export_commands(store, scenario, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "log.csv"
    r = _run(store, "export", "decisions", "--format", "csv", "--out", str(out), "--routing",
             "strategy_discussion", "--from", "01/01/2026", "--user", "quality")  # fmt: skip
    assert r.exit_code == 0, r.output
    assert "Wrote 4 rows" in r.output and out.exists()
    r = _run(store, "export", "decisions", "--format", "pdf", "--out", str(tmp_path / "l.pdf"),
             "--team", "desk-2", "--pseudonymise", "--user", "manager")  # fmt: skip
    assert r.exit_code == 0, r.output
    assert (tmp_path / "l.pdf").read_bytes().startswith(b"%PDF")
    r = _run(store, "export", "annex-a", "--out", str(tmp_path / "a.xlsx"), "--from",
             "2026-01-01", "--to", "2026-06-30", "--user", "quality")  # fmt: skip
    assert r.exit_code == 0, r.output
    assert "List 1 7 rows (6 contacts), List 3 4 rows (3 referrals)" in r.output
    r = _run(store, "report", "scrutiny", "--from", "2026-01-01", "--to", "2026-06-30",
             "--out", str(tmp_path / "s.pdf"), "--user", "quality")  # fmt: skip
    assert r.exit_code == 0, r.output
    rows = store.conn.execute(
        "SELECT actor, action, details FROM audit_events WHERE action LIKE 'export.%' ORDER BY seq"
    ).fetchall()
    assert [(a, b) for a, b, _d in rows] == [
        ("quality", "export.decisions"),
        ("manager", "export.decisions"),
        ("quality", "export.annex_a"),
        ("quality", "export.scrutiny_report"),
    ]
    assert json.loads(rows[1][2])["pseudonymised"] is True
    assert json.loads(rows[1][2])["filters"] == {"desk": "desk-2"}


def test_social_worker_refused_with_exit_4(store, scenario, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "a.xlsx"
    r = _run(store, "export", "annex-a", "--out", str(out), "--user", "worker")
    assert r.exit_code == 4 and "not allowed to export" in r.output
    assert not out.exists()
    r = _run(store, "report", "scrutiny", "--from", "2026-01-01", "--to", "2026-06-30",
             "--out", str(tmp_path / "s.pdf"), "--user", "worker")  # fmt: skip
    assert r.exit_code == 4


def test_every_export_command_and_option_is_documented() -> None:
    import click

    from mashdesk.cli.export_cmds import export_group, report_group

    for group in (export_group, report_group):
        assert group.help
        for name, command in group.commands.items():
            assert command.help, name
            for param in command.params:
                if isinstance(param, click.Option):
                    assert param.help, f"{name} {param.opts}"
