"""PDF reports: deterministic bytes, text checked by extraction, user text escaped safely."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from mashdesk.accounts import clock
from mashdesk.exports.decision_log import DecisionFilters
from mashdesk.reports.common import text
from mashdesk.reports.decision_log import decision_log_pdf
from mashdesk.reports.grades import audit_grades
from mashdesk.reports.queries import decision_log_report_data, scrutiny_figures
from mashdesk.reports.scrutiny import scrutiny_pdf, timeliness
from tests.exports.conftest import NOW

START, END = dt.date(2026, 1, 1), dt.date(2026, 6, 30)


def _text(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def test_escape_markup() -> None:
    assert text("R&D <b>") == "R&amp;D &lt;b&gt;"
    assert text("line\nbreak") == "line<br/>break"


def test_decision_log_pdf_deterministic_and_escaped(store, scenario) -> None:  # type: ignore[no-untyped-def]
    with clock.at(NOW):
        data = decision_log_report_data(store, DecisionFilters())
    first, second = decision_log_pdf(data), decision_log_pdf(data)
    assert first == second, "two builds of the same data must be byte-identical"
    assert first.startswith(b"%PDF")
    content = _text(first)
    assert "R&D <b>unclosed" in content  # printed literally, never parsed as markup
    assert "Zoë Łukasiewicz" in content
    assert "Manager oversight" in content and "Screening decision" in content
    assert "Ava said her step-dad hit her" in content  # the suggestion's evidence
    assert "no marks seen" in content  # wording the rules set aside
    assert len(data.contacts) == 8
    assert sum(len(c.records) for c in data.contacts) == 15


def test_decision_log_pdf_pseudonymised(store, scenario) -> None:  # type: ignore[no-untyped-def]
    data = decision_log_report_data(store, DecisionFilters(), pseudonymise=True)
    content = _text(decision_log_pdf(data))
    assert "Pseudonymised" in content
    for real in ("Zoë", "Ava Testwood", "Sally Sample", "Wren Worker"):
        assert real not in content


def test_scrutiny_figures(store, scenario) -> None:  # type: ignore[no-untyped-def]
    f = scrutiny_figures(store, START, END, now=NOW)
    assert f.contacts == 6
    assert sum(sum(v) for v in f.week_channel.values()) == 6
    assert [m.label for m in f.months][:2] == ["Jan 2026", "Feb 2026"] and len(f.months) == 6
    tot = {k: sum(getattr(m, k) for m in f.months) for k in (
        "in_time", "late", "overdue", "pending", "decided", "referrals", "re_referrals",
        "with_suggestion", "suggestion_overridden", "manager_changed", "triggered",
        "triggered_sd")}  # fmt: skip
    assert tot == {
        "in_time": 5, "late": 0, "overdue": 1, "pending": 0, "decided": 5, "referrals": 3,
        "re_referrals": 3, "with_suggestion": 5, "suggestion_overridden": 3,
        "manager_changed": 1, "triggered": 2, "triggered_sd": 2,
    }  # fmt: skip
    feb = f.months[1]
    assert feb.routing == {"strategy_discussion": 2} and timeliness(feb) == 100.0
    assert f.months[5].overdue == 1 and timeliness(f.months[5]) == 0.0


def test_late_decision_counts_against_timeliness(store, scenario) -> None:  # type: ignore[no-untyped-def]
    # Move c8's oversight past its one-working-day point by deciding a fresh contact late.
    from tests.exports.conftest import add_contact, decide, utc

    cid = add_contact(store, utc(2026, 3, 13, 16), [("Late Child", "2014-01-01")])  # Friday
    decide(
        store, scenario.cast.worker, scenario.cast.manager, cid, "early_help", utc(2026, 3, 17, 10)
    )  # Tuesday: after Monday 16:00, one working day later
    f = scrutiny_figures(store, START, END, now=NOW)
    march = f.months[2]
    assert (march.in_time, march.late) == (1, 1)


def test_scrutiny_pdf_deterministic_with_readings(store, scenario) -> None:  # type: ignore[no-untyped-def]
    f = scrutiny_figures(store, START, END, now=NOW)
    pdf = scrutiny_pdf(f)
    assert pdf == scrutiny_pdf(f)
    content = _text(pdf)
    for heading in (
        "Contacts by week and channel",
        "Decided within one working day",
        "Routing mix over time",
        "Conversion to assessment and to strategy discussion",
        "Re-referral rate",
        "Override rate",
        "Strategy discussions where triggers fired",
        "Case-audit grades over time",
    ):
        assert heading in content
    assert "83% of contacts were decided within one working day (5 of 6)" in content
    assert "3 of 3 referrals (100%)" in content
    assert "No case audits were graded" in content


def test_grades_from_the_quality_table(store, scenario) -> None:  # type: ignore[no-untyped-def]
    from mashdesk import quality

    sample = quality.draw_sample(store, 3, "quality", seed=1)
    items = quality.sample_items(store, sample)
    quality.grade(store, sample, items[0].contact_id, "good", "", "quality")
    quality.grade(store, sample, items[1].contact_id, "inadequate", "No rationale.", "quality")
    # quality.grade stamps the real time, so the period is this month.
    today = dt.datetime.now(dt.UTC).date()
    start = today.replace(day=1)
    grades = audit_grades(store, start, today + dt.timedelta(days=1))
    assert sorted(g for _a, g in grades) == ["good", "inadequate"]
    f = scrutiny_figures(store, start, today + dt.timedelta(days=1), now=NOW)
    assert f.grades[0] == {"good": 1, "inadequate": 1}
    content = _text(scrutiny_pdf(f))
    assert "2 case audits were graded; 50% good or outstanding, 50% inadequate." in content


def test_grades_reader_tolerates_a_store_without_the_table(store) -> None:  # type: ignore[no-untyped-def]
    store.conn.execute("DROP TABLE audit_items")
    assert audit_grades(store, START, END) == []
    assert scrutiny_figures(store, START, END, now=NOW).grades == [{}] * 6


def test_scrutiny_rejects_reversed_period(store) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError):
        scrutiny_figures(store, END, START)


def test_scrutiny_on_an_empty_store(store) -> None:  # type: ignore[no-untyped-def]
    f = scrutiny_figures(store, START, END, now=NOW)
    content = _text(scrutiny_pdf(f))
    assert f.contacts == 0 and "No contacts were received in the period." in content


class _StopNow:
    def __init__(self) -> None:
        self.reports: list[tuple[int, int | None, str]] = []

    def report(self, done: int, total: int | None = None, message: str = "") -> None:
        self.reports.append((done, total, message))

    def cancelled(self) -> bool:
        return True


def test_long_work_can_be_cancelled(store, scenario, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from mashdesk.exports.service import export_annex_a, report_scrutiny
    from mashdesk.progress import Cancelled

    for run, out in (
        (lambda p, o: report_scrutiny(store, scenario.cast.quality, o, start=START, end=END,
                                      progress=p), tmp_path / "s.pdf"),
        (lambda p, o: export_annex_a(store, scenario.cast.quality, o, progress=p),
         tmp_path / "a.xlsx"),
    ):  # fmt: skip
        progress = _StopNow()
        with pytest.raises(Cancelled):
            run(progress, out)
        assert progress.reports and not out.exists()
    n = store.conn.execute("SELECT count(*) FROM audit_events WHERE action LIKE 'export.%'")
    assert n.fetchone()[0] == 0
