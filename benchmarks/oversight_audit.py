"""Audit trail cost: appends per second (one event per transaction, as desks write them) and
`audit verify` time over a long trail.

Run: python benchmarks/oversight_audit.py [--events 200000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mashdesk.audit import record_event, verify_store  # noqa: E402
from mashdesk.store import open_store  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--single", type=int, default=2_000, help="appends timed one per commit")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "audit.db")
        started = time.perf_counter()
        for i in range(args.single):
            record_event(store, "bench", "contact.view", "contact", i, {"children": [i]})
        single = time.perf_counter() - started
        started = time.perf_counter()
        with store.write():
            for i in range(args.events - args.single):
                record_event(store, "bench", "contact.view", "contact", i, {"children": [i]})
        batched = time.perf_counter() - started
        started = time.perf_counter()
        report = verify_store(store)
        verify = time.perf_counter() - started
        size = (Path(tmp) / "audit.db").stat().st_size
        store.close()
    print(f"appends, one commit each: {args.single / single:.0f} per second")
    print(f"appends inside one transaction: {(args.events - args.single) / batched:.0f} per second")
    print(
        f"verify {report.events} events: {verify:.2f} s ({report.events / verify:.0f} per second), intact: {report.ok}"
    )
    print(f"store size with the trail: {size / 1e6:.1f} MB")
    return 0 if report.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
