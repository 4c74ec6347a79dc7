"""Which child rows are the same child, and which contacts are referrals.

Same child: intake links contacts about the same child (contact_links, kind 'same_child') but
records the link per contact, not per child. Within each linked pair of contacts, a child of one
is the same child as a child of the other when the linker's own test holds (fuzzy name with the
same date of birth, or a near-identical name with no conflicting date of birth); when each of
the two contacts names exactly one child, the link itself is the match. Matches are joined
transitively (union-find), and a child's unique ID is "C" + the smallest child row id in its
group, so it stays stable as new contacts arrive.

Referral: a contact whose final decision (the newest manager oversight record) routes it to
child_and_family_assessment or strategy_discussion. A contact still awaiting oversight has no
final decision yet and is not a referral.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from mashdesk.intake.linking import NAME_ONLY, NAME_WITH_DOB
from mashdesk.store import Store

REFERRAL_ROUTINGS: tuple[str, ...] = ("child_and_family_assessment", "strategy_discussion")


@dataclass(frozen=True)
class ChildRow:
    id: int
    contact_id: int
    name: str | None
    name_key: str | None
    dob: str | None
    edd: str | None
    unborn: bool


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        parent = self.parent
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(x, x) != root:
            parent[x], x = root, parent[x]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # The smaller id is the root, so the root is the group's smallest child row id.
            lo, hi = (ra, rb) if ra < rb else (rb, ra)
            self.parent[hi] = lo


def _same(a: ChildRow, b: ChildRow) -> bool:
    if a.name_key and b.name_key:
        score = fuzz.token_sort_ratio(a.name_key, b.name_key)
        if a.dob and a.dob == b.dob and score >= NAME_WITH_DOB:
            return True
        return score >= NAME_ONLY and not (a.dob and b.dob and a.dob != b.dob)
    return bool(a.dob and a.dob == b.dob and not (a.name_key or b.name_key))


@dataclass
class ChildIndex:
    rows: dict[int, list[ChildRow]]  # contact id -> its children, in row order
    unique_id: dict[int, str]  # child row id -> child unique id


def child_index(store: Store) -> ChildIndex:
    """Every child row of the store with its child unique id (one pass; fine at 500k rows)."""
    by_contact: dict[int, list[ChildRow]] = {}
    cur = store.conn.execute("SELECT id, contact_id, name, name_key, dob, edd, unborn FROM children ORDER BY id")
    for r in cur:
        by_contact.setdefault(r[1], []).append(ChildRow(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6])))
    uf = _UnionFind()
    links = store.conn.execute("SELECT contact_id, other_id FROM contact_links WHERE kind = 'same_child'")
    for a_id, b_id in links:
        a_rows, b_rows = by_contact.get(a_id, []), by_contact.get(b_id, [])
        if len(a_rows) == 1 and len(b_rows) == 1:
            uf.union(a_rows[0].id, b_rows[0].id)
            continue
        for a in a_rows:
            for b in b_rows:
                if _same(a, b):
                    uf.union(a.id, b.id)
    unique = {child.id: f"C{uf.find(child.id)}" for rows in by_contact.values() for child in rows}
    return ChildIndex(by_contact, unique)


@dataclass(frozen=True)
class Referral:
    contact_id: int
    received_at: str
    group_id: int | None
    source_code: str
    decided_at: str
    routing: str
    team: str | None  # desk of the final oversight record
    worker: str | None  # full name of the worker whose screening decision was signed off


def referrals(store: Store) -> list[Referral]:
    """Every referral in the store, oldest first (counts over 12 months need the earlier ones)."""
    cur = store.conn.execute(
        """SELECT c.id, c.received_at, c.group_id, c.source_code, o.recorded_at, o.routing,
                  o.desk, d.author_name
           FROM contacts c
           JOIN oversight_records o ON o.id = (SELECT max(id) FROM oversight_records x
                                              WHERE x.contact_id = c.id)
           JOIN screening_decisions d ON d.id = o.decision_id
           WHERE o.routing IN (?, ?)
           ORDER BY c.received_at, c.id""",
        REFERRAL_ROUTINGS,
    )
    return [Referral(*r) for r in cur]
