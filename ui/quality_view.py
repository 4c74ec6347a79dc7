"""The quality view: the decision log with filters, the dashboard, and audit sampling with
grades over time.

Preview: python -m ui.quality_view
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mashdesk import quality
from mashdesk.domain import ROUTING_CODES
from mashdesk.views import Dashboard, DecisionLogRow, dashboard, decision_log
from ui.charts import BarChart, FigureTile
from ui.context import UiContext
from ui.exports_panel import ExportsPanel
from ui.list_model import RECEIVED_COLUMN, TRIGGERS_COLUMN, ListColumn, RecordTableModel
from ui.queue_model import OBJECT_ROLE, humanise

GRADE_COLOURS = {
    "Outstanding": QColor(40, 130, 70),
    "Good": QColor(110, 170, 90),
    "Requires improvement": QColor(230, 150, 30),
    "Inadequate": QColor(200, 50, 50),
}

LOG_COLUMNS: list[ListColumn[DecisionLogRow]] = [
    ListColumn("Contact", lambda r: f"#{r.contact_id}", lambda r: r.contact_id),
    RECEIVED_COLUMN,
    ListColumn("Channel", lambda r: humanise(r.channel)),
    ListColumn("Worker", lambda r: r.worker),
    ListColumn("Worker's routing", lambda r: humanise(r.worker_routing)),
    ListColumn("Manager", lambda r: r.manager or ""),
    ListColumn(
        "Outcome",
        lambda r: r.outcome or "awaiting oversight",
        marked=lambda r: r.outcome == "change",
    ),
    ListColumn("Final routing", lambda r: humanise(r.final_routing)),
    TRIGGERS_COLUMN,
    ListColumn(
        "In time",
        lambda r: "" if r.in_time is None else ("yes" if r.in_time else "late"),
        marked=lambda r: r.in_time is False,
    ),
]

AUDIT_COLUMNS: list[ListColumn[quality.AuditItem]] = [
    ListColumn("Contact", lambda r: f"#{r.contact_id}", lambda r: r.contact_id),
    RECEIVED_COLUMN,
    ListColumn("Channel", lambda r: humanise(r.channel)),
    ListColumn("Subject", lambda r: r.subject[:60]),
    ListColumn("Grade", lambda r: quality.GRADE_LABELS.get(r.grade or "", "not graded")),
    ListColumn("Comments", lambda r: r.comments[:80]),
    ListColumn("Graded by", lambda r: r.graded_by or ""),
]


def _pct(part: int, whole: int) -> str:
    v = Dashboard.pct(part, whole)
    return "—" if v is None else f"{v:.0f}%"


class QualityView(QWidget):
    open_contact = Signal(int)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setAccessibleName("Quality view")
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_dashboard(), "&Dashboard")
        self.tabs.addTab(self._build_log(), "Decision &log")
        self.tabs.addTab(self._build_audit(), "&Audit sampling")
        self.exports: ExportsPanel | None = None
        if ctx.user is not None and ctx.user.can("export"):
            self.exports = ExportsPanel(ctx)
            self.tabs.addTab(self.exports, "&Exports")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.refresh()

    # -- dashboard --
    def _build_dashboard(self) -> QWidget:
        w = QWidget()
        grid = QGridLayout(w)
        self.tile_time = FigureTile("Decided within one working day")
        self.tile_override = FigureTile("Manager override rate")
        self.tile_rereferral = FigureTile("Re-referral rate")
        self.tile_sd = FigureTile("Strategy discussion where triggers fired")
        for i, t in enumerate((self.tile_time, self.tile_override, self.tile_rereferral, self.tile_sd)):
            grid.addWidget(t, 0, i)
        self.chart_weeks = BarChart("Contacts per week by channel")
        self.chart_mix = BarChart("Routing mix (final decisions)")
        self.chart_grades = BarChart("Audit grades over time")
        grid.addWidget(self.chart_weeks, 1, 0, 1, 2)
        grid.addWidget(self.chart_mix, 1, 2, 1, 2)
        grid.addWidget(self.chart_grades, 2, 0, 1, 4)
        grid.setRowStretch(1, 1)
        grid.setRowStretch(2, 1)
        return w

    def refresh(self) -> None:
        store = self.ctx.store
        handle = self.ctx.runner.submit(
            lambda _p: (dashboard(store), quality.grades_over_time(store)), name="dashboard"
        )
        handle.finished.connect(self._show_dashboard)
        self.loading = handle
        self.refresh_log()
        self.refresh_samples()

    def _show_dashboard(self, result) -> None:
        d, grades = result
        self.dashboard_data = d
        self.tile_time.set_value(_pct(d.decided_in_time, d.decided), f"{d.decided_in_time} of {d.decided} decided")
        self.tile_override.set_value(
            _pct(d.overrides, d.oversight_total), f"{d.overrides} changed of {d.oversight_total}"
        )
        self.tile_rereferral.set_value(_pct(d.re_referrals, d.contacts), f"{d.re_referrals} of {d.contacts} contacts")
        self.tile_sd.set_value(
            _pct(d.triggered_to_strategy, d.triggered),
            f"{d.triggered_to_strategy} of {d.triggered} with triggers",
        )
        self.chart_weeks.set_data(
            [w[8:10] + "/" + w[5:7] for w in d.weeks],
            {humanise(k): v for k, v in sorted(d.per_week_by_channel.items())},
        )
        codes = [c for c in ROUTING_CODES if c in d.routing_mix]
        self.chart_mix.set_data(
            [humanise(c).replace("child and family assessment", "C&F assessment") for c in codes],
            {"decisions": [d.routing_mix[c] for c in codes]},
        )
        self.chart_grades.set_data(
            [g.period for g in grades],
            {quality.GRADE_LABELS[k]: [g.counts[k] for g in grades] for k in quality.GRADES},
            {quality.GRADE_LABELS[k]: GRADE_COLOURS[quality.GRADE_LABELS[k]] for k in quality.GRADES},
        )

    # -- decision log --
    def _build_log(self) -> QWidget:
        w = QWidget()
        self.log_routing = QComboBox()
        self.log_routing.setAccessibleName("Filter by final routing")
        self.log_routing.addItem("Any routing", None)
        for c in ROUTING_CODES:
            self.log_routing.addItem(humanise(c), c)
        self.log_outcome = QComboBox()
        self.log_outcome.setAccessibleName("Filter by oversight outcome")
        for text, v in (("Any outcome", None), ("Agreed", "agree"), ("Changed", "change"),
                        ("Awaiting oversight", "pending")):  # fmt: skip
            self.log_outcome.addItem(text, v)
        self.log_triggers = QCheckBox("Only with triggers")
        self.log_triggers.setAccessibleName("Only decisions where triggers fired")
        bar = QHBoxLayout()
        for x in (self.log_routing, self.log_outcome, self.log_triggers):
            bar.addWidget(x)
            (x.currentIndexChanged if isinstance(x, QComboBox) else x.toggled).connect(self.refresh_log)
        bar.addStretch(1)
        self.log_count = QLabel()
        bar.addWidget(self.log_count)
        self.log_model: RecordTableModel[DecisionLogRow] = RecordTableModel(LOG_COLUMNS, self)
        self.log_table = self._table(self.log_model, "Decision log")
        layout = QVBoxLayout(w)
        layout.addLayout(bar)
        layout.addWidget(self.log_table)
        return w

    def _table(self, model, name: str) -> QTableView:
        t = QTableView()
        t.setAccessibleName(name)
        t.setModel(model)
        t.setSortingEnabled(True)
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        t.verticalHeader().hide()
        t.horizontalHeader().setStretchLastSection(True)
        t.doubleClicked.connect(lambda idx: self.open_contact.emit(model.data(idx, OBJECT_ROLE).contact_id))
        return t

    def refresh_log(self) -> None:
        store = self.ctx.store
        kwargs = {
            "routing": self.log_routing.currentData(),
            "outcome": self.log_outcome.currentData(),
            "triggers_only": self.log_triggers.isChecked(),
        }
        handle = self.ctx.runner.submit(lambda _p: decision_log(store, **kwargs), name="log")
        handle.finished.connect(self._show_log)
        self.loading_log = handle

    def _show_log(self, rows: list[DecisionLogRow]) -> None:
        self.log_model.set_records(rows)
        self.log_count.setText(f"{len(rows)} decisions")
        self.log_table.resizeColumnsToContents()

    # -- audit sampling --
    def _build_audit(self) -> QWidget:
        w = QWidget()
        self.sample_size = QSpinBox()
        self.sample_size.setRange(1, 500)
        self.sample_size.setValue(10)
        self.sample_size.setAccessibleName("Sample size")
        self.draw_button = QPushButton("Draw a random sample")
        self.draw_button.setAccessibleName("Draw a random sample of decisions")
        self.draw_button.clicked.connect(self.draw_sample)
        self.sample_choice = QComboBox()
        self.sample_choice.setAccessibleName("Audit sample")
        self.sample_choice.currentIndexChanged.connect(self.show_sample)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Size"))
        bar.addWidget(self.sample_size)
        bar.addWidget(self.draw_button)
        bar.addWidget(self.sample_choice, 1)
        self.audit_model: RecordTableModel[quality.AuditItem] = RecordTableModel(AUDIT_COLUMNS, self)
        self.audit_table = self._table(self.audit_model, "Sampled decisions")
        self.grade = QComboBox()
        self.grade.setAccessibleName("Grade")
        for g in quality.GRADES:
            self.grade.addItem(quality.GRADE_LABELS[g], g)
        self.comments = QPlainTextEdit()
        self.comments.setAccessibleName("Audit comments")
        self.comments.setMaximumHeight(80)
        self.save_grade = QPushButton("Save grade")
        self.save_grade.setAccessibleName("Save grade")
        self.save_grade.clicked.connect(self.grade_selected)
        self.audit_error = QLabel()
        self.audit_error.setStyleSheet("QLabel { color: #c03030; }")
        self.audit_error.setAccessibleName("Audit error")
        form_w = QWidget()
        form = QFormLayout(form_w)
        form.addRow("&Grade", self.grade)
        form.addRow("C&omments", self.comments)
        form.addRow("", self.save_grade)
        form.addRow("", self.audit_error)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.audit_table)
        split.addWidget(form_w)
        layout = QVBoxLayout(w)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        return w

    def refresh_samples(self, select: int | None = None) -> None:
        self.sample_choice.blockSignals(True)
        self.sample_choice.clear()
        for s in quality.samples(self.ctx.store):
            self.sample_choice.addItem(
                f"Sample {s.id}: {s.size} decisions, {s.graded} graded — drawn {s.drawn_at[:10]} by {s.drawn_by}",
                s.id,
            )
        if select is not None:
            self.sample_choice.setCurrentIndex(self.sample_choice.findData(select))
        self.sample_choice.blockSignals(False)
        self.show_sample()

    def draw_sample(self) -> None:
        who = self.ctx.user.username if self.ctx.user else "unknown"
        try:
            sid = quality.draw_sample(self.ctx.store, self.sample_size.value(), who)
        except quality.QualityError as exc:
            self.audit_error.setText(str(exc))
            return
        self.audit_error.clear()
        self.refresh_samples(select=sid)

    def show_sample(self) -> None:
        sid = self.sample_choice.currentData()
        self.audit_model.set_records(quality.sample_items(self.ctx.store, sid) if sid else [])
        self.audit_table.resizeColumnsToContents()

    def grade_selected(self) -> None:
        item = self.audit_model.record(self.audit_table.currentIndex().row())
        if item is None:
            self.audit_error.setText("Select a sampled decision first.")
            return
        try:
            quality.grade(
                self.ctx.store,
                item.sample_id,
                item.contact_id,
                self.grade.currentData(),
                self.comments.toPlainText(),
                self.ctx.user.username if self.ctx.user else "unknown",
            )
        except quality.QualityError as exc:
            self.audit_error.setText(str(exc))
            return
        self.audit_error.clear()
        row = self.audit_table.currentIndex().row()
        self.refresh_samples(select=item.sample_id)
        self.audit_table.selectRow(min(row + 1, self.audit_model.rowCount() - 1))
        self.comments.clear()
        self.refresh()


def main() -> None:
    from ui.preview import run_preview

    run_preview(lambda ctx, ids: QualityView(ctx), role="quality_lead")


if __name__ == "__main__":
    main()
