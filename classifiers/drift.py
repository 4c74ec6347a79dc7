"""Monitoring: has the mix of suggestions over recent weeks moved away from the model card's?"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from mashdesk.domain import ROUTING_CODES
from mashdesk.store import Store

PSI_WARN = 0.2  # population stability index above which the mix is said to have drifted
MIN_SUGGESTIONS = 50


@dataclass
class DriftReport:
    since: str
    until: str
    count: int
    expected: dict[str, float]
    observed: dict[str, float]
    psi: float | None
    total_variation: float | None
    weekly: list[dict[str, Any]] = field(default_factory=list)
    warning: str | None = None


def population_stability_index(expected: Mapping[str, float], observed: Mapping[str, float]) -> float:
    eps = 1e-4
    total = 0.0
    for code in ROUTING_CODES:
        e = max(expected.get(code, 0.0), eps)
        o = max(observed.get(code, 0.0), eps)
        total += (o - e) * math.log(o / e)
    return total


def drift_report(
    store: Store,
    expected: Mapping[str, float] | None,
    *,
    weeks: int = 4,
    now: dt.datetime | None = None,
    min_count: int = MIN_SUGGESTIONS,
) -> DriftReport:
    """Compare the routing mix of suggestions made in the last `weeks` weeks with `expected`
    (the card's suggestion_mix). Warns when PSI exceeds 0.2 on at least `min_count` of them."""
    until = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    since = until - dt.timedelta(weeks=weeks)
    rows = store.db.execute(
        "SELECT created_at, routing FROM suggestions WHERE created_at >= ? AND created_at <= ?",
        (since.isoformat(), until.isoformat()),
    ).fetchall()
    counts = Counter(r for _, r in rows if r in ROUTING_CODES)
    n = sum(counts.values())
    observed = {c: round(counts.get(c, 0) / n, 4) if n else 0.0 for c in ROUTING_CODES}
    weekly: list[dict[str, Any]] = []
    for w in range(weeks):
        start = since + dt.timedelta(weeks=w)
        end = start + dt.timedelta(weeks=1)
        wc = Counter(r for at, r in rows if start.isoformat() <= at < end.isoformat() and r in ROUTING_CODES)
        weekly.append(
            {
                "week_from": start.date().isoformat(),
                "count": sum(wc.values()),
                **{c: wc.get(c, 0) for c in ROUTING_CODES},
            }
        )
    report = DriftReport(
        since=since.isoformat(timespec="seconds"),
        until=until.isoformat(timespec="seconds"),
        count=n,
        expected=dict(expected or {}),
        observed=observed,
        psi=None,
        total_variation=None,
        weekly=weekly,
    )
    if not expected:
        report.warning = "The active model's card has no expected mix to compare against."
        return report
    if n == 0:
        report.warning = None
        return report
    report.psi = round(population_stability_index(expected, observed), 4)
    report.total_variation = round(0.5 * sum(abs(observed[c] - expected.get(c, 0.0)) for c in ROUTING_CODES), 4)
    if n >= min_count and report.psi > PSI_WARN:
        moved = max(ROUTING_CODES, key=lambda c: abs(observed[c] - expected.get(c, 0.0)))
        report.warning = (
            f"Suggestions over the last {weeks} weeks have drifted from the model card "
            f"(PSI {report.psi:.2f} > {PSI_WARN}): {moved} is {observed[moved]:.0%} of "
            f"{n} suggestions against {expected.get(moved, 0.0):.0%} expected. Check the model "
            "against recent confirmed decisions (mashdesk evaluate) and consider retraining."
        )
    return report
