"""Exports from the quality view: run through the task runner, refused by the core for roles
that may not export, and hidden from them in the first place."""

from __future__ import annotations

import csv

from PySide6.QtWidgets import QFileDialog

from mashdesk.exports.decision_log import COLUMNS
from tests.ui.factories import add_contact
from ui.exports_panel import ExportsPanel
from ui.quality_view import QualityView


def _save_to(monkeypatch, path):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), "")))


def _tab_titles(view):
    return [view.tabs.tabText(i) for i in range(view.tabs.count())]


def test_quality_lead_exports_the_decision_log_as_csv(qtbot, store, make_ctx, tmp_path, monkeypatch):
    for i in range(3):
        add_contact(store, subject=f"decided {i} (synthetic)", status="decided")
    view = QualityView(make_ctx(store, role="quality_lead"))
    qtbot.addWidget(view)
    assert "&Exports" in _tab_titles(view)
    panel = view.exports
    out = tmp_path / "exports" / "decision-log"  # no suffix: the panel adds .csv
    _save_to(monkeypatch, out)
    panel.dec_format.setCurrentIndex(panel.dec_format.findData("csv"))
    panel.dec_button.click()
    written = out.with_name("decision-log.csv")
    qtbot.waitUntil(lambda: panel.task is not None and panel.task.is_done, timeout=10_000)
    assert panel.error.text() == ""
    assert written.exists()
    with written.open(newline="", encoding="utf-8-sig") as fh:
        header = next(csv.reader(fh))
    assert tuple(header) == COLUMNS
    assert str(written) in panel.status.text()
    assert panel.result.sha256 in panel.status.text()
    assert f"{panel.result.rows} rows" in panel.status.text()
    assert panel.dec_button.isEnabled() and not panel.cancel_button.isVisible()
    events = list(store.db.query("SELECT action, actor FROM audit_events WHERE action LIKE 'export.%'"))
    assert [(e["action"], e["actor"]) for e in events] == [("export.decisions", "ql.demo")]


def test_social_worker_is_not_offered_exports_and_the_core_refuses(qtbot, store, make_ctx, tmp_path, monkeypatch):
    ctx = make_ctx(store, role="social_worker")
    view = QualityView(ctx)
    qtbot.addWidget(view)
    assert view.exports is None
    assert "&Exports" not in _tab_titles(view)
    # Even if the panel were reached, the core refuses and the panel shows its plain message.
    panel = ExportsPanel(ctx)
    qtbot.addWidget(panel)
    out = tmp_path / "refused.csv"
    _save_to(monkeypatch, out)
    panel.dec_button.click()
    qtbot.waitUntil(lambda: panel.task is not None and panel.task.is_done, timeout=10_000)
    assert "failed" in panel.error.text() and "export" in panel.error.text().lower()
    assert not out.exists()
    assert panel.status.text() == ""
    assert list(store.db.query("SELECT action FROM audit_events WHERE action LIKE 'export.%'")) == []


def test_annex_a_dates_default_to_the_last_six_months(qtbot, store, make_ctx):
    panel = ExportsPanel(make_ctx(store, role="manager"))
    qtbot.addWidget(panel)
    start, end = panel.annex_from.date(), panel.annex_to.date()
    assert start < end and 179 <= start.daysTo(end) <= 185


def test_reversed_date_range_is_refused_before_asking_for_a_file(qtbot, store, make_ctx, monkeypatch):
    panel = ExportsPanel(make_ctx(store, role="quality_lead"))
    qtbot.addWidget(panel)
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: asked.append(a) or ("", "")))
    panel.scrutiny_from.setDate(panel.scrutiny_to.date().addDays(1))
    panel.scrutiny_button.click()
    assert panel.error.text() == "The start date is after the end date."
    assert asked == [] and panel.task is None


def test_annex_a_scrutiny_and_pdf_log_are_written_and_audited(qtbot, store, make_ctx, tmp_path, monkeypatch):
    for i in range(2):
        add_contact(store, subject=f"decided {i} (synthetic)", status="decided")
    panel = ExportsPanel(make_ctx(store, role="manager"))
    qtbot.addWidget(panel)
    runs = [
        (panel.annex_button, "annex.xlsx", b"PK"),
        (panel.scrutiny_button, "scrutiny.pdf", b"%PDF"),
    ]
    panel.dec_format.setCurrentIndex(panel.dec_format.findData("pdf"))
    runs.append((panel.dec_button, "log.pdf", b"%PDF"))
    for button, name, magic in runs:
        _save_to(monkeypatch, tmp_path / name)
        button.click()
        qtbot.waitUntil(lambda: panel.task is not None and panel.task.is_done, timeout=10_000)
        assert panel.error.text() == "", panel.error.text()
        assert (tmp_path / name).read_bytes().startswith(magic)
        assert panel.result.path == tmp_path / name
    actions = [
        r["action"] for r in store.db.query("SELECT action FROM audit_events WHERE action LIKE 'export.%' ORDER BY seq")
    ]
    assert actions == ["export.annex_a", "export.scrutiny_report", "export.decisions"]


def test_cancel_reports_that_no_file_was_written(qtbot, store, make_ctx, tmp_path, monkeypatch):
    import threading

    import ui.exports_panel as exports_panel
    from mashdesk.progress import Cancelled

    started = threading.Event()

    def slow_export(progress, store, user, out, *args):
        started.set()
        while not progress.cancelled():
            progress.report(1, 2, "working")
        raise Cancelled("stopped")

    monkeypatch.setattr(exports_panel, "run_scrutiny", slow_export)
    panel = ExportsPanel(make_ctx(store, role="quality_lead"))
    qtbot.addWidget(panel)
    _save_to(monkeypatch, tmp_path / "never.pdf")
    panel.scrutiny_button.click()
    assert started.wait(5)
    assert panel.cancel_button.isVisibleTo(panel) and not panel.scrutiny_button.isEnabled()
    panel.cancel_button.click()
    qtbot.waitUntil(lambda: panel.task.is_done, timeout=5_000)
    assert "cancelled" in panel.status.text()
    assert not (tmp_path / "never.pdf").exists()
    assert panel.scrutiny_button.isEnabled()
