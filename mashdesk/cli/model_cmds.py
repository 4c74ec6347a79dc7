"""Classifier commands: train, evaluate, synthetic, and model list/show/accept/rollback/drift."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from mashdesk.cli.oversight_cmds import auth_options, signed_in
from mashdesk.progress import Cancelled


class _StepProgress:
    """Prints each training step on stderr (training reports a few coarse steps, not a bar)."""

    def report(self, done: int, total: int | None = None, message: str = "") -> None:
        if message:
            click.echo(f"[{done}/{total}] {message}", err=True)

    def cancelled(self) -> bool:
        return False


def _echo_json(value: Any) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2, default=str))


def _summary(card: dict[str, Any], current_margin: float | None) -> list[str]:
    from classifiers.card import local_margin_summary

    lines = []
    for name, m in card.get("evaluation", {}).items():
        sd = m["per_class"].get("strategy_discussion", {})
        lines.append(
            f"  {name}: n={m['n']} macro-F1={m['macro_f1']:.3f} accuracy={m['accuracy']:.3f} "
            f"ECE={m['ece']:.3f} strategy_discussion recall={sd.get('recall', 0):.3f}"
        )
    margin = local_margin_summary(card.get("local_operating_point"), current_margin)
    if margin:
        lines.append(f"  {margin}")
    return lines


def _change_setting(store: Any, username: str | None, what: str, key: str, parse: Callable[[], Any]) -> None:
    """An audited classifier-setting change by USERNAME; a value parse or the registry refuses
    is reported as a bad parameter."""
    from classifiers.registry import ModelRegistryError, change_setting_as

    if not username:
        raise click.UsageError(f"Changing the {what} needs --user (it is audited).")
    with signed_in(store, username, None) as actor:
        try:
            change_setting_as(store, actor, key, parse())
        except (ValueError, ModelRegistryError) as exc:
            raise click.BadParameter(str(exc)) from exc


def register(group: click.Group) -> None:
    @group.command("train")
    @click.option(
        "--synthetic",
        "n_synthetic",
        default=50000,
        show_default=True,
        help="Synthetic bootstrap contacts (weighted down as local decisions grow).",
    )
    @click.option(
        "--heldout",
        "n_heldout",
        default=5000,
        show_default=True,
        help="Synthetic held-out contacts (other templates) for the model card.",
    )
    @click.option("--seed", default=1, show_default=True)
    @click.option(
        "--include-synthetic-decisions",
        is_flag=True,
        help="Also learn from decisions on contacts marked synthetic (demo data).",
    )
    @click.option(
        "--rules-features",
        is_flag=True,
        help="Also learn from the default rules pack's output (more accurate on held-out data, "
        "but a less independent second opinion: see the model card).",
    )
    @click.option("--by", "created_by", default=None, help="Who is training (recorded).")
    @click.option(
        "--out",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Also write the model file (and NAME.json metadata) here.",
    )
    @click.pass_obj
    def train_cmd(
        obj: Any,
        n_synthetic: int,
        n_heldout: int,
        seed: int,
        include_synthetic_decisions: bool,
        rules_features: bool,
        created_by: str | None,
        out: Path | None,
    ) -> None:
        """Retrain the routing classifier from managers' confirmed decisions in the store plus
        the synthetic bootstrap. The new model is a candidate until someone who may activate
        models accepts it (mashdesk model accept VERSION)."""
        from classifiers.persistence import new_metadata, save_model
        from classifiers.registry import abstain_below, register_model, strategy_raise_at
        from classifiers.training import bootstrap_data, load_confirmed_decisions, train
        from mashdesk import settings
        from mashdesk.rules import default_pack, evaluate, facts_from_draft
        from mashdesk.rules.pack import InvalidPack, load_pack

        store = obj.store()
        progress = _StepProgress()
        rules_fn = None
        if rules_features:
            pack = default_pack()

            def rules_fn(draft: Any, previous: int) -> Any:
                return evaluate(pack, facts_from_draft(draft, previous))

        judge_fn = None
        try:
            store_pack = load_pack(str(settings.get(store, "rules_pack")))
        except InvalidPack as exc:
            click.echo(f"no strategy margin advice: the store's rules pack cannot be loaded ({exc})", err=True)
        else:

            def judge_fn(draft: Any, previous: int) -> Any:
                # The store's own pack, as its suggestions use: what the local margin advice combines with.
                return evaluate(store_pack, facts_from_draft(draft, previous))

        local = load_confirmed_decisions(
            store, include_synthetic=include_synthetic_decisions, rules_fn=rules_fn, judge_fn=judge_fn
        )
        click.echo(f"confirmed local decisions: {len(local)}", err=True)
        click.echo(f"generating {n_synthetic} synthetic + {n_heldout} held-out contacts", err=True)
        synthetic, heldout = bootstrap_data(n_synthetic, n_heldout, seed, rules_fn=rules_fn)
        try:
            result = train(
                local,
                synthetic,
                heldout=heldout,
                progress=progress,
                abstain_below=abstain_below(store),
            )
        except Cancelled as exc:
            raise click.ClickException(str(exc)) from exc
        info = register_model(store, result.pipeline, result.card, factory=result.factory, created_by=created_by)
        click.echo(
            f"model {info.version}: candidate, {info.size_bytes / 1e6:.1f} MB, trained in {result.seconds:.1f} s"
        )
        for line in _summary(info.card, strategy_raise_at(store)):
            click.echo(line)
        if out is not None:
            meta = new_metadata(info.version, info.created_at, result.factory)
            save_model(result.pipeline, out, meta)
            click.echo(f"written {out} and {out.name}.json")
        click.echo(f"to use it: mashdesk model accept {info.version} --actor NAME --role ROLE")

    @group.command("evaluate")
    @click.argument("data", type=click.Path(exists=True, dir_okay=False, path_type=Path))
    @click.option("--model", "version", default=None, help="Model version (default: active).")
    @click.option(
        "--model-file",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        default=None,
        help="A model file with its .json metadata beside it.",
    )
    @click.option(
        "--abstain-below",
        type=float,
        default=None,
        help="Confidence threshold for 'no clear suggestion' (default: setting).",
    )
    @click.option("--json", "as_json", is_flag=True, help="Print the metrics as JSON.")
    @click.pass_obj
    def evaluate_cmd(
        obj: Any,
        data: Path,
        version: str | None,
        model_file: Path | None,
        abstain_below: float | None,
        as_json: bool,
    ) -> None:
        """Print the metrics of a model on a labelled file: JSON lines with "id", "text" and
        "routing" (optional "channel", "source_code", "previous_contacts")."""
        from classifiers.evaluation import classification_metrics, format_metrics
        from classifiers.features import record_from_parts
        from classifiers.model import DEFAULT_ABSTAIN_BELOW, RoutingModel
        from classifiers.persistence import ModelLoadError, load_model
        from classifiers.registry import ModelRegistryError, load_routing_model
        from classifiers.registry import abstain_below as stored_threshold
        from classifiers.training import read_jsonl

        try:
            items = read_jsonl(data.read_text(encoding="utf-8").splitlines())
        except (ValueError, UnicodeDecodeError) as exc:
            raise click.ClickException(f"{data}: {exc}") from exc
        if not items:
            raise click.ClickException(f"{data} holds no labelled contacts")
        threshold = abstain_below
        try:
            if model_file is not None:
                pipeline, meta = load_model(model_file)
                model: RoutingModel | None = RoutingModel(pipeline, meta.version)
            else:
                store = obj.store()
                model = load_routing_model(store, version)
                if threshold is None:
                    threshold = stored_threshold(store)
        except (ModelLoadError, ModelRegistryError) as exc:
            raise click.ClickException(str(exc)) from exc
        if model is None:
            raise click.ClickException("No active model: train one (mashdesk train), accept it, or pass --model.")
        threshold = DEFAULT_ABSTAIN_BELOW if threshold is None else threshold
        records = [
            record_from_parts(
                subject="",
                body=str(it["text"]),
                channel=str(it.get("channel", "unknown")),
                source_code=str(it.get("source_code", "10")),
                previous_contacts=int(it.get("previous_contacts", 0)),
            )
            for it in items
        ]
        proba = model.predict_proba(records)
        groups: dict[str, Sequence[str]] = {}
        for key in ("source_code", "channel"):
            if any(key in it for it in items):
                groups[key] = [str(it.get(key, "unknown")) for it in items]
        metrics = classification_metrics(
            [it["routing"] for it in items],
            proba,
            model.classes,
            abstain_below=threshold,
            groups=groups or None,
        )
        if as_json:
            _echo_json(metrics)
        else:
            click.echo(format_metrics(metrics, f"model {model.version} on {data.name}"))

    @group.command("synthetic")
    @click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
    @click.option("-n", "n", default=1000, show_default=True)
    @click.option("--seed", default=1, show_default=True)
    @click.option(
        "--set",
        "template_set",
        # mashdesk.synthetic.TEMPLATE_SETS, spelt out so the CLI starts without importing the generator
        type=click.Choice(["train", "heldout", "fresh", "blind"]),
        default="heldout",
        show_default=True,
        help="Phrasing family: 'heldout', 'fresh' and 'blind' are worded apart from the training set; "
        "'fresh' and 'blind' were also written without sight of the rules pack ('blind' is for a final "
        "measurement nobody tunes on).",
    )
    def synthetic_cmd(out: Path, n: int, seed: int, template_set: str) -> None:
        """Write synthetic labelled contacts as JSON lines (the format `evaluate` reads), with the
        generator's ground truth beside them (level, triggers, negated triggers, concern keys), so
        `benchmarks/eval_rules.py --data` reads the same file."""
        from mashdesk.synthetic import generate_contacts

        with out.open("w", encoding="utf-8") as fh:
            for c in generate_contacts(n, seed, template_set):
                d = c.to_dict()
                fh.write(
                    json.dumps(
                        {
                            "id": d["id"],
                            "text": f"{c.subject}\n{c.text}",
                            "routing": c.routing,
                            "channel": c.channel,
                            "source_code": c.source_code,
                            "previous_contacts": c.previous_contacts,
                            "triggers": c.triggers,
                            "negated": c.negated_triggers,  # the key tests/data/rules_eval files use
                            "level": c.level,
                            "concerns": c.concerns,
                            "child_ages": [ch.age_on(c.received_at.date()) for ch in c.children],
                            "unborn": any(ch.unborn for ch in c.children),
                            "voice": c.voice,
                            "style": c.style,
                            "template_set": c.template_set,
                            "received_at": d["received_at"],
                            "synthetic": True,
                        }
                    )
                    + "\n"
                )
        click.echo(f"wrote {n} synthetic contacts ({template_set} templates) to {out}")

    @group.group("model")
    def model_group() -> None:
        """Routing classifier versions: list, show, accept, roll back, drift, threshold."""

    @model_group.command("list")
    @click.option("--json", "as_json", is_flag=True)
    @click.pass_obj
    def list_cmd(obj: Any, as_json: bool) -> None:
        """Every model in the store, newest first."""
        from classifiers.registry import list_models

        models = list_models(obj.store())
        if as_json:
            _echo_json([{k: v for k, v in m.__dict__.items() if k not in ("card", "metadata")} for m in models])
            return
        if not models:
            click.echo("no models yet: mashdesk train")
        for m in models:
            ev = m.card.get("evaluation", {}).get("synthetic_heldout")
            f1 = f" held-out macro-F1 {ev['macro_f1']:.3f}" if ev else ""
            who = f" accepted by {m.accepted_by} {m.accepted_at}" if m.accepted_by else ""
            click.echo(f"{m.version:6s} {m.status:9s} {m.created_at} {m.size_bytes / 1e6:5.1f} MB{f1}{who}")

    @model_group.command("show")
    @click.argument("version", required=False)
    @click.option(
        "--markdown",
        "out",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Write the model card as Markdown to this file.",
    )
    @click.option("--json", "as_json", is_flag=True)
    @click.pass_obj
    def show_cmd(obj: Any, version: str | None, out: Path | None, as_json: bool) -> None:
        """Show a model's card (default: the active model)."""
        from classifiers.card import render_markdown
        from classifiers.registry import ModelRegistryError, active_info, get_model_info

        store = obj.store()
        try:
            info = get_model_info(store, version) if version else active_info(store)
        except ModelRegistryError as exc:
            raise click.ClickException(str(exc)) from exc
        if info is None:
            raise click.ClickException("No active model; name a version.")
        if as_json:
            _echo_json(info.card)
            return
        text = render_markdown(info.card)
        if out is not None:
            out.write_text(text, encoding="utf-8")
            click.echo(f"wrote {out}")
        else:
            click.echo(text)

    @model_group.command("accept")
    @click.argument("version")
    @auth_options
    @click.pass_obj
    def accept_cmd(obj: Any, version: str, username: str, desk: str | None) -> None:
        """Make VERSION the active model (the previous one is kept for rollback).

        Needs a role allowed to activate models; the acceptance is written to the audit trail.
        """
        from classifiers.persistence import ModelLoadError
        from classifiers.registry import ModelRegistryError, accept_as

        store = obj.store()
        with signed_in(store, username, desk) as actor:
            try:
                info = accept_as(store, actor, version)
            except (ModelRegistryError, ModelLoadError) as exc:
                raise click.ClickException(str(exc)) from exc
        prev = f" (replaces {info.previous_active})" if info.previous_active else ""
        click.echo(f"model {info.version} is now active{prev}, accepted by {actor.username}")

    @model_group.command("rollback")
    @auth_options
    @click.pass_obj
    def rollback_cmd(obj: Any, username: str, desk: str | None) -> None:
        """Retire the active model and reactivate the one it replaced (audited)."""
        from classifiers.persistence import ModelLoadError
        from classifiers.registry import ModelRegistryError, rollback_as

        store = obj.store()
        with signed_in(store, username, desk) as actor:
            try:
                info = rollback_as(store, actor)
            except (ModelRegistryError, ModelLoadError) as exc:
                raise click.ClickException(str(exc)) from exc
        click.echo(f"rolled back: model {info.version} is active again")

    @model_group.command("drift")
    @click.option("--weeks", default=4, show_default=True)
    @click.option("--json", "as_json", is_flag=True)
    @click.pass_obj
    def drift_cmd(obj: Any, weeks: int, as_json: bool) -> None:
        """Compare the mix of recent suggestions with the active model card's."""
        from classifiers.drift import drift_report
        from classifiers.registry import active_info

        store = obj.store()
        info = active_info(store)
        if info is None:
            raise click.ClickException("No active model.")
        report = drift_report(store, info.card.get("suggestion_mix"), weeks=weeks)
        if as_json:
            _echo_json(report.__dict__)
            return
        click.echo(f"{report.count} suggestions {report.since[:10]} to {report.until[:10]}")
        for code in report.observed:
            click.echo(f"  {code:30s} now {report.observed[code]:6.1%}   card {report.expected.get(code, 0.0):6.1%}")
        if report.psi is not None:
            click.echo(f"PSI {report.psi:.3f}, total variation {report.total_variation:.3f}")
        if report.warning:
            click.echo(f"WARNING: {report.warning}", err=True)
            sys.exit(2)

    @model_group.command("margin")
    @click.argument("value", required=False)
    @click.option(
        "--user",
        "username",
        envvar="MASHDESK_USER",
        default=None,
        help="Needed to change the margin (a role allowed to activate models).",
    )
    @click.pass_obj
    def margin_cmd(obj: Any, value: str | None, username: str | None) -> None:
        """Show or set the strategy-discussion safety margin: the classifier probability for
        strategy_discussion at which the combined suggestion is raised to it ("off" disables)."""
        from classifiers.registry import strategy_raise_at

        store = obj.store()
        if value is not None:
            _change_setting(
                store, username, "margin", "strategy_raise_at", lambda: None if value == "off" else float(value)
            )
        current = strategy_raise_at(store)
        click.echo("strategy margin off" if current is None else f"raise to strategy_discussion at {current:.2f}")

    @model_group.command("threshold")
    @click.argument("value", type=float, required=False)
    @click.option(
        "--user",
        "username",
        envvar="MASHDESK_USER",
        default=None,
        help="Needed to change the threshold (a role allowed to activate models).",
    )
    @click.pass_obj
    def threshold_cmd(obj: Any, value: float | None, username: str | None) -> None:
        """Show or set the confidence below which suggestions read 'no clear suggestion'."""
        from classifiers.registry import abstain_below

        store = obj.store()
        if value is not None:
            _change_setting(store, username, "threshold", "abstain_below", lambda: value)
        click.echo(f"abstain below {abstain_below(store):.2f}")
