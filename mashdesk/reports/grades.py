"""Case-audit grades for reports, read through one function.

Grades live in mashdesk.quality's audit_items table. This reader filters by period (London
months, like every other figure in the scrutiny report) and returns [] for a store that has no
grading table, so a report never fails for want of case audits.
"""

from __future__ import annotations

import datetime as dt

from mashdesk.exports.period import utc_bound
from mashdesk.quality import GRADE_LABELS, GRADES
from mashdesk.store import Store

__all__ = ["GRADES", "GRADE_LABELS", "audit_grades"]


def audit_grades(store: Store, start: dt.date, end: dt.date) -> list[tuple[str, str]]:
    """(graded_at UTC text, grade) for every case audit graded in the period, oldest first."""
    exists = store.conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_items'").fetchone()
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
