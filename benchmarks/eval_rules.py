"""Evaluate a rules pack against the hand-labelled synthetic set in tests/data/rules_eval/.

Prints trigger recall/precision per trigger, routing precision/recall per class, and the rate at
which triggers fire on statements labelled as negated. `--show-errors` lists every miss.

    python benchmarks/eval_rules.py [--pack default] [--show-errors]
    python benchmarks/eval_rules.py --eval-set fresh [--n 2000]   # generated contacts instead

`--eval-set` (alias `--generator`) evaluates on mashdesk.synthetic's generated contacts of that
phrasing family: "heldout", "fresh" (written without sight of the rules pack, so rules added
after it was written are still measured on wording their author never saw), or "blind" (a fourth
family, also written without sight of the pack, that nobody tunes on: run it once, at the end).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mashdesk.domain import ROUTING_CODES, TRIGGER_CODES  # noqa: E402
from mashdesk.rules import RuleFacts, evaluate, load_pack  # noqa: E402

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "rules_eval" / "contacts.jsonl"


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "  n/a"


def _generated(template_set: str, n: int) -> list[dict[str, object]]:
    from mashdesk.rules.facts import facts_from_draft
    from mashdesk.synthetic import generate_contacts, to_draft

    rows: list[dict[str, object]] = []
    for c in generate_contacts(n, seed=2026, template_set=template_set):
        facts = facts_from_draft(to_draft(c), c.previous_contacts)
        rows.append(
            {
                "id": c.id,
                "text": facts.text,
                "facts": facts,
                "routing": c.routing,
                "triggers": list(c.triggers),
                "negated": list(c.negated_triggers),
                "concerns": list(c.concerns),
            }
        )
    return rows


def _trigger_of_concern() -> dict[str, str | None]:
    from mashdesk.synthetic.concerns import CONCERNS

    return {c.key: c.trigger for c in CONCERNS}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pack", default="default")
    ap.add_argument("--data", default=str(DATA))
    ap.add_argument("--show-errors", action="store_true")
    ap.add_argument(
        "--eval-set",
        "--generator",
        dest="generator",
        choices=["train", "heldout", "fresh", "blind"],
        help="Evaluate on mashdesk.synthetic's generated contacts of this phrasing family (another author's labels).",
    )
    ap.add_argument("--n", type=int, default=1000, help="How many generated contacts (with --generator).")
    args = ap.parse_args(argv)
    pack = load_pack(args.pack)
    if args.generator:
        rows = _generated(args.generator, args.n)
    else:
        rows = [json.loads(line) for line in Path(args.data).read_text("utf-8").splitlines() if line]

    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    neg_total = neg_fired = 0
    missed_by_concern: Counter[str] = Counter()
    trigger_of = _trigger_of_concern() if args.generator else {}
    confusion: Counter[tuple[str, str]] = Counter()
    errors: list[str] = []
    for row in rows:
        facts = row.get("facts") or RuleFacts(
            text=row["text"],
            channel=row["channel"],
            source_code=row["source_code"],
            child_ages=row["child_ages"],
            unborn=row["unborn"],
            previous_contacts=row["previous_contacts"],
        )
        res = evaluate(pack, facts)
        gold = set(row["triggers"])
        got = set(res.triggers)
        for code in TRIGGER_CODES:
            if code in gold and code in got:
                tp[code] += 1
            elif code in got:
                fp[code] += 1
                errors.append(f"FP {code:28} {row['id']}: {row['text'][:110]}")
            elif code in gold:
                fn[code] += 1
                missed_by_concern.update(k for k in row.get("concerns", ()) if trigger_of.get(k) == code)
                errors.append(f"FN {code:28} {row['id']}: {row['text'][:110]}")
        for code in row["negated"]:
            neg_total += 1
            if code in got:
                neg_fired += 1
                errors.append(f"NEG-FIRED {code:21} {row['id']}: {row['text'][:110]}")
        confusion[(row["routing"], res.routing)] += 1
        if row["routing"] != res.routing:
            errors.append(f"ROUTE {row['routing']}->{res.routing} {row['id']}: {row['text'][:90]}")

    print(f"pack {pack.name} {pack.version} sha256 {pack.sha256[:12]}  contacts {len(rows)}")
    print(f"\n{'trigger':30} {'gold':>4} {'tp':>4} {'fp':>4} {'fn':>4} {'recall':>7} {'prec':>7}")
    for code in TRIGGER_CODES:
        gold_n = tp[code] + fn[code]
        print(
            f"{code:30} {gold_n:4} {tp[code]:4} {fp[code]:4} {fn[code]:4} "
            f"{_ratio(tp[code], gold_n):>7} {_ratio(tp[code], tp[code] + fp[code]):>7}"
        )
    t_tp, t_fp, t_fn = sum(tp.values()), sum(fp.values()), sum(fn.values())
    print(
        f"{'ALL (micro)':30} {t_tp + t_fn:4} {t_tp:4} {t_fp:4} {t_fn:4} "
        f"{_ratio(t_tp, t_tp + t_fn):>7} {_ratio(t_tp, t_tp + t_fp):>7}"
    )
    print(f"\ntriggers fired on negated statements: {neg_fired}/{neg_total} = {_ratio(neg_fired, neg_total)}")
    print(f"\n{'routing':30} {'gold':>4} {'pred':>4} {'recall':>7} {'prec':>7}")
    for r in ROUTING_CODES:
        gold_n = sum(v for (g, _), v in confusion.items() if g == r)
        pred_n = sum(v for (_, p), v in confusion.items() if p == r)
        hit = confusion[(r, r)]
        print(f"{r:30} {gold_n:4} {pred_n:4} {_ratio(hit, gold_n):>7} {_ratio(hit, pred_n):>7}")
    acc = sum(confusion[(r, r)] for r in ROUTING_CODES)
    print(f"routing accuracy {_ratio(acc, len(rows))}")
    print("\nconfusion (rows gold, columns suggested): IA EH CFA SD")
    for g in ROUTING_CODES:
        print(f"  {g:30}" + " ".join(f"{confusion[(g, p)]:4}" for p in ROUTING_CODES))
    if args.generator:
        print(f"\ntrigger misses by concern key: {dict(missed_by_concern.most_common())}")
    if args.show_errors:
        print("\n" + "\n".join(errors))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
