"""Several desks on one store: processes x contacts, conflicts detected, lost updates (must be 0).

Run: python benchmarks/oversight_desks.py [--processes 6] [--contacts 300]
Synthetic data in a temporary store; argon2 at the test cost (sign-in speed is not measured).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mashdesk.decisions.desks import run_desks  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--processes", type=int, nargs="+", default=[2, 6, 20])
    parser.add_argument("--contacts", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    failed = False
    for n in args.processes:
        with tempfile.TemporaryDirectory() as tmp:
            figures = run_desks(Path(tmp) / "desks.db", n, args.contacts, args.seed)
        print(f"--- {n} desks ---")
        print("\n".join(figures.lines()))
        print(
            f"records per second (adversarial stale reads, not a throughput target): "
            f"{(figures.decisions + figures.oversight) / figures.seconds:.0f}"
        )
        failed |= bool(
            figures.errors or figures.lost_updates or figures.contacts_not_decided_once or not figures.audit_ok
        )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
