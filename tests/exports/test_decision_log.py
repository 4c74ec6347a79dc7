"""Decision log exports: filters, formula neutralisation, pseudonymisation, permission, audit."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
from pathlib import Path

import openpyxl
import pytest

from mashdesk.accounts.permissions import PermissionDenied
from mashdesk.audit import verify_store
from mashdesk.exports.cells import neutralise
from mashdesk.exports.decision_log import COLUMNS, DecisionFilters, count_records
from mashdesk.exports.pseudonym import Pseudonymiser
from mashdesk.exports.service import export_decisions
from mashdesk.exports.writers import write_csv, write_xlsx
from mashdesk.progress import Cancelled

NASTY = ["=cmd|' /C calc'!A0", "+1", "-1", "@SUM(A1:A9)", "\tstarts with tab", "\rstarts with CR"]


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("value", NASTY)
def test_neutralise_each_formula_start(value: str) -> None:
    assert neutralise(value) == "'" + value
    assert neutralise("plain " + value) == "plain " + value


def test_csv_and_xlsx_never_hold_a_formula(tmp_path: Path) -> None:
    rows = [[v, 7, -1] for v in NASTY]
    write_csv(tmp_path / "x.csv", ["text", "n", "negative"], rows)
    back = list(csv.reader((tmp_path / "x.csv").open(encoding="utf-8-sig", newline="")))
    assert [r[0] for r in back[1:]] == ["'" + v for v in NASTY]
    assert back[1][2] == "-1"  # a real number stays a number
    write_xlsx(tmp_path / "x.xlsx", ["text", "n", "negative"], rows)
    ws = openpyxl.load_workbook(tmp_path / "x.xlsx").active
    cells = [r[0] for r in ws.iter_rows(min_row=2)]
    # Without lxml, XML reading turns a stored CR into LF; the apostrophe is what matters.
    got = [c.value.replace("\r", "\n") for c in cells]
    assert got == ["'" + v.replace("\r", "\n") for v in NASTY]
    assert all(c.data_type == "s" for c in cells)
    assert [r[2].value for r in ws.iter_rows(min_row=2)] == [-1] * len(NASTY)


def test_export_rows_and_hostile_text(store, scenario, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "log.csv"
    result = export_decisions(store, scenario.cast.quality, out, fmt="csv")
    rows = _csv_rows(out)
    # 8 screening decisions and 7 oversight records.
    assert result.rows == len(rows) == 15
    assert list(rows[0]) == list(COLUMNS)
    hostile = [r for r in rows if r["Contact ID"] == str(scenario.ids["c8"])]
    screening = next(r for r in hostile if r["Record type"] == "screening")
    assert screening["Rationale"].startswith("'=cmd")
    assert "R&D <b>unclosed" in screening["Rationale"]
    assert screening["Referrer email"] == "'=evil@sch.example"
    assert screening["Children"] == "Zoë Łukasiewicz"
    xlsx = tmp_path / "log.xlsx"
    export_decisions(store, scenario.cast.quality, xlsx, fmt="xlsx")
    ws = openpyxl.load_workbook(xlsx).active
    values = list(ws.iter_rows(values_only=True))
    assert list(values[0]) == list(COLUMNS) and len(values) == 16
    assert not any(c.data_type == "f" for row in ws.iter_rows() for c in row), "no cell may be a formula"
    received = ws.cell(row=2, column=COLUMNS.index("Received (London time)") + 1)
    assert received.is_date and received.number_format == "dd/mm/yyyy hh:mm"


def test_filters(store, scenario) -> None:  # type: ignore[no-untyped-def]
    c, ids = scenario.cast, scenario.ids
    assert count_records(store, DecisionFilters()) == 15
    # Records made in February 2026: c2 and c3, screening and oversight each.
    feb = DecisionFilters(date_from=dt.date(2026, 2, 1), date_to=dt.date(2026, 2, 28))
    assert count_records(store, feb) == 4
    assert count_records(store, DecisionFilters(desk="desk-2")) == 2  # c4
    assert count_records(store, DecisionFilters(worker=c.worker2.username)) == 2
    assert count_records(store, DecisionFilters(worker="WORKER")) == 13  # case-insensitive
    sd = DecisionFilters(routing="strategy_discussion")
    assert count_records(store, sd) == 6  # c7, c2, c3
    trig = DecisionFilters(trigger="disclosure_physical_abuse")
    assert count_records(store, trig) == 4  # c2, c3
    assert count_records(store, DecisionFilters(trigger="fgm")) == 2  # c7
    changed = DecisionFilters(changed_by_manager=True)
    assert count_records(store, changed) == 2  # c5
    both = DecisionFilters(changed_by_manager=True, routing="early_help")
    assert count_records(store, both) == 2
    assert count_records(store, DecisionFilters(routing="information_advice")) == 2  # c8 only
    assert ids["c6"]  # awaiting oversight: no final routing, so no routing filter matches it
    with pytest.raises(ValueError):
        DecisionFilters(routing="send_a_letter")
    with pytest.raises(ValueError):
        DecisionFilters(date_from=dt.date(2026, 2, 2), date_to=dt.date(2026, 2, 1))


def test_pseudonymised_export_is_consistent_and_hides_identifiers(store, scenario, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "pseudo.csv"
    export_decisions(store, scenario.cast.quality, out, fmt="csv", pseudonymise=True)
    text = out.read_text(encoding="utf-8-sig")
    real_values = (
        "Ava Testwood",
        "Noah",
        "Zoë",
        "Łukasiewicz",
        "Sally Sample",
        "07700 900123",
        "sally.sample@sch.example",
        "2015-03-01",
        "Wren Worker",
        "Mina Manager",
    )
    for real in real_values:
        assert real not in text, real
    rows = _csv_rows(out)
    ava_rows = {r["Children"] for r in rows if r["Children"].count("Person-") == 1
                and r["Children's ages at contact"] in ("9", "10", "11")}  # fmt: skip
    assert len(ava_rows) == 1, "Ava has one token across all her contacts"
    ava = ava_rows.pop()
    c4 = [r for r in rows if "; " in r["Children"]]
    assert c4 and all(r["Children"].startswith(ava + "; ") for r in c4)
    # The same contact's records share a contact token; different contacts do not.
    assert len({r["Contact ID"] for r in rows}) == 8
    hostile = next(r for r in rows if r["Rationale"].startswith("'=cmd"))
    zoe = hostile["Children"]
    assert zoe.startswith("Person-") and zoe in hostile["Rationale"]
    assert hostile["Children's dates of birth"] == "withheld"
    assert hostile["Referrer phone"].startswith("phone-")
    assert hostile["Referrer email"].endswith("@pseudonymised.invalid")
    assert hostile["Record SHA-256"] == ""
    staff = {r["Recorded by"] for r in rows}
    assert all(s.startswith("Person-") for s in staff) and len(staff) == 4
    # A second export draws a new key: tokens cannot be joined across exports.
    out2 = tmp_path / "pseudo2.csv"
    export_decisions(store, scenario.cast.quality, out2, fmt="csv", pseudonymise=True)
    assert ava not in out2.read_text(encoding="utf-8-sig")


def test_pseudonymiser_free_text() -> None:
    p = Pseudonymiser(key=b"k" * 32)
    text = p.text(
        "Ava told Ms Sample (sally@sch.example, 07700 900123) that Ava Testwood is scared.",
        ["Ava Testwood", "Sally Sample"],
    )
    ava = p.person("Ava Testwood")
    assert text.count(ava) == 2 and "Ava" not in text.replace(ava, "")
    assert p.person("Sally Sample") in text and "sally@" not in text and "900123" not in text
    assert p.person("ava  testwood") == ava  # normalised: case and spacing


def test_social_worker_and_administrator_cannot_export(store, scenario, tmp_path) -> None:  # type: ignore[no-untyped-def]
    for who in (scenario.cast.worker, scenario.cast.admin):
        out = tmp_path / f"{who.username}.csv"
        with pytest.raises(PermissionDenied):
            export_decisions(store, who, out, fmt="csv")
        assert not out.exists()
    events = store.conn.execute("SELECT count(*) FROM audit_events WHERE action LIKE 'export.%'").fetchone()[0]
    assert events == 0


def test_export_is_audited_with_filters_rows_and_hash(store, scenario, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "log.xlsx"
    filters = DecisionFilters(routing="strategy_discussion", date_from=dt.date(2026, 1, 1))
    result = export_decisions(store, scenario.cast.manager, out, fmt="xlsx", filters=filters)
    digest = hashlib.sha256(out.read_bytes()).hexdigest()
    ev = store.conn.execute(
        "SELECT actor, action, entity, details FROM audit_events ORDER BY seq DESC LIMIT 1"
    ).fetchone()
    assert ev[0] == "manager" and ev[1] == "export.decisions" and ev[2] == "export"
    import json

    details = json.loads(ev[3])
    assert details["kind"] == "decisions" and details["format"] == "xlsx"
    assert details["filters"] == {"date_from": "2026-01-01", "routing": "strategy_discussion"}
    assert details["rows"] == result.rows == 4 and details["sha256"] == digest == result.sha256
    assert details["pseudonymised"] is False
    assert verify_store(store).ok


class _CancelAt:
    def __init__(self, after: int) -> None:
        self.calls = 0
        self.after = after
        self.seen: list[tuple[int, int | None]] = []

    def report(self, done: int, total: int | None = None, message: str = "") -> None:
        self.seen.append((done, total))

    def cancelled(self) -> bool:
        self.calls += 1
        return self.calls > self.after


def test_cancel_leaves_no_file_and_no_event(store, scenario, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import mashdesk.exports.writers as writers

    monkeypatch.setattr(writers, "_REPORT_EVERY", 1)
    out = tmp_path / "log.csv"
    progress = _CancelAt(after=3)
    with pytest.raises(Cancelled):
        export_decisions(store, scenario.cast.quality, out, fmt="csv", progress=progress)
    assert not out.exists() and not list(tmp_path.glob("*.part"))
    assert progress.seen and progress.seen[0][1] == 15
    n = store.conn.execute("SELECT count(*) FROM audit_events WHERE action LIKE 'export.%'")
    assert n.fetchone()[0] == 0


def test_streamed_xlsx_reads_back_typed(tmp_path: Path) -> None:
    rows = [
        ['R&D <b> "q" Zoë\x07', 3, 2.5, dt.datetime(2026, 3, 29, 1, 30), dt.date(2024, 2, 29)],
        ["x" * 40_000, None, "", None, None],
    ]
    write_xlsx(tmp_path / "s.xlsx", ["a", "b", "c", "d", "e"], rows, sheet="Log & more")
    wb = openpyxl.load_workbook(tmp_path / "s.xlsx")
    ws = wb["Log & more"]
    assert ws.freeze_panes == "A2" and ws["A1"].font.b
    a, b, c, d, e = (cell for cell in next(ws.iter_rows(min_row=2, max_row=2)))
    assert a.value == 'R&D <b> "q" Zoë' and b.value == 3 and c.value == 2.5
    assert d.value == dt.datetime(2026, 3, 29, 1, 30) and d.number_format == "dd/mm/yyyy hh:mm"
    assert e.value == dt.datetime(2024, 2, 29) and e.number_format == "dd/mm/yyyy"
    long = ws["A3"].value
    assert len(long) == 32_767 and long.endswith("[truncated: the full text is in the CSV export]")
    assert ws["B3"].value is None and ws["C3"].value is None


def test_pdf_refuses_too_many_contacts(store, scenario, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import mashdesk.exports.service as service

    monkeypatch.setattr(service, "MAX_PDF_CONTACTS", 3)
    with pytest.raises(ValueError, match="8 contacts match"):
        export_decisions(store, scenario.cast.quality, tmp_path / "x.pdf", fmt="pdf")
    assert not (tmp_path / "x.pdf").exists()
    one = DecisionFilters(desk="desk-2")
    assert export_decisions(store, scenario.cast.quality, tmp_path / "y.pdf", fmt="pdf",
                            filters=one).rows == 2  # fmt: skip
