"""Rules evaluation speed on ~300-word synthetic contacts: prints p50/p95 per contact.

python benchmarks/bench_rules.py [--pack default] [--contacts 200] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mashdesk.rules import RuleFacts, evaluate, load_pack  # noqa: E402

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "rules_eval" / "contacts.jsonl"


def contacts(n: int, words: int, seed: int) -> list[str]:
    """Synthetic contacts of about `words` words, stitched from the evaluation sentences."""
    texts = [json.loads(line)["text"] for line in DATA.read_text("utf-8").splitlines() if line]
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        parts: list[str] = []
        count = 0
        while count < words:
            t = rng.choice(texts)
            parts.append(t)
            count += len(t.split())
        out.append(" ".join(" ".join(parts).split()[:words]))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pack", default="default")
    ap.add_argument("--contacts", type=int, default=200)
    ap.add_argument("--words", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    pack = load_pack(args.pack)
    load_ms = (time.perf_counter() - t0) * 1000
    texts = contacts(args.contacts, args.words, seed=1)
    for text in texts[:10]:
        evaluate(pack, RuleFacts(text=text))  # warm-up
    times = []
    cpu = []
    for _ in range(args.repeat):
        for text in texts:
            facts = RuleFacts(text=text, child_ages=[7])
            start, start_cpu = time.perf_counter(), time.process_time()
            evaluate(pack, facts)
            cpu.append((time.process_time() - start_cpu) * 1000)
            times.append((time.perf_counter() - start) * 1000)
    times.sort()
    cpu.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    print(f"pack {pack.name} {pack.version}: {len(pack.indicators)} indicators; load+compile {load_ms:.0f} ms")
    print(
        f"{len(times)} evaluations of {args.words}-word contacts: "
        f"p50 {statistics.median(times):.2f} ms, p95 {p95:.2f} ms, max {times[-1]:.2f} ms"
    )
    # CPU time is the fairer figure on a shared machine: wall time includes waiting for a core.
    print(f"CPU time per evaluation: p50 {statistics.median(cpu):.2f} ms, p95 {cpu[int(len(cpu) * 0.95) - 1]:.2f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
