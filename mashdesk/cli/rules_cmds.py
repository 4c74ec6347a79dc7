"""Threshold rules commands: rules validate/test/diff, suggest, resuggest."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import click

from mashdesk.cli.progress import CliProgress

PACK_HELP = "A pack file, or a built-in pack name (default, early_help_l3)."


def _load(ref: str) -> Any:
    from mashdesk.rules.pack import InvalidPack, load_pack

    try:
        return load_pack(ref)
    except InvalidPack as exc:
        for err in exc.errors:
            click.echo(str(err), err=True)
        raise click.ClickException(f"{ref}: invalid pack ({len(exc.errors)} errors)") from exc


def _summary_line(source: str, s: Any) -> str:
    parts = [f"{source}: {s.routing} (level {s.level})"]
    if s.triggers:
        parts.append("triggers " + ", ".join(s.triggers))
    if s.negated_triggers:
        negated = (f"{n['code']} ({n['status']}: {n['cue']['text']!r})" for n in s.negated_triggers)
        parts.append("considered and negated " + ", ".join(negated))
    if s.immediate_protection:
        parts.append("IMMEDIATE PROTECTION")
    return "; ".join(parts)


def register(group: click.Group) -> None:
    @group.group()
    def rules() -> None:
        """Threshold rules packs: validate, test, and compare on stored contacts."""

    @rules.command("validate")
    @click.argument("pack")
    def validate(pack: str) -> None:
        """Check a pack; list every error as FILE:LINE: message. Exit 1 when invalid."""
        from mashdesk.rules.pack import load_pack, validate_pack

        errors = validate_pack(pack)
        if errors:
            for err in errors:
                click.echo(str(err))
            raise SystemExit(1)
        p = load_pack(pack)
        click.echo(
            f"{p.path}: valid pack {p.name} {p.version} - {len(p.levels)} levels, "
            f"{len(p.domains)} domains, {len(p.indicators)} indicators, {len(p.triggers)} triggers"
        )

    @rules.command("test")
    @click.argument("pack")
    def test(pack: str) -> None:
        """Run a pack's own examples and near-misses. Exit 1 on any failure."""
        from mashdesk.rules.selftest import run_pack_tests

        p = _load(pack)
        report = run_pack_tests(p)
        for failure in report.failures:
            click.echo(str(failure))
        click.echo(f"{p.name} {p.version}: {report.checked} checks, {len(report.failures)} failed")
        if report.failures:
            raise SystemExit(1)

    @rules.command("diff")
    @click.argument("old")
    @click.argument("new")
    @click.option(
        "--since",
        type=click.DateTime(formats=["%Y-%m-%d"]),
        default=None,
        help="Only contacts received on or after this date (YYYY-MM-DD).",
    )
    @click.option("--examples", default=3, show_default=True, help="Example contacts per move.")
    @click.option("--json", "as_json", is_flag=True)
    @click.pass_obj
    def diff(obj: Any, old: str, new: str, since: dt.datetime | None, examples: int, as_json: bool) -> None:
        """Replay stored contacts through OLD and NEW packs: how suggested routing would move."""
        from mashdesk.domain import ROUTING_CODES
        from mashdesk.triage.diff import diff_packs

        old_p, new_p = _load(old), _load(new)
        progress = CliProgress("Replaying")
        try:
            result = diff_packs(obj.store(), old_p, new_p, since.date() if since else None, examples, progress)
        finally:
            progress.close()
        if as_json:
            click.echo(json.dumps(result.to_dict()))
            return
        click.echo(
            f"old {old_p.name} {old_p.version} ({old_p.sha256[:12]})  "
            f"new {new_p.name} {new_p.version} ({new_p.sha256[:12]})"
        )
        click.echo(f"{result.contacts} contacts replayed, {result.changed} would move")
        short = {
            "information_advice": "IA",
            "early_help": "EH",
            "child_and_family_assessment": "CFA",
            "strategy_discussion": "SD",
        }
        click.echo("\nfrom \\ to".ljust(32) + "".join(short[c].rjust(7) for c in ROUTING_CODES))
        for a in ROUTING_CODES:
            click.echo(a.ljust(31) + "".join(str(result.moves[(a, b)]).rjust(7) for b in ROUTING_CODES))
        moved = [(k, v) for k, v in result.moves.items() if k[0] != k[1]]
        if moved:
            click.echo("\nmoves (example contact ids):")
            for (a, b), n in sorted(moved, key=lambda kv: -kv[1]):
                ids = ", ".join(str(i) for i in result.move_examples.get((a, b), []))
                click.echo(f"  {a} -> {b}: {n}  e.g. {ids}")
        for label, counter, sign in (
            ("gained", result.triggers_gained, "+"),
            ("lost", result.triggers_lost, "-"),
        ):
            if counter:
                click.echo(f"\ntriggers {label}:")
                for code, n in sorted(counter.items()):
                    ids = ", ".join(str(i) for i in result.trigger_examples.get(sign + code, []))
                    click.echo(f"  {code}: {n}  e.g. {ids}")

    @group.command()
    @click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
    @click.option("--json", "as_json", is_flag=True, help="One JSON object per line per contact.")
    @click.option("--pack", "pack_ref", default="default", show_default=True, help=PACK_HELP)
    @click.pass_obj
    def suggest(obj: Any, paths: tuple[Path, ...], as_json: bool, pack_ref: str) -> None:
        """Suggest a routing for each contact in the given files, storing nothing. With an
        existing --db store that has an accepted model, the classifier fills in `classifier`
        and the combined routing."""
        from mashdesk import intake, triage

        pack = _load(pack_ref)
        model, settings = None, {}
        if obj.db_path.exists():
            store = obj.store()
            model = triage.active_model(store)
            settings = triage.classifier_settings(store) if model is not None else {}
        for path in paths:
            for item in intake.parse_path(path):
                if item.draft is None:
                    click.echo(f"{item.source}: quarantined ({item.quarantine_reason})", err=True)
                    continue
                s = triage.suggest(
                    item.draft,
                    previous_contacts=0,
                    pack=pack,
                    model=model,
                    abstain_below=settings.get("abstain_below"),
                    strategy_raise_at=settings.get("strategy_raise_at"),
                )
                if as_json:
                    record = {"source": item.source} | s.to_dict()
                    click.echo(json.dumps(record, ensure_ascii=False))
                else:
                    click.echo(_summary_line(item.source, s))
        sys.stdout.flush()

    @group.command()
    @click.option("--pack", "pack_ref", default=None, help=PACK_HELP + " Default: the store's rules_pack setting.")
    @click.pass_obj
    def resuggest(obj: Any, pack_ref: str | None) -> None:
        """Recompute the stored suggestion of every contact (after a pack change)."""
        from mashdesk import settings
        from mashdesk.triage import resuggest as run

        pack = _load(pack_ref or str(settings.get(obj.store(), "rules_pack")))
        progress = CliProgress("Resuggesting")
        try:
            n = run(obj.store(), pack, progress)
        finally:
            progress.close()
        click.echo(f"{n} suggestions recomputed with {pack.name} {pack.version} ({pack.sha256[:12]})")
