"""Case-audit grades, read through one function so reports work before the grading table exists.

The grading table (audit_items, from mashdesk.quality) arrives with the quality view; until a
store has it, `audit_grades` returns [] and the scrutiny report says no audits are recorded.
"""

from __future__ import annotations

import datetime as dt

from mashdesk.exports.period import utc_bound
from mashdesk.store import Store

GRADES: tuple[str, ...] = ("outstanding", "good", "requires_improvement", "inadequate")
GRADE_LABELS: dict[str, str] = {
    "outstanding": "Outstanding",
    "good": "Good",
    "requires_improvement": "Requires improvement",
    "inadequate": "Inadequate",
}


def audit_grades(store: Store, start: dt.date, end: dt.date) -> list[tuple[str, str]]:
    """(graded_at UTC text, grade) for every case audit graded in the period, oldest first."""
    exists = store.conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_items'"
    ).fetchone()
    if exists is None:
        return []
    cols = {r[1] for r in store.conn.execute("PRAGMA table_info(audit_items)")}
    if not {"grade", "graded_at"} <= cols:
        return []
    rows = store.conn.execute(
        "SELECT graded_at, grade FROM audit_items WHERE grade IS NOT NULL AND graded_at >= ?"
        " AND graded_at < ? ORDER BY graded_at",
        (utc_bound(start), utc_bound(end + dt.timedelta(days=1))),
    ).fetchall()
    return [(str(a), str(g)) for a, g in rows if g in GRADES]
