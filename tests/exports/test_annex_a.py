"""Annex A read back with openpyxl: exact headers, real dates, labels and referral counts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

from mashdesk.accounts import clock
from mashdesk.exports.annex_a import (
    ETHNICITY_NOT_OBTAINED,
    GENDER_NOT_RECORDED,
    LIST1_SHEET,
    LIST3_SHEET,
    default_period,
)
from mashdesk.exports.service import export_annex_a
from tests.exports.conftest import NOW

LIST1 = [
    "Child Unique ID",
    "Gender",
    "Ethnicity",
    "Date of Birth",
    "Age of Child (Years)",
    "Date of Contact",
    "Contact Source",
]
LIST3 = [
    *LIST1[:5],
    "Date of Referral",
    "Referral Source",
    "Referral NFA?",
    "Number of Referrals in Last 12 Months",
    "Allocated Team",
    "Allocated Worker",
]


def _export(store, scenario, tmp_path: Path, **kw):  # type: ignore[no-untyped-def]
    out = tmp_path / "annex.xlsx"
    with clock.at(NOW):
        result = export_annex_a(store, scenario.cast.quality, out, **kw)
    return result, openpyxl.load_workbook(out)


def _child_id(store, contact_id: int, name: str) -> str:  # type: ignore[no-untyped-def]
    # The smallest child row id among every row of that child (they are all linked).
    row = store.conn.execute("SELECT min(id) FROM children WHERE name = ?", (name,)).fetchone()
    return f"C{row[0]}"


def test_default_period_is_last_six_months() -> None:
    assert default_period(dt.date(2026, 6, 30)) == (dt.date(2025, 12, 30), dt.date(2026, 6, 30))
    assert default_period(dt.date(2026, 8, 31)) == (dt.date(2026, 2, 28), dt.date(2026, 8, 31))


def test_list1_headers_types_formats_and_rows(store, scenario, tmp_path) -> None:  # type: ignore[no-untyped-def]
    result, wb = _export(store, scenario, tmp_path)
    assert result.details["from"] == "2025-12-30" and result.details["to"] == "2026-06-30"
    ws = wb[LIST1_SHEET]
    rows = list(ws.iter_rows())
    assert [c.value for c in rows[0]] == LIST1
    body = rows[1:]
    # c2, c3, c8, c4 (Ava and Noah), c5 (unborn), c6 (no child): one row per child per contact.
    assert len(body) == 7
    assert result.details["contacts"] == 6
    ava = _child_id(store, scenario.ids["c7"], "Ava Testwood")
    noah = _child_id(store, scenario.ids["c4"], "Noah Testwood")
    unborn_id = store.conn.execute("SELECT id FROM children WHERE unborn = 1").fetchone()[0]
    expected = [ava, ava, f"C{_zoe(store)}", ava, noah, f"C{unborn_id}", None]
    assert [r[0].value for r in body] == expected
    for r in body:
        assert r[1].value == GENDER_NOT_RECORDED == "c) Not stated/recorded"
        assert r[2].value == ETHNICITY_NOT_OBTAINED == "t) NOBT"
        assert r[5].is_date and r[5].number_format == "dd/mm/yyyy"
    first = body[0]
    assert first[3].is_date and first[3].number_format == "dd/mm/yyyy"
    assert first[3].value == dt.datetime(2015, 3, 1)
    assert first[4].value == 10 and isinstance(first[4].value, int)
    assert first[5].value == dt.datetime(2026, 2, 2)
    assert first[6].value == "e) 2A: Schools"
    assert body[1][6].value == "g) 3A: GP"
    assert body[2][4].value == 13  # Zoë on 10/03/2026
    assert body[2][6].value == "s) 8: Other"
    assert body[3][4].value == 11  # Ava had her birthday on 1 March
    assert body[3][6].value == "5D: Early help"  # 5D has no Annex A letter
    assert body[4][4].value == 6
    unborn = body[5]
    assert unborn[3].value == dt.datetime(2026, 8, 1) and unborn[4].value is None
    assert unborn[6].value == "c) 1C: Self"
    nobody = body[6]
    assert nobody[0].value is None and nobody[3].value is None
    assert nobody[6].value == "t) 9: Anonymous"
    assert result.details["rows_without_child"] == 1 and result.details["unborn_rows"] == 1


def _zoe(store) -> int:  # type: ignore[no-untyped-def]
    return int(store.conn.execute("SELECT id FROM children WHERE dob = '2012-07-30'").fetchone()[0])


def test_list3_referrals_and_previous_counts(store, scenario, tmp_path) -> None:  # type: ignore[no-untyped-def]
    result, wb = _export(store, scenario, tmp_path)
    ws = wb[LIST3_SHEET]
    rows = list(ws.iter_rows())
    assert [c.value for c in rows[0]] == LIST3
    body = rows[1:]
    assert result.details["referrals"] == 3 and len(body) == 4
    ava = _child_id(store, scenario.ids["c7"], "Ava Testwood")
    noah = _child_id(store, scenario.ids["c4"], "Noah Testwood")
    got = [(r[0].value, r[5].value.date(), r[6].value, r[7].value, r[8].value, r[9].value, r[10].value) for r in body]
    assert got == [
        # c1 (Sep 2025) counts; c7 (Dec 2024) is more than 12 months before.
        (ava, dt.date(2026, 2, 2), "e) 2A: Schools", "b) No", 1, "desk-1", "Wren Worker"),
        # c2 is the same incident (linked group), so only c1 counts.
        (ava, dt.date(2026, 2, 3), "g) 3A: GP", "b) No", 1, "desk-1", "Wren Worker"),
        (ava, dt.date(2026, 4, 15), "5D: Early help", "b) No", 3, "desk-2", "Wade Worker"),
        (noah, dt.date(2026, 4, 15), "5D: Early help", "b) No", 0, "desk-2", "Wade Worker"),
    ]
    for r in body:
        assert r[3].is_date and r[3].number_format == "dd/mm/yyyy"
        assert r[5].is_date and r[5].number_format == "dd/mm/yyyy"
        assert isinstance(r[8].value, int)
    assert body[0][4].value == 10 and body[2][4].value == 11 and body[3][4].value == 6


def test_explicit_period(store, scenario, tmp_path) -> None:  # type: ignore[no-untyped-def]
    result, wb = _export(store, scenario, tmp_path, start=dt.date(2024, 12, 1), end=dt.date(2025, 12, 31))
    assert result.details["contacts"] == 2  # c7 and c1
    body = list(wb[LIST3_SHEET].iter_rows(min_row=2, values_only=True))
    assert [r[8] for r in body] == [0, 1]  # c1 (Sep 2025) is within 12 months of c7 (Dec 2024)
    assert "Notes" in wb.sheetnames


def test_awaiting_oversight_contact_not_in_list3(store, scenario, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _result, wb = _export(store, scenario, tmp_path, start=dt.date(2026, 6, 1), end=dt.date(2026, 6, 30))
    assert len(list(wb[LIST1_SHEET].iter_rows(min_row=2))) == 1  # c6
    assert list(wb[LIST3_SHEET].iter_rows(min_row=2)) == []
