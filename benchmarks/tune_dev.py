"""The rules pack on the dev phrasing family: what the pack is tuned on, never heldout or blind.

Run: python benchmarks/tune_dev.py [--n N] [--seed S] [--misses] [--false-sd] [--train-check N]

Contacts are generated with the train layouts and the dev family's concern sentences
(mashdesk.synthetic.generator.dev_concerns; the sentences are in
mashdesk/synthetic/concerns_dev.py), strategy discussions over-represented so every level 4
concern is measured. Prints the default pack's strategy_discussion recall overall and per
concern, and how often it says strategy_discussion for a contact whose label is lower.
--misses lists the phrasings the pack misses in at least half of their contacts (what to
read when improving the pack); --false-sd lists the lower-level phrasings it raises.
--train-check N also measures the same on N contacts of the train family, so a change that
helps dev but breaks what the pack already got right shows.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mashdesk.rules import default_pack, evaluate, facts_from_draft  # noqa: E402
from mashdesk.synthetic import generate_contacts, to_draft  # noqa: E402
from mashdesk.synthetic.concerns import CONCERNS, Concern  # noqa: E402
from mashdesk.synthetic.generator import dev_concerns, phrasing_digest  # noqa: E402

SD = "strategy_discussion"
MIX = {SD: 0.55, "child_and_family_assessment": 0.15, "early_help": 0.15, "information_advice": 0.15}


def measure(name: str, concerns: tuple[Concern, ...], n: int, seed: int, misses: bool, false_sd: bool) -> None:
    pack = default_pack()
    contacts = generate_contacts(n, seed, "train", mix=MIX, concerns=concerns)
    phrasing = {phrasing_digest(p): (c.key, p) for c in concerns for p in c.train}
    missed: dict[str, list[str]] = defaultdict(list)
    raised: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    per_key: Counter[str] = Counter()
    per_key_missed: Counter[str] = Counter()
    lower = lower_raised = 0
    for c in contacts:
        routing = evaluate(pack, facts_from_draft(to_draft(c), c.previous_contacts)).routing
        key, text = phrasing.get(c.extra.get("phrasing", ""), (c.concerns[0], "?"))
        seen[text] += 1
        if c.routing == SD:
            per_key[key] += 1
            if routing != SD:
                per_key_missed[key] += 1
                missed[text].append(routing)
        else:
            lower += 1
            if routing == SD:
                lower_raised += 1
                raised[text] += 1
    sd = sum(per_key.values())
    print(f"== {name}: {n} contacts (seed {seed})")
    print(
        f"rules alone: strategy_discussion recall {1 - sum(per_key_missed.values()) / sd:.3f} of {sd}; "
        f"strategy_discussion said for {lower_raised} of {lower} lower-level contacts ({lower_raised / lower:.3f})"
    )
    level4 = {c.key for c in CONCERNS if c.level == 4}
    for key in sorted(level4, key=lambda k: per_key_missed[k] / max(per_key[k], 1), reverse=True):
        if per_key[key]:
            print(f"  {key:22} recall {1 - per_key_missed[key] / per_key[key]:.2f} (n={per_key[key]})")
    if misses:
        print("phrasings missed in at least half their contacts (missed/contacts key: phrasing):")
        for text, routes in sorted(missed.items(), key=lambda kv: -len(kv[1]) / seen[kv[0]]):
            if len(routes) * 2 >= seen[text]:
                print(f"  {len(routes)}/{seen[text]} {phrasing.get(phrasing_digest(text), ('?',))[0]}: {text}")
    if false_sd:
        print("lower-level phrasings raised to strategy_discussion (raised/contacts key: phrasing):")
        for text, k in raised.most_common():
            print(f"  {k}/{seen[text]} {phrasing.get(phrasing_digest(text), ('?',))[0]}: {text}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=6000)
    ap.add_argument("--seed", type=int, default=77)
    ap.add_argument("--misses", action="store_true")
    ap.add_argument("--false-sd", action="store_true")
    ap.add_argument("--train-check", type=int, default=0)
    args = ap.parse_args()
    measure("dev family", dev_concerns(), args.n, args.seed, args.misses, args.false_sd)
    if args.train_check:
        measure("train family", CONCERNS, args.train_check, args.seed, args.misses, args.false_sd)


if __name__ == "__main__":
    main()
