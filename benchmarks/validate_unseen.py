"""Unseen-phrasing validation: the development check that never touches heldout or fresh.

Run: python benchmarks/validate_unseen.py [--train N] [--valid N] [--swap]

Each concern's TRAIN phrasings are split in two by a stable digest
(mashdesk.synthetic.generator.split_train_phrasings). The model is trained on contacts built
from half A and validated on contacts built from half B, so the figure measures wording the
model never saw while the heldout and fresh families stay untouched for the final measurement.
--swap also trains on B and validates on A and prints the mean. A last check feeds contacts
with no concern words at all and prints what the model suggests for them (it should not be
strategy_discussion).
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from classifiers.evaluation import format_metrics  # noqa: E402
from classifiers.features import record_from_parts, record_from_text  # noqa: E402
from classifiers.model import DEFAULT_ABSTAIN_BELOW  # noqa: E402
from classifiers.training import evaluate_rows, fit_pipeline, synthetic_rows  # noqa: E402
from mashdesk.synthetic.generator import generate_contacts, split_train_phrasings  # noqa: E402

# Contacts that name a child and a referrer but raise no concern: a model leaning on layout,
# names or everyday words instead of concerns shows it here.
NO_CONCERN_TEXTS = (
    "Hi, writing about Ava Quell who is 9 years old. Can someone call me back please. Thanks",
    "Dear MASH team, I am writing about Kai Brennock (DOB 03/04/2015) who lives at 4 Elm Road.\n\nKind regards\nJo",
    "Caller: Sam Ortley (Neighbour)\nRe: Leo Ortley aged 6\nCaller rang to speak to someone.\nCall ended.",
    "Best wishes, told the family last summer, year old child, see attached.",
    "Referral - Maya Penhallow\nPlease see the attached form. Many thanks, Dr R Okafor, GP",
)


def run(train_part: int, args: argparse.Namespace) -> dict[str, float]:
    a = split_train_phrasings(train_part)
    b = split_train_phrasings(1 - train_part)
    t = time.perf_counter()
    train_rows = synthetic_rows(generate_contacts(args.train, args.seed, "train", concerns=a), seed=args.seed)
    valid_contacts = generate_contacts(args.valid, args.seed + 1, "train", concerns=b)
    valid_rows = synthetic_rows(valid_contacts, dropout=0.0, rules_dropout=0.0)
    gen_s = time.perf_counter() - t
    t = time.perf_counter()
    pipeline = fit_pipeline(train_rows)
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
    return {"macro_f1": m["macro_f1"], "ece": m["ece"], "sd_recall": sd, "low_to_sd": low_to_sd / max(low, 1)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", type=int, default=20_000)
    ap.add_argument("--valid", type=int, default=5_000)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--swap", action="store_true", help="also train on B, validate on A")
    args = ap.parse_args()
    warnings.filterwarnings("ignore", category=UserWarning)
    results = [run(0, args)]
    if args.swap:
        results.append(run(1, args))
    keys = results[0].keys()
    mean = {k: sum(r[k] for r in results) / len(results) for k in keys}
    print(
        "\nUNSEEN-PHRASING VALIDATION (mean of "
        f"{len(results)}): macro-F1 {mean['macro_f1']:.3f}  ECE {mean['ece']:.3f}  "
        f"SD recall (classifier alone) {mean['sd_recall']:.3f}  level 1-2 -> SD {mean['low_to_sd']:.3f}"
    )


if __name__ == "__main__":
    main()
