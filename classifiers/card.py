"""The model card: what data a model saw, how it performs per class and group, what it misses."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from classifiers.combine import DEFAULT_STRATEGY_RAISE_AT, MARGIN_RULE
from classifiers.persistence import current_versions
from mashdesk.domain import REFERRAL_SOURCES, ROUTING_CODES

if TYPE_CHECKING:
    from sklearn.pipeline import Pipeline

    from classifiers.training import TrainingRow

SYNTHETIC_DESCRIPTION = (
    "Synthetic bootstrap: contacts from mashdesk.synthetic (generate_contacts, template set "
    "'train'). Each contact has a referrer voice (13 voices: school DSL, police notification, GP, "
    "health visitor, midwife, A&E liaison, housing, probation, youth justice, neighbour, parent, "
    "relative, anonymous caller), a channel (email or phone call notes), a format (referral "
    "form, letter, quick note, police notification, call notes, sometimes forwarded), one to "
    "two concern sentences whose threshold level sets the routing label (domain.md section 2), "
    "sometimes a negated trigger ('no marks seen') and background sentences that do not change "
    "the label, then abbreviations and typos. {phrasings} in many referrer voices; greetings, "
    "sign-offs, subjects and layouts are chosen independently of the label. Names, emails, "
    "postcodes and numbers are removed before the model reads the text. Evaluation uses "
    "template set 'heldout': other document formats, other concern sentences and other names, "
    "written separately, so the figure measures generalisation to unseen wording. Both sets were "
    "written by the same author, so they share a domain vocabulary; real referrals are messier "
    "than either. All people, places and numbers are fictional."
)


def synthetic_description() -> str:
    """SYNTHETIC_DESCRIPTION with the training phrasings counted as they are when the card is
    made, so the card cannot go stale when a writer's family is added."""
    from mashdesk.synthetic.concerns import CONCERNS, TRAIN_FAMILIES

    counts = [len(c.train) for c in CONCERNS]
    level4 = [len(c.train) for c in CONCERNS if c.level == 4]
    phrasings = (
        f"{min(counts)} to {max(counts)} training phrasings per concern ({sum(counts) / len(counts):.0f} on "
        f"average, {sum(level4) / len(level4):.0f} for level 4) from {1 + len(TRAIN_FAMILIES)} writers, the "
        "fourth to sixth checked to add no word 4-gram shared with the 'heldout', 'fresh' or 'blind' sets "
        "beyond those the earlier writers share (tests/synthetic/test_generator.py),"
    )
    return SYNTHETIC_DESCRIPTION.format(phrasings=phrasings)


STANDING_WEAKNESSES = (
    "Trained mostly on synthetic contacts until local decisions accumulate: its figures on "
    "synthetic held-out data are an upper bound for real contacts, not a measure of them.",
    "Reads words, not meaning: a concern phrased in words it has never seen gets little weight, "
    "and suggestions fall back on structured facts (referral source, age) or abstain.",
    "Names are recognised as capitalised words inside a sentence; a name opening a sentence, "
    "or in text typed all in lower case, is read as an ordinary word.",
    "Negation is handled by marking up to six words after 'no', 'not', 'denies' and similar; "
    "longer or indirect negations ('it was later found that the bruise was from football') "
    "can still count as the concern.",
    "Mandatory triggers are the rules' job: the classifier may miss a trigger phrased "
    "unusually, which is why the combined suggestion never drops below what a non-negated "
    "trigger requires.",
    "Level 3 versus level 2 and level 2 versus level 1 are judgements that vary by council; "
    "expect most disagreements there.",
    "Wording it has not seen costs it dearly: on a second synthetic set written independently of "
    "both the training and the held-out templates ('fresh'), macro-F1 and calibration are much "
    "worse than on the held-out set, and strategy discussion is suggested too often for level 1-2 "
    "contacts. Measure it on your own contacts (`mashdesk evaluate`) before relying on it.",
    "Emotional abuse and forced marriage described without their usual words are the strategy "
    "discussions missed most often by rules and classifier together.",
)


def _date_range(rows: Sequence[TrainingRow]) -> dict[str, str | None]:
    dates = sorted(r.received_at[:10] for r in rows if r.received_at)
    return {"from": dates[0] if dates else None, "to": dates[-1] if dates else None}


def _weaknesses(evaluations: Mapping[str, Any]) -> list[str]:
    found: list[str] = []
    for name, m in evaluations.items():
        for code, v in m["per_class"].items():
            if v["support"] and v["recall"] < 0.8:
                found.append(
                    f"{name}: misses {1 - v['recall']:.0%} of {code} contacts "
                    f"(recall {v['recall']:.2f}, n={v['support']})."
                )
            if v["support"] and v["precision"] < 0.8:
                found.append(
                    f"{name}: {1 - v['precision']:.0%} of its {code} suggestions are wrong "
                    f"(precision {v['precision']:.2f})."
                )
        labels = m["confusion"]["labels"]
        worst = []
        for i, row in enumerate(m["confusion"]["matrix"]):
            for j, x in enumerate(row):
                if i != j and x:
                    worst.append((x, labels[i], labels[j]))
        for x, t, p in sorted(worst, reverse=True)[:3]:
            found.append(f"{name}: {x} {t} contacts suggested as {p}.")
        for group, values in m.get("by_group", {}).items():
            for v, g in values.items():
                if g["n"] >= 30 and g["accuracy"] < m["accuracy"] - 0.1:
                    label = f"source {v} ({REFERRAL_SOURCES.get(v, v)})" if group == "source_code" else f"{group} {v}"
                    found.append(
                        f"{name}: weaker on {label}: accuracy {g['accuracy']:.2f} against "
                        f"{m['accuracy']:.2f} overall (n={g['n']})."
                    )
    return found


def build_card(
    *,
    factory: str,
    factory_kwargs: Mapping[str, Any],
    synthetic: Sequence[TrainingRow],
    local: Sequence[TrainingRow],
    local_holdout: int,
    synthetic_weight: float,
    evaluations: Mapping[str, Any],
    abstain_below: float,
    training_seconds: float,
    data_description: str = "",
    pipeline: Pipeline | None = None,
    local_operating_point: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """A JSON-ready card. `version` and `created_at` are added when the model is registered.
    `local_operating_point`: training.local_operating_point on the held-out local decisions."""
    features: dict[str, int] = {}
    if pipeline is not None:
        union = pipeline.named_steps["features"].named_steps["union"]
        for name, block in union.transformer_list:
            last = block.steps[-1][1]
            features[name] = len(getattr(last, "vocabulary_", {}))
    mix_source = evaluations.get("local_newest") or evaluations.get("synthetic_heldout")
    return {
        "purpose": (
            "Advisory routing suggestion for a contact at the children's social care front "
            "door. A practitioner decides and records why; the model never routes on its own."
        ),
        "model": {
            "factory": factory,
            "parameters": dict(factory_kwargs),
            "features": features,
            "abstain_below": abstain_below,
            "strategy_raise_at": DEFAULT_STRATEGY_RAISE_AT,
            "strategy_raise_at_rule": MARGIN_RULE,
            "classes": list(ROUTING_CODES),
        },
        "data": {
            "synthetic_contacts": len(synthetic),
            "local_decisions": len(local),
            "local_held_out_for_evaluation": local_holdout,
            "synthetic_row_weight": round(synthetic_weight, 4),
            "synthetic_label_counts": dict(Counter(r.routing for r in synthetic)),
            "local_label_counts": dict(Counter(r.routing for r in local)),
            "synthetic_date_range": _date_range(synthetic),
            "local_date_range": _date_range(local),
            "how_made": (data_description + " " if data_description else "") + synthetic_description(),
        },
        "evaluation": dict(evaluations),
        "local_operating_point": dict(local_operating_point) if local_operating_point else None,
        "suggestion_mix": mix_source["predicted_mix"] if mix_source else None,
        "known_weaknesses": list(STANDING_WEAKNESSES) + _weaknesses(evaluations),
        "training_seconds": training_seconds,
        "library_versions": current_versions(),
    }


def _margin_lines(model: Mapping[str, Any]) -> list[str]:
    """How the default strategy safety margin was chosen (cards written before it lack it)."""
    if model.get("strategy_raise_at") is None:
        return []
    return [
        f"- Strategy safety margin (default, a setting): the combined suggestion is raised to "
        f"strategy_discussion when the classifier gives it P >= {model['strategy_raise_at']}. "
        "Chosen on unseen-phrasing validation (train phrasings split in two, each half "
        "validated on a model trained on the other: benchmarks/validate_unseen.py --swap), "
        f"never on the held-out sets, by this rule: {model['strategy_raise_at_rule']}."
    ]


def render_markdown(card: Mapping[str, Any]) -> str:
    """The card as Markdown (docs/model_card.md is generated with this)."""
    from classifiers.evaluation import format_metrics

    d = card["data"]
    m = card["model"]
    lines = [
        f"# Model card: routing classifier {card.get('version', '(unregistered)')}",
        "",
        "_Generated by MASHdesk; do not edit by hand._",
        "",
        f"Created: {card.get('created_at', 'n/a')}. {card['purpose']}",
        "",
        "## Model",
        "",
        f"- Pipeline factory: `{m['factory']}` {m['parameters'] or ''}",
        f"- Features: {', '.join(f'{k} {v}' for k, v in m['features'].items())}",
        f'- Abstains ("no clear suggestion") below calibrated confidence {m["abstain_below"]}',
        *_margin_lines(m),
        f"- Training time: {card['training_seconds']} s",
        f"- Libraries: {', '.join(f'{k} {v}' for k, v in card['library_versions'].items())}",
        "",
        "## Data",
        "",
        f"- Synthetic contacts: {d['synthetic_contacts']} (each weighted "
        f"{d['synthetic_row_weight']}), labels {d['synthetic_label_counts']}, dates "
        f"{d['synthetic_date_range']['from']} to {d['synthetic_date_range']['to']}",
        f"- Local confirmed decisions: {d['local_decisions']} (newest "
        f"{d['local_held_out_for_evaluation']} held out for evaluation), labels "
        f"{d['local_label_counts']}, dates {d['local_date_range']['from']} to "
        f"{d['local_date_range']['to']}",
        "",
        f"How the data was made: {d['how_made']}",
        "",
        "## Performance",
        "",
    ]
    if not card["evaluation"]:
        lines.append("No evaluation data was available for this model.")
    for name, metrics in card["evaluation"].items():
        lines += [f"### {name}", ""]
        vocab = metrics.get("vocabulary")
        if vocab:
            lines += [
                f"Of the words in these contacts, {vocab['unseen_token_share']:.0%} (and "
                f"{vocab['unseen_word_share']:.0%} of distinct words) never occur in the "
                "training contacts.",
                "",
            ]
        lines += ["```", format_metrics(metrics), "```", ""]
    comb = card.get("combined_with_rules")
    if comb:
        lines += [
            "### Combined with the default rules pack (synthetic held-out contacts)",
            "",
            f"Rules alone: strategy_discussion recall {comb['rules_alone_sd_recall']:.3f}, "
            f"macro-F1 {comb['rules_alone_macro_f1']:.3f}. Combined suggestion (classifier raises, "
            "never lowers; mandatory triggers are a floor), by strategy safety margin:",
            "",
            "| raise to strategy_discussion at P >= | SD recall | SD precision | macro-F1 |",
            "|---|---|---|---|",
        ]
        for row in comb["rows"]:
            margin = "off" if row["strategy_raise_at"] is None else f"{row['strategy_raise_at']:.2f}"
            lines.append(f"| {margin} | {row['sd_recall']:.3f} | {row['sd_precision']:.3f} | {row['macro_f1']:.3f} |")
        lines.append("")
    lines += _local_margin_lines(card.get("local_operating_point"), card["model"].get("strategy_raise_at"))
    lines += ["## Known weaknesses", ""]
    lines += [f"- {w}" for w in card["known_weaknesses"]]
    if card.get("suggestion_mix"):
        lines += ["", "## Expected suggestion mix (for drift monitoring)", ""]
        lines += [f"- {k}: {v:.1%}" for k, v in card["suggestion_mix"].items()]
    return "\n".join(lines) + "\n"


def local_margin_summary(point: Mapping[str, Any] | None, current: float | None) -> str | None:
    """One sentence on the strategy margin the newest local decisions point to, or None."""
    if not point:
        return None
    if point.get("recommended") is None:
        return f"No strategy margin advice from local decisions: {point.get('reason', 'not measured')}."
    rec = float(point["recommended"])
    now = "off" if current is None else f"{current:.2f}"
    change = (
        "the margin in use"
        if current is not None and abs(rec - current) < 1e-9
        else f"the margin in use is {now}; a user who may activate models can set it with "
        f"`mashdesk model margin {rec:.2f}`"
    )
    return (
        f"On the newest {point['n']} confirmed decisions ({point['strategy_discussions']} strategy "
        f"discussions) the margin rule picks {rec:.2f}: {change}."
    )


def _local_margin_lines(point: Mapping[str, Any] | None, current: float | None) -> list[str]:
    summary = local_margin_summary(point, current)
    if summary is None:
        return []
    lines = ["### Strategy margin on the newest local decisions", "", summary, ""]
    if point and point.get("rows"):
        lines += [
            f"The rule that chose the default on validation, applied to these decisions: {point['rule']}.",
            "",
            "| raise to strategy_discussion at P >= | SD recall | SD precision | routed to SD |",
            "|---|---|---|---|",
        ]
        for row in point["rows"]:
            margin, recall, precision = row["strategy_raise_at"], row["sd_recall"], row["sd_precision"]
            lines.append(f"| {margin:.2f} | {recall:.3f} | {precision:.3f} | {row['flagged']} |")
        lines.append("")
    return lines
