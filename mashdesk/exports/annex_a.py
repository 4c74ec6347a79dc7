"""Ofsted Annex A List 1 (contacts) and List 3 (referrals) as one XLSX workbook.

Column names, order and code labels follow ../shared/domain.md section 5. Choices made here,
also written into the workbook's Notes sheet:
- One row per child per contact; a contact where intake found no child gets one row with the
  child columns blank, so it is still counted and can be completed by hand.
- Child Unique ID: "C" + the smallest child row id among the rows judged to be the same child
  (see mashdesk.exports.children).
- Gender: MASHdesk does not record a child's gender, so every row says "c) Not stated/recorded".
- Ethnicity: not recorded either, so every row carries the census "information not yet
  obtained" code, "t) NOBT".
- Date of Birth: a real Excel date (dd/mm/yyyy); for an unborn child the expected date of
  delivery, with Age blank. Age of Child (Years): whole years on the date of contact.
- Dates of contact and referral: the London calendar day the contact was received.
- List 3 referrals: contacts whose final decision (newest oversight record) routed them to
  child_and_family_assessment or strategy_discussion, received within the period.
- Referral NFA?: "b) No" for every referral: routing to an assessment or a strategy discussion
  is action; what happens after the front door is recorded in the case management system.
- Number of Referrals in Last 12 Months: the same child's referrals received in the 12 months
  before this one (not counting this one, nor other contacts of the same linked incident).
- Allocated Team / Worker: the front-door desk that signed the referral off and the worker who
  screened it; allocation beyond the front door lives in the case management system.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mashdesk.domain import ANNEX_A_SOURCE_LABELS
from mashdesk.exports.children import ChildIndex, ChildRow, Referral, child_index, referrals
from mashdesk.exports.period import (
    age_years,
    london_date,
    months_before,
    today_london,
    utc_bound,
)
from mashdesk.exports.writers import XlsxSheet, new_workbook
from mashdesk.progress import Cancelled, NullProgress, Progress
from mashdesk.store import Store

COMMON_COLUMNS: tuple[str, ...] = (
    "Child Unique ID",
    "Gender",
    "Ethnicity",
    "Date of Birth",
    "Age of Child (Years)",
)
LIST1_COLUMNS: tuple[str, ...] = (*COMMON_COLUMNS, "Date of Contact", "Contact Source")
LIST3_COLUMNS: tuple[str, ...] = (
    *COMMON_COLUMNS,
    "Date of Referral",
    "Referral Source",
    "Referral NFA?",
    "Number of Referrals in Last 12 Months",
    "Allocated Team",
    "Allocated Worker",
)
LIST1_SHEET = "List 1 Contacts"
LIST3_SHEET = "List 3 Referrals"

GENDER_LABELS: dict[str, str] = {
    "male": "a) Male",
    "female": "b) Female",
    "not_stated": "c) Not stated/recorded",
    "neither": "d) Neither",
}
# CIN census ethnicity codes as Annex A letters them (a) WBRI ... t) NOBT, the order councils use).
ETHNICITY_LABELS: dict[str, str] = {
    code: f"{letter}) {code}"
    for letter, code in zip(
        "abcdefghijklmnopqrst",
        (
            "WBRI", "WIRI", "WIRT", "WOTH", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND",
            "APKN", "ABAN", "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT",
        ),
        strict=True,
    )
}  # fmt: skip
GENDER_NOT_RECORDED = GENDER_LABELS["not_stated"]
ETHNICITY_NOT_OBTAINED = ETHNICITY_LABELS["NOBT"]
NFA_YES, NFA_NO = "a) Yes", "b) No"
DEFAULT_MONTHS = 6


@dataclass
class AnnexAResult:
    start: dt.date
    end: dt.date
    list1_rows: int = 0
    list3_rows: int = 0
    contacts: int = 0
    referrals: int = 0
    rows_without_child: int = 0
    unborn_rows: int = 0
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "list1_rows": self.list1_rows,
            "list3_rows": self.list3_rows,
            "contacts": self.contacts,
            "referrals": self.referrals,
            "rows_without_child": self.rows_without_child,
            "unborn_rows": self.unborn_rows,
        }


def default_period(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The last six months up to and including today (London)."""
    end = today or today_london()
    return months_before(end, DEFAULT_MONTHS), end


def _date(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def _child_cells(child: ChildRow | None, ids: ChildIndex, on: dt.date) -> list[Any]:
    if child is None:
        return ["", GENDER_NOT_RECORDED, ETHNICITY_NOT_OBTAINED, None, None]
    if child.unborn:
        return [ids.unique_id[child.id], GENDER_NOT_RECORDED, ETHNICITY_NOT_OBTAINED,
                _date(child.edd), None]  # fmt: skip
    born = _date(child.dob)
    age = age_years(born, on) if born is not None and born <= on else None
    return [ids.unique_id[child.id], GENDER_NOT_RECORDED, ETHNICITY_NOT_OBTAINED, born, age]


def _children(ids: ChildIndex, contact_id: int) -> list[ChildRow | None]:
    rows: list[ChildRow | None] = list(ids.rows.get(contact_id, []))
    return rows or [None]


def list1_rows(
    store: Store, ids: ChildIndex, start: dt.date, end: dt.date, result: AnnexAResult
) -> Iterator[list[Any]]:
    cur = store.conn.execute(
        "SELECT id, received_at, source_code FROM contacts WHERE received_at >= ?"
        " AND received_at < ? ORDER BY received_at, id",
        (utc_bound(start), utc_bound(end + dt.timedelta(days=1))),
    )
    while batch := cur.fetchmany(1000):
        for cid, received, source in batch:
            result.contacts += 1
            on = london_date(received)
            label = ANNEX_A_SOURCE_LABELS.get(source or "10", ANNEX_A_SOURCE_LABELS["10"])
            for child in _children(ids, cid):
                result.rows_without_child += child is None
                result.unborn_rows += bool(child and child.unborn)
                yield [*_child_cells(child, ids, on), on, label]


def previous_referral_counts(ids: ChildIndex, all_referrals: list[Referral]) -> dict[tuple[int, str], int]:
    """(contact id, child unique id) -> the child's referrals in the 12 months before this one."""
    history: dict[str, list[tuple[str, int, int | None]]] = {}
    for ref in all_referrals:
        for child in ids.rows.get(ref.contact_id, []):
            history.setdefault(ids.unique_id[child.id], []).append((ref.received_at, ref.contact_id, ref.group_id))
    counts: dict[tuple[int, str], int] = {}
    for uid, items in history.items():
        items.sort()
        times = [t for t, _c, _g in items]
        for at, cid, group in items:
            since = utc_bound(months_before(london_date(at), 12))
            lo = bisect.bisect_left(times, since)
            n = 0
            for t, other, other_group in items[lo:]:
                if t >= at:
                    break
                if other != cid and not (group is not None and other_group == group):
                    n += 1
            counts[(cid, uid)] = n
    return counts


def list3_rows(
    ids: ChildIndex,
    all_referrals: list[Referral],
    start: dt.date,
    end: dt.date,
    result: AnnexAResult,
) -> Iterator[list[Any]]:
    counts = previous_referral_counts(ids, all_referrals)
    lo, hi = utc_bound(start), utc_bound(end + dt.timedelta(days=1))
    for ref in all_referrals:
        if not (lo <= ref.received_at < hi):
            continue
        result.referrals += 1
        on = london_date(ref.received_at)
        label = ANNEX_A_SOURCE_LABELS.get(ref.source_code or "10", ANNEX_A_SOURCE_LABELS["10"])
        for child in _children(ids, ref.contact_id):
            cells = _child_cells(child, ids, on)
            n = counts.get((ref.contact_id, ids.unique_id[child.id]), 0) if child else None
            yield [*cells, on, label, NFA_NO, n, ref.team or "", ref.worker or ""]


def _doc_bullets(doc: str) -> tuple[str, ...]:
    items: list[str] = []
    for line in doc.splitlines():
        if line.startswith("- "):
            items.append(line[2:].strip())
        elif items and line.startswith("  ") and line.strip():
            items[-1] += " " + line.strip()
    return tuple(items)


NOTES: tuple[str, ...] = _doc_bullets(__doc__ or "")


def write_annex_a(
    store: Store,
    path: Path,
    start: dt.date | None = None,
    end: dt.date | None = None,
    progress: Progress | None = None,
) -> AnnexAResult:
    """Write List 1 and List 3 (and a Notes sheet saying how each column was filled)."""
    progress = progress or NullProgress()
    if start is None or end is None:
        d_start, d_end = default_period(end)
        start, end = start or d_start, end or d_end
    if start > end:
        raise ValueError("The start date is after the end date.")
    result = AnnexAResult(start, end)
    progress.report(0, 3, "matching children across contacts")
    conn = store.conn
    own = not conn.in_transaction
    if own:
        conn.execute("BEGIN")  # one snapshot for both lists
    try:
        ids = child_index(store)
        all_refs = referrals(store)
        if progress.cancelled():
            raise Cancelled("Annex A export cancelled")
        wb = new_workbook()
        widths = [16, 22, 14, 14, 12, 14, 34, 14, 12, 16, 22, 26]
        sheet1 = XlsxSheet(wb, LIST1_SHEET, LIST1_COLUMNS, widths[:7])
        progress.report(1, 3, "List 1: contacts")
        for row in list1_rows(store, ids, start, end, result):
            sheet1.append(row)
            result.list1_rows += 1
            if result.list1_rows % 2000 == 0 and progress.cancelled():
                raise Cancelled("Annex A export cancelled")
        progress.report(2, 3, "List 3: referrals")
        sheet3 = XlsxSheet(wb, LIST3_SHEET, LIST3_COLUMNS, widths[:5] + [14, 34, 12, 16, 22, 26])
        for row in list3_rows(ids, all_refs, start, end, result):
            sheet3.append(row)
            result.list3_rows += 1
    finally:
        if own:
            conn.execute("COMMIT")
    notes = XlsxSheet(wb, "Notes", ["How this workbook was made"], [120])
    notes.append([f"Period: {start:%d/%m/%Y} to {end:%d/%m/%Y} (dates received, London time)."])
    for line in NOTES:
        notes.append([line])
    notes.append(
        [
            f"Contacts: {result.contacts}; List 1 rows: {result.list1_rows}; rows with no "
            f"child identified: {result.rows_without_child}; unborn: {result.unborn_rows}."
        ]
    )
    notes.append([f"Referrals: {result.referrals}; List 3 rows: {result.list3_rows}."])
    wb.save(str(path))
    progress.report(3, 3, "Annex A written")
    return result
