"""Exports from the quality view: the decision log (CSV, XLSX, PDF), Ofsted Annex A and the
scrutiny report. The core checks the `export` permission, writes the file and the audit event;
this panel only gathers choices, asks for a file name and runs the core on the task runner.

Preview: python -m ui.exports_panel
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mashdesk.domain import ROUTING_CODES, TRIGGER_CODES
from mashdesk.exports.annex_a import default_period
from mashdesk.exports.decision_log import DecisionFilters
from mashdesk.exports.service import ExportResult, export_annex_a, export_decisions, report_scrutiny
from mashdesk.store import Store
from ui.backend import error_text
from ui.context import UiContext
from ui.queue_model import humanise
from ui.tasks import TaskHandle

FILE_FILTERS = {
    "csv": "CSV files (*.csv)",
    "xlsx": "Excel workbooks (*.xlsx)",
    "pdf": "PDF documents (*.pdf)",
}


def _actor(user: Any) -> Any:
    if user is None or user.session is None:
        raise PermissionError("Sign in first.")
    return user.session


# Worker-thread bodies: the store hands each thread its own connection.
def run_decisions(progress, store: Store, user: Any, out: Path, fmt: str, filters: DecisionFilters,
                  pseudonymise: bool) -> ExportResult:  # fmt: skip
    return export_decisions(
        store, _actor(user), out, fmt=fmt, filters=filters, pseudonymise=pseudonymise, progress=progress
    )


def run_annex_a(progress, store: Store, user: Any, out: Path, start: dt.date, end: dt.date) -> ExportResult:
    return export_annex_a(store, _actor(user), out, start=start, end=end, progress=progress)


def run_scrutiny(progress, store: Store, user: Any, out: Path, start: dt.date, end: dt.date) -> ExportResult:
    return report_scrutiny(store, _actor(user), out, start=start, end=end, progress=progress)


def _qdate(d: dt.date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> dt.date:
    return dt.date(q.year(), q.month(), q.day())


def _date_edit(value: dt.date, name: str) -> QDateEdit:
    e = QDateEdit(_qdate(value))
    e.setCalendarPopup(True)
    e.setDisplayFormat("dd/MM/yyyy")
    e.setAccessibleName(name)
    return e


class ExportsPanel(QWidget):
    """One export at a time, with progress and Cancel; the result shows path, rows and SHA-256."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setAccessibleName("Exports")
        self.task: TaskHandle | None = None
        start, end = default_period(ctx.clock().date())
        layout = QVBoxLayout(self)
        layout.addWidget(self._build_decisions(start, end))
        layout.addWidget(self._build_annex_a(start, end))
        layout.addWidget(self._build_scrutiny(start, end))

        self.progress = QProgressBar()
        self.progress.setAccessibleName("Export progress")
        self.progress.hide()
        self.cancel_button = QPushButton("&Cancel export")
        self.cancel_button.setAccessibleName("Cancel export")
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        bar = QHBoxLayout()
        bar.addWidget(self.progress, 1)
        bar.addWidget(self.cancel_button)
        layout.addLayout(bar)
        self.status = QLabel()
        self.status.setAccessibleName("Export result")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)
        self.error = QLabel()
        self.error.setAccessibleName("Export error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("QLabel { color: #c03030; }")
        layout.addWidget(self.error)
        layout.addStretch(1)

    # -- forms --
    def _build_decisions(self, start: dt.date, end: dt.date) -> QGroupBox:
        box = QGroupBox("Decision log")
        self.dec_format = QComboBox()
        self.dec_format.setAccessibleName("Decision log format")
        for fmt in ("csv", "xlsx", "pdf"):
            self.dec_format.addItem(fmt.upper(), fmt)
        self.dec_dated = QCheckBox("Only contacts received between")
        self.dec_dated.setAccessibleName("Limit the decision log to a date range")
        self.dec_from = _date_edit(start, "Decision log from")
        self.dec_to = _date_edit(end, "Decision log to")
        for e in (self.dec_from, self.dec_to):
            e.setEnabled(False)
            self.dec_dated.toggled.connect(e.setEnabled)
        dates = QHBoxLayout()
        dates.addWidget(self.dec_dated)
        dates.addWidget(self.dec_from)
        dates.addWidget(QLabel("and"))
        dates.addWidget(self.dec_to)
        dates.addStretch(1)
        self.dec_routing = QComboBox()
        self.dec_routing.setAccessibleName("Decision log routing filter")
        self.dec_routing.addItem("Any routing", None)
        for c in ROUTING_CODES:
            self.dec_routing.addItem(humanise(c), c)
        self.dec_trigger = QComboBox()
        self.dec_trigger.setAccessibleName("Decision log trigger filter")
        self.dec_trigger.addItem("Any trigger", None)
        for c in TRIGGER_CODES:
            self.dec_trigger.addItem(humanise(c), c)
        self.dec_changed = QCheckBox("Only decisions changed by a manager")
        self.dec_changed.setAccessibleName("Only decisions changed by a manager")
        self.dec_pseudonymise = QCheckBox("Pseudonymise names and identifiers")
        self.dec_pseudonymise.setAccessibleName("Pseudonymise the decision log")
        self.dec_button = QPushButton("Export decision log…")
        self.dec_button.setAccessibleName("Export the decision log")
        self.dec_button.clicked.connect(self.export_decisions)
        form = QFormLayout(box)
        form.addRow("&Format", self.dec_format)
        form.addRow("Dates", dates)
        form.addRow("&Routing", self.dec_routing)
        form.addRow("&Trigger", self.dec_trigger)
        form.addRow("", self.dec_changed)
        form.addRow("", self.dec_pseudonymise)
        form.addRow("", self.dec_button)
        return box

    def _build_annex_a(self, start: dt.date, end: dt.date) -> QGroupBox:
        box = QGroupBox("Ofsted Annex A (List 1 and List 3, XLSX)")
        self.annex_from = _date_edit(start, "Annex A from")
        self.annex_to = _date_edit(end, "Annex A to")
        self.annex_button = QPushButton("Export Annex A…")
        self.annex_button.setAccessibleName("Export Ofsted Annex A")
        self.annex_button.clicked.connect(self.export_annex_a)
        form = QFormLayout(box)
        form.addRow("From", self.annex_from)
        form.addRow("To", self.annex_to)
        form.addRow("", self.annex_button)
        return box

    def _build_scrutiny(self, start: dt.date, end: dt.date) -> QGroupBox:
        box = QGroupBox("Scrutiny report (PDF)")
        self.scrutiny_from = _date_edit(start, "Scrutiny report from")
        self.scrutiny_to = _date_edit(end, "Scrutiny report to")
        self.scrutiny_button = QPushButton("Export scrutiny report…")
        self.scrutiny_button.setAccessibleName("Export the scrutiny report")
        self.scrutiny_button.clicked.connect(self.export_scrutiny)
        form = QFormLayout(box)
        form.addRow("From", self.scrutiny_from)
        form.addRow("To", self.scrutiny_to)
        form.addRow("", self.scrutiny_button)
        return box

    # -- actions --
    def _ask_path(self, title: str, default_name: str, fmt: str) -> Path | None:
        chosen, _ = QFileDialog.getSaveFileName(self, title, default_name, FILE_FILTERS[fmt])
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix.lower() == f".{fmt}" else path.with_name(f"{path.name}.{fmt}")

    def _range(self, start: QDateEdit, end: QDateEdit) -> tuple[dt.date, dt.date] | None:
        a, b = _pydate(start.date()), _pydate(end.date())
        if a > b:
            self.error.setText("The start date is after the end date.")
            return None
        return a, b

    def export_decisions(self) -> None:
        self.error.clear()
        dated = self.dec_dated.isChecked()
        span = self._range(self.dec_from, self.dec_to) if dated else (None, None)
        if span is None:
            return
        try:
            filters = DecisionFilters(
                date_from=span[0],
                date_to=span[1],
                routing=self.dec_routing.currentData(),
                trigger=self.dec_trigger.currentData(),
                changed_by_manager=self.dec_changed.isChecked(),
            )
        except ValueError as exc:
            self.error.setText(str(exc))
            return
        fmt = self.dec_format.currentData()
        out = self._ask_path("Export the decision log", f"decision-log.{fmt}", fmt)
        if out is None:
            return
        pseudo = self.dec_pseudonymise.isChecked()
        self._run("Decision log export", run_decisions, out, fmt, filters, pseudo)

    def export_annex_a(self) -> None:
        self.error.clear()
        span = self._range(self.annex_from, self.annex_to)
        if span is None:
            return
        out = self._ask_path("Export Ofsted Annex A", f"annex-a-{span[0]}-{span[1]}.xlsx", "xlsx")
        if out is not None:
            self._run("Annex A export", run_annex_a, out, *span)

    def export_scrutiny(self) -> None:
        self.error.clear()
        span = self._range(self.scrutiny_from, self.scrutiny_to)
        if span is None:
            return
        out = self._ask_path("Export the scrutiny report", f"scrutiny-{span[0]}-{span[1]}.pdf", "pdf")
        if out is not None:
            self._run("Scrutiny report", run_scrutiny, out, *span)

    def _run(self, name: str, fn, out: Path, *args: Any) -> None:
        self.status.clear()
        self._set_busy(True)
        handle = self.ctx.runner.submit(fn, self.ctx.store, self.ctx.user, out, *args, name=name)
        handle.progress.connect(self._progress)
        handle.finished.connect(self._finished)
        handle.failed.connect(lambda exc: self.error.setText(f"{name} failed: {error_text(exc)}"))
        handle.cancelled.connect(lambda: self.status.setText(f"{name} cancelled; no file was written."))
        handle.done.connect(lambda: self._set_busy(False))
        self.task = handle

    def cancel(self) -> None:
        if self.task is not None and not self.task.is_done:
            self.task.cancel()

    def _set_busy(self, busy: bool) -> None:
        for b in (self.dec_button, self.annex_button, self.scrutiny_button):
            b.setEnabled(not busy)
        self.progress.setRange(0, 0)
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)

    def _progress(self, done: int, total, message: str) -> None:
        if total:
            self.progress.setRange(0, int(total))
            self.progress.setValue(done)
        if message:
            self.progress.setFormat(message)

    def _finished(self, result: ExportResult) -> None:
        self.result = result
        self.status.setText(f"Saved {result.path}\n{result.rows} rows\nSHA-256: {result.sha256}")


def main() -> None:
    from ui.preview import run_preview

    run_preview(lambda ctx, ids: ExportsPanel(ctx), role="quality_lead")


if __name__ == "__main__":
    main()
