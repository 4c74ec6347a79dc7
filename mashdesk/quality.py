"""Case-audit sampling and grading for the quality lead: draw a random sample of decided
contacts, grade each (Ofsted's four grades) with comments, and see grades over time.

Qt-free; the desktop app's quality view and any report read through these functions.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from sqlite_utils import Database, Migrations

from mashdesk.store import Store

MIGRATIONS = Migrations("mashdesk.quality")

GRADES: tuple[str, ...] = ("outstanding", "good", "requires_improvement", "inadequate")
GRADE_LABELS: dict[str, str] = {
    "outstanding": "Outstanding",
    "good": "Good",
    "requires_improvement": "Requires improvement",
    "inadequate": "Inadequate",
}
# Statuses whose screening decision exists and can be audited.
AUDITABLE_STATUSES: tuple[str, ...] = ("awaiting_oversight", "decided")


class QualityError(ValueError):
    """A sampling or grading request that cannot be carried out; the message says why."""


@MIGRATIONS()
def m001_audit(db: Database) -> None:
    db.execute(
        """CREATE TABLE audit_samples (
            id INTEGER PRIMARY KEY,
            drawn_at TEXT NOT NULL,
            drawn_by TEXT NOT NULL,
            requested INTEGER NOT NULL,
            seed INTEGER NOT NULL,
            period_start TEXT,
            period_end TEXT
        )"""
    )
    db.execute(
        """CREATE TABLE audit_items (
            id INTEGER PRIMARY KEY,
            sample_id INTEGER NOT NULL REFERENCES audit_samples(id),
            contact_id INTEGER NOT NULL REFERENCES contacts(id),
            grade TEXT CHECK (grade IS NULL OR grade IN
                ('outstanding', 'good', 'requires_improvement', 'inadequate')),
            comments TEXT,
            graded_by TEXT,
            graded_at TEXT,
            UNIQUE (sample_id, contact_id)
        )"""
    )
    db.execute("CREATE INDEX audit_items_graded ON audit_items(graded_at)")


@dataclass(frozen=True)
class Sample:
    id: int
    drawn_at: str
    drawn_by: str
    requested: int
    size: int
    graded: int


@dataclass(frozen=True)
class AuditItem:
    sample_id: int
    contact_id: int
    received_at: str
    channel: str
    subject: str
    status: str
    grade: str | None
    comments: str
    graded_by: str | None
    graded_at: str | None


@dataclass(frozen=True)
class GradePeriod:
    period: str  # YYYY-MM
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def draw_sample(
    store: Store,
    size: int,
    drawn_by: str,
    *,
    seed: int | None = None,
    period_start: str | None = None,
    period_end: str | None = None,
) -> int:
    """Draw `size` decided contacts at random (received within the period, if given).

    The seed is recorded so the same draw can be reproduced for an inspector.
    """
    if size < 1:
        raise QualityError("a sample needs at least one decision")
    if not drawn_by:
        raise QualityError("a sample must say who drew it")
    seed = random.SystemRandom().randrange(2**31) if seed is None else seed
    where = [f"status IN ({', '.join('?' for _ in AUDITABLE_STATUSES)})"]
    params: list[object] = list(AUDITABLE_STATUSES)
    if period_start:
        where.append("received_at >= ?")
        params.append(period_start)
    if period_end:
        where.append("received_at < ?")
        params.append(period_end)
    ids = [r[0] for r in store.conn.execute(f"SELECT id FROM contacts WHERE {' AND '.join(where)} ORDER BY id", params)]
    if not ids:
        raise QualityError("there are no screened decisions to sample in that period")
    chosen = sorted(random.Random(seed).sample(ids, min(size, len(ids))))
    with store.write() as db:
        cur = db.conn.execute(
            "INSERT INTO audit_samples (drawn_at, drawn_by, requested, seed, period_start, period_end) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (_now(), drawn_by, size, seed, period_start, period_end),
        )
        sample_id = int(cur.lastrowid or 0)
        db.conn.executemany(
            "INSERT INTO audit_items (sample_id, contact_id) VALUES (?, ?)", [(sample_id, cid) for cid in chosen]
        )
    return int(sample_id)


def samples(store: Store) -> list[Sample]:
    rows = store.conn.execute(
        """SELECT s.id, s.drawn_at, s.drawn_by, s.requested, count(i.id), count(i.grade)
           FROM audit_samples s LEFT JOIN audit_items i ON i.sample_id = s.id
           GROUP BY s.id ORDER BY s.id DESC"""
    ).fetchall()
    return [Sample(*r) for r in rows]


def sample_items(store: Store, sample_id: int) -> list[AuditItem]:
    rows = store.conn.execute(
        """SELECT i.sample_id, i.contact_id, c.received_at, c.channel,
                  coalesce(nullif(c.subject, ''), substr(c.body_text, 1, 80), ''), c.status,
                  i.grade, coalesce(i.comments, ''), i.graded_by, i.graded_at
           FROM audit_items i JOIN contacts c ON c.id = i.contact_id
           WHERE i.sample_id = ? ORDER BY c.received_at, c.id""",
        (sample_id,),
    ).fetchall()
    return [AuditItem(*r) for r in rows]


def grade(store: Store, sample_id: int, contact_id: int, grade: str, comments: str, graded_by: str) -> None:
    """Record (or revise) the grade of one sampled decision."""
    if grade not in GRADES:
        raise QualityError(f"unknown grade {grade!r}; use one of {', '.join(GRADES)}")
    if grade in ("requires_improvement", "inadequate") and not comments.strip():
        raise QualityError("say what needs to improve: a grade below good needs comments")
    if not graded_by:
        raise QualityError("a grade must say who gave it")
    with store.write() as db:
        cur = db.conn.execute(
            """UPDATE audit_items SET grade = ?, comments = ?, graded_by = ?, graded_at = ?
               WHERE sample_id = ? AND contact_id = ?""",
            (grade, comments.strip(), graded_by, _now(), sample_id, contact_id),
        )
        if cur.rowcount != 1:
            raise QualityError(f"contact {contact_id} is not in audit sample {sample_id}")


def grades_over_time(store: Store) -> list[GradePeriod]:
    """Grades given per calendar month (by when they were graded), oldest first."""
    rows = store.conn.execute(
        """SELECT substr(graded_at, 1, 7) AS period, grade, count(*)
           FROM audit_items WHERE grade IS NOT NULL GROUP BY period, grade ORDER BY period"""
    ).fetchall()
    periods: dict[str, dict[str, int]] = {}
    for period, g, n in rows:
        periods.setdefault(period, dict.fromkeys(GRADES, 0))[g] = n
    return [GradePeriod(p, c) for p, c in periods.items()]
