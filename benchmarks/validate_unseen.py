"""Unseen-phrasing validation: the development check that never touches heldout or fresh.

Run: python benchmarks/validate_unseen.py [--train N] [--valid N] [--swap]
     python benchmarks/validate_unseen.py --leave-out first more third fourth fifth sixth

Each concern's TRAIN phrasings are split in two by a stable digest
(mashdesk.synthetic.generator.split_train_phrasings). The model is trained on contacts built
from half A and validated on contacts built from half B, so the figure measures wording the
model never saw while the heldout and fresh families stay untouched for the final measurement.
--swap also trains on B and validates on A and prints the mean. A last check feeds contacts
with no concern words at all and prints what the model suggests for them (it should not be
strategy_discussion).

Operating point: the validation contacts also go through the default rules pack and
classifiers.combine.combine, exactly as `mashdesk suggest` combines them, for every strategy
safety margin in MARGINS. The margin is chosen on this validation, never on heldout or fresh:
MARGIN_RULE below, applied to the mean over the directions run (use --swap; --leave-out
prints the same table over its leave-one-writer-out directions). The table also
shows recall on the strategy discussions the rules alone miss (what the margin is for: on
unseen wording the rules miss more), and an abstention table at the chosen margin.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
import warnings
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.metrics import f1_score

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from classifiers import pipelines  # noqa: E402
from classifiers.combine import (  # noqa: E402
    DEFAULT_STRATEGY_RAISE_AT,
    MARGIN_GRID,
    MARGIN_RULE,
    choose_margin,
    classifier_view,
    combine,
)
from classifiers.evaluation import format_metrics  # noqa: E402
from classifiers.features import _NEGATION_CUES, record_from_parts, record_from_text  # noqa: E402
from classifiers.model import DEFAULT_ABSTAIN_BELOW  # noqa: E402
from classifiers.persistence import dumps_model, new_metadata  # noqa: E402
from classifiers.pipelines import DEFAULT_FACTORY  # noqa: E402
from classifiers.training import evaluate_rows, fit_pipeline, synthetic_rows  # noqa: E402
from mashdesk.domain import ROUTING_CODES  # noqa: E402
from mashdesk.rules import default_pack, evaluate, facts_from_draft  # noqa: E402
from mashdesk.synthetic import to_draft  # noqa: E402
from mashdesk.synthetic.concerns import CONCERNS, TRAIN_FAMILIES, Concern  # noqa: E402
from mashdesk.synthetic.generator import generate_contacts, phrasing_digest, split_train_phrasings  # noqa: E402

MARGINS: tuple[float | None, ...] = (None, *MARGIN_GRID)
ABSTAIN_GRID: tuple[float, ...] = (0.4, 0.5, 0.6, 0.7, 0.8)

# Contacts that name a child and a referrer but raise no concern: a model leaning on layout,
# names or everyday words instead of concerns shows it here.
NO_CONCERN_TEXTS = (
    "Hi, writing about Ava Quell who is 9 years old. Can someone call me back please. Thanks",
    "Dear MASH team, I am writing about Kai Brennock (DOB 03/04/2015) who lives at 4 Elm Road.\n\nKind regards\nJo",
    "Caller: Sam Ortley (Neighbour)\nRe: Leo Ortley aged 6\nCaller rang to speak to someone.\nCall ended.",
    "Best wishes, told the family last summer, year old child, see attached.",
    "Referral - Maya Penhallow\nPlease see the attached form. Many thanks, Dr R Okafor, GP",
)


@dataclass
class Direction:
    """What one train/validate direction leaves for the operating-point tables."""

    name: str
    metrics: dict[str, float]
    proba: np.ndarray
    classes: list[str]
    rules: list[Any]
    y: list[str]


def combined_routings(d: Direction, margin: float | None, abstain_below: float) -> list[str | None]:
    """The combined routing of every validation contact, as classifiers.combine makes it."""
    out = []
    for p, rules in zip(d.proba, d.rules, strict=True):
        out.append(combine(rules, classifier_view(p, d.classes, abstain_below), strategy_raise_at=margin).routing)
    return out


def operating_point(d: Direction, margin: float | None, abstain_below: float) -> dict[str, float]:
    combined = combined_routings(d, margin, abstain_below)
    sd = [i for i, y in enumerate(d.y) if y == "strategy_discussion"]
    rules_missed = [i for i in sd if d.rules[i].routing != "strategy_discussion"]
    hits = sum(combined[i] == "strategy_discussion" for i in sd)
    flagged = sum(r == "strategy_discussion" for r in combined)
    low = [i for i, y in enumerate(d.y) if y in ROUTING_CODES[:2]]
    return {
        "sd_recall": hits / len(sd),
        "sd_precision": hits / max(flagged, 1),
        "rescued": sum(combined[i] == "strategy_discussion" for i in rules_missed) / max(len(rules_missed), 1),
        "rules_sd_recall": 1 - len(rules_missed) / len(sd),
        "macro_f1": float(f1_score(d.y, [r or "none" for r in combined], average="macro", labels=list(ROUTING_CODES))),
        "low_to_sd": sum(combined[i] == "strategy_discussion" for i in low) / max(len(low), 1),
    }


def mean_point(dirs: list[Direction], margin: float | None, abstain_below: float) -> dict[str, float]:
    points = [operating_point(d, margin, abstain_below) for d in dirs]
    return {k: sum(p[k] for p in points) / len(points) for k in points[0]}


def _label(margin: float | None) -> str:
    return "off" if margin is None else f"{margin:.2f}"


def print_operating_points(dirs: list[Direction]) -> float:
    print(f"\n== OPERATING POINT (validation, mean of {len(dirs)} direction(s); abstain below {DEFAULT_ABSTAIN_BELOW})")
    table = {m: mean_point(dirs, m, DEFAULT_ABSTAIN_BELOW) for m in MARGINS}
    print(f"rules alone SD recall on these contacts: {table[None]['rules_sd_recall']:.3f}")
    print("margin | SD recall | SD precision | rescued (SD the rules miss) | macro-F1 | level 1-2 -> SD")
    for m, row in table.items():
        print(
            f"{_label(m):>6} | {row['sd_recall']:.4f}    | {row['sd_precision']:.4f}       | "
            f"{row['rescued']:.3f}                       | {row['macro_f1']:.4f}   | {row['low_to_sd']:.4f}"
        )
    chosen = choose_margin({m: row for m, row in table.items() if m is not None})
    print(f"rule: {MARGIN_RULE}")
    print(f"CHOSEN MARGIN: {_label(chosen)} (code default now {_label(DEFAULT_STRATEGY_RAISE_AT)})")

    print(f"\n== ABSTENTION (validation, margin {_label(chosen)})")
    print("abstain below | answered | accuracy when answered | combined SD recall | combined macro-F1")
    for t in ABSTAIN_GRID:
        answered = correct = 0
        for d in dirs:
            k = d.proba.argmax(axis=1)
            mask = d.proba.max(axis=1) >= t
            answered += int(mask.sum())
            correct += int(sum(d.classes[j] == y for j, y, a in zip(k, d.y, mask, strict=True) if a))
        n = sum(len(d.y) for d in dirs)
        row = mean_point(dirs, chosen, t)
        print(
            f"{t:>13.2f} | {answered / n:.3f}    | {correct / max(answered, 1):.3f}                  | "
            f"{row['sd_recall']:.4f}             | {row['macro_f1']:.4f}"
        )
    return chosen


# the families --without-X / --valid-without-X take
FAMILIES = {name: TRAIN_FAMILIES[name] for name in ("third", "fourth")}


def _without(concerns: tuple[Concern, ...], family: str) -> tuple[Concern, ...]:
    """The concerns without one later train family (to compare on the same validation wording)."""
    drop = {p for pools in FAMILIES[family] for pool in pools.values() for p in pool}

    def keep(pool: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(p for p in pool if p not in drop) or pool

    return tuple(replace(c, train=keep(c.train), neg_train=keep(c.neg_train)) for c in concerns)


def _drop_words(rows: list[Any], share: float, seed: int) -> None:
    """Experiment: drop a share of the words of each training text (never negation cues)."""
    rng = random.Random(seed)
    for r in rows:
        words = r.record["text"].split(" ")
        r.record["text"] = " ".join(
            w for w in words if w.lower().strip(".,;:") in _NEGATION_CUES or rng.random() >= share
        )


def _factory_kwargs(args: argparse.Namespace) -> dict[str, Any]:
    kwargs: dict[str, Any] = {}
    if args.c_per_sample:
        kwargs["c_per_sample"] = args.c_per_sample
    if args.sd_weight:
        kwargs["class_weight"] = {"strategy_discussion": args.sd_weight}
    return kwargs


def fit_full(args: argparse.Namespace) -> None:
    """Fit on `--fit-full` contacts of the whole train family: time and model file size."""
    rows = synthetic_rows(generate_contacts(args.fit_full, args.seed, "train"), seed=args.seed)
    cpu = time.process_time()
    t = time.perf_counter()
    pipeline = fit_pipeline(rows, **_factory_kwargs(args))
    fit_s = time.perf_counter() - t
    cpu = time.process_time() - cpu
    size = len(dumps_model(pipeline, new_metadata("validate", "now", DEFAULT_FACTORY)))
    print(
        f"FIT on {len(rows)} train contacts: {fit_s:.1f} s wall ({cpu:.1f} s CPU, load average "
        f"{os.getloadavg()[0]:.1f}), model file {size / 1e6:.1f} MB"
    )


def run(train_part: int, args: argparse.Namespace) -> Direction:
    a = split_train_phrasings(train_part)
    b = split_train_phrasings(1 - train_part)
    for family in FAMILIES:
        if getattr(args, f"without_{family}"):
            a = _without(a, family)
        if getattr(args, f"without_{family}") or getattr(args, f"valid_without_{family}"):
            b = _without(b, family)
    t = time.perf_counter()
    train_rows = synthetic_rows(generate_contacts(args.train, args.seed, "train", concerns=a), seed=args.seed)
    if args.word_dropout:
        _drop_words(train_rows, args.word_dropout, args.seed)
    valid_contacts = generate_contacts(args.valid, args.seed + 1, "train", concerns=b)
    valid_rows = synthetic_rows(valid_contacts, dropout=0.0, rules_dropout=0.0)
    gen_s = time.perf_counter() - t
    t = time.perf_counter()
    pipeline = fit_pipeline(train_rows, **_factory_kwargs(args))
    fit_s = time.perf_counter() - t
    m = evaluate_rows(pipeline, valid_rows, DEFAULT_ABSTAIN_BELOW)
    name = "AB"[train_part] + "->" + "AB"[1 - train_part]
    print(f"\n== train on half {name} ({args.train} contacts, generated in {gen_s:.1f} s, fit {fit_s:.1f} s)")
    print(format_metrics({k: v for k, v in m.items() if k != "by_group"}, f"unseen-phrasing validation {name}"))
    pred = list(pipeline.predict([r.record for r in valid_rows]))
    per: dict[str, list[bool]] = {}
    low_to_sd = 0
    low = 0
    for c, p in zip(valid_contacts, pred, strict=True):
        per.setdefault(c.concerns[0], []).append(p == c.routing)
        if c.level <= 2:
            low += 1
            low_to_sd += p == "strategy_discussion"
    worst = sorted((sum(v) / len(v), k, len(v)) for k, v in per.items())[:12]
    print("recall by primary concern, worst 12: " + ", ".join(f"{k} {r:.2f} (n={n})" for r, k, n in worst))
    print(f"level 1-2 contacts suggested strategy_discussion: {low_to_sd / max(low, 1):.3f}")
    sd = m["per_class"]["strategy_discussion"]["recall"]
    blank = [record_from_text(t) for t in NO_CONCERN_TEXTS]
    blank.append(record_from_parts(subject="Referral", body="Please call me about this child.", channel="phone"))
    blank_pred = Counter(str(x) for x in pipeline.predict(blank))
    print(f"no-concern contacts suggested as: {dict(blank_pred)}")
    pack = default_pack()
    rules = [evaluate(pack, facts_from_draft(to_draft(c), c.previous_contacts)) for c in valid_contacts]
    return Direction(
        name=name,
        metrics={"macro_f1": m["macro_f1"], "ece": m["ece"], "sd_recall": sd, "low_to_sd": low_to_sd / max(low, 1)},
        proba=pipeline.predict_proba([r.record for r in valid_rows]),
        classes=[str(c) for c in pipeline.classes_],
        rules=rules,
        y=[c.routing for c in valid_contacts],
    )


# The first writer's phrasings sit in concerns.py itself; the later writers' in TRAIN_FAMILIES.
WRITERS = ("first", *TRAIN_FAMILIES)


def leave_one_writer_out(family: str, args: argparse.Namespace) -> Direction:
    """Train on every train family but one writer's, validate on that writer's phrasings only:
    how the model and its calibration do on a new writer's wording, without touching the heldout,
    fresh or blind families. The operating point is chosen on these directions (main)."""
    from classifiers import training

    names = training._phrasing_families()

    def of(p: str) -> str | None:
        return names.get(phrasing_digest(p))

    def pools(keep: Any) -> tuple[Concern, ...]:
        out = []
        for c in CONCERNS:
            train = tuple(p for p in c.train if keep(of(p))) or c.train
            neg = tuple(p for p in c.neg_train if keep(of(p))) or c.neg_train
            out.append(replace(c, train=train, neg_train=neg))
        return tuple(out)

    a = pools(lambda f: f != family)
    b = pools(lambda f: f == family)
    train_rows = synthetic_rows(generate_contacts(args.train, args.seed, "train", concerns=a), seed=args.seed)
    valid_contacts = generate_contacts(args.valid, args.seed + 1, "train", concerns=b)
    valid_rows = synthetic_rows(valid_contacts, dropout=0.0, rules_dropout=0.0)
    pipeline = fit_pipeline(train_rows, **_factory_kwargs(args))
    m = evaluate_rows(pipeline, valid_rows, DEFAULT_ABSTAIN_BELOW)
    sd = m["per_class"]["strategy_discussion"]["recall"]
    print(f"LEAVE OUT {family:7s} macro-F1 {m['macro_f1']:.3f}  ECE {m['ece']:.3f}  SD recall (classifier) {sd:.3f}")
    pack = default_pack()
    return Direction(
        name=f"without {family}",
        metrics={"macro_f1": m["macro_f1"], "ece": m["ece"], "sd_recall": sd},
        proba=pipeline.predict_proba([r.record for r in valid_rows]),
        classes=[str(c) for c in pipeline.classes_],
        rules=[evaluate(pack, facts_from_draft(to_draft(c), c.previous_contacts)) for c in valid_contacts],
        y=[c.routing for c in valid_contacts],
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", type=int, default=20_000)
    ap.add_argument("--valid", type=int, default=5_000)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--swap", action="store_true", help="also train on B, validate on A")
    for family in FAMILIES:
        ap.add_argument(
            f"--without-{family}", action="store_true", help=f"leave the {family} train family out entirely"
        )
        ap.add_argument(
            f"--valid-without-{family}",
            action="store_true",
            help=f"validate without the {family} family's phrasings (same wording as --without-{family})",
        )
    ap.add_argument("--c-per-sample", type=float, default=None)
    ap.add_argument("--sd-weight", type=float, default=None, help="strategy_discussion class weight in the SVM")
    ap.add_argument("--char-weight", type=float, default=None, help="weight of the character n-gram block")
    ap.add_argument("--word-dropout", type=float, default=0.0, help="experiment: drop this share of train words")
    ap.add_argument("--fit-full", type=int, default=0, help="only time a fit on this many train contacts")
    ap.add_argument(
        "--leave-out",
        nargs="+",
        choices=WRITERS,
        help="leave-one-writer-out validation instead: train without each named family, validate on it",
    )
    ap.add_argument(
        "--group-by",
        choices=("phrasing", "family"),
        default=None,
        help="what calibration holds back whole (training.GROUP_BY by default)",
    )
    args = ap.parse_args()
    if args.group_by:
        from classifiers import training

        training.GROUP_BY = args.group_by
    warnings.filterwarnings("ignore", category=UserWarning)
    if args.char_weight is not None:
        pipelines.CHAR_WEIGHT = args.char_weight
    if args.fit_full:
        fit_full(args)
        return
    if args.leave_out:
        found = [leave_one_writer_out(f, args) for f in args.leave_out]
        mean = {k: sum(d.metrics[k] for d in found) / len(found) for k in found[0].metrics}
        print(
            f"LEAVE-ONE-WRITER-OUT (mean of {len(found)}): macro-F1 {mean['macro_f1']:.3f}  ECE {mean['ece']:.3f}  "
            f"SD recall (classifier alone) {mean['sd_recall']:.3f}"
        )
        print_operating_points(found)
        return
    dirs = [run(0, args)]
    if args.swap:
        dirs.append(run(1, args))
    results = [d.metrics for d in dirs]
    keys = results[0].keys()
    mean = {k: sum(r[k] for r in results) / len(results) for k in keys}
    print(
        "\nUNSEEN-PHRASING VALIDATION (mean of "
        f"{len(results)}): macro-F1 {mean['macro_f1']:.3f}  ECE {mean['ece']:.3f}  "
        f"SD recall (classifier alone) {mean['sd_recall']:.3f}  level 1-2 -> SD {mean['low_to_sd']:.3f}"
    )
    print_operating_points(dirs)


if __name__ == "__main__":
    main()
